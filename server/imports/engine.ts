// The one import engine: upload → find the table → map columns → check every row → write all
// valid rows in one transaction (or nothing) → history, rejected rows, undo. Kinds of records
// plug in through ImportKind (kinds/*.ts).
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import type { Db, Queryable, Tx } from "../db/client.js";
import { isConnectionLost, queryRows, refreshStatistics } from "../db/client.js";
import { auditLog, importMappings, imports, organizations, users } from "../db/schema.js";
import { AppError, notFound } from "../errors.js";
import { staffScope, type Actor } from "../auth/policies.js";
import { todayIso } from "../../shared/derived.js";
import { sheet, writeWorkbook } from "../spreadsheets/xlsx.js";
import { readSpreadsheet, type Cell, type Grid } from "./read.js";
import { dataRowIndexes, detectTable, normalizeHeader, type TableLayout } from "./header.js";
import type { ImportContext, ImportKind, RowError, SourceRow } from "./kind.js";
import { staffImport } from "./kinds/staff.js";
import { organizationsImport } from "./kinds/organizations.js";
import { completionsImport } from "./kinds/completions.js";
import { undoChanges } from "./undo.js";
import {
  applyDecisions,
  canCreate,
  proposalsAsDecisions,
  proposeResolutions,
  ReferenceBook,
  type Decision,
  type UnresolvedWithProposal,
} from "./reference-book.js";
import { cellText } from "./normalize.js";
import { matchKey } from "./match-key.js";

export const IMPORT_KINDS: Record<ImportKind["kind"], ImportKind> = {
  staff: staffImport,
  organizations: organizationsImport,
  completions: completionsImport,
};

/** Column index (as a string) → field key, or null to ignore the column. */
export type ColumnMapping = Record<string, string | null>;

export type ImportResult = {
  importId: number;
  created: number;
  updated: number;
  skipped: number;
  rejected: RowError[];
  warnings: RowError[];
  /** Values of reference columns that matched no record, once each, with candidates and a proposal. */
  unresolved: UnresolvedWithProposal[];
  resolutions: Resolution[];
  decisions: Decision[];
  organizationId: number | null;
  committed: boolean;
  totalRows: number;
};

export type Progress = { phase: "checking" | "writing" | "done" | "failed"; done: number; total: number; error?: string };

// Progress of running imports, for the progress bar, with whose import it is. Per process: see
// ARCHITECTURE.md.
type ProgressEntry = { progress: Progress; municipalityId: number; userId: number | null };
const progressById = new Map<number, ProgressEntry>();
const importProgress = (id: number) => progressById.get(id)?.progress ?? null;

/** Whether the actor may see an import: their municipality's; a coordinator, only their own uploads. */
function importVisibleTo(actor: Actor, row: { municipalityId: number; userId: number | null }): boolean {
  return row.municipalityId === staffScope(actor).municipalityId && (actor.role !== "org_coordinator" || row.userId === actor.userId);
}

/**
 * The progress of an import, scoped like every other read of it. While this process runs the
 * import the answer comes from memory (an embedded database is held by the import's transaction);
 * otherwise the import row is checked and there is no progress to tell.
 */
export async function importProgressFor(db: Queryable, opts: { actor: Actor; importId: number }): Promise<Progress | null> {
  const entry = progressById.get(opts.importId);
  if (!entry) {
    await loadImport(db, opts.actor, opts.importId);
    return null;
  }
  if (!importVisibleTo(opts.actor, entry)) throw notFound("import");
  return entry.progress;
}

/** Stores an upload and describes it: the columns found, what they map to, and the first rows. */
export async function createImport(
  db: Db,
  // maxBytes: IMPORT_MAX_MB of the configuration (server/config.ts); the reader's default otherwise.
  opts: { actor: Actor; kind: ImportKind["kind"]; fileName: string; file: Buffer; organizationId?: number | null; maxBytes?: number },
) {
  const { actor } = opts;
  const municipalityId = staffScope(actor).municipalityId;
  const kind = IMPORT_KINDS[opts.kind];
  const { grid } = await readSpreadsheet(opts.file, opts.fileName, opts.maxBytes ? { maxBytes: opts.maxBytes } : {});
  const layout = requireLayout(grid, kind, opts.fileName);
  const organizationId = actor.role === "org_coordinator" ? actor.organizationId : (opts.organizationId ?? null);
  // The admin's choice of the file's organisation: one of the municipality (another's answers 404, as at the run).
  if (organizationId !== null && actor.role !== "org_coordinator") {
    const [org] = await db
      .select({ id: organizations.id })
      .from(organizations)
      .where(and(eq(organizations.id, organizationId), eq(organizations.municipalityId, municipalityId)));
    if (!org) throw notFound("organization");
  }
  const [row] = await db
    .insert(imports)
    .values({
      municipalityId,
      userId: actor.userId,
      kind: kind.kind,
      fileName: opts.fileName,
      fileSize: opts.file.length,
      file: new Uint8Array(opts.file),
      organizationId,
      mapping: defaultMapping(layout),
      totalRows: dataRows(grid, layout).length,
    })
    .returning({ id: imports.id });
  rememberGrid(row.id, grid);
  return describeImport(db, { actor, importId: row.id });
}

