// HTTP fuzz test (issue «Trust»): requests generated from every route's own zod schemas —
// valid, at the limits, and broken in every way a client can break them — sent as the municipal
// admin, as a coordinator and without a session, on each database of DB_TARGETS.
//
// Asserted for every answer: no 5xx; an error has the app's shape {error:{code,message}} with a
// Russian message; a request the route's schema refuses never succeeds; a 2xx conforms to the
// route's reply schema where it declares one; and a refused request changes no data (fingerprint of
// the database before and after: every table's row count and an md5 of its rows). Also a few raw
// requests that try to climb out of the static folders.
//
// Reproduce a failure with the seed it prints: FUZZ_SEED=<seed> npx vitest run server/testing/fuzz.test.ts
// (the requests are the same; with concurrency the interleaving of the first phase may differ).
// FUZZ_REPORT=/tmp/fuzz writes every problem to /tmp/fuzz.<database>.txt; FUZZ_TIMES=1 prints the
// costliest routes.
import fs from "node:fs";
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import ExcelJS from "exceljs";
import type { z } from "zod";
import { Client, DB_TARGETS, openTestDatabase, startTestServer, type TestServer } from "./harness.js";
import { PASSWORD, seedWorld } from "./fixture.js";
import { JPEG, seedRecords, staffCsv, type Records } from "./records.js";
import { routeTable, type RouteEntry } from "./route-table.js";
import { fingerprint, fingerprintDiff, fingerprintPlan, writeMark, type Fingerprint } from "./fingerprint.js";
import { generateRequest, makeRng, type FuzzRequest, type GenContext, type Identity, type Pools } from "./fuzz-gen.js";

vi.mock("fastify", async (importOriginal) => (await import("./route-table.js")).withRouteTable(await importOriginal()));

const SEED = Number(process.env.FUZZ_SEED ?? 20260301);
/** Requests per route and identity: 96 routes (a dozen of them costly, see `weight`) ≈ 10,550 requests per database. */
const PER_ROUTE: Record<Identity, number> = { admin: 54, coordinator: 46, anonymous: 24 };
/**
 * Routes that build a workbook or a document on every valid request, serve the API viewer's
 * megabyte of scripts, or check a password (argon2, back-off) get a third of the requests: they
 * cost 20–100 times as much as the others.
 */
const weight = (route: RouteEntry) =>
  /\/templates\/|\.xlsx$|\/export|staff-composition|\/pd\/report$|^\/api\/docs\/(yaml|json$|static)|^\/api\/auth\/(login|password)$/.test(route.url) ? 0.35 : 1;
const CONCURRENCY = 4;
const BATCH = 100;

/**
 * Routes not fuzzed, or not with every identity, and why. Everything else in the route table is.
 */
const SKIPPED: { key: string; identities: Identity[]; reason: string }[] = [
  { key: "POST /api/auth/logout", identities: ["admin", "coordinator"], reason: "ends the fuzzing session itself; fuzzed without a session" },
  { key: "GET /*", identities: ["admin", "coordinator", "anonymous"], reason: "the web app's static files (HTML/JS), not the JSON API" },
];

/** Changes that legitimately remove or retire things: run last, so they do not starve the others of records. */
const isDestructive = (r: FuzzRequest) => r.method === "DELETE" || /\/(archive|restore|undo|dismiss)$/.test(r.route.url);

type Outcome = { status: number; type: string; json: unknown; text: string | null; ms: number; error?: string };

const CYRILLIC = /[А-Яа-яЁё]/;
/** Two English words in a row (outside «quotes», which carry the user's own input). */
const ENGLISH_PHRASE = /\b[A-Za-z]{3,}\s+[A-Za-z]{3,}\b/;
function notRussian(message: string): boolean {
  const bare = message.replace(/«[^»]*»/g, "«»").replace(/metodist user create/g, "");
  return !CYRILLIC.test(bare) || ENGLISH_PHRASE.test(bare);
}

