// Importing pedagogical staff: a row is a person with one place of work, and optionally their
// education and qualification category. The same person (same СНИЛС, or same full name and
// birth date) is updated, never created twice, within the file and against the registry.
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Queryable, Tx } from "../../db/client.js";
import { queryRows } from "../../db/client.js";
import { organizations, positions, subjects } from "../../db/schema.js";
import { column, insertReturningIds, intArrayLiteral, updateRows } from "../../db/bulk.js";
import { ageOn, type Category } from "../../../shared/derived.js";
import { CATEGORY_LABELS, type EducationLevel } from "../../../shared/domain.js";
import { foldName } from "../../../shared/validators.js";
import {
  cellText,
  isEmptyCell,
  normalizeNamePart,
  parseCategory,
  parseDate,
  parseEducation,
  parseExperience,
  parseFullName,
  parseMainJob,
  parsePartTime,
  parseSnils,
  splitList,
  type Parsed,
} from "../normalize.js";
import type { Cell } from "../read.js";
import { PROGRESS_EVERY, type Analysis, type ImportContext, type ImportKind, type RowError, type RowOutcome, type SourceRow, type TemplateColumn } from "../kind.js";
import { missMessage, type ReferenceBook } from "../reference-book.js";
import { OUT_OF_SCOPE_PERSON } from "../kind.js";
import { personInScopeSql, type Actor } from "../../auth/policies.js";
import type { Dictionary, Lookup } from "../resolve.js";
import { matchKey } from "../match-key.js";
import { recordAuditBulk, type BulkAuditRow as AuditRow } from "../../modules/audit/audit.js";

const FIELDS = [
  { key: "fullName", label: "ФИО", synonyms: ["ФИО", "Фамилия, имя, отчество", "Ф.И.О.", "ФИО педагога", "ФИО работника", "ФИО педагогического работника", "Фамилия имя отчество полностью"] },
  { key: "surname", label: "Фамилия", synonyms: ["Фамилия"] },
  { key: "name", label: "Имя", synonyms: ["Имя"] },
  { key: "patronymic", label: "Отчество", synonyms: ["Отчество"] },
  { key: "birthDate", label: "Дата рождения", synonyms: ["Дата рождения", "Дата рожд.", "Число, месяц, год рождения", "Д.р."] },
  { key: "gender", label: "Пол", synonyms: ["Пол"] },
  { key: "snils", label: "СНИЛС", synonyms: ["СНИЛС", "№ СНИЛС", "Страховой номер", "Номер СНИЛС"] },
  { key: "phone", label: "Телефон", synonyms: ["Телефон", "Контактный телефон", "Тел.", "Мобильный телефон"] },
  { key: "email", label: "Электронная почта", synonyms: ["E-mail", "Email", "Электронная почта", "Эл. почта", "Адрес электронной почты"] },
  { key: "organization", label: "Организация", synonyms: ["ОО", "Образовательная организация", "Место работы", "Наименование ОО", "Организация", "Учреждение", "Наименование образовательной организации", "ОУ", "Наименование учреждения", "Основное место работы (ОО)"] },
  { key: "position", label: "Должность", synonyms: ["Должность", "Занимаемая должность", "Должность по штатному расписанию", "Наименование должности"] },
  { key: "subjects", label: "Предметы", synonyms: ["Предмет(ы)", "Предмет", "Предметы", "Преподаваемые предметы", "Преподаваемый предмет", "Преподаваемая дисциплина", "Преподаваемые дисциплины", "Дисциплина"] },
  { key: "partTime", label: "Совместитель", synonyms: ["Совместитель", "Совместительство", "Внешний совместитель", "Работа по совместительству"] },
  { key: "mainJob", label: "Основное место работы", synonyms: ["Основное место работы", "Основная работа", "Основной работник"] },
  { key: "hireDate", label: "Дата приёма", synonyms: ["Дата приёма", "Дата приема на работу", "Дата назначения на должность", "Дата приёма на работу"] },
  { key: "education", label: "Образование", synonyms: ["Образование", "Уровень образования", "Образование (уровень)"] },
  { key: "institution", label: "Учебное заведение", synonyms: ["Учебное заведение", "Что окончил", "Наименование учебного заведения", "Какое учебное заведение окончил", "Образовательное учреждение (окончил)", "Учреждение образования"] },
  { key: "graduationYear", label: "Год окончания", synonyms: ["Год окончания", "Год окончания учебного заведения", "Год выпуска"] },
  { key: "speciality", label: "Специальность", synonyms: ["Специальность", "Специальность по диплому", "Квалификация по диплому", "Направление подготовки"] },
  { key: "category", label: "Квалификационная категория", synonyms: ["Квалификационная категория", "Категория", "Кв. категория", "Квалификация"] },
  { key: "categoryDate", label: "Дата присвоения категории", synonyms: ["Дата присвоения категории", "Дата присвоения", "Дата аттестации", "Дата присвоения квалификационной категории", "Квалификационная категория дата присвоения"] },
  { key: "pedExperience", label: "Педагогический стаж", synonyms: ["Педагогический стаж", "Пед. стаж", "Пед.стаж", "Стаж педагогической работы", "Педстаж", "Стаж педагогический"] },
  { key: "pedWorkStart", label: "Дата начала педагогической деятельности", synonyms: ["Дата начала педагогической деятельности", "Начало педагогической деятельности", "Дата начала педагогического стажа"] },
];

