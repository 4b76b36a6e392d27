// Login back-off (server/auth/throttle.ts) and TRUST_PROXY, through HTTP on both databases.
// Time passes by moving the recorded attempts into the past, never by sleeping.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, DB_TARGETS, openTestDatabase, startTestServer, type TestServer } from "../testing/harness.js";
import { PASSWORD, seedWorld } from "../testing/fixture.js";
import { queryRows } from "../db/client.js";
import { loadConfig } from "../config.js";
import { passwordVerifications } from "./passwords.js";
import { durationText, secondsToWait } from "./throttle.js";

describe("login limit settings", () => {
  it("TRUST_PROXY is off unless set; takes true, a hop count or proxy addresses", () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: "0" }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: "false" }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: "true" }).trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: "1" }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: "127.0.0.1, 10.0.0.0/8,::1,loopback" }).trustProxy).toEqual(["127.0.0.1", "10.0.0.0/8", "::1", "loopback"]);
    expect(() => loadConfig({ TRUST_PROXY: "nginx" })).toThrow(/TRUST_PROXY.*не адрес прокси/);
    expect(() => loadConfig({ TRUST_PROXY: "10.0.0.0/33" })).toThrow(/TRUST_PROXY/);
  });

  it("the wait doubles from the fourth failure in a row, is capped, and a quiet window forgets the run", () => {
    const limits = { freeFailures: 3, quietSeconds: 900, maxDelaySeconds: 300 };
    const now = 10_000;
    const run = (n: number, gap = 1) => Array.from({ length: n }, (_, i) => now - i * gap);
    expect(secondsToWait(run(2), now, limits)).toBe(0);
    expect(secondsToWait(run(3), now, limits)).toBe(1);
    expect(secondsToWait(run(4), now, limits)).toBe(2);
    expect(secondsToWait(run(6), now, limits)).toBe(8);
    expect(secondsToWait(run(40), now, limits)).toBe(300);
    expect(secondsToWait(run(40), now + 300, limits)).toBe(0);
    // Guesses paced at the longest wait still make one run.
    expect(secondsToWait(run(40, 300), now, limits)).toBe(300);
    // After a quiet window only the failures since count.
    expect(secondsToWait([now, now - 1, now - 2000, now - 2001, now - 2002], now, limits)).toBe(0);
    expect(durationText(1)).toBe("1 секунду");
    expect(durationText(4)).toBe("4 секунды");
    expect(durationText(11)).toBe("11 секунд");
    expect(durationText(300)).toBe("5 минут");
    expect(durationText(61)).toBe("2 минуты");
  });
});

