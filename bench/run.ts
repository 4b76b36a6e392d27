// `npm run bench`: region-scale benchmarks on PGlite and (when reachable) PostgreSQL. Writes
// docs/BENCHMARKS.md with the machine and the date. Targets are checked here, never in tests.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn } from "node:child_process";
import pg from "pg";
import { sql } from "drizzle-orm";
import { openDatabase, queryRows, type Database, type Queryable } from "../server/db/client.js";
import { generateDemo, type DemoResult } from "../server/demo/generate.js";
import { pdStatusLateral } from "../server/modules/pd/rule.js";
import { pdSummary } from "../server/modules/pd/report.js";
import { createUser } from "../server/modules/users/service.js";
import { Client } from "../server/testing/harness.js";
import ExcelJS from "exceljs";
import { execFileSync } from "node:child_process";
import { Rng } from "../server/demo/rng.js";
import { randomFullName } from "../server/demo/names.js";
import { bundle } from "../scripts/build.mjs";

const PG_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const CLIENTS = 20;
const LOAD_SECONDS = 15;
/** Pause of each paced client between a reply and its next request. */
const PAUSE_MS = 250;
const root = path.resolve(import.meta.dirname, "..");
const results: string[] = [];

type Target = {
  name: "PGlite" | "PostgreSQL";
  open(): Promise<Database>;
  dataDir?: string;
  /** Environment for a child process to open the same database. */
  childEnv: Record<string, string>;
  cleanup(): Promise<void>;
  /** A second, empty database beside the main one (in memory for PGlite), dropped by `drop`. */
  scratch(): Promise<{ database: Database; drop(): Promise<void> }>;
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
      scratch: async () => {
        const database = await openDatabase({ dataDir: null });
        return { database, drop: () => database.close() };
      },
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
      scratch: async () => {
        const scratchName = `${dbName}_scratch`;
        const scratchUrl = new URL(PG_URL);
        scratchUrl.pathname = `/${scratchName}`;
        await admin(`drop database if exists ${scratchName} with (force)`);
        await admin(`create database ${scratchName}`);
        const database = await openDatabase({ databaseUrl: scratchUrl.toString(), dataDir: null });
        return {
          database,
          drop: async () => {
            await database.close();
            await admin(`drop database if exists ${scratchName} with (force)`);
          },
        };
      },
    });
  }
  return list;
}

const ms = (v: number) => v.toFixed(1).replace(".", ",");

/**
 * 20 clients on loopback for a fixed time, each sending its next request as soon as the last is
 * answered. wrk (Debian package, installed here when missing) generates the load: a load generator
 * in Node would take half of this 2-core machine's CPU from the server it measures.
 */
async function loadStaffList(baseUrl: string, queries: string[], pauseMs = 0) {
  const client = await new Client(baseUrl).login("bench-admin", "bench-password");
  // Warm-up: plans and caches, as on a running server.
  for (const q of queries.slice(0, 20)) await client.get(q);
  ensureWrk();
  const script = path.join(root, ".bench-data", "staff-list.lua");
  fs.mkdirSync(path.dirname(script), { recursive: true });
  fs.writeFileSync(
    script,
    `local paths = {${queries.map((q) => JSON.stringify(q)).join(",")}}
local i = 0
${pauseMs > 0 ? `delay = function() return ${pauseMs} end` : ""}
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1], { ["Cookie"] = ${JSON.stringify(client.cookieHeader)} })
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT %.3f %.3f %.3f %d %d %d\\n", latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, summary.requests, summary.duration,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
`,
  );
  // wrk drops requests slower than 2 s as errors by default; the slow tail is what is measured here.
  const out = execFileSync("wrk", ["-t2", `-c${CLIENTS}`, `-d${LOAD_SECONDS}s`, "--timeout", "10s", "-s", script, baseUrl], { encoding: "utf8" });
  const [p50, p95, p99, requests, durationUs, errors] = (out.split("\n").find((l) => l.startsWith("RESULT")) ?? "").split(" ").slice(1).map(Number);
  if (!requests || errors > 0) throw new Error(`wrk: ${errors} errors\n${out}`);
  return { p50, p95, p99, rps: requests / (durationUs / 1e6), requests };
}