type PersonValues = {
  surname: string;
  name: string;
  patronymic: string | null;
  birthDate: string | null;
  gender: string | null;
  snils: string | null;
  phone: string | null;
  email: string | null;
  pedWorkStart: string | null;
};
const NAME_KEYS = new Set<keyof PersonValues>(["surname", "name", "patronymic"]);
const PERSON_KEYS: (keyof PersonValues)[] = ["surname", "name", "patronymic", "birthDate", "gender", "snils", "phone", "email", "pedWorkStart"];

type ParsedRow = {
  row: number;
  /** The name as the file has it, and its column, for messages. */
  nameColumn: string;
  shownName: string;
  person: PersonValues;
  organizationId: number;
  positionId: number;
  subjectIds: number[];
  isMain: boolean;
  hireDate: string | null;
  education: { level: EducationLevel; isPedagogical: boolean; institution: string | null; graduationYear: number | null; speciality: string | null } | null;
  category: { category: Category; assignedOn: string } | null;
};

type ExistingEmployment = { id: number; organizationId: number; positionId: number; subjectIds: number[]; isMain: boolean; hireDate: string | null; dismissalDate: string | null };
type ExistingPerson = PersonValues & { id: number };

/**
 * A position cell: a position, or a position that names its subjects («учитель начальных
 * классов», «учитель русского языка и литературы»): the longest known position at the start,
 * the rest read as subjects.
 */
function resolvePosition(refs: ReferenceBook, at: { field: string; column: string; value: string; row: number }): { positionId: number; subjectIds: number[] } | Lookup {
  const positions = refs.loaded("position");
  const direct = positions.lookup(at.value);
  if (direct.kind === "match") return { positionId: direct.id, subjectIds: [] };
  if (direct.kind === "unknown") {
    const words = matchKey(at.value).split(" ");
    for (let n = words.length - 1; n >= 1; n--) {
      const head = positions.lookup(words.slice(0, n).join(" "));
      if (head.kind !== "match") continue;
      const subjectIds = resolveSubjectsOf(refs.loaded("subject"), words.slice(n).join(" "));
      if (subjectIds) return { positionId: head.id, subjectIds };
    }
  }
  refs.miss("position", at, direct);
  return direct;
}

/** «русский язык и литература», «химия + биология» → subjects, when every part is known; else null. */
function resolveSubjectsOf(subjectDict: Dictionary, text: string): number[] | null {
  const whole = subjectDict.lookup(text);
  if (whole.kind === "match") return [whole.id];
  const parts = text.split(/\s+(?:и|\+)\s+|\s*\+\s*/).filter(Boolean);
  if (parts.length < 2) return null;
  const ids: number[] = [];
  for (const p of parts) {
    const found = subjectDict.lookup(p);
    if (found.kind !== "match") return null;
    if (!ids.includes(found.id)) ids.push(found.id);
  }
  return ids;
}

/**
 * The people of the registry the file may speak of — same СНИЛС, or same full name and birth
 * date as a row — with their jobs, education and categories. Only those: a municipality of
 * 60,000 staff is not read whole for a file of a few hundred rows.
 */
