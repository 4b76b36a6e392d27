// Importing course completions: «ФИО», «Наименование программы», «Место прохождения»,
// «Количество часов», «Сроки обучения» written as «12.10.2020–23.10.2020», «Номер удостоверения»,
// «Форма обучения», «ФР ДПП». People are found in the registry; providers by any of their names;
// programmes are matched by provider, title and hours, or created.
import { eq, sql } from "drizzle-orm";
import type { Queryable, Tx } from "../../db/client.js";
import { queryRows } from "../../db/client.js";
import { providers } from "../../db/schema.js";
import { column, insertReturningIds } from "../../db/bulk.js";
import { recordAuditBulk, type BulkAuditRow } from "../../modules/audit/audit.js";
import { STUDY_FORM_LABELS, type ProgrammeKind, type StudyForm } from "../../../shared/domain.js";
import { foldName } from "../../../shared/validators.js";
import {
  cellText,
  isEmptyCell,
  normalizeNamePart,
  parseBoolean,
  parseDate,
  parseDateRange,
  parseFullName,
  parseSnils,
  type Parsed,
} from "../normalize.js";
import type { Cell } from "../read.js";
import { PROGRESS_EVERY, type Analysis, type ImportContext, type ImportKind, type RowError, type RowOutcome, type SourceRow } from "../kind.js";
import { missMessage } from "../reference-book.js";
import { foldKey } from "../match-key.js";
import { OUT_OF_SCOPE_PERSON } from "../kind.js";
import { personInScopeSql } from "../../auth/policies.js";

const FIELDS = [
  { key: "fullName", label: "ФИО", synonyms: ["ФИО", "Фамилия, имя, отчество", "Ф.И.О.", "ФИО педагога", "ФИО слушателя", "ФИО работника"] },
  { key: "surname", label: "Фамилия", synonyms: ["Фамилия"] },
  { key: "name", label: "Имя", synonyms: ["Имя"] },
  { key: "patronymic", label: "Отчество", synonyms: ["Отчество"] },
  { key: "birthDate", label: "Дата рождения", synonyms: ["Дата рождения"] },
  { key: "snils", label: "СНИЛС", synonyms: ["СНИЛС", "№ СНИЛС"] },
  { key: "programme", label: "Программа", synonyms: ["Наименование программы", "Название программы", "Программа", "Тема курсов", "Название курсов", "Наименование курсов", "Наименование ДПП", "Тема КПК"] },
  { key: "provider", label: "Организация ДПО", synonyms: ["Место прохождения", "Место прохождения курсов", "Организация, проводившая обучение", "Где проходил обучение", "Учреждение ДПО", "Организация ДПО", "Наименование организации ДПО", "Образовательная организация ДПО", "Место обучения"] },
  { key: "hours", label: "Количество часов", synonyms: ["Количество часов", "Кол-во часов", "Объём (часов)", "Объем часов", "Часы", "Объём программы", "Количество часов обучения"] },
  { key: "period", label: "Сроки обучения", synonyms: ["Сроки обучения", "Период обучения", "Сроки прохождения", "Сроки прохождения курсов", "Дата прохождения", "Даты обучения", "Сроки"] },
  { key: "dateFrom", label: "Дата начала", synonyms: ["Дата начала", "Дата начала обучения", "Начало обучения"] },
  { key: "dateTo", label: "Дата окончания", synonyms: ["Дата окончания", "Дата окончания обучения", "Окончание обучения"] },
  { key: "certificateNumber", label: "Номер удостоверения", synonyms: ["Номер удостоверения", "№ удостоверения", "Регистрационный номер", "Номер документа", "Номер документа о квалификации"] },
  { key: "certificateDate", label: "Дата выдачи", synonyms: ["Дата выдачи", "Дата выдачи удостоверения", "Дата выдачи документа"] },
  { key: "form", label: "Форма обучения", synonyms: ["Форма обучения", "Форма"] },
  { key: "federalRegister", label: "ФР ДПП", synonyms: ["ФР ДПП", "Федеральный реестр", "Программа из ФР ДПП", "Включена в ФР ДПП", "Федеральный реестр ДПП"] },
  { key: "kind", label: "Вид обучения", synonyms: ["Вид обучения", "Вид программы", "ПК / ПП", "Вид"] },
];

