// Value normalisers for imported spreadsheet cells. Each takes what a person typed (or what
// Excel stored) and answers either a clean value or a Russian message that names the value, so
// an import report can say exactly which cell to fix. Pure functions, no database.

import type { Category } from "../../shared/derived.js";
import type { EducationLevel } from "../../shared/domain.js";
import { formatSnils, isIsoDate, isValidSnils } from "../../shared/validators.js";
import type { Cell } from "./read.js";

/** A normaliser's answer: the clean value, or a Russian message naming the value. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(message: string): Parsed<T> => ({ ok: false, message });

const pad2 = (n: number) => String(n).padStart(2, "0");
const iso = (y: number, m: number, d: number) => `${String(y).padStart(4, "0")}-${pad2(m)}-${pad2(d)}`;
const ruDate = (y: number, m: number, d: number) => `${pad2(d)}.${pad2(m)}.${String(y).padStart(4, "0")}`;
const fold = (s: string) => s.toLowerCase().replace(/ё/g, "е");

/** True for null and for text that is only spaces: the engine decides whether an empty cell is allowed. */
export function isEmptyCell(cell: Cell): boolean {
  return cell === null || (typeof cell === "string" && cell.trim() === "");
}

/** A cell as the user sees it, for messages and for text parsing (dates as dd.mm.yyyy, decimal comma). */
export function cellText(cell: Cell): string {
  if (cell === null) return "";
  if (cell instanceof Date) return ruDate(cell.getUTCFullYear(), cell.getUTCMonth() + 1, cell.getUTCDate());
  if (typeof cell === "number") return String(cell).replace(".", ",");
  if (typeof cell === "boolean") return cell ? "да" : "нет";
  return cell.replace(/\s+/g, " ").trim();
}

// ---------------------------------------------------------------------------------------------
// Dates

/** Accepted years: earlier or later is a typo (01.01.0198) or a number that is not a date. */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2100;

const EXCEL_MAX_SERIAL = 2958465; // 31.12.9999

/** Two-digit year: up to next year's two digits means 20yy, otherwise 19yy («85» → 1985, «21» → 2021). */
export function twoDigitYear(yy: number, currentYear = new Date().getUTCFullYear()): number {
  return yy <= (currentYear % 100) + 1 ? 2000 + yy : 1900 + yy;
}

/** Excel serial day number → ISO date; 60 is Excel's fake 29.02.1900 (the Lotus leap-year bug). */
export function excelSerialToIso(serial: number): Parsed<string> {
  const day = Math.floor(serial);
  if (!Number.isFinite(serial) || day < 1 || day > EXCEL_MAX_SERIAL) return fail(`Число ${cellText(serial)} не похоже на дату`);
  if (day === 60) return fail("29.02.1900 — несуществующая дата");
  // Serial 1 is 01.01.1900; after the fake 29 February every serial is one day ahead.
  const epoch = day < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  const d = new Date(epoch + day * 86_400_000);
  return checkYear(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), cellText(serial));
}

function checkYear(y: number, m: number, d: number, shown: string): Parsed<string> {
  if (y < MIN_YEAR || y > MAX_YEAR) return fail(`Дата «${shown}»: год должен быть от ${MIN_YEAR} до ${MAX_YEAR}`);
  return ok(iso(y, m, d));
}

function fromParts(y: number, m: number, d: number, shown: string): Parsed<string> {
  if (!isIsoDate(iso(y, m, d))) return fail(`${ruDate(y, m, d)} — несуществующая дата`);
  return checkYear(y, m, d, shown);
}

const MONTHS: Record<string, number> = {
  янв: 1, фев: 2, мар: 3, апр: 4, май: 5, мая: 5, июн: 6, июл: 7, авг: 8, сен: 9, окт: 10, ноя: 11, дек: 12,
};

