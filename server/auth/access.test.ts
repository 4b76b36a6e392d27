import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, DB_TARGETS, openTestDatabase, startTestServer, type TestServer } from "../testing/harness.js";
import { PASSWORD, seedWorld, type World } from "../testing/fixture.js";

describe.each(DB_TARGETS)("access by role and tenant (%s)", (target) => {
  let server: TestServer;
  let world: World;
  let coord: Client;
  let teacher: Client;
  let adminB: Client;
  let region: Client;

  beforeAll(async () => {
    const database = await openTestDatabase(target);
    world = await seedWorld(database.db);
    server = await startTestServer(database);
    coord = await new Client(server.url).login("coord-a1", PASSWORD);
    teacher = await new Client(server.url).login("teacher-a", PASSWORD);
    adminB = await new Client(server.url).login("admin-b", PASSWORD);
    region = await new Client(server.url).login("region-23", PASSWORD);
  });
  afterAll(async () => {
    await server?.close();
    await server?.database.close();
  });

  it("a coordinator lists and exports only the staff of own organisation", async () => {
    const list = await coord.get("/api/staff?asOf=2026-09-01");
    expect(list.json.items.map((i: { id: number }) => i.id).sort()).toEqual([world.persons.semenov, world.persons.ershova].sort());
    // Ershova's kindergarten job is not the coordinator's business.
    const ershova = list.json.items.find((i: { id: number }) => i.id === world.persons.ershova);
    expect(ershova.employments.map((e: { organizationId: number }) => e.organizationId)).toEqual([world.orgs.schoolA1.id]);
    const filtered = await coord.get(`/api/staff?organizationId=${world.orgs.kinderA2.id}`);
    expect(filtered.json.total).toBe(0);
    const exported = await coord.request("GET", "/api/staff/export.xlsx?asOf=2026-09-01");
    expect(exported.status).toBe(200);
  });

  it("a coordinator cannot read or change staff of another organisation or municipality", async () => {
    expect((await coord.get(`/api/staff/${world.persons.ivanova}`)).status).toBe(404);
    expect((await coord.get(`/api/staff/${world.persons.borisov}`)).status).toBe(404);
    const put = await coord.put(`/api/staff/${world.persons.ivanova}`, { surname: "Взлом", name: "Анна" });
    expect(put.status).toBe(404);
    const hire = await coord.post("/api/staff", {
      person: { surname: "Чужой", name: "Иван" },
      employment: { organizationId: world.orgs.kinderA2.id, positionId: world.positions.teacherA.id },
    });
    expect(hire.status).toBe(403);
    const addJob = await coord.post(`/api/staff/${world.persons.semenov}/employments`, {
      organizationId: world.orgs.kinderA2.id,
      positionId: world.positions.teacherA.id,
    });
    expect(addJob.status).toBe(403);
    expect((await coord.get("/api/audit?subjectType=person&subjectId=1")).status).toBe(403);
    expect((await coord.put(`/api/organizations/${world.orgs.kinderA2.id}`, { kind: "preschool", fullName: "x", shortName: "x" })).status).toBe(403);
  });

  it("only the municipal admin edits requisites and reference spellings; the set-up is closed once a municipality exists", async () => {
    const file = new Uint8Array([0x50, 0x4b, 0x03, 0x04]);
    for (const [who, client] of [["coordinator", coord], ["teacher", teacher], ["region viewer", region]] as const) {
      const answers = [
        (await client.get("/api/municipality")).status,
        (await client.put("/api/municipality", { name: "Взлом" })).status,
        (await client.post("/api/references/positions/bulk", { text: "взлом", apply: true })).status,
        (await client.uploadFile("/api/references/subjects/bulk.xlsx?apply=1", "file", file, "list.xlsx")).status,
        (await client.post(`/api/references/positions/${world.positions.teacherA.id}/aliases`, { alias: "взлом" })).status,
        (await client.delete(`/api/references/positions/${world.positions.teacherA.id}/aliases/1`)).status,
      ];
      expect(answers, who).toEqual([403, 403, 403, 403, 403, 403]);
    }
    // Another municipality's value is not found, not forbidden.
    expect((await adminB.post(`/api/references/positions/${world.positions.teacherA.id}/aliases`, { alias: "чужое" })).status).toBe(404);
    expect((await coord.get("/api/setup")).json).toEqual({ needed: false });
    const setup = await new Client(server.url).post("/api/setup", {
      municipality: { code: "x", name: "Захват", regionCode: "23" },
      admin: { login: "hijack", fullName: "Захватов", password: "hijack-password" },
    });
    expect(setup.status).toBe(409);
    expect((await new Client(server.url).post("/api/auth/login", { login: "hijack", password: "hijack-password" })).status).toBe(401);
  });

  it("a teacher sees only the own card and changes nothing", async () => {
    const list = await teacher.get("/api/staff");
    expect(list.json.items.map((i: { id: number }) => i.id)).toEqual([world.persons.semenov]);
    expect((await teacher.get(`/api/staff/${world.persons.semenov}`)).status).toBe(200);
    expect((await teacher.get(`/api/staff/${world.persons.ershova}`)).status).toBe(404);
    expect((await teacher.request("GET", "/api/staff/export.xlsx")).status).toBe(403);
    const change = await teacher.put(`/api/staff/${world.persons.semenov}`, { surname: "Семёнов", name: "Павел" });
    expect(change.status).toBe(403);
    expect((await teacher.get("/api/users")).status).toBe(403);
  });

  it("municipalities never see each other", async () => {
    const list = await adminB.get("/api/staff");
    expect(list.json.items.map((i: { id: number }) => i.id)).toEqual([world.persons.borisov]);
    expect((await adminB.get(`/api/staff/${world.persons.semenov}`)).status).toBe(404);
    expect((await adminB.get(`/api/organizations/${world.orgs.schoolA1.id}`)).status).toBe(404);
    const orgs = await adminB.get("/api/organizations");
    expect(orgs.json.items.map((o: { id: number }) => o.id)).toEqual([world.orgs.schoolB1.id]);
    const sneak = await adminB.post(`/api/staff/${world.persons.borisov}/employments`, {
      organizationId: world.orgs.schoolA1.id,
      positionId: world.positions.teacherB.id,
    });
    expect(sneak.status).toBe(400);
    expect((await adminB.get(`/api/audit?subjectType=person&subjectId=${world.persons.semenov}`)).json.items).toEqual([]);
  });

  it("a region viewer reads aggregates of its region, never personal rows", async () => {
    expect((await region.get("/api/staff")).status).toBe(403);
    expect((await region.get(`/api/staff/${world.persons.semenov}`)).status).toBe(403);
    expect((await region.get("/api/organizations")).status).toBe(403);
    const report = await region.get("/api/reports/staff-composition?asOf=2026-09-01");
    expect(report.status).toBe(200);
    expect(report.json.municipalities.map((m: { code: string }) => m.code).sort()).toEqual(["a", "b"]);
  });

  it("slows password guessing down (server/auth/login-limits.test.ts has the details)", async () => {
    const guesser = new Client(server.url);
    for (let i = 0; i < 3; i++) expect((await guesser.post("/api/auth/login", { login: "admin-b", password: "wrong" })).status).toBe(401);
    const blocked = await guesser.post("/api/auth/login", { login: "admin-b", password: PASSWORD });
    expect(blocked.status).toBe(429);
    expect(blocked.json.error.message).toContain("Слишком много неудачных попыток");
    expect(Number(blocked.res.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("logout ends the session", async () => {
    const c = await new Client(server.url).login("teacher-a", PASSWORD);
    expect((await c.get("/api/auth/me")).status).toBe(200);
    await c.post("/api/auth/logout");
    const raw = await fetch(`${server.url}/api/auth/me`);
    expect(raw.status).toBe(401);
  });
});
