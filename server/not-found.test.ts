// Issue «Trust»: records outside the actor's scope answer exactly as missing ones; ids beyond the
// database's integer answer 404; a wrong method on a known path answers 405 with Allow.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, DB_TARGETS, openTestDatabase, startTestServer, type TestServer } from "./testing/harness.js";
import { PASSWORD, seedWorld, type World } from "./testing/fixture.js";
import { systemActor } from "./auth/policies.js";
import { attachScan } from "./modules/pd/completions.js";
import { createImport, runImport } from "./imports/engine.js";

const MISSING = 999_999;

/** The answer as bytes: status and body text exactly as sent. */
async function raw(base: string, client: Client, method: string, path: string, body?: unknown) {
  const res = await fetch(base + path, {
    method,
    headers: { cookie: client.cookieHeader, ...(body !== undefined ? { "content-type": "application/json" } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, text: await res.text() };
}
const HUGE = "9007199254740990";

describe.each(DB_TARGETS)("uniform «not found» (%s)", (target) => {
  let server: TestServer;
  let world: World;
  let admin: Client;
  let coord: Client;
  let adminB: Client;
  // Records of another school (the kindergarten) or of another coordinator.
  const other = { employment: 0, partTimeJob: 0, education: 0, category: 0, course: 0, scanlessCourse: 0, request: 0, import: 0 };
  let ownImport = 0;

  beforeAll(async () => {
    const database = await openTestDatabase(target);
    world = await seedWorld(database.db);
    server = await startTestServer(database);
    admin = await new Client(server.url).login("admin-a", PASSWORD);
    coord = await new Client(server.url).login("coord-a1", PASSWORD);
    adminB = await new Client(server.url).login("admin-b", PASSWORD);

    const ivanova = (await admin.get(`/api/staff/${world.persons.ivanova}`)).json;
    other.employment = ivanova.employments[0].id;
    other.education = ivanova.educations[0].id;
    other.category = ivanova.categories[0].id;
    // Ershova works in both: her kindergarten job is not the school coordinator's to see.
    const ershova = (await admin.get(`/api/staff/${world.persons.ershova}`)).json;
    other.partTimeJob = ershova.employments.find((e: { organizationId: number }) => e.organizationId === world.orgs.kinderA2.id).id;

    const provider = (await admin.post("/api/pd/providers", { name: "Институт развития образования", shortName: "ИРО", kind: "regional_institute", inn: null, region: null, aliases: [] })).json;
    const programme = (
      await admin.post("/api/pd/programmes", {
        providerId: provider.id, title: "Функциональная грамотность", hours: 72, kind: "upgrade", pedagogical: false, form: "full_time",
        federalRegister: false, federalRegisterId: null, topics: [], targetPositionIds: [],
      })
    ).json;
    const course = { programmeId: programme.id, dateFrom: "2025-03-01", dateTo: "2025-03-20", status: "completed", certificateKind: "certificate", orderNumber: null, orderDate: null, motivation: null };
    const added = await admin.post(`/api/pd/staff/${world.persons.ivanova}/completions`, course);
    expect(added.status).toBe(201);
    other.course = added.json.id;
    other.scanlessCourse = (await admin.post(`/api/pd/staff/${world.persons.ivanova}/completions`, { ...course, dateFrom: "2024-03-01", dateTo: "2024-03-20" })).json.id;
    await attachScan(database.db, {
      actor: systemActor(world.municipalities.a.id),
      completionId: other.course,
      fileName: "scan.pdf",
      file: Buffer.from("%PDF-1.4\n%%EOF\n"),
    });
    const request = await admin.put(`/api/pd/requests/${world.orgs.kinderA2.id}/2026`, { items: [] });
    expect(request.status).toBe(200);
    other.request = request.json.id;

    const csv = Buffer.from("ФИО;Дата рождения;ОО;Должность\nИванова Анна Сергеевна;01.06.1975;МБДОУ д/с № 2;учитель\n");
    const adminActor = (await admin.get("/api/auth/me")).json.user;
    const asUser = (login: string, role: "municipal_admin" | "org_coordinator", userId: number, organizationId: number | null) => ({
      userId, login, fullName: login, role, municipalityId: world.municipalities.a.id, regionCode: null, organizationId, personId: null,
    });
    const byAdmin = asUser("admin-a", "municipal_admin", adminActor.id, null);
    other.import = (await createImport(database.db, { actor: byAdmin, kind: "staff", fileName: "admin.csv", file: csv })).id;
    // A check run leaves its progress in memory: /progress answers from there.
    await runImport(database.db, { actor: byAdmin, importId: other.import, dryRun: true, skipInvalid: true });
    const coordActor = (await coord.get("/api/auth/me")).json.user;
    ownImport = (await createImport(database.db, { actor: asUser("coord-a1", "org_coordinator", coordActor.id, world.orgs.schoolA1.id), kind: "staff", fileName: "own.csv", file: csv })).id;
  });
  afterAll(async () => {
    await server?.close();
    await server?.database.close();
  });


  const employment = () => ({ organizationId: world.orgs.schoolA1.id, positionId: world.positions.teacherA.id, subjectIds: [], isMain: true, hireDate: "2020-09-01", dismissalDate: null });
  const education = { level: "higher", isPedagogical: true, institution: null, graduationYear: 2000, speciality: null };
  const course = () => ({ programmeId: 1, dateFrom: "2025-01-01", dateTo: "2025-01-10", status: "completed", certificateKind: "certificate", orderNumber: null, orderDate: null, motivation: null });

  // [what, method, path with {id}, the id of another school's record, body]
  const cases: [string, string, string, () => number, (() => unknown)?][] = [
    ["a card", "GET", "/api/staff/{id}", () => world.persons.ivanova],
    ["a card of another municipality", "GET", "/api/staff/{id}", () => world.persons.borisov],
    ["personal data", "PUT", "/api/staff/{id}", () => world.persons.ivanova, () => ({ surname: "Взлом", name: "Анна" })],
    ["a place of work", "PUT", "/api/employments/{id}", () => other.employment, employment],
    ["a part-timer's other place of work", "PUT", "/api/employments/{id}", () => other.partTimeJob, employment],
    ["a dismissal", "POST", "/api/employments/{id}/dismiss", () => other.employment, () => ({ dismissalDate: "2026-01-01" })],
    ["an education record", "PUT", "/api/staff/educations/{id}", () => other.education, () => education],
    ["a category record", "DELETE", "/api/staff/categories/{id}", () => other.category],
    ["a new record on a card", "POST", "/api/staff/{id}/educations", () => world.persons.ivanova, () => education],
    ["courses of a card", "GET", "/api/pd/staff/{id}", () => world.persons.ivanova],
    ["a course", "PUT", "/api/pd/completions/{id}", () => other.course, course],
    ["a course deleted", "DELETE", "/api/pd/completions/{id}", () => other.course],
    ["a certificate scan", "GET", "/api/pd/completions/{id}/scan", () => other.course],
    ["a scan of a course without one", "GET", "/api/pd/completions/{id}/scan", () => other.scanlessCourse],
    ["a course request", "POST", "/api/pd/requests/{id}/submit", () => other.request],
    ["an upload", "GET", "/api/imports/{id}", () => other.import],
    ["an upload's progress", "GET", "/api/imports/{id}/progress", () => other.import],
    ["an upload's rejected rows", "GET", "/api/imports/{id}/rejected.xlsx", () => other.import],
  ];

  it.each(cases)("a coordinator gets the same 404 for another school's and a missing record: %s", async (_what, method, path, id, body) => {
    const answers = await Promise.all(
      [id(), MISSING, HUGE].map((x) => raw(server.url, coord, method, path.replace("{id}", String(x)), body?.())),
    );
    expect(answers[0].status).toBe(404);
    expect(answers[0].text).not.toContain(String(id()));
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
    expect(JSON.parse(answers[0].text).error.code).toBe("not_found");
  });

  it("the same routes answer the records in scope (the cases above test scope, not broken routes)", async () => {
    expect((await admin.get(`/api/pd/completions/${other.course}/scan`)).status).toBe(200);
    expect((await admin.get(`/api/imports/${other.import}/progress`)).json.progress).toMatchObject({ phase: "done" });
    expect((await coord.get(`/api/imports/${ownImport}/progress`)).json).toEqual({ progress: null });
    expect((await coord.get(`/api/imports/${ownImport}`)).status).toBe(200);
    expect((await coord.get(`/api/staff/${world.persons.ershova}`)).status).toBe(200);
  });

  it("another municipality's organisation answers as a missing one", async () => {
    const foreign = await raw(server.url, adminB, "GET", `/api/organizations/${world.orgs.schoolA1.id}`);
    expect(foreign.status).toBe(404);
    expect(await raw(server.url, adminB, "GET", `/api/organizations/${MISSING}`)).toEqual(foreign);
    expect(JSON.parse(foreign.text).error.message).toBe("Организация не найдена");
  });

  it("a duplicate tells a coordinator no id of another school's person", async () => {
    const hire = (person: Record<string, unknown>) =>
      coord.post("/api/staff", {
        person: { surname: "Иванова", name: "Анна", patronymic: "Сергеевна", birthDate: "1975-06-01", ...person },
        employment: employment(),
      });
    const twin = await hire({});
    expect(twin.status).toBe(409);
    expect(twin.json.error).toEqual({
      code: "conflict",
      message: "Педагог с такими ФИО и датой рождения уже есть в реестре муниципалитета. Если это совместитель, место работы в вашей организации добавит методист муниципалитета.",
      details: [{ field: "person.surname", message: "Дубликат педагога" }],
    });
    // The admin, who may open the card, is pointed at it.
    const forAdmin = await admin.post("/api/staff", {
      person: { surname: "Иванова", name: "Анна", patronymic: "Сергеевна", birthDate: "1975-06-01" },
      employment: employment(),
    });
    expect(forAdmin.json.error.details[0].value).toBe(world.persons.ivanova);

    const card = (await admin.get(`/api/staff/${world.persons.ivanova}`)).json;
    const snils = "112-233-445 95";
    const { surname, name, patronymic, birthDate, gender, phone, email, pedWorkStart } = card;
    expect((await admin.put(`/api/staff/${world.persons.ivanova}`, { surname, name, patronymic, birthDate, gender, phone, email, pedWorkStart, snils })).status).toBe(200);
    const sameSnils = await hire({ surname: "Другая", birthDate: "1990-01-01", snils });
    expect(sameSnils.status).toBe(409);
    expect(sameSnils.json.error).toEqual({ code: "conflict", message: "Педагог с таким СНИЛС уже есть в реестре муниципалитета", details: [] });
  });
});

describe("ids and methods", () => {
  let server: TestServer;
  let admin: Client;
  beforeAll(async () => {
    const database = await openTestDatabase("pglite");
    await seedWorld(database.db);
    server = await startTestServer(database);
    admin = await new Client(server.url).login("admin-a", PASSWORD);
  });
  afterAll(async () => {
    await server?.close();
    await server?.database.close();
  });

  it.each([
    ["GET", "/api/staff/{id}"],
    ["PUT", "/api/organizations/{id}"],
    ["GET", "/api/imports/{id}/progress"],
    ["DELETE", "/api/references/positions/1/aliases/{id}"],
    ["PUT", "/api/pd/requests/{id}/2026"],
  ])("an id beyond the database's integer answers as a missing one: %s %s", async (method, path) => {
    const body = method === "PUT" ? (path.includes("requests") ? { items: [] } : { kind: "school", fullName: "Школа", shortName: "Школа" }) : undefined;
    const send = (id: string) => raw(server.url, admin, method, path.replace("{id}", id), body);
    const missing = await send(String(MISSING));
    expect(missing.status).toBe(404);
    for (const id of ["2147483648", HUGE, "99999999999999999999999999"]) expect(await send(id)).toEqual(missing);
  });

  it("the OpenAPI document still describes id parameters", async () => {
    const doc = await new Client(server.url).get("/api/openapi.json");
    expect(doc.status).toBe(200);
    const param = doc.json.paths["/api/staff/{id}"].get.parameters.find((p: { name: string }) => p.name === "id");
    expect(param).toMatchObject({ in: "path", required: true, schema: { type: "string" } });
  });

  it("ids that are no positive integers are refused with 400", async () => {
    for (const id of ["0", "-1", "abc", "1.5"]) {
      const res = await admin.get(`/api/staff/${id}`);
      expect(res.status, id).toBe(400);
      expect(res.json.error.message).toMatch(/[а-я]/);
    }
  });

  it("a wrong method on a known path answers 405 with Allow; an unknown path 404", async () => {
    const card = await admin.request("DELETE", "/api/staff/1");
    expect(card.status).toBe(405);
    expect(card.res.headers.get("allow")?.split(", ").sort()).toEqual(["GET", "HEAD", "PUT"]);
    expect(card.json.error).toEqual({
      code: "method_not_allowed",
      message: `Метод DELETE не поддерживается по этому адресу. Допустимые методы: ${card.res.headers.get("allow")}`,
      details: [],
    });
    const login = await admin.get("/api/auth/login");
    expect(login.status).toBe(405);
    expect(login.res.headers.get("allow")).toBe("POST");
    const list = await admin.request("PATCH", "/api/organizations?kind=school", {});
    expect(list.status).toBe(405);
    expect(list.res.headers.get("allow")?.split(", ")).toContain("POST");
    // Even without a session: the route table is public (OpenAPI) anyway.
    expect((await fetch(`${server.url}/api/staff/export.xlsx`, { method: "POST" })).status).toBe(405);
    const unknown = await admin.request("DELETE", "/api/nothing/here");
    expect(unknown.status).toBe(404);
    expect(unknown.json.error.message).toBe("Адрес не найден");
  });
});
