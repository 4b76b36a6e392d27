// Bulk writes through raw SQL with `unnest` arrays: one statement per few thousand rows
// instead of one per row (measured 2.5× faster than ORM inserts). Used by the demo generator
// and the spreadsheet import.
import { sql, type SQL } from "drizzle-orm";
import { queryRows, type Queryable } from "./client.js";

export type Scalar = string | number | boolean | null;
/** One column of a bulk write: its values travel as one array parameter of `arrayType`. */
export type BulkColumn = { name: string; arrayType: string; values: readonly Scalar[]; elementCast?: string };

/**
 * A column for insertRows/updateRows. Arrays and JSON cannot travel inside a 1-D array, so
 * int[] values go as text literals ('{1,2}') with elementCast 'int[]', JSON as text with 'jsonb'.
 */
export function column(name: string, arrayType: string, values: readonly Scalar[], elementCast?: string): BulkColumn {
  return { name, arrayType, values, elementCast };
}

/** '{1,2,3}': a PostgreSQL array literal of integers. */
export const intArrayLiteral = (ids: readonly number[]) => `{${ids.join(",")}}`;

// Keeps each statement's parameters under a megabyte or so, whatever the scale: the embedded
// engine parses them in this process, and 1,000-row statements kept a 10,000-row import ~10 MB
// smaller than 5,000-row ones, as fast (docs/BENCHMARKS.md).
const CHUNK_ROWS = 1000;

function unnestSource(columns: BulkColumn[], from: number, to: number): { source: SQL; selected: string } {
  const arrays = sql.join(
    columns.map((c) => sql`${sql.param(c.values.slice(from, to))}::${sql.raw(c.arrayType)}`),
    sql`, `,
  );
  const aliases = columns.map((_, i) => `c${i}`);
  const selected = columns.map((c, i) => (c.elementCast ? `c${i}::${c.elementCast}` : `c${i}`)).join(", ");
  return { source: sql`unnest(${arrays}) with ordinality as t(${sql.raw(aliases.join(", "))}, ord)`, selected };
}

/** Inserts rows given column-wise. */
export async function insertRows(tx: Queryable, table: string, columns: BulkColumn[]): Promise<void> {
  const total = columns[0]?.values.length ?? 0;
  for (let from = 0; from < total; from += CHUNK_ROWS) {
    const { source, selected } = unnestSource(columns, from, Math.min(total, from + CHUNK_ROWS));
    const names = sql.join(columns.map((c) => sql.identifier(c.name)), sql`, `);
    await tx.execute(sql`insert into ${sql.identifier(table)} (${names}) select ${sql.raw(selected)} from ${source} order by ord`);
  }
}

/**
 * Inserts rows and returns their ids in input order. Rows are inserted in ordinality order and
 * RETURNING yields them in insertion order; `keyColumn` is read back to prove that order held.
 */
export async function insertReturningIds(tx: Queryable, table: string, keyColumn: string, columns: BulkColumn[]): Promise<number[]> {
  const keys = columns.find((c) => c.name === keyColumn)?.values;
  if (!keys) throw new Error(`No column ${keyColumn} in the insert into ${table}`);
  const ids: number[] = [];
  for (let from = 0; from < keys.length; from += CHUNK_ROWS) {
    const to = Math.min(keys.length, from + CHUNK_ROWS);
    const { source, selected } = unnestSource(columns, from, to);
    const names = sql.join(columns.map((c) => sql.identifier(c.name)), sql`, `);
    const returned = await queryRows<{ id: number; key: Scalar }>(
      tx,
      sql`insert into ${sql.identifier(table)} (${names}) select ${sql.raw(selected)} from ${source} order by ord
          returning id, ${sql.identifier(keyColumn)} as key`,
    );
    returned.forEach((row, k) => {
      if (String(row.key) !== String(keys[from + k])) throw new Error(`Insert into ${table} returned rows out of order`);
      ids.push(row.id);
    });
  }
  return ids;
}

/** Updates rows by id: `ids` names the rows, each column sets one field. */
export async function updateRows(tx: Queryable, table: string, ids: readonly number[], columns: BulkColumn[]): Promise<void> {
  const all = [column("id", "int[]", ids), ...columns];
  for (let from = 0; from < ids.length; from += CHUNK_ROWS) {
    const { source, selected } = unnestSource(all, from, Math.min(ids.length, from + CHUNK_ROWS));
    const sets = columns.map((c, i) => `${quoteIdent(c.name)} = u.v${i + 1}`).join(", ");
    const aliasList = all.map((_, i) => `v${i}`).join(", ");
    await tx.execute(
      sql`update ${sql.identifier(table)} as target set ${sql.raw(sets)}
          from (select ${sql.raw(selected)} from ${source}) as u(${sql.raw(aliasList)})
          where target.id = u.v0`,
    );
  }
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;