/** Removes «г.», «года», a time of day and spaces around separators: «01. 09. 2020 г.» → «01.09.2020». */
function cleanDateText(s: string): string {
  return fold(s)
    .replace(/\s*(г\.?|года?)\s*$/, "")
    .replace(/[\st]+\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?z?$/, "") // «01.01.1980 0:00:00» from database exports
    .replace(/\s*([./-])\s*/g, "$1")
    .trim();
}

/** Parses a date cell (Date, Excel serial, dd.mm.yyyy, d.m.yy, dd/mm/yyyy, dd-mm-yyyy, yyyy-mm-dd, «1 января 1980 г.») → ISO 'YYYY-MM-DD'. */
export function parseDate(cell: Cell): Parsed<string> {
  if (cell === null || isEmptyCell(cell)) return fail("Дата не указана");
  if (cell instanceof Date) {
    // exceljs gives dates at UTC midnight: the UTC calendar day is the day in the file.
    return checkYear(cell.getUTCFullYear(), cell.getUTCMonth() + 1, cell.getUTCDate(), cellText(cell));
  }
  if (typeof cell === "number") return excelSerialToIso(cell);
  if (typeof cell === "boolean") return fail(`«${cellText(cell)}» не похоже на дату`);
  return parseDateText(cell);
}

function parseDateText(raw: string): Parsed<string> {
  const shown = cellText(raw);
  const s = cleanDateText(raw);
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (m) return fromParts(Number(m[1]), Number(m[2]), Number(m[3]), shown);
  m = /^(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})$/.exec(s);
  if (m) {
    const y = m[4].length === 2 ? twoDigitYear(Number(m[4])) : Number(m[4]);
    return fromParts(y, Number(m[3]), Number(m[1]), shown);
  }
  m = /^(\d{1,2})\s+([а-я]+)\.?\s*(\d{4})$/.exec(s);
  if (m && MONTHS[m[2].slice(0, 3)]) return fromParts(Number(m[3]), MONTHS[m[2].slice(0, 3)], Number(m[1]), shown);
  return fail(`Дата «${shown}» не распознана: ожидается дд.мм.гггг`);
}

/** Parses a period «12.10.2020–23.10.2020», «с 12.10.2020 по 23.10.2020», «12.10–23.10.2020», «12–23.10.2020» → { from, to }. */
export function parseDateRange(cell: Cell): Parsed<{ from: string; to: string }> {
  if (isEmptyCell(cell)) return fail("Период не указан");
  const shown = cellText(cell);
  if (typeof cell !== "string") return fail(`«${shown}» не похоже на период: ожидается «дд.мм.гггг–дд.мм.гггг»`);
  const s = fold(cell)
    .replace(/[\u2010-\u2015\u2212]/g, "-") // every kind of dash and minus → "-"
    .replace(/(\d)\s*г\.?(?![а-я])/g, "$1")
    .replace(/\s+/g, " ")
    .trim();
  const parts = splitRange(s);
  if (!parts) return fail(`Период «${shown}» не распознан: ожидается «дд.мм.гггг–дд.мм.гггг»`);
  const to = parseDateText(parts.to);
  if (!to.ok) return fail(`Период «${shown}»: ${to.message}`);
  const fromText = completeFrom(parts.from, to.value);
  const from = parseDateText(fromText);
  if (!from.ok) return fail(`Период «${shown}»: ${from.message}`);
  if (from.value > to.value) return fail(`Период «${shown}»: дата начала позже даты окончания`);
  return ok({ from: from.value, to: to.value });
}

const FULL_DATE = /^(?:\d{4}-\d{1,2}-\d{1,2}|\d{1,2}([./-])\d{1,2}\1(?:\d{4}|\d{2}))$/;
const PARTIAL_START = /^\d{1,2}(?:\.\d{1,2})?\.?$/;

/**
 * Splits a period into its two ends at a dash, «по» or «до». Dashes also occur inside dates
 * (dd-mm-yyyy, ISO), so every candidate split is tried and both ends are checked. The first end
 * may lack the year («12.10») or even the month («12»).
 */
