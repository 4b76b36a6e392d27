import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, openTestDatabase, startTestServer, type TestServer } from "./testing/harness.js";
import { PASSWORD, seedWorld } from "./testing/fixture.js";

describe("bad input gets a Russian 4xx, never a 500", () => {
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

  const raw = (method: string, path: string, body: string, type = "application/json") =>
    admin.sendRaw(method, path, body, type);

  it.each([
    ["malformed JSON", () => raw("POST", "/api/organizations", "{not json")],
    ["a body of the wrong type", () => raw("POST", "/api/organizations", "kind=school", "text/plain")],
    ["an array instead of an object", () => raw("POST", "/api/staff", "[]")],
    ["a non-numeric id", () => admin.get("/api/staff/abc")],
    ["an impossible date filter", () => admin.get("/api/staff?asOf=2026-02-30")],
    ["an unknown enum value", () => admin.get("/api/staff?category=super")],
    ["a page size over the limit", () => admin.get("/api/staff?pageSize=100000")],
    ["an id that does not exist", () => admin.get("/api/staff/999999")],
    ["a NUL byte in a text field", () => admin.post("/api/references/subjects", { name: "Химия\u0000" })],
    ["a reference to a missing organisation", () => admin.post("/api/staff", { person: { surname: "Тест", name: "Тест" }, employment: { organizationId: 999999, positionId: 1 } })],
  ])("%s", async (_name, send) => {
    const res = await send();
    const status = "status" in res ? res.status : 0;
    const json = "json" in res && typeof res.json !== "function" ? res.json : await (res as Response).json();
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(500);
    expect(json.error.message).toMatch(/[а-яА-Я]/);
    expect(Array.isArray(json.error.details)).toBe(true);
  });
});