function requireLayout(grid: Grid, kind: ImportKind, fileName: string): TableLayout {
  const layout = detectTable(grid, kind.fields);
  if (!layout) {
    throw new AppError(
      "bad_request",
      `В файле «${fileName}» не найдена строка заголовков таблицы. Ожидаются столбцы вроде: ${kind.fields
        .slice(0, 6)
        .map((f) => `«${f.label}»`)
        .join(", ")}.`,
    );
  }
  return layout;
}

const defaultMapping = (layout: TableLayout): ColumnMapping =>
  Object.fromEntries(layout.columns.map((c) => [String(c.index), c.field]));

/** The rows of the table that hold data, by grid index. */
function dataRows(grid: Grid, layout: TableLayout): number[] {
  return dataRowIndexes(grid, layout).filter((r) => !isRemarkRow(grid[r]));
}

// A row whose every filled cell is a remark in parentheses, like the notes row of our templates,
// is not data.
const isRemarkRow = (row: Cell[]) =>
  row.filter((c) => cellText(c) !== "").every((c) => /^\(.*\)$/s.test(cellText(c)));

/** Loads an import of the actor's municipality (a coordinator: only their own uploads). */
async function loadImport(db: Queryable, actor: Actor, importId: number) {
  const municipalityId = staffScope(actor).municipalityId;
  const [row] = await db.select().from(imports).where(and(eq(imports.id, importId), eq(imports.municipalityId, municipalityId)));
  if (!row || !importVisibleTo(actor, row)) throw notFound("import");
  return row;
}

// The last few parsed files: the mapping screen, the dry run and the commit of one upload follow
// each other within minutes, and parsing a big workbook takes a second each time.
const gridCache = new Map<number, Grid>();
const GRID_CACHE_SIZE = 4;
function rememberGrid(importId: number, grid: Grid) {
  gridCache.delete(importId);
  gridCache.set(importId, grid);
  for (const key of gridCache.keys()) if (gridCache.size > GRID_CACHE_SIZE) gridCache.delete(key);
}

async function gridOf(row: typeof imports.$inferSelect) {
  const cached = gridCache.get(row.id);
  if (cached) return cached;
  if (!row.file) throw new AppError("conflict", "Файл этой загрузки не сохранился");
  const { grid } = await readSpreadsheet(Buffer.from(row.file), row.fileName, { maxBytes: Number.MAX_SAFE_INTEGER });
  rememberGrid(row.id, grid);
  return grid;
}

/** The import as the mapping screen shows it: columns with their fields, sample rows, result so far. */
export async function describeImport(db: Queryable, opts: { actor: Actor; importId: number }) {
  const row = await loadImport(db, opts.actor, opts.importId);
  const kind = IMPORT_KINDS[row.kind as ImportKind["kind"]];
  const grid = await gridOf(row);
  const layout = requireLayout(grid, kind, row.fileName);
  const mapping = row.mapping ?? defaultMapping(layout);
  const sample = dataRows(grid, layout)
    .slice(0, 5)
    .map((r) => layout.columns.map((c) => cellText(grid[r][c.index] ?? null)));
  return {
    id: row.id,
    kind: row.kind,
    fileName: row.fileName,
    status: row.status,
    organizationId: row.organizationId,
    totalRows: row.totalRows,
    headerRow: (layout.headerRowIndexes.at(-1) ?? 0) + 1,
    columns: layout.columns.map((c) => ({ index: c.index, header: c.header, field: mapping[String(c.index)] ?? null })),
    fields: kind.fields.map((f) => ({ key: f.key, label: f.label })),
    requiredGroups: kind.requiredGroups,
    references: kind.references,
    sample,
    result: row.status === "preview" && row.rejected.length === 0 && row.created === 0 ? null : presentCounts(row),
    decisions: row.decisions,
    progress: importProgress(row.id),
  };
}

