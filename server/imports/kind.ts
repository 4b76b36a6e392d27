// What every kind of importable record (staff, organisations; later course completions and
// event participants) provides to the one import engine.
import type { Queryable, Tx } from "../db/client.js";
import type { Actor } from "../auth/policies.js";
import type { Cell } from "./read.js";
import type { FieldSpec } from "./header.js";
import type { ReferenceBook, ReferenceField } from "./reference-book.js";

/**
 * A row that names a person the actor may not see (a coordinator's file naming another school's
 * teacher): refused with this message, which says nothing about that person.
 */
export const OUT_OF_SCOPE_PERSON = "Такой педагог работает в другой организации — обратитесь к методисту";

/** A problem with one value of one row, as the user sees it in Excel. */
export type RowError = { row: number; column: string; value: string; message: string };

/** One data row of the file, with its cells reachable by field key. */
export type SourceRow = {
  /** The row number as Excel shows it. */
  row: number;
  /** The cell mapped to a field, with the header it came from; undefined when the field is not mapped. */
  get(field: string): { cell: Cell; header: string } | undefined;
};

export type ImportContext = {
  db: Queryable;
  actor: Actor;
  municipalityId: number;
  /** Rows without an organisation go here (the coordinator's own, or `--org`). */
  defaultOrganizationId: number | null;
  /** The date ages and validity are checked on. */
  today: string;
  /** The reference dictionaries of this run (preloaded for the kind's reference fields) and what missed. */
  refs: ReferenceBook;
};

/** How many rows a kind checks between two progress reports (and yields). */
export const PROGRESS_EVERY = 200;

export type RowOutcome = "create" | "update" | "skip";

export type Analysis = {
  errors: RowError[];
  /** Incomplete but usable facts: the row imports, and the person is told what is missing. */
  warnings: RowError[];
  /** New records the run creates on its own (programmes of a course file), for the summary. */
  created?: { column: string; value: string; target: string; rows: number }[];
  /** What each valid row would do: create a record, update one, or change nothing. */
  outcomes: Map<number, RowOutcome>;
  /** Writes the valid rows' changes in the caller's transaction, auditing them under importId. */
  write(tx: Tx, importId: number, onProgress: (done: number, total: number) => void): Promise<void>;
};

export type TemplateColumn = { field: string; header: string; note: string; list?: string[] };

export type ImportKind = {
  kind: "staff" | "organizations" | "completions";
  title: string;
  /** The tables its writes change: their planner statistics are refreshed after a large import. */
  tables: string[];
  fields: FieldSpec[];
  /**
   * At least one field of each group must be mapped for the file to be importable; a group with
   * `orFileOrganization` is also satisfied by an organisation chosen for the whole file.
   */
  requiredGroups: { fields: string[]; label: string; orFileOrganization?: boolean }[];
  /** Columns whose values name reference records, resolved once per value on the check step. */
  references: ReferenceField[];
  /**
   * Checks the rows. `onProgress` is awaited every PROGRESS_EVERY rows: it reports the progress
   * and lets the process answer other requests (the embedded database runs in this thread).
   */
  analyze(ctx: ImportContext, rows: SourceRow[], onProgress: (done: number, total: number) => Promise<void>): Promise<Analysis>;
  template(ctx: Pick<ImportContext, "db" | "municipalityId">): Promise<TemplateColumn[]>;
};
