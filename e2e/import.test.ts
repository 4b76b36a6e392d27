// Loading staff from a school's spreadsheet: upload, map a column by hand, check, load the valid
// rows, download the rejected ones, find the people, and the history with its undo.
import fs from "node:fs";
import { sql } from "drizzle-orm";
import ExcelJS from "exceljs";
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

type Row = [string, string | Date, string, string, string, string, string];

/** A staff list as a school sends it: a title line, a blank line, then the table. */
async function schoolWorkbook(rows: Row[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Лист1");
  ws.addRow(["Сведения о педагогических работниках на 01.09.2026"]);
  ws.mergeCells("A1:H1");
  ws.addRow([]);
  ws.addRow(["№ п/п", "ФИО", "Дата рождения", "Место работы", "Должность", "Что ведёт", "Категория", "Дата присвоения"]);
  rows.forEach((r, i) => ws.addRow([i + 1, ...r]));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const text = async (page: Page, testId: string) => ((await page.getByTestId(testId).textContent()) ?? "").replace(/\s+/g, " ").trim();

describe("[IMPORT]", () => {
  it("[ADMIN][IMPORT]: admin loads a school's staff file, maps an unknown column by hand, skips the invalid row, downloads it and finds the people", async () => {
    // Real names from the demo municipality.
    const schools = await h.query<{ id: number; short_name: string }>(sql`
      select id, short_name from organizations where kind = 'school' and archived_at is null order by id limit 2`);
    const [position] = await h.query<{ name: string }>(sql`select name from positions where name = 'учитель' and archived_at is null`);
    const subjects = await h.query<{ name: string }>(sql`
      select name from subjects where archived_at is null and name in ('математика', 'физика', 'русский язык', 'литература') order by name`);
    expect(schools).toHaveLength(2);
    expect(position).toBeDefined();
    expect(subjects).toHaveLength(4);
    const [literature, math, russian, physics] = subjects.map((s) => s.name);

    const page = await h.loginAs("admin");

    // The second school's files call it by another name: the admin adds it on the card first.
    const alias = `Школа на Садовой ${Date.now() % 1000}`;
    await page.goto(`/organizations/${schools[1].id}`);
    const aliases = page.getByTestId("org-aliases");
    await aliases.getByLabel("Другое название").fill(alias);
    await aliases.getByRole("button", { name: "Добавить название" }).click();
    await aliases.getByRole("cell", { name: alias, exact: true }).waitFor();
    await screenshot(page, "import-org-aliases");

    const people = {
      first: "Импортова Анастасия Сергеевна",
      second: "Загрузкин Пётр Ильич",
      bad: "Ошибкина Дарья Павловна",
      third: "Таблицына Мария Олеговна",
    };
    const [existing] = await h.query<{ n: number }>(sql`
      select count(*)::int as n from persons where surname in ('Импортова', 'Загрузкин', 'Ошибкина', 'Таблицына')`);
    expect(existing.n).toBe(0);
    const file = await schoolWorkbook([
      [people.first, "12.04.1988", schools[0].short_name, position.name, `${math}, ${physics}`, "первая", "15.03.2023"],
      [people.second, new Date(Date.UTC(1979, 10, 3)), schools[0].short_name, position.name, russian, "высшая", "20.12.2021"],
      [people.bad, "31.02.1985", schools[0].short_name, position.name, literature, "", ""],
      [people.third, "07.07.1995", alias, position.name, `${russian}; ${literature}`, "без категории", ""],
    ]);

    await page.getByRole("link", { name: "Загрузка из Excel" }).click();
    await page.waitForURL("**/imports");
    await page.getByTestId("import-dropzone").waitFor();
    await screenshot(page, "import-upload");
    await page.locator("input[type=file]").setInputFiles({
      name: "Педагоги СОШ.xlsx",
      mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      buffer: file,
    });

    // The mapping step: the header is found under the title; «Что ведёт» is not recognised.
    await page.getByTestId("mapping-table").waitFor();
    await page.waitForURL(/\/imports\?id=\d+$/);
    expect(await text(page, "import-layout")).toBe("Строка заголовков таблицы — 3-я, строк с данными: 4");
    const taught = page.getByRole("combobox", { name: "Поле для столбца «Что ведёт»" });
    expect(await taught.inputValue()).toBe("— не загружать —");
    expect(await page.getByRole("combobox", { name: "Поле для столбца «Место работы»" }).inputValue()).toBe("Организация");
    expect(await page.getByRole("combobox", { name: "Поле для столбца «Дата присвоения»" }).inputValue()).toBe("Дата присвоения категории");
    // The sample shows the first rows as they are in the file.
    await page.getByTestId("mapping-table").getByText(people.first, { exact: true }).waitFor();
    await taught.click();
    await page.getByRole("option", { name: "Предметы", exact: true }).click();
    expect(await taught.inputValue()).toBe("Предметы");
    await screenshot(page, "import-mapping-scrolled");
    // Choosing scrolled the wide table to the chosen column; back to its start for the picture.
    await page.getByTestId("mapping-table").evaluate((table) => {
      for (let el = table.parentElement; el; el = el.parentElement) el.scrollLeft = 0;
    });
    await screenshot(page, "import-mapping");

    // The check: three rows to create, one with a date that does not exist.
    await page.getByRole("button", { name: "Проверить", exact: true }).click();
    await page.getByTestId("check-result").waitFor();
    expect(await text(page, "count-created")).toBe("3будет создано");
    expect(await text(page, "count-rejected")).toBe("1строк с ошибками");
    const errorRows = page.getByTestId("import-errors").locator("tbody tr");
    expect(await errorRows.count()).toBe(1);
    const cells = (await errorRows.first().locator("td").allTextContents()).map((s) => s.trim());
    // Title, blank, header: the bad person is on Excel row 6.
    expect(cells.slice(0, 3)).toEqual(["6", "Дата рождения", "31.02.1985"]);
    expect(cells[3]).toContain("несуществующая дата");
    await screenshot(page, "import-errors");

    // Loading: the bar is held on «writing» for a moment to be seen, then the real progress takes over.
    await page.route("**/api/imports/*/progress", (route) => route.fulfill({ json: { progress: { phase: "writing", done: 2, total: 3 } } }));
    await page.getByRole("button", { name: /^Загрузить 3 корректные строки, пропустить 1$/ }).click();
    await page.getByTestId("import-progress").getByText("Записано 2 из 3").waitFor();
    await screenshot(page, "import-progress");
    await page.unroute("**/api/imports/*/progress");

    await page.getByTestId("import-done").waitFor();
    expect(await text(page, "import-done")).toBe("Файл «Педагоги СОШ.xlsx» загружен: 3 строки из 4, 1 с ошибками пропущена.");
    expect(await text(page, "count-created")).toBe("3создано");
    expect(await text(page, "count-rejected")).toBe("1отклонено строк");
    await screenshot(page, "import-result");

    // The rejected rows come back as a workbook: the row as it was, with its error.
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Скачать отклонённые строки (.xlsx)" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^Отклонённые строки \d+\.xlsx$/);
    const rejected = new ExcelJS.Workbook();
    await rejected.xlsx.load(fs.readFileSync(await download.path()) as never);
    const sheet = rejected.worksheets[0];
    expect(sheet.rowCount).toBe(2);
    const header = (sheet.getRow(1).values as unknown[]).map(String);
    const values = (sheet.getRow(2).values as unknown[]).map((v) => String(v ?? ""));
    expect(values[header.indexOf("ФИО")]).toBe(people.bad);
    expect(values[header.indexOf("Дата рождения")]).toBe("31.02.1985");
    expect(values[header.indexOf("Ошибки")]).toContain("Дата рождения: 31.02.1985 — несуществующая дата");

    const [mapped] = await h.query<{ subjects: string[]; org: string }>(sql`
      select array(select s.name from subjects s where s.id = any(e.subject_ids) order by s.name) as subjects, o.short_name as org
      from persons p join employments e on e.person_id = p.id join organizations o on o.id = e.organization_id
      where p.surname = 'Таблицына'`);
    expect(mapped).toEqual({ subjects: [literature, russian], org: schools[1].short_name });

    // The history: who loaded what and when, in Russian.
    await page.getByRole("tab", { name: "История загрузок" }).click();
    const history = page.getByTestId("import-history");
    await history.waitFor();
    const first = (await history.getByTestId("import-history-row").first().locator("td").allTextContents()).map((s) => s.trim());
    expect(first.slice(0, 3)).toEqual(["Педагоги СОШ.xlsx", "Педагоги", "Методист КМЦ (демо)"]);
    expect(first[3]).toMatch(/^\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}$/);
    expect(first[4]).toMatch(/^загружено/);
    expect(first.slice(5, 10)).toEqual(["4", "3", "0", "0", "1"]);
    await screenshot(page, "import-history");

    // Found in the staff list by name, with the place of work and subjects from the file.
    await page.getByRole("link", { name: "Педагоги", exact: true }).click();
    await page.getByTestId("staff-search").fill("Импортова Анастасия");
    const person = page.getByTestId("staff-table").getByRole("link", { name: people.first });
    await person.waitFor();
    const row = page.getByTestId("staff-row").filter({ has: page.getByRole("link", { name: people.first }) });
    expect(await row.getByTestId("staff-org").textContent()).toBe(schools[0].short_name);
    expect(await row.textContent()).toContain(`${math}, ${physics}`);
    expect(await row.textContent()).toContain("первая");

    // Once a card is edited by hand, the import can no longer be undone: the server says why.
    const id = Number((await person.getAttribute("href"))?.split("/").pop());
    const edited = await page.request.put(`/api/staff/${id}`, {
      data: { surname: "Импортова", name: "Анастасия", patronymic: "Сергеевна", birthDate: "1988-04-12", phone: "+7 900 123-45-67" },
    });
    expect(edited.status()).toBe(200);
    await page.goto("/imports?tab=history");
    await page.getByTestId("import-history-row").first().getByRole("button", { name: "Отменить загрузку" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByRole("button", { name: "Отменить загрузку" }).click();
    await dialog.getByTestId("undo-error").waitFor();
    expect(await dialog.getByTestId("undo-error").textContent()).toContain("Загрузку нельзя отменить: после неё изменена 1 карточка");
    expect(await dialog.getByRole("button", { name: "Отменить загрузку" }).count()).toBe(0);
    await screenshot(page, "import-undo-refused");
    await dialog.getByRole("button", { name: "Закрыть" }).click();
    await dialog.waitFor({ state: "detached" });
    expect(await page.getByTestId("import-history-row").first().locator("td").nth(4).textContent()).toMatch(/^загружено/);

    expect(h.consoleErrors).toEqual([]);
  });

  it("[COORDINATOR][IMPORT]: a coordinator loads only staff of own school; an old .xls is refused with the server's Russian message", async () => {
    const page = await h.loginAs("coordinator");
    const [me] = await h.query<{ short_name: string }>(sql`
      select o.short_name from users u join organizations o on o.id = u.organization_id where u.login = 'coordinator'`);
    await page.getByRole("link", { name: "Загрузка из Excel" }).click();
    await page.getByTestId("import-dropzone").waitFor();
    expect(await page.getByRole("radio", { name: "Организации" }).count()).toBe(0);
    expect(await page.getByRole("combobox", { name: "Организация для строк без столбца «ОО»" }).count()).toBe(0);

    // Excel 97–2003 starts with the compound-file signature.
    const xls = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(1024)]);
    const input = page.locator("input[type=file]");
    await input.setInputFiles({ name: "Кадры 2019.xls", mimeType: "application/vnd.ms-excel", buffer: xls });
    const error = page.getByTestId("upload-error");
    await error.waitFor();
    expect(await error.textContent()).toContain("Формат .xls (Excel 97–2003) не поддерживается");
    await screenshot(page, "import-coordinator-xls-refused");

    // A .csv without a column of the organisation goes to the coordinator's own school.
    const csv = "ФИО;Дата рождения;Должность\nКоординаторова Ирина Петровна;01.02.1990;учитель\n";
    await input.setInputFiles({ name: "Новые.csv", mimeType: "text/csv", buffer: Buffer.from(csv, "utf8") });
    await page.getByTestId("mapping-table").waitFor();
    expect(await text(page, "import-layout")).toBe(`Строка заголовков таблицы — 1-я, строк с данными: 1. Организация для строк без столбца «ОО»: ${me.short_name}`);
    await page.getByRole("button", { name: "Проверить", exact: true }).click();
    await page.getByTestId("check-result").waitFor();
    expect(await text(page, "count-created")).toBe("1будет создано");
    expect(await text(page, "count-rejected")).toBe("0строк с ошибками");
    await page.getByRole("button", { name: "Загрузить", exact: true }).waitFor();
    await screenshot(page, "import-coordinator-check");
    expect(h.consoleErrors).toEqual([]);
  });
});
