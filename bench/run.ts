// `npm run bench`: region-scale benchmarks on PGlite and (when reachable) PostgreSQL. Writes
// docs/BENCHMARKS.md with the machine and the date. Targets are checked here, never in tests.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn } from "node:child_process";
import pg from "pg";
import { sql } from "drizzle-orm";
import { openDatabase, queryRows, type Database } from "../server/db/client.js";
import { generateDemo } from "../server/demo/generate.js";
import { createUser } from "../server/modules/users/service.js";
import { startTestServer, Client } from "../server/testing/harness.js";
import ExcelJS from "exceljs";
import { execFileSync } from "node:child_process";
import { Rng } from "../server/demo/rng.js";
import { randomFullName } from "../server/demo/names.js";

const PG_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const CLIENTS = 20;
const REQUESTS_PER_CLIENT = 50;
const root = path.resolve(import.meta.dirname, "..");
const results: string[] = [];

type Target = {
  name: "PGlite" | "PostgreSQL";
  open(): Promise<Database>;
  dataDir?: string;
  /** Environment for a child process to open the same database. */
  childEnv: Record<string, string>;
  cleanup(): Promise<void>;
};

async function pgReachable(): Promise<boolean> {
  const c = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    await c.end();
    return true;
  } catch {
    return false;
  }
}

function targets(pgOk: boolean): Target[] {
  const dataDir = path.join(root, ".bench-data", "pglite");
  const list: Target[] = [
    {
      name: "PGlite",
      dataDir,
      open: () => openDatabase({ dataDir }),
      childEnv: { DATA_DIR: dataDir, DATABASE_URL: "" },
      cleanup: async () => fs.rmSync(dataDir, { recursive: true, force: true }),
    },
  ];
  if (pgOk) {
    const dbName = "metodist_bench";
    const url = new URL(PG_URL);
    url.pathname = `/${dbName}`;
    const admin = async (q: string) => {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(q);
      await c.end();
    };
    list.push({
      name: "PostgreSQL",
      open: async () => {
        await admin(`drop database if exists ${dbName} with (force)`);
        await admin(`create database ${dbName}`);
        return openDatabase({ databaseUrl: url.toString(), dataDir: null });
      },
      childEnv: { DATABASE_URL: url.toString() },
      cleanup: () => admin(`drop database if exists ${dbName} with (force)`),
    });
  }
  return list;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const ms = (v: number) => v.toFixed(1).replace(".", ",");

/** 20 clients on loopback, each sending its requests one after another; latencies of all. */
async function loadStaffList(baseUrl: string, queries: string[]) {
  const client = await new Client(baseUrl).login("bench-admin", "bench-password");
  // Warm-up: plans and caches, as on a running server.
  for (const q of queries.slice(0, 20)) await client.get(q);
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, c) => {
      for (let i = 0; i < REQUESTS_PER_CLIENT; i++) {
        const q = queries[(c * REQUESTS_PER_CLIENT + i) % queries.length];
        const t0 = performance.now();
        const res = await client.get(q);
        latencies.push(performance.now() - t0);
        if (res.status !== 200) throw new Error(`${q}: ${res.status}`);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99), rps: latencies.length / seconds };
}

/** Time from `npm start` to a healthy /api/health on an existing data folder. */
async function measureStartup(dataDir: string): Promise<number> {
  const port = 3900 + Math.floor(Math.random() * 50);
  const started = performance.now();
  const child = spawn("node", ["scripts/start.mjs"], { cwd: root, env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), DATABASE_URL: "" }, stdio: "ignore" });
  try {
    for (;;) {
      if (performance.now() - started > 120_000) throw new Error("the server did not start in 120 s");
      try {
        const res = await fetch(`http://127.0.0.1:${port}/api/health`);
        if (res.ok) return performance.now() - started;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
  }
}

async function benchTarget(target: Target) {
  const limit = target.name === "PGlite" ? 60 : 30;
  await target.cleanup();
  const database = await target.open();
  const t0 = performance.now();
  const demo = await generateDemo(database.db, { scale: "region", seed: 7 });
  const genSeconds = (performance.now() - t0) / 1000;
  const [{ n: staff }] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from persons`);
  const [{ n: employments }] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from employments`);
  const m = demo.municipalities[0];
  await createUser(database.db, {
    actor: null,
    municipalityId: m.id,
    input: { login: "bench-admin", fullName: "Бенчмарк", role: "municipal_admin", password: "bench-password", organizationId: null, personId: null },
  });
  // Name fragments people type: the first three letters of surnames that exist, with ё folded.
  const prefixes = await queryRows<{ p: string }>(
    database.db,
    sql`select distinct left(search_name, 3) as p from persons where municipality_id = ${m.id} order by 1 limit 60`,
  );
  const queries = prefixes.map((r, i) => `/api/staff?q=${encodeURIComponent(r.p)}&orgKind=${i % 2 ? "school" : "preschool"}&category=${i % 3 ? "first" : "highest"}&asOf=2026-09-01`);
  const server = await startTestServer(database);
  const load = await loadStaffList(server.url, queries);
  await server.close();
  await database.close();
  const startup = target.dataDir ? await measureStartup(target.dataDir) : null;
  results.push(
    `### ${target.name}\n\n` +
      `- Data: ${demo.municipalities.length} municipalities, ${demo.organizations} organisations, ${staff} persons, ${employments} employments; generated in ${ms(genSeconds)} s.\n` +
      `- Staff list (name search + org kind + category), ${CLIENTS} concurrent clients × ${REQUESTS_PER_CLIENT} requests on loopback: ` +
      `p50 ${ms(load.p50)} ms, **p95 ${ms(load.p95)} ms** (target < ${limit} ms: ${load.p95 < limit ? "met" : "NOT met"}), p99 ${ms(load.p99)} ms, ${Math.round(load.rps)} requests/s.\n` +
      (startup !== null ? `- \`npm start\` on the existing data folder to a healthy \`/api/health\`: ${ms(startup / 1000)} s.\n` : ""),
  );
  console.log(results[results.length - 1]);
  await target.cleanup();
}

