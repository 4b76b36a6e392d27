// The main screens of every role, each with a small flow through it; screenshots go to test-results/.
import { sql } from "drizzle-orm";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { screenshot, startHarness, type Harness } from "./harness.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

/** Picks an option of a Mantine select found by its label. */
async function choose(page: Page, label: string, option: string, scope = page.locator("body")) {
  await scope.getByRole("combobox", { name: label, exact: true }).click();
  await page.getByRole("option", { name: option, exact: true }).click();
}

describe("[SCREENS]", () => {
  it("[GUEST][AUTH]: a wrong password shows the server's Russian message and keeps the user on the login page", async () => {
    const context = await h.browser.newContext({ baseURL: h.baseUrl, viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await page.goto("/staff");
    await page.waitForURL("**/login?next=%2Fstaff");
    await page.getByLabel("Логин").fill("admin");
    await page.getByLabel("Пароль").fill("не тот пароль");
    await page.getByRole("button", { name: "Войти" }).click();
    const error = page.getByTestId("login-error");
    await error.waitFor();
    expect(await error.textContent()).toMatch(/[Нн]еверный логин или пароль/);
    await screenshot(page, "login-error");
    await context.close();
  });

  it("[ADMIN][ORGANIZATIONS]: admin filters organisations by kind, adds a status to a school and opens its staff", async () => {
    const page = await h.loginAs("admin");
    await page.getByRole("link", { name: "Организации" }).click();
    await page.getByTestId("organizations-table").waitFor();
    await choose(page, "Тип", "Общеобразовательная организация");
    await page.waitForURL("**/organizations?kind=school");
    await expect.poll(async () => new Set(await page.locator("[data-testid=organizations-table] tbody tr td:nth-child(2)").allTextContents())).toEqual(new Set(["ОО"]));
    await screenshot(page, "admin-organizations");

    const [school] = await h.query<{ id: number; short_name: string }>(sql`
      select id, short_name from organizations where kind = 'school' order by id limit 1`);
    await page.getByRole("link", { name: school.short_name, exact: true }).click();
    await page.waitForURL(`**/organizations/${school.id}`);
    await page.getByRole("button", { name: "Добавить статус" }).click();
    const dialog = page.getByRole("dialog");
    await choose(page, "Статус", "Стажировочная площадка", dialog);
    await choose(page, "Уровень", "муниципальная", dialog);
    await dialog.getByLabel("Примечание (приказ, тема)").fill("Приказ № 12 от 01.09.2026");
    await dialog.getByRole("button", { name: "Сохранить" }).click();
    await dialog.waitFor({ state: "detached" });
    await page.getByRole("cell", { name: /^Стажировочная площадка/ }).waitFor();
    await page.getByTestId("audit-log").waitFor();
    await screenshot(page, "admin-organization-card");

    await page.getByRole("link", { name: /^Педагоги организации/ }).click();
    await page.waitForURL(`**/staff?organizationId=${school.id}`);
    await page.getByTestId("staff-table").waitFor();
    const orgs = new Set(await page.getByTestId("staff-org").allTextContents());
    expect(orgs.has(school.short_name)).toBe(true);
  });

  it("[ADMIN][REFERENCES]: admin adds a management position, renames it and moves it to the archive", async () => {
    const page = await h.loginAs("admin");
    await page.goto("/references");
    await page.getByPlaceholder("Новая должность").fill("заведующий структурным подразделением");
    await page.getByLabel("Руководящая должность").first().check();
    await page.getByRole("button", { name: "Добавить" }).click();
    const row = page.getByRole("row", { name: /заведующий структурным подразделением/ });
    await row.waitFor();
    expect(await row.getByRole("checkbox").isChecked()).toBe(true);
    await row.getByRole("button", { name: "Переименовать" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Наименование").fill("заведующий филиалом");
    await dialog.getByRole("button", { name: "Сохранить" }).click();
    await dialog.waitFor({ state: "detached" });
    const renamed = page.getByRole("row", { name: /заведующий филиалом/ });
    await renamed.waitFor();
    await screenshot(page, "admin-references");
    await renamed.getByRole("button", { name: "В архив" }).click();
    await renamed.waitFor({ state: "detached" });
    const [position] = await h.query<{ is_management: boolean; archived: boolean }>(sql`
      select is_management, archived_at is not null as archived from positions where name = 'заведующий филиалом'`);
    expect(position).toEqual({ is_management: true, archived: true });
  });

  it("[ADMIN][USERS]: admin creates a teacher account bound to a card found by name, and the teacher signs in to their profile", async () => {
    const [person] = await h.query<{ id: number; surname: string; name: string; patronymic: string }>(sql`
      select p.id, p.surname, p.name, p.patronymic from persons p
      where not exists (select 1 from users u where u.person_id = p.id) and p.surname like 'К%'
      order by p.id limit 1`);
    const page = await h.loginAs("admin");
    await page.getByRole("link", { name: "Пользователи" }).click();
    await page.getByRole("button", { name: "Создать пользователя" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Логин").fill("new.teacher");
    await choose(page, "Роль", "Педагог", dialog);
    await dialog.getByLabel("Карточка педагога").fill(`${person.surname} ${person.name}`.toLowerCase());
    await page.getByRole("option", { name: new RegExp(`^${person.surname} ${person.name} ${person.patronymic}`) }).first().click();
    expect(await dialog.getByLabel("ФИО").inputValue()).toBe(`${person.surname} ${person.name} ${person.patronymic}`);
    await dialog.getByLabel("Пароль").fill("short");
    await dialog.getByRole("button", { name: "Сохранить" }).click();
    await dialog.getByText("Пароль: не короче 8 символов").waitFor();
    await screenshot(page, "admin-user-form-error");
    await dialog.getByLabel("Пароль").fill("new-teacher-password");
    await dialog.getByRole("button", { name: "Сохранить" }).click();
    await dialog.waitFor({ state: "detached" });
    await page.getByRole("cell", { name: "new.teacher" }).waitFor();
    await screenshot(page, "admin-users");

    const context = await h.browser.newContext({ baseURL: h.baseUrl, viewport: { width: 1440, height: 900 } });
    const teacher = await context.newPage();
    await teacher.goto("/login");
    await teacher.getByLabel("Логин").fill("new.teacher");
    await teacher.getByLabel("Пароль").fill("new-teacher-password");
    await teacher.getByRole("button", { name: "Войти" }).click();
    await teacher.waitForURL("**/profile");
    await expect.poll(() => teacher.getByTestId("staff-name").textContent()).toContain(`${person.surname} ${person.name}`);
    // A teacher reads the card but gets no editing buttons.
    expect(await teacher.getByRole("button", { name: "Изменить" }).count()).toBe(0);
    await screenshot(teacher, "teacher-profile");
    await context.close();
  });

  it("[COORDINATOR][STAFF]: coordinator adds a teacher with own organisation fixed, after Russian validation messages", async () => {
    const page = await h.loginAs("coordinator");
    await page.getByRole("link", { name: "Педагоги", exact: true }).click();
    await page.getByRole("link", { name: "Добавить педагога" }).click();
    await page.waitForURL("**/staff/new");
    const organization = page.getByRole("combobox", { name: "Организация", exact: true });
    expect(await organization.isDisabled()).toBe(true);
    await expect.poll(() => organization.inputValue()).toBe("МАОУ гимназия № 1");

    await page.getByLabel("СНИЛС").fill("123-456-789 00");
    await page.getByRole("button", { name: "Добавить педагога" }).click();
    await page.getByText("Заполните поле «Фамилия»").waitFor();
    await page.getByText("СНИЛС: нужно 11 цифр с верным контрольным числом").waitFor();
    await screenshot(page, "coordinator-staff-new-errors");

    await page.getByLabel("Фамилия").fill("Ёлкина");
    await page.getByRole("textbox", { name: "Имя", exact: true }).fill("Дарья");
    await page.getByLabel("Отчество").fill("Сергеевна");
    await page.getByLabel("СНИЛС").fill("");
    await page.getByLabel("Дата рождения").fill("14.02.2001");
    await page.getByLabel("Педагогический стаж с").fill("01.09.2025");
    await choose(page, "Должность", "учитель");
    await choose(page, "Уровень образования", "высшее");
    await page.getByRole("button", { name: "Добавить педагога" }).click();
    await page.waitForURL(/\/staff\/\d+$/);
    await expect.poll(() => page.getByTestId("staff-name").textContent()).toContain("Ёлкина Дарья Сергеевна");
    expect(await page.getByText("молодой педагог").count()).toBeGreaterThan(0);
    await screenshot(page, "coordinator-staff-card-new");

    const [row] = await h.query<{ birth_date: string; organization: string }>(sql`
      select p.birth_date::text, o.short_name as organization from persons p
      join employments e on e.person_id = p.id join organizations o on o.id = e.organization_id
      where p.surname = 'Ёлкина' and p.name = 'Дарья'`);
    expect(row).toEqual({ birth_date: "2001-02-14", organization: "МАОУ гимназия № 1" });
  });

  it("[ADMIN][STAFF]: the personal-data form shows the shared schema's message for a wrong СНИЛС", async () => {
    const page = await h.loginAs("admin");
    await page.getByTestId("staff-row").first().getByRole("link").click();
    await page.getByTestId("staff-name").waitFor();
    await page.getByRole("button", { name: "Изменить" }).first().click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("СНИЛС").fill("111-111-111 11");
    await dialog.getByRole("button", { name: "Сохранить" }).click();
    await dialog.getByText("СНИЛС: нужно 11 цифр с верным контрольным числом").waitFor();
    await screenshot(page, "admin-person-form-error");
    expect(h.consoleErrors).toEqual([]);
  });
});
