// Backup and restore of either database (issue «Trust»; `metodist backup|restore`).
//
// Embedded (PGlite): a .tar.gz of the data folder made from a snapshot (snapshot.ts) that the
// process holding the folder takes — the running server, asked over its control channel
// (control.ts), or this command itself when nobody holds the folder. Its first entry is
// metodist-backup.json. Restore unpacks into a private folder inside DATA_DIR, opens it once (the
// engine finishes the checkpoint's recovery there), then moves it into place.
//
// PostgreSQL server: `pg_dump --format=custom` (one consistent snapshot of the database, taken
// while the app runs). Restore: `pg_restore` writes the SQL and psql runs it in ONE transaction,
// after the old contents are dropped when --force says so: a failed restore changes nothing.
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { spawn } from "node:child_process";
import { pipeline } from "node:stream/promises";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { AppError } from "../errors.js";
import { embeddedSettings } from "./client.js";
import { lockDataDir } from "./lock.js";
import { ControlUnavailable, requestSnapshot } from "./control.js";
import { BACKUP_FORMAT, BACKUP_MARKER, isAppEntry, snapshotDataDir, type SnapshotMeta } from "./snapshot.js";
import { extractTar } from "./tar.js";

export type BackupKind = "pglite" | "postgres";
export type BackupTarget = { databaseUrl?: string; dataDir: string };

/** A refusal the user can act on (wrong kind of file, non-empty target, folder in use): exit code 2. */
export class BackupRefusal extends Error {}

const KIND_LABEL: Record<BackupKind, string> = {
  pglite: "резервная копия встроенной базы (PGlite)",
  postgres: "резервная копия сервера PostgreSQL (pg_dump, формат custom)",
};

// ---------------------------------------------------------------------------------------------
// What a file is, by its bytes

export type DetectedKind = BackupKind | "plain-sql" | "unknown";

/** The kind of a backup from its first bytes (64 KB are plenty). */
export function detectBackupKind(head: Buffer): DetectedKind {
  if (head.subarray(0, 5).toString("latin1") === "PGDMP") return "postgres";
  if (head[0] === 0x1f && head[1] === 0x8b) {
    let tar: Buffer;
    try {
      // A truncated gzip stream decodes as far as it goes with a sync flush.
      tar = zlib.gunzipSync(head, { finishFlush: zlib.constants.Z_SYNC_FLUSH });
    } catch {
      return "unknown";
    }
    if (tar.length < 1024 || tar.subarray(257, 262).toString("latin1") !== "ustar") return "unknown";
    const name = tar.subarray(0, 100).toString("utf8").replace(/\0.*$/s, "");
    if (name !== BACKUP_MARKER) return "unknown";
    const size = parseInt(tar.subarray(124, 136).toString("latin1").replace(/\0.*$/s, "").trim() || "0", 8);
    try {
      const meta = JSON.parse(tar.subarray(512, 512 + size).toString("utf8")) as Partial<SnapshotMeta>;
      return meta.format === BACKUP_FORMAT ? "pglite" : "unknown";
    } catch {
      return "unknown";
    }
  }
  const text = head.subarray(0, 4096).toString("utf8");
  if (/^--\s*\n--\s*PostgreSQL database dump/.test(text) || /^--\s*PostgreSQL database dump/.test(text)) return "plain-sql";
  return "unknown";
}

function readHead(file: string, bytes = 65536): Buffer {
  const fd = fs.openSync(file, "r");
  try {
    const head = Buffer.alloc(bytes);
    const n = fs.readSync(fd, head, 0, bytes, 0);
    return head.subarray(0, n);
  } finally {
    fs.closeSync(fd);
  }
}

/** Refuses a file that is not a backup of the database this app is configured for. */
function checkKind(file: string, expected: BackupKind, target: BackupTarget): void {
  const kind = detectBackupKind(readHead(file));
  if (kind === expected) return;
  if (kind === "plain-sql") {
    throw new BackupRefusal(
      `Файл ${file} — текстовый дамп PostgreSQL (SQL), а не резервная копия Metodist: ` +
        "восстановите его программой psql или сделайте копию командой «metodist backup».",
    );
  }
  if (kind === "unknown") {
    throw new BackupRefusal(
      `Файл ${file} не похож на резервную копию Metodist: это не копия встроенной базы (.tar.gz с ${BACKUP_MARKER}) и не pg_dump в формате custom.`,
    );
  }
  throw new BackupRefusal(
    kind === "pglite"
      ? `Файл ${file} — ${KIND_LABEL.pglite}, а приложение настроено на сервер PostgreSQL (DATABASE_URL). ` +
          "Восстанавливайте её без DATABASE_URL, в папку данных (DATA_DIR)."
      : `Файл ${file} — ${KIND_LABEL.postgres}, а приложение работает со встроенной базой в ${target.dataDir}. ` +
          "Задайте DATABASE_URL базы, в которую восстанавливать.",
  );
}