async function loadPeople(db: Queryable, actor: Actor, municipalityId: number, rows: ParsedRow[]) {
  const snils = [...new Set(rows.map((r) => r.person.snils).filter((v): v is string => v !== null))];
  const named = rows.filter((r) => r.person.birthDate);
  const people = await queryRows<ExistingPerson & { search_name: string; in_scope: boolean }>(
    db,
    sql`select p.id, p.surname, p.name, p.patronymic, p.birth_date as "birthDate", p.gender, p.snils, p.phone, p.email,
          p.ped_work_start as "pedWorkStart", p.search_name, ${personInScopeSql(actor, sql`p.id`)} as in_scope
        from persons p
        where p.municipality_id = ${municipalityId}
          and (p.snils = any(${sql.param(snils)}::text[])
            or (p.search_name, p.birth_date) in (
              select * from unnest(${sql.param(named.map((r) => searchNameOf(r.person)))}::text[], ${sql.param(named.map((r) => r.person.birthDate))}::date[])))`,
  );
  const personById = new Map<number, ExistingPerson>();
  const bySnils = new Map<string, number>();
  const byNameBirth = new Map<string, number>();
  // People the actor may not see (another school's, for a coordinator): a row naming one is refused.
  const outOfScope = new Set<number>();
  for (const p of people) {
    const { search_name, in_scope, ...person } = p;
    if (!in_scope) outOfScope.add(p.id);
    personById.set(p.id, person);
    if (p.snils) bySnils.set(p.snils, p.id);
    if (p.birthDate) byNameBirth.set(`${search_name}|${p.birthDate}`, p.id);
  }
  const ids = sql.param([...personById.keys()]);
  const employmentsByPerson = groupBy(
    await queryRows<ExistingEmployment & { personId: number }>(
      db,
      sql`select id, person_id as "personId", organization_id as "organizationId", position_id as "positionId",
            subject_ids as "subjectIds", is_main as "isMain", hire_date as "hireDate", dismissal_date as "dismissalDate"
          from employments where person_id = any(${ids}::int[])`,
    ),
  );
  const educationKeys = keySet(
    await queryRows<{ personId: number; key: string }>(
      db,
      sql`select person_id as "personId", level || '|' || coalesce(lower(institution), '') as key from educations where person_id = any(${ids}::int[])`,
    ),
  );
  const categoryKeys = keySet(
    await queryRows<{ personId: number; key: string }>(
      db,
      sql`select person_id as "personId", category || '|' || assigned_on::text as key from qualification_categories where person_id = any(${ids}::int[])`,
    ),
  );
  return { personById, bySnils, byNameBirth, outOfScope, employmentsByPerson, educationKeys, categoryKeys };
}

/** The persons.search_name of a row: the generated column's expression, computed the same way. */
const searchNameOf = (p: PersonValues) => `${p.surname} ${p.name} ${p.patronymic ?? ""}`.toLowerCase().replace(/ё/g, "е");

type People = Awaited<ReturnType<typeof loadPeople>>;

function groupBy<T extends { personId: number }>(rows: T[]): Map<number, T[]> {
  const map = new Map<number, T[]>();
  for (const r of rows) map.set(r.personId, [...(map.get(r.personId) ?? []), r]);
  return map;
}
function keySet(rows: { personId: number; key: string }[]): Map<number, Set<string>> {
  const map = new Map<number, Set<string>>();
  for (const r of rows) {
    const set = map.get(r.personId) ?? new Set<string>();
    set.add(r.key);
    map.set(r.personId, set);
  }
  return map;
}

const MIN_AGE = 16;
const MAX_AGE = 80;

