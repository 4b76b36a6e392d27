// How professional-development facts read: statuses in colour, course dates, academic years.
import type { PdStatus, RequestStatus } from "../../../../shared/domain.js";
import { formatRuDate, todayIso } from "../../ui/format.js";

export const PD_STATUS_COLORS: Record<PdStatus, string> = {
  up_to_date: "teal",
  due_this_year: "orange",
  overdue: "red",
  exempt: "gray",
};

export const REQUEST_STATUS_COLORS: Record<RequestStatus, string> = {
  draft: "gray",
  submitted: "blue",
  approved: "teal",
  returned: "orange",
};

/** «12.10.2025–23.10.2025», «с 12.10.2025», «по 23.10.2025» or «—». */
export function formatDateRange(from: string | null, to: string | null): string {
  if (from && to) return from === to ? formatRuDate(from) : `${formatRuDate(from)}–${formatRuDate(to)}`;
  if (from) return `с ${formatRuDate(from)}`;
  if (to) return `по ${formatRuDate(to)}`;
  return "—";
}

/** A date or a dash. */
export const dateOrDash = (iso: string | null | undefined) => (iso ? formatRuDate(iso) : "—");

/** The first calendar year of the academic year a date falls in: 2026-11-23 → 2026 (2026-2027). */
export function academicYearOf(iso: string): number {
  const year = Number(iso.slice(0, 4));
  return Number(iso.slice(5, 7)) >= 9 ? year : year - 1;
}

/** 2027 → «2027-2028 учебный год». */
export const academicYearLabel = (y: number) => `${y}-${y + 1} учебный год`;

/** The last academic year that has ended by today: 01.09 of one year to 31.08 of the next. */
export function lastCompletedAcademicYear(today = todayIso()) {
  const y = academicYearOf(today) - 1;
  return { from: `${y}-09-01`, to: `${y + 1}-08-31` };
}

/** 24.9 → «24,9». */
export const decimal = (n: number) => new Intl.NumberFormat("ru-RU", { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(n);

/** «чел.» stays short in tables; whole sentences say «педагогических работников». */
export const persons = (n: number) => `${n}\u00a0чел.`;
