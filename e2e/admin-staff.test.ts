import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ruDate, screenshot, startHarness, todayIso, type Harness } from "./harness.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

describe("[ADMIN][STAFF]", () => {
  it("[ADMIN][STAFF]: admin finds a teacher typed with е instead of ё, assigns the highest category and sees it in the audit log", async () => {
    // A working teacher whose surname has «ё» and who does not hold the highest category yet.
    const [person] = await h.query<{ id: number; surname: string; name: string }>(sql`
      select p.id, p.surname, p.name from persons p
      where p.surname like '%ё%'
        and exists (select 1 from employments e where e.person_id = p.id and e.dismissal_date is null)
        and not exists (select 1 from qualification_categories q where q.person_id = p.id and q.category = 'highest')
      order by p.id limit 1`);
    expect(person, "the demo has a working teacher with «ё» in the surname").toBeDefined();
    const typed = `${person.surname.replace(/ё/g, "е")} ${person.name}`;
    expect(typed).not.toContain("ё");

    const page = await h.loginAs("admin");
    await page.getByTestId("staff-table").waitFor();
    await screenshot(page, "admin-staff-list");

    // A filter goes to the URL, narrows the list, and the Excel link carries it.
    await page.getByRole("combobox", { name: "Категория", exact: true }).click();
    await page.getByRole("option", { name: "высшая", exact: true }).click();
    await page.waitForURL("**/staff?category=highest");
    await expect.poll(async () => new Set(await page.locator("[data-testid=staff-row] td:nth-child(6) p:first-child").allTextContents())).toEqual(new Set(["высшая"]));
    const href = await page.getByRole("link", { name: "Выгрузить в Excel" }).getAttribute("href");
    expect(href).toBe("/api/staff/export.xlsx?category=highest");
    const xlsx = await page.request.get(href ?? "");
    expect(xlsx.status()).toBe(200);
    expect(xlsx.headers()["content-type"]).toContain("spreadsheetml");
    await page.getByRole("button", { name: "Сбросить фильтры" }).click();
    await page.waitForURL((url) => url.pathname === "/staff" && url.search === "");

    await page.getByTestId("staff-search").fill(typed.toLowerCase());
    const link = page.getByTestId("staff-table").getByRole("link", { name: new RegExp(`^${person.surname} ${person.name}`) });
    await link.first().waitFor();
    expect(page.url()).toContain("q=");
    await screenshot(page, "admin-staff-search-yo");
    await link.first().click();

    await page.waitForURL(`**/staff/${person.id}`);
    await expect.poll(() => page.getByTestId("staff-name").textContent()).toContain(person.surname);

    await page.getByRole("button", { name: "Присвоить категорию" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Квалификационная категория").click();
    await page.getByRole("option", { name: "высшая", exact: true }).click();
    expect(await dialog.getByLabel("Дата присвоения").inputValue()).toBe(ruDate(todayIso()));
    await dialog.getByRole("button", { name: "Присвоить" }).click();
    await dialog.waitFor({ state: "detached" });

    const current = page.getByTestId("current-category");
    await expect.poll(() => current.textContent()).toMatch(/^высшая/);
    expect(await current.textContent()).toContain(`присвоена ${ruDate(todayIso())}`);

    const audit = page.getByTestId("audit-log");
    await audit.waitFor();
    const firstEntry = audit.locator("tbody tr").first();
    await expect.poll(() => firstEntry.textContent()).toContain("Квалификационная категория");
    const entry = (await firstEntry.textContent()) ?? "";
    expect(entry).toContain("добавлено");
    expect(entry).toContain("Категория: высшая");
    expect(entry).toContain(`Дата присвоения: ${ruDate(todayIso())}`);
    expect(entry).toContain("Методист КМЦ (демо)");
    await screenshot(page, "admin-staff-card-after-category");

    const [row] = await h.query<{ category: string }>(sql`
      select category from qualification_categories where person_id = ${person.id} order by id desc limit 1`);
    expect(row.category).toBe("highest");
    expect(h.consoleErrors).toEqual([]);
  });
});
