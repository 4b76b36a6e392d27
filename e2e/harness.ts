// The e2e harness: the real server on a random port with an in-memory demo municipality, and
// a headless Chromium with a fresh profile per test file.
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { SQL } from "drizzle-orm";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { buildApp } from "../server/app.js";
import { loadConfig } from "../server/config.js";
import { openDatabase, queryRows, type Database } from "../server/db/client.js";
import { createDemoAccounts, DEMO_PASSWORD } from "../server/demo/accounts.js";
import { generateDemo } from "../server/demo/generate.js";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const resultsDir = path.join(root, "test-results");

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export type Harness = {
  baseUrl: string;
  database: Database;
  browser: Browser;
  /** Runs SQL on the test database and returns its rows. */
  query<T>(statement: SQL): Promise<T[]>;
  /** A new browser context signed in as one of the demo logins. */
  loginAs(login: DemoLogin): Promise<Page>;
  /** A new browser context (fresh cookies), signed in as nobody. */
  newPage(): Promise<Page>;
  /** Errors the pages printed to their consoles (beyond expected 4xx answers). */
  consoleErrors: string[];
  close(): Promise<void>;
};

export type DemoLogin = "admin" | "coordinator" | "teacher" | "leader" | "region";

/**
 * Starts the server on a fresh demo database and launches Chromium; with `demo: false` the
 * database stays empty, as `DEMO=0 npm start` leaves it (the first-run set-up).
 */
export async function startHarness(opts: { demo?: boolean } = {}): Promise<Harness> {
  const database = await openDatabase({ dataDir: null });
  if (opts.demo !== false) {
    const demo = await generateDemo(database.db, { scale: "municipality", seed: 1 });
    await createDemoAccounts(database.db, { id: demo.municipalities[0].id, regionCode: "23" });
  }
  const app = await buildApp({
    database,
    config: loadConfig({ ...process.env, DATA_DIR: "/tmp/metodist-e2e-unused", PORT: "0" }),
    logger: false,
  });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  if (!address || typeof address !== "object") throw new Error("The server has no address");
  const baseUrl = `http://127.0.0.1:${address.port}`;

  // chromium.launch gives every launch its own temporary profile directory.
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
  const contexts: BrowserContext[] = [];
  const consoleErrors: string[] = [];

  const newPage = async () => {
    const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1440, height: 900 }, locale: "ru-RU" });
    contexts.push(context);
    const page = await context.newPage();
    page.on("pageerror", (e) => consoleErrors.push(`pageerror: ${e.message}`));
    page.on("console", (m) => {
      // 4xx answers the app handles (401 before login, 404 of a hidden card) are logged by Chromium too.
      if (m.type() === "error" && !/status of 4\d\d/.test(m.text())) consoleErrors.push(m.text());
    });
    return page;
  };

  return {
    baseUrl,
    database,
    browser,
    consoleErrors,
    query: (statement) => queryRows(database.db, statement),
    newPage,
    async loginAs(login) {
      const page = await newPage();
      await page.goto("/login");
      await page.getByLabel("Логин").fill(login);
      await page.getByLabel("Пароль").fill(DEMO_PASSWORD);
      await page.getByRole("button", { name: "Войти" }).click();
      await page.waitForURL((url) => !url.pathname.startsWith("/login"));
      return page;
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => undefined);
      await browser.close();
      await app.close();
      await database.close();
    },
  };
}

/**
 * A screenshot of the whole page into test-results/. The viewport is stretched to the page's
 * height first, so that the fixed header and navbar look as they do on a tall screen.
 */
export async function screenshot(page: Page, name: string) {
  const viewport = page.viewportSize() ?? { width: 1440, height: 900 };
  await page.evaluate(() => window.scrollTo(0, 0));
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: viewport.width, height: Math.max(viewport.height, Math.min(height, 8000)) });
  // Let layout, transitions and notifications settle.
  await page.waitForTimeout(400);
  await page.screenshot({ path: path.join(resultsDir, `${name}.png`) });
  await page.setViewportSize(viewport);
}

/** Text with all kinds of spaces removed: «1 631» (with a no-break space) → «1631». */
export const compact = (s: string | null) => (s ?? "").replace(/\s/g, "");

/** Today as 'YYYY-MM-DD' in local time, as the server reckons it. */
export function todayIso(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export const ruDate = (iso: string) => iso.split("-").reverse().join(".");