/** Parses and checks one row; returns the row's values or its errors (all of them, not only the first). */
function parseRow(src: SourceRow, ctx: ImportContext): { value: ParsedRow | null; errors: RowError[]; warnings: RowError[] } {
  const errors: RowError[] = [];
  const warnings: RowError[] = [];
  const problem = (list: RowError[]) => (field: string, fallbackLabel: string, message: string) => {
    const cell = src.get(field);
    list.push({ row: src.row, column: cell?.header ?? fallbackLabel, value: cellText(cell?.cell ?? null), message });
  };
  const fail = problem(errors);
  const warn = problem(warnings);
  const at = (field: string, label: string, value: string) => ({ field, column: src.get(field)?.header ?? label, value, row: src.row });
  const cellOf = (field: string): Cell => src.get(field)?.cell ?? null;
  /** Parses an optional field: empty → null, otherwise the parser's value or an error. */
  const optional = <T>(field: string, label: string, parse: (c: Cell) => Parsed<T>): T | null => {
    const cell = cellOf(field);
    if (isEmptyCell(cell)) return null;
    const r = parse(cell);
    if (r.ok) return r.value;
    fail(field, label, r.message);
    return null;
  };

  // Name: one column «ФИО», or three apart.
  let surname = "";
  let name = "";
  let patronymic: string | null = null;
  if (src.get("fullName") && !isEmptyCell(cellOf("fullName"))) {
    const full = optional("fullName", "ФИО", parseFullName);
    if (full) ({ lastName: surname, firstName: name, patronymic } = full);
  } else {
    surname = normalizeNamePart(cellText(cellOf("surname")));
    name = normalizeNamePart(cellText(cellOf("name")));
    patronymic = cellText(cellOf("patronymic")) ? normalizeNamePart(cellText(cellOf("patronymic"))) : null;
    if (!surname || !name) fail(src.get("surname") ? "surname" : "fullName", "ФИО", "Не указаны фамилия и имя");
  }
  if (!surname && !name && errors.length === 0) fail("fullName", "ФИО", "Не указаны фамилия и имя");

  const birthDate = optional("birthDate", "Дата рождения", parseDate);
  if (birthDate) {
    const age = ageOn(birthDate, ctx.today);
    if (age === null || age < MIN_AGE || age > MAX_AGE) {
      fail("birthDate", "Дата рождения", `Возраст ${age ?? "меньше нуля"} лет на ${ruDate(ctx.today)}: проверьте дату рождения (допустимо от ${MIN_AGE} до ${MAX_AGE} лет)`);
    }
  }
  const snils = optional("snils", "СНИЛС", parseSnils);
  const gender = optional("gender", "Пол", parseGender);
  const email = optional("email", "Электронная почта", (c) =>
    /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(cellText(c)) ? { ok: true, value: cellText(c) } : { ok: false, message: `Адрес «${cellText(c)}» не похож на электронную почту` },
  );
  const phone = cellText(cellOf("phone")) || null;
  let pedWorkStart = optional("pedWorkStart", "Дата начала педагогической деятельности", parseDate);
  if (!pedWorkStart) pedWorkStart = optional("pedExperience", "Педагогический стаж", (c) => parseExperience(c, ctx.today))?.pedWorkStart ?? null;

  // Place of work.
  let organizationId = ctx.defaultOrganizationId;
  const orgText = cellText(cellOf("organization"));
  if (orgText) {
    const org = ctx.refs.lookup("organization", at("organization", "Организация", orgText));
    if (org.kind !== "match") fail("organization", "Организация", missMessage("organization", orgText, org));
    else if (org.archived) fail("organization", "Организация", `Организация «${orgText}» в архиве`);
    else organizationId = org.id;
  } else if (organizationId === null) {
    fail("organization", "Организация", "Не указана организация: добавьте столбец «ОО» или выберите организацию для всего файла");
  }
  if (organizationId !== null && ctx.actor.role === "org_coordinator" && organizationId !== ctx.actor.organizationId) {
    fail("organization", "Организация", "Координатор загружает только работников своей организации");
  }
  const positionText = cellText(cellOf("position"));
  let positionId: number | null = null;
  const subjectIds: number[] = [];
  if (!positionText) fail("position", "Должность", "Не указана должность");
  else {
    const position = resolvePosition(ctx.refs, at("position", "Должность", positionText));
    if ("positionId" in position) {
      positionId = position.positionId;
      subjectIds.push(...position.subjectIds);
    } else fail("position", "Должность", missMessage("position", positionText, position));
  }
  for (const item of splitList(cellOf("subjects"))) {
    const ids = resolveSubjectsOf(ctx.refs.loaded("subject"), item);
    if (!ids) {
      const found = ctx.refs.lookup("subject", at("subjects", "Предметы", item));
      fail("subjects", "Предметы", missMessage("subject", item, found));
    } else for (const id of ids) if (!subjectIds.includes(id)) subjectIds.push(id);
  }
  let isMain = true;
  if (src.get("mainJob") && !isEmptyCell(cellOf("mainJob"))) isMain = optional("mainJob", "Основное место работы", parseMainJob) ?? true;
  else if (src.get("partTime")) isMain = !(optional("partTime", "Совместитель", parsePartTime) ?? false);
  const hireDate = optional("hireDate", "Дата приёма", parseDate);

  // Education and category.
  const edu = optional("education", "Образование", parseEducation);
  const graduationYear = optional("graduationYear", "Год окончания", (c) => parseYear(c, ctx.today));
  const education = edu
    ? {
        level: edu.level,
        isPedagogical: edu.isPedagogical ?? false,
        institution: cellText(cellOf("institution")) || null,
        graduationYear,
        speciality: cellText(cellOf("speciality")) || null,
      }
    : null;
  const categoryCode = optional("category", "Квалификационная категория", parseCategory);
  const assignedOn = optional("categoryDate", "Дата присвоения категории", parseDate);
  let category: ParsedRow["category"] = null;
  if (categoryCode && categoryCode !== "none") {
    // School lists rarely carry the date: the row imports, the category waits for its date.
    if (!assignedOn) {
      warn(
        src.get("categoryDate") ? "categoryDate" : "category",
        "Дата присвоения категории",
        `«${CATEGORY_LABELS[categoryCode]}» без даты присвоения не записана: срок действия неизвестен. Укажите дату в карточке педагога или в файле`,
      );
    } else if (assignedOn > ctx.today) fail("categoryDate", "Дата присвоения категории", `Дата присвоения ${ruDate(assignedOn)} ещё не наступила`);
    else category = { category: categoryCode, assignedOn };
  }

  if (!birthDate) {
    warn(
      "birthDate",
      "Дата рождения",
      snils
        ? "Не указана дата рождения: педагог найден по СНИЛС, но возраст и «молодой педагог» не посчитаются"
        : "Не указаны ни дата рождения, ни СНИЛС: педагог сопоставляется только по ФИО, возраст не посчитается",
    );
  }
  if (errors.length > 0 || organizationId === null || positionId === null) return { value: null, errors, warnings: [] };
  return {
    value: {
      row: src.row,
      nameColumn: src.get("fullName")?.header ?? src.get("surname")?.header ?? "ФИО",
      shownName: [surname, name, patronymic].filter(Boolean).join(" "),
      person: { surname, name, patronymic, birthDate, gender, snils, phone, email, pedWorkStart },
      organizationId,
      positionId,
      subjectIds,
      isMain,
      hireDate,
      education,
      category,
    },
    errors,
    warnings,
  };
}

