// Reference lists of positions and subjects with their other spellings («другие написания»):
// one alias at a time, or a whole list pasted or uploaded — previewed, then applied in one
// transaction. Names and aliases are compared by `matchKey`, so a value is never created twice
// and a spelling never means two values.
import { and, asc, eq } from "drizzle-orm";
import type { Db, Queryable } from "../../db/client.js";
import { column, insertReturningIds, insertRows } from "../../db/bulk.js";
import { positionAliases, positions, subjectAliases, subjects } from "../../db/schema.js";
import { AppError, notFound, type ErrorDetail } from "../../errors.js";
import type { Actor } from "../../auth/policies.js";
import { matchKey } from "../../imports/match-key.js";
import { cellText } from "../../imports/normalize.js";
import type { Grid } from "../../imports/read.js";
import { recordAudit, recordAuditBulk, type BulkAuditRow } from "../audit/audit.js";

export type ReferenceKind = "positions" | "subjects";

const LISTS = {
  positions: {
    table: positions,
    aliases: positionAliases,
    owner: positionAliases.positionId,
    tableName: "positions",
    aliasTable: "position_aliases",
    ownerColumn: "position_id",
    entityType: "position",
    what: "Должность",
  },
  subjects: {
    table: subjects,
    aliases: subjectAliases,
    owner: subjectAliases.subjectId,
    tableName: "subjects",
    aliasTable: "subject_aliases",
    ownerColumn: "subject_id",
    entityType: "subject",
    what: "Предмет",
  },
} as const;

export const REFERENCE_ENTITY_TYPES = { positions: "position", subjects: "subject" } as const;

type ValueRow = { id: number; name: string; archivedAt: Date | null; isManagement?: boolean; isRegional?: boolean };
export type AliasItem = { id: number; alias: string };

export function presentValue(r: ValueRow, aliases: AliasItem[]) {
  return {
    id: r.id,
    name: r.name,
    archived: r.archivedAt !== null,
    isManagement: r.isManagement,
    isRegional: r.isRegional,
    aliases,
  };
}

async function loadAliases(db: Queryable, kind: ReferenceKind, municipalityId: number): Promise<Map<number, AliasItem[]>> {
  const list = LISTS[kind];
  const rows = await db
    .select({ id: list.aliases.id, ownerId: list.owner, alias: list.aliases.alias })
    .from(list.aliases)
    .where(eq(list.aliases.municipalityId, municipalityId))
    .orderBy(asc(list.aliases.alias));
  const byOwner = new Map<number, AliasItem[]>();
  for (const r of rows) byOwner.set(r.ownerId, [...(byOwner.get(r.ownerId) ?? []), { id: r.id, alias: r.alias }]);
  return byOwner;
}

async function loadValues(db: Queryable, kind: ReferenceKind, municipalityId: number): Promise<ValueRow[]> {
  const { table } = LISTS[kind];
  return db.select().from(table).where(eq(table.municipalityId, municipalityId)).orderBy(asc(table.name));
}

/** A list with each value's aliases. */
export async function listReferences(db: Queryable, kind: ReferenceKind, municipalityId: number) {
  const [values, aliases] = await Promise.all([loadValues(db, kind, municipalityId), loadAliases(db, kind, municipalityId)]);
  return values.map((v) => presentValue(v, aliases.get(v.id) ?? []));
}

/** Every key of a list (names and aliases) → the value that owns it. */
async function keyOwners(db: Queryable, kind: ReferenceKind, municipalityId: number) {
  const values = await loadValues(db, kind, municipalityId);
  const aliases = await loadAliases(db, kind, municipalityId);
  const owners = new Map<string, { id: number; name: string; via: "name" | "alias" }>();
  for (const v of values) owners.set(matchKey(v.name), { id: v.id, name: v.name, via: "name" });
  for (const v of values) for (const a of aliases.get(v.id) ?? []) if (!owners.has(matchKey(a.alias))) owners.set(matchKey(a.alias), { id: v.id, name: v.name, via: "alias" });
  return { values, aliases, owners };
}

/**
 * Refuses a name that another value of the list already has, or that is another value's alias
 * («Учитель» when «учитель» exists). `exceptId` is the value being renamed.
 */
