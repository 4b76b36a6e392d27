import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, DB_TARGETS, openTestDatabase, startTestServer, type TestServer } from "../../testing/harness.js";
import { PASSWORD, seedWorld, type World } from "../../testing/fixture.js";

describe.each(DB_TARGETS)("organisations registry over HTTP (%s)", (target) => {
  let server: TestServer;
  let world: World;
  let admin: Client;

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

  const valid = {
    kind: "school",
    fullName: "Муниципальное бюджетное общеобразовательное учреждение гимназия № 5",
    shortName: "МБОУ гимназия № 5",
    inn: "7707083893",
    ogrn: "1027700132195",
    address: "г. Тестовск, ул. Школьная, 5",
    headName: "Директорова Ольга Павловна",
    phone: "+7 (861) 400-00-05",
    email: "school5@example.org",
  };

  it("creates, edits, archives and restores an organisation, auditing each step", async () => {
    const created = await admin.post("/api/organizations", valid);
    expect(created.status).toBe(201);
    const id = created.json.id;
    const edited = await admin.put(`/api/organizations/${id}`, { ...valid, phone: "+7 (861) 400-00-06" });
    expect(edited.json.phone).toBe("+7 (861) 400-00-06");
    expect((await admin.post(`/api/organizations/${id}/archive`)).json.archivedAt).not.toBeNull();
    const list = await admin.get("/api/organizations");
    expect(list.json.items.map((o: { id: number }) => o.id)).not.toContain(id);
    const withArchived = await admin.get("/api/organizations?includeArchived=true");
    expect(withArchived.json.items.map((o: { id: number }) => o.id)).toContain(id);
    await admin.post(`/api/organizations/${id}/restore`);
    const audit = await admin.get(`/api/audit?subjectType=organization&subjectId=${id}`);
    expect(audit.json.items.map((a: { action: string }) => a.action)).toEqual(["restore", "archive", "update", "create"]);
    expect(audit.json.items[2].changes).toEqual([{ field: "phone", from: "+7 (861) 400-00-05", to: "+7 (861) 400-00-06" }]);
  });

  it("lists organisations in natural order: «№ 5», «№ 12», «№ 40»", async () => {
    for (const shortName of ["МБОУ СОШ № 40", "МБОУ СОШ № 5", "МБОУ СОШ № 12"]) {
      const res = await admin.post("/api/organizations", { kind: "school", fullName: `Муниципальное бюджетное общеобразовательное учреждение ${shortName}`, shortName });
      expect(res.status).toBe(201);
    }
    const schools = (await admin.get("/api/organizations?kind=school")).json.items.map((o: { shortName: string }) => o.shortName);
    expect(schools.filter((n: string) => n.startsWith("МБОУ СОШ"))).toEqual(["МБОУ СОШ № 1", "МБОУ СОШ № 5", "МБОУ СОШ № 12", "МБОУ СОШ № 40"]);
    const found = (await admin.get("/api/organizations?q=СОШ")).json.items.map((o: { shortName: string }) => o.shortName);
    expect(found).toEqual(["МБОУ СОШ № 1", "МБОУ СОШ № 5", "МБОУ СОШ № 12", "МБОУ СОШ № 40"]);
  });

  it("rejects bad checksums with Russian messages and writes nothing", async () => {
    const before = (await admin.get("/api/organizations?includeArchived=true")).json.items.length;
    const res = await admin.post("/api/organizations", { ...valid, inn: "7707083894", ogrn: "1027700132196", email: "нет" });
    expect(res.status).toBe(400);
    expect(res.json.error.message).toContain("ИНН: неверная контрольная сумма");
    expect(res.json.error.message).toContain("ОГРН: неверная контрольная сумма");
    expect(res.json.error.message).toContain("электронной почты");
    const after = (await admin.get("/api/organizations?includeArchived=true")).json.items.length;
    expect(after).toBe(before);
  });

  it("keeps statuses with periods, ШНОР per academic year", async () => {
    const id = world.orgs.schoolA1.id;
    const add = await admin.post(`/api/organizations/${id}/statuses`, {
      kind: "low_results",
      validFrom: "2025-09-01",
      validTo: "2026-08-31",
    });
    expect(add.status).toBe(201);
    const noLevel = await admin.post(`/api/organizations/${id}/statuses`, { kind: "innovation_site", validFrom: "2025-09-01" });
    expect(noLevel.status).toBe(400);
    expect(noLevel.json.error.message).toContain("укажите уровень");
    const backwards = await admin.post(`/api/organizations/${id}/statuses`, {
      kind: "internship_site",
      validFrom: "2025-09-01",
      validTo: "2025-01-01",
    });
    expect(backwards.status).toBe(400);
    const card = await admin.get(`/api/organizations/${id}`);
    expect(card.json.statuses).toEqual([
      expect.objectContaining({ kind: "low_results", validFrom: "2025-09-01", validTo: "2026-08-31" }),
    ]);
  });

  it("counts staff employed on a date", async () => {
    const res = await admin.get("/api/organizations?asOf=2026-09-01&kind=school");
    const school = res.json.items.find((o: { id: number }) => o.id === world.orgs.schoolA1.id);
    // Семёнов and the part-time Ершова; the teacher dismissed in 2025 no longer counts.
    expect(school.staffCount).toBe(2);
    const kinder = await admin.get(`/api/organizations/${world.orgs.kinderA2.id}?asOf=2026-09-01`);
    expect(kinder.json.staffCount).toBe(2);
    const earlier = await admin.get(`/api/organizations?asOf=2025-01-01&kind=school`);
    expect(earlier.json.items.find((o: { id: number }) => o.id === world.orgs.schoolA1.id).staffCount).toBe(3);
  });

  it("lets the municipal admin keep reference lists", async () => {
    const add = await admin.post("/api/references/subjects", { name: "основы православной культуры", isRegional: true });
    expect(add.status).toBe(201);
    const dup = await admin.post("/api/references/subjects", { name: "основы православной культуры" });
    expect(dup.status).toBe(409);
    expect(dup.json.error.message).toBe("Такой предмет уже есть в справочнике");
    const renamed = await admin.put(`/api/references/subjects/${add.json.id}`, { name: "ОПК", archived: true });
    expect(renamed.json).toMatchObject({ name: "ОПК", archived: true, isRegional: true });
    const coord = await new Client(server.url).login("coord-a1", PASSWORD);
    expect((await coord.post("/api/references/positions", { name: "тьютор" })).status).toBe(403);
    expect((await coord.get("/api/references/positions")).json.items.length).toBeGreaterThan(0);
  });

  it("manages users: creates, disables and ends the sessions of a disabled user", async () => {
    const created = await admin.post("/api/users", {
      login: "coord-a2",
      fullName: "Заместитель д/с № 2",
      role: "org_coordinator",
      organizationId: world.orgs.kinderA2.id,
      password: "password-123",
    });
    expect(created.status).toBe(201);
    const noOrg = await admin.post("/api/users", { login: "x1", fullName: "X", role: "org_coordinator", password: "password-123" });
    expect(noOrg.status).toBe(400);
    expect(noOrg.json.error.message).toContain("Координатору нужно указать организацию");
    const foreignOrg = await admin.post("/api/users", {
      login: "x2", fullName: "X", role: "org_coordinator", organizationId: world.orgs.schoolB1.id, password: "password-123",
    });
    expect(foreignOrg.status).toBe(400);
    const c = await new Client(server.url).login("coord-a2", "password-123");
    expect((await c.get("/api/staff")).json.total).toBe(2);
    await admin.put(`/api/users/${created.json.id}`, {
      login: "coord-a2", fullName: "Заместитель д/с № 2", role: "org_coordinator", organizationId: world.orgs.kinderA2.id, disabled: true,
    });
    expect((await c.get("/api/staff")).status).toBe(401);
  });

  it("serves health and the OpenAPI document", async () => {
    const health = await new Client(server.url).get("/api/health");
    expect(health.json).toEqual({ status: "ok", database: target });
    const doc = await new Client(server.url).get("/api/openapi.json");
    expect(doc.json.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.json.paths)).toEqual(expect.arrayContaining(["/api/staff", "/api/organizations/{id}"]));
    const missing = await new Client(server.url).get("/api/nothing-here");
    expect(missing.status).toBe(404);
    expect(missing.json.error.code).toBe("not_found");
  });
});