// ---------------------------------------------------------------------------------------------
// Backup

export type BackupResult = {
  kind: BackupKind;
  file: string;
  bytes: number;
  seconds: number;
  /** Embedded: who made the snapshot — the process holding the folder, or this command. */
  via: "server" | "self" | "pg_dump";
  /** Embedded: PID of the server that made the snapshot. */
  serverPid?: number;
  /** Embedded: how long the database was held (no other query ran) for the snapshot. */
  heldMs?: number;
};

/** Writes a consistent backup of the configured database to `file` (replaced only when complete). */
export async function backupDatabase(target: BackupTarget, file: string): Promise<BackupResult> {
  const started = performance.now();
  const out = path.resolve(file);
  if (fs.existsSync(out) && fs.statSync(out).isDirectory()) throw new BackupRefusal(`${file} — папка; укажите имя файла копии`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const done = (r: Omit<BackupResult, "bytes" | "seconds" | "file">): BackupResult => ({
    ...r,
    file: out,
    bytes: fs.statSync(out).size,
    seconds: (performance.now() - started) / 1000,
  });
  if (target.databaseUrl) {
    await pgDump(target.databaseUrl, out);
    return done({ kind: "postgres", via: "pg_dump" });
  }
  const dataDir = path.resolve(target.dataDir);
  if (!fs.existsSync(path.join(dataDir, "PG_VERSION"))) throw new BackupRefusal(`В папке ${dataDir} нет встроенной базы данных (DATA_DIR)`);
  if (!path.relative(dataDir, out).startsWith("..")) {
    throw new BackupRefusal(`Копию нельзя сохранять в папку данных ${dataDir}: она попала бы в следующие копии. Укажите файл вне её.`);
  }
  let release: (() => void) | null = null;
  try {
    release = lockDataDir(dataDir);
  } catch (err) {
    if (!(err instanceof AppError && err.code === "data_dir_locked")) throw err;
  }
  if (release) {
    // Nobody holds the folder: open it here (no migrations: a backup changes nothing), take the
    // snapshot, and let go of the folder before compressing — a server may start meanwhile (it
    // leaves snapshots younger than an hour alone).
    let snapshot: Awaited<ReturnType<typeof snapshotDataDir>>;
    try {
      const client = await PGlite.create(dataDir, { startParams: [...PGlite.defaultStartParams, ...embeddedSettings] });
      try {
        snapshot = await snapshotDataDir(client, dataDir);
      } finally {
        await client.close();
      }
    } finally {
      release();
    }
    try {
      await compress(snapshot.file, out);
    } finally {
      fs.rmSync(snapshot.file, { force: true });
    }
    return done({ kind: "pglite", via: "self", heldMs: snapshot.heldMs });
  }
  // The folder is held (by the server): it makes the snapshot, this process archives it.
  let snapshot: Awaited<ReturnType<typeof requestSnapshot>>;
  try {
    snapshot = await requestSnapshot(dataDir);
  } catch (err) {
    if (!(err instanceof ControlUnavailable)) throw err;
    throw new Error(
      `Папку данных ${dataDir} держит процесс ${holderOf(dataDir)}, но он не отвечает на запрос резервной копии (${err.message}). ` +
        "Копировать папку работающей базы вручную нельзя: копия будет несогласованной. Обновите и перезапустите сервер или остановите его.",
    );
  }
  try {
    await compress(snapshot.file, out);
  } finally {
    snapshot.release();
  }
  return done({ kind: "pglite", via: "server", serverPid: snapshot.pid, heldMs: snapshot.heldMs });
}

function holderOf(dataDir: string): string {
  try {
    return `Metodist (PID ${fs.readFileSync(path.join(dataDir, "metodist.lock"), "utf8").trim()})`;
  } catch {
    return "Metodist";
  }
}

/**
 * gzip level of embedded backups. For the region-sized snapshot (124 MB) level 1 took 1,1 s for
 * 26,8 MB, zlib's default 6 took 3,2 s for 23,6 MB: the command shares the server's machine.
 */
const GZIP_LEVEL = 1;

/** Compresses the snapshot's tar into the backup file, which appears only when complete. */
async function compress(tar: string, out: string): Promise<void> {
  const temp = `${out}.${process.pid}.part`;
  try {
    // The copy holds personal data and password hashes: readable by its owner only.
    await pipeline(fs.createReadStream(tar), zlib.createGzip({ level: GZIP_LEVEL }), fs.createWriteStream(temp, { mode: 0o600, flush: true }));
    fs.renameSync(temp, out);
  } catch (err) {
    fs.rmSync(temp, { force: true });
    throw err;
  }
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL tools

/** Connection for libpq tools: the URL without its password on the command line, the password in the environment. */
function libpq(databaseUrl: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const url = new URL(databaseUrl);
  const password = decodeURIComponent(url.password);
  url.password = "";
  return { dbname: url.toString(), env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}), PGCONNECT_TIMEOUT: process.env.PGCONNECT_TIMEOUT ?? "10" } };
}