export async function assertNameFree(db: Queryable, kind: ReferenceKind, municipalityId: number, name: string, exceptId?: number) {
  const key = matchKey(name);
  if (!key) throw new AppError("validation", `«${name}» не похоже на наименование`, [{ field: "name", message: "Нужны буквы или цифры" }]);
  const { owners } = await keyOwners(db, kind, municipalityId);
  const owner = owners.get(key);
  if (owner && owner.id !== exceptId) {
    const already = kind === "positions" ? "Такая должность уже есть в справочнике" : "Такой предмет уже есть в справочнике";
    const message =
      owner.via === "alias"
        ? `«${name}» уже записано как другое написание значения «${owner.name}»`
        : owner.name === name.trim()
          ? already
          : `${already}: «${owner.name}»`;
    throw new AppError("conflict", message, [{ field: "name", message }]);
  }
}

/** Adds another spelling to a value; refused when it already means this or another value. */
export async function addAlias(db: Db, opts: { actor: Actor; municipalityId: number; kind: ReferenceKind; valueId: number; alias: string }) {
  const list = LISTS[opts.kind];
  const alias = opts.alias.trim().replace(/\s+/g, " ");
  const key = matchKey(alias);
  if (!key) throw new AppError("validation", `«${alias}» не похоже на написание: нужны буквы или цифры`, [{ field: "alias", message: "Нужны буквы или цифры" }]);
  return db.transaction(async (tx) => {
    const { values, aliases, owners } = await keyOwners(tx, opts.kind, opts.municipalityId);
    const value = values.find((v) => v.id === opts.valueId);
    if (!value) throw notFound("referenceValue");
    const owner = owners.get(key);
    if (owner) {
      const message =
        owner.id === value.id
          ? owner.via === "name"
            ? `«${alias}» совпадает с самим наименованием «${value.name}»`
            : `Написание «${alias}» у значения «${value.name}» уже есть`
          : `«${alias}» уже означает значение «${owner.name}»`;
      throw new AppError("conflict", message, [{ field: "alias", message }]);
    }
    const before = (aliases.get(value.id) ?? []).map((a) => a.alias);
    const row = { municipalityId: opts.municipalityId, alias, aliasKey: key };
    const [created] =
      opts.kind === "positions"
        ? await tx.insert(positionAliases).values({ ...row, positionId: value.id }).returning({ id: positionAliases.id, alias: positionAliases.alias })
        : await tx.insert(subjectAliases).values({ ...row, subjectId: value.id }).returning({ id: subjectAliases.id, alias: subjectAliases.alias });
    await recordAudit(tx, opts.actor, opts.municipalityId, {
      entityType: list.entityType,
      entityId: value.id,
      action: "update",
      before: { aliases: before },
      after: { aliases: [...before, alias] },
    });
    return created;
  });
}