function describeRequest(r: FuzzRequest): string {
  const body =
    r.body.kind === "json"
      ? JSON.stringify(r.body.value)
      : r.body.kind === "raw"
        ? `${r.body.type} ${typeof r.body.data === "string" ? r.body.data.slice(0, 80) : `${r.body.data.length} bytes`}`
        : r.body.kind === "multipart"
          ? `multipart ${r.body.files.map((f) => `${f.field}:${f.name}(${f.data.length} B)`).join(",")}`
          : "";
  const shown = body.length > 300 ? `${body.slice(0, 300)}…(${body.length})` : body;
  const path = r.path.length > 200 ? `${r.path.slice(0, 200)}…` : r.path;
  return `#${r.n} [seed ${SEED}] ${r.identity} ${r.method} ${path} ${shown} {${r.mutation}}`;
}

async function send(baseUrl: string, cookie: string | null, r: FuzzRequest): Promise<Outcome> {
  const headers: Record<string, string> = { ...r.headers };
  if (cookie) headers.cookie = cookie;
  let body: string | Uint8Array | FormData | undefined;
  if (r.body.kind === "json") {
    headers["content-type"] = "application/json";
    body = JSON.stringify(r.body.value);
  } else if (r.body.kind === "raw") {
    headers["content-type"] = r.body.type;
    body = r.body.data;
  } else if (r.body.kind === "multipart") {
    const form = new FormData();
    for (const [k, v] of Object.entries(r.body.fields)) form.append(k, v);
    for (const f of r.body.files) form.append(f.field, new Blob([new Uint8Array(f.data)]), f.name);
    body = form;
  }
  const started = performance.now();
  try {
    const res = await fetch(baseUrl + r.path, {
      method: r.method,
      headers,
      body: body instanceof Uint8Array ? new Blob([new Uint8Array(body)]) : body,
      redirect: "manual",
      signal: AbortSignal.timeout(60_000),
    });
    const type = res.headers.get("content-type") ?? "";
    const buf = Buffer.from(await res.arrayBuffer());
    let json: unknown = null;
    let text: string | null = null;
    if (type.includes("json")) {
      text = buf.toString("utf8");
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
    }
    return { status: res.status, type, json, text, ms: performance.now() - started };
  } catch (error) {
    return { status: 0, type: "", json: null, text: null, ms: performance.now() - started, error: String(error) };
  }
}

/** Problems of one answer, whatever phase it came in. */
function check(r: FuzzRequest, o: Outcome): string[] {
  const out: string[] = [];
  const where = describeRequest(r);
  if (o.status === 0) return [`${where} → no answer: ${o.error}`];
  if (o.status >= 500) return [`${where} → ${o.status} ${o.text?.slice(0, 300) ?? o.type}`];
  // A path that resolves outside the API (a «..» parameter) reaches the web app: only the 5xx check applies.
  if (!new URL(r.path, "http://x").pathname.startsWith("/api/")) return [];
  if (o.status >= 400) {
    const e = (o.json as { error?: { code?: unknown; message?: unknown } } | null)?.error;
    if (!e || typeof e.code !== "string" || typeof e.message !== "string") {
      out.push(`${where} → ${o.status} without the error shape {error:{code,message}}: ${o.type} ${o.text?.slice(0, 200) ?? ""}`);
    } else if (notRussian(e.message)) {
      out.push(`${where} → ${o.status} message not in Russian: ${JSON.stringify(e.message)}`);
    }
  }
  if (o.status >= 200 && o.status < 300) {
    if (r.schemaValid === false) out.push(`${where} → ${o.status}: the route's schema refuses this request, yet it succeeded`);
    if (r.transportRefused) out.push(`${where} → ${o.status}: a request of a refused kind (origin, body type) succeeded`);
    if (r.identity === "anonymous" && r.method !== "GET" && r.method !== "HEAD" && !PUBLIC_WRITES.has(r.route.key)) {
      out.push(`${where} → ${o.status}: a change without a session succeeded`);
    }
    const schema = replySchema(r.route, o.status);
    if (schema && o.type.includes("json")) {
      replyChecks++;
      const parsed = schema.safeParse(o.json);
      if (!parsed.success) out.push(`${where} → ${o.status} does not conform to the route's reply schema: ${parsed.error.message.slice(0, 300)}`);
    }
  }
  return out;
}

/** Routes that may change something without a session: signing in (a failed attempt is counted) and the first-run set-up. */
const PUBLIC_WRITES = new Set(["POST /api/auth/login", "POST /api/auth/logout", "POST /api/setup"]);

