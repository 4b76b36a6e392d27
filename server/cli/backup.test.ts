// `metodist backup` / `metodist restore` end to end: the real command (compiled, as users run it)
// on the embedded folder and on a PostgreSQL server database.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { sql } from "drizzle-orm";
import { openDatabase, queryRows, type Database, type Db } from "../db/client.js";
import { generateDemo } from "../demo/generate.js";
import { createDemoAccounts, DEMO_PASSWORD } from "../demo/accounts.js";
import { createMunicipality } from "../modules/municipalities/service.js";
import { Client, DB_TARGETS, startTestServer, type DbTarget } from "../testing/harness.js";
import { ensureServerBuild } from "../../scripts/build.mjs";

const exec = promisify(execFile);
const bin = path.resolve(import.meta.dirname, "..", "..", "bin", "metodist.mjs");
const work = fs.mkdtempSync(path.join(os.tmpdir(), "metodist-backup-"));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

type Env = Record<string, string>;

/** Runs the real `metodist` command with the database of `env`. */
async function metodist(env: Env, ...args: string[]) {
  try {
    const { stdout, stderr } = await exec("node", [bin, ...args], { env: { ...process.env, DATABASE_URL: "", ...env } });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

type Fingerprint = Record<string, { rows: number; md5: string }>;

/** Every table's row count and the md5 of its rows in order (by id where it has one). */
async function fingerprint(db: Db): Promise<Fingerprint> {
  const tables = await queryRows<{ schema: string; name: string; has_id: boolean }>(
    db,
    sql`select t.table_schema as schema, t.table_name as name,
               exists (select from information_schema.columns c
                       where c.table_schema = t.table_schema and c.table_name = t.table_name and c.column_name = 'id') as has_id
        from information_schema.tables t
        where t.table_schema in ('public', 'drizzle') and t.table_type = 'BASE TABLE' order by 1, 2`,
  );
  const out: Fingerprint = {};
  for (const t of tables) {
    const order = t.has_id ? sql.raw("t.id") : sql.raw("t::text");
    const [row] = await queryRows<{ rows: number; md5: string }>(
      db,
      sql`select count(*)::int as rows, md5(coalesce(string_agg(t::text, E'\n' order by ${order}), '')) as md5
          from ${sql.identifier(t.schema)}.${sql.identifier(t.name)} t`,
    );
    out[`${t.schema}.${t.name}`] = row;
  }
  return out;
}

/** A place for a database: an embedded folder, or a database of the PostgreSQL server. */
type Place = { env: Env; open(): Promise<Database>; drop(): Promise<void> };

async function newPlace(target: DbTarget, name: string): Promise<Place> {
  if (target === "pglite") {
    const dataDir = path.join(work, name);
    return { env: { DATA_DIR: dataDir }, open: () => openDatabase({ dataDir }), drop: async () => fs.rmSync(dataDir, { recursive: true, force: true }) };
  }
  const adminUrl = process.env.TEST_DATABASE_URL as string;
  const dbName = `metodist_t_${name.replace(/\W/g, "_")}_${process.pid}`;
  const admin = async (q: string) => {
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    await c.query(q);
    await c.end();
  };
  await admin(`drop database if exists ${dbName} with (force)`);
  await admin(`create database ${dbName}`);
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  return {
    env: { DATABASE_URL: url.toString() },
    open: () => openDatabase({ databaseUrl: url.toString(), dataDir: null }),
    drop: () => admin(`drop database if exists ${dbName} with (force)`),
  };
}

/** A backup file of the other kind than `target` makes, enough for detection (its first bytes). */
function otherKindFile(target: DbTarget): string {
  const file = path.join(work, `other-kind-${target}`);
  if (target === "pglite") {
    fs.writeFileSync(file, Buffer.concat([Buffer.from("PGDMP\u0001\u000e\u0000\u0004\u0008\u0001\u0001"), Buffer.alloc(2000)]));
  } else {
    const meta = Buffer.from(JSON.stringify({ format: "metodist-embedded-backup", version: 1 }));
    const header = Buffer.alloc(512);
    header.write("metodist-backup.json", 0);
    header.write("0000600\0", 100);
    header.write(`${meta.length.toString(8).padStart(11, "0")}\0`, 124);
    header.write("0", 156);
    header.write("ustar\u000000", 257);
    header.fill(0x20, 148, 156);
    let sum = 0;
    for (const b of header) sum += b;
    header.write(`${sum.toString(8).padStart(6, "0")}\0 `, 148);
    const body = Buffer.alloc(512);
    meta.copy(body);
    fs.writeFileSync(file, zlib.gzipSync(Buffer.concat([header, body, Buffer.alloc(1024)])));
  }
  return file;
}

async function staffTotal(database: Database): Promise<number> {
  const server = await startTestServer(database);
  try {
    const admin = await new Client(server.url).login("admin", DEMO_PASSWORD);
    const list = await admin.get("/api/staff");
    expect(list.status).toBe(200);
    return list.json.total as number;
  } finally {
    await server.close();
  }
}

describe.each(DB_TARGETS)("backup and restore (%s)", (target) => {
  let source: Place;
  let copy: Place;
  let before: Fingerprint;
  let staffBefore: number;
  const file = path.join(work, `backup-${target}.bin`);

  beforeAll(async () => {
    source = await newPlace(target, `source-${target}`);
    copy = await newPlace(target, `copy-${target}`);
    const database = await source.open();
    const demo = await generateDemo(database.db, { scale: "municipality", seed: 3 });
    await createDemoAccounts(database.db, { id: demo.municipalities[0].id, regionCode: "23" });
    staffBefore = await staffTotal(database);
    before = await fingerprint(database.db);
    await database.close();
  });
  afterAll(async () => {
    await source?.drop();
    await copy?.drop();
  });

  it("restores every table as it was, and the app serves the restored database", async () => {
    const backup = await metodist(source.env, "backup", file);
    expect(backup.stderr).toBe("");
    expect(backup.code).toBe(0);
    expect(backup.stdout).toContain(`Резервная копия ${target === "pglite" ? "встроенной базы" : "базы PostgreSQL"}`);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);

    const restore = await metodist(copy.env, "restore", file);
    expect(restore.stderr).toBe("");
    expect(restore.code).toBe(0);
    expect(restore.stdout).toContain("База восстановлена");
    expect(restore.stdout).toContain(`педагогов ${before["public.persons"].rows}`);

    const restored = await copy.open();
    try {
      expect(await fingerprint(restored.db)).toEqual(before);
      expect(before["public.persons"].rows).toBeGreaterThan(1000);
      // Log in over HTTP and read the staff list, as on the original.
      expect(await staffTotal(restored)).toBe(staffBefore);
    } finally {
      await restored.close();
    }
  });

  it("refuses a non-empty target without --force and replaces it with --force", async () => {
    // The copy is not empty now (the previous test restored into it and logged in).
    const refused = await metodist(copy.env, "restore", file);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/не пуста.*--force/s);
    const changed = await copy.open();
    const afterLogin = await fingerprint(changed.db);
    expect(afterLogin["public.sessions"].rows).toBeGreaterThan(before["public.sessions"].rows);
    await changed.close();

    const forced = await metodist(copy.env, "restore", file, "--force");
    expect(forced.stderr).toBe("");
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain("прежнее содержимое заменено");
    const replaced = await copy.open();
    try {
      expect(await fingerprint(replaced.db)).toEqual(before);
    } finally {
      await replaced.close();
    }
  });

  it("tells what is wrong with a file of the other kind, a foreign file, a truncated one or none", async () => {
    const other = await metodist(copy.env, "restore", otherKindFile(target), "--force");
    expect(other.code).toBe(2);
    expect(other.stderr).toContain(
      target === "pglite" ? "резервная копия сервера PostgreSQL (pg_dump, формат custom), а приложение работает со встроенной базой" : "резервная копия встроенной базы (PGlite), а приложение настроено на сервер PostgreSQL",
    );
    const foreign = path.join(work, "foreign.txt");
    fs.writeFileSync(foreign, "ФИО;Должность\n");
    const notBackup = await metodist(copy.env, "restore", foreign, "--force");
    expect(notBackup.code).toBe(2);
    expect(notBackup.stderr).toContain("не похож на резервную копию Metodist");
    const missing = await metodist(copy.env, "restore", path.join(work, "nothing.bin"));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("не найден");
    // A copy cut short fails before the database is touched, even with --force.
    const truncated = path.join(work, `truncated-${target}.bin`);
    fs.writeFileSync(truncated, fs.readFileSync(file).subarray(0, Math.floor(fs.statSync(file).size * 0.6)));
    const broken = await metodist(copy.env, "restore", truncated, "--force");
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(target === "pglite" ? /повреждён или неполон/ : /Восстановление прервано, база не изменена/);
    // Nothing was touched by the refusals.
    const database = await copy.open();
    try {
      expect(await fingerprint(database.db)).toEqual(before);
    } finally {
      await database.close();
    }
  });

  it.runIf(target === "pglite")("backs up a folder the app holds open in this process", async () => {
    const database = await source.open();
    try {
      const held = await metodist(source.env, "backup", path.join(work, "held.bin"));
      expect(held.stderr).toBe("");
      expect(held.stdout).toContain(`снимок сделал работающий сервер (PID ${process.pid})`);
      const inside = await metodist(source.env, "backup", path.join(source.env.DATA_DIR, "copy.bin"));
      expect(inside.code).toBe(2);
      expect(inside.stderr).toContain("Копию нельзя сохранять в папку данных");
      // The snapshot the server made for the command is gone.
      expect(fs.readdirSync(source.env.DATA_DIR).filter((n) => n.startsWith(".metodist-"))).toEqual([]);
    } finally {
      await database.close();
    }
  });
});