/** «очная», «очно-заочная», «заочная», «дистанционно», «с применением ДОТ», «электронное обучение». */
export function parseStudyForm(cell: Cell): Parsed<StudyForm> {
  const s = foldName(cellText(cell));
  if (/дистанц|дот|электрон|онлайн|online|вебинар/.test(s)) return { ok: true, value: "distance" };
  if (/очно-?\s?заочн/.test(s)) return { ok: true, value: "mixed" };
  if (/заочн/.test(s)) return { ok: true, value: "extramural" };
  if (/очн/.test(s)) return { ok: true, value: "full_time" };
  return { ok: false, message: `Форма обучения «${cellText(cell)}»: укажите ${Object.values(STUDY_FORM_LABELS).map((l) => `«${l}»`).join(", ")}` };
}

/** «12.10.2020–23.10.2020» or just the end date «23.10.2020». */
function parsePeriod(cell: Cell): Parsed<{ from: string | null; to: string }> {
  const range = parseDateRange(cell);
  if (range.ok) return range;
  const single = parseDate(cell);
  if (single.ok) return { ok: true, value: { from: null, to: single.value } };
  // One date that does not exist (31.02.2021) deserves that message, not "not a period".
  return /^\s*\d{1,2}\.\d{1,2}\.\d{2,4}\s*(г\.?)?\s*$/.test(cellText(cell)) ? single : range;
}

function parseProgrammeKind(cell: Cell, title: string, hours: number | null): ProgrammeKind {
  const s = foldName(`${cellText(cell)} ${title}`);
  if (/переподготов|(^|\s)пп(\s|$)|диплом/.test(s)) return "retraining";
  if (isEmptyCell(cell) && hours !== null && hours >= 250) return "retraining";
  return "upgrade";
}

type ParsedRow = {
  row: number;
  personId: number;
  providerId: number;
  programmeKey: string;
  programme: { title: string; hours: number | null; kind: ProgrammeKind; form: StudyForm; federalRegister: boolean; pedagogical: boolean };
  dateFrom: string | null;
  dateTo: string;
  certificateNumber: string | null;
  certificateDate: string | null;
};

async function loadRegistry(ctx: ImportContext) {
  const m = ctx.municipalityId;
  const people = await queryRows<{ id: number; search_name: string; birth_date: string | null; snils: string | null; in_scope: boolean }>(
    ctx.db,
    sql`select p.id, p.search_name, p.birth_date, p.snils,
          ${personInScopeSql(ctx.actor, sql`p.id`)} as in_scope
        from persons p where p.municipality_id = ${m}`,
  );
  const byName = new Map<string, typeof people>();
  for (const p of people) byName.set(p.search_name.trim(), [...(byName.get(p.search_name.trim()) ?? []), p]);
  const bySnils = new Map(people.filter((p) => p.snils).map((p) => [p.snils as string, p]));
  const programmes = await queryRows<{ id: number; provider_id: number; title: string; hours: number | null }>(
    ctx.db,
    sql`select id, provider_id, title, hours from programmes where municipality_id = ${m}`,
  );
  const programmeByKey = new Map(programmes.map((p) => [programmeKey(p.provider_id, p.title, p.hours), p.id]));
  const existing = new Set(
    (await queryRows<{ key: string }>(ctx.db, sql`select person_id || '|' || programme_id || '|' || coalesce(date_to::text, '') as key from course_completions where municipality_id = ${m}`)).map((r) => r.key),
  );
  return { byName, bySnils, programmeByKey, existing };
}
type Registry = Awaited<ReturnType<typeof loadRegistry>>;

const programmeKey = (providerId: number, title: string, hours: number | null) => `${providerId}|${foldKey(title)}|${hours ?? ""}`;

