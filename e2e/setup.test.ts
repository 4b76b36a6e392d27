// A real municipality from day one: an empty installation (DEMO=0) opens the first-run set-up
// instead of a login nobody can pass; a CLI-created admin changes the one-time password first.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { screenshot, startHarness, type Harness } from "./harness.js";
import { municipalityCreateCommand } from "../server/cli/municipality.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ demo: false });
});
afterAll(async () => {
  await h?.close();
});

describe("[SETUP]", () => {
  it("[SETUP]: the first run asks for the municipality and its admin, checks the form in Russian, and lands the admin on the start page", async () => {
    const page = await h.newPage();
    await page.goto("/");
    await page.waitForURL("**/setup");
    await page.getByRole("heading", { name: "Первый запуск" }).waitFor();

    // Nothing filled: the shared schema's Russian messages stand next to the fields.
    await page.getByRole("button", { name: "Создать муниципалитет и войти" }).click();
    await page.getByText("Заполните поле «Название муниципалитета»").waitFor();
    await page.getByText("Заполните поле «Логин»").waitFor();

    await page.getByRole("textbox", { name: "Название муниципалитета" }).fill("Лесной муниципальный округ");
    await page.getByRole("textbox", { name: "Код муниципалитета" }).fill("lesnoy");
    await page.getByRole("textbox", { name: "Код региона" }).fill("66");
    await page.getByRole("textbox", { name: "Орган управления образованием" }).fill("Управление образования администрации Лесного муниципального округа");
    await page.getByRole("textbox", { name: "Адрес" }).fill("624200, г. Лесной, ул. Ленина, 1");
    await page.getByRole("textbox", { name: "Телефон" }).fill("+7 (34342) 6-00-00");
    await page.getByRole("textbox", { name: "Электронная почта" }).fill("uo@lesnoy.example.org");
    await page.getByRole("textbox", { name: "ИНН" }).fill("1234567890");
    await page.getByRole("textbox", { name: "Должность подписывающего" }).fill("Начальник управления образования");
    await page.getByRole("textbox", { name: "ФИО подписывающего" }).fill("Петрова Анна Сергеевна");
    await page.getByRole("textbox", { name: "ФИО", exact: true }).fill("Иванова Мария Петровна");
    await page.getByRole("textbox", { name: "Логин" }).fill("metodist");
    await page.getByLabel(/^Пароль/).fill("first-admin-pass");
    await page.getByLabel("Повторите пароль").fill("first-admin-pas");
    await page.getByRole("button", { name: "Создать муниципалитет и войти" }).click();
    await page.getByText("Поле «ИНН»: неверная контрольная сумма").waitFor();
    await page.getByText("Пароли не совпадают").waitFor();
    await screenshot(page, "setup-errors");

    await page.getByRole("textbox", { name: "ИНН" }).fill("7707083893");
    await page.getByLabel("Повторите пароль").fill("first-admin-pass");
    await screenshot(page, "setup-filled");
    await page.getByRole("button", { name: "Создать муниципалитет и войти" }).click();

    // Signed in at once, on the admin's start page, in the new municipality.
    await page.waitForURL("**/staff");
    await expect.poll(() => page.getByTestId("current-user").textContent()).toBe("Иванова Мария Петровна");
    await page.getByText("Лесной муниципальный округ").first().waitFor();
    await screenshot(page, "setup-done-start-page");

    const [m] = await h.query<{ code: string; inn: string; positions: number }>(
      sql`select m.code, m.inn, (select count(*)::int from positions p where p.municipality_id = m.id) as positions from municipalities m`,
    );
    expect(m).toEqual({ code: "lesnoy", inn: "7707083893", positions: 29 });

    // The standard lists with their other spellings, and the requisites, on «Справочники».
    await page.getByRole("link", { name: "Справочники" }).click();
    await page.getByRole("row").filter({ hasText: "заместитель руководителя" }).getByText("зам. директора по УВР").waitFor();
    await page.getByRole("tab", { name: "Реквизиты" }).click();
    await expect.poll(() => page.getByRole("textbox", { name: "ФИО подписывающего" }).inputValue()).toBe("Петрова Анна Сергеевна");
    await screenshot(page, "references-requisites");

    // Set up once: the login page is a login page again.
    await page.getByRole("button", { name: "Выйти" }).click();
    await page.waitForURL("**/login");
    await page.goto("/setup");
    await page.waitForURL("**/login");
    await page.getByRole("button", { name: "Войти" }).waitFor();
    expect(h.consoleErrors).toEqual([]);
  });

  it("[SETUP]: an admin created by the command line changes the one-time password before anything else", async () => {
    const { created } = await municipalityCreateCommand(h.database.db, { code: "cli", name: "Район из командной строки", region: "66", admin: "cli-admin" });
    const oneTime = created.admin?.oneTimePassword as string;
    const page = await h.newPage();
    await page.goto("/staff");
    await page.waitForURL("**/login?next=%2Fstaff");
    await page.getByLabel("Логин").fill("cli-admin");
    await page.getByLabel("Пароль").fill(oneTime);
    await page.getByRole("button", { name: "Войти" }).click();
    await page.waitForURL("**/password");
    await page.getByTestId("password-forced").waitFor();
    await page.getByLabel("Временный пароль").fill(oneTime);
    await page.getByLabel("Новый пароль", { exact: true }).fill("short");
    await page.getByRole("button", { name: "Сменить пароль" }).click();
    await page.getByText("Поле «Новый пароль»: не короче 8 символов").waitFor();
    await page.getByLabel("Новый пароль", { exact: true }).fill("my-own-password");
    await page.getByLabel("Повторите новый пароль").fill("my-own-password");
    await screenshot(page, "setup-password-change");
    await page.getByRole("button", { name: "Сменить пароль" }).click();
    await page.waitForURL("**/staff");
    await page.getByRole("link", { name: "Справочники" }).waitFor();

    // Bulk editing: a pasted list is previewed, then applied.
    await page.goto("/references");
    await page.getByRole("button", { name: "Вставить список" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByRole("textbox", { name: "Список" }).fill("учитель; преподаватель школы\nкуратор; куратор группы\nДиректор");
    await dialog.getByRole("button", { name: "Проверить" }).click();
    await expect.poll(() => dialog.getByTestId("bulk-summary").textContent()).toBe("новых значений: 1новых написаний: 2уже есть: 1");
    await dialog.getByText("это «руководитель»").waitFor();
    await screenshot(page, "references-bulk-preview");
    await dialog.getByRole("button", { name: "Применить" }).click();
    await dialog.waitFor({ state: "detached" });
    await page.getByRole("row").filter({ hasText: "куратор группы" }).waitFor();

    // One spelling at a time: added in a dialog, refused when it means another value, removed by ×.
    await page.getByRole("button", { name: "Новое написание для «тьютор»" }).click();
    const aliasDialog = page.getByRole("dialog");
    await aliasDialog.getByLabel("Другое написание").fill("психолог");
    await aliasDialog.getByRole("button", { name: "Добавить" }).click();
    await aliasDialog.getByText("«психолог» уже означает значение «педагог-психолог»").waitFor();
    await aliasDialog.getByLabel("Другое написание").fill("тьютер");
    await aliasDialog.getByRole("button", { name: "Добавить" }).click();
    await aliasDialog.waitFor({ state: "detached" });
    const tutor = page.getByRole("row").filter({ hasText: "тьютер" });
    await tutor.waitFor();
    await screenshot(page, "references-aliases");
    await tutor.getByRole("button", { name: "Удалить написание «тьютер»" }).click();
    await tutor.waitFor({ state: "detached" });
    expect(h.consoleErrors).toEqual([]);
  });
});