const ruDate = (iso: string) => iso.split("-").reverse().join(".");

function parseGender(cell: Cell): Parsed<string> {
  const s = foldName(cellText(cell)).replace(/\.$/, "");
  if (["м", "муж", "мужской"].includes(s)) return { ok: true, value: "male" };
  if (["ж", "жен", "женский"].includes(s)) return { ok: true, value: "female" };
  return { ok: false, message: `Пол «${cellText(cell)}»: укажите «м» или «ж»` };
}

function parseYear(cell: Cell, today: string): Parsed<number> {
  const n = Number(cellText(cell).replace(/\s*г\.?$/, ""));
  const max = Number(today.slice(0, 4));
  if (!Number.isInteger(n) || n < 1940 || n > max) return { ok: false, message: `Год окончания «${cellText(cell)}»: укажите год от 1940 до ${max}` };
  return { ok: true, value: n };
}

/** The plan for one person the file talks about, gathered over all of their rows. */
type PersonPlan = {
  existingId: number | null;
  values: PersonValues;
  before: ExistingPerson | null;
  changed: boolean;
  employments: { existing: ExistingEmployment | null; organizationId: number; positionId: number; subjectIds: number[]; isMain: boolean; hireDate: string | null; changed: boolean }[];
  educations: NonNullable<ParsedRow["education"]>[];
  categories: NonNullable<ParsedRow["category"]>[];
};

const personKey = (p: PersonValues) =>
  `${foldName([p.surname, p.name, p.patronymic ?? ""].join(" "))}|${p.birthDate ?? ""}`;

/** The registry's person a row speaks of: same СНИЛС, else same full name and birth date. */
const existingPersonOf = (r: ParsedRow, reg: People): number | null =>
  (r.person.snils && reg.bySnils.get(r.person.snils)) || (r.person.birthDate && reg.byNameBirth.get(`${searchNameOf(r.person)}|${r.person.birthDate}`)) || null;

