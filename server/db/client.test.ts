import { sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DB_TARGETS, openTestDatabase } from "../testing/harness.js";
import { queryRows, queryRowsPrepared, type Database } from "./client.js";

describe.each(DB_TARGETS)("prepared statements (%s)", (target) => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase(target);
  });
  afterAll(() => database.close());

  // The value kinds the staff list returns: dates stay strings, JSON is parsed, arrays and nulls survive.
  const statement = (id: number) => sql`select ${id}::int as id, '2026-09-01'::date as day, json_build_object('ids', array[1, 2]) as doc,
    array[3, 4]::int[] as ints, true as flag, null::text as nothing, count(*) over ()::int as total from generate_series(1, 2)`;

  it("returns what an ordinary statement returns, for every value it is given", async () => {
    for (const id of [1, 2, 3]) {
      expect(await queryRowsPrepared(database.db, statement(id))).toEqual(await queryRows(database.db, statement(id)));
    }
    expect((await queryRowsPrepared<{ day: string; doc: unknown }>(database.db, statement(7)))[0]).toMatchObject({ id: 7, day: "2026-09-01", doc: { ids: [1, 2] } });
  });

  it.runIf(target === "postgres")("plans a prepared statement once, generically, on the server", async () => {
    const probe = sql`select count(*)::int as n from persons where municipality_id = ${1}`;
    for (let i = 0; i < 3; i++) await queryRowsPrepared(database.db, probe);
    // Sequential queries reuse the pool's one idle connection, where the statement was prepared.
    const [prepared] = await queryRows<{ generic_plans: number; custom_plans: number }>(
      database.db,
      sql`select generic_plans::int, custom_plans::int from pg_prepared_statements where statement like ${"select count(*)::int as n from persons%"}`,
    );
    expect(prepared).toEqual({ generic_plans: 3, custom_plans: 0 });
  });

  it.runIf(target === "postgres")("carries on when the server closes an idle connection", async () => {
    const [{ pid }] = await queryRows<{ pid: number }>(database.db, sql`select pg_backend_pid() as pid`);
    const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    await admin.query("select pg_terminate_backend($1)", [pid]);
    await admin.end();
    // The pool notices the closed connection (without a listener its error would end the process)…
    await new Promise((resolve) => setTimeout(resolve, 200));
    // …and the next query gets a fresh one.
    const [{ pid: next }] = await queryRows<{ pid: number }>(database.db, sql`select pg_backend_pid() as pid`);
    expect(next).not.toBe(pid);
  });
});