let replyChecks = 0;
function replySchema(route: RouteEntry, status: number): z.ZodType | null {
  const r = route.schema.response;
  if (!r) return null;
  const s = r[String(status)] ?? r[`${String(status)[0]}xx`] ?? r.default;
  return s && typeof (s as z.ZodType).safeParse === "function" ? (s as z.ZodType) : null;
}

/** Attempts to leave the folders of the API viewer and of the web app. */
const TRAVERSALS = [
  "/api/docs/static/../../../package.json",
  "/api/docs/static/..%2f..%2f..%2fpackage.json",
  "/api/docs/static/%2e%2e/%2e%2e/%2e%2e/package.json",
  "/api/docs/static/....//....//package.json",
  "/api/docs/static/%252e%252e/package.json",
  "/api/docs/static/..\\..\\..\\package.json",
  "/api/docs/static/%00",
  "/../../package.json",
  "/..%2f..%2fpackage.json",
  "/%2e%2e/%2e%2e/package.json",
  "/assets/../../../../etc/passwd",
];

/** A GET with the path exactly as given: node:http does not resolve «..» as fetch does. */
function rawGet(baseUrl: string, path: string): Promise<{ status: number; body: string }> {
  const url = new URL(baseUrl);
  return new Promise((resolve) => {
    const req = http.request({ host: url.hostname, port: url.port, path, method: "GET" }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
    });
    req.on("error", (e) => resolve({ status: 0, body: String(e) }));
    req.end();
  });
}

/** Runs items with at most `limit` in flight, in order of start. */
async function pool<T, R>(items: T[], limit: number, run: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await run(items[i]);
      }
    }),
  );
  return results;
}

async function workbook(rows: (string | number)[][]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Лист1");
  for (const row of rows) ws.addRow(row);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

async function uploadFiles(): Promise<GenContext["files"]> {
  const enc = (s: string) => new TextEncoder().encode(s);
  const staffXlsx = await workbook([["ФИО", "Дата рождения", "Должность", "Место работы"], ["Таблицын Иван Петрович", "01.02.1990", "учитель", "МБОУ СОШ № 1"]]);
  const listXlsx = await workbook([["Значение", "Другое написание"], ["учитель-логопед", "логопед"], ["педагог-психолог", "психолог"]]);
  const orgCsv = enc("Полное наименование;Краткое наименование;Тип\nМуниципальное бюджетное учреждение № 77;МБУ № 77;школа\n");
  const cp1251 = new Uint8Array([0xd4, 0xc8, 0xce, 0x3b, 0xc4, 0xee, 0xeb, 0xe6, 0xed, 0xee, 0xf1, 0xf2, 0xfc, 0x0a, 0xcf, 0xe5, 0xf2, 0xf0, 0xee, 0xe2, 0x3b, 0xf3, 0xf7, 0xe8, 0xf2, 0xe5, 0xeb, 0xfc, 0x0a]);
  const rng = makeRng(SEED ^ 0x5eed);
  const random = (n: number) => Uint8Array.from({ length: n }, () => rng.int(0, 255));
  const longCsv = enc("ФИО;Должность\n" + Array.from({ length: 6000 }, (_, i) => `Строков${i} Иван;учитель`).join("\n"));
  return {
    valid: {
      "/api/imports": [
        { name: "Педагоги.csv", data: staffCsv("Файлов") },
        { name: "Организации.csv", data: orgCsv },
        { name: "Педагоги.xlsx", data: staffXlsx },
      ],
      "/api/references/:kind/bulk.xlsx": [
        { name: "Список.xlsx", data: listXlsx },
        { name: "Список.csv", data: enc("значение;другое\nучитель-дефектолог;дефектолог\n") },
      ],
      "/api/pd/completions/:id/scan": [
        { name: "удостоверение.jpg", data: JPEG },
        { name: "удостоверение.pdf", data: enc("%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n") },
      ],
    },
    odd: [
      { name: "пустой.csv", data: new Uint8Array() },
      { name: "шум.xlsx", data: random(1024) },
      { name: "шум.csv", data: random(300) },
      { name: "битый.xlsx", data: new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...random(200)]) },
      { name: "старый.xls", data: new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...random(100)]) },
      { name: "1251.csv", data: cp1251 },
      { name: "nul.csv", data: enc("ФИО;Должность\nИванов\u0000 Иван;учитель\n") },
      { name: "страница.html", data: enc("<html><body><table><tr><td>ФИО</td></tr></table></body></html>") },
      { name: "картинка.png", data: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...random(64)]) },
      { name: "скан.jpg", data: JPEG },
      { name: "длинный.csv", data: longCsv },
      { name: "../../../etc/passwd", data: staffCsv("Путёв") },
      { name: "", data: staffCsv("Безымянов") },
      { name: `${"д".repeat(300)}.csv`, data: staffCsv("Длинноимёнов") },
      { name: "таблица.xlsx", data: staffXlsx },
    ],
  };
}