/** Removes one spelling of a value. */
export async function removeAlias(db: Db, opts: { actor: Actor; municipalityId: number; kind: ReferenceKind; valueId: number; aliasId: number }) {
  const list = LISTS[opts.kind];
  return db.transaction(async (tx) => {
    const aliases = await loadAliases(tx, opts.kind, opts.municipalityId);
    const own = aliases.get(opts.valueId) ?? [];
    const target = own.find((a) => a.id === opts.aliasId);
    if (!target) throw notFound("referenceAlias");
    await tx.delete(list.aliases).where(and(eq(list.aliases.id, target.id), eq(list.aliases.municipalityId, opts.municipalityId)));
    await recordAudit(tx, opts.actor, opts.municipalityId, {
      entityType: list.entityType,
      entityId: opts.valueId,
      action: "update",
      before: { aliases: own.map((a) => a.alias) },
      after: { aliases: own.filter((a) => a.id !== target.id).map((a) => a.alias) },
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Lists pasted or uploaded

/** One line of a list: the value and its other spellings, with the line (or spreadsheet row) number. */
export type ListLine = { line: number; name: string; aliases: string[] };

const MAX_LINES = 2000;
const MAX_NAME = 200;

/** «Название; другое написание; ещё одно» per line; a tab (a row copied from Excel) separates too. */
export function parseListText(text: string): ListLine[] {
  return text
    .split(/\r\n|\r|\n/)
    .map((raw, i) => {
      const [name = "", ...aliases] = raw.split(/[;\t]/).map((part) => part.replace(/\s+/g, " ").trim());
      return { line: i + 1, name, aliases: aliases.filter(Boolean) };
    })
    .filter((l) => l.name || l.aliases.length > 0);
}

const HEADER_WORDS = new Set(["наименование", "название", "значение", "должность", "должности", "предмет", "предметы"]);

/** First column the value, further columns its spellings; a header row («Наименование», «Должность») is skipped. */
export function parseListGrid(grid: Grid): ListLine[] {
  const lines = grid
    .map((row, i) => {
      const [name = "", ...aliases] = row.map((cell) => cellText(cell));
      return { line: i + 1, name, aliases: aliases.filter(Boolean) };
    })
    .filter((l) => l.name || l.aliases.length > 0);
  if (lines.length > 0 && HEADER_WORDS.has(matchKey(lines[0].name))) lines.shift();
  return lines;
}

export type BulkRow = {
  line: number;
  name: string;
  /** create: a new value; aliases: new spellings of an existing value; exists: nothing to add. */
  action: "create" | "aliases" | "exists";
  /** The value the line means: its own name, or the existing value it matched. */
  value: string;
  /** The line's name matched an existing value by one of its other spellings. */
  matchedByAlias: boolean;
  archived: boolean;
  newAliases: string[];
  knownAliases: string[];
};

export type BulkResult = {
  applied: boolean;
  rows: BulkRow[];
  summary: { lines: number; created: number; aliasesAdded: number; unchanged: number };
};

type PlannedValue = { id: number | null; name: string; archived: boolean; before: string[]; added: string[] };

/**
 * Plans a list against the municipality's values: what is created, which spellings are added,
 * what already exists. Any error (an empty name, a spelling that means another value) refuses
 * the whole list with the line and value named; with `apply` the plan is written in the same
 * transaction and audited.
 */
export async function bulkReferences(
  db: Db,
  opts: { actor: Actor; municipalityId: number; kind: ReferenceKind; lines: ListLine[]; apply: boolean },
): Promise<BulkResult> {
  const list = LISTS[opts.kind];
  if (opts.lines.length === 0) throw new AppError("validation", "Список пуст: одно значение в строке, другие написания через «;»");
  if (opts.lines.length > MAX_LINES) throw new AppError("validation", `В списке ${opts.lines.length} строк: за один раз не больше ${MAX_LINES}`);

  return db.transaction(async (tx) => {
    const { values, aliases, owners } = await keyOwners(tx, opts.kind, opts.municipalityId);
    const planned = new Map<number, PlannedValue>(); // by existing id
    const fresh: PlannedValue[] = [];
    // key → the planned value it means (existing values by their id, new ones by object).
    const claims = new Map<string, PlannedValue>();
    const plannedExisting = (id: number) => {
      let p = planned.get(id);
      if (!p) {
        const v = values.find((x) => x.id === id)!;
        p = { id, name: v.name, archived: v.archivedAt !== null, before: (aliases.get(id) ?? []).map((a) => a.alias), added: [] };
        planned.set(id, p);
      }
      return p;
    };
    const ownerOf = (key: string): PlannedValue | null => {
      const claimed = claims.get(key);
      if (claimed) return claimed;
      const owner = owners.get(key);
      return owner ? plannedExisting(owner.id) : null;
    };

    const errors: ErrorDetail[] = [];
    const fail = (line: ListLine, value: string, message: string) => errors.push({ row: line.line, value, message: `Строка ${line.line}: ${message}` });
    const rows: BulkRow[] = [];
    for (const line of opts.lines) {
      if (!line.name) {
        fail(line, line.aliases[0] ?? "", `нет наименования перед «${line.aliases[0]}» — значение пишется первым, другие написания после «;»`);
        continue;
      }
      const nameKey = matchKey(line.name);
      if (!nameKey) {
        fail(line, line.name, `«${line.name}» не похоже на наименование: нужны буквы или цифры`);
        continue;
      }
      if (line.name.length > MAX_NAME) {
        fail(line, line.name, `«${line.name.slice(0, 40)}…» длиннее ${MAX_NAME} символов`);
        continue;
      }
      let target = ownerOf(nameKey);
      const matchedByAlias = target !== null && matchKey(target.name) !== nameKey;
      const isNew = target === null;
      if (!target) {
        target = { id: null, name: line.name, archived: false, before: [], added: [] };
        fresh.push(target);
        claims.set(nameKey, target);
      }
      const newAliases: string[] = [];
      const knownAliases: string[] = [];
      for (const alias of line.aliases) {
        const key = matchKey(alias);
        if (!key) {
          fail(line, alias, `«${alias}» не похоже на написание: нужны буквы или цифры`);
          continue;
        }
        if (alias.length > MAX_NAME) {
          fail(line, alias, `написание «${alias.slice(0, 40)}…» длиннее ${MAX_NAME} символов`);
          continue;
        }
        const owner = ownerOf(key);
        if (owner && owner !== target) {
          fail(line, alias, `«${alias}» уже означает «${owner.name}», а не «${target.name}»`);
          continue;
        }
        if (owner === target) {
          // The name itself, or a spelling the value has (or an earlier line gave it).
          if (key !== matchKey(target.name)) knownAliases.push(alias);
          continue;
        }
        claims.set(key, target);
        target.added.push(alias);
        newAliases.push(alias);
      }
      rows.push({
        line: line.line,
        name: line.name,
        action: isNew || target.id === null ? "create" : newAliases.length > 0 ? "aliases" : "exists",
        value: target.name,
        matchedByAlias,
        archived: target.archived,
        newAliases,
        knownAliases,
      });
    }
    if (errors.length > 0) {
      const shown = errors.slice(0, 10).map((e) => e.message);
      if (errors.length > 10) shown.push(`… и ещё ${errors.length - 10} ошибок`);
      throw new AppError("validation", `Список не принят, ничего не записано. ${shown.join("; ")}`, errors);
    }

    const updated = [...planned.values()].filter((p) => p.added.length > 0);
    const summary = {
      lines: rows.length,
      created: fresh.length,
      aliasesAdded: fresh.reduce((n, p) => n + p.added.length, 0) + updated.reduce((n, p) => n + p.added.length, 0),
      unchanged: rows.filter((r) => r.action === "exists").length,
    };
    if (!opts.apply) return { applied: false, rows, summary };

    const muni = (n: number) => Array<number>(n).fill(opts.municipalityId);
    const freshIds = await insertReturningIds(tx, list.tableName, "name", [
      column("municipality_id", "int[]", muni(fresh.length)),
      column("name", "text[]", fresh.map((p) => p.name)),
    ]);
    fresh.forEach((p, i) => (p.id = freshIds[i]));
    const newAliases = [...fresh, ...updated].flatMap((p) => p.added.map((alias) => ({ ownerId: p.id as number, alias })));
    await insertRows(tx, list.aliasTable, [
      column("municipality_id", "int[]", muni(newAliases.length)),
      column(list.ownerColumn, "int[]", newAliases.map((a) => a.ownerId)),
      column("alias", "text[]", newAliases.map((a) => a.alias)),
      column("alias_key", "text[]", newAliases.map((a) => matchKey(a.alias))),
    ]);
    const audit: BulkAuditRow[] = [
      ...fresh.map((p) => ({
        entityType: list.entityType,
        entityId: p.id as number,
        subjectId: p.id as number,
        action: "create" as const,
        before: null,
        after: { name: p.name, aliases: p.added },
      })),
      ...updated.map((p) => ({
        entityType: list.entityType,
        entityId: p.id as number,
        subjectId: p.id as number,
        action: "update" as const,
        before: { aliases: p.before },
        after: { aliases: [...p.before, ...p.added] },
      })),
    ];
    await recordAuditBulk(tx, { municipalityId: opts.municipalityId, userId: opts.actor.userId, importId: null, subjectType: list.entityType, rows: audit });
    return { applied: true, rows, summary };
  });
}
