// How numbers, dates and periods read in Russian.
import { formatRuDate } from "../../../shared/validators.js";
import type { Experience } from "../api/types.js";

export { formatRuDate };

const oneDecimal = new Intl.NumberFormat("ru-RU", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const integer = new Intl.NumberFormat("ru-RU", { maximumFractionDigits: 0 });

/** 57.3 → «57,3 %»; null → «—». */
export function formatPercent(value: number | null | undefined): string {
  if (value === null || value === undefined) return "—";
  return `${oneDecimal.format(value)}\u00a0%`;
}

/** 1631 → «1 631». */
export function formatInt(value: number): string {
  return integer.format(value);
}

/** Russian plural: plural(5, ["год", "года", "лет"]) → «лет». */
export function plural(n: number, forms: [string, string, string]): string {
  const mod10 = n % 10;
  const mod100 = n % 100;
  if (mod10 === 1 && mod100 !== 11) return forms[0];
  if (mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)) return forms[1];
  return forms[2];
}

export const yearsWord = (n: number) => plural(n, ["год", "года", "лет"]);

/** {years: 12, months: 3} → «12 лет 3 мес.» */
export function formatExperience(exp: Experience | null | undefined): string {
  if (!exp) return "—";
  const parts: string[] = [];
  if (exp.years > 0 || exp.months === 0) parts.push(`${exp.years} ${yearsWord(exp.years)}`);
  if (exp.months > 0) parts.push(`${exp.months} мес.`);
  return parts.join(" ");
}

/** «45 лет» or «—». */
export function formatAge(age: number | null | undefined): string {
  return age === null || age === undefined ? "—" : `${age} ${yearsWord(age)}`;
}

/** A period «с 01.09.2023 по 31.08.2024», or «с 01.09.2023, бессрочно». */
export function formatPeriod(from: string, to: string | null): string {
  return to ? `${formatRuDate(from)} — ${formatRuDate(to)}` : `с ${formatRuDate(from)}, бессрочно`;
}

/** An ISO timestamp as «16.12.2024 14:05». */
export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${pad(d.getDate())}.${pad(d.getMonth() + 1)}.${d.getFullYear()} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Today as 'YYYY-MM-DD' in the browser's calendar. */
export function todayIso(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Text or a dash for empty values. */
export const orDash = (v: string | number | null | undefined) => (v === null || v === undefined || v === "" ? "—" : String(v));