const presentCounts = (row: typeof imports.$inferSelect) => ({
  created: row.created,
  updated: row.updated,
  skipped: row.skipped,
  rejected: row.rejected,
  warnings: row.warnings,
  committed: row.status === "committed" || row.status === "undone",
});

/** How each value that needed resolving ended, for the CLI's --json. */
export type Resolution = { column: string; value: string; action: "matched" | "created" | "ambiguous" | "unresolved"; target: string | null; rows: number };

export type RunOptions = {
  actor: Actor;
  importId: number;
  mapping?: ColumnMapping;
  dryRun: boolean;
  skipInvalid: boolean;
  /** Decisions about unknown values; when absent, those of the previous check of this upload. */
  decisions?: Decision[];
  /** The organisation of rows without an organisation column (the admin; a coordinator's is their own). */
  organizationId?: number | null;
  /** Take every proposal of at least this score (CLI --accept-suggestions). */
  acceptSuggestions?: { confidence: number };
};

// A dry run (or a blocked one) runs in a transaction that is rolled back: the decisions it
// applied and the records they created are then gone, and the answer tells what would happen.
class RolledBack extends Error {
  constructor(readonly result: ImportResult) {
    super("rolled back");
  }
}

/** The score from which a candidate is proposed for a value (and taken by --accept-suggestions). */
export const DEFAULT_CONFIDENCE = 0.85;

/**
 * Checks every row with the given mapping and, unless `dryRun`, writes the valid rows in one
 * transaction, together with the decisions about unknown values. Nothing is written when a row
 * is invalid unless `skipInvalid`.
 */
export async function runImport(db: Db, opts: RunOptions): Promise<ImportResult> {
  const { actor } = opts;
  const row = await loadImport(db, actor, opts.importId);
  if (row.status !== "preview") throw new AppError("conflict", "Эта загрузка уже выполнена");
  const kind = IMPORT_KINDS[row.kind as ImportKind["kind"]];
  const grid = await gridOf(row);
  const layout = requireLayout(grid, kind, row.fileName);
  const mapping = opts.mapping ?? row.mapping ?? defaultMapping(layout);
  const organizationId = await fileOrganization(db, actor, row, opts.organizationId);
  checkMapping(kind, mapping, layout, organizationId);
  let decisions = opts.decisions ?? (row.decisions as Decision[]);

  const setProgress = (progress: Progress) => progressById.set(row.id, { progress, municipalityId: row.municipalityId, userId: row.userId });
  const rows = sourceRows(grid, layout, mapping);
  // A new run starts from zero, whatever an earlier check of the same upload left behind.
  setProgress({ phase: "checking", done: 0, total: rows.length });
  let failure: string | undefined;
  const targets = [...new Set(kind.references.map((r) => r.target))];
  const analyze = async (tx: Tx, toApply: Decision[]) => {
    const written = await applyDecisions(tx, { actor, municipalityId: row.municipalityId, importId: row.id, fields: kind.references, decisions: toApply });
    const refs = new ReferenceBook(tx, row.municipalityId);
    await refs.preload(targets);
    const ctx: ImportContext = { db: tx, actor, municipalityId: row.municipalityId, defaultOrganizationId: organizationId, today: todayIso(), refs };
    const analysis = await kind.analyze(ctx, rows, async (done, total) => {
      setProgress({ phase: "checking", done, total });
      // Other requests (and /progress) get their turn while a long file is checked.
      await new Promise((resolve) => setImmediate(resolve));
    });
    const unresolved = proposeResolutions(refs.misses.list(), {
      confidence: opts.acceptSuggestions?.confidence ?? DEFAULT_CONFIDENCE,
      canCreate: (t) => canCreate(actor, t),
    });
    return { analysis, unresolved, written };
  };
  try {
    const result = await db.transaction(async (tx) => {
      let { analysis, unresolved, written } = await analyze(tx, decisions);
      const taken = opts.acceptSuggestions ? proposalsAsDecisions(unresolved) : [];
      if (taken.length > 0) {
        // The first pass's decisions are written in this transaction already: apply only the new ones.
        const again = await analyze(tx, taken);
        ({ analysis, unresolved } = again);
        written = [...written, ...again.written];
        decisions = [...decisions, ...taken];
      }
      const rejectedRows = new Set(analysis.errors.map((e) => e.row));
      const count = (o: string) => [...analysis.outcomes.values()].filter((v) => v === o).length;
      const result: ImportResult = {
        importId: row.id,
        created: count("create"),
        updated: count("update"),
        skipped: count("skip"),
        rejected: analysis.errors,
        // Warnings of rejected rows would only repeat what their errors already hold back.
        warnings: analysis.warnings.filter((w) => !rejectedRows.has(w.row)),
        unresolved,
        resolutions: resolutionsOf(written, unresolved, analysis.created ?? [], layout, mapping, rows),
        decisions,
        organizationId,
        committed: false,
        totalRows: rows.length,
      };
      if (opts.dryRun || (rejectedRows.size > 0 && !opts.skipInvalid)) throw new RolledBack(result);
      await analysis.write(tx, row.id, (done, total) => setProgress({ phase: "writing", done, total }));
      await tx
        .update(imports)
        .set({ ...storedCounts(result), mapping, organizationId, status: "committed", committedAt: new Date(), totalRows: rows.length })
        .where(eq(imports.id, row.id));
      return { ...result, committed: true };
    });
    // Thousands of new rows change the planner's picture of the tables written (the audit log is
    // only ever read by indexed keys, so its statistics do not matter).
    if (result.created + result.updated > 500) await refreshStatistics(db, kind.tables);
    return result;
  } catch (err) {
    if (err instanceof RolledBack) {
      await db.update(imports).set({ ...storedCounts(err.result), mapping, organizationId }).where(eq(imports.id, row.id));
      return err.result;
    }
    failure =
      err instanceof AppError
        ? err.message
        : isConnectionLost(err)
          ? "Связь с базой данных прервалась: загрузка не выполнена, данные не изменены. Запустите её снова"
          : "Загрузка не выполнена из-за ошибки на сервере; данные не изменены";
    throw err;
  } finally {
    setProgress(failure ? { phase: "failed", done: 0, total: rows.length, error: failure } : { phase: "done", done: rows.length, total: rows.length });
    // The bar has nothing more to show a minute later.
    setTimeout(() => progressById.delete(row.id), 60_000).unref();
  }
}

