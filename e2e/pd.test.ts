// Professional development in the browser: a coordinator records a course with its certificate
// scan, and the admin takes the yearly report (seed 003) as a Word document.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { sql } from "drizzle-orm";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compact, ruDate, screenshot, startHarness, todayIso, type Harness } from "./harness.js";

let h: Harness;
let tmp: string;
beforeAll(async () => {
  h = await startHarness();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "metodist-pd-"));
});
afterAll(async () => {
  await h?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

/** A tiny but valid one-page PDF. */
function tinyPdf(): Buffer {
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] >>",
  ];
  let body = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, "latin1");
}

/** One file of a zip archive (a .docx), read through its central directory. */
function unzipEntry(zip: Buffer, name: string): Buffer | null {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) return null;
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  for (let i = 0; i < count; i++) {
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const skip = nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    if (zip.subarray(at + 46, at + 46 + nameLength).toString("utf8") === name) {
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + size);
      return method === 8 ? zlib.inflateRawSync(data) : data;
    }
    at += 46 + skip;
  }
  return null;
}

const daysAgo = (n: number) => {
  const d = new Date();
  d.setDate(d.getDate() - n);
  const pad = (x: number) => String(x).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
};

/** Picks an option of a Mantine select found by its label, typing to narrow long lists. */
async function choose(page: Page, scope: ReturnType<Page["locator"]>, label: string, option: string, type?: string) {
  const box = scope.getByRole("combobox", { name: label, exact: true });
  await box.click();
  if (type) await box.fill(type);
  await page.getByRole("option", { name: option, exact: true }).first().click();
}

