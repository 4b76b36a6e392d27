import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compact, screenshot, startHarness, todayIso, type Harness } from "./harness.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

describe("[COORDINATOR][STAFF]", () => {
  it("[COORDINATOR][STAFF]: coordinator sees only the staff of own organisation, and a card from another school answers «не найден»", async () => {
    const [org] = await h.query<{ id: number; short_name: string }>(sql`
      select o.id, o.short_name from users u join organizations o on o.id = u.organization_id where u.login = 'coordinator'`);
    const today = todayIso();
    const [{ n }] = await h.query<{ n: number }>(sql`
      select count(distinct e.person_id)::int as n from employments e
      where e.organization_id = ${org.id}
        and (e.hire_date is null or e.hire_date <= ${today})
        and (e.dismissal_date is null or e.dismissal_date > ${today})`);
    const [stranger] = await h.query<{ id: number }>(sql`
      select p.id from persons p
      where not exists (select 1 from employments e where e.person_id = p.id and e.organization_id = ${org.id})
      order by p.id limit 1`);
    expect(n).toBeGreaterThan(0);

    const page = await h.loginAs("coordinator");
    // The coordinator lands on the start page; the staff list is one click away.
    await page.getByRole("link", { name: "Педагоги", exact: true }).click();
    await page.getByTestId("staff-table").waitFor();
    expect(compact(await page.getByTestId("staff-total").textContent())).toMatch(new RegExp(`^Найдено:${n}педагог(а|ов)?$`));

    // Show everyone on one page and check each row's place of work.
    await page.goto("/staff?pageSize=100");
    await expect.poll(() => page.getByTestId("staff-row").count()).toBe(Math.min(n, 100));
    const orgs = await page.getByTestId("staff-org").allTextContents();
    expect(orgs.length).toBeGreaterThanOrEqual(Math.min(n, 100));
    expect(new Set(orgs)).toEqual(new Set([org.short_name]));
    await expect.poll(() => page.getByRole("link", { name: "Пользователи" }).count()).toBe(0);
    await screenshot(page, "coordinator-staff-list");

    await page.goto(`/staff/${stranger.id}`);
    const alert = page.getByRole("alert");
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/не найден/);
    await screenshot(page, "coordinator-foreign-card-not-found");
    expect(h.consoleErrors).toEqual([]);
  });
});
