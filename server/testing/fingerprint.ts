// A cheap fingerprint of a whole test database: per table its row count and an md5 of its rows,
// to prove that refused requests changed nothing (fuzz test, access matrix).
import { sql } from "drizzle-orm";
import type { Database } from "../db/client.js";
import { queryRows } from "../db/client.js";

/**
 * Tables whose change a refused request may cause by design: a failed login is counted in
 * login_attempts (that is how the limit remembers it).
 */
export const FINGERPRINT_EXEMPT = new Set(["login_attempts"]);

export type Fingerprint = Map<string, string>;

export type FingerprintPlan = ReturnType<typeof sql.join>;

/**
 * The statement that fingerprints every table of the public schema but the exempt ones. A row is
 * its columns as text, files (bytea) by their md5, so stored uploads cost little.
 */
export async function fingerprintPlan(database: Database): Promise<FingerprintPlan> {
  const columns = await queryRows<{ table_name: string; column_name: string; data_type: string }>(
    database.db,
    sql`select c.table_name, c.column_name, c.data_type from information_schema.columns c
        join pg_tables t on t.tablename = c.table_name and t.schemaname = c.table_schema
        where c.table_schema = 'public' order by c.table_name, c.ordinal_position`,
  );
  const byTable = new Map<string, ReturnType<typeof sql>[]>();
  for (const c of columns) {
    if (FINGERPRINT_EXEMPT.has(c.table_name)) continue;
    const col = sql.identifier(c.column_name);
    const expr = c.data_type === "bytea" ? sql`coalesce(md5(${col}), '∅')` : sql`coalesce(${col}::text, '∅')`;
    byTable.set(c.table_name, [...(byTable.get(c.table_name) ?? []), expr]);
  }
  const parts = [...byTable].map(([t, exprs]) => {
    const row = sql`md5(concat_ws('|', ${sql.join(exprs, sql`, `)}))`;
    return sql`select ${t}::text as t, count(*)::int as n, coalesce(md5(string_agg(${row}, '' order by ${row})), '') as h from ${sql.identifier(t)}`;
  });
  return sql.join(parts, sql` union all `);
}

/** Row count and md5 of the sorted rows of every table, in one statement. */
export async function fingerprint(database: Database, plan: FingerprintPlan): Promise<Fingerprint> {
  const rows = await queryRows<{ t: string; n: number; h: string }>(database.db, plan);
  return new Map(rows.map((r) => [r.t, `${r.n} rows ${r.h.slice(0, 8)}`]));
}

/** The tables that differ, as «persons: 5 rows 1a2b… → 6 rows 3c4d…». */
export function fingerprintDiff(before: Fingerprint, after: Fingerprint): string[] {
  const out: string[] = [];
  for (const [t, v] of after) if (before.get(t) !== v) out.push(`${t}: ${before.get(t) ?? "—"} → ${v}`);
  return out;
}

/**
 * The next transaction id: it moves only when something writes (a read-only request takes none),
 * so comparing it before and after a request tells in ~1 ms whether the fingerprint is needed.
 */
export async function writeMark(database: Database): Promise<string> {
  const [row] = await queryRows<{ x: string }>(database.db, sql`select pg_snapshot_xmax(pg_current_snapshot())::text as x`);
  return row.x;
}
