import { sql } from "drizzle-orm";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../server/demo/accounts.js";
import { startHarness, type Harness } from "./harness.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

/** Signs in on the login page the tab is on, as the next person at a shared computer would. */
async function signIn(page: Page, login: string) {
  await page.getByLabel("Логин").fill(login);
  await page.getByLabel("Пароль").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Войти" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
  await page.getByTestId("current-user").waitFor();
}

describe("[AUTH]", () => {
  it("[ADMIN][COORDINATOR][AUTH]: after the admin logs out on a staff card, the coordinator who logs in next lands on their start page", async () => {
    const [person] = await h.query<{ id: number }>(sql`
      select p.id from persons p
      where exists (select 1 from employments e where e.person_id = p.id and e.dismissal_date is null)
      order by p.id limit 1`);
    const page = await h.loginAs("admin");
    await page.goto(`/staff/${person.id}`);
    await page.getByTestId("staff-name").waitFor();

    await page.getByRole("button", { name: "Выйти" }).click();
    await page.getByRole("button", { name: "Войти" }).waitFor();
    // Give any late redirect the time to happen before looking at the address.
    await page.waitForTimeout(300);
    const url = new URL(page.url());
    expect(url.pathname).toBe("/login");
    expect(url.searchParams.has("next")).toBe(false);

    await signIn(page, "coordinator");
    expect(new URL(page.url()).pathname).toBe("/start");
    expect(h.consoleErrors).toEqual([]);
  });

  it("[COORDINATOR][AUTH]: an unauthenticated visit returns to its page after login, but never to another site", async () => {
    const page = await h.loginAs("coordinator");
    await page.getByRole("button", { name: "Выйти" }).click();
    await page.getByRole("button", { name: "Войти" }).waitFor();

    // A page opened without a session: login, then back to it.
    await page.goto("/pd?tab=plan");
    await page.waitForURL((u) => u.pathname === "/login");
    expect(new URL(page.url()).searchParams.get("next")).toBe("/pd?tab=plan");
    await signIn(page, "coordinator");
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe("/pd?tab=plan");
    await page.getByRole("button", { name: "Выйти" }).click();
    await page.getByRole("button", { name: "Войти" }).waitFor();

    // A link to the login page that would send the user elsewhere lands on the start page.
    for (const next of ["//evil.example/phish", "https://evil.example/phish", "/\\evil.example", "javascript:alert(1)", "/\t/evil.example", "/login?next=/staff"]) {
      await page.goto(`/login?next=${encodeURIComponent(next)}`);
      await signIn(page, "coordinator");
      const url = new URL(page.url());
      expect([url.origin, url.pathname], next).toEqual([h.baseUrl, "/start"]);
      await page.getByRole("button", { name: "Выйти" }).click();
      await page.getByRole("button", { name: "Войти" }).waitFor();
    }
    expect(h.consoleErrors).toEqual([]);
  });
});