/** Decides, row by row, what changes: creates, updates, or nothing. */
function planRows(rows: ParsedRow[], reg: People) {
  const plans = new Map<string, PersonPlan>();
  const outcomes = new Map<number, RowOutcome>();
  for (const r of rows) {
    const existingId = existingPersonOf(r, reg);
    const key = existingId ? `id:${existingId}` : r.person.snils ? `snils:${r.person.snils}` : `name:${personKey(r.person)}`;
    let plan = plans.get(key);
    let outcome: RowOutcome = "skip";
    if (!plan) {
      const before = existingId ? (reg.personById.get(existingId) ?? null) : null;
      plan = { existingId, values: before ? pickPerson(before) : { ...r.person }, before, changed: !before, employments: [], educations: [], categories: [] };
      plans.set(key, plan);
      if (!before) outcome = "create";
    }
    // Filled cells overwrite; empty cells never erase what the registry knows.
    for (const k of PERSON_KEYS) {
      const v = r.person[k];
      // «Семенов» in a file does not undo the «ё» the registry already has.
      const sameName = NAME_KEYS.has(k) && v !== null && plan.values[k] !== null && foldName(v) === foldName(plan.values[k] as string);
      if (v !== null && v !== plan.values[k] && !sameName) {
        (plan.values as Record<string, string | null>)[k] = v;
        if (plan.before) {
          plan.changed = true;
          outcome = outcome === "create" ? outcome : "update";
        }
      }
    }
    if (mergeEmployment(plan, r, reg) && outcome === "skip") outcome = "update";
    if (r.education) {
      // Without an institution the row only says the level: any education of that level matches.
      const edu = r.education;
      const matches = (key: string) => {
        const [level, institution] = key.split("|");
        return level === edu.level && (!edu.institution || institution === edu.institution.toLowerCase());
      };
      const known = [...((plan.existingId && reg.educationKeys.get(plan.existingId)) || [])];
      const planned = plan.educations.map((e) => `${e.level}|${(e.institution ?? "").toLowerCase()}`);
      if (!known.some(matches) && !planned.some(matches)) {
        plan.educations.push(edu);
        if (outcome === "skip") outcome = "update";
      }
    }
    if (r.category) {
      const k = `${r.category.category}|${r.category.assignedOn}`;
      const known = plan.existingId ? reg.categoryKeys.get(plan.existingId) : undefined;
      if (!known?.has(k) && !plan.categories.some((c) => `${c.category}|${c.assignedOn}` === k)) {
        plan.categories.push(r.category);
        if (outcome === "skip") outcome = "update";
      }
    }
    outcomes.set(r.row, outcome);
  }
  return { plans: [...plans.values()], outcomes };
}

const pickPerson = (p: ExistingPerson): PersonValues => Object.fromEntries(PERSON_KEYS.map((k) => [k, p[k]])) as PersonValues;
const sameIds = (a: number[], b: number[]) => a.length === b.length && [...a].sort().join() === [...b].sort().join();

/** Adds the row's place of work to the plan; true when that changes something. */
function mergeEmployment(plan: PersonPlan, r: ParsedRow, reg: People): boolean {
  const planned = plan.employments.find((e) => e.organizationId === r.organizationId);
  const target = planned ?? (() => {
    const existing = plan.existingId
      ? (reg.employmentsByPerson.get(plan.existingId) ?? []).find((e) => e.organizationId === r.organizationId && e.dismissalDate === null) ?? null
      : null;
    const e = { existing, organizationId: r.organizationId, positionId: existing?.positionId ?? r.positionId, subjectIds: existing?.subjectIds ?? r.subjectIds, isMain: existing?.isMain ?? r.isMain, hireDate: existing?.hireDate ?? r.hireDate, changed: !existing };
    plan.employments.push(e);
    return e;
  })();
  let changed = target.changed && !planned;
  const subjectIds = r.subjectIds.length ? r.subjectIds : target.subjectIds;
  if (target.positionId !== r.positionId || !sameIds(target.subjectIds, subjectIds) || target.isMain !== r.isMain || (r.hireDate && target.hireDate !== r.hireDate)) {
    Object.assign(target, { positionId: r.positionId, subjectIds, isMain: r.isMain, hireDate: r.hireDate ?? target.hireDate, changed: true });
    changed = true;
  }
  return changed;
}