function ensureWrk() {
  try {
    execFileSync("wrk", ["--version"], { stdio: "ignore" });
  } catch (err) {
    // wrk prints its version and exits 1; only a missing binary throws ENOENT.
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") return;
    execFileSync("sh", ["-c", "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk"], { stdio: "inherit" });
  }
}

/** Starts `npm start` (scripts/start.mjs) on the target's database; resolves once /api/health answers. */
async function startServerProcess(target: Target): Promise<{ url: string; startupMs: number; stop(): Promise<void> }> {
  const port = 3900 + Math.floor(Math.random() * 50);
  const started = performance.now();
  const child = spawn("node", ["scripts/start.mjs"], {
    cwd: root,
    env: { ...process.env, ...target.childEnv, PORT: String(port), HOST: "127.0.0.1", DEMO: "0" },
    stdio: "ignore",
  });
  const stop = async () => {
    if (child.exitCode !== null) return;
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
  };
  for (;;) {
    if (performance.now() - started > 120_000 || child.exitCode !== null) {
      await stop();
      throw new Error("the server did not start in 120 s");
    }
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (res.ok) return { url: `http://127.0.0.1:${port}`, startupMs: performance.now() - started, stop };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The region-scale data once: the staff list under load, then the professional-development queries. */
async function benchTarget(target: Target, parts: { list: boolean; pd: boolean }) {
  const limit = target.name === "PGlite" ? 60 : 30;
  await target.cleanup();
  const database = await target.open();
  const t0 = performance.now();
  const demo = await generateDemo(database.db, { scale: "region", seed: 7 });
  const genSeconds = (performance.now() - t0) / 1000;
  const [{ n: staff }] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from persons`);
  const [{ n: employments }] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from employments`);
  const data =
    `- Data: ${demo.municipalities.length} municipalities, ${demo.organizations} organisations, ${staff} persons, ${employments} employments, ` +
    `${demo.completions} course records; generated in ${ms(genSeconds)} s.\n`;
  let load: Awaited<ReturnType<typeof loadStaffList>> | null = null;
  let paced: Awaited<ReturnType<typeof loadStaffList>> | null = null;
  let queriesForLoad: string[] | null = null;
  if (parts.list) {
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
    queriesForLoad = queries;
  }
  const pd = parts.pd ? await benchPd(target, database, demo) : null;
  await database.close();
  // The server runs as users run it — `npm start` in a process of its own — and the clients here.
  let startup: number | null = null;
  if (queriesForLoad) {
    const server = await startServerProcess(target);
    startup = server.startupMs;
    try {
      load = await loadStaffList(server.url, queriesForLoad);
      paced = await loadStaffList(server.url, queriesForLoad, PAUSE_MS);
    } finally {
      await server.stop();
    }
  }
  if (load) {
    results.push(
      `### ${target.name}\n\n` +
        data +
        `- Staff list (name search + org kind + category, 25 per page), ${CLIENTS} concurrent clients for ${LOAD_SECONDS} s on loopback (wrk), ${load.requests} requests: ` +
        `p50 ${ms(load.p50)} ms, **p95 ${ms(load.p95)} ms** (target < ${limit} ms: ${load.p95 < limit ? "met" : "NOT met"}), p99 ${ms(load.p99)} ms, ${Math.round(load.rps)} requests/s.\n` +
        (paced
          ? `- The same 20 clients each searching four times a second (${PAUSE_MS} ms between a reply and the next request, like type-ahead), ${paced.requests} requests: ` +
            `p50 ${ms(paced.p50)} ms, **p95 ${ms(paced.p95)} ms** (target < ${limit} ms: ${paced.p95 < limit ? "met" : "NOT met"}), p99 ${ms(paced.p99)} ms, ${Math.round(paced.rps)} requests/s.\n`
          : "") +
        (startup !== null ? `- \`npm start\` on the existing ${target.dataDir ? "data folder" : "database"} to a healthy \`/api/health\`: ${ms(startup / 1000)} s.\n` : ""),
    );
    console.log(results[results.length - 1]);
  }
  if (pd) {
    results.push(`### Professional development on ${target.name}\n\n${load ? "" : data}${pd}`);
    console.log(results[results.length - 1]);
  }
  await target.cleanup();
}

// ---------------------------------------------------------------------------------------------
// Professional development: the three-year rule for a whole region, the seed 003 report

const PD_AS_OF = "2026-09-01";
const REPORT_PERIOD = { from: "2025-09-01", to: "2026-08-31", asOf: "2026-08-31" };
const REGION_CODE = "23";

const median = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

/** One warm-up run, then `runs` timed ones: the median, the fastest and the slowest, in ms. */
async function timeWarm<T>(runs: number, run: () => Promise<T>): Promise<{ value: T; median: number; min: number; max: number }> {
  const value = await run();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await run();
    times.push(performance.now() - t0);
  }
  return { value, median: median(times), min: Math.min(...times), max: Math.max(...times) };
}
const spread = (t: { median: number; min: number; max: number }) => `median **${ms(t.median)} ms** (${ms(t.min)}–${ms(t.max)})`;