function splitRange(s: string): { from: string; to: string } | null {
  const body = s.replace(/^с\s*/, "");
  for (const m of body.matchAll(/\s*(?:-|\sпо\s|\sдо\s)\s*/g)) {
    const from = cleanDateText(body.slice(0, m.index));
    const to = cleanDateText(body.slice(m.index + m[0].length));
    if (FULL_DATE.test(to) && (FULL_DATE.test(from) || PARTIAL_START.test(from))) return { from: from.replace(/\.$/, ""), to };
  }
  return null;
}

/**
 * «12.10» borrows the year of the end date, or the year before when the period crosses New
 * Year («28.12–10.01.2021»); «12» borrows the end date's month and year.
 */
function completeFrom(from: string, toIso: string): string {
  const [y, m] = toIso.split("-");
  if (/^\d{1,2}$/.test(from)) return `${from}.${m}.${y}`;
  const dm = /^(\d{1,2})\.(\d{1,2})$/.exec(from);
  if (!dm) return from;
  const crossesYear = `${pad2(Number(dm[2]))}-${pad2(Number(dm[1]))}` > toIso.slice(5);
  return `${from}.${crossesYear ? Number(y) - 1 : y}`;
}

// ---------------------------------------------------------------------------------------------
// Category, education

/** Words of a value: lower case, ё → е, split on anything but letters and digits. */
const words = (s: string) => fold(s).split(/[^a-zа-я0-9]+/).filter(Boolean);

const CATEGORY_HINT = "укажите «высшая», «первая», «соответствие занимаемой должности» или «без категории»";

/** Parses a qualification category: «высшая», «ВКК», «1 КК», «I кв. категория», «СЗД», «б/к», empty → code. */
export function parseCategory(cell: Cell): Parsed<Category> {
  const text = cellText(cell);
  const w = words(text);
  const joined = w.join(" ");
  if (w.length === 0 || /^(нет|не имеет|отсутствует|б к|бк|без кат.*|не аттестован.*)$/.test(joined)) return ok("none");
  if (w.some((x) => x.startsWith("соответств")) || w.includes("сзд")) return ok("conformity");
  if (w.some((x) => x.startsWith("высш") || x === "вкк") || joined === "в") return ok("highest");
  if (w.some((x) => /^(1|i|1кк|iкк|1я|1ая|перв.*)$/.test(x))) return ok("first");
  return fail(`Категория «${text}» не распознана: ${CATEGORY_HINT}`);
}

/** Level of education and whether it is pedagogical (null when the text does not say). */
export type Education = { level: EducationLevel; isPedagogical: boolean | null };

// Words naming a level. When several occur («среднее профессиональное, ФГБОУ ВО …») the earliest
// wins: people write the level first and the institution after it.
const LEVEL_WORDS: [EducationLevel, RegExp][] = [
  ["higher", /(^| )(высш\S*|во|впо|бакалавр\S*|магист\S*|специалитет\S*|аспирантур\S*)( |$)/],
  ["secondary_vocational", /(^| )(спо|(среднее|средне|ср) (проф|спец)\S*|средне ?специальн\S*|ср ?спец\S*)( |$)/],
  ["other", /(^| )(средн\S* общ\S*|основн\S* общ\S*|общее|начальн\S*|нпо|студент\S*|обучается)( |$)/],
];
// Only when no level is named: the kind of institution tells it.
const INSTITUTION_WORDS: [EducationLevel, RegExp][] = [
  ["higher", /(^| )(университет\S*|институт\S*|академи\S*|вуз|пединститут\S*|педуниверситет\S*)( |$)/],
  ["secondary_vocational", /(^| )(колледж\S*|техникум\S*|училищ\S*|педколледж\S*|педучилищ\S*)( |$)/],
];
const NOT_PEDAGOGICAL = /(^| )(не ?пед\S*|непед\S*)( |$)/;
const PEDAGOGICAL = /(^| )(пед|педагог\S*|психолого|пед(колледж|училищ|институт|университет|вуз)\S*)( |$)/;

