import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { queryRows } from "../../db/client.js";
import { AppError } from "../../errors.js";
import { Client, DB_TARGETS, openTestDatabase, startTestServer, type TestServer } from "../../testing/harness.js";
import { municipalityCreateCommand } from "../../cli/municipality.js";
import { standardCounts } from "../references/standard.js";
import { createMunicipality, generateOneTimePassword } from "./service.js";

const setupBody = {
  municipality: {
    code: "lesnoy",
    name: "Лесной муниципальный округ",
    regionCode: "66",
    departmentName: "Управление образования администрации Лесного муниципального округа",
    address: "624200, г. Лесной, ул. Ленина, 1",
    phone: "+7 (34342) 6-00-00",
    email: "uo@lesnoy.example.org",
    inn: "7707083893",
    signatoryTitle: "Начальник управления образования",
    signatoryName: "Петрова Анна Сергеевна",
  },
  admin: { login: "metodist", fullName: "Иванова Мария Петровна", password: "first-admin-pass" },
};

describe.each(DB_TARGETS)("a real municipality from day one (%s)", (target) => {
  let server: TestServer;
  const rows = <T>(statement: ReturnType<typeof sql>) => queryRows<T>(server.database.db, statement);

  beforeAll(async () => {
    server = await startTestServer(await openTestDatabase(target));
  });
  afterAll(async () => {
    await server?.close();
    await server?.database.close();
  });

  it("an empty installation asks for the set-up, refuses bad input in Russian, creates everything and signs the admin in", async () => {
    const anonymous = new Client(server.url);
    expect((await anonymous.get("/api/setup")).json).toEqual({ needed: true });

    const bad = await anonymous.post("/api/setup", {
      municipality: { ...setupBody.municipality, code: "лесной", inn: "1234567890", email: "нет" },
      admin: { login: "методист", fullName: "", password: "short" },
    });
    expect(bad.status).toBe(400);
    const fields = Object.fromEntries(bad.json.error.details.map((d: { field: string; message: string }) => [d.field, d.message]));
    expect(fields["municipality.code"]).toContain("латинские буквы");
    expect(fields["municipality.inn"]).toContain("ИНН");
    expect(fields["municipality.email"]).toContain("электронной почты");
    expect(fields["admin.login"]).toContain("Логин");
    expect(fields["admin.fullName"]).toContain("ФИО");
    expect(fields["admin.password"]).toBe("Поле «Пароль»: не короче 8 символов");
    expect((await anonymous.get("/api/setup")).json.needed).toBe(true);

    const admin = new Client(server.url);
    const done = await admin.post("/api/setup", setupBody);
    expect(done.status, JSON.stringify(done.json)).toBe(201);
    expect(done.json.user).toMatchObject({ login: "metodist", role: "municipal_admin", mustChangePassword: false });
    expect(done.json.counts).toEqual(standardCounts());
    // The set-up signed the admin in: the session works at once, with no forced change.
    const me = await admin.get("/api/auth/me");
    expect(me.json.user).toMatchObject({ fullName: "Иванова Мария Петровна", municipality: { code: "lesnoy", name: "Лесной муниципальный округ" } });
    expect((await admin.get("/api/staff")).status).toBe(200);
    const requisites = await admin.get("/api/municipality");
    expect(requisites.json).toMatchObject({ code: "lesnoy", regionCode: "66", inn: "7707083893", signatoryName: "Петрова Анна Сергеевна" });

    // Once there is a municipality, the set-up is closed for good.
    expect((await anonymous.get("/api/setup")).json).toEqual({ needed: false });
    const again = await anonymous.post("/api/setup", { ...setupBody, municipality: { ...setupBody.municipality, code: "other" }, admin: { ...setupBody.admin, login: "intruder" } });
    expect(again.status).toBe(409);
    expect(again.json.error.message).toContain("Первоначальная настройка уже выполнена");
    expect(await rows(sql`select login from users where login = 'intruder'`)).toEqual([]);

    // The standard lists are there, with their other spellings.
    const positions = await admin.get("/api/references/positions");
    expect(positions.json.items).toHaveLength(standardCounts().positions);
    const head = positions.json.items.find((p: { name: string }) => p.name === "руководитель");
    expect(head.isManagement).toBe(true);
    expect(head.aliases.map((a: { alias: string }) => a.alias).sort()).toEqual(["директор", "заведующая", "заведующий"]);
    const subjects = await admin.get("/api/references/subjects");
    const primary = subjects.json.items.find((s: { name: string }) => s.name === "начальные классы");
    expect(primary.aliases.map((a: { alias: string }) => a.alias)).toContain("начальных классов");
    const providers = await admin.get("/api/pd/providers");
    expect(providers.status).toBe(200);
    const academy = providers.json.items.find((p: { shortName: string }) => p.shortName === "ФГАОУ ДПО «Академия Минпросвещения России»");
    expect(academy.kind).toBe("federal");

    const [audit] = await rows<{ user_id: number; after: { code: string; standardLists: { positions: number } } }>(
      sql`select user_id, after from audit_log where entity_type = 'municipality' and action = 'create'`,
    );
    expect(audit.after.code).toBe("lesnoy");
    expect(audit.after.standardLists.positions).toBe(standardCounts().positions);
    expect(audit.user_id).toBe(done.json.user.id);
  });

  it("the admin edits the requisites later, audited, with the same Russian checks", async () => {
    const admin = await new Client(server.url).login("metodist", "first-admin-pass");
    const bad = await admin.put("/api/municipality", { name: "", inn: "123", phone: "звоните" });
    expect(bad.status).toBe(400);
    expect(bad.json.error.message).toContain("Название муниципалитета");
    expect(bad.json.error.message).toContain("ИНН");
    const saved = await admin.put("/api/municipality", {
      ...setupBody.municipality,
      code: "ignored",
      name: "Лесной городской округ",
      signatoryName: "Сидорова Ольга Ивановна",
      address: "",
    });
    expect(saved.status, JSON.stringify(saved.json)).toBe(200);
    expect(saved.json).toMatchObject({ code: "lesnoy", name: "Лесной городской округ", signatoryName: "Сидорова Ольга Ивановна", address: null });
    expect((await admin.get("/api/auth/me")).json.user.municipality.name).toBe("Лесной городской округ");
    const [audit] = await rows<{ before: { signatoryName: string }; after: { signatoryName: string } }>(
      sql`select before, after from audit_log where entity_type = 'municipality' and action = 'update' order by id desc limit 1`,
    );
    expect(audit.before.signatoryName).toBe("Петрова Анна Сергеевна");
    expect(audit.after.signatoryName).toBe("Сидорова Ольга Ивановна");
  });

  it("creates a municipality through the service, with a known alias, and refuses a duplicate code with 409", async () => {
    const created = await createMunicipality(server.database.db, { code: "svc", name: "Сервисный район", regionCode: "23" });
    expect(created.counts).toEqual(standardCounts());
    expect(created.admin).toBeNull();
    const [logoped] = await rows<{ name: string }>(
      sql`select p.name from position_aliases a join positions p on p.id = a.position_id
          where a.municipality_id = ${created.municipality.id} and a.alias_key = 'логопед'`,
    );
    expect(logoped.name).toBe("учитель-логопед");
    const [{ n }] = await rows<{ n: number }>(sql`select count(*)::int as n from subjects where municipality_id = ${created.municipality.id}`);
    expect(n).toBe(standardCounts().subjects);

    const duplicate = await createMunicipality(server.database.db, { code: "svc", name: "Другой" }).catch((e: unknown) => e);
    expect(duplicate).toBeInstanceOf(AppError);
    expect((duplicate as AppError).status).toBe(409);
    expect((duplicate as AppError).message).toBe("Муниципалитет с кодом «svc» уже есть: выберите другой код");
    const badCode = await createMunicipality(server.database.db, { code: "с пробелом", name: "X", regionCode: "1" }).catch((e: unknown) => e);
    expect((badCode as AppError).status).toBe(400);
    expect((badCode as AppError).message).toContain("«Код региона»: две цифры");
    // Nothing of a refused municipality is left behind.
    expect(await rows(sql`select id from municipalities where name = 'Другой'`)).toEqual([]);
  });

  it("the CLI command creates the admin with a one-time password that must be changed before anything else", async () => {
    const { created, lines } = await municipalityCreateCommand(server.database.db, { code: "cli", name: "Район из командной строки", region: "23", admin: "cli-admin" });
    const password = created.admin?.oneTimePassword as string;
    expect(password).toMatch(/^[a-zA-Z2-9]{4}-[a-zA-Z2-9]{4}-[a-zA-Z2-9]{4}$/);
    expect(lines[0]).toBe(`Создан муниципалитет cli «Район из командной строки» (id ${created.municipality.id}, регион 23).`);
    expect(lines.join("\n")).toContain(`должностей ${standardCounts().positions}`);
    expect(lines.join("\n")).toContain("логин cli-admin");
    expect(lines.join("\n")).toContain(`Одноразовый пароль: ${password}`);
    expect(lines.join("\n")).toContain("сменить при первом входе");
    const taken = await municipalityCreateCommand(server.database.db, { code: "cli2", name: "Ещё", admin: "CLI-admin" }).catch((e: unknown) => e);
    expect((taken as AppError).message).toBe("Логин «CLI-admin» уже занят");
    expect(await rows(sql`select id from municipalities where code = 'cli2'`)).toEqual([]);

    const admin = await new Client(server.url).login("cli-admin", password);
    expect((await admin.get("/api/auth/me")).json.user).toMatchObject({ login: "cli-admin", mustChangePassword: true });
    for (const path of ["/api/staff", "/api/references/positions", "/api/municipality", "/api/users"]) {
      const refused = await admin.get(path);
      expect(refused.status, path).toBe(403);
      expect(refused.json.error).toMatchObject({ code: "password_change_required" });
      expect(refused.json.error.message).toContain("Смените временный пароль");
    }

    const short = await admin.post("/api/auth/password", { currentPassword: password, newPassword: "short" });
    expect(short.status).toBe(400);
    expect(short.json.error.message).toBe("Поле «Новый пароль»: не короче 8 символов");
    const same = await admin.post("/api/auth/password", { currentPassword: password, newPassword: password });
    expect(same.json.error.message).toContain("должен отличаться");
    const wrong = await admin.post("/api/auth/password", { currentPassword: "not-the-password", newPassword: "a-new-password" });
    expect(wrong.status).toBe(400);
    expect(wrong.json.error.details).toEqual([{ field: "currentPassword", message: "Неверный текущий пароль" }]);

    const other = await new Client(server.url).login("cli-admin", password);
    const changed = await admin.post("/api/auth/password", { currentPassword: password, newPassword: "a-new-password" });
    expect(changed.status).toBe(200);
    expect(changed.json.user.mustChangePassword).toBe(false);
    expect((await admin.get("/api/auth/me")).json.user.mustChangePassword).toBe(false);
    expect((await admin.get("/api/staff")).status).toBe(200);
    // The other session (opened with the one-time password) is over; the old password too.
    expect((await other.get("/api/auth/me")).status).toBe(401);
    expect((await new Client(server.url).post("/api/auth/login", { login: "cli-admin", password })).status).toBe(401);
    await new Client(server.url).login("cli-admin", "a-new-password");
    const [audit] = await rows<{ after: { passwordChanged: boolean } }>(
      sql`select a.after from audit_log a join users u on u.id = a.entity_id
          where a.entity_type = 'user' and a.action = 'update' and u.login = 'cli-admin'`,
    );
    expect(audit.after.passwordChanged).toBe(true);
  });

  it("one-time passwords are random and readable", () => {
    const many = new Set(Array.from({ length: 200 }, generateOneTimePassword));
    expect(many.size).toBe(200);
    for (const p of many) expect(p.replace(/-/g, "")).toMatch(/^[a-km-zA-HJ-NP-Z2-9]{12}$/);
  });
});