type StatusCount = { municipality_id: number; status: string; n: number };

/**
 * Every person's three-year-rule status in every municipality of the region, by the rule of
 * their own municipality, counted by municipality and status: one statement. The municipality
 * is not aliased «m»: pdStatusLateral names a subquery of its own so.
 */
function regionStatusQuery(db: Queryable) {
  return queryRows<StatusCount>(
    db,
    sql`select mu.id as municipality_id, pd.pd_status as status, count(*)::int as n
        from persons p join municipalities mu on mu.id = p.municipality_id
        ${pdStatusLateral(sql`p.id`, PD_AS_OF, { periodYears: sql`mu.pd_period_years`, minHours: sql`mu.pd_min_hours` })}
        where mu.region_code = ${REGION_CODE}
        group by mu.id, pd.pd_status`,
  );
}

const byStatus = (rows: StatusCount[]) => {
  const counts: Record<string, number> = { up_to_date: 0, due_this_year: 0, overdue: 0, exempt: 0 };
  for (const r of rows) counts[r.status] = (counts[r.status] ?? 0) + r.n;
  return counts;
};

async function benchPd(target: Target, database: Database, demo: DemoResult): Promise<string> {
  const { db } = database;
  const isPg = target.name === "PostgreSQL";
  // As a running server finds them: statistics gathered (autovacuum would do it in a minute).
  await db.execute(sql`analyze`);
  const lines: string[] = [];

  const status = await timeWarm(5, () => regionStatusQuery(db));
  const counts = byStatus(status.value);
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const share = (n: number) => `${((n * 100) / total).toFixed(1).replace(".", ",")} %`;
  const statusLimit = 1000;
  lines.push(
    `- Three-year rule status of all ${total.toLocaleString("en")} staff of the region (${status.value.length} municipality × status rows), one query, warm, 5 runs: ` +
      `${spread(status)}` +
      (isPg ? ` (target < ${statusLimit} ms: ${status.median < statusLimit ? "met" : "NOT met"})` : "") +
      `. Counts on ${PD_AS_OF}: up to date ${counts.up_to_date} (${share(counts.up_to_date)}), due this academic year ${counts.due_this_year} (${share(counts.due_this_year)}), ` +
      `overdue ${counts.overdue} (${share(counts.overdue)}), exempt ${counts.exempt} (${share(counts.exempt)}).`,
  );
  if (isPg) {
    // The planner's cost for 60,000 correlated subqueries passes jit_above_cost: LLVM compiles
    // the plan on every run. The same query with JIT off for the transaction:
    const noJit = await timeWarm(5, () =>
      db.transaction(async (tx) => {
        await tx.execute(sql`set local jit = off`);
        return regionStatusQuery(tx);
      }),
    );
    const [{ jit }] = await queryRows<{ jit: string }>(db, sql`select current_setting('jit') as jit`);
    lines.push(`- The same with \`set local jit = off\` (the server's setting is jit = ${jit}): ${spread(noJit)}.`);
  }

  // The seed 003 report for one municipality of the region, then for the reference municipality alone.
  const reportLimit = 200;
  const reportLine = async (db: Queryable, municipalityId: number, what: string) => {
    const t = await timeWarm(10, () => pdSummary(db, { municipalityId, ...REPORT_PERIOD }));
    const r = t.value;
    return (
      `- Seed 003 report (\`pdSummary\`, ${REPORT_PERIOD.from} – ${REPORT_PERIOD.to}) for ${what}: ${r.staffTotal} staff, ${r.trainedPersons} trained (${String(r.share).replace(".", ",")} %), ` +
      `${r.byProvider.length} providers, ${r.byOrganization.length} organisations; 10 runs warm: ${spread(t)}` +
      (!isPg ? ` (target < ${reportLimit} ms: ${t.median < reportLimit ? "met" : "NOT met"})` : "") +
      "."
    );
  };
  const regional = demo.municipalities[0];
  lines.push(await reportLine(db, regional.id, `municipality ${regional.code} of the region-scale data`));
  const scratch = await target.scratch();
  try {
    const single = await generateDemo(scratch.database.db, { scale: "municipality", seed: 1 });
    await scratch.database.db.execute(sql`analyze`);
    lines.push(await reportLine(scratch.database.db, single.municipalities[0].id, `the demo municipality at municipality scale (seed 1, own database, ${single.completions} course records)`));
  } finally {
    await scratch.drop();
  }
  return lines.map((l) => `${l}\n`).join("");
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

  // The import runs compiled, as `npm start` and the `metodist` command run the app.
  const child = path.join(root, ".bench-data", "import-child.mjs");
  await bundle("bench/import-child.ts", child);
  const out = execFileSync("node", [child, file, String(municipalityId)], {
    cwd: root,
    env: { ...process.env, ...target.childEnv },
    encoding: "utf8",
  });
  const run = JSON.parse(out.trim().split("\n").pop() as string) as {
    seconds: number;
    openRssMb: number;
    maxRssMb: number;
    undoSeconds: number;
    result: Record<string, number | boolean>;
  };
  results.push(
    `### Import on ${target.name}\n\n` +
      `- ${IMPORT_ROWS.toLocaleString("en")} staff rows (.xlsx, ${Math.round(fs.statSync(file).size / 1024)} KB) into a municipality whose registry holds ${REGISTRY.toLocaleString("en")} staff: ` +
      `${existing.length} rows match existing people (new category), the rest are new.\n` +
      `- Read, validate, match and write in one transaction: **${ms(run.seconds)} s** (target < ${limit} s: ${run.seconds < limit ? "met" : "NOT met"}); ` +
      `peak memory of the importing process **${run.maxRssMb} MB** (target < 400 MB: ${run.maxRssMb < 400 ? "met" : "NOT met"}), ` +
      `of which ${run.openRssMb} MB before the import began (Node, the compiled app and ${target.name === "PGlite" ? "the embedded database engine with the open 60,000-staff database" : "the pg client"}): the import itself adds ${run.maxRssMb - run.openRssMb} MB.\n` +
      `- Result: ${JSON.stringify(run.result)}.\n` +
      `- Undo of that import as a whole (the history page's «Отменить загрузку»: ${run.result.created} cards and everything added to the matched ones removed, one transaction): ${ms(run.undoSeconds)} s.\n`,
  );
  console.log(results[results.length - 1]);
  await target.cleanup();
}

