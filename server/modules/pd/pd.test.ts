import { afterAll, beforeAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { Client, DB_TARGETS, openTestDatabase, startTestServer, type TestServer } from "../../testing/harness.js";
import { PASSWORD, seedWorld, type World } from "../../testing/fixture.js";
import { PERCENT_FORMAT } from "../../spreadsheets/xlsx.js";

describe.each(DB_TARGETS)("professional development (%s)", (target) => {
  let server: TestServer;
  let world: World;
  let admin: Client;
  let coord: Client;
  const ids = { irr: 0, fioko: 0, long: 0, distance: 0, short: 0, retraining: 0 };

  beforeAll(async () => {
    const database = await openTestDatabase(target);
    world = await seedWorld(database.db);
    server = await startTestServer(database);
    admin = await new Client(server.url).login("admin-a", PASSWORD);
    coord = await new Client(server.url).login("coord-a1", PASSWORD);

    const provider = async (body: object) => (await admin.post("/api/pd/providers", body)).json.id as number;
    ids.irr = await provider({
      name: "ГАОУ ДПО «Институт регионального развития Пензенской области»",
      shortName: "ГАОУ ДПО ИРР ПО",
      kind: "regional_institute",
      aliases: ["ИРР ПО", "Институт регионального развития", "ГАОУ ДПО \"ИРР ПО\""],
    });
    ids.fioko = await provider({ name: "ФГБУ «Федеральный институт оценки качества образования»", shortName: "ФГБУ ФИОКО", kind: "federal" });
    const programme = async (body: object) => (await admin.post("/api/pd/programmes", body)).json.id as number;
    ids.long = await programme({ providerId: ids.irr, title: "Функциональная грамотность школьников", hours: 72, kind: "upgrade", form: "full_time", topics: ["функциональная грамотность"] });
    ids.distance = await programme({ providerId: ids.fioko, title: "Оценка качества образования", hours: 36, kind: "upgrade", form: "distance", federalRegister: true, federalRegisterId: "ФР-0001" });
    ids.short = await programme({ providerId: ids.irr, title: "Семинар: новые ФГОС", hours: 8, kind: "upgrade", form: "full_time" });
    ids.retraining = await programme({ providerId: ids.irr, title: "Педагогика и психология", hours: 300, kind: "retraining", pedagogical: true, form: "extramural" });
  });
  afterAll(async () => {
    await server?.close();
    await server?.database.close();
  });

  const completion = (programmeId: number, dateFrom: string, dateTo: string, status = "completed") => ({
    programmeId, dateFrom, dateTo, status, certificateKind: "certificate", certificateNumber: "772400000001", certificateDate: dateTo,
  });

  it("rejects bad programme and course input in Russian", async () => {
    const bad = await admin.post("/api/pd/programmes", { providerId: ids.irr, title: "X", hours: 0, kind: "upgrade", form: "очная" });
    expect(bad.status).toBe(400);
    expect(bad.json.error.message).toContain("Количество часов: не меньше 1");
    expect(bad.json.error.message).toContain("Форма обучения");
    const backwards = await admin.post(`/api/pd/staff/${world.persons.semenov}/completions`, completion(ids.long, "2025-10-23", "2025-10-12"));
    expect(backwards.status).toBe(400);
    expect(backwards.json.error.message).toContain("Окончание обучения не может быть раньше начала");
    const noEnd = await admin.post(`/api/pd/staff/${world.persons.semenov}/completions`, { programmeId: ids.long, status: "completed" });
    expect(noEnd.json.error.message).toContain("укажите дату окончания");
  });

  it("applies the three-year rule at its boundary dates, and exemptions", async () => {
    const { semenov, ivanova } = world.persons;
    expect((await coord.post(`/api/pd/staff/${semenov}/completions`, completion(ids.long, "2025-10-12", "2025-10-23"))).status).toBe(201);
    await admin.post(`/api/pd/staff/${semenov}/completions`, completion(ids.distance, "2025-11-01", "2025-11-10"));
    // An 8-hour seminar does not count for the rule (minimum 16 hours).
    await admin.post(`/api/pd/staff/${ivanova}/completions`, completion(ids.short, "2026-01-10", "2026-01-10"));
    const status = async (personId: number, asOf: string) => (await admin.get(`/api/pd/staff/${personId}?asOf=${asOf}`)).json.status;
    expect(await status(semenov, "2027-08-31")).toMatchObject({ status: "up_to_date", lastCourse: "2025-11-10", dueDate: "2028-11-10" });
    expect((await status(semenov, "2028-09-01")).status).toBe("due_this_year");
    expect((await status(semenov, "2028-11-09")).status).toBe("due_this_year");
    expect((await status(semenov, "2028-11-10")).status).toBe("overdue");
    expect((await status(ivanova, "2026-09-01")).status).toBe("overdue");
    const exemption = await admin.post(`/api/staff/${ivanova}/exemptions`, { reason: "long_leave", validFrom: "2026-01-01", validTo: "2027-12-31" });
    expect(exemption.status).toBe(201);
    expect((await status(ivanova, "2026-09-01")).status).toBe("exempt");
    expect((await status(ivanova, "2028-01-01")).status).toBe("overdue");
    // Municipal settings change the rule.
    await admin.put("/api/pd/settings", { pdPeriodYears: 5, pdMinHours: 8 });
    expect(await status(ivanova, "2028-01-01")).toMatchObject({ status: "up_to_date", lastCourse: "2026-01-10" });
    await admin.put("/api/pd/settings", { pdPeriodYears: 3, pdMinHours: 16 });
  });

  it("lets a coordinator see the status of own staff only, and keeps teachers to reading their own card", async () => {
    const list = await coord.get("/api/pd/status?asOf=2026-09-01");
    expect(new Set(list.json.items.map((i: { organization: string }) => i.organization))).toEqual(new Set(["МБОУ СОШ № 1"]));
    expect(list.json.persons).toBe(2);
    expect((await coord.post(`/api/pd/staff/${world.persons.ivanova}/completions`, completion(ids.long, "2026-01-01", "2026-01-10"))).status).toBe(404);
    const teacher = await new Client(server.url).login("teacher-a", PASSWORD);
    expect((await teacher.get(`/api/pd/staff/${world.persons.semenov}`)).status).toBe(200);
    expect((await teacher.post(`/api/pd/staff/${world.persons.semenov}/completions`, completion(ids.long, "2026-01-01", "2026-01-10"))).status).toBe(403);
    expect((await teacher.get("/api/pd/status")).status).toBe(403);
  });

  it("stores a certificate scan after checking it is a PDF or JPEG", async () => {
    const card = await admin.get(`/api/pd/staff/${world.persons.semenov}`);
    const id = card.json.completions[0].id;
    const pdf = Buffer.from("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n");
    const ok = await coord.uploadFile(`/api/pd/completions/${id}/scan`, "file", pdf, "удостоверение.pdf", "PUT");
    expect(ok.status).toBe(200);
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0]);
    const bad = await coord.uploadFile(`/api/pd/completions/${id}/scan`, "file", png, "scan.png", "PUT");
    expect(bad.status).toBe(400);
    expect(bad.json.error.message).toContain("не PDF и не JPEG");
    const tooBig = await coord.uploadFile(`/api/pd/completions/${id}/scan`, "file", Buffer.concat([pdf, Buffer.alloc(10 * 1024 * 1024)]), "big.pdf", "PUT");
    expect(tooBig.status).toBe(413);
    expect(tooBig.json.error.message).toContain("Скан больше 10 МБ");
    const back = await coord.request("GET", `/api/pd/completions/${id}/scan`);
    expect(back.res.headers.get("content-type")).toBe("application/pdf");
    expect(back.res.headers.get("content-disposition")).toMatch(/^attachment; filename="/);
    expect(back.res.headers.get("content-disposition")).toContain(`filename*=UTF-8''${encodeURIComponent("удостоверение.pdf")}`);
    expect(Buffer.from(await back.res.arrayBuffer()).equals(pdf)).toBe(true);
    expect((await admin.get(`/api/pd/staff/${world.persons.semenov}`)).json.completions.find((c: { id: number }) => c.id === id).hasScan).toBe(true);
  });

  it("lists staff who need pedagogical retraining until they have it", async () => {
    const before = await admin.get("/api/pd/retraining-needs?asOf=2026-09-01");
    expect(before.json.organizations.flatMap((o: { persons: { personId: number }[] }) => o.persons.map((p) => p.personId))).toEqual([world.persons.ershova]);
    await admin.post(`/api/pd/staff/${world.persons.ershova}/completions`, { ...completion(ids.retraining, "2025-09-01", "2026-05-01"), certificateKind: "diploma" });
    const after = await admin.get("/api/pd/retraining-needs?asOf=2026-09-01");
    expect(after.json.total).toBe(0);
  });

  it("reports seed 003: persons not courses, dismissed excluded, part-timers once, providers by alias", async () => {
    const { ershova, dismissed } = world.persons;
    await admin.post(`/api/pd/staff/${ershova}/completions`, completion(ids.distance, "2026-03-01", "2026-03-10"));
    // The dismissed teacher trained in the period but is not on the staff on the reference date.
    await admin.post(`/api/pd/staff/${dismissed}/completions`, completion(ids.long, "2025-09-01", "2025-09-10")).catch(() => undefined);
    const report = await admin.get("/api/pd/report?from=2025-09-01&to=2026-08-31&asOf=2026-08-31");
    expect(report.status).toBe(200);
    expect(report.json).toMatchObject({
      staffTotal: 3,
      trainedPersons: 3,
      share: 100,
      regionalInstitutePersons: 2,
      otherProvidersPersons: 2,
      federalRegisterPersons: 2,
      distancePersons: 2,
      retrainingPersons: 1,
    });
    expect(report.json.byProvider).toEqual([
      { provider: "ГАОУ ДПО ИРР ПО", regionalInstitute: true, persons: 2 },
      { provider: "ФГБУ ФИОКО", regionalInstitute: false, persons: 2 },
    ]);
    expect(report.json.byOrganization).toEqual([
      { organization: "МБДОУ д/с № 2", staff: 2, trained: 2, share: 100 },
      { organization: "МБОУ СОШ № 1", staff: 2, trained: 2, share: 100 },
    ]);
    // Boundary of the period: a course ending the day after is outside it.
    const narrower = await admin.get("/api/pd/report?from=2025-11-11&to=2026-08-31&asOf=2026-08-31");
    expect(narrower.json).toMatchObject({ trainedPersons: 2, byProvider: [{ provider: "ГАОУ ДПО ИРР ПО", persons: 1 }, { provider: "ФГБУ ФИОКО", persons: 1 }] });
    const xlsx = await admin.request("GET", "/api/pd/report?from=2025-09-01&to=2026-08-31&asOf=2026-08-31&format=xlsx");
    expect(xlsx.res.headers.get("content-type")).toContain("spreadsheetml");
    // Shares are true percentages in the workbook (100 → 1 shown «100,0 %»), under headers without «%».
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await xlsx.res.arrayBuffer()) as never);
    const summary = wb.getWorksheet("Сводка");
    const shareRow = summary?.getRows(1, summary.rowCount)?.find((r) => r.getCell(1).value === "Доля от общего числа");
    expect(shareRow?.getCell(2).value).toBe(report.json.share / 100);
    expect(shareRow?.getCell(2).numFmt).toBe(PERCENT_FORMAT);
    expect(summary?.getCell("B5").numFmt).not.toBe(PERCENT_FORMAT);
    const byOrg = wb.getWorksheet("По организациям");
    expect((byOrg?.getRow(1).values as unknown[]).slice(1)).toEqual(["Организация", "Педагогов", "Прошли курсы", "Доля"]);
    expect([byOrg?.getCell("A2").value, byOrg?.getCell("D2").value, byOrg?.getCell("D2").numFmt]).toEqual([
      report.json.byOrganization[0].organization, report.json.byOrganization[0].share / 100, PERCENT_FORMAT,
    ]);
    const docx = await admin.request("GET", "/api/pd/report?from=2025-09-01&to=2026-08-31&format=docx");
    const bytes = Buffer.from(await docx.res.arrayBuffer());
    expect(bytes.subarray(0, 2).toString()).toBe("PK");
    expect((await coord.get("/api/pd/report?from=2025-09-01&to=2026-08-31")).status).toBe(403);
    const providers = await admin.get("/api/pd/providers?from=2025-09-01&to=2026-08-31");
    // The register counts everyone the provider trained in the period, any programme, dismissed or not.
    expect(providers.json.items.find((p: { id: number }) => p.id === ids.irr)).toMatchObject({ trainedPersons: 4, aliases: expect.arrayContaining([expect.objectContaining({ alias: "ИРР ПО" })]) });
  });

  it("imports a completions file with date ranges, provider aliases and the usual spellings", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Курсы");
    ws.addRow(["Сведения о прохождении курсов повышения квалификации в 2020-2021 учебном году"]);
    ws.addRow(["№", "ФИО", "Наименование программы", "Место прохождения", "Количество часов", "Сроки обучения", "Номер удостоверения", "Форма обучения", "ФР ДПП"]);
    ws.addRow([1, "Семёнов Пётр Алексеевич", "Формирование функциональной грамотности", "ИРР ПО", 72, "12.10.2020–23.10.2020", "582400011111", "очная", "нет"]);
    ws.addRow([2, "ИВАНОВА АННА СЕРГЕЕВНА", "Формирование функциональной грамотности", "Институт регионального развития", "72 ч.", "12.10.2020 - 23.10.2020", "582400011112", "очно-заочная", "нет"]);
    ws.addRow([3, "Ершова Мария Ивановна", "Оценка качества образования", "ФГБУ ФИОКО", 36, "с 01.03.2021 по 10.03.2021", "772400022222", "с применением ДОТ", "да"]);
    ws.addRow([4, "Неизвестная Ольга Ивановна", "Оценка качества образования", "ФГБУ ФИОКО", 36, "01.03.2021-10.03.2021", null, "дистанционная", "да"]);
    ws.addRow([5, "Семёнов Пётр Алексеевич", "Что-то", "Курсы при ДК", 16, "31.02.2021", null, "очная", null]);
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    const up = await admin.uploadFile("/api/imports?kind=completions", "file", file, "kurs.xlsx");
    const preview = up.json;
    expect(up.status).toBe(201);
    const run = await admin.post(`/api/imports/${preview.id}/run`, { skipInvalid: true });
    expect(run.json).toMatchObject({ committed: true, created: 3 });
    expect(run.json.rejected.map((e: { row: number; column: string; message: string }) => `${e.row}|${e.column}|${e.message}`)).toEqual([
      "6|ФИО|Педагог «Неизвестная Ольга Ивановна» не найден в реестре",
      expect.stringMatching(/^7\|Место прохождения\|Организация ДПО «Курсы при ДК» не найдена/),
      "7|Сроки обучения|31.02.2021 — несуществующая дата",
    ]);
    // Staff as of 2026 (Семёнов was hired in 2024), courses of 2020-2021.
    const report = await admin.get("/api/pd/report?from=2020-09-01&to=2021-08-31&asOf=2026-08-31");
    // Both spellings of the regional institute are one provider; one programme was created for both.
    expect(report.json.byProvider).toEqual([
      { provider: "ГАОУ ДПО ИРР ПО", regionalInstitute: true, persons: 2 },
      { provider: "ФГБУ ФИОКО", regionalInstitute: false, persons: 1 },
    ]);
    expect(report.json).toMatchObject({ federalRegisterPersons: 1, distancePersons: 1 });
    const programmes = await admin.get(`/api/pd/programmes?q=${encodeURIComponent("функциональной")}`);
    expect(programmes.json.items).toHaveLength(1);
    // A course entered by hand since, for someone the file did not name, uses one of the new programmes.
    const assessment = (await admin.get(`/api/pd/programmes?q=${encodeURIComponent("Оценка качества образования")}`)).json.items[0];
    const byHand = await admin.post(`/api/pd/staff/${world.persons.dismissed}/completions`, completion(assessment.id, "2024-03-01", "2024-03-10"));
    expect(byHand.status, JSON.stringify(byHand.json)).toBe(201);
    // Undo removes the imported courses and the programme nothing else uses; the one in use stays.
    expect((await admin.post(`/api/imports/${preview.id}/undo`)).status).toBe(200);
    expect((await admin.get("/api/pd/report?from=2020-09-01&to=2021-08-31&asOf=2026-08-31")).json.trainedPersons).toBe(0);
    expect((await admin.get(`/api/pd/programmes?q=${encodeURIComponent("функциональной")}`)).json.items).toHaveLength(0);
    expect((await admin.get(`/api/pd/programmes?q=${encodeURIComponent("Оценка качества образования")}`)).json.items).toEqual([expect.objectContaining({ id: assessment.id })]);
    expect((await admin.delete(`/api/pd/completions/${byHand.json.id}`)).status).toBe(200);
  });

  it("counts management teams on courses (seed 000, form 2)", async () => {
    const res = await admin.get("/api/pd/management?from=2025-09-01&to=2026-08-31");
    expect(res.json).toMatchObject({ organizations: 2, organizationsWithTrainedManagement: 1, managersTrained: 1 });
  });

  it("plans the next year's courses from requests that the municipality approves or returns", async () => {
    const plan = await coord.get("/api/pd/plan?academicYear=2028");
    const people = plan.json.organizations.flatMap((o: { persons: { personId: number; status: string }[] }) => o.persons);
    expect(people.map((p: { personId: number }) => p.personId)).toContain(world.persons.semenov);
    const save = await coord.put(`/api/pd/requests/${world.orgs.schoolA1.id}/2028`, {
      items: [{ personId: world.persons.semenov, programmeId: ids.long, preferredPeriod: "октябрь–ноябрь" }],
    });
    expect(save.status).toBe(200);
    const foreign = await coord.put(`/api/pd/requests/${world.orgs.kinderA2.id}/2028`, { items: [] });
    expect(foreign.status).toBe(403);
    const stranger = await coord.put(`/api/pd/requests/${world.orgs.schoolA1.id}/2028`, { items: [{ personId: world.persons.ivanova }] });
    expect(stranger.status).toBe(400);
    expect((await coord.post(`/api/pd/requests/${save.json.id}/submit`)).json.status).toBe("submitted");
    expect((await coord.put(`/api/pd/requests/${world.orgs.schoolA1.id}/2028`, { items: [] })).status).toBe(409);
    expect((await coord.post(`/api/pd/requests/${save.json.id}/decision`, { decision: "approve" })).status).toBe(403);
    const noComment = await admin.post(`/api/pd/requests/${save.json.id}/decision`, { decision: "return" });
    expect(noComment.json.error.message).toContain("Напишите, что исправить");
    expect((await admin.post(`/api/pd/requests/${save.json.id}/decision`, { decision: "return", comment: "Уточните период" })).json.status).toBe("returned");
    await coord.put(`/api/pd/requests/${world.orgs.schoolA1.id}/2028`, { items: [{ personId: world.persons.semenov, programmeId: ids.long, preferredPeriod: "ноябрь" }] });
    await coord.post(`/api/pd/requests/${save.json.id}/submit`);
    expect((await admin.post(`/api/pd/requests/${save.json.id}/decision`, { decision: "approve" })).json.status).toBe("approved");
    const withItems = await admin.get("/api/pd/plan?academicYear=2028");
    const school = withItems.json.organizations.find((o: { organizationId: number }) => o.organizationId === world.orgs.schoolA1.id);
    expect(school.request.status).toBe("approved");
    expect(school.persons.find((p: { personId: number }) => p.personId === world.persons.semenov).item).toMatchObject({ preferredPeriod: "ноябрь" });
    expect((await admin.request("GET", "/api/pd/plan.xlsx?academicYear=2028")).status).toBe(200);
  });

  it("reminds a coordinator of who falls due and of unconfirmed courses", async () => {
    await coord.post(`/api/pd/staff/${world.persons.semenov}/completions`, completion(ids.long, "2026-02-01", "2026-02-10", "enrolled"));
    const res = await coord.get("/api/pd/reminders?asOf=2026-09-01&months=6");
    expect(res.json.unconfirmed).toEqual([expect.objectContaining({ personId: world.persons.semenov, status: "enrolled", dateTo: "2026-02-10" })]);
    // Ершова's last course counting for the rule ended 2026-03-10: not due soon; Семёнов not either.
    expect(res.json.dueSoon).toEqual([]);
    const later = await coord.get("/api/pd/reminders?asOf=2028-06-01&months=6");
    expect(later.json.dueSoon.map((d: { personId: number }) => d.personId)).toContain(world.persons.semenov);
  });
  // Last: its courses would shift the figures the tests above check.
  it("lets a coordinator fix a programme only their own staff took", async () => {
    const own = (await coord.post("/api/pd/programmes", { providerId: ids.irr, title: "Опечатка в назвнии", hours: 24, kind: "upgrade", form: "full_time" })).json.id;
    await coord.post(`/api/pd/staff/${world.persons.semenov}/completions`, completion(own, "2026-04-01", "2026-04-03"));
    const fixed = await coord.put(`/api/pd/programmes/${own}`, { providerId: ids.irr, title: "Опечатка в названии", hours: 24, kind: "upgrade", form: "full_time" });
    expect(fixed.json.title).toBe("Опечатка в названии");
    await admin.post(`/api/pd/staff/${world.persons.ivanova}/completions`, completion(own, "2026-04-01", "2026-04-03"));
    const shared = await coord.put(`/api/pd/programmes/${own}`, { providerId: ids.irr, title: "Другое", hours: 24, kind: "upgrade", form: "full_time" });
    expect(shared.status).toBe(403);
    expect(shared.json.error.message).toContain("работники других организаций");
    const audit = await admin.get(`/api/audit?subjectType=person&subjectId=${world.persons.ivanova}`);
    expect(audit.json.items[0].changes).toEqual(expect.arrayContaining([{ field: "programme", from: null, to: "Опечатка в названии" }]));
  });
});
