import { afterAll, beforeAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { sql } from "drizzle-orm";
import { queryRows } from "../db/client.js";
import { Client, DB_TARGETS, openTestDatabase, startTestServer, type TestServer } from "../testing/harness.js";
import { PASSWORD, seedWorld, type World } from "../testing/fixture.js";

/** A staff list the way a school sends it: title lines, a two-level merged header, «№ п/п», totals and notes. */
async function schoolFile(rows: (string | number | Date | null)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Лист1");
  ws.addRow(["Сведения о педагогических работниках МБОУ СОШ № 1 на 01.09.2026"]);
  ws.mergeCells("A1:J1");
  ws.addRow([]);
  ws.addRow(["№ п/п", "Фамилия, имя, отчество", "Дата рождения", "СНИЛС", "Место работы", "Должность", "Преподаваемые предметы", "Образование", "Квалификационная категория", null]);
  ws.addRow([null, null, null, null, null, null, null, null, "категория", "дата присвоения"]);
  ws.mergeCells("I3:J3");
  for (const c of ["A", "B", "C", "D", "E", "F", "G", "H"]) ws.mergeCells(`${c}3:${c}4`);
  rows.forEach((r, i) => ws.addRow([i + 1, ...r]));
  ws.addRow([]);
  ws.addRow(["Итого: " + rows.length + " чел."]);
  ws.addRow(["Исполнитель: заместитель директора по УВР"]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const upload = (client: Client, file: Buffer, fileName: string, kind = "staff") => client.uploadFile(`/api/imports?kind=${kind}`, "file", file, fileName);

describe.each(DB_TARGETS)("spreadsheet import of staff (%s)", (target) => {
  let server: TestServer;
  let world: World;
  let admin: Client;
  const count = async (table: string) =>
    (await queryRows<{ n: number }>(server.database.db, sql`select count(*)::int as n from ${sql.identifier(table)}`))[0].n;

  beforeAll(async () => {
    const database = await openTestDatabase(target);
    world = await seedWorld(database.db);
    server = await startTestServer(database);
    admin = await new Client(server.url).login("admin-a", PASSWORD);
  });
  afterAll(async () => {
    await server?.close();
    await server?.database.close();
  });

  const rows = [
    // Existing person (same name, ё written as е, same birth date): updated, gets a category.
    ["СЕМЕНОВ Петр Алексеевич", "15.03.1998", null, "МБОУ \"СОШ №1\"", "учитель", "математика; кубановедение", "высшее (педагогическое)", "первая", "01.05.2026"],
    ["Новикова Алёна Викторовна", new Date(Date.UTC(1990, 4, 12)), "112-233-445 95", "МБОУ СОШ № 1", "учитель", "математика", "ВО", "ВКК", "20.12.2024"],
    // The same person in a second organisation: one person, two employments.
    ["Новикова Алёна Викторовна", "12.05.1990", "11223344595", "МБДОУ д/с № 2", "руководитель", null, "высшее", "высшая", "20.12.2024"],
    ["Петров Иван", "31.02.1980", "112-233-445 96", "МБОУ СОШ № 1", "учитель", "химия", "СПО", "б/к", null],
    ["Сидорова Ольга Павловна", "01.01.1930", null, "Школа-интернат № 9", "директор", null, "высшее", "первая", null],
    [null, "01.01.1990", null, "МБОУ СОШ № 1", "учитель", null, null, null, null],
  ];

  it("finds the header under the title, maps the columns and reports every bad value with row and column", async () => {
    const res = await upload(admin, await schoolFile(rows), "Педагоги СОШ 1.xlsx");
    expect(res.status).toBe(201);
    expect(res.json.headerRow).toBe(4);
    expect(res.json.totalRows).toBe(6);
    const fieldOf = (header: string) => res.json.columns.find((c: { header: string }) => c.header.includes(header))?.field;
    expect(fieldOf("Фамилия, имя")).toBe("fullName");
    expect(fieldOf("Место работы")).toBe("organization");
    expect(fieldOf("Преподаваемые")).toBe("subjects");
    expect(fieldOf("дата присвоения")).toBe("categoryDate");
    expect(fieldOf("№ п/п")).toBeNull();

    const staffBefore = await count("persons");
    const dry = await admin.post(`/api/imports/${res.json.id}/run`, { dryRun: true });
    expect(dry.status).toBe(200);
    expect(dry.json).toMatchObject({ created: 1, updated: 2, committed: false });

    const messages = dry.json.rejected.map((e: { row: number; column: string; message: string }) => `${e.row}|${e.column}|${e.message}`);
    // Data starts on Excel row 5 (title, blank, two header rows).
    expect(messages).toEqual(
      expect.arrayContaining([
        "8|Дата рождения|31.02.1980 — несуществующая дата",
        expect.stringMatching(/^8\|СНИЛС\|.*контрольное число/),
        expect.stringMatching(/^8\|Преподаваемые предметы\|Предмет «химия» не найден в справочнике предметов/),
        expect.stringMatching(/^9\|Дата рождения\|Возраст 96 лет/),
        expect.stringMatching(/^9\|Место работы\|Организация «Школа-интернат № 9» не найдена/),
        expect.stringMatching(/^9\|Должность\|Должность «директор» не найдена в справочнике должностей/),
        expect.stringMatching(/^10\|Фамилия, имя, отчество\|Не указаны фамилия и имя/),
      ]),
    );
    // Without --skip-invalid nothing is written.
    const strict = await admin.post(`/api/imports/${res.json.id}/run`, {});
    expect(strict.json.committed).toBe(false);
    expect(await count("persons")).toBe(staffBefore);

    const done = await admin.post(`/api/imports/${res.json.id}/run`, { skipInvalid: true });
    expect(done.json).toMatchObject({ committed: true, created: 1, updated: 2 });
    expect(await count("persons")).toBe(staffBefore + 1);
    const found = await admin.get(`/api/staff?q=${encodeURIComponent("новикова алена")}&asOf=2026-09-01`);
    expect(found.json.total).toBe(1);
    expect(found.json.items[0].employments.map((e: { organizationName: string; isMain: boolean }) => e.organizationName).sort()).toEqual(["МБДОУ д/с № 2", "МБОУ СОШ № 1"]);
    const semenov = await admin.get(`/api/staff/${world.persons.semenov}?asOf=2026-09-01`);
    expect(semenov.json.category).toMatchObject({ category: "first", assignedOn: "2026-05-01" });
    expect(semenov.json.fullName).toBe("Семёнов Пётр Алексеевич");
    const audit = await admin.get(`/api/audit?subjectType=person&subjectId=${world.persons.semenov}`);
    expect(audit.json.items[0]).toMatchObject({ entityType: "qualification_category", action: "create", userLogin: "admin-a" });

    // The rejected rows come back as a workbook with an error column, ready to fix.
    const rejects = await admin.request("GET", `/api/imports/${res.json.id}/rejected.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await rejects.res.arrayBuffer()) as never);
    const ws = wb.worksheets[0];
    expect(ws.rowCount).toBe(1 + 3);
    expect(ws.getCell("C2").value).toBe("31.02.1980");
    expect(String(ws.getRow(2).getCell(ws.columnCount - 1).value)).toContain("несуществующая дата");

    const history = await admin.get("/api/imports");
    expect(history.json.items[0]).toMatchObject({ fileName: "Педагоги СОШ 1.xlsx", status: "committed", created: 1, updated: 2, rejectedCount: 7 });
  });

  it("undoes an import as a whole, and refuses once something newer touched its records", async () => {
    const before = await count("persons");
    const file = await schoolFile([
      ["Кузьмина Вера Олеговна", "02.02.1992", null, "МБОУ СОШ № 1", "учитель", "математика", "высшее", null, null],
      ["Морозов Денис Игоревич", "03.03.1993", null, "МБОУ СОШ № 1", "учитель", null, "СПО", null, null],
    ]);
    const first = await upload(admin, file, "a.xlsx");
    expect((await admin.post(`/api/imports/${first.json.id}/run`, {})).json.committed).toBe(true);
    expect(await count("persons")).toBe(before + 2);
    const undo = await admin.post(`/api/imports/${first.json.id}/undo`);
    expect(undo.status).toBe(200);
    expect(await count("persons")).toBe(before);
    expect((await admin.post(`/api/imports/${first.json.id}/undo`)).status).toBe(409);

    const second = await upload(admin, file, "b.xlsx");
    await admin.post(`/api/imports/${second.json.id}/run`, {});
    const [kuzmina] = (await admin.get(`/api/staff?q=${encodeURIComponent("Кузьмина")}`)).json.items;
    await admin.put(`/api/staff/${kuzmina.id}`, { surname: "Кузьмина", name: "Вера", patronymic: "Олеговна", birthDate: "1992-02-02", phone: "+7 900 000-00-00" });
    const refused = await admin.post(`/api/imports/${second.json.id}/undo`);
    expect(refused.status).toBe(409);
    expect(refused.json.error.message).toContain("после неё изменена 1 карточка");
    expect(await count("persons")).toBe(before + 2);
  });

  it("undoes the changes an import made to people already in the registry", async () => {
    const first = await upload(admin, await schoolFile([["Соколова Ирина Павловна", "05.05.1985", null, "МБОУ СОШ № 1", "учитель", "математика", "высшее", null, null]]), "c.xlsx");
    await admin.post(`/api/imports/${first.json.id}/run`, {});
    const card = async () => (await admin.get(`/api/staff?q=${encodeURIComponent("Соколова Ирина")}`)).json.items[0];
    const original = await card();
    const second = await upload(admin, await schoolFile([["Соколова Ирина Павловна", "05.05.1985", "123-456-789 64", "МБОУ СОШ № 1", "руководитель", "кубановедение", "высшее", null, null]]), "d.xlsx");
    expect((await admin.post(`/api/imports/${second.json.id}/run`, {})).json).toMatchObject({ committed: true, updated: 1 });
    const changed = await card();
    expect(changed.snils).toBe("123-456-789 64");
    expect(changed.employments[0]).toMatchObject({ positionName: "руководитель", subjects: [expect.objectContaining({ name: "кубановедение" })] });

    expect((await admin.post(`/api/imports/${second.json.id}/undo`)).status).toBe(200);
    const restored = await card();
    expect(restored).toEqual(original);
    expect(restored).toMatchObject({ snils: null, employments: [{ positionName: "учитель", subjects: [expect.objectContaining({ name: "математика" })] }] });
  });

  it("undoes the changes an organisations import made to an organisation it knew", async () => {
    const card = async () => (await admin.get(`/api/organizations/${world.orgs.schoolA1.id}`)).json;
    const original = await card();
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("ОО").addRows([
      ["Краткое наименование", "Полное наименование", "Тип", "Адрес", "Директор"],
      ["МБОУ СОШ № 1", original.fullName, "школа", "г. Заречный, ул. Новая, 1", "Лебедева Ольга Сергеевна"],
    ]);
    const res = await upload(admin, Buffer.from(await wb.xlsx.writeBuffer()), "orgs.xlsx", "organizations");
    expect((await admin.post(`/api/imports/${res.json.id}/run`, {})).json).toMatchObject({ committed: true, updated: 1 });
    expect(await card()).toMatchObject({ address: "г. Заречный, ул. Новая, 1", headName: "Лебедева Ольга Сергеевна" });
    expect((await admin.post(`/api/imports/${res.json.id}/undo`)).status).toBe(200);
    expect(await card()).toMatchObject({ address: original.address, headName: original.headName, fullName: original.fullName, kind: original.kind });
  });

  it("leaves no trace when the database fails at row 900 of 1000", async () => {
    // A trigger makes the database itself refuse one row in the middle of the bulk write.
    await server.database.db.execute(sql.raw(`
      create or replace function fail_on_marker() returns trigger language plpgsql as $$
      begin if new.surname = 'Сбойная' then raise exception 'injected failure'; end if; return new; end $$`));
    await server.database.db.execute(
      sql.raw("create trigger fail_on_marker before insert on persons for each row execute function fail_on_marker()"),
    );
    try {
      const many = Array.from({ length: 1000 }, (_, i) => [
        `${i === 899 ? "Сбойная" : "Массовая"} Анна Тест${"абвгдежзиклмнопрстуфхцчшщэюя"[i % 28]}овна`,
        `${String((i % 28) + 1).padStart(2, "0")}.${String((i % 12) + 1).padStart(2, "0")}.${1960 + (i % 40)}`,
        null, "МБОУ СОШ № 1", "учитель", null, "высшее", null, null,
      ]);
      const before = { persons: await count("persons"), employments: await count("employments"), audit: await count("audit_log") };
      const res = await upload(admin, await schoolFile(many), "big.xlsx");
      const run = await admin.post(`/api/imports/${res.json.id}/run`, {});
      expect(run.status).toBe(500);
      expect({ persons: await count("persons"), employments: await count("employments"), audit: await count("audit_log") }).toEqual(before);
      const again = await admin.get(`/api/imports/${res.json.id}`);
      expect(again.json.status).toBe("preview");
    } finally {
      await server.database.db.execute(sql.raw("drop trigger fail_on_marker on persons"));
    }
  });

  it("imports back its own export without changing anything", async () => {
    const exported = await admin.request("GET", "/api/staff/export.xlsx");
    const file = Buffer.from(await exported.res.arrayBuffer());
    const res = await upload(admin, file, "export.xlsx");
    const run = await admin.post(`/api/imports/${res.json.id}/run`, { dryRun: true });
    expect(run.json.rejected).toEqual([]);
    expect(run.json).toMatchObject({ created: 0, updated: 0 });
    expect(run.json.skipped).toBe(res.json.totalRows);
  });

  it("reads a Windows-1251 CSV with semicolons and separate name columns", async () => {
    const text = "Фамилия;Имя;Отчество;Дата рождения;ОО;Должность;Совместитель\r\nЁлкина;Мария;Петровна;7.4.85;МБДОУ д/с № 2;учитель;да\r\n";
    const encoded = encode1251(text);
    const res = await upload(admin, encoded, "kinder.csv");
    expect(res.status).toBe(201);
    const run = await admin.post(`/api/imports/${res.json.id}/run`, {});
    expect(run.json).toMatchObject({ committed: true, created: 1, rejected: [] });
    const [p] = (await admin.get(`/api/staff?q=${encodeURIComponent("елкина")}`)).json.items;
    expect(p).toMatchObject({ fullName: "Ёлкина Мария Петровна", birthDate: "1985-04-07" });
    expect(p.employments[0]).toMatchObject({ organizationName: "МБДОУ д/с № 2", isMain: false });
  });

  it("lets the user change the mapping, refuses a field chosen twice, and saves the mapping as a template", async () => {
    const res = await upload(admin, await schoolFile([rows[1]]), "map.xlsx");
    const mapping = Object.fromEntries(res.json.columns.map((c: { index: number; field: string | null }) => [String(c.index), c.field]));
    const subjectsColumn = res.json.columns.find((c: { field: string }) => c.field === "subjects").index;
    const twice = await admin.post(`/api/imports/${res.json.id}/run`, { dryRun: true, mapping: { ...mapping, [subjectsColumn]: "position" } });
    expect(twice.status).toBe(400);
    expect(twice.json.error.message).toContain("«Должность» выбрано для двух столбцов");
    const ignored = { ...mapping, [subjectsColumn]: null };
    expect((await admin.post(`/api/imports/${res.json.id}/mappings`, { name: "Без предметов", mapping: ignored })).status).toBe(200);
    const templates = await admin.get(`/api/imports/${res.json.id}/mappings`);
    expect(templates.json.items[0]).toMatchObject({ name: "Без предметов" });
    expect(templates.json.items[0].mapping[String(subjectsColumn)]).toBeNull();
  });

  it("refuses files that are not spreadsheets with a clear message and writes nothing", async () => {
    const before = await count("imports");
    const xls = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(600).fill(0)]);
    const cases: [Buffer, string, RegExp][] = [
      [xls, "old.xls", /сохраните как «Книга Excel \(\.xlsx\)»/],
      [Buffer.alloc(0), "empty.xlsx", /Файл пустой/],
      [Buffer.from("%PDF-1.4\n\x00\x01\x02binary"), "scan.pdf", /не похож на таблицу/],
      [Buffer.from("просто текст без таблицы\nи ещё строка\n"), "note.csv", /не найдена строка заголовков/],
    ];
    for (const [file, name, message] of cases) {
      const res = await upload(admin, file, name);
      expect(res.status, name).toBe(400);
      expect(res.json.error.message, name).toMatch(message);
    }
    const huge = await upload(admin, Buffer.alloc(21 * 1024 * 1024, 0x41), "huge.csv");
    expect(huge.status).toBe(413);
    expect(huge.json.error.message).toContain("до 20 МБ");
    expect(await count("imports")).toBe(before);
  });

  it("gives a template with a header, a notes row and drop-down lists that imports back", async () => {
    const res = await admin.request("GET", "/api/imports/templates/staff");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.res.arrayBuffer()) as never);
    const ws = wb.worksheets[0];
    expect(ws.getCell("A1").value).toBe("ФИО");
    expect(String(ws.getCell("A2").value)).toMatch(/^\(.*\)$/);
    const positionCol = (ws.getRow(1).values as string[]).indexOf("Должность");
    expect(ws.getCell(3, positionCol).dataValidation).toMatchObject({ type: "list" });
    ws.getCell("A3").value = "Шаблонова Нина Ивановна";
    ws.getCell("B3").value = "05.06.1991";
    ws.getCell("D3").value = "МБОУ СОШ № 1";
    ws.getCell(3, positionCol).value = "учитель";
    const filled = Buffer.from(await wb.xlsx.writeBuffer());
    const up = await upload(admin, filled, "template.xlsx");
    expect(up.json.totalRows).toBe(1);
    const run = await admin.post(`/api/imports/${up.json.id}/run`, {});
    expect(run.json).toMatchObject({ committed: true, created: 1, rejected: [] });
  });

  it("keeps a coordinator to own organisation and a teacher out", async () => {
    const coord = await new Client(server.url).login("coord-a1", PASSWORD);
    const file = await schoolFile([
      ["Своя Ирина Андреевна", "01.01.1991", null, "МБОУ СОШ № 1", "учитель", null, null, null, null],
      ["Чужая Ирина Андреевна", "01.01.1991", null, "МБДОУ д/с № 2", "учитель", null, null, null, null],
    ]);
    const res = await upload(coord, file, "coord.xlsx");
    const run = await coord.post(`/api/imports/${res.json.id}/run`, {});
    expect(run.json.committed).toBe(false);
    expect(run.json.rejected).toEqual([expect.objectContaining({ row: 6, message: "Координатор загружает только работников своей организации" })]);
    expect((await admin.get(`/api/imports/${res.json.id}`)).status).toBe(200);
    const adminsImport = (await admin.get("/api/imports")).json.items.find((i: { fileName: string }) => i.fileName === "a.xlsx");
    expect((await coord.get(`/api/imports/${adminsImport.id}`)).status).toBe(404);
    const teacher = await new Client(server.url).login("teacher-a", PASSWORD);
    expect((await upload(teacher, file, "t.xlsx")).status).toBe(403);
    expect((await upload(coord, file, "orgs.xlsx", "organizations")).status).toBe(403);
  });

  // The embedded engine runs in the app's own thread: there, only yielding lets /progress answer.
  it.runIf(target === "pglite")("answers /progress while a long file is checked and written, and the bar moves", async () => {
    const rows = Array.from({ length: 6000 }, (_, i) => `Прогрессов${String.fromCharCode(1072 + (i % 30))}${String.fromCharCode(1072 + (Math.floor(i / 30) % 30))} Иван Петрович;01.0${1 + (i % 9)}.19${60 + (i % 39)};МБОУ СОШ № 1;учитель`);
    const up = await upload(admin, Buffer.from(`ФИО;Дата рождения;ОО;Должность\n${rows.join("\n")}\n`), "прогресс.csv");
    expect(up.status).toBe(201);
    const started = await admin.post(`/api/imports/${up.json.id}/run`, { background: true });
    expect(started.status).toBe(202);
    const seen: string[] = [];
    for (let i = 0; i < 2000; i++) {
      const { json } = await admin.get(`/api/imports/${up.json.id}/progress`);
      const p = json.progress as { phase: string; done: number; total: number } | null;
      if (p) seen.push(`${p.phase}:${p.done}`);
      if (p?.phase === "done" || p?.phase === "failed") break;
    }
    expect(seen.at(-1)).toBe("done:6000");
    // Answers came while the rows were being checked, each further along than the one before.
    const checking = [...new Set(seen.filter((s) => s.startsWith("checking:")))];
    expect(checking.length).toBeGreaterThanOrEqual(3);
    expect(await count("persons")).toBeGreaterThanOrEqual(6000);
  });

  it("matches only people the coordinator may see: another school's teacher is refused, revealed and changed in nothing", async () => {
    const coord = await new Client(server.url).login("coord-a1", PASSWORD);
    const before = (await admin.get(`/api/staff/${world.persons.ivanova}`)).json;
    const jobsBefore = await count("employments");
    // Иванова works in the kindergarten, not in the coordinator's school: by name and birth date…
    const byName = await upload(coord, Buffer.from("ФИО;Дата рождения;Должность;Телефон\nИванова Анна Сергеевна;01.06.1975;учитель;+7 999 111-22-33\n"), "чужая.csv");
    // …and in a course sheet.
    const course = await upload(
      coord,
      Buffer.from("ФИО;Дата рождения;Наименование программы;Место прохождения;Количество часов;Сроки обучения\nИванова Анна Сергеевна;01.06.1975;Школа учителя;ИРО;72;01.10.2025-10.10.2025\n"),
      "курсы.csv",
      "completions",
    );
    for (const id of [byName.json.id, course.json.id]) {
      for (const body of [{ dryRun: true }, { skipInvalid: true }]) {
        const run = await coord.post(`/api/imports/${id}/run`, body);
        expect(run.status).toBe(200);
        expect(run.json).toMatchObject({ created: 0, updated: 0, skipped: 0 });
        expect(run.json.rejected).toEqual(expect.arrayContaining([expect.objectContaining({ row: 2, message: "Такой педагог работает в другой организации — обратитесь к методисту" })]));
        // Nothing about her leaves the server: neither her id nor her data.
        const reply = JSON.stringify(run.json);
        expect(reply).not.toContain(String(before.snils ?? "no-snils"));
        expect(reply).not.toContain(`"${world.persons.ivanova}"`);
        expect(reply).not.toContain("детский сад");
      }
    }
    const after = (await admin.get(`/api/staff/${world.persons.ivanova}`)).json;
    expect(after.phone).toBe(before.phone);
    expect(await count("employments")).toBe(jobsBefore);
    // The admin, who sees the whole municipality, updates her from the same kind of file.
    const byAdmin = await upload(admin, Buffer.from("ФИО;Дата рождения;ОО;Должность;Телефон\nИванова Анна Сергеевна;01.06.1975;МБДОУ д/с № 2;учитель;+7 999 111-22-33\n"), "admin.csv");
    expect((await admin.post(`/api/imports/${byAdmin.json.id}/run`, { dryRun: true })).json).toMatchObject({ updated: 1, rejected: [] });
  });
});

/** Windows-1251 bytes of a text (Node can decode but not encode it). */
function encode1251(text: string): Buffer {
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0) as number;
    if (code < 0x80) out.push(code);
    else if (ch === "Ё") out.push(0xa8);
    else if (ch === "ё") out.push(0xb8);
    else if (ch === "№") out.push(0xb9);
    else if (code >= 0x410 && code <= 0x44f) out.push(code - 0x410 + 0xc0);
    else throw new Error(`no cp1251 for ${ch}`);
  }
  return Buffer.from(out);
}
