// What every kind of importable record (staff, organisations; later course completions and
// event participants) provides to the one import engine.
import type { Queryable, Tx } from "../db/client.js";
import type { Actor } from "../auth/policies.js";
import type { Cell } from "./read.js";
import type { FieldSpec } from "./header.js";

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
};

export type RowOutcome = "create" | "update" | "skip";

export type Analysis = {
  errors: RowError[];
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
  /** At least one field of each group must be mapped for the file to be importable. */
  requiredGroups: { fields: string[]; label: string }[];
  analyze(ctx: ImportContext, rows: SourceRow[], onProgress: (done: number, total: number) => void): Promise<Analysis>;
  template(ctx: Pick<ImportContext, "db" | "municipalityId">): Promise<TemplateColumn[]>;
};