/** Writes the plan: every table in a few bulk statements, every change in the audit log. */
async function writePlan(tx: Tx, ctx: ImportContext, plans: PersonPlan[], importId: number, progress: (done: number, total: number) => void) {
  const m = ctx.municipalityId;
  const audit: AuditRow[] = [];
  const steps = 5;
  const fresh = plans.filter((p) => p.existingId === null);
  const personCols = (list: PersonValues[]) => [
    column("surname", "text[]", list.map((p) => p.surname)),
    column("name", "text[]", list.map((p) => p.name)),
    column("patronymic", "text[]", list.map((p) => p.patronymic)),
    column("birth_date", "date[]", list.map((p) => p.birthDate)),
    column("gender", "text[]", list.map((p) => p.gender)),
    column("snils", "text[]", list.map((p) => p.snils)),
    column("phone", "text[]", list.map((p) => p.phone)),
    column("email", "text[]", list.map((p) => p.email)),
    column("ped_work_start", "date[]", list.map((p) => p.pedWorkStart)),
  ];
  const newIds = await insertReturningIds(tx, "persons", "surname", [column("municipality_id", "int[]", fresh.map(() => m)), ...personCols(fresh.map((p) => p.values))]);
  fresh.forEach((p, i) => {
    p.existingId = newIds[i];
    audit.push({ entityType: "person", entityId: newIds[i], subjectId: newIds[i], action: "create", before: null, after: { id: newIds[i], ...p.values } });
  });
  progress(1, steps);

  const changed = plans.filter((p) => p.before && p.changed);
  await updateRows(tx, "persons", changed.map((p) => p.existingId as number), [...personCols(changed.map((p) => p.values)), column("updated_at", "timestamptz[]", changed.map(() => new Date().toISOString()))]);
  for (const p of changed) {
    audit.push({ entityType: "person", entityId: p.existingId as number, subjectId: p.existingId as number, action: "update", before: p.before, after: { id: p.existingId, ...p.values } });
  }
  progress(2, steps);

  const jobs = plans.flatMap((p) => p.employments.filter((e) => e.changed).map((e) => ({ personId: p.existingId as number, ...e })));
  const newJobs = jobs.filter((j) => !j.existing);
  const jobValues = (list: typeof jobs) => [
    column("organization_id", "int[]", list.map((j) => j.organizationId)),
    column("position_id", "int[]", list.map((j) => j.positionId)),
    column("subject_ids", "text[]", list.map((j) => intArrayLiteral(j.subjectIds)), "int[]"),
    column("is_main", "boolean[]", list.map((j) => j.isMain)),
    column("hire_date", "date[]", list.map((j) => j.hireDate)),
  ];
  const jobIds = await insertReturningIds(tx, "employments", "person_id", [
    column("municipality_id", "int[]", newJobs.map(() => m)),
    column("person_id", "int[]", newJobs.map((j) => j.personId)),
    ...jobValues(newJobs),
  ]);
  newJobs.forEach((j, i) =>
    audit.push({ entityType: "employment", entityId: jobIds[i], subjectId: j.personId, action: "create", before: null, after: employmentSnapshot(jobIds[i], j) }),
  );
  const updatedJobs = jobs.filter((j) => j.existing);
  await updateRows(tx, "employments", updatedJobs.map((j) => (j.existing as ExistingEmployment).id), jobValues(updatedJobs));
  for (const j of updatedJobs) {
    const e = j.existing as ExistingEmployment;
    audit.push({ entityType: "employment", entityId: e.id, subjectId: j.personId, action: "update", before: employmentSnapshot(e.id, { ...e, personId: j.personId }), after: employmentSnapshot(e.id, j) });
  }
  progress(3, steps);

  const eds = plans.flatMap((p) => p.educations.map((e) => ({ personId: p.existingId as number, ...e })));
  const edIds = await insertReturningIds(tx, "educations", "person_id", [
    column("municipality_id", "int[]", eds.map(() => m)),
    column("person_id", "int[]", eds.map((e) => e.personId)),
    column("level", "text[]", eds.map((e) => e.level)),
    column("is_pedagogical", "boolean[]", eds.map((e) => e.isPedagogical)),
    column("institution", "text[]", eds.map((e) => e.institution)),
    column("graduation_year", "int[]", eds.map((e) => e.graduationYear)),
    column("speciality", "text[]", eds.map((e) => e.speciality)),
  ]);
  eds.forEach((e, i) => audit.push({ entityType: "education", entityId: edIds[i], subjectId: e.personId, action: "create", before: null, after: { id: edIds[i], ...e } }));
  const cats = plans.flatMap((p) => p.categories.map((c) => ({ personId: p.existingId as number, ...c })));
  const catIds = await insertReturningIds(tx, "qualification_categories", "person_id", [
    column("municipality_id", "int[]", cats.map(() => m)),
    column("person_id", "int[]", cats.map((c) => c.personId)),
    column("category", "text[]", cats.map((c) => c.category)),
    column("assigned_on", "date[]", cats.map((c) => c.assignedOn)),
  ]);
  cats.forEach((c, i) => audit.push({ entityType: "qualification_category", entityId: catIds[i], subjectId: c.personId, action: "create", before: null, after: { id: catIds[i], ...c } }));
  progress(4, steps);

  await recordAuditBulk(tx, { municipalityId: m, userId: ctx.actor.userId, importId, subjectType: "person", rows: audit });
  progress(5, steps);
}