function poolsOf(records: Records): Pools {
  const t = (x: { own: number; otherOrg: number; otherMunicipality: number }, extra: number[] = [999999]) => [x.own, x.otherOrg, x.otherMunicipality, ...extra];
  return {
    organization: t(records.organization),
    person: t(records.person),
    employment: t(records.employment),
    education: t(records.education),
    category: t(records.category),
    personStatus: t(records.personStatus),
    exemption: t(records.exemption),
    orgStatus: t(records.orgStatus),
    orgAlias: t(records.orgAlias),
    position: t(records.position),
    subject: t(records.subject),
    positionAlias: t(records.positionAlias),
    subjectAlias: t(records.subjectAlias),
    provider: t(records.provider),
    programme: t(records.programme),
    completion: t(records.completion),
    courseRequest: t(records.courseRequest),
    import: t(records.import),
    // Never the fuzzing accounts themselves (admin-a, coord-a1): a changed password or role ends their sessions.
    user: t(records.user, [records.userIds["leader-a"], records.userIds["region-23"], 999999]),
    any: [1, 2, 3, 999999],
  };
}

describe.each(DB_TARGETS)("HTTP fuzz from the route schemas (%s)", (target) => {
  let server: TestServer;
  let records: Records;
  let clients: Record<Identity, Client | null>;

  beforeAll(async () => {
    const database = await openTestDatabase(target);
    const world = await seedWorld(database.db);
    server = await startTestServer(database);
    records = await seedRecords(server, world);
    clients = { admin: records.clients.adminA, coordinator: records.clients.coordA1, anonymous: null };
  });
  afterAll(async () => {
    await server?.close();
    await server?.database.close();
  });

  it("answers ≥ 10,000 generated requests without a 5xx, in the error shape, changing nothing when refusing", async () => {
    const started = performance.now();
    const routes = routeTable(server.app);
    const ctx: GenContext = { rng: makeRng(SEED), pools: poolsOf(records), files: await uploadFiles() };
    const skipped = (route: RouteEntry, who: Identity) => SKIPPED.some((s) => s.key === route.key && s.identities.includes(who));

    const requests: FuzzRequest[] = [];
    for (const route of routes) {
      for (const who of ["admin", "coordinator", "anonymous"] as const) {
        if (skipped(route, who)) continue;
        for (let i = 0; i < Math.round(PER_ROUTE[who] * weight(route)); i++) {
          const r = generateRequest(requests.length, route, who, ctx);
          // An import run in the background goes on after its answer: its writes would be blamed on
          // the requests that follow. The same run in the foreground is fuzzed instead.
          if (r.body.kind === "json" && route.key === "POST /api/imports/:id/run") {
            const b = r.body.value as { background?: unknown } | null;
            if (b && typeof b === "object" && b.background === true) b.background = false;
          }
          requests.push(r);
        }
      }
    }
    // Over the body limit, once each: a JSON body and a file.
    const staffRoute = routes.find((r) => r.key === "POST /api/staff") as RouteEntry;
    const importRoute = routes.find((r) => r.key === "POST /api/imports") as RouteEntry;
    requests.push(
      { n: requests.length, route: staffRoute, identity: "admin", method: "POST", path: "/api/staff", headers: {}, mutation: "26 MB JSON body", schemaValid: false, transportRefused: false,
        body: { kind: "raw", type: "application/json", data: JSON.stringify({ person: { surname: "Ы".repeat(13 * 1024 * 1024) } }) } },
      { n: requests.length + 1, route: importRoute, identity: "admin", method: "POST", path: "/api/imports?kind=staff", headers: {}, mutation: "file over IMPORT_MAX_MB", schemaValid: null, transportRefused: false,
        body: { kind: "multipart", fields: {}, files: [{ field: "file", name: "большой.csv", data: new Uint8Array(server.app.config.importMaxMb * 1024 * 1024 + 1024).fill(0x41) }] } },
    );

    // Phase 1: requests that must not change anything — without a session, reads, refused by their
    // schema or by the transport — in batches, concurrently, with a fingerprint around each batch.
    // Phase 2: valid changes by signed-in users, one at a time; after each refused one, a fingerprint.
    // Phase 3: the same for deletions, archiving, dismissals and undos.
    const mustNotChange = (r: FuzzRequest) =>
      r.identity === "anonymous" || r.method === "GET" || r.method === "HEAD" || r.transportRefused || r.schemaValid === false;
    const phase1 = makeRng(SEED + 1).shuffle(requests.filter(mustNotChange));
    const phase2 = requests.filter((r) => !mustNotChange(r) && !isDestructive(r));
    const phase3 = requests.filter((r) => !mustNotChange(r) && isDestructive(r));

    const problems: string[] = [];
    const statuses = new Map<number, number>();
    const timeByRoute = new Map<string, { n: number; ms: number; max: number; maxN: number }>();
    let sent = 0;
    const plan = await fingerprintPlan(server.database);
    let fpCount = 0;
    let fpMs = 0;
    const fp = async () => {
      const t = performance.now();
      const out = await fingerprint(server.database, plan);
      fpCount++;
      fpMs += performance.now() - t;
      return out;
    };
    const mark = () => writeMark(server.database);
    // Refused changes of phases 2 and 3, and those of them that moved the write mark (then fingerprinted).
    let refusedChecked = 0;
    let refusedWrote = 0;
    const phaseSeconds: string[] = [];
    let phaseStart = performance.now();
    const lap = (name: string) => {
      phaseSeconds.push(`${name} ${((performance.now() - phaseStart) / 1000).toFixed(1)} s`);
      phaseStart = performance.now();
    };
    const run = async (r: FuzzRequest) => {
      const o = await send(server.url, clients[r.identity]?.cookieHeader ?? null, r);
      sent++;
      statuses.set(o.status, (statuses.get(o.status) ?? 0) + 1);
      const slot = timeByRoute.get(r.route.key) ?? { n: 0, ms: 0, max: 0, maxN: -1 };
      slot.n++;
      slot.ms += o.ms;
      if (o.ms > slot.max) Object.assign(slot, { max: o.ms, maxN: r.n });
      timeByRoute.set(r.route.key, slot);
      problems.push(...check(r, o));
      return o;
    };
    const sessionsAlive = async (after: string) => {
      for (const who of ["admin", "coordinator"] as const) {
        const me = await (clients[who] as Client).get("/api/auth/me");
        if (me.status !== 200) {
          problems.push(`the ${who}'s session ended during ${after} (GET /api/auth/me → ${me.status})`);
          await (clients[who] as Client).login(who === "admin" ? "admin-a" : "coord-a1", PASSWORD);
        }
      }
    };

    // The fingerprint of the data as of write mark fMark; taken only when a request may have written.
    let known: Fingerprint = await fp();
    let fMark = await mark();
    const refresh = async () => {
      known = await fp();
      fMark = await mark();
    };
    for (let i = 0; i < phase1.length; i += BATCH) {
      const batch = phase1.slice(i, i + BATCH);
      const m0 = await mark();
      if (m0 !== fMark) await refresh();
      const before = known;
      await pool(batch, CONCURRENCY, run);
      if ((await mark()) === m0) continue;
      await refresh();
      const diff = fingerprintDiff(before, known);
      if (!diff.length) continue;
      // Find the request: the batch again, one by one, with a fingerprint after each.
      let named = false;
      for (const r of batch) {
        const at = known;
        await run(r);
        await refresh();
        const d = fingerprintDiff(at, known);
        if (d.length) {
          problems.push(`${describeRequest(r)} changed data although it must not: ${d.join("; ")}`);
          named = true;
        }
      }
      if (!named) problems.push(`a batch of refused requests changed data (${diff.join("; ")}); not reproduced one by one: ${batch.map((r) => `#${r.n}`).join(",")}`);
    }
    await sessionsAlive("phase 1");
    lap("phase 1");

    // One at a time. A refused request that moved the write mark is checked against the
    // fingerprint from just before it, or, when that is stale (a change succeeded since), replayed
    // between two fingerprints: a refusal refuses again.
    const sequential = async (list: FuzzRequest[]) => {
      let m = await mark();
      for (const r of list) {
        const before = m;
        const o = await run(r);
        m = await mark();
        if (o.status < 400 || o.status >= 500) continue;
        refusedChecked++;
        if (m === before) continue;
        refusedWrote++;
        if (fMark === before) {
          const at = known;
          await refresh();
          const d = fingerprintDiff(at, known);
          if (d.length) problems.push(`${describeRequest(r)} → ${o.status} but changed data: ${d.join("; ")}`);
        } else {
          await refresh();
          const at = known;
          const again = await run(r);
          await refresh();
          const d = fingerprintDiff(at, known);
          if (d.length && again.status >= 400 && again.status < 500) problems.push(`${describeRequest(r)} → ${o.status}, replayed → ${again.status}, changed data: ${d.join("; ")}`);
        }
        m = fMark;
      }
    };
    await sequential(phase2);
    await sessionsAlive("phase 2");
    lap("phase 2");
    await sequential(phase3);
    await sessionsAlive("phase 3");
    lap("phase 3");

    // Paths that climb out of the static folders, sent as raw bytes (fetch would resolve the dots).
    for (const path of TRAVERSALS) {
      const o = await rawGet(server.url, path);
      sent++;
      statuses.set(o.status, (statuses.get(o.status) ?? 0) + 1);
      if (o.status >= 500) problems.push(`GET ${path} (raw) → ${o.status}`);
      if (o.body.includes('"name": "metodist"') || o.body.includes("DATABASE_URL")) problems.push(`GET ${path} (raw) → ${o.status} served a file outside the static folder`);
      if (path.startsWith("/api/") && o.status >= 400 && !/"error":\{"code":"[a-z_]+","message":"[^"]*[А-Яа-яЁё]/.test(o.body)) {
        problems.push(`GET ${path} (raw) → ${o.status} without the app's error shape: ${o.body.slice(0, 200)}`);
      }
    }

    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const byStatus = [...statuses.entries()].sort((x, y) => x[0] - y[0]).map(([s, n]) => `${s}:${n}`).join(" ");
    console.log(
      `fuzz ${target}: ${sent} requests (${phase1.length} must-not-change, ${phase2.length} changes, ${phase3.length} destructive) over ${routes.length} routes in ${seconds} s (${phaseSeconds.join(", ")}; ${fpCount} fingerprints ${(fpMs / 1000).toFixed(1)} s; ${refusedChecked} refused changes checked, ${refusedWrote} of them wrote and were compared), seed ${SEED}; statuses ${byStatus}; reply-schema checks ${replyChecks}; skipped: ${SKIPPED.map((s) => `${s.key} as ${s.identities.join("/")} (${s.reason})`).join("; ")}`,
    );
    if (process.env.FUZZ_TIMES) {
      const rows = [...timeByRoute].sort((x, y) => y[1].ms - x[1].ms).slice(0, 25);
      console.log(rows.map(([k, v]) => `${k}: ${v.n} req, ${(v.ms / 1000).toFixed(1)} s total, max ${v.max.toFixed(0)} ms (#${v.maxN}: ${describeRequest(requests[v.maxN]).slice(0, 160)})`).join("\n"));
    }
    if (process.env.FUZZ_REPORT) fs.writeFileSync(`${process.env.FUZZ_REPORT}.${target}.txt`, problems.join("\n"));
    expect(sent).toBeGreaterThanOrEqual(10_000);
    // Server errors first: they are what this test is for.
    problems.sort((x, y) => Number(/→ 5\d\d/.test(y)) - Number(/→ 5\d\d/.test(x)));
    expect(problems.slice(0, 40), `${problems.length} problems (first 40 shown)`).toEqual([]);
  }, 900_000);
});