describe("[PD]", () => {
  it("[COORDINATOR][PD]: a coordinator enters a completion with a certificate scan and sees the person turn «up to date»", async () => {
    const [org] = await h.query<{ id: number; short_name: string }>(sql`
      select o.id, o.short_name from users u join organizations o on o.id = u.organization_id where u.login = 'coordinator'`);
    const page = await h.loginAs("coordinator");

    // Someone of the coordinator's school whose courses are overdue; if the demo has nobody like
    // that, one person's course history is cleared to make them so.
    const overdue = async () =>
      ((await (await page.request.get("/api/pd/status?status=overdue")).json()) as { items: { personId: number; fullName: string; organizationId: number }[] }).items.filter(
        (i) => i.organizationId === org.id,
      );
    let [person] = await overdue();
    if (!person) {
      const [p] = await h.query<{ id: number }>(sql`
        select e.person_id as id from employments e where e.organization_id = ${org.id} and e.dismissal_date is null order by e.person_id limit 1`);
      await h.query(sql`delete from course_completions where person_id = ${p.id}`);
      await h.query(sql`delete from pd_exemptions where person_id = ${p.id}`);
      [person] = await overdue();
    }
    expect(person, "someone of the coordinator's school is overdue").toBeDefined();

    // A 72-hour upgrade programme to record; the admin adds one (and a provider) if there is none.
    type Programme = { id: number; title: string; hours: number; kind: string; providerName: string };
    const programmes = (await (await page.request.get("/api/pd/programmes?kind=upgrade")).json()) as { items: Programme[] };
    let programme = programmes.items.find((p) => p.hours === 72);
    if (!programme) {
      const admin = await h.loginAs("admin");
      const providers = (await (await admin.request.get("/api/pd/providers")).json()) as { items: { id: number; shortName: string }[] };
      let provider = providers.items[0];
      if (!provider) {
        const created = await admin.request.post("/api/pd/providers", {
          data: { name: "ГАОУ ДПО «Институт развития образования»", shortName: "ГАОУ ДПО ИРО", kind: "regional_institute", aliases: ["ИРО"] },
        });
        expect(created.status()).toBe(201);
        provider = await created.json();
      }
      const created = await admin.request.post("/api/pd/programmes", {
        data: { providerId: provider.id, title: "Функциональная грамотность: читательская и математическая", hours: 72, kind: "upgrade", form: "mixed" },
      });
      expect(created.status()).toBe(201);
      programme = { ...(await created.json()), providerName: provider.shortName } as Programme;
      await admin.close();
    }

    // The three-year-rule tab: the counts and the table, then only the overdue.
    await page.getByRole("link", { name: "Курсы ПК" }).click();
    await page.waitForURL("**/pd");
    await page.getByTestId("pd-status-table").waitFor();
    await screenshot(page, "pd-coordinator-rule");
    await page.getByTestId("pd-count-overdue").click();
    await page.waitForURL("**/pd?status=overdue");
    await expect.poll(async () => new Set(await page.locator("[data-testid=pd-status-row] td:last-child").allTextContents())).toEqual(new Set(["курсы просрочены"]));
    await page.getByLabel("Поиск по ФИО").fill(person.fullName);
    const link = page.getByTestId("pd-status-table").getByRole("link", { name: person.fullName, exact: true });
    await link.first().waitFor();
    await screenshot(page, "pd-coordinator-overdue");
    await link.first().click();

    // The card: overdue, then a completed 72-hour course with a PDF scan.
    await page.waitForURL(`**/staff/${person.personId}`);
    const badge = page.getByTestId("pd-status");
    await expect.poll(() => badge.textContent()).toBe("курсы просрочены");
    await page.getByTestId("pd-section").scrollIntoViewIfNeeded();
    await screenshot(page, "pd-coordinator-card-overdue");

    const dateFrom = daysAgo(21);
    const dateTo = daysAgo(10);
    const pdf = tinyPdf();
    const pdfPath = path.join(tmp, "удостоверение.pdf");
    fs.writeFileSync(pdfPath, pdf);

    await page.getByRole("button", { name: "Добавить курс" }).click();
    const dialog = page.getByRole("dialog");
    // «Новая программа» opens the programme's own fields in place; back to the list.
    await dialog.getByRole("button", { name: "Новая программа" }).click();
    await dialog.getByLabel("Название программы").waitFor();
    await screenshot(page, "pd-coordinator-new-programme");
    await dialog.getByRole("button", { name: "Выбрать из списка" }).click();
    await choose(page, dialog, "Программа", `${programme.title} · 72 ч`, programme.title.slice(0, 20));
    await dialog.getByLabel("Начало обучения").fill(ruDate(dateFrom));
    await dialog.getByLabel("Окончание обучения").fill(ruDate(dateTo));
    expect(await dialog.getByRole("combobox", { name: "Статус", exact: true }).inputValue()).toBe("завершено");
    await dialog.getByLabel("Номер документа").fill("772400012345");
    await dialog.getByLabel("Дата выдачи").fill(ruDate(dateTo));
    await dialog.getByLabel("Номер приказа").fill("№ 112-к");
    await dialog.locator("input[type=file]").setInputFiles(pdfPath);
    await dialog.getByText(/КБ$/).waitFor();
    await screenshot(page, "pd-coordinator-course-form");
    await dialog.getByRole("button", { name: "Сохранить" }).click();
    await dialog.waitFor({ state: "detached" });

    await expect.poll(() => badge.textContent()).toBe("курсы пройдены");
    const due = (await page.getByTestId("pd-due").textContent()) ?? "";
    expect(due).toContain(`последние курсы ${ruDate(dateTo)}`);
    expect(due).toMatch(/следующие курсы до \d{2}\.\d{2}\.\d{4}$/);
    const row = page.getByTestId("pd-course").filter({ hasText: programme.title }).first();
    const rowText = compact(await row.textContent());
    expect(rowText).toContain(compact(`${ruDate(dateFrom)}–${ruDate(dateTo)}`));
    expect(rowText).toContain("завершено");
    expect(rowText).toContain("№772400012345");

    // The scan link gives back the same PDF.
    const scanLink = row.getByTestId("pd-scan-link");
    const href = (await scanLink.getAttribute("href")) ?? "";
    expect(href).toMatch(/^\/api\/pd\/completions\/\d+\/scan$/);
    const scan = await page.request.get(href);
    expect(scan.status()).toBe(200);
    expect(scan.headers()["content-type"]).toBe("application/pdf");
    expect(Buffer.from(await scan.body()).equals(pdf)).toBe(true);
    await page.getByTestId("pd-section").scrollIntoViewIfNeeded();
    await screenshot(page, "pd-coordinator-card-up-to-date");

    const [stored] = await h.query<{ status: string; scan: boolean; hours: number }>(sql`
      select cc.status, cc.scan_file_id is not null as scan, pr.hours from course_completions cc join programmes pr on pr.id = cc.programme_id
      where cc.person_id = ${person.personId} order by cc.id desc limit 1`);
    expect(stored).toEqual({ status: "completed", scan: true, hours: 72 });

    // Back in the list the person is no longer overdue.
    await page.goto("/pd?status=overdue");
    await page.getByTestId("pd-count-overdue").waitFor();
    await page.getByLabel("Поиск по ФИО").fill(person.fullName);
    await expect.poll(() => page.getByTestId("pd-status-table").getByRole("link", { name: person.fullName, exact: true }).count()).toBe(0);

    // One course for a group: two more overdue people ticked in the table.
    await page.getByLabel("Поиск по ФИО").fill("");
    const overdueCount = async () => Number(compact(await page.getByTestId("pd-count-overdue").locator("p").nth(1).textContent()));
    const before = await overdueCount();
    // Two different people (a person with two posts in the school has two rows).
    const hrefs = await page.getByTestId("pd-status-row").getByRole("link").evaluateAll((links) => links.map((a) => a.getAttribute("href")));
    const picked = [...new Set(hrefs)].slice(0, 2).map((href) => hrefs.indexOf(href));
    if (picked.length === 2) {
      for (const i of picked) await page.getByTestId("pd-status-row").nth(i).getByRole("checkbox").check();
      await page.getByRole("button", { name: "Один курс для группы (2)" }).click();
      const group = page.getByRole("dialog");
      // A programme not in the list yet, typed in on the spot.
      await group.getByRole("button", { name: "Новая программа" }).click();
      await group.getByRole("combobox", { name: "Организация ДПО", exact: true }).click();
      await page.getByRole("option").first().click();
      await group.getByLabel("Название программы").fill("Школа современного учителя: e2e");
      await group.getByLabel("Количество часов").fill("36");
      await choose(page, group, "Форма обучения", "дистанционная (ДОТ)");
      await group.getByLabel("Начало обучения").fill(ruDate(dateFrom));
      await group.getByLabel("Окончание обучения").fill(ruDate(dateTo));
      await group.getByLabel("Номер приказа").click(); // closes the calendar
      await screenshot(page, "pd-coordinator-group-course");
      await group.getByRole("button", { name: "Добавить 2 педагогам" }).click();
      await group.waitFor({ state: "detached" });
      await expect.poll(overdueCount).toBe(before - 2);
      const [created] = await h.query<{ n: number }>(sql`
        select count(*)::int as n from course_completions cc join programmes pr on pr.id = cc.programme_id
        where pr.title = 'Школа современного учителя: e2e' and pr.hours = 36 and pr.form = 'distance'`);
      expect(created.n).toBe(2);
    }

    // The teacher sees the section on their own card, read-only.
    const teacher = await h.loginAs("teacher");
    await teacher.getByTestId("pd-section").waitFor();
    expect(await teacher.getByTestId("pd-status").count()).toBe(1);
    expect(await teacher.getByRole("button", { name: "Добавить курс" }).count()).toBe(0);
    expect(await teacher.getByRole("button", { name: "Изменить" }).count()).toBe(0);
    await teacher.getByTestId("pd-section").scrollIntoViewIfNeeded();
    await screenshot(teacher, "pd-teacher-profile");

    // The other tabs of the coordinator.
    await page.getByRole("tab", { name: "Напоминания" }).click();
    await page.getByText("Курсы не подтверждены").waitFor();
    await screenshot(page, "pd-coordinator-reminders");
    await page.getByRole("tab", { name: "План на учебный год" }).click();
    await page.getByTestId("pd-plan-title").waitFor();
    await screenshot(page, "pd-coordinator-plan");
    expect(h.consoleErrors).toEqual([]);
  });

  it("[ADMIN][PD]: admin opens the seed-003 report and downloads the .docx", async () => {
    const page = await h.loginAs("admin");
    await page.getByRole("link", { name: "Курсы ПК" }).click();
    await page.getByTestId("pd-status-table").waitFor();
    await screenshot(page, "pd-admin-rule");
    await page.getByRole("tab", { name: "Организации ДПО" }).click();
    await page.getByTestId("pd-providers-table").waitFor();
    const firstProvider = page.getByTestId("pd-provider-row").first();
    await firstProvider.getByRole("button", { name: "Программы" }).click();
    await page.getByTestId("pd-programmes-table").waitFor();
    await screenshot(page, "pd-admin-providers");
    await firstProvider.getByRole("button", { name: "Изменить" }).click();
    const providerDialog = page.getByRole("dialog");
    await providerDialog.getByLabel("Другие названия").fill("Институт для проверки");
    await providerDialog.getByLabel("Другие названия").press("Enter");
    await screenshot(page, "pd-admin-provider-form");
    await providerDialog.getByRole("button", { name: "Сохранить" }).click();
    await providerDialog.waitFor({ state: "detached" });
    await firstProvider.getByText("Институт для проверки").waitFor();

    await page.getByRole("tab", { name: "Переподготовка" }).click();
    await page.getByTestId("pd-retraining-total").waitFor();
    await screenshot(page, "pd-admin-retraining");
    await page.getByRole("tab", { name: "Управленческие команды" }).click();
    await page.getByTestId("pd-mgmt-table").waitFor();
    await screenshot(page, "pd-admin-management");

    await page.getByRole("tab", { name: "Отчёт" }).click();
    await page.waitForURL("**/pd?tab=report");
    const sentence = page.getByTestId("pd-report-sentence");
    await sentence.waitFor();

    // The last completed academic year, people on its last day, as the letter of seed 003 counts them.
    const today = todayIso();
    const y = Number(today.slice(0, 4)) - (Number(today.slice(5, 7)) >= 9 ? 1 : 2);
    const [from, to] = [`${y}-09-01`, `${y + 1}-08-31`];
    const report = (await (await page.request.get(`/api/pd/report?from=${from}&to=${to}`)).json()) as {
      staffTotal: number;
      trainedPersons: number;
      share: number;
      regionalInstitutePersons: number;
      otherProvidersPersons: number;
    };
    // Compared without spaces: thousands are grouped with a no-break space on screen.
    const text = compact(await sentence.textContent());
    expect(text).toContain(compact(`Всего на ${ruDate(to)} — ${report.staffTotal} педагогических работников, прошли курсовую подготовку ${report.trainedPersons} чел.`));
    expect(text).toMatch(new RegExp(`чтосоставляет${report.share.toFixed(1).replace(".", ",")}%\\.$`));
    if (report.trainedPersons > 0) {
      expect(text).toContain(compact(`${report.regionalInstitutePersons} — в региональном институте, ${report.otherProvidersPersons} — в других`));
      expect(await page.getByRole("img", { name: /Прошли курсы по организациям ДПО/ }).count()).toBe(1);
    }
    await page.getByTestId("pd-report-orgs").waitFor();
    await screenshot(page, "pd-admin-report");

    const link = page.getByRole("link", { name: "Скачать .docx" });
    expect(await link.getAttribute("href")).toBe(`/api/pd/report?from=${from}&to=${to}&format=docx`);
    const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
    expect(download.suggestedFilename()).toMatch(/^Повышение квалификации .*\.docx$/);
    const file = fs.readFileSync((await download.path()) as string);
    expect(file.subarray(0, 2).toString("latin1")).toBe("PK");
    const xml = unzipEntry(file, "word/document.xml")?.toString("utf8") ?? "";
    expect(xml).toContain(`Всего на ${ruDate(to)}`);
    expect(xml).toContain(`${report.staffTotal} педагогических работников`);
    const xlsx = await page.request.get((await page.getByRole("link", { name: "Скачать .xlsx" }).getAttribute("href")) ?? "");
    expect(xlsx.status()).toBe(200);
    expect(xlsx.headers()["content-type"]).toContain("spreadsheetml");

    await page.getByRole("tab", { name: "Настройки" }).click();
    await page.getByLabel("Период, лет").waitFor();
    await screenshot(page, "pd-admin-settings");
    expect(h.consoleErrors).toEqual([]);
  });

  it("[COORDINATOR][ADMIN][PD]: a coordinator sends the course request, the admin returns it with a comment and the coordinator sees it", async () => {
    const coordinator = await h.loginAs("coordinator");
    await coordinator.goto("/pd?tab=plan");
    const rows = coordinator.getByTestId("pd-request-row");
    await rows.first().waitFor();
    const first = rows.first();
    const name = (await first.getByRole("link").textContent()) ?? "";
    await first.getByRole("combobox").first().click();
    await coordinator.getByRole("option").first().click();
    await first.getByRole("textbox", { name: /Желаемый период/ }).fill("октябрь–ноябрь");
    await coordinator.getByRole("button", { name: "Отправить в муниципалитет" }).click();
    await expect.poll(() => coordinator.getByTestId("pd-request-status").first().textContent()).toBe("заявка отправлена");
    await screenshot(coordinator, "pd-coordinator-plan-sent");

    const admin = await h.loginAs("admin");
    await admin.goto("/pd?tab=plan");
    const org = admin.getByTestId("pd-plan-org").first();
    await expect.poll(() => org.getByTestId("pd-request-status").textContent()).toBe("заявка отправлена");
    await org.getByRole("button").first().click();
    await org.getByText("октябрь–ноябрь").waitFor();
    await screenshot(admin, "pd-admin-plan");
    const plan = await admin.request.get((await admin.getByRole("link", { name: "Скачать план (.xlsx)" }).getAttribute("href")) ?? "");
    expect(plan.status()).toBe(200);
    expect(plan.headers()["content-type"]).toContain("spreadsheetml");
    await org.getByRole("button", { name: "Вернуть", exact: true }).click();
    const dialog = admin.getByRole("dialog");
    await dialog.getByRole("button", { name: "Вернуть" }).click();
    await dialog.getByText("Напишите, что исправить в заявке").waitFor();
    await dialog.getByLabel("Что исправить").fill("Укажите программу всем педагогам");
    await dialog.getByRole("button", { name: "Вернуть" }).click();
    await dialog.waitFor({ state: "detached" });
    await expect.poll(() => org.getByTestId("pd-request-status").textContent()).toBe("заявка возвращена на доработку");

    await coordinator.reload();
    await coordinator.getByText("Заявку вернули на доработку").waitFor();
    expect(await coordinator.getByText("Укажите программу всем педагогам").count()).toBe(1);
    expect(await coordinator.getByRole("link", { name }).count()).toBeGreaterThan(0);
    await screenshot(coordinator, "pd-coordinator-plan-returned");
    expect(h.consoleErrors).toEqual([]);
  });

  it("[COORDINATOR][START]: the coordinator lands on a start page with who falls due and unconfirmed courses", async () => {
    const page = await h.loginAs("coordinator");
    await page.waitForURL("**/start");
    await page.getByRole("heading", { name: "Главная" }).waitFor();
    await page.getByText("Курсы не подтверждены").waitFor();
    // The demo has courses planned in the new academic year whose end date has passed.
    const [{ n }] = await h.query<{ n: number }>(sql`
      select count(*)::int as n from course_completions cc
      join employments e on e.person_id = cc.person_id and e.dismissal_date is null
      join users u on u.organization_id = e.organization_id and u.login = 'coordinator'
      where cc.status in ('planned', 'enrolled') and cc.date_to < ${todayIso()}::date`);
    if (n > 0) await page.getByTestId("pd-unconfirmed").waitFor();
    else await page.getByText("Неподтверждённых курсов нет").waitFor();
    await screenshot(page, "coordinator-start");
  });
});