function parseRow(src: SourceRow, reg: Registry, ctx: ImportContext): { value: ParsedRow | null; errors: RowError[]; warnings: RowError[] } {
  const errors: RowError[] = [];
  const warnings: RowError[] = [];
  const cellOf = (f: string): Cell => src.get(f)?.cell ?? null;
  const fail = (field: string, label: string, message: string) =>
    errors.push({ row: src.row, column: src.get(field)?.header ?? label, value: cellText(cellOf(field)), message });
  const optional = <T>(field: string, label: string, parse: (c: Cell) => Parsed<T>): T | null => {
    if (isEmptyCell(cellOf(field))) return null;
    const r = parse(cellOf(field));
    if (r.ok) return r.value;
    fail(field, label, r.message);
    return null;
  };

  // The person: by СНИЛС, else by full name (and birth date when the name is not unique).
  let fullName: string | null = null;
  if (!isEmptyCell(cellOf("fullName"))) fullName = optional("fullName", "ФИО", parseFullName)?.full ?? null;
  else if (!isEmptyCell(cellOf("surname"))) fullName = [cellOf("surname"), cellOf("name"), cellOf("patronymic")].map((c) => normalizeNamePart(cellText(c))).filter(Boolean).join(" ");
  const snils = optional("snils", "СНИЛС", parseSnils);
  const birthDate = optional("birthDate", "Дата рождения", parseDate);
  let personId: number | null = null;
  const nameColumn = src.get("fullName") ? "fullName" : "surname";
  // Only the people the actor may see are candidates; a match outside says nothing about whom.
  const bySnils = snils ? reg.bySnils.get(snils) : undefined;
  if (bySnils) {
    if (bySnils.in_scope) personId = bySnils.id;
    else fail(nameColumn, "ФИО", OUT_OF_SCOPE_PERSON);
  } else if (fullName) {
    const all = (reg.byName.get(foldName(fullName)) ?? []).filter((p) => !birthDate || p.birth_date === birthDate);
    const candidates = all.filter((p) => p.in_scope);
    if (candidates.length === 1) personId = candidates[0].id;
    else if (candidates.length === 0 && all.length > 0) fail(nameColumn, "ФИО", OUT_OF_SCOPE_PERSON);
    else if (candidates.length === 0) fail(nameColumn, "ФИО", `Педагог «${fullName}»${birthDate ? ` с датой рождения ${birthDate.split("-").reverse().join(".")}` : ""} не найден в реестре`);
    else fail(nameColumn, "ФИО", `В реестре ${candidates.length} педагога «${fullName}»: добавьте столбец «Дата рождения» или «СНИЛС»`);
  } else if (errors.length === 0) fail(nameColumn, "ФИО", "Не указаны фамилия и имя");

  const providerText = cellText(cellOf("provider"));
  let providerId: number | null = null;
  if (!providerText) fail("provider", "Организация ДПО", "Не указано, где проходило обучение");
  else {
    const found = ctx.refs.lookup("provider", { field: "provider", column: src.get("provider")?.header ?? "Организация ДПО", value: providerText, row: src.row });
    if (found.kind === "match") providerId = found.id;
    else fail("provider", "Организация ДПО", missMessage("provider", providerText, found));
  }
  const title = cellText(cellOf("programme"));
  if (!title) fail("programme", "Программа", "Не указано название программы");
  const hoursText = cellText(cellOf("hours")).replace(/\s*(ч\.?|час(а|ов)?)$/i, "");
  const hours = hoursText ? Number(hoursText.replace(",", ".")) : null;
  // Monitoring sheets often leave hours out: the course is a fact all the same.
  if (hours === null) {
    warnings.push({
      row: src.row,
      column: src.get("hours")?.header ?? "Количество часов",
      value: "",
      message: "Не указано количество часов: курс записан, но в правило трёх лет не засчитается, пока часы не указаны",
    });
  } else if (!Number.isInteger(hours) || hours < 1 || hours > 3000) fail("hours", "Количество часов", `Количество часов «${cellText(cellOf("hours"))}»: укажите целое число от 1 до 3000`);

  let dateFrom: string | null = null;
  let dateTo: string | null = null;
  if (src.get("period")) {
    const period = optional("period", "Сроки обучения", parsePeriod);
    if (period) ({ from: dateFrom, to: dateTo } = period);
    else if (isEmptyCell(cellOf("period"))) fail("period", "Сроки обучения", "Не указаны сроки обучения");
  } else {
    dateFrom = optional("dateFrom", "Дата начала", parseDate);
    dateTo = optional("dateTo", "Дата окончания", parseDate);
    if (!dateTo && isEmptyCell(cellOf("dateTo"))) fail("dateTo", "Дата окончания", "Не указана дата окончания обучения");
    if (dateFrom && dateTo && dateTo < dateFrom) fail("dateTo", "Дата окончания", "Окончание обучения раньше начала");
  }
  const form = optional("form", "Форма обучения", parseStudyForm) ?? "full_time";
  const federalRegister = optional("federalRegister", "ФР ДПП", parseBoolean) ?? false;
  const certificateNumber = cellText(cellOf("certificateNumber")) || null;
  const certificateDate = optional("certificateDate", "Дата выдачи", parseDate) ?? dateTo;

  if (errors.length || personId === null || providerId === null || !dateTo) return { value: null, errors, warnings };
  const kind = parseProgrammeKind(cellOf("kind"), title, hours);
  return {
    value: {
      row: src.row,
      personId,
      providerId,
      programmeKey: programmeKey(providerId, title, hours),
      programme: { title, hours, kind, form, federalRegister, pedagogical: kind === "retraining" && /педагог|учител|воспитател/i.test(title) },
      dateFrom,
      dateTo,
      certificateNumber,
      certificateDate,
    },
    errors,
    warnings,
  };
}

