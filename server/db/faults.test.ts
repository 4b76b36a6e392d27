// The PostgreSQL server kills the app's connections in the middle of writes and imports: the
// requests in flight answer 503 and change nothing, the process lives, the next request works.
import { sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, DB_TARGETS, openTestDatabase, startTestServer, type TestServer } from "../testing/harness.js";
import { PASSWORD, seedWorld, type World } from "../testing/fixture.js";
import { queryRows } from "./client.js";

describe.each(DB_TARGETS.filter((t) => t === "postgres"))("database connections dying under load (%s)", (target) => {
  let server: TestServer;
  let world: World;
  let admin: Client;
  let dbName: string;

  beforeAll(async () => {
    const database = await openTestDatabase(target);
    world = await seedWorld(database.db);
    server = await startTestServer(database);
    admin = await new Client(server.url).login("admin-a", PASSWORD);
    [{ name: dbName }] = await queryRows<{ name: string }>(database.db, sql`select current_database() as name`);
  });
  afterAll(async () => {
    await server?.close();
    await server?.database.close();
  });

  /** Terminates every connection of the app's database, again and again, until stopped. */
  async function killer() {
    const conn = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await conn.connect();
    let running = true;
    let kills = 0;
    const loop = (async () => {
      while (running) {
        const r = await conn.query("select count(pg_terminate_backend(pid))::int as n from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()", [dbName]);
        kills += r.rows[0].n;
        await new Promise((resolve) => setTimeout(resolve, 15));
      }
    })();
    return {
      async stop() {
        running = false;
        await loop;
        await conn.end();
        // The pool notices connections closed while idle, then serves fresh ones.
        await new Promise((resolve) => setTimeout(resolve, 300));
        return kills;
      },
    };
  }

  const count = async (table: string) => (await queryRows<{ n: number }>(server.database.db, sql`select count(*)::int as n from ${sql.identifier(table)}`))[0].n;

  it("answers 503 to writes whose connection dies, keeps the data as it was, and serves the next request", async () => {
    const id = world.persons.ivanova;
    const before = await admin.get(`/api/staff/${id}`);
    expect(before.status).toBe(200);
    const kill = await killer();
    const statuses: number[] = [];
    const written: string[] = [];
    for (let i = 0; i < 40; i++) {
      const phone = `+7 900 000-00-${String(i).padStart(2, "0")}`;
      const res = await admin.put(`/api/staff/${id}`, { surname: before.json.surname, name: before.json.name, patronymic: before.json.patronymic, birthDate: before.json.birthDate, phone });
      statuses.push(res.status);
      if (res.status === 200) written.push(phone);
      else expect(res.json.error.message).toContain("Связь с базой данных прервалась");
    }
    const kills = await kill.stop();
    expect(kills).toBeGreaterThan(0);
    expect(statuses.every((s) => s === 200 || s === 503 || s === 401)).toBe(true);
    expect(statuses).toContain(503);
    // The next request works, and the card holds the last phone that was answered 200 (or the old one).
    const after = await admin.get(`/api/staff/${id}`);
    expect(after.status).toBe(200);
    expect(after.json.phone).toBe(written.at(-1) ?? before.json.phone);
  });

  it("loses an import whose connection dies as a whole, and the process lives", async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => `Обрывов${String.fromCharCode(1072 + (i % 30))} Иван Петрович;${String(1 + (i % 28)).padStart(2, "0")}.0${1 + (i % 9)}.19${60 + (i % 39)};МБОУ СОШ № 1;учитель`);
    const csv = `ФИО;Дата рождения;ОО;Должность\n${rows.join("\n")}\n`;
    const personsBefore = await count("persons");
    let outcomes = 0;
    for (let attempt = 0; attempt < 3 && outcomes === 0; attempt++) {
      const up = await admin.uploadFile("/api/imports?kind=staff", "file", Buffer.from(csv), "обрыв.csv");
      expect(up.status).toBe(201);
      const { id } = up.json as { id: number };
      const kill = await killer();
      const res = await admin.post(`/api/imports/${id}/run`, {});
      await kill.stop();
      if (res.status === 503) {
        // All or nothing: not one person of the file was written.
        expect(await count("persons")).toBe(personsBefore);
        outcomes++;
      } else {
        // The import finished before a kill reached it: then it is whole.
        expect(res.status, JSON.stringify(res.json)).toBe(200);
        expect(await count("persons")).toBe(personsBefore + 3000);
        return;
      }
    }
    const health = await admin.get("/api/health");
    expect(health.status).toBe(200);
    expect((await admin.get("/api/staff?limit=5")).status).toBe(200);
  });
});
