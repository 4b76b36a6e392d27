// Importing organisations: matched by ИНН, else by name or a known other name; new ones created.
import { eq } from "drizzle-orm";
import type { Tx } from "../../db/client.js";
import { organizationAliases, organizations } from "../../db/schema.js";
import { column, insertReturningIds, updateRows } from "../../db/bulk.js";
import { recordAuditBulk, type BulkAuditRow } from "../../modules/audit/audit.js";
import { ORG_KIND_LABELS, type OrgKind } from "../../../shared/domain.js";
import { isValidInn, isValidOgrn } from "../../../shared/validators.js";
import { cellText, isEmptyCell } from "../normalize.js";
import { matchKey } from "../match-key.js";
import { Dictionary } from "../resolve.js";
import type { Cell } from "../read.js";
import { PROGRESS_EVERY, type Analysis, type ImportContext, type ImportKind, type RowError, type RowOutcome, type SourceRow } from "../kind.js";

const FIELDS = [
  { key: "fullName", label: "Полное наименование", synonyms: ["Полное наименование", "Наименование", "Полное наименование организации", "Наименование организации", "Наименование ОО", "Наименование учреждения"] },
  { key: "shortName", label: "Краткое наименование", synonyms: ["Краткое наименование", "Сокращённое наименование", "Сокращенное наименование", "Краткое название"] },
  { key: "kind", label: "Тип организации", synonyms: ["Тип", "Тип организации", "Вид организации", "Тип ОО"] },
  { key: "inn", label: "ИНН", synonyms: ["ИНН"] },
  { key: "ogrn", label: "ОГРН", synonyms: ["ОГРН"] },
  { key: "address", label: "Адрес", synonyms: ["Адрес", "Юридический адрес", "Фактический адрес", "Адрес местонахождения"] },
  { key: "headName", label: "Руководитель", synonyms: ["Руководитель", "ФИО руководителя", "Директор", "Заведующий", "ФИО директора"] },
  { key: "phone", label: "Телефон", synonyms: ["Телефон", "Контактный телефон", "Тел."] },
  { key: "email", label: "Электронная почта", synonyms: ["E-mail", "Email", "Электронная почта", "Эл. почта", "Адрес электронной почты"] },
];

type OrgValues = { kind: OrgKind; fullName: string; shortName: string; inn: string | null; ogrn: string | null; address: string | null; headName: string | null; phone: string | null; email: string | null };
const KEYS: (keyof OrgValues)[] = ["kind", "fullName", "shortName", "inn", "ogrn", "address", "headName", "phone", "email"];

// \b is an ASCII word boundary in JavaScript: Cyrillic abbreviations need their own.
const w = (word: string) => `(?<![а-яa-z0-9])${word}(?![а-яa-z0-9])`;
const PRESCHOOL = new RegExp(["дошкольн", "детск\\S* сад", w("д/с"), w("доу"), w("доо"), "мбдоу", "мадоу", "мкдоу"].join("|"));
const ADDITIONAL = new RegExp(
  ["дополнительн", w("удо"), "дом детского", "центр детского", w("ддт"), w("цдт"), w("дюсш"), w("сюн"), w("сют"), "спортивн\\S* школ", "школа искусств", w("дши"), w("дмш")].join("|"),
);
const SCHOOL = new RegExp(["общеобразоват", w("сош"), w("оош"), w("нош"), "лице", "гимнази", "школ", w("оо"), "мбоу", "маоу", "мкоу"].join("|"));

/** Guesses the kind from a «Тип» cell or from the name itself («МБДОУ детский сад № 5» → preschool). */
export function guessOrgKind(text: string): OrgKind | null {
  const s = text.toLowerCase().replace(/ё/g, "е");
  if (PRESCHOOL.test(s)) return "preschool";
  if (ADDITIONAL.test(s)) return "additional";
  if (SCHOOL.test(s)) return "school";
  if (/(^|\s)(ин(ая|ое|ые)|другое|прочие)(\s|$)/.test(s)) return "other";
  return null;
}

function parseRow(src: SourceRow): { value: OrgValues | null; errors: RowError[] } {
  const errors: RowError[] = [];
  const text = (field: string) => cellText(src.get(field)?.cell ?? null) || null;
  const fail = (field: string, label: string, message: string) =>
    errors.push({ row: src.row, column: src.get(field)?.header ?? label, value: text(field) ?? "", message });
  const fullName = text("fullName");
  const shortName = text("shortName") ?? fullName;
  if (!fullName) fail("fullName", "Полное наименование", "Не указано наименование организации");
  const kindCell: Cell = src.get("kind")?.cell ?? null;
  const kind = guessOrgKind(isEmptyCell(kindCell) ? `${fullName ?? ""} ${shortName ?? ""}` : cellText(kindCell)) ?? (isEmptyCell(kindCell) ? "other" : null);
  if (!kind) fail("kind", "Тип организации", `Тип «${cellText(kindCell)}» не распознан: укажите «школа», «детский сад» или «дополнительное образование»`);
  const inn = text("inn")?.replace(/\s/g, "") ?? null;
  if (inn && !isValidInn(inn)) fail("inn", "ИНН", `ИНН ${inn}: неверная контрольная сумма или длина`);
  const ogrn = text("ogrn")?.replace(/\s/g, "") ?? null;
  if (ogrn && !isValidOgrn(ogrn)) fail("ogrn", "ОГРН", `ОГРН ${ogrn}: неверная контрольная сумма или длина`);
  const email = text("email");
  if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) fail("email", "Электронная почта", `Адрес «${email}» не похож на электронную почту`);
  if (errors.length || !fullName || !shortName || !kind) return { value: null, errors };
  return { value: { kind, fullName, shortName, inn, ogrn, address: text("address"), headName: text("headName"), phone: text("phone"), email }, errors };
}