export const completionsImport: ImportKind = {
  kind: "completions",
  title: "Курсы повышения квалификации",
  tables: ["course_completions", "programmes"],
  fields: FIELDS,
  requiredGroups: [
    { fields: ["fullName", "surname", "snils"], label: "ФИО (или СНИЛС)" },
    { fields: ["programme"], label: "Наименование программы" },
    { fields: ["provider"], label: "Место прохождения" },
    { fields: ["period", "dateTo"], label: "Сроки обучения" },
  ],
  references: [{ field: "provider", target: "provider" }],
  async analyze(ctx, rows, onProgress): Promise<Analysis> {
    const reg = await loadRegistry(ctx);
    const errors: RowError[] = [];
    const outcomes = new Map<number, RowOutcome>();
    const newProgrammes = new Map<string, ParsedRow["programme"] & { providerId: number }>();
    const completions: ParsedRow[] = [];
    const seen = new Set<string>();
    const warnings: RowError[] = [];
    const newProgrammeRows = new Map<string, number>();
    for (const [i, src] of rows.entries()) {
      if (i % PROGRESS_EVERY === 0) await onProgress(i, rows.length);
      const { value, errors: rowErrors, warnings: rowWarnings } = parseRow(src, reg, ctx);
      errors.push(...rowErrors);
      warnings.push(...rowWarnings);
      if (!value) continue;
      const programmeId = reg.programmeByKey.get(value.programmeKey);
      const key = `${value.personId}|${programmeId ?? value.programmeKey}|${value.dateTo}`;
      if (seen.has(key) || (programmeId !== undefined && reg.existing.has(key))) {
        outcomes.set(value.row, "skip");
        continue;
      }
      seen.add(key);
      if (programmeId === undefined && !newProgrammes.has(value.programmeKey)) newProgrammes.set(value.programmeKey, { ...value.programme, providerId: value.providerId });
      if (programmeId === undefined) newProgrammeRows.set(value.programmeKey, (newProgrammeRows.get(value.programmeKey) ?? 0) + 1);
      completions.push(value);
      outcomes.set(value.row, "create");
    }
    await onProgress(rows.length, rows.length);
    const providerNames = ctx.refs.loaded("provider");
    const programmeColumn = rows[0]?.get("programme")?.header ?? "Программа";
    return {
      errors,
      warnings,
      created: [...newProgrammes].map(([key, p]) => ({
        column: programmeColumn,
        value: p.title,
        target: `${p.title} (${p.hours === null ? "часы не указаны" : `${p.hours} ч`}, ${providerNames.nameOf(p.providerId)})`,
        rows: newProgrammeRows.get(key) ?? 0,
      })),
      outcomes,
      async write(tx: Tx, importId, progress) {
        const m = ctx.municipalityId;
        const fresh = [...newProgrammes];
        const programmeIds = await insertReturningIds(tx, "programmes", "title", [
          column("municipality_id", "int[]", fresh.map(() => m)),
          column("provider_id", "int[]", fresh.map(([, p]) => p.providerId)),
          column("title", "text[]", fresh.map(([, p]) => p.title)),
          column("hours", "int[]", fresh.map(([, p]) => p.hours)),
          column("kind", "text[]", fresh.map(([, p]) => p.kind)),
          column("pedagogical", "boolean[]", fresh.map(([, p]) => p.pedagogical)),
          column("form", "text[]", fresh.map(([, p]) => p.form)),
          column("federal_register", "boolean[]", fresh.map(([, p]) => p.federalRegister)),
        ]);
        const idByKey = new Map(reg.programmeByKey);
        fresh.forEach(([key], i) => idByKey.set(key, programmeIds[i]));
        const today = ctx.today;
        const ids = await insertReturningIds(tx, "course_completions", "person_id", [
          column("municipality_id", "int[]", completions.map(() => m)),
          column("person_id", "int[]", completions.map((c) => c.personId)),
          column("programme_id", "int[]", completions.map((c) => idByKey.get(c.programmeKey) as number)),
          column("date_from", "date[]", completions.map((c) => c.dateFrom)),
          column("date_to", "date[]", completions.map((c) => c.dateTo)),
          column("status", "text[]", completions.map((c) => (c.dateTo <= today ? "completed" : "enrolled"))),
          column("certificate_kind", "text[]", completions.map((c) => (c.programme.kind === "retraining" ? "diploma" : "certificate"))),
          column("certificate_number", "text[]", completions.map((c) => c.certificateNumber)),
          column("certificate_date", "date[]", completions.map((c) => c.certificateDate)),
        ]);
        const audit: BulkAuditRow[] = completions.map((c, i) => ({
          entityType: "course_completion",
          entityId: ids[i],
          subjectId: c.personId,
          action: "create",
          before: null,
          after: { id: ids[i], personId: c.personId, programmeId: idByKey.get(c.programmeKey), dateFrom: c.dateFrom, dateTo: c.dateTo, certificateNumber: c.certificateNumber },
        }));
        await recordAuditBulk(tx, { municipalityId: m, userId: ctx.actor.userId, importId, subjectType: "person", rows: audit });
        // Programmes the file brought are the import's too: undo removes them while nothing else uses them.
        await recordAuditBulk(tx, {
          municipalityId: m,
          userId: ctx.actor.userId,
          importId,
          subjectType: "programme",
          rows: fresh.map(([, p], i) => ({
            entityType: "programme",
            entityId: programmeIds[i],
            subjectId: programmeIds[i],
            action: "create",
            before: null,
            after: { id: programmeIds[i], providerId: p.providerId, title: p.title, hours: p.hours, kind: p.kind, form: p.form, federalRegister: p.federalRegister },
          })),
        });
        progress(1, 1);
      },
    };
  },
  async template({ db, municipalityId }: { db: Queryable; municipalityId: number }) {
    const names = (await db.select({ name: providers.shortName }).from(providers).where(eq(providers.municipalityId, municipalityId)).orderBy(providers.shortName)).map((p) => p.name);
    return [
      { field: "fullName", header: "ФИО", note: "Фамилия Имя Отчество" },
      { field: "birthDate", header: "Дата рождения", note: "дд.мм.гггг, если в реестре есть тёзки" },
      { field: "programme", header: "Наименование программы", note: "как в удостоверении" },
      { field: "provider", header: "Место прохождения", note: "организация ДПО", list: names },
      { field: "hours", header: "Количество часов", note: "число" },
      { field: "period", header: "Сроки обучения", note: "12.10.2025–23.10.2025" },
      { field: "certificateNumber", header: "Номер удостоверения", note: "" },
      { field: "form", header: "Форма обучения", note: "очная / заочная / дистанционная", list: Object.values(STUDY_FORM_LABELS) },
      { field: "federalRegister", header: "ФР ДПП", note: "да / нет", list: ["да", "нет"] },
    ];
  },
};