// ---------------------------------------------------------------------------------------------
// Mixed load: 50 clients searching staff, opening cards and building the seed 003 report, first
// alone, then while a 20,000-row import runs (its /progress polled ten times a second).

const MIXED_CLIENTS = 50;
const MIXED_SECONDS = 20;

async function benchMixed(target: Target) {
  await target.cleanup();
  const database = await target.open();
  const demo = await generateDemo(database.db, { scale: "municipality", seed: 11 });
  const m = demo.municipalities[0];
  await createUser(database.db, {
    actor: null,
    municipalityId: m.id,
    input: { login: "bench-admin", fullName: "Бенчмарк", role: "municipal_admin", password: "bench-password", organizationId: null, personId: null },
  });
  const prefixes = await queryRows<{ p: string }>(database.db, sql`select distinct left(search_name, 3) as p from persons where municipality_id = ${m.id} order by 1 limit 40`);
  const ids = await queryRows<{ id: number }>(database.db, sql`select id from persons where municipality_id = ${m.id} order by id limit 200`);
  const [org] = await queryRows<{ name: string }>(database.db, sql`select short_name as name from organizations where municipality_id = ${m.id} and kind = 'school' order by id limit 1`);
  await database.close();
  const paths = [
    ...prefixes.map((r) => `/api/staff?q=${encodeURIComponent(r.p)}&asOf=2026-09-01`),
    ...ids.map((r) => `/api/staff/${r.id}`),
    ...Array.from({ length: 10 }, () => `/api/pd/report?from=2025-09-01&to=2026-08-31`),
  ];
  const server = await startServerProcess(target);
  try {
    const alone = await mixedLoad(server.url, paths);
    // A 20,000-row staff file of new people, loaded through the API while the clients keep going.
    const rng = new Rng(5);
    const csv = `ФИО;Дата рождения;ОО;Должность\n${Array.from({ length: 20_000 }, (_, i) => `${Object.values(randomFullName(rng, i % 5 ? "female" : "male", 1960 + (i % 40))).join(" ")};${String(1 + (i % 28)).padStart(2, "0")}.${String(1 + (i % 12)).padStart(2, "0")}.${1960 + (i % 40)};${org.name};учитель`).join("\n")}\n`;
    const admin = await new Client(server.url).login("bench-admin", "bench-password");
    // The import alone first (a dry run: nothing written), /progress polled; then for real under the clients' load.
    const dry = await admin.uploadFile("/api/imports?kind=staff", "file", Buffer.from(csv), "нагрузка.csv");
    const dryRun = admin.post(`/api/imports/${dry.json.id as number}/run`, { dryRun: true });
    const dryProgress = pollProgress(admin, dry.json.id as number);
    await dryRun;
    const polledAlone = await dryProgress.stop();
    const up = await admin.uploadFile("/api/imports?kind=staff", "file", Buffer.from(csv), "нагрузка.csv");
    const importId = up.json.id as number;
    const run = admin.post(`/api/imports/${importId}/run`, { skipInvalid: true });
    const progress = pollProgress(admin, importId);
    const during = await mixedLoad(server.url, paths);
    const result = await run;
    const polled = await progress.stop();
    return { alone, during, imported: result.json, polled, polledAlone };
  } finally {
    await server.stop();
    await target.cleanup();
  }
}

