// Issue «Trust»: response headers, forged (cross-site) requests, body types and multipart uploads,
// through real HTTP on each database.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { queryRows } from "./db/client.js";
import { Client, DB_TARGETS, openTestDatabase, startTestServer, type TestServer } from "./testing/harness.js";
import { PASSWORD, seedWorld, type World } from "./testing/fixture.js";

const ORGS_CSV = "Краткое наименование;Полное наименование;Тип\nМБОУ СОШ № 99;Муниципальное бюджетное общеобразовательное учреждение «Средняя школа № 99»;школа\n";
const EVIL = "http://evil.example:8080";

describe.each(DB_TARGETS)("trust: headers, forged requests, uploads (%s)", (target) => {
  let server: TestServer;
  let world: World;
  let admin: Client;
  const count = async (table: string, where = sql`true`) =>
    (await queryRows<{ n: number }>(server.database.db, sql`select count(*)::int as n from ${sql.identifier(table)} where ${where}`))[0].n;
  const archived = async (id: number) =>
    (await queryRows<{ archived: boolean }>(server.database.db, sql`select archived_at is not null as archived from organizations where id = ${id}`))[0].archived;
  /** A request with exactly these headers (plus the admin's session cookie). */
  const send = (method: string, path: string, headers: Record<string, string>, body?: BodyInit) =>
    fetch(server.url + path, { method, headers: { cookie: admin.cookieHeader, ...headers }, body });

  beforeAll(async () => {
    const database = await openTestDatabase(target);
    world = await seedWorld(database.db);
    server = await startTestServer(database);
    admin = await new Client(server.url).login("admin-a", PASSWORD);
  });
  afterAll(async () => {
    await server?.close();
    await server?.database.close();
  });

  it("sends the security headers, a CSP without inline scripts, and no-store on the API", async () => {
    for (const path of ["/api/health", "/api/auth/me", "/api/staff?pageSize=1", "/api/nowhere"]) {
      const res = await send("GET", path, {});
      const h = res.headers;
      expect(h.get("x-content-type-options"), path).toBe("nosniff");
      expect(h.get("x-frame-options"), path).toBe("DENY");
      expect(h.get("referrer-policy"), path).toBe("same-origin");
      expect(h.get("cache-control"), path).toBe("no-store");
      const csp = h.get("content-security-policy") ?? "";
      expect(csp, path).toContain("default-src 'self'");
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).toMatch(/script-src 'self'(;|$)/);
      expect(csp, path).not.toMatch(/script-src[^;]*unsafe/);
      // Plain HTTP without PUBLIC_URL: nothing that would break an intranet address.
      expect(csp, path).not.toContain("upgrade-insecure-requests");
      expect(h.get("strict-transport-security"), path).toBeNull();
    }
    // The API description carries nothing personal and may be cached.
    expect((await send("GET", "/api/openapi.json", {})).headers.get("cache-control")).not.toBe("no-store");
    // Error replies under /api/ are not cached either.
    expect((await new Client(server.url).get("/api/staff")).res.headers.get("cache-control")).toBe("no-store");
  });

  it("refuses state-changing requests from another origin (Origin, else Referer) with 403 and changes nothing", async () => {
    const org = world.orgs.kinderA2.id;
    const json = { "content-type": "application/json" };
    const forged: [string, Record<string, string>][] = [
      ["Origin of another site", { ...json, origin: EVIL }],
      ["Origin null (sandboxed frame, file://)", { ...json, origin: "null" }],
      ["same host, another port", { ...json, origin: server.url.replace(/:\d+$/, ":1") }],
      ["Referer of another site, no Origin", { ...json, referer: `${EVIL}/page.html` }],
      ["a malformed Referer", { ...json, referer: "::::" }],
    ];
    for (const [name, headers] of forged) {
      const res = await send("POST", `/api/organizations/${org}/archive`, headers, "{}");
      expect(res.status, name).toBe(403);
      const body = await res.json();
      expect(body.error.code, name).toBe("foreign_origin");
      expect(body.error.message, name).toMatch(/другого сайта/);
    }
    expect(await archived(org)).toBe(false);
    // A login posted from another site is refused too (login CSRF).
    expect((await fetch(`${server.url}/api/auth/login`, { method: "POST", headers: { ...json, origin: EVIL }, body: JSON.stringify({ login: "admin-a", password: PASSWORD }) })).status).toBe(403);
    // Another spelling of the path is checked all the same.
    expect((await send("POST", `/%61pi/organizations/${org}/archive`, { ...json, origin: EVIL }, "{}")).status).toBe(403);
    // GET is never refused for its origin.
    expect((await send("GET", "/api/organizations", { origin: EVIL })).status).toBe(200);

    // The app's own origin (scheme-agnostic host:port) passes, by Origin or by Referer.
    const own = new URL(server.url);
    expect((await send("POST", `/api/organizations/${org}/archive`, { ...json, origin: server.url }, "{}")).status).toBe(200);
    expect((await send("POST", `/api/organizations/${org}/restore`, { ...json, origin: `https://${own.host}` }, "{}")).status).toBe(200);
    expect((await send("POST", `/api/organizations/${org}/archive`, { ...json, referer: `${server.url}/organizations/${org}` }, "{}")).status).toBe(200);
    // A program with no Origin and no Referer passes with JSON, or with no body at all.
    expect((await admin.post(`/api/organizations/${org}/restore`)).status).toBe(200);
    expect(await archived(org)).toBe(false);
  });

  it("takes JSON or multipart only: other body types answer 415, and a run is never started by one", async () => {
    const up = await admin.uploadFile("/api/imports?kind=organizations", "file", Buffer.from(ORGS_CSV), "оо.csv");
    expect(up.status).toBe(201);
    const before = await count("organizations");
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "application/octet-stream", "text/csv", "application/xml"]) {
      const res = await send("POST", `/api/imports/${up.json.id}/run`, { "content-type": type }, type.includes("form") ? "dryRun=false" : "{}");
      expect(res.status, type).toBe(415);
      const body = await res.json();
      expect(body.error.code, type).toBe("unsupported_media_type");
      expect(body.error.message, type).toMatch(/не принимается/);
    }
    // A body without any type is refused as well; a run without a body is not taken as {}.
    // (a string body would get text/plain from fetch; bytes go without a type)
    expect((await send("POST", `/api/imports/${up.json.id}/run`, {}, new Uint8Array(Buffer.from("{}")))).status).toBe(415);
    expect((await send("POST", `/api/imports/${up.json.id}/run`, {})).status).toBe(400);
    expect(await count("organizations")).toBe(before);
    expect(await count("imports", sql`committed_at is not null`)).toBe(0);
    // The same run as JSON works.
    const run = await admin.post(`/api/imports/${up.json.id}/run`, {});
    expect(run.json).toMatchObject({ committed: true, created: 1 });
    expect(await count("organizations")).toBe(before + 1);
  });

  it("takes uploads only as multipart/form-data with the file in «file», refusing raw bodies and files over the limit", async () => {
    const before = await count("imports");
    const raw = await admin.sendRaw("POST", "/api/imports?kind=organizations&fileName=x.csv", Buffer.from(ORGS_CSV), "application/octet-stream");
    expect(raw.status).toBe(415);
    expect((await raw.json()).error.message).toMatch(/[а-я]/);
    // JSON to an upload route: not a file.
    const asJson = await admin.post("/api/imports?kind=organizations", { file: ORGS_CSV });
    expect(asJson.status).toBe(415);
    expect(asJson.json.error.message).toContain("multipart/form-data");
    // A file under another field name.
    const wrongField = await admin.uploadFile("/api/imports?kind=organizations", "document", Buffer.from(ORGS_CSV), "x.csv");
    expect(wrongField.status).toBe(400);
    expect(wrongField.json.error.message).toContain("Приложите файл");
    // The reference-list upload is multipart too.
    expect((await admin.sendRaw("POST", "/api/references/subjects/bulk.xlsx", Buffer.from("PK"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")).status).toBe(415);
    expect(await count("imports")).toBe(before);

    // IMPORT_MAX_MB sets the limit: 413 with a Russian message naming it.
    const small = await startTestServer(server.database, { IMPORT_MAX_MB: "1" });
    try {
      const client = await new Client(small.url).login("admin-a", PASSWORD);
      const big = await client.uploadFile("/api/imports?kind=organizations", "file", Buffer.concat([Buffer.from(ORGS_CSV), Buffer.alloc(1024 * 1024, 0x20)]), "big.csv");
      expect(big.status).toBe(413);
      expect(big.json.error.message).toBe("Файл или запрос слишком большой: файлы принимаются до 1 МБ");
      const list = await client.uploadFile("/api/references/subjects/bulk.xlsx", "file", Buffer.alloc(1024 * 1024 + 1), "big.xlsx");
      expect(list.status).toBe(413);
      const fits = await client.uploadFile("/api/imports?kind=organizations", "file", Buffer.from(ORGS_CSV), "fits.csv");
      expect(fits.status).toBe(201);
    } finally {
      await small.app.close();
    }
  });

  it("serves a certificate scan as a download of the type its bytes prove, even a PDF with HTML inside", async () => {
    const provider = (await admin.post("/api/pd/providers", { name: "ГАУ ДПО «Институт развития образования»", shortName: "ИРО", kind: "regional_institute" })).json.id;
    const programme = (await admin.post("/api/pd/programmes", { providerId: provider, title: "Цифровая грамотность", hours: 36, kind: "upgrade", form: "distance" })).json.id;
    const course = await admin.post(`/api/pd/staff/${world.persons.semenov}/completions`, { programmeId: programme, dateFrom: "2025-03-01", dateTo: "2025-03-10", status: "completed" });
    expect(course.status).toBe(201);
    const scanPath = `/api/pd/completions/${course.json.id}/scan`;
    const polyglot = Buffer.from("%PDF-1.4\n<html><body><script>alert(document.cookie)</script></body></html>\n%%EOF\n");
    expect((await admin.uploadFile(scanPath, "file", polyglot, "удостоверение.html", "PUT")).status).toBe(200);
    // Whatever the stored type says, the bytes decide.
    await server.database.db.execute(sql`update files set mime = 'text/html' where id = (select scan_file_id from course_completions where id = ${course.json.id})`);
    const back = await send("GET", scanPath, {});
    expect(back.status).toBe(200);
    expect(back.headers.get("content-type")).toBe("application/pdf");
    expect(back.headers.get("content-disposition")).toMatch(/^attachment; filename="_+\.html"; filename\*=UTF-8''/);
    expect(back.headers.get("x-content-type-options")).toBe("nosniff");
    expect(back.headers.get("content-security-policy")).toBe("default-src 'none'; sandbox");
    expect(back.headers.get("cache-control")).toBe("no-store");
    expect(Buffer.from(await back.arrayBuffer()).equals(polyglot)).toBe(true);

    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1]);
    expect((await admin.uploadFile(scanPath, "file", jpeg, "скан.jpg", "PUT")).status).toBe(200);
    // (browsers and fetch write a quote in a multipart file name as %22; a name with a real one, stored:)
    await server.database.db.execute(sql`update files set name = ${'скан "1".jpg'} where id = (select scan_file_id from course_completions where id = ${course.json.id})`);
    const jpegBack = await send("GET", scanPath, {});
    expect(jpegBack.headers.get("content-type")).toBe("image/jpeg");
    // A quote in the name cannot break out of the header's quoted string.
    expect(jpegBack.headers.get("content-disposition")).toBe(`attachment; filename="____ _1_.jpg"; filename*=UTF-8''${encodeURIComponent("скан")}%20%221%22.jpg`);
  });
});