type Run = { code: number; stderr: string };

function runTool(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  wire?: (child: ReturnType<typeof spawn>) => void,
): { child: ReturnType<typeof spawn>; done: Promise<Run> } {
  const child = spawn(command, args, { env, stdio: ["pipe", "pipe", "pipe"] });
  let stderr = "";
  child.stderr?.setEncoding("utf8");
  child.stderr?.on("data", (s: string) => {
    if (stderr.length < 20_000) stderr += s;
  });
  wire?.(child);
  const done = new Promise<Run>((resolve, reject) => {
    child.once("error", (err: NodeJS.ErrnoException) => {
      if (err.code === "ENOENT") {
        reject(new Error(`Программа ${command} не найдена: установите клиент PostgreSQL (Debian: apt-get install postgresql-client) той же или более новой версии, что и сервер.`));
      } else reject(err);
    });
    child.once("close", (code) => resolve({ code: code ?? 1, stderr: stderr.trim() }));
  });
  return { child, done };
}

async function pgDump(databaseUrl: string, out: string): Promise<void> {
  const { dbname, env } = libpq(databaseUrl);
  const temp = `${out}.${process.pid}.part`;
  const { child, done } = runTool("pg_dump", ["--format=custom", "--no-password", `--file=${temp}`, `--dbname=${dbname}`], env);
  child.stdin?.end();
  const result = await done.catch((err) => {
    fs.rmSync(temp, { force: true });
    throw err;
  });
  if (result.code !== 0) {
    fs.rmSync(temp, { force: true });
    throw new Error(`pg_dump завершился с ошибкой (код ${result.code}): ${result.stderr}`);
  }
  fs.chmodSync(temp, 0o600);
  fs.renameSync(temp, out);
}

/** Relations (tables, views, sequences…) outside the system schemas: none in an empty database. */
const USER_RELATIONS = `select count(*)::int as n from pg_class c join pg_namespace n on n.oid = c.relnamespace
  where n.nspname !~ '^pg_' and n.nspname <> 'information_schema' and c.relkind in ('r', 'p', 'v', 'm', 'f', 'S')`;

/**
 * Empties the database for --force, in the restore's transaction: every schema but public goes,
 * and everything in public (extensions too, the dump brings its own), so the database is as a
 * new one and the dump's objects cannot meet old ones.
 */
const WIPE = `do $$
declare
  statement text;
  statements text[];
begin
  -- Every statement is written before any runs: a name read after a cascade removed its object
  -- would print as a number.
  select coalesce(array_agg(x.s order by x.step, x.s), '{}') into statements from (
    select 1 as step, format('drop schema if exists %I cascade', nspname) as s from pg_namespace
      where nspname !~ '^pg_' and nspname not in ('information_schema', 'public')
    union all
    select 2, format('drop extension if exists %I cascade', extname) from pg_extension where extname <> 'plpgsql'
    union all
    -- Tables before sequences: identity and serial sequences go with their tables.
    select case when c.relkind = 'S' then 4 else 3 end,
           format('drop %s if exists public.%I cascade',
             case c.relkind when 'v' then 'view' when 'm' then 'materialized view' when 'f' then 'foreign table'
                            when 'S' then 'sequence' else 'table' end, c.relname)
      from pg_class c where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p', 'v', 'm', 'f', 'S')
    union all
    -- Enums, domains, ranges (their multiranges and constructors go with them), composite types.
    select 5, format('drop type if exists public.%I cascade', t.typname) from pg_type t
      where t.typnamespace = 'public'::regnamespace
        and (t.typtype in ('e', 'd', 'r') or (t.typtype = 'c' and exists (select from pg_class c where c.oid = t.typrelid and c.relkind = 'c')))
    union all
    select 6, format('drop %s if exists public.%I(%s) cascade', case p.prokind when 'a' then 'aggregate' else 'routine' end,
                     p.proname, pg_get_function_identity_arguments(p.oid))
      from pg_proc p where p.pronamespace = 'public'::regnamespace
  ) x;
  foreach statement in array statements loop
    execute statement;
  end loop;
end $$;
`;