const storedCounts = (r: ImportResult) => ({
  created: r.created,
  updated: r.updated,
  skipped: r.skipped,
  rejected: r.rejected,
  warnings: r.warnings,
  decisions: r.decisions,
});

/** The organisation for rows without one: the coordinator's own; the admin's choice, checked. */
async function fileOrganization(db: Queryable, actor: Actor, row: typeof imports.$inferSelect, requested: number | null | undefined): Promise<number | null> {
  if (actor.role === "org_coordinator") return actor.organizationId;
  if (requested === undefined) return row.organizationId;
  if (requested === null) return null;
  const [org] = await db
    .select({ id: organizations.id })
    .from(organizations)
    .where(and(eq(organizations.id, requested), eq(organizations.municipalityId, row.municipalityId), isNull(organizations.archivedAt)));
  if (!org) throw notFound("organization");
  return org.id;
}

function resolutionsOf(
  written: Awaited<ReturnType<typeof applyDecisions>>,
  unresolved: UnresolvedWithProposal[],
  created: { column: string; value: string; target: string; rows: number }[],
  layout: TableLayout,
  mapping: ColumnMapping,
  rows: SourceRow[],
): Resolution[] {
  const headerOf = (field: string) => layout.columns.find((c) => mapping[String(c.index)] === field)?.header ?? field;
  // Rows that name a decided value: its cell holds the value (alone, or in a list of subjects).
  const rowsNaming = (field: string, value: string) => {
    const key = matchKey(value);
    return rows.filter((r) => ` ${matchKey(cellText(r.get(field)?.cell ?? null))} `.includes(` ${key} `)).length;
  };
  return [
    ...written.map((w) => ({ column: headerOf(w.field), value: w.value, action: w.action, target: w.name, rows: rowsNaming(w.field, w.value) })),
    ...unresolved.map((u) => ({ column: u.column, value: u.value, action: u.status === "ambiguous" ? ("ambiguous" as const) : ("unresolved" as const), target: null, rows: u.rows.length })),
    ...created.map((c) => ({ column: c.column, value: c.value, action: "created" as const, target: c.target, rows: c.rows })),
  ];
}

