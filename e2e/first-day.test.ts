// The first day of a real municipality in the browser: the set-up on an empty database, the
// district's list of organisations, then a staff file with two values the reference lists do not
// know — one mapped to a school, one created as a new position on the check step — and a second
// file with the same spellings that matches by itself.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { screenshot, startHarness, type Harness } from "./harness.js";
import { districtModel, organizationsFile } from "../server/imports/fixtures/district.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ demo: false });
});
afterAll(async () => {
  await h?.close();
});

const text = async (page: Page, testId: string) => ((await page.getByTestId(testId).textContent()) ?? "").replace(/\s+/g, " ").trim();

async function uploadFile(page: Page, kind: "Организации" | "Педагоги", name: string, buffer: Buffer) {
  await page.goto("/imports");
  await page.getByTestId("import-dropzone").waitFor();
  await page.locator("label").filter({ hasText: new RegExp(`^${kind}$`) }).click();
  await page.locator("input[type=file]").setInputFiles({ name, mimeType: name.endsWith(".csv") ? "text/csv" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer });
  await page.getByTestId("mapping-table").waitFor();
}

describe("[FIRST DAY]", () => {
  it("[ADMIN][IMPORT]: a new municipality sets up, loads its schools, resolves two unknown values once, and the next file matches by itself", async () => {
    const page = await h.newPage();
    await page.goto("/");
    await page.waitForURL("**/setup");
    await page.getByRole("textbox", { name: "Название муниципалитета" }).fill("Северный район");
    await page.getByRole("textbox", { name: "Код муниципалитета" }).fill("severny");
    await page.getByRole("textbox", { name: "Код региона" }).fill("54");
    await page.getByRole("textbox", { name: "ФИО", exact: true }).fill("Методистова Анна Ивановна");
    await page.getByRole("textbox", { name: "Логин" }).fill("metod");
    await page.getByLabel(/^Пароль/).fill("first-day-password");
    await page.getByLabel("Повторите пароль").fill("first-day-password");
    await page.getByRole("button", { name: "Создать муниципалитет и войти" }).click();
    await page.waitForURL("**/staff");

    // The methodologist's register of the district's organisations.
    await uploadFile(page, "Организации", "Реестр ОО.xlsx", await organizationsFile(districtModel()));
    await page.getByRole("button", { name: "Проверить", exact: true }).click();
    await page.getByTestId("check-result").waitFor();
    expect(await text(page, "count-created")).toBe("20будет создано");
    await page.getByRole("button", { name: "Загрузить", exact: true }).click();
    await page.getByTestId("import-done").waitFor();

    // A school's staff list: its own spelling of the school, a position nobody has yet, a category without its date.
    const csv =
      "ФИО;Дата рождения;ОО;Должность;Категория\n" +
      "Вербина Агния Фомична;01.02.1991;СОШ 5 Ивановка;педагог-наставник;первая\n" +
      "Вербин Глеб Фомич;03.04.1989;СОШ 5 Ивановка;Учитель начальных классов;высшая\n" +
      "Вербина Злата Фомична;05.06.1995;МБОУ СОШ №12 с.Сосновка;Педагог-наставник;\n";
    await uploadFile(page, "Педагоги", "Педагоги СОШ 5.csv", Buffer.from(csv));
    await page.getByRole("button", { name: "Проверить", exact: true }).click();
    const unresolved = page.getByTestId("unresolved-values");
    await unresolved.waitFor();
    const rows = unresolved.getByTestId("unresolved-row");
    expect(await rows.count()).toBe(2);
    const school = rows.filter({ has: page.getByText("СОШ 5 Ивановка", { exact: true }) });
    const position = rows.filter({ has: page.getByText("педагог-наставник", { exact: true }) });
    expect(await position.locator("td").nth(2).textContent()).toBe("2 строки");

    // One value mapped to the school it means, one created as a new position.
    await school.getByRole("combobox", { name: "Решение для «СОШ 5 Ивановка»" }).click();
    await page.getByRole("option", { name: /^Это «МБОУ СОШ № 5 с\. Ивановка»/ }).click();
    await position.getByRole("combobox", { name: "Решение для «педагог-наставник»" }).click();
    await page.getByRole("option", { name: "Создать: должность «педагог-наставник»" }).click();
    await page.getByRole("button", { name: "Проверить снова" }).click();
    await page.getByTestId("check-result").waitFor();
    await expect.poll(() => text(page, "count-rejected")).toBe("0строк с ошибками");
    expect(await text(page, "count-created")).toBe("3будет создано");
    // The category without its date is a warning at its cell; the row loads.
    expect(await text(page, "warnings-summary")).toContain("2 строки загрузятся с предупреждениями");
    expect(await page.getByTestId("import-warnings").textContent()).toContain("«первая» без даты присвоения не записана");
    await screenshot(page, "first-day-resolved");
    await page.getByRole("button", { name: "Загрузить", exact: true }).click();
    await page.getByTestId("import-done").waitFor();
    expect(await text(page, "count-created")).toBe("3создано");
    await screenshot(page, "first-day-loaded");

    const [placed] = await h.query<{ org: string; position: string }>(sql`
      select o.short_name as org, p.name as position from persons pe join employments e on e.person_id = pe.id
      join organizations o on o.id = e.organization_id join positions p on p.id = e.position_id where pe.name = 'Агния'`);
    expect(placed).toEqual({ org: "МБОУ СОШ № 5 с. Ивановка", position: "педагог-наставник" });

    // Next month the same school sends its list again, spelt the same way: nothing to decide.
    await uploadFile(page, "Педагоги", "Педагоги СОШ 5 (декабрь).csv", Buffer.from(csv.replace(/Вербин/g, "Дубин")));
    await page.getByRole("button", { name: "Проверить", exact: true }).click();
    await page.getByTestId("check-result").waitFor();
    expect(await text(page, "count-rejected")).toBe("0строк с ошибками");
    expect(await text(page, "count-created")).toBe("3будет создано");
    expect(await page.getByTestId("unresolved-values").count()).toBe(0);
    await screenshot(page, "first-day-second-file");
    expect(h.consoleErrors).toEqual([]);
  });
});