function employmentSnapshot(id: number, e: { personId: number; organizationId: number; positionId: number; subjectIds: number[]; isMain: boolean; hireDate: string | null; dismissalDate?: string | null }) {
  return { id, personId: e.personId, organizationId: e.organizationId, positionId: e.positionId, subjectIds: e.subjectIds, isMain: e.isMain, hireDate: e.hireDate, dismissalDate: e.dismissalDate ?? null };
}

export const staffImport: ImportKind = {
  kind: "staff",
  title: "Педагогические работники",
  tables: ["persons", "employments", "educations", "qualification_categories"],
  fields: FIELDS,
  requiredGroups: [
    { fields: ["fullName", "surname"], label: "ФИО (или Фамилия и Имя)" },
    { fields: ["position"], label: "Должность" },
    { fields: ["organization"], label: "Организация (столбец или одна на весь файл)", orFileOrganization: true },
  ],
  references: [
    { field: "organization", target: "organization" },
    { field: "position", target: "position" },
    { field: "subjects", target: "subject" },
  ],
  async analyze(ctx, rows, onProgress): Promise<Analysis> {
    const errors: RowError[] = [];
    const warnings: RowError[] = [];
    const valid: ParsedRow[] = [];
    for (const [i, src] of rows.entries()) {
      if (i % PROGRESS_EVERY === 0) await onProgress(i, rows.length);
      const { value, errors: rowErrors, warnings: rowWarnings } = parseRow(src, ctx);
      errors.push(...rowErrors);
      warnings.push(...rowWarnings);
      if (value) valid.push(value);
    }
    await onProgress(rows.length, rows.length);
    const people = await loadPeople(ctx.db, ctx.actor, ctx.municipalityId, valid);
    // Matching runs only over the people the actor may see: another school's teacher is neither
    // updated nor described, only refused.
    const visible = valid.filter((r) => {
      const id = existingPersonOf(r, people);
      if (id === null || !people.outOfScope.has(id)) return true;
      errors.push({ row: r.row, column: r.nameColumn, value: r.shownName, message: OUT_OF_SCOPE_PERSON });
      return false;
    });
    const { plans, outcomes } = planRows(visible, people);
    return { errors, warnings, outcomes, write: (tx, importId, progress) => writePlan(tx, ctx, plans, importId, progress) };
  },
  async template({ db, municipalityId }): Promise<TemplateColumn[]> {
    const names = async (table: typeof positions | typeof subjects) =>
      (await db.select({ name: table.name }).from(table).where(and(eq(table.municipalityId, municipalityId), isNull(table.archivedAt))).orderBy(table.name)).map((r) => r.name);
    const orgNames = (
      await db.select({ name: organizations.shortName }).from(organizations).where(and(eq(organizations.municipalityId, municipalityId), isNull(organizations.archivedAt))).orderBy(organizations.shortName)
    ).map((r) => r.name);
    const positionNames = await names(positions);
    const subjectNames = await names(subjects);
    return [
      { field: "fullName", header: "ФИО", note: "Фамилия Имя Отчество полностью" },
      { field: "birthDate", header: "Дата рождения", note: "дд.мм.гггг" },
      { field: "snils", header: "СНИЛС", note: "123-456-789 01, необязательно" },
      { field: "organization", header: "ОО", note: "краткое наименование, как в реестре", list: orgNames },
      { field: "position", header: "Должность", note: "из справочника", list: positionNames },
      { field: "subjects", header: "Преподаваемые предметы", note: `через запятую: ${subjectNames.slice(0, 4).join(", ")}…` },
      { field: "partTime", header: "Совместитель", note: "да / нет", list: ["нет", "да"] },
      { field: "education", header: "Образование", note: "уровень и педагогическое ли", list: ["высшее (педагогическое)", "высшее (непедагогическое)", "среднее профессиональное (педагогическое)", "среднее профессиональное (непедагогическое)"] },
      { field: "institution", header: "Учебное заведение", note: "что окончил" },
      { field: "graduationYear", header: "Год окончания", note: "гггг" },
      { field: "category", header: "Квалификационная категория", note: "высшая / первая / соответствие / без категории", list: [CATEGORY_LABELS.highest, CATEGORY_LABELS.first, CATEGORY_LABELS.conformity, CATEGORY_LABELS.none] },
      { field: "categoryDate", header: "Дата присвоения категории", note: "дд.мм.гггг" },
      { field: "pedWorkStart", header: "Дата начала педагогической деятельности", note: "дд.мм.гггг (или столбец «Педагогический стаж»)" },
      { field: "phone", header: "Телефон", note: "необязательно" },
      { field: "email", header: "Электронная почта", note: "необязательно" },
    ];
  },
};
