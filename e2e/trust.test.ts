// Issue «Trust» in a real Chromium: the built app runs under its Content-Security-Policy without a
// single violation, and a page of another origin (a tiny server on another port of 127.0.0.1 —
// the same *site*, so the SameSite=Lax session cookie goes along) cannot archive an organisation
// or upload and commit an import on behalf of the logged-in admin.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { sql } from "drizzle-orm";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../server/demo/accounts.js";
import { SESSION_COOKIE } from "../server/auth/sessions.js";
import { startHarness, type Harness } from "./harness.js";

let h: Harness;
let evil: http.Server;
let evilUrl = "";
/** The page the other origin serves, by path. */
const evilPages = new Map<string, string>();

beforeAll(async () => {
  h = await startHarness();
  evil = http.createServer((req, res) => {
    const page = evilPages.get((req.url ?? "/").split("?")[0]);
    res.writeHead(page ? 200 : 404, { "content-type": "text/html; charset=utf-8" });
    res.end(page ?? "нет такой страницы");
  });
  await new Promise<void>((resolve) => evil.listen(0, "127.0.0.1", resolve));
  evilUrl = `http://127.0.0.1:${(evil.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await h?.close();
  await new Promise((resolve) => evil?.close(resolve));
});

/** Records CSP violations the page's documents report (Playwright's init scripts are not subject to the CSP). */
async function watchCsp(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener("securitypolicyviolation", (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
  });
}
const violations = (page: Page) => page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []);

describe("[TRUST]", () => {
  it("[ADMIN][TRUST]: the built app works under its CSP: every main page and an upload, no violations, no console errors", async () => {
    const page = await h.newPage();
    await watchCsp(page);
    const main = await page.goto("/login");
    const csp = main?.headers()["content-security-policy"] ?? "";
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(main?.headers()["x-frame-options"]).toBe("DENY");
    await page.getByLabel("Логин").fill("admin");
    await page.getByLabel("Пароль").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Войти" }).click();
    await page.waitForURL((url) => !url.pathname.startsWith("/login"));

    const [person] = await h.query<{ id: number }>(sql`select id from persons order by id limit 1`);
    const [org] = await h.query<{ id: number }>(sql`select id from organizations where archived_at is null order by id limit 1`);
    const pages = ["/staff", `/staff/${person.id}`, "/organizations", `/organizations/${org.id}`, "/imports", "/pd", "/references", "/users", "/reports/composition", "/profile"];
    for (const path of pages) {
      await page.goto(path);
      await page.getByTestId("current-user").waitFor();
      await page.waitForLoadState("networkidle");
      expect(await violations(page), path).toEqual([]);
    }

    // An upload from the app itself: multipart from its own origin passes the origin check.
    await page.goto("/imports");
    await page.getByTestId("import-dropzone").waitFor();
    await page.locator("label").filter({ hasText: /^Организации$/ }).click();
    const csv = "Краткое наименование;Полное наименование;Тип\nМБОУ СОШ № 777;Муниципальное бюджетное общеобразовательное учреждение «Школа № 777»;школа\n";
    await page.locator("input[type=file]").setInputFiles({ name: "Школы района.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    await page.getByTestId("mapping-table").waitFor();
    const [upload] = await h.query<{ file_name: string }>(sql`select file_name from imports order by id desc limit 1`);
    expect(upload.file_name).toBe("Школы района.csv");
    expect(await violations(page)).toEqual([]);

    // The API's viewer (Swagger UI) works under the same policy.
    await page.goto("/api/docs");
    await page.locator(".swagger-ui .info").waitFor();
    expect(await violations(page)).toEqual([]);
    expect(h.consoleErrors).toEqual([]);
  });

  it("[ADMIN][TRUST]: a page of another origin cannot archive an organisation, nor upload and commit an import, with the admin's session", async () => {
    const admin = await h.loginAs("admin");
    const context = admin.context();
    const [org] = await h.query<{ id: number }>(sql`select id from organizations where archived_at is null order by id limit 1`);
    // An import the admin uploaded and has not committed yet: the forged run would commit it.
    const pending = await admin.evaluate(async () => {
      const form = new FormData();
      const csv = "Краткое наименование;Полное наименование;Тип\nМБОУ СОШ № 888;Муниципальное бюджетное общеобразовательное учреждение «Школа № 888»;школа\n";
      form.append("file", new File([csv], "Ещё школа.csv", { type: "text/csv" }));
      const res = await fetch("/api/imports?kind=organizations", { method: "POST", body: form });
      return { status: res.status, id: ((await res.json()) as { id: number }).id };
    });
    expect(pending.status).toBe(201);
    const before = {
      organizations: (await h.query<{ n: number }>(sql`select count(*)::int as n from organizations`))[0].n,
      imports: (await h.query<{ n: number }>(sql`select count(*)::int as n from imports`))[0].n,
    };

    const app = h.baseUrl;
    const csv = "Краткое наименование;Полное наименование;Тип\nМБОУ СОШ № 666;Поддельная школа № 666;школа\n";
    // The attack page: simple requests (no preflight) by fetch in no-cors mode, and forms.
    evilPages.set(
      "/attack.html",
      `<!doctype html><meta charset="utf-8"><title>Выигрыш</title>
<form id="archive" method="POST" action="${app}/api/organizations/${org.id}/archive" enctype="text/plain" target="f1"><input name='{"x":"' value='"}'></form>
<form id="run" method="POST" action="${app}/api/imports/${pending.id}/run" enctype="text/plain" target="f2"><input name='{"dryRun":false,"x":"' value='"}'></form>
<form id="upload" method="POST" action="${app}/api/imports?kind=organizations" enctype="multipart/form-data" target="f3"><input type="file" name="file"></form>
<iframe name="f1"></iframe><iframe name="f2"></iframe><iframe name="f3"></iframe>
<script>
(async () => {
  const opts = (body, type) => ({ method: "POST", mode: "no-cors", credentials: "include", body, headers: type ? { "content-type": type } : {} });
  const form = new FormData();
  form.append("file", new File([${JSON.stringify(csv)}], "school.csv", { type: "text/csv" }));
  const attempts = [
    fetch("${app}/api/organizations/${org.id}/archive", opts("{}", "text/plain")),
    fetch("${app}/api/organizations/${org.id}/archive", opts("a=1", "application/x-www-form-urlencoded")),
    fetch("${app}/api/imports/${pending.id}/run", opts(JSON.stringify({ dryRun: false }), "text/plain")),
    fetch("${app}/api/imports?kind=organizations", opts(form)),
  ];
  await Promise.allSettled(attempts);
  const dt = new DataTransfer();
  dt.items.add(new File([${JSON.stringify(csv)}], "school.csv", { type: "text/csv" }));
  document.querySelector("#upload input").files = dt.files;
  for (const id of ["archive", "run", "upload"]) document.getElementById(id).submit();
  document.title = "готово";
})();
</script>`,
    );
    // The same with the Referer suppressed: Chromium then sends «Origin: null».
    evilPages.set(
      "/quiet.html",
      `<!doctype html><meta charset="utf-8"><meta name="referrer" content="no-referrer">
<form id="archive" method="POST" action="${app}/api/organizations/${org.id}/archive" enctype="text/plain"><input name='{"x":"' value='"}'></form>
<script>document.getElementById("archive").submit();</script>`,
    );

    // What the app answered, read from Chromium's network log: the fetches' answers are blocked
    // from the page (no CORS, Cross-Origin-Resource-Policy) and the forms' from their frames
    // (X-Frame-Options), but the raw status of every one is in the log.
    const attacker = await context.newPage();
    const cdp = await context.newCDPSession(attacker);
    await cdp.send("Network.enable");
    // (the ExtraInfo events may come before or after the request's own event: joined by id at the end)
    const sent = new Map<string, { url: string; method: string }>();
    const headers = new Map<string, Record<string, string>>();
    const statuses = new Map<string, number>();
    cdp.on("Network.requestWillBeSent", (e) => sent.set(e.requestId, { url: e.request.url, method: e.request.method }));
    cdp.on("Network.requestWillBeSentExtraInfo", (e) =>
      headers.set(e.requestId, Object.fromEntries(Object.entries(e.headers).map(([k, v]) => [k.toLowerCase(), String(v)]))),
    );
    cdp.on("Network.responseReceivedExtraInfo", (e) => statuses.set(e.requestId, e.statusCode));
    const answered = () =>
      [...sent.entries()]
        .filter(([id, r]) => r.url.startsWith(`${app}/api/`) && statuses.has(id) && headers.has(id))
        .map(([id, r]) => ({
          url: r.url.slice(app.length),
          method: r.method,
          origin: headers.get(id)?.origin,
          cookie: (headers.get(id)?.cookie ?? "").includes(`${SESSION_COOKIE}=`),
          status: statuses.get(id),
        }));

    await attacker.goto(`${evilUrl}/attack.html`);
    await attacker.waitForFunction(() => document.title === "готово");
    await expect.poll(() => answered().length, { timeout: 15_000 }).toBeGreaterThanOrEqual(7);
    await attacker.goto(`${evilUrl}/quiet.html`);
    await expect.poll(() => answered().length, { timeout: 15_000 }).toBeGreaterThanOrEqual(8);
    await cdp.detach();
    const answers = answered();

    // Every forged request reached the app with the session cookie and was refused.
    for (const a of answers) {
      expect([403, 415], `${a.url} (Origin ${a.origin})`).toContain(a.status);
      // Same site (127.0.0.1), so SameSite=Lax did not keep the session cookie back: the origin check did the work.
      expect(a.cookie, a.url).toBe(true);
    }
    expect(answers.filter((a) => a.status === 403).length).toBeGreaterThanOrEqual(8);
    expect(new Set(answers.map((a) => a.origin))).toEqual(new Set([evilUrl, "null"]));

    // Nothing changed: the organisation is active, the admin's import is not committed, no new import or school.
    const [state] = await h.query<{ archived: boolean; committed: boolean }>(sql`
      select (select archived_at is not null from organizations where id = ${org.id}) as archived,
             (select committed_at is not null from imports where id = ${pending.id}) as committed`);
    expect(state).toEqual({ archived: false, committed: false });
    expect((await h.query<{ n: number }>(sql`select count(*)::int as n from organizations`))[0].n).toBe(before.organizations);
    expect((await h.query<{ n: number }>(sql`select count(*)::int as n from imports`))[0].n).toBe(before.imports);
    expect((await h.query<{ n: number }>(sql`select count(*)::int as n from organizations where short_name = 'МБОУ СОШ № 666'`))[0].n).toBe(0);

    // The same requests from the app's own page would have worked: the refusal is about the origin.
    const own = await admin.evaluate(async (id) => (await fetch(`/api/imports/${id}/run`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ dryRun: true }) })).status, pending.id);
    expect(own).toBe(200);
    // …but not with a body type a form could send.
    const plain = await admin.evaluate(async (id) => (await fetch(`/api/organizations/${id}/archive`, { method: "POST", headers: { "content-type": "text/plain" }, body: "{}" })).status, org.id);
    expect(plain).toBe(415);
    const [after] = await h.query<{ archived: boolean }>(sql`select archived_at is not null as archived from organizations where id = ${org.id}`);
    expect(after.archived).toBe(false);
  });
});