describe.each(DB_TARGETS)("login limits (%s)", (target) => {
  let server: TestServer;
  let direct: TestServer;
  let strict: TestServer;
  beforeAll(async () => {
    const database = await openTestDatabase(target);
    await seedWorld(database.db);
    // Behind a proxy on the loopback address: X-Forwarded-For tells each test's addresses apart.
    server = await startTestServer(database, { TRUST_PROXY: "loopback" });
    // The default: no proxy is trusted.
    direct = await startTestServer(database);
    // One free failure per login, four per address: fewer argon2 checks for the address test.
    strict = await startTestServer(database, { TRUST_PROXY: "loopback", LOGIN_MAX_FAILURES: "1" });
  });
  afterAll(async () => {
    await server?.close();
    await direct?.close();
    await strict?.close();
    await server?.database.close();
  });

  const attempt = async (login: string, password: string, ip: string, on = server) => {
    const res = await fetch(`${on.url}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": ip },
      body: JSON.stringify({ login, password }),
    });
    const json = await res.json();
    return { status: res.status, json, retryAfter: res.headers.get("retry-after") };
  };
  /** Lets time pass for the limits: every recorded attempt moves this many seconds into the past. */
  const wait = (seconds: number) => server.database.db.execute(sql`update login_attempts set at = at - ${seconds} * interval '1 second'`);
  /** Makes the newest attempt exactly this old (a slow machine takes time between requests too). */
  const sinceLast = (seconds: number) =>
    server.database.db.execute(sql`update login_attempts set at = at + (now() - ${seconds} * interval '1 second' - (select max(at) from login_attempts))`);
  const attemptsOf = async (login: string) =>
    (await queryRows<{ n: number }>(server.database.db, sql`select count(*)::int as n from login_attempts where login = ${login}`))[0].n;

  it("after three failures each attempt waits 2^(n−3) seconds (429, Retry-After, when to retry); the owner then logs in", async () => {
    const ip = "10.0.1.1";
    for (let i = 0; i < 3; i++) expect((await attempt("admin-a", "wrong", ip)).status).toBe(401);
    await sinceLast(0);
    const blocked = await attempt("admin-a", PASSWORD, ip);
    expect(blocked.status).toBe(429);
    expect(blocked.retryAfter).toBe("1");
    expect(blocked.json.error.code).toBe("too_many_attempts");
    expect(blocked.json.error.message).toBe(
      "Слишком много неудачных попыток входа. Повторите через 1 секунду: это защита от подбора пароля, учётная запись не заблокирована.",
    );
    await sinceLast(1);
    expect((await attempt("admin-a", "wrong", ip)).status).toBe(401);
    await sinceLast(0);
    expect((await attempt("admin-a", PASSWORD, ip)).retryAfter).toBe("2");
    await sinceLast(2);
    expect((await attempt("admin-a", "wrong", ip)).status).toBe(401);
    await sinceLast(0);
    const longer = await attempt("admin-a", PASSWORD, ip);
    expect(longer.retryAfter).toBe("4");
    expect(longer.json.error.message).toContain("через 4 секунды");
    await sinceLast(4);
    expect((await attempt("admin-a", PASSWORD, ip)).status).toBe(200);
    // The success ended the run: mistakes are free again.
    expect((await attempt("admin-a", "wrong", ip)).status).toBe(401);
    expect((await attempt("admin-a", PASSWORD, ip)).status).toBe(200);
  });

  it("a login guessed from many addresses waits at most the cap; refused attempts do not lengthen it", async () => {
    // Forty failures a minute apart from forty addresses, the last one just now.
    await server.database.db.execute(sql`insert into login_attempts (login, ip, succeeded, at)
      select 'coord-a1', '192.0.2.' || g, false, now() - g * interval '1 minute' + interval '1 minute' from generate_series(1, 40) g`);
    const blocked = await attempt("coord-a1", PASSWORD, "10.0.2.1");
    expect(blocked.status).toBe(429);
    expect(Number(blocked.retryAfter)).toBeGreaterThan(290);
    expect(Number(blocked.retryAfter)).toBeLessThanOrEqual(300);
    expect(blocked.json.error.message).toContain("через 5 минут");
    const counted = await attemptsOf("coord-a1");
    for (let i = 0; i < 5; i++) expect((await attempt("coord-a1", "guess" + i, `10.0.2.${10 + i}`)).status).toBe(429);
    expect(await attemptsOf("coord-a1")).toBe(counted);
    await wait(300);
    expect((await attempt("coord-a1", PASSWORD, "10.0.2.1")).status).toBe(200);
  });

  it("an address gets four times as many free failures, and a success from it ends its run", async () => {
    const ip = "10.0.3.1";
    const fail = async (login: string) => expect((await attempt(login, "x", ip, strict)).status).toBe(401);
    for (const login of ["nobody-1", "nobody-2", "nobody-3"]) await fail(login);
    expect((await attempt("teacher-a", PASSWORD, ip, strict)).status).toBe(200);
    // Without the reset the address would now wait after its 4th failure in a row.
    for (const login of ["nobody-4", "nobody-5", "nobody-6", "nobody-7"]) await fail(login);
    await sinceLast(0);
    const blocked = await attempt("teacher-a", PASSWORD, ip, strict);
    expect(blocked.status).toBe(429);
    expect(blocked.retryAfter).toBe("1");
    // Another address is not slowed down by this one.
    expect((await attempt("teacher-a", PASSWORD, "10.0.3.2", strict)).status).toBe(200);
  });

  it("X-Forwarded-For counts only behind a trusted proxy", async () => {
    await attempt("nobody-xff", "x", "203.0.113.7", direct);
    await attempt("nobody-xff", "x", "203.0.113.8", server);
    const ips = await queryRows<{ ip: string }>(server.database.db, sql`select ip from login_attempts where login = 'nobody-xff' order by id`);
    expect(ips.map((r) => r.ip)).toEqual(["127.0.0.1", "203.0.113.8"]);
  });

  it("a wrong current password on «Смена пароля» counts towards the same limit", async () => {
    await wait(3600);
    const me = await new Client(direct.url).login("admin-b", PASSWORD);
    const change = (currentPassword: string) => me.post("/api/auth/password", { currentPassword, newPassword: "new-password-123" });
    for (let i = 0; i < 3; i++) expect((await change("wrong")).status).toBe(400);
    await sinceLast(0);
    const blocked = await change(PASSWORD);
    expect(blocked.status).toBe(429);
    expect(blocked.json.error.message).toContain("Слишком много неудачных попыток ввести пароль");
  });
});

describe("unknown logins take as long as known ones", () => {
  let server: TestServer;
  beforeAll(async () => {
    const database = await openTestDatabase("pglite");
    await seedWorld(database.db);
    // No back-off here: the test repeats failures.
    server = await startTestServer(database, { LOGIN_MAX_FAILURES: "100" });
  });
  afterAll(async () => {
    await server?.close();
    await server?.database.close();
  });

  const timed = async (login: string) => {
    const checks = passwordVerifications();
    const started = performance.now();
    const res = await new Client(server.url).post("/api/auth/login", { login, password: "wrong-password" });
    const ms = performance.now() - started;
    expect(res.status).toBe(401);
    expect(res.json.error.message).toBe("Неверный логин или пароль");
    return { ms, checks: passwordVerifications() - checks };
  };
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

  it("a login that does not exist is checked against a dummy hash", async () => {
    await timed("no-such-login"); // the dummy hash is made on first use
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 5; i++) {
      const k = await timed("admin-a");
      const u = await timed(`no-such-login-${i}`);
      // One argon2 check each: the observable that cannot flake.
      expect(k.checks).toBe(1);
      expect(u.checks).toBe(1);
      known.push(k.ms);
      unknown.push(u.ms);
    }
    // A loose bound only: two busy cores are no stopwatch.
    expect(median(unknown)).toBeGreaterThanOrEqual(0.5 * median(known));
  });
});