export const organizationsImport: ImportKind = {
  kind: "organizations",
  title: "Организации",
  tables: ["organizations"],
  fields: FIELDS,
  requiredGroups: [{ fields: ["fullName"], label: "Наименование" }],
  references: [],
  async analyze(ctx: ImportContext, rows, onProgress): Promise<Analysis> {
    const existing = await ctx.db.select().from(organizations).where(eq(organizations.municipalityId, ctx.municipalityId));
    const aliases = await ctx.db.select().from(organizationAliases).where(eq(organizationAliases.municipalityId, ctx.municipalityId));
    const byInn = new Map(existing.filter((o) => o.inn).map((o) => [o.inn as string, o]));
    const byId = new Map(existing.map((o) => [o.id, o]));
    // Names compare as everywhere in imports: an exact spelling first, «ё» folded only when that is unambiguous.
    const names = new Dictionary(
      "organization",
      existing.map((o) => ({ id: o.id, name: o.shortName, names: [o.fullName, ...aliases.filter((a) => a.organizationId === o.id).map((a) => a.alias)] })),
    );
    const byName = (name: string): { org?: (typeof existing)[number]; ambiguous?: string[] } | undefined => {
      const found = names.lookup(name);
      if (found.kind === "match") return { org: byId.get(found.id) };
      if (found.kind === "ambiguous") return { ambiguous: found.candidates.map((c) => c.name) };
      return undefined;
    };
    const errors: RowError[] = [];
    const outcomes = new Map<number, RowOutcome>();
    const creates: OrgValues[] = [];
    const updates = new Map<number, { before: OrgValues; after: OrgValues }>();
    const seen = new Map<string, OrgValues>();
    for (const [i, src] of rows.entries()) {
      if (i % PROGRESS_EVERY === 0) await onProgress(i, rows.length);
      const { value, errors: rowErrors } = parseRow(src);
      errors.push(...rowErrors);
      if (!value) continue;
      const byInnMatch = value.inn ? byInn.get(value.inn) : undefined;
      const found = byInnMatch ? { org: byInnMatch } : (byName(value.fullName) ?? byName(value.shortName));
      if (found?.ambiguous) {
        errors.push({
          row: src.row,
          column: src.get("fullName")?.header ?? "Наименование",
          value: value.fullName,
          message: `Название подходит к нескольким организациям (${found.ambiguous.map((n) => `«${n}»`).join(", ")}): укажите ИНН`,
        });
        continue;
      }
      const match = found?.org;
      if (!match) {
        const key = value.inn ?? matchKey(value.fullName);
        if (seen.has(key)) {
          outcomes.set(src.row, "skip");
          continue;
        }
        seen.set(key, value);
        creates.push(value);
        outcomes.set(src.row, "create");
        continue;
      }
      const before = Object.fromEntries(KEYS.map((k) => [k, match[k]])) as OrgValues;
      const current = updates.get(match.id)?.after ?? before;
      // Filled cells overwrite; empty ones keep what the registry has.
      const after = Object.fromEntries(KEYS.map((k) => [k, value[k] ?? current[k]])) as OrgValues;
      const changed = KEYS.some((k) => after[k] !== current[k]);
      if (changed) updates.set(match.id, { before, after });
      outcomes.set(src.row, changed ? "update" : "skip");
    }
    await onProgress(rows.length, rows.length);
    return {
      errors,
      warnings: [],
      outcomes,
      async write(tx: Tx, importId, progress) {
        const cols = (list: OrgValues[]) => KEYS.map((k) => column(snake(k), "text[]", list.map((v) => v[k])));
        const ids = await insertReturningIds(tx, "organizations", "full_name", [column("municipality_id", "int[]", creates.map(() => ctx.municipalityId)), ...cols(creates)]);
        const updated = [...updates.entries()];
        await updateRows(tx, "organizations", updated.map(([id]) => id), [...cols(updated.map(([, u]) => u.after)), column("updated_at", "timestamptz[]", updated.map(() => new Date().toISOString()))]);
        const audit: BulkAuditRow[] = [
          ...creates.map((v, i) => ({ entityType: "organization", entityId: ids[i], subjectId: ids[i], action: "create" as const, before: null, after: { id: ids[i], ...v } })),
          ...updated.map(([id, u]) => ({ entityType: "organization", entityId: id, subjectId: id, action: "update" as const, before: { id, ...u.before }, after: { id, ...u.after } })),
        ];
        await recordAuditBulk(tx, { municipalityId: ctx.municipalityId, userId: ctx.actor.userId, importId, subjectType: "organization", rows: audit });
        progress(1, 1);
      },
    };
  },
  async template() {
    return [
      { field: "fullName", header: "Полное наименование", note: "как в уставе" },
      { field: "shortName", header: "Краткое наименование", note: "например, МБОУ СОШ № 3" },
      { field: "kind", header: "Тип организации", note: "из списка", list: Object.values(ORG_KIND_LABELS) },
      { field: "inn", header: "ИНН", note: "10 цифр" },
      { field: "ogrn", header: "ОГРН", note: "13 цифр" },
      { field: "address", header: "Адрес", note: "" },
      { field: "headName", header: "Руководитель", note: "Фамилия Имя Отчество" },
      { field: "phone", header: "Телефон", note: "" },
      { field: "email", header: "Электронная почта", note: "" },
    ];
  },
};

const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
