// Facts about a person that depend on the date they are asked for. They are computed on
// demand and never stored, so that they cannot go stale. The SQL twins used for filtering
// live in server/modules/staff/derived-sql.ts and are tested against these.

export const YOUNG_MAX_AGE = 35;
export const YOUNG_MAX_EXPERIENCE_YEARS = 3;
export const CATEGORY_VALID_YEARS = 5;

type Ymd = { y: number; m: number; d: number };
const parse = (iso: string): Ymd => {
  const [y, m, d] = iso.slice(0, 10).split("-").map(Number);
  return { y, m, d };
};

/** Whole years and remaining months from `from` to `to` (both ISO dates); null if `to` is earlier. */
export function yearsAndMonthsBetween(from: string, to: string): { years: number; months: number } | null {
  const a = parse(from);
  const b = parse(to);
  let months = (b.y - a.y) * 12 + (b.m - a.m);
  if (b.d < a.d) months -= 1;
  if (months < 0) return null;
  return { years: Math.floor(months / 12), months: months % 12 };
}

/** Age in full years on a date. */
export function ageOn(birthDate: string | null, asOf: string): number | null {
  if (!birthDate) return null;
  return yearsAndMonthsBetween(birthDate, asOf)?.years ?? null;
}

/** Pedagogical experience on a date, counted from the day pedagogical work began. */
export function pedExperienceOn(pedWorkStart: string | null, asOf: string) {
  if (!pedWorkStart) return null;
  return yearsAndMonthsBetween(pedWorkStart, asOf) ?? { years: 0, months: 0 };
}

/** Молодой педагог: under 35 and fewer than 3 years of pedagogical work on the date. */
export function isYoungTeacher(p: { birthDate: string | null; pedWorkStart: string | null }, asOf: string): boolean {
  const age = ageOn(p.birthDate, asOf);
  const exp = pedExperienceOn(p.pedWorkStart, asOf);
  if (age === null || exp === null) return false;
  return age < YOUNG_MAX_AGE && exp.years < YOUNG_MAX_EXPERIENCE_YEARS;
}

/** Adds whole years to an ISO date; 29 February falls back to 28 February. */
export function addYears(iso: string, years: number): string {
  const { y, m, d } = parse(iso);
  const ny = y + years;
  const leap = (ny % 4 === 0 && ny % 100 !== 0) || ny % 400 === 0;
  const day = m === 2 && d === 29 && !leap ? 28 : d;
  return `${String(ny).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

export type Category = "none" | "conformity" | "first" | "highest";

/**
 * The last day a first or highest category is valid: 5 years from assignment, the day before
 * the anniversary (for 29 February, 28 February of the fifth year, as PostgreSQL's interval
 * arithmetic has it); null for «соответствие» and «без категории», which do not expire here.
 */
export function categoryValidUntil(category: Category, assignedOn: string): string | null {
  if (category !== "first" && category !== "highest") return null;
  const anniversary = addYears(assignedOn, CATEGORY_VALID_YEARS);
  if (assignedOn.slice(5, 10) === "02-29") return anniversary;
  const dt = new Date(`${anniversary}T00:00:00Z`);
  dt.setUTCDate(dt.getUTCDate() - 1);
  return dt.toISOString().slice(0, 10);
}

/** The category in force on a date: the latest assigned by then, unless it has expired. */
export function categoryOn(
  history: { category: Category; assignedOn: string }[],
  asOf: string,
): { category: Category; assignedOn: string; validUntil: string | null; expired: boolean } | null {
  const current = history
    .filter((h) => h.assignedOn <= asOf)
    .sort((a, b) => (a.assignedOn < b.assignedOn ? 1 : -1))[0];
  if (!current) return null;
  const validUntil = categoryValidUntil(current.category, current.assignedOn);
  return { ...current, validUntil, expired: validUntil !== null && validUntil < asOf };
}

/** Today's date as 'YYYY-MM-DD' in the server's local calendar. */
export function todayIso(now = new Date()): string {
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, "0");
  const d = String(now.getDate()).padStart(2, "0");
  return `${y}-${m}-${d}`;
}
