// `npm start` as a user runs it: the compiled server on a fresh embedded data folder fills the
// demo, serves the web app and the API, and a second process on the same folder is refused.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { root } from "./harness.js";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "metodist-start-"));
const children: ChildProcess[] = [];

/** Starts `node scripts/start.mjs` (what `npm start` runs) and collects its output. */
function start() {
  const child = spawn("node", ["scripts/start.mjs"], { cwd: root, env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "", PORT: "0" } });
  children.push(child);
  const output = { stdout: "", stderr: "" };
  child.stdout?.on("data", (d) => (output.stdout += String(d)));
  child.stderr?.on("data", (d) => (output.stderr += String(d)));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, output, exited };
}

async function waitFor<T>(probe: () => T | undefined, what: string, timeoutMs = 180_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("npm start", () => {
  it("serves the demo from the compiled server, and refuses a second process on the same data folder", async () => {
    const first = start();
    const port = await waitFor(() => /Metodist работает: http:\/\/localhost:(\d+)/.exec(first.output.stdout)?.[1] ?? (first.child.exitCode !== null ? "exited" : undefined), "the server to start");
    expect(port, first.output.stderr).not.toBe("exited");
    expect(first.output.stdout).toContain("Демонстрационные входы");
    const base = `http://127.0.0.1:${port}`;

    expect((await fetch(`${base}/api/health`)).status).toBe(200);
    const page = await fetch(`${base}/staff`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    const login = await fetch(`${base}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ login: "admin", password: "demo-metodist" }),
    });
    expect(login.status).toBe(200);
    const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0];
    const staff = await fetch(`${base}/api/staff?pageSize=1`, { headers: { cookie } });
    expect(staff.status).toBe(200);
    expect(((await staff.json()) as { total: number }).total).toBe(1631);

    const second = start();
    expect(await second.exited).toBe(1);
    expect(second.output.stderr).toContain(`Папка данных ${dataDir} уже открыта другим процессом Metodist (PID ${first.child.pid})`);
    // The first server is untouched by the refused one.
    expect((await fetch(`${base}/api/health`)).status).toBe(200);

    first.child.kill("SIGTERM");
    expect(await first.exited).toBe(0);
    expect(fs.existsSync(path.join(dataDir, "metodist.lock"))).toBe(false);
  }, 240_000);
});
