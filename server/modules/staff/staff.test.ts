import { afterAll, beforeAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { Client, DB_TARGETS, openTestDatabase, startTestServer, type TestServer } from "../../testing/harness.js";
import { PASSWORD, seedWorld, type World } from "../../testing/fixture.js";
import { PERCENT_FORMAT } from "../../spreadsheets/xlsx.js";
import { formatPercent } from "../../../web/src/ui/format.js";

/** What Excel shows for a number under PERCENT_FORMAT («0.0 %») in a Russian locale. */
const excelPercentText = (v: number) => `${(v * 100).toFixed(1).replace(".", ",")} %`;

describe.each(DB_TARGETS)("staff registry over HTTP (%s)", (target) => {
  let server: TestServer;
  let world: World;
  let admin: Client;
  const asOf = "2026-09-01";

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

  it("should require authentication", async () => {
    const res = await new Client(server.url).get("/api/staff");
    expect(res.status).toBe(401);
    expect(res.json.error).toMatchObject({ code: "unauthenticated", message: "Войдите в систему" });
  });

  it("finds a person typed with е instead of ё, ignoring case", async () => {
    const res = await admin.get(`/api/staff?q=${encodeURIComponent("СЕМЕНОВ петр")}&asOf=${asOf}`);
    expect(res.status).toBe(200);
    expect(res.json.total).toBe(1);
    expect(res.json.items[0]).toMatchObject({ fullName: "Семёнов Пётр Алексеевич", young: true, age: 28 });
  });

  it("lists current staff only, with a part-time worker once", async () => {
    const res = await admin.get(`/api/staff?asOf=${asOf}`);
    const names = res.json.items.map((i: { fullName: string }) => i.fullName);
    expect(names).toEqual(["Ершова Мария Ивановна", "Иванова Анна Сергеевна", "Семёнов Пётр Алексеевич"]);
    const ershova = res.json.items[0];
    expect(ershova.employments).toHaveLength(2);
    expect(ershova.employments.map((e: { isMain: boolean }) => e.isMain)).toEqual([true, false]);
    const withDismissed = await admin.get(`/api/staff?asOf=${asOf}&includeDismissed=true`);
    expect(withDismissed.json.total).toBe(4);
  });

  it("filters by organisation, kind, subject, category, education, young and sorts", async () => {
    const q = (s: string) => admin.get(`/api/staff?asOf=${asOf}&${s}`).then((r) => r.json.items.map((i: { id: number }) => i.id));
    const { semenov, ivanova, ershova } = world.persons;
    expect(await q(`organizationId=${world.orgs.schoolA1.id}`)).toEqual([ershova, semenov]);
    expect(await q("orgKind=preschool")).toEqual([ershova, ivanova]);
    expect(await q(`subjectId=${world.subjects.kubanA.id}`)).toEqual([semenov]);
    expect(await q("category=highest")).toEqual([ivanova]);
    // Ershova's first category of 2019-05-01 expired on 2024-04-30.
    expect(await q("category=none")).toEqual([ershova, semenov]);
    expect(await q("educationLevel=higher")).toEqual([ershova, semenov]);
    expect(await q("young=true")).toEqual([semenov]);
    expect(await q("young=false")).toEqual([ershova, ivanova]);
    expect(await q("sort=-birthDate")).toEqual([semenov, ershova, ivanova]);
    const page2 = await admin.get(`/api/staff?asOf=${asOf}&pageSize=2&page=2`);
    expect(page2.json).toMatchObject({ total: 3, page: 2 });
    expect(page2.json.items).toHaveLength(1);
  });

  it("shows the card with derived facts on the requested date", async () => {
    const card = await admin.get(`/api/staff/${world.persons.ivanova}?asOf=2026-09-01`);
    expect(card.status).toBe(200);
    expect(card.json).toMatchObject({
      fullName: "Иванова Анна Сергеевна",
      age: 51,
      pedExperience: { years: 29, months: 0 },
      young: false,
      category: { category: "highest", assignedOn: "2023-04-20", validUntil: "2028-04-19", expired: false },
      educationLevel: "secondary_vocational",
    });
    const later = await admin.get(`/api/staff/${world.persons.ivanova}?asOf=2028-04-20`);
    expect(later.json.category).toMatchObject({ expired: true });
  });

  it("creates a staff member, rejects a duplicate and bad input in Russian, keeping data unchanged", async () => {
    const input = {
      person: { surname: "Новикова", name: "Алёна", patronymic: "Викторовна", birthDate: "1999-12-31", snils: "112-233-445 95" },
      employment: { organizationId: world.orgs.schoolA1.id, positionId: world.positions.teacherA.id, subjectIds: [world.subjects.mathA.id] },
      education: { level: "higher", isPedagogical: true },
      category: null,
    };
    const created = await admin.post("/api/staff", input);
    expect(created.status).toBe(201);
    const twin = await admin.post("/api/staff", { ...input, person: { ...input.person, surname: "НОВИКОВА", snils: null } });
    expect(twin.status).toBe(409);
    expect(twin.json.error.message).toContain("уже есть в реестре");
    const bad = await admin.post("/api/staff", {
      ...input,
      person: { ...input.person, surname: "Петров", birthDate: "1980-02-31", snils: "112-233-445 96" },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe("validation");
    expect(bad.json.error.message).toContain("несуществующая дата");
    expect(bad.json.error.message).toContain("СНИЛС");
    expect(bad.json.error.details.map((d: { field: string }) => d.field)).toEqual(
      expect.arrayContaining(["person.birthDate", "person.snils"]),
    );
    const list = await admin.get(`/api/staff?q=${encodeURIComponent("Петров")}`);
    expect(list.json.total).toBe(0);
  });

  it("audits a category change with before and after", async () => {
    const res = await admin.post(`/api/staff/${world.persons.semenov}/categories`, { category: "first", assignedOn: "2026-05-01" });
    expect(res.status).toBe(201);
    const audit = await admin.get(`/api/audit?subjectType=person&subjectId=${world.persons.semenov}`);
    expect(audit.json.items[0]).toMatchObject({ entityType: "qualification_category", action: "create", userLogin: "admin-a" });
    expect(audit.json.items[0].changes).toEqual(
      expect.arrayContaining([{ field: "category", from: null, to: "first" }]),
    );
    const card = await admin.get(`/api/staff/${world.persons.semenov}?asOf=${asOf}`);
    expect(card.json.category).toMatchObject({ category: "first", validUntil: "2031-04-30" });
  });

  it("dismisses instead of deleting", async () => {
    const card = await admin.get(`/api/staff/${world.persons.ershova}`);
    const partTime = card.json.employments.find((e: { isMain: boolean }) => !e.isMain);
    const res = await admin.post(`/api/employments/${partTime.id}/dismiss`, { dismissalDate: "2026-06-30" });
    expect(res.status).toBe(200);
    const early = await admin.post(`/api/employments/${partTime.id}/dismiss`, { dismissalDate: "2000-01-01" });
    expect(early.status).toBe(400);
    expect(early.json.error.message).toContain("раньше даты приёма");
    const list = await admin.get(`/api/staff?asOf=${asOf}&organizationId=${world.orgs.schoolA1.id}`);
    expect(list.json.items.map((i: { id: number }) => i.id)).not.toContain(world.persons.ershova);
  });

  it("exports the filtered list to .xlsx with real dates and a frozen header", async () => {
    const res = await admin.request("GET", `/api/staff/export.xlsx?asOf=${asOf}&orgKind=preschool`);
    expect(res.status).toBe(200);
    expect(res.res.headers.get("content-type")).toContain("spreadsheetml");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.res.arrayBuffer()) as never);
    const ws = wb.worksheets[0];
    expect(ws.getCell("A3").value).toBe("ФИО");
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 3 });
    // One row per place of work in force on the date: Ершова's part-time job ended on 30.06.2026.
    const rows = [4, 5].map((r) => [ws.getCell(`A${r}`).value, ws.getCell(`D${r}`).value, ws.getCell(`G${r}`).value]);
    expect(rows).toEqual([
      ["Ершова Мария Ивановна", "МБДОУ д/с № 2", "нет"],
      ["Иванова Анна Сергеевна", "МБДОУ д/с № 2", "нет"],
    ]);
    expect(ws.getCell("B5").value).toEqual(new Date("1975-06-01T00:00:00Z"));
    expect(ws.rowCount).toBe(5);
    const before = await admin.request("GET", `/api/staff/export.xlsx?asOf=2026-06-29&orgKind=preschool`);
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(Buffer.from(await before.res.arrayBuffer()) as never);
    // Before the dismissal the part-time job in the school is a row of its own.
    expect([5].map((r) => [wb2.worksheets[0].getCell(`A${r}`).value, wb2.worksheets[0].getCell(`D${r}`).value, wb2.worksheets[0].getCell(`G${r}`).value])).toEqual([
      ["Ершова Мария Ивановна", "МБОУ СОШ № 1", "да"],
    ]);
  });

  it("reports the staff composition per organisation kind", async () => {
    const res = await admin.get(`/api/reports/staff-composition?asOf=${asOf}`);
    expect(res.status).toBe(200);
    const [m] = res.json.municipalities;
    const school = m.rows.find((r: { kind: string }) => r.kind === "school");
    const preschool = m.rows.find((r: { kind: string }) => r.kind === "preschool");
    // School A1: Семёнов (and Новикова, added above); Ершова's part-time job ended 2026-06-30.
    expect(school).toMatchObject({ organizations: 1 });
    expect(preschool).toMatchObject({ organizations: 1, staff: 2, higherEducation: 1, category: 1, under35: 0, higherEducationShare: 50 });
    expect(m.total.staff).toBe(school.staff + 2);
  });

  it("writes the composition's shares to .xlsx as the screen shows them: «50,0 %», not 0.5 under «%»", async () => {
    const [m] = (await admin.get(`/api/reports/staff-composition?asOf=${asOf}`)).json.municipalities;
    const res = await admin.request("GET", `/api/reports/staff-composition?asOf=${asOf}&format=xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.res.arrayBuffer()) as never);
    const ws = wb.worksheets[0];
    const headers = (ws.getRow(3).values as unknown[]).slice(1);
    expect(headers).toEqual(["Тип организаций", "Организаций", "Педагогов", "С высшим образованием", "С первой или высшей категорией", "Моложе 35 лет"]);
    type Line = { kind: string; higherEducationShare: number | null; categoryShare: number | null; under35Share: number | null };
    const lines: Line[] = [...m.rows, m.total];
    let checked = 0;
    lines.forEach((line, i) => {
      (["higherEducationShare", "categoryShare", "under35Share"] as const).forEach((key, k) => {
        const cell = ws.getRow(4 + i).getCell(4 + k);
        const share = line[key];
        if (share === null) return expect(cell.value).toBeNull();
        // A true percentage: the fraction with a percent format, so Excel shows what the screen does.
        expect(cell.numFmt).toBe(PERCENT_FORMAT);
        expect(typeof cell.value).toBe("number");
        expect((cell.value as number) * 100).toBeCloseTo(share, 9);
        expect(excelPercentText(cell.value as number)).toBe(formatPercent(share).replace("\u00a0", " "));
        checked += 1;
      });
    });
    expect(checked).toBeGreaterThan(0);
    const preschool = lines.findIndex((l) => l.kind === "preschool");
    expect(ws.getRow(4 + preschool).getCell(4).value).toBe(0.5);
  });
});