/** Returns how many relations the database had before (0: it was empty). */
async function pgRestore(databaseUrl: string, file: string, force: boolean): Promise<number> {
  const { dbname, env } = libpq(databaseUrl);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  let n: number;
  try {
    n = (await client.query<{ n: number }>(USER_RELATIONS)).rows[0].n;
    if (n > 0 && !force) {
      throw new BackupRefusal(
        `База ${new URL(databaseUrl).pathname.slice(1)} не пуста (таблиц и других объектов: ${n}). ` +
          "Восстановление заменит её содержимое целиком: повторите с --force, если это и нужно (сначала остановите приложение).",
      );
    }
  } finally {
    await client.end();
  }
  // pg_restore writes the SQL, psql runs it with the wipe in one transaction. psql commits at the
  // end of its input: the input ends only once pg_restore has succeeded, otherwise psql is
  // stopped and the server rolls the transaction back.
  const psql = runTool("psql", ["--no-psqlrc", "--quiet", "--no-password", "--single-transaction", "--set=ON_ERROR_STOP=1", `--dbname=${dbname}`], env);
  const psqlIn = psql.child.stdin as NodeJS.WritableStream;
  psql.child.stdout?.resume();
  psqlIn.on("error", () => undefined);
  psqlIn.write(`set client_min_messages = warning;\n${force ? WIPE : ""}`);
  const restore = runTool("pg_restore", ["--no-owner", "--no-privileges", "--file=-", file], env, (child) => {
    child.stdin?.end();
    child.stdout?.pipe(psqlIn, { end: false });
  });
  // psql stops at the first error: pg_restore, then writing into a closed pipe, must stop too.
  void psql.done.then(
    () => restore.child.kill(),
    () => restore.child.kill(),
  );
  const restored = await restore.done.catch((err) => {
    psql.child.kill();
    throw err;
  });
  if (restored.code === 0) psqlIn.end();
  else psql.child.kill();
  const applied = await psql.done;
  if (applied.code !== 0 && (restored.code === 0 || applied.stderr)) {
    throw new Error(`Восстановление прервано, база не изменена (psql, код ${applied.code}): ${applied.stderr.split("\n").slice(0, 5).join("\n")}`);
  }
  if (restored.code !== 0) throw new Error(`Восстановление прервано, база не изменена: pg_restore не прочёл копию (код ${restored.code}): ${restored.stderr}`);
  // pg_dump carries no planner statistics: without them the first queries are planned blind.
  const after = new pg.Client({ connectionString: databaseUrl });
  await after.connect();
  try {
    await after.query("analyze");
  } finally {
    await after.end();
  }
  return n;
}

// ---------------------------------------------------------------------------------------------
// Restore

export type RestoreResult = {
  kind: BackupKind;
  seconds: number;
  /** Whether --force replaced existing contents. */
  replaced: boolean;
  municipalities: number | null;
  persons: number | null;
};

const SUMMARY = `select case when to_regclass('public.municipalities') is null then null else (select count(*)::int from municipalities) end as municipalities,
                      case when to_regclass('public.persons') is null then null else (select count(*)::int from persons) end as persons`;

/**
 * Restores `file` into the configured database, which must be empty unless `force`. The embedded
 * folder must not be held by another process (the server must be stopped).
 */
