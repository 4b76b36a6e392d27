import { PGlite } from "@electric-sql/pglite";
import { sql, type SQL } from "drizzle-orm";
import { PgDialect, type PgDatabase, type PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import * as schema from "./schema.js";
import { lockDataDir } from "./lock.js";
import { serveControl, type ControlChannel } from "./control.js";
import { migrationsFolder } from "../paths.js";

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/** Anything that runs queries: the database or a transaction in progress. */
export type Queryable = Db | Tx;

export type Database = {
  db: Db;
  kind: "pglite" | "postgres";
  close(): Promise<void>;
};

/**
 * The embedded engine lives inside this process, and PostgreSQL's default 128 MB of shared
 * buffers are touched at start-up: the process would hold ~290 MB with a region-sized database
 * before serving a request. 32 MB keeps it near 180 MB (measured in docs/BENCHMARKS.md); pages
 * beyond that come from the operating system's file cache.
 */
export const embeddedSettings = ["-c", "shared_buffers=32MB"];

// Dates stay 'YYYY-MM-DD' strings end to end: no time zone can shift a birth date.
pg.types.setTypeParser(1082, (v) => v);

/**
 * Opens the database: the PostgreSQL server at `databaseUrl` when given, otherwise the
 * embedded PGlite in `dataDir` (locked to this process) or in memory when `dataDir` is null.
 * Applies pending migrations before returning.
 */
export async function openDatabase(opts: { databaseUrl?: string; dataDir: string | null }): Promise<Database> {
  if (opts.databaseUrl) {
    // JIT compilation costs ~250 ms per run of the region-wide queries and saves nothing on
    // queries of this size (measured in docs/BENCHMARKS.md): off for this application's sessions.
    // A generic plan for the statements the app prepares (queryRowsPrepared); ordinary unnamed
    // statements are planned for their values as always.
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: 10, options: "-c jit=off -c plan_cache_mode=force_generic_plan" });
    const db = drizzlePg({ client: pool, schema }) as unknown as Db;
    await migrateWithLock(pool, () => migratePg(drizzlePg({ client: pool, schema }), { migrationsFolder }));
    // A connection the server closes while idle (a restart, an administrator) is dropped and
    // replaced on the next query; without a listener the error would end the process.
    pool.on("error", (err) => console.error(`Соединение с PostgreSQL закрыто сервером: ${err.message}`));
    // The pool listens only to idle connections. One that dies while checked out (in a
    // transaction, mid-query) emits 'error' too: the query in flight fails and its request answers
    // 503, the pool drops the connection on release (it is no longer queryable), and this listener
    // keeps the process alive.
    const checkedOut = new WeakSet<pg.PoolClient>();
    pool.on("acquire", (client) => checkedOut.add(client));
    pool.on("release", (_err, client) => checkedOut.delete(client));
    pool.on("connect", (client) => {
      client.on("error", (err) => {
        console.error(`Соединение с PostgreSQL оборвалось во время запроса: ${err.message}`);
        // drizzle-orm releases a transaction's connection only once its BEGIN has succeeded: a
        // connection killed before that would stay checked out for ever, and ten such would
        // leave the pool dry. Whatever is still out a moment later is given back, as broken.
        setTimeout(() => {
          if (checkedOut.has(client)) client.release(err);
        }, 1000).unref();
      });
    });
    return { db, kind: "postgres", close: () => endPool(pool) };
  }
  const release = opts.dataDir ? lockDataDir(opts.dataDir) : () => {};
  let control: ControlChannel | null = null;
  try {
    const client = await PGlite.create(opts.dataDir ?? undefined, { startParams: [...PGlite.defaultStartParams, ...embeddedSettings] });
    // Whoever holds the folder answers `metodist backup` on its control channel (control.ts).
    control = opts.dataDir ? await serveControl(opts.dataDir, client) : null;
    const pgliteDb = drizzlePglite({ client, schema });
    await migratePglite(pgliteDb, { migrationsFolder });
    return {
      db: pgliteDb as unknown as Db,
      kind: "pglite",
      close: async () => {
        await control?.close();
        await client.close();
        release();
      },
    };
  } catch (err) {
    await control?.close();
    release();
    throw err;
  }
}

/**
 * Ends the pool once every connection is really closed: `pool.end()` resolves as soon as it has
 * asked them to close, and a database dropped right after would still see them.
 */
async function endPool(pool: pg.Pool): Promise<void> {
  let open = pool.totalCount;
  const closed = new Promise<void>((resolve) => {
    if (open === 0) resolve();
    pool.on("remove", () => {
      if (--open === 0) resolve();
    });
  });
  await pool.end();
  await closed;
}

// Several app instances may start at once against one server: only one migrates at a time.
async function migrateWithLock(pool: pg.Pool, run: () => Promise<void>): Promise<void> {
  const conn = await pool.connect();
  try {
    await conn.query("select pg_advisory_lock(7410001)");
    await run();
  } finally {
    await conn.query("select pg_advisory_unlock(7410001)").catch(() => undefined);
    conn.release();
  }
}

/**
 * True for errors that mean the database connection is gone or the server is unavailable, not
 * that the request was wrong: the server shutting a connection (class 57P), connection
 * exceptions (class 08), and the driver's own «Connection terminated».
 */
export function isConnectionLost(error: unknown): boolean {
  for (let e = error as { code?: unknown; message?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    const code = typeof e.code === "string" ? e.code : "";
    if (/^57P0[1-3]$/.test(code) || code.startsWith("08") || code === "ECONNRESET" || code === "ECONNREFUSED" || code === "EPIPE") return true;
    const message = typeof e.message === "string" ? e.message : "";
    if (/Connection terminated|not queryable|Client was closed|terminating connection/i.test(message)) return true;
  }
  return false;
}

/** Runs a raw SQL statement on either driver and returns its rows (both drivers answer `{ rows }`). */
export async function queryRows<T>(db: Queryable, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

const dialect = new PgDialect();
const preparedNames = new Map<string, string>();
// Each filter combination of a list is its own statement text; the first texts of the process
// are prepared, the rest run as ordinary statements, so no connection keeps more than this many.
const MAX_PREPARED_TEXTS = 100;

/**
 * queryRows for the statements run most often (the staff list). On a PostgreSQL server the
 * statement is prepared once per connection and reuses one generic plan: planning took ~1.5 ms
 * of the list's ~4 ms, and the server answered ~35 % more requests (docs/BENCHMARKS.md). The
 * embedded engine and transactions run it as queryRows does.
 */
export async function queryRowsPrepared<T>(db: Queryable, query: SQL): Promise<T[]> {
  const pool = (db as { $client?: unknown }).$client;
  if (!(pool instanceof pg.Pool)) return queryRows<T>(db, query);
  const { sql: text, params } = dialect.sqlToQuery(query);
  let name = preparedNames.get(text);
  if (name === undefined && preparedNames.size < MAX_PREPARED_TEXTS) {
    name = `metodist_${preparedNames.size + 1}`;
    preparedNames.set(text, name);
  }
  const result = await pool.query({ name, text, values: params as unknown[] });
  return result.rows as T[];
}

/**
 * Updates the planner's statistics. Embedded PGlite runs no autovacuum, and a server's runs only
 * later: without this, the first queries after a bulk load are planned blind (measured: a staff
 * list 20× slower on freshly generated data).
 */
export async function refreshStatistics(db: Queryable, tables: string[] = []): Promise<void> {
  if (tables.length === 0) await db.execute(sql`analyze`);
  else for (const t of tables) await db.execute(sql`analyze ${sql.identifier(t)}`);
}