describe("trust: PUBLIC_URL", () => {
  let server: TestServer;
  let admin: Client;
  beforeAll(async () => {
    const database = await openTestDatabase("pglite");
    await seedWorld(database.db);
    server = await startTestServer(database, { PUBLIC_URL: "https://metodist.example.ru/" });
    admin = await new Client(server.url).login("admin-a", PASSWORD);
  });
  afterAll(async () => {
    await server?.close();
    await server?.database.close();
  });

  it("accepts only the configured origin, and turns on HTTPS-only headers", async () => {
    const post = (origin: string) =>
      fetch(`${server.url}/api/references/subjects`, {
        method: "POST",
        headers: { cookie: admin.cookieHeader, "content-type": "application/json", origin },
        body: JSON.stringify({ name: `Предмет ${origin.length}` }),
      });
    // The request's own host is no longer enough once the public address is known.
    expect((await post(server.url)).status).toBe(403);
    expect((await post("http://metodist.example.ru")).status).toBe(403);
    expect((await post("https://metodist.example.ru")).status).toBe(201);
    const res = await fetch(`${server.url}/api/health`);
    expect(res.headers.get("content-security-policy")).toContain("upgrade-insecure-requests");
    expect(res.headers.get("strict-transport-security")).toBe("max-age=15552000");
  });
});