export async function restoreDatabase(target: BackupTarget, file: string, opts: { force: boolean }): Promise<RestoreResult> {
  const started = performance.now();
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new BackupRefusal(`Файл ${file} не найден`);
  if (target.databaseUrl) {
    checkKind(file, "postgres", target);
    const n = await pgRestore(target.databaseUrl, file, opts.force);
    const summary = await pgSummary(target.databaseUrl);
    return { kind: "postgres", seconds: (performance.now() - started) / 1000, replaced: n > 0, ...summary };
  }
  checkKind(file, "pglite", target);
  const dataDir = path.resolve(target.dataDir);
  let release: () => void;
  try {
    release = lockDataDir(dataDir);
  } catch (err) {
    if (err instanceof AppError && err.code === "data_dir_locked") {
      throw new BackupRefusal(`Папка данных ${dataDir} открыта процессом ${holderOf(dataDir)}: остановите сервер перед восстановлением.`);
    }
    throw err;
  }
  try {
    const existing = fs.readdirSync(dataDir).filter((name) => !isAppEntry(name));
    if (existing.length > 0 && !opts.force) {
      throw new BackupRefusal(
        `Папка данных ${dataDir} не пуста (${existing.length} файлов и папок базы). ` +
          "Восстановление заменит базу целиком: повторите с --force, если это и нужно.",
      );
    }
    const staging = fs.mkdtempSync(path.join(dataDir, ".metodist-restore-"));
    try {
      await unpack(file, staging);
      const summary = await openOnce(staging);
      replaceContents(dataDir, existing, staging);
      return { kind: "pglite", seconds: (performance.now() - started) / 1000, replaced: existing.length > 0, ...summary };
    } finally {
      fs.rmSync(staging, { recursive: true, force: true });
    }
  } finally {
    release();
  }
}

async function pgSummary(databaseUrl: string) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query<{ municipalities: number | null; persons: number | null }>(SUMMARY)).rows[0];
  } finally {
    await client.end();
  }
}

async function unpack(file: string, dest: string): Promise<void> {
  const input = fs.createReadStream(file);
  const gunzip = zlib.createGunzip();
  input.on("error", (err) => gunzip.destroy(err));
  input.pipe(gunzip);
  try {
    await extractTar(gunzip, dest, (entry, data) => {
      let meta: Partial<SnapshotMeta> = {};
      try {
        meta = JSON.parse(data.toString("utf8"));
      } catch {
        // refused below
      }
      if (entry.name !== BACKUP_MARKER || meta.format !== BACKUP_FORMAT) {
        throw new BackupRefusal(`Файл ${file} не похож на резервную копию встроенной базы Metodist`);
      }
    });
  } catch (err) {
    if (err instanceof BackupRefusal) throw err;
    throw new Error(`Файл ${file} повреждён или неполон: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    input.destroy();
  }
  fs.rmSync(path.join(dest, BACKUP_MARKER), { force: true });
}

/** Opens the unpacked folder once: the engine completes recovery there, and a bad copy fails here, before anything is replaced. */
async function openOnce(dir: string) {
  let client: PGlite;
  try {
    client = await PGlite.create(dir, { startParams: [...PGlite.defaultStartParams, ...embeddedSettings] });
  } catch (err) {
    const version = fs.existsSync(path.join(dir, "PG_VERSION")) ? fs.readFileSync(path.join(dir, "PG_VERSION"), "utf8").trim() : "?";
    throw new Error(`Восстановленная база не открывается (копия сделана PostgreSQL ${version} встроенной базы): ${err instanceof Error ? err.message : String(err)}`);
  }
  try {
    return (await client.query<{ municipalities: number | null; persons: number | null }>(SUMMARY)).rows[0];
  } finally {
    await client.close();
  }
}

/** Puts the unpacked database in place of the folder's old contents (renames on one file system). */
function replaceContents(dataDir: string, existing: string[], staging: string): void {
  const old = existing.length > 0 ? fs.mkdtempSync(path.join(dataDir, ".metodist-replaced-")) : null;
  const moved: string[] = [];
  try {
    if (old) for (const name of existing) fs.renameSync(path.join(dataDir, name), path.join(old, name));
    for (const name of fs.readdirSync(staging)) {
      fs.renameSync(path.join(staging, name), path.join(dataDir, name));
      moved.push(name);
    }
  } catch (err) {
    // Put the old database back as it was; its folder goes only once it is empty.
    for (const name of moved) fs.rmSync(path.join(dataDir, name), { recursive: true, force: true });
    if (old) {
      for (const name of fs.readdirSync(old)) fs.renameSync(path.join(old, name), path.join(dataDir, name));
      fs.rmdirSync(old);
    }
    throw err;
  }
  if (old) fs.rmSync(old, { recursive: true, force: true });
}