describe("backup while the server runs on the embedded folder", () => {
  let server: ChildProcess | null = null;
  const dataDir = path.join(work, "live");
  const restoredDir = path.join(work, "live-restored");

  afterAll(async () => {
    if (server && server.exitCode === null) {
      server.kill("SIGTERM");
      await new Promise((r) => server?.once("exit", r));
    }
  });

  it("takes a consistent copy while requests write, and restore refuses the held folder", async () => {
    const prepared = await openDatabase({ dataDir });
    await createMunicipality(prepared.db, { code: "live", name: "Живой район", regionCode: "23", admin: { login: "admin", password: DEMO_PASSWORD } });
    await prepared.close();
    // The real server process, compiled as `npm start` runs it.
    const dist = await ensureServerBuild();
    const child = spawn("node", [path.join(dist, "main.mjs")], {
      env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "", PORT: "0", HOST: "127.0.0.1", DEMO: "0" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    server = child;
    let output = "";
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the server did not start: ${output}`)), 110_000);
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const m = /http:\/\/localhost:(\d+)/.exec(output);
        if (m) {
          clearTimeout(timer);
          resolve(`http://127.0.0.1:${m[1]}`);
        }
      };
      child.stdout?.on("data", onData);
      child.stderr?.on("data", onData);
      child.once("exit", () => reject(new Error(`the server ended: ${output}`)));
    });
    const admin = await new Client(url).login("admin", DEMO_PASSWORD);

    // Requests keep writing — each an organisation and its audit row in one transaction — while
    // the backup runs.
    let writing = true;
    let written = 0;
    const writer = (async () => {
      while (writing) {
        const r = await admin.post("/api/organizations", { kind: "school", fullName: `Школа резервной копии № ${written + 1}`, shortName: `ШРК № ${written + 1}` });
        expect(r.status).toBe(201);
        written++;
      }
    })();
    await new Promise((r) => setTimeout(r, 300));
    const file = path.join(work, "live.bin");
    const backup = await metodist({ DATA_DIR: dataDir }, "backup", file);
    const writtenAtBackupEnd = written;
    await new Promise((r) => setTimeout(r, 300));
    writing = false;
    await writer;
    expect(backup.stderr).toBe("");
    expect(backup.code).toBe(0);
    expect(backup.stdout).toContain(`снимок сделал работающий сервер (PID ${child.pid})`);
    expect(written).toBeGreaterThan(writtenAtBackupEnd);

    const held = await metodist({ DATA_DIR: dataDir }, "restore", file, "--force");
    expect(held.code).toBe(2);
    expect(held.stderr).toContain(`открыта процессом Metodist (PID ${child.pid}): остановите сервер перед восстановлением`);

    const restore = await metodist({ DATA_DIR: restoredDir }, "restore", file);
    expect(restore.stderr).toBe("");
    expect(restore.code).toBe(0);
    const restored = await openDatabase({ dataDir: restoredDir });
    try {
      const orgs = await queryRows<{ id: number; short_name: string }>(
        restored.db,
        sql`select id, short_name from organizations where short_name like 'ШРК № %' order by id`,
      );
      const audits = await queryRows<{ entity_id: number }>(
        restored.db,
        sql`select entity_id from audit_log where entity_type = 'organization' and action = 'create' order by entity_id`,
      );
      // Some writes made it, later ones did not; and every one that did is whole: its audit row too.
      expect(orgs.length).toBeGreaterThan(0);
      expect(orgs.length).toBeLessThanOrEqual(writtenAtBackupEnd);
      expect(orgs.map((o) => o.short_name)).toEqual(orgs.map((_, i) => `ШРК № ${i + 1}`));
      expect(audits.map((a) => a.entity_id)).toEqual(expect.arrayContaining(orgs.map((o) => o.id)));
      expect(audits.filter((a) => a.entity_id >= orgs[0].id).length).toBe(orgs.length);
      expect(await fingerprint(restored.db)).toBeTruthy();
    } finally {
      await restored.close();
    }
  }, 180_000);
});