function checkMapping(kind: ImportKind, mapping: ColumnMapping, layout: TableLayout, organizationId: number | null) {
  const known = new Set(kind.fields.map((f) => f.key));
  const used = new Map<string, number>();
  for (const [index, field] of Object.entries(mapping)) {
    if (field === null) continue;
    if (!known.has(field)) throw new AppError("validation", `Неизвестное поле «${field}» в сопоставлении столбцов`);
    if (used.has(field)) {
      const header = (i: number) => layout.columns.find((c) => c.index === i)?.header ?? `№ ${i + 1}`;
      const label = kind.fields.find((f) => f.key === field)?.label;
      throw new AppError("validation", `Поле «${label}» выбрано для двух столбцов: «${header(used.get(field) as number)}» и «${header(Number(index))}»`);
    }
    used.set(field, Number(index));
  }
  const missing = kind.requiredGroups.filter((g) => !g.fields.some((f) => used.has(f)) && !(g.orFileOrganization && organizationId !== null));
  if (missing.length) {
    throw new AppError("validation", `Не сопоставлены обязательные столбцы: ${missing.map((g) => `«${g.label}»`).join(", ")}`);
  }
}

function sourceRows(grid: Grid, layout: TableLayout, mapping: ColumnMapping): SourceRow[] {
  const byField = new Map<string, { index: number; header: string }>();
  for (const c of layout.columns) {
    const field = mapping[String(c.index)];
    if (field) byField.set(field, { index: c.index, header: c.header });
  }
  return dataRows(grid, layout).map((r) => ({
    row: r + 1,
    get: (field: string) => {
      const col = byField.get(field);
      return col ? { cell: grid[r][col.index] ?? null, header: col.header } : undefined;
    },
  }));
}

/** The import history of the municipality (a coordinator: own uploads), newest first. */
export async function listImports(db: Queryable, opts: { actor: Actor; limit?: number }) {
  const municipalityId = staffScope(opts.actor).municipalityId;
  const rows = await db
    .select({
      id: imports.id,
      kind: imports.kind,
      fileName: imports.fileName,
      status: imports.status,
      created: imports.created,
      updated: imports.updated,
      skipped: imports.skipped,
      rejectedCount: sql<number>`jsonb_array_length(${imports.rejected})`.mapWith(Number),
      totalRows: imports.totalRows,
      createdAt: imports.createdAt,
      committedAt: imports.committedAt,
      undoneAt: imports.undoneAt,
      userName: users.fullName,
    })
    .from(imports)
    .leftJoin(users, eq(users.id, imports.userId))
    .where(and(eq(imports.municipalityId, municipalityId), opts.actor.role === "org_coordinator" ? eq(imports.userId, opts.actor.userId ?? -1) : undefined))
    .orderBy(desc(imports.id))
    .limit(opts.limit ?? 100);
  return rows.map((r) => ({
    ...r,
    createdAt: r.createdAt.toISOString(),
    committedAt: r.committedAt?.toISOString() ?? null,
    undoneAt: r.undoneAt?.toISOString() ?? null,
  }));
}

/**
 * The rejected rows as they were in the file, with an error column: fix them and upload again.
 * A second sheet lists the warnings of the rows that loaded, cell by cell, to complete later.
 */
export async function rejectedWorkbook(db: Queryable, opts: { actor: Actor; importId: number }) {
  const row = await loadImport(db, opts.actor, opts.importId);
  const kind = IMPORT_KINDS[row.kind as ImportKind["kind"]];
  const grid = await gridOf(row);
  const layout = requireLayout(grid, kind, row.fileName);
  const messages = new Map<number, string[]>();
  for (const e of row.rejected) messages.set(e.row, [...(messages.get(e.row) ?? []), `${e.column}: ${e.message}`]);
  const rows = [...messages.keys()].sort((a, b) => a - b).map((r) => ({ excelRow: r, cells: grid[r - 1] ?? [] }));
  type Rejected = (typeof rows)[number];
  return writeWorkbook([
    sheet<Rejected>({
      sheetName: "Отклонённые строки",
      columns: [
        ...layout.columns.map((c) => ({ header: c.header, width: Math.min(40, Math.max(10, c.header.length + 2)), value: (r: Rejected) => excelValue(r.cells[c.index] ?? null) })),
        { header: "Ошибки", width: 60, value: (r) => (messages.get(r.excelRow) ?? []).join("; ") },
        { header: "Строка в исходном файле", width: 12, type: "number" as const, value: (r) => r.excelRow },
      ],
      rows,
    }),
    sheet<RowError>({
      sheetName: "Предупреждения",
      columns: [
        { header: "Строка в исходном файле", width: 12, type: "number", value: (w) => w.row },
        { header: "Столбец", width: 28, value: (w) => w.column },
        { header: "Значение", width: 28, value: (w) => w.value },
        { header: "Предупреждение", width: 80, value: (w) => w.message },
      ],
      rows: row.warnings,
    }),
  ]);
}