function earliestLevel(s: string, table: [EducationLevel, RegExp][]): EducationLevel | null {
  let best: { level: EducationLevel; at: number } | null = null;
  for (const [level, re] of table) {
    const m = re.exec(s);
    if (m && (!best || m.index < best.at)) best = { level, at: m.index };
  }
  return best?.level ?? null;
}

/** Parses education: «высшее (педагогическое)», «ВО», «бакалавриат», «СПО», «ср.-спец.», «среднее общее» → level and whether pedagogical. */
export function parseEducation(cell: Cell): Parsed<Education> {
  const text = cellText(cell);
  const s = words(text).join(" ");
  if (s === "") return fail("Образование не указано");
  const isPedagogical = NOT_PEDAGOGICAL.test(s) ? false : PEDAGOGICAL.test(s) ? true : null;
  // «Незаконченное высшее» is not higher education, wherever the word stands.
  if (/(^| )(неоконченн|незаконченн)/.test(s)) return ok({ level: "other", isPedagogical });
  const level = earliestLevel(s, LEVEL_WORDS) ?? earliestLevel(s, INSTITUTION_WORDS);
  if (level) return ok({ level, isPedagogical });
  return fail(`Образование «${text}» не распознано: укажите «высшее», «среднее профессиональное» или иное (например, «среднее общее»)`);
}

// ---------------------------------------------------------------------------------------------
// Names

/** A full name split into its parts, capitalised. */
export type FullName = { lastName: string; firstName: string; patronymic: string | null; full: string };

/** Particles of Turkic patronymics, written in lower case after the father's name. */
const PATRONYMIC_PARTICLES = new Set(["оглы", "кызы", "улы", "уулу", "гызы"]);

/** Capitalises a name part, each hyphenated piece too («петрова-водкина» → «Петрова-Водкина»); ё is kept as typed. */
export function normalizeNamePart(s: string): string {
  return s
    .trim()
    .toLowerCase()
    .split("-")
    .map((p) => (p ? p[0].toUpperCase() + p.slice(1) : p))
    .join("-");
}