const IMPORT_ROWS = 10_000;
const REGISTRY = 60_000;

/**
 * 10,000 staff rows against a registry of 60,000 in the same municipality: half are people the
 * registry has (matched by name and birth date, given a new category), half are new.
 */
async function benchImport(target: Target) {
  const limit = target.name === "PGlite" ? 10 : 5;
  await target.cleanup();
  const database = await target.open();
  const demo = await generateDemo(database.db, { scale: "municipality", seed: 11, staff: REGISTRY, municipalityCode: "big" });
  const municipalityId = demo.municipalities[0].id;
  const existing = await queryRows<{ surname: string; name: string; patronymic: string | null; birth: string; org: string; position: string }>(
    database.db,
    sql`select p.surname, p.name, p.patronymic, p.birth_date::text as birth, o.short_name as org, pos.name as position
        from persons p join employments e on e.person_id = p.id and e.is_main and e.dismissal_date is null
        join organizations o on o.id = e.organization_id join positions pos on pos.id = e.position_id
        where p.municipality_id = ${municipalityId} order by p.id limit ${IMPORT_ROWS / 2}`,
  );
  const orgs = await queryRows<{ org: string }>(database.db, sql`select short_name as org from organizations where municipality_id = ${municipalityId} and kind = 'school' order by id`);
  await database.close();

  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Педагоги");
  ws.addRow(["Сведения о педагогических работниках (бенчмарк)"]);
  ws.addRow(["№ п/п", "ФИО", "Дата рождения", "ОО", "Должность", "Образование", "Квалификационная категория", "Дата присвоения категории"]);
  const ru = (iso: string) => iso.split("-").reverse().join(".");
  existing.forEach((p, i) => ws.addRow([i + 1, [p.surname, p.name, p.patronymic].filter(Boolean).join(" "), ru(p.birth), p.org, p.position, "высшее", "высшая", "15.10.2026"]));
  const rng = new Rng(99);
  for (let i = 0; i < IMPORT_ROWS / 2; i++) {
    const year = rng.int(1960, 2002);
    const n = randomFullName(rng, rng.chance(0.85) ? "female" : "male", year);
    const birth = `${String(rng.int(1, 28)).padStart(2, "0")}.${String(rng.int(1, 12)).padStart(2, "0")}.${year}`;
    ws.addRow([existing.length + i + 1, `${n.surname} ${n.name} ${n.patronymic}`, birth, orgs[i % orgs.length].org, "учитель", "высшее (педагогическое)", "первая", "01.03.2025"]);
  }
  const file = path.join(root, ".bench-data", "import-10000.xlsx");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await wb.xlsx.writeFile(file);

  const out = execFileSync("npx", ["tsx", "bench/import-child.ts", file, String(municipalityId)], {
    cwd: root,
    env: { ...process.env, ...target.childEnv },
    encoding: "utf8",
  });
  const run = JSON.parse(out.trim().split("\n").pop() as string) as { seconds: number; maxRssMb: number; result: Record<string, number | boolean> };
  results.push(
    `### Import on ${target.name}\n\n` +
      `- ${IMPORT_ROWS.toLocaleString("en")} staff rows (.xlsx, ${Math.round(fs.statSync(file).size / 1024)} KB) into a municipality whose registry holds ${REGISTRY.toLocaleString("en")} staff: ` +
      `${existing.length} rows match existing people (new category), the rest are new.\n` +
      `- Read, validate, match and write in one transaction: **${ms(run.seconds)} s** (target < ${limit} s: ${run.seconds < limit ? "met" : "NOT met"}); ` +
      `peak memory of the importing process **${run.maxRssMb} MB** (target < 400 MB: ${run.maxRssMb < 400 ? "met" : "NOT met"}).\n` +
      `- Result: ${JSON.stringify(run.result)}.\n`,
  );
  console.log(results[results.length - 1]);
  await target.cleanup();
}

const pgOk = await pgReachable();
const only = process.argv[2];
for (const target of targets(pgOk)) {
  if (!only || only === "list") await benchTarget(target);
  if (!only || only === "import") await benchImport(target);
}
if (!pgOk) results.push(`PostgreSQL at ${PG_URL} was not reachable: not measured.\n`);

const cpu = os.cpus()[0]?.model ?? "unknown CPU";
const doc = `# Benchmarks

Produced by \`npm run bench\` (bench/run.ts). Machine: ${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM,
Node ${process.version}, ${os.type()} ${os.release()}. Date: ${new Date().toISOString().slice(0, 10)}.

Region-scale synthetic data (seed 7); the load runs against the real HTTP server in the same
process as the client, on loopback, with one logged-in session.

${results.join("\n")}`;
fs.mkdirSync(path.join(root, "docs"), { recursive: true });
fs.writeFileSync(path.join(root, "docs", "BENCHMARKS.md"), doc);
console.log("docs/BENCHMARKS.md written");