// Dates go back as dd.mm.yyyy text, which the import reads again exactly.
const excelValue = (c: Cell) => (c instanceof Date ? cellText(c) : typeof c === "boolean" ? cellText(c) : c);

/** Undoes a committed import, unless something newer has touched its records. */
export async function undoImport(db: Db, opts: { actor: Actor; importId: number }) {
  const row = await loadImport(db, opts.actor, opts.importId);
  if (row.status !== "committed") throw new AppError("conflict", "Отменить можно только выполненную загрузку");
  await db.transaction(async (tx) => {
    const newer = await queryRows<{ n: number }>(
      tx,
      sql`with mine as (select subject_type, subject_id, max(id) as last from audit_log where import_id = ${row.id} group by 1, 2)
          select count(distinct (a.subject_type, a.subject_id))::int as n from audit_log a
          join mine on mine.subject_type = a.subject_type and mine.subject_id = a.subject_id
          where a.id > mine.last and a.import_id is distinct from ${row.id}`,
    );
    if (newer[0].n > 0) {
      throw new AppError(
        "conflict",
        `Загрузку нельзя отменить: после неё ${plural(newer[0].n, "изменена", "изменены", "изменены")} ${newer[0].n} ${plural(newer[0].n, "карточка", "карточки", "карточек")}. Внесите исправления вручную.`,
      );
    }
    const changes = await tx.select().from(auditLog).where(eq(auditLog.importId, row.id)).orderBy(desc(auditLog.id));
    await undoChanges(tx, { actor: opts.actor, municipalityId: row.municipalityId, changes });
    await tx.update(imports).set({ status: "undone", undoneAt: new Date() }).where(eq(imports.id, row.id));
  });
  return { ok: true };
}

/** Russian plural form for a count: 1 карточка, 2 карточки, 5 карточек. */
function plural(n: number, one: string, few: string, many: string): string {
  const d = n % 10;
  const dd = n % 100;
  if (d === 1 && dd !== 11) return one;
  if (d >= 2 && d <= 4 && (dd < 12 || dd > 14)) return few;
  return many;
}

/** Saves the current column mapping under a name, keyed by header text, to reuse for similar files. */
export async function saveMapping(db: Db, opts: { actor: Actor; importId: number; name: string; mapping: ColumnMapping }) {
  const row = await loadImport(db, opts.actor, opts.importId);
  const kind = IMPORT_KINDS[row.kind as ImportKind["kind"]];
  const layout = requireLayout(await gridOf(row), kind, row.fileName);
  const byHeader = Object.fromEntries(layout.columns.map((c) => [normalizeHeader(c.header), opts.mapping[String(c.index)] ?? null]));
  await db
    .insert(importMappings)
    .values({ municipalityId: row.municipalityId, kind: row.kind, name: opts.name, mapping: byHeader })
    .onConflictDoUpdate({ target: [importMappings.municipalityId, importMappings.kind, importMappings.name], set: { mapping: byHeader } });
  return { ok: true };
}

/** Saved mappings of a kind, each already applied to the columns of this import. */
export async function mappingTemplates(db: Queryable, opts: { actor: Actor; importId: number }) {
  const row = await loadImport(db, opts.actor, opts.importId);
  const kind = IMPORT_KINDS[row.kind as ImportKind["kind"]];
  const layout = requireLayout(await gridOf(row), kind, row.fileName);
  const saved = await db
    .select()
    .from(importMappings)
    .where(and(eq(importMappings.municipalityId, row.municipalityId), eq(importMappings.kind, row.kind)))
    .orderBy(importMappings.name);
  return saved.map((t) => ({
    id: t.id,
    name: t.name,
    mapping: Object.fromEntries(
      layout.columns.map((c) => {
        const key = normalizeHeader(c.header);
        return [String(c.index), key in t.mapping ? t.mapping[key] : (c.field ?? null)];
      }),
    ) as ColumnMapping,
  }));
}