/** Parses «Фамилия Имя Отчество» (any case, extra spaces; patronymic optional; «оглы»/«кызы» joined to it). */
export function parseFullName(cell: Cell): Parsed<FullName> {
  const text = cellText(cell);
  const parts = text.replace(/[,;]/g, " ").split(/\s+/).filter(Boolean);
  if (parts.length < 2) return fail(`ФИО «${text}»: укажите фамилию и имя`);
  if (parts.some((p) => /[^a-zA-Zа-яА-ЯёЁ'’.-]/.test(p))) return fail(`ФИО «${text}»: недопустимые символы`);
  // «Иванов И.И.» or «Иванов И. И.»: initials cannot become a first name.
  if (parts.slice(1).some((p) => p.includes(".") || /^[^-]$/.test(p))) {
    return fail(`ФИО «${text}»: укажите имя и отчество полностью, а не инициалы`);
  }
  const [last, first, ...rest] = parts.map((p) => (PATRONYMIC_PARTICLES.has(fold(p)) ? fold(p) : normalizeNamePart(p)));
  const patronymic = rest.length > 0 ? rest.join(" ") : null;
  return ok({ lastName: last, firstName: first, patronymic, full: [last, first, patronymic].filter(Boolean).join(" ") });
}

// ---------------------------------------------------------------------------------------------
// СНИЛС

/** Parses a СНИЛС with any separators, or a number Excel stored without leading zeros → «XXX-XXX-XXX YY» when the checksum holds. */
export function parseSnils(cell: Cell): Parsed<string> {
  if (isEmptyCell(cell)) return fail("СНИЛС не указан");
  let digits: string;
  if (typeof cell === "number") {
    if (!Number.isInteger(cell) || cell < 0) return fail(`СНИЛС «${cellText(cell)}»: должно быть 11 цифр`);
    digits = String(cell).padStart(11, "0");
  } else {
    const text = cellText(cell);
    // Separators of any kind are fine; a letter means it is some other value.
    if (typeof cell !== "string" || /[^\d\s.,_/\\-]/.test(text)) return fail(`СНИЛС «${text}»: должно быть 11 цифр`);
    digits = text.replace(/\D/g, "");
  }
  const formatted = formatSnils(digits);
  if (!formatted) return fail(`СНИЛС «${cellText(cell)}»: должно быть 11 цифр`);
  if (!isValidSnils(digits)) return fail(`СНИЛС ${formatted}: неверное контрольное число`);
  return ok(formatted);
}

// ---------------------------------------------------------------------------------------------
// Yes / no columns

type Mark = "yes" | "no" | "part" | "main" | "empty";

function classifyMark(cell: Cell): Mark | null {
  if (isEmptyCell(cell)) return "empty";
  if (typeof cell === "boolean") return cell ? "yes" : "no";
  if (typeof cell === "number") return cell === 1 ? "yes" : cell === 0 ? "no" : null;
  const t = fold(cellText(cell));
  if (/^[-–—]+$/.test(t)) return "no";
  if (/^(\+|да|д|1|true|истина|yes|y|v|✓|✔|x|х)$/.test(t)) return "yes";
  if (/^(нет|н|0|false|ложь|no|n)$/.test(t)) return "no";
  const w = words(t).join(" ");
  if (/^не (совм|совместит)/.test(w)) return "main";
  if (/(^| )(совм|совместит|внешн|внутр)/.test(w)) return "part";
  if (/(^| )(осн|основн|штатн)/.test(w)) return "main";
  return null;
}

const markError = (cell: Cell, what: string) =>
  fail<boolean>(`«${cellText(cell)}» в столбце «${what}» не распознано: укажите «да» или «нет»`);

/** Strict yes/no: «да», «+», «1», «true» → true; «нет», «-», «0», empty → false. */
export function parseBoolean(cell: Cell): Parsed<boolean> {
  const m = classifyMark(cell);
  if (m === "yes") return ok(true);
  if (m === "no" || m === "empty") return ok(false);
  return fail(`«${cellText(cell)}» не распознано: укажите «да» или «нет»`);
}

/** «Совместитель» column: «да», «+», «совм.», «внешний совместитель», «внутр. совм.» → true; «нет», «-», «основное», «осн.», empty → false. */
export function parsePartTime(cell: Cell): Parsed<boolean> {
  const m = classifyMark(cell);
  if (m === "yes" || m === "part") return ok(true);
  if (m === "no" || m === "main" || m === "empty") return ok(false);
  return markError(cell, "Совместитель");
}

/** «Основное место работы» column: «да», «+», «основное» → true; «нет», «-», «совместитель» → false; empty → true (main is the default). */
export function parseMainJob(cell: Cell): Parsed<boolean> {
  const m = classifyMark(cell);
  if (m === "yes" || m === "main" || m === "empty") return ok(true);
  if (m === "no" || m === "part") return ok(false);
  return markError(cell, "Основное место работы");
}

// ---------------------------------------------------------------------------------------------
// Experience

/** Experience as typed, normalised (months < 12), and the start of pedagogical work it implies. */
export type Experience = { years: number; months: number; days: number; pedWorkStart: string };

/** Years of experience above this are a typo (a year, a date). */
export const MAX_EXPERIENCE_YEARS = 70;

/** Parses experience «12», «12,5», «12 л. 3 м.», «3 г. 2 мес.», «5 мес.», «12 л. 3 м. 10 д.» and derives the start date as asOf minus it. */
export function parseExperience(cell: Cell, asOf: string): Parsed<Experience> {
  if (!isIsoDate(asOf)) throw new Error(`parseExperience: asOf must be an ISO date, got ${asOf}`);
  if (isEmptyCell(cell)) return fail("Стаж не указан");
  const text = cellText(cell);
  if (cell instanceof Date) {
    // Russian Excel turns a typed «12.5» into 12 May: say so rather than guess.
    return fail(`Стаж «${text}» похож на дату: укажите стаж числом лет, например «12» или «12 л. 3 м.»`);
  }
  const span = typeof cell === "number" ? fromDecimalYears(cell) : parseExperienceText(text);
  if (!span) return fail(`Стаж «${text}» не распознан: укажите число лет, например «12», «12,5» или «12 л. 3 м.»`);
  const years = span.years + Math.floor(span.months / 12);
  const months = span.months % 12;
  if (years > MAX_EXPERIENCE_YEARS) return fail(`Стаж «${text}»: больше ${MAX_EXPERIENCE_YEARS} лет — проверьте значение`);
  return ok({ years, months, days: span.days, pedWorkStart: subtractSpan(asOf, years, months, span.days) });
}

type Span = { years: number; months: number; days: number };

function fromDecimalYears(n: number): Span | null {
  if (!Number.isFinite(n) || n < 0) return null;
  let years = Math.floor(n);
  let months = Math.round((n - years) * 12);
  if (months === 12) [years, months] = [years + 1, 0];
  return { years, months, days: 0 };
}

function parseExperienceText(text: string): Span | null {
  const s = fold(text).replace(/\s+/g, " ").trim();
  if (/^(нет|-|–|—|менее (1 )?(года|мес\S*))$/.test(s)) return { years: 0, months: 0, days: 0 };
  if (/^\d+([.,]\d+)?$/.test(s)) return fromDecimalYears(Number(s.replace(",", ".")));
  // Units after numbers: «12 лет 3 месяца 10 дней», «12л.3м.», «3 г. 2 мес.».
  const re = /(\d+(?:[.,]\d+)?)\s*(лет|год[а-я]*|г|л|мес[а-я]*|м|дн[а-я]*|день|д)\.?/g;
  const span: Span = { years: 0, months: 0, days: 0 };
  let consumed = "";
  for (const m of s.matchAll(re)) {
    const n = Number(m[1].replace(",", "."));
    const unit = m[2][0];
    if (unit === "л" || unit === "г") {
      const y = fromDecimalYears(n);
      if (!y) return null;
      span.years += y.years;
      span.months += y.months;
    } else if (!Number.isInteger(n)) return null;
    else if (unit === "м") span.months += n;
    else span.days += n;
    consumed += m[0];
  }
  // Everything but the recognised pieces must be spaces or commas, else it is not experience.
  if (consumed === "" || s.replace(re, "").replace(/[\s,;]/g, "") !== "") return null;
  return span;
}

/** asOf minus years, months and days; the day is clamped to the month's length (31.03 − 1 month = 29.02 or 28.02). */
function subtractSpan(asOf: string, years: number, months: number, days: number): string {
  const [y, m, d] = asOf.split("-").map(Number);
  const total = y * 12 + (m - 1) - years * 12 - months;
  const ny = Math.floor(total / 12);
  const nm = total % 12; // 0-based
  const lastDay = new Date(Date.UTC(ny, nm + 1, 0)).getUTCDate();
  const dt = new Date(Date.UTC(ny, nm, Math.min(d, lastDay)));
  dt.setUTCDate(dt.getUTCDate() - days);
  return dt.toISOString().slice(0, 10);
}

// ---------------------------------------------------------------------------------------------
// Organisation and reference names, lists

/** Splits «математика, физика; информатика» on , ; / and newlines; trims, drops empties, de-duplicates ignoring case and ё. */
export function splitList(cell: Cell): string[] {
  if (isEmptyCell(cell)) return [];
  // Numbers and dates are one item; String(12.5) keeps the point so it is not split on a comma.
  const text = typeof cell === "string" ? cell : typeof cell === "number" ? String(cell) : cellText(cell);
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of text.split(/[,;/\n\r]+/)) {
    const item = raw.replace(/\s+/g, " ").trim();
    const key = fold(item);
    if (item === "" || seen.has(key)) continue;
    seen.add(key);
    out.push(item);
  }
  return out;
}