/** Polls /progress every 100 ms: the longest wait for an answer, and how many distinct values it showed. */
function pollProgress(client: Client, importId: number) {
  let running = true;
  let longest = 0;
  const seen = new Set<string>();
  const loop = (async () => {
    while (running) {
      const t = performance.now();
      const r = await client.get(`/api/imports/${importId}/progress`);
      longest = Math.max(longest, performance.now() - t);
      if (r.json?.progress) seen.add(`${r.json.progress.phase}:${r.json.progress.done}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return { longestMs: longest, distinctValues: seen.size };
    },
  };
}

async function mixedLoad(baseUrl: string, paths: string[]) {
  const client = await new Client(baseUrl).login("bench-admin", "bench-password");
  for (const p of paths.slice(0, 20)) await client.get(p);
  ensureWrk();
  const script = path.join(root, ".bench-data", "mixed.lua");
  fs.mkdirSync(path.dirname(script), { recursive: true });
  fs.writeFileSync(
    script,
    `local paths = {${paths.map((q) => JSON.stringify(q)).join(",")}}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i * 7919 % #paths) + 1], { ["Cookie"] = ${JSON.stringify(client.cookieHeader)} })
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT %.3f %.3f %.3f %d %d %d %d %d\\n", latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, summary.requests, summary.duration, summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write,
    summary.errors.timeout, 0))
end
`,
  );
  const out = execFileSync("wrk", ["-t2", `-c${MIXED_CLIENTS}`, `-d${MIXED_SECONDS}s`, "--timeout", "10s", "-s", script, baseUrl], { encoding: "utf8" });
  const [p50, p99, max, requests, durationUs, errors, timeouts] = (out.split("\n").find((l) => l.startsWith("RESULT")) ?? "").split(" ").slice(1).map(Number);
  return { p50, p99, max, requests, rps: requests / (durationUs / 1e6), errors, timeouts };
}

// ---------------------------------------------------------------------------------------------
// Backup and restore (`metodist backup|restore`, server/db/backup.ts) of the region-scale data

const mbOf = (bytes: number) => ms(bytes / 2 ** 20);

function folderBytes(dir: string): number {
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    total += entry.isDirectory() ? folderBytes(full) : entry.isFile() ? fs.statSync(full).size : 0;
  }
  return total;
}

/** Runs the `metodist` command (compiled, as users run it) with `env`; returns its --json line. */
function metodistJson<T>(env: Record<string, string>, ...args: string[]): T {
  const out = execFileSync("node", [path.join(root, "bin", "metodist.mjs"), ...args, "--json"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: "", ...env },
    encoding: "utf8",
  });
  return JSON.parse(out.trim().split("\n").pop() as string) as T;
}

/**
 * The region-scale database backed up while the server runs (as a nightly job would), with a
 * client reading the staff list meanwhile, then restored into an empty folder / database.
 */
async function benchBackup(target: Target) {
  await target.cleanup();
  const database = await target.open();
  const t0 = performance.now();
  const demo = await generateDemo(database.db, { scale: "region", seed: 7 });
  const genSeconds = (performance.now() - t0) / 1000;
  await createUser(database.db, {
    actor: null,
    municipalityId: demo.municipalities[0].id,
    input: { login: "bench-admin", fullName: "Бенчмарк", role: "municipal_admin", password: "bench-password", organizationId: null, personId: null },
  });
  const [{ n: persons }] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from persons`);
  const [{ size }] = target.dataDir ? [{ size: 0 }] : await queryRows<{ size: number }>(database.db, sql`select pg_database_size(current_database())::float8 as size`);
  await database.close();
  const dbBytes = target.dataDir ? folderBytes(target.dataDir) : size;

  const file = path.join(root, ".bench-data", `backup-${target.name}.bin`);
  fs.rmSync(file, { force: true });
  const server = await startServerProcess(target);
  let backup: { bytes: number; seconds: number; via: string; heldMs?: number };
  const latencies: number[] = [];
  try {
    const client = await new Client(server.url).login("bench-admin", "bench-password");
    const query = "/api/staff?q=%D0%98%D0%B2%D0%B0&asOf=2026-09-01";
    for (let i = 0; i < 5; i++) await client.get(query);
    let reading = true;
    const reader = (async () => {
      while (reading) {
        const started = performance.now();
        const r = await client.get(query);
        if (r.status !== 200) throw new Error(`staff list during the backup: ${r.status}`);
        latencies.push(performance.now() - started);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();
    // execFileSync would stop this process's event loop, and with it the reader: run it apart.
    backup = await new Promise((resolve, reject) => {
      const child = spawn("node", [path.join(root, "bin", "metodist.mjs"), "backup", file, "--json"], {
        cwd: root,
        env: { ...process.env, DATABASE_URL: "", ...target.childEnv },
        stdio: ["ignore", "pipe", "inherit"],
      });
      let out = "";
      child.stdout.on("data", (chunk) => (out += chunk));
      child.once("exit", (code) => (code === 0 ? resolve(JSON.parse(out.trim().split("\n").pop() as string)) : reject(new Error(`backup: exit ${code}`))));
    });
    reading = false;
    await reader;
  } finally {
    await server.stop();
  }

  // Restore into an empty folder / a new database beside the original.
  let restoreEnv: Record<string, string>;
  let dropRestored: () => Promise<void>;
  if (target.dataDir) {
    const restoredDir = `${target.dataDir}-restored`;
    fs.rmSync(restoredDir, { recursive: true, force: true });
    restoreEnv = { DATA_DIR: restoredDir };
    dropRestored = async () => fs.rmSync(restoredDir, { recursive: true, force: true });
  } else {
    const name = "metodist_bench_restored";
    const admin = async (q: string) => {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(q);
      await c.end();
    };
    await admin(`drop database if exists ${name} with (force)`);
    await admin(`create database ${name}`);
    const url = new URL(PG_URL);
    url.pathname = `/${name}`;
    restoreEnv = { DATABASE_URL: url.toString() };
    dropRestored = () => admin(`drop database if exists ${name} with (force)`);
  }
  const restore = metodistJson<{ seconds: number; persons: number }>(restoreEnv, "restore", file);
  if (restore.persons !== persons) throw new Error(`restored ${restore.persons} persons of ${persons}`);
  await dropRestored();

  const sorted = [...latencies].sort((a, b) => a - b);
  const embedded = target.name === "PGlite";
  results.push(
    `### Backup and restore on ${target.name}\n\n` +
      `- Region-scale data (seed 7, ${persons} persons, generated in ${ms(genSeconds)} s): ${embedded ? "data folder" : "database (`pg_database_size`)"} ${mbOf(dbBytes)} MB.\n` +
      `- \`metodist backup\` while the server runs (\`npm start\`): **${ms(backup.seconds)} s**, file **${mbOf(backup.bytes)} MB** ` +
      (embedded
        ? `(.tar.gz of a snapshot the server wrote; the WAL segments recovery does not read are left out). The server held the database for the snapshot ${backup.heldMs} ms; `
        : "(pg_dump, custom format, compressed); ") +
      `a client reading the staff list every 100 ms meanwhile got ${latencies.length} answers, median ${ms(median(latencies))} ms, slowest ${ms(sorted[sorted.length - 1] ?? 0)} ms.\n` +
      `- \`metodist restore\` into ${embedded ? "an empty data folder (unpack, open once to finish recovery, move into place)" : "an empty database (pg_restore → psql in one transaction, then ANALYZE)"}: **${ms(restore.seconds)} s**.\n`,
  );
  console.log(results[results.length - 1]);
  fs.rmSync(file, { force: true });
  await target.cleanup();
}

const pgOk = await pgReachable();
const only = process.argv[2];
const NOTES_HEADING = "## Reading the figures";
for (const target of targets(pgOk)) {
  const parts = { list: !only || only === "list", pd: !only || only === "pd" };
  if (parts.list || parts.pd) await benchTarget(target, parts);
  if (!only || only === "import") await benchImport(target);
  if (!only || only === "backup") await benchBackup(target);
  if (!only || only === "mixed") {
    const r = await benchMixed(target);
    const line = (x: Awaited<ReturnType<typeof mixedLoad>>) =>
      `${x.requests} requests, p50 ${ms(x.p50)} ms, p99 ${ms(x.p99)} ms, max ${ms(x.max)} ms, ${Math.round(x.rps)} requests/s, ${x.errors} errors, ${x.timeouts} over 10 s`;
    results.push(
      `### Mixed load on ${target.name}\n\n` +
        `- ${MIXED_CLIENTS} clients for ${MIXED_SECONDS} s (staff search, staff card, seed 003 report; one municipality of 1,631 staff): ${line(r.alone)}.\n` +
        `- The same while a 20,000-row staff import runs: ${line(r.during)}. The import: ${r.imported.committed ? `committed, ${r.imported.created} created` : "not committed"}; ` +
        `/progress polled every 100 ms answered within ${ms(r.polled.longestMs)} ms at worst and showed ${r.polled.distinctValues} different values.\n` +
        `- The check of the same file with no other clients: /progress answered within ${ms(r.polledAlone.longestMs)} ms at worst and showed ${r.polledAlone.distinctValues} different values.\n`,
    );
    console.log(results[results.length - 1]);
  }
}
if (!pgOk) results.push(`PostgreSQL at ${PG_URL} was not reachable: not measured.\n`);

const cpu = os.cpus()[0]?.model ?? "unknown CPU";
const doc = `# Benchmarks

Produced by \`npm run bench\` (bench/run.ts). Machine: ${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM,
Node ${process.version}, ${os.type()} ${os.release()}. Date: ${new Date().toISOString().slice(0, 10)}.

Region-scale synthetic data (seed 7). The staff list is measured against the server started as
users start it (\`npm start\`, its own process) with wrk generating the load on loopback (20
connections, one logged-in session, 60 different name fragments), twice: clients that never
pause (saturation: on this 2-core machine the server, the database and wrk share the two cores,
and the latency is about 20 ÷ throughput), and clients that pause 250 ms between searches. The professional-development
queries run in the benchmark process itself, after an \`ANALYZE\`, warm (one run first, then the
median of 5 or 10); the three-year rule is reckoned on ${PD_AS_OF}.

${results.join("\n")}`;
const docPath = path.join(root, "docs", "BENCHMARKS.md");
if (only) {
  // One part alone would drop the others' figures from the document: print only.
  console.log(`Only «${only}» was measured: docs/BENCHMARKS.md left as it is.`);
} else {
  // The hand-written reading of the figures, below its heading, survives a new run.
  const previous = fs.existsSync(docPath) ? fs.readFileSync(docPath, "utf8") : "";
  const notes = previous.includes(NOTES_HEADING) ? previous.slice(previous.indexOf(NOTES_HEADING)) : "";
  fs.mkdirSync(path.dirname(docPath), { recursive: true });
  fs.writeFileSync(docPath, `${doc.trimEnd()}\n\n${notes}`);
  console.log("docs/BENCHMARKS.md written");
}
