import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { queryRows } from "../../db/client.js";
import { Client, DB_TARGETS, openTestDatabase, startTestServer, type TestServer } from "../../testing/harness.js";
import { createMunicipality } from "../municipalities/service.js";
import { parseListText } from "./service.js";

type Item = { id: number; name: string; archived: boolean; aliases: { id: number; alias: string }[] };

describe("list lines", () => {
  it("reads «Название; другое; ещё» and tab-separated rows, skipping blank lines", () => {
    expect(parseListText("учитель; преподаватель школы ;\n\n  куратор\tкуратор группы\n;сирота\n")).toEqual([
      { line: 1, name: "учитель", aliases: ["преподаватель школы"] },
      { line: 3, name: "куратор", aliases: ["куратор группы"] },
      { line: 4, name: "", aliases: ["сирота"] },
    ]);
  });
});

describe.each(DB_TARGETS)("reference lists with other spellings (%s)", (target) => {
  let server: TestServer;
  let admin: Client;
  let municipalityId: number;
  const rows = <T>(statement: ReturnType<typeof sql>) => queryRows<T>(server.database.db, statement);
  const list = async (kind: "positions" | "subjects"): Promise<Item[]> => (await admin.get(`/api/references/${kind}`)).json.items;
  const byName = async (kind: "positions" | "subjects", name: string) => (await list(kind)).find((i) => i.name === name) as Item;
  const aliasesOf = (item: Item) => item.aliases.map((a) => a.alias).sort();
  const counts = async () => {
    const [c] = await rows<{ positions: number; aliases: number; subjects: number; subject_aliases: number }>(
      sql`select (select count(*)::int from positions where municipality_id = ${municipalityId}) as positions,
                 (select count(*)::int from position_aliases where municipality_id = ${municipalityId}) as aliases,
                 (select count(*)::int from subjects where municipality_id = ${municipalityId}) as subjects,
                 (select count(*)::int from subject_aliases where municipality_id = ${municipalityId}) as subject_aliases`,
    );
    return c;
  };

  beforeAll(async () => {
    const database = await openTestDatabase(target);
    const created = await createMunicipality(database.db, {
      code: "ref",
      name: "Справочный район",
      regionCode: "23",
      admin: { login: "ref-admin", fullName: "Справочникова Анна", password: "ref-password-1" },
    });
    municipalityId = created.municipality.id;
    server = await startTestServer(database);
    admin = await new Client(server.url).login("ref-admin", "ref-password-1");
  });
  afterAll(async () => {
    await server?.close();
    await server?.database.close();
  });

  it("adds and removes other spellings one at a time, refusing a spelling that means another value", async () => {
    const logoped = await byName("positions", "учитель-логопед");
    const added = await admin.post(`/api/references/positions/${logoped.id}/aliases`, { alias: "логопед-дефектолог" });
    expect(added.status).toBe(201);
    expect(aliasesOf(await byName("positions", "учитель-логопед"))).toEqual(["логопед", "логопед-дефектолог"]);

    const taken = await admin.post(`/api/references/positions/${logoped.id}/aliases`, { alias: "Психолог" });
    expect(taken.status).toBe(409);
    expect(taken.json.error.message).toBe("«Психолог» уже означает значение «педагог-психолог»");
    const again = await admin.post(`/api/references/positions/${logoped.id}/aliases`, { alias: "ЛОГОПЕД" });
    expect(again.json.error.message).toBe("Написание «ЛОГОПЕД» у значения «учитель-логопед» уже есть");
    const itself = await admin.post(`/api/references/positions/${logoped.id}/aliases`, { alias: "Учитель логопед" });
    expect(itself.json.error.message).toContain("совпадает с самим наименованием");
    expect((await admin.post(`/api/references/positions/${logoped.id}/aliases`, { alias: "  " })).status).toBe(400);

    const removed = await admin.delete(`/api/references/positions/${logoped.id}/aliases/${added.json.id}`);
    expect(removed.status).toBe(200);
    expect(aliasesOf(await byName("positions", "учитель-логопед"))).toEqual(["логопед"]);
    // An alias id of another value is not found.
    const head = await byName("positions", "руководитель");
    expect((await admin.delete(`/api/references/positions/${logoped.id}/aliases/${head.aliases[0].id}`)).status).toBe(404);

    const audit = await admin.get(`/api/audit?subjectType=position&subjectId=${logoped.id}`);
    expect(audit.json.items.map((i: { action: string }) => i.action)).toEqual(["update", "update"]);
    expect(audit.json.items[1].changes[0]).toEqual({ field: "aliases", from: ["логопед"], to: ["логопед", "логопед-дефектолог"] });
  });

  it("never creates a value twice: a new value that is an existing name or spelling is refused", async () => {
    const teacher = await admin.post("/api/references/positions", { name: "Учитель" });
    expect(teacher.status).toBe(409);
    expect(teacher.json.error.message).toBe("Такая должность уже есть в справочнике: «учитель»");
    const director = await admin.post("/api/references/positions", { name: "Директор" });
    expect(director.json.error.message).toBe("«Директор» уже записано как другое написание значения «руководитель»");
    const tutor = await byName("positions", "тьютор");
    expect((await admin.put(`/api/references/positions/${tutor.id}`, { name: "методист" })).status).toBe(409);
    expect((await admin.put(`/api/references/positions/${tutor.id}`, { name: "Тьютор" })).status).toBe(200);
  });

  it("previews a pasted list, applies it in one transaction, and a second paste changes nothing", async () => {
    const text = [
      "учитель; преподаватель школы; Учитель",
      "куратор; куратор группы; куратор учебной группы",
      "Директор",
      "",
      "вожатый; пионервожатый",
      "педагог-психолог; психолог; школьный психолог",
    ].join("\n");
    const before = await counts();
    const preview = await admin.post("/api/references/positions/bulk", { text });
    expect(preview.status, JSON.stringify(preview.json)).toBe(200);
    expect(preview.json.applied).toBe(false);
    expect(preview.json.summary).toEqual({ lines: 5, created: 2, aliasesAdded: 5, unchanged: 1 });
    expect(preview.json.rows).toEqual([
      { line: 1, name: "учитель", action: "aliases", value: "учитель", matchedByAlias: false, archived: false, newAliases: ["преподаватель школы"], knownAliases: [] },
      { line: 2, name: "куратор", action: "create", value: "куратор", matchedByAlias: false, archived: false, newAliases: ["куратор группы", "куратор учебной группы"], knownAliases: [] },
      { line: 3, name: "Директор", action: "exists", value: "руководитель", matchedByAlias: true, archived: false, newAliases: [], knownAliases: [] },
      { line: 5, name: "вожатый", action: "create", value: "вожатый", matchedByAlias: false, archived: false, newAliases: ["пионервожатый"], knownAliases: [] },
      { line: 6, name: "педагог-психолог", action: "aliases", value: "педагог-психолог", matchedByAlias: false, archived: false, newAliases: ["школьный психолог"], knownAliases: ["психолог"] },
    ]);
    expect(await counts()).toEqual(before);

    const applied = await admin.post("/api/references/positions/bulk", { text, apply: true });
    expect(applied.json.applied).toBe(true);
    expect(await counts()).toEqual({ ...before, positions: before.positions + 2, aliases: before.aliases + 5 });
    expect(aliasesOf(await byName("positions", "куратор"))).toEqual(["куратор группы", "куратор учебной группы"]);
    expect(aliasesOf(await byName("positions", "учитель"))).toEqual(["преподаватель школы"]);
    const curator = await byName("positions", "куратор");
    const audit = await admin.get(`/api/audit?subjectType=position&subjectId=${curator.id}`);
    expect(audit.json.items[0]).toMatchObject({ action: "create", after: { name: "куратор", aliases: ["куратор группы", "куратор учебной группы"] } });

    const twice = await admin.post("/api/references/positions/bulk", { text: text.toUpperCase(), apply: true });
    expect(twice.json.summary).toEqual({ lines: 5, created: 0, aliasesAdded: 0, unchanged: 5 });
    expect(await counts()).toEqual({ ...before, positions: before.positions + 2, aliases: before.aliases + 5 });
  });

  it("refuses the whole list with the line and value named, writing nothing", async () => {
    const before = await counts();
    const clash = await admin.post("/api/references/positions/bulk", {
      text: "наставник; педагог-наставник\nлогопед; психолог\n; без названия\n?!",
      apply: true,
    });
    expect(clash.status).toBe(400);
    expect(clash.json.error.message).toContain("ничего не записано");
    expect(clash.json.error.details).toEqual([
      { row: 2, value: "психолог", message: "Строка 2: «психолог» уже означает «педагог-психолог», а не «учитель-логопед»" },
      { row: 3, value: "без названия", message: "Строка 3: нет наименования перед «без названия» — значение пишется первым, другие написания после «;»" },
      { row: 4, value: "?!", message: "Строка 4: «?!» не похоже на наименование: нужны буквы или цифры" },
    ]);
    // Two new lines that claim one spelling for different values clash with each other too.
    const within = await admin.post("/api/references/positions/bulk", { text: "наставник; старший наставник\nстарший наставник" });
    expect(within.status).toBe(200);
    const twoOwners = await admin.post("/api/references/positions/bulk", { text: "наставник; куратор проекта\nпроектный куратор; куратор проекта" });
    expect(twoOwners.json.error.message).toContain("Строка 2: «куратор проекта» уже означает «наставник», а не «проектный куратор»");
    expect((await admin.post("/api/references/positions/bulk", { text: "\n \n" })).json.error.message).toContain("Список пуст");
    expect(await counts()).toEqual(before);
  });

  it("reads a list from .xlsx: the value in the first column, other spellings in the next ones", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Предметы");
    ws.addRow(["Наименование", "Другие написания", ""]);
    ws.addRow(["астрономия", "астрономии", "астр."]);
    ws.addRow(["ИЗО"]);
    ws.addRow(["экономика", "экон.", null]);
    ws.addRow(["физика", "физики", "физ."]);
    const file = new Uint8Array(await wb.xlsx.writeBuffer());
    const before = await counts();

    const previewRes = await admin.uploadFile("/api/references/subjects/bulk.xlsx", "file", file, "predmety.xlsx");
    const preview = previewRes.json as { applied: boolean; rows: { line: number; action: string; value: string }[]; summary: unknown };
    expect(previewRes.status).toBe(200);
    expect(preview.applied).toBe(false);
    expect(preview.rows.map((r) => [r.line, r.action, r.value])).toEqual([
      [2, "create", "астрономия"],
      [3, "exists", "изобразительное искусство"],
      [4, "create", "экономика"],
      [5, "aliases", "физика"],
    ]);
    expect(await counts()).toEqual(before);

    const appliedRes = await admin.uploadFile("/api/references/subjects/bulk.xlsx?apply=1", "file", file, "predmety.xlsx");
    expect(appliedRes.status).toBe(200);
    expect(await counts()).toEqual({ ...before, subjects: before.subjects + 2, subject_aliases: before.subject_aliases + 4 });
    expect(aliasesOf(await byName("subjects", "астрономия"))).toEqual(["астр.", "астрономии"]);

    const bad = new ExcelJS.Workbook();
    bad.addWorksheet("Лист1").addRow(["история", "физики"]);
    const badRes = await admin.uploadFile("/api/references/subjects/bulk.xlsx?apply=1", "file", new Uint8Array(await bad.xlsx.writeBuffer()), "spisok.xlsx");
    expect(badRes.status).toBe(400);
    expect((badRes.json as { error: { message: string } }).error.message).toContain("Строка 1: «физики» уже означает «физика», а не «история»");
    const notXlsx = await admin.uploadFile("/api/references/subjects/bulk.xlsx", "file", new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]), "old.xls");
    // The raw body of before is refused before anything reads it.
    const raw = await admin.sendRaw("POST", "/api/references/subjects/bulk.xlsx?apply=1", file, "application/octet-stream");
    expect(raw.status).toBe(415);
    expect(notXlsx.status).toBe(400);
    expect(await counts()).toEqual({ ...before, subjects: before.subjects + 2, subject_aliases: before.subject_aliases + 4 });
  });
});
