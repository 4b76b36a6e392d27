// One record of every kind the API addresses by id, in three places relative to school A1 of
// seedWorld: the own organisation, another organisation of the same municipality (kindergarten
// A2) and another municipality (school B1). The fuzz test draws its ids from here, the access
// matrix asks every role for each of the three.
//
// Everything is made through the HTTP API (the admins of A and B, the coordinator of A1), so the
// records are exactly what users make; only scans go through the service, whose upload format
// is not this file's business.
import { sql } from "drizzle-orm";
import { queryRows } from "../db/client.js";
import { systemActor } from "../auth/policies.js";
import { attachScan } from "../modules/pd/completions.js";
import { Client, type TestServer } from "./harness.js";
import { PASSWORD, type World } from "./fixture.js";

export const SCOPES = ["own", "otherOrg", "otherMunicipality"] as const;
export type Scope = (typeof SCOPES)[number];
export type Triple = Record<Scope, number>;

/** A JPEG as far as the scan check goes (its first bytes). */
export const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0xff, 0xd9]);

/** A staff list the import reads: header, one person of the chosen organisation. */
export const staffCsv = (surname: string) =>
  new TextEncoder().encode(`ФИО;Дата рождения;Должность;Образование\n${surname} Иван Петрович;01.02.1990;учитель;высшее\n`);

/** Sends one file as multipart/form-data in the field «file», as the web app does. */
export async function sendFile(baseUrl: string, client: Client | null, method: string, path: string, data: Uint8Array, fileName: string) {
  const form = new FormData();
  form.append("file", new Blob([new Uint8Array(data)]), fileName);
  const res = await fetch(baseUrl + path, { method, headers: client ? { cookie: client.cookieHeader } : {}, body: form });
  const type = res.headers.get("content-type") ?? "";
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const json: any = type.includes("json") ? await res.json() : null;
  return { status: res.status, json, res };
}

async function ok<T = { id: number }>(what: string, r: Promise<{ status: number; json: unknown }>): Promise<T> {
  const res = await r;
  if (res.status >= 300) throw new Error(`seedRecords: ${what} → ${res.status} ${JSON.stringify(res.json)}`);
  return res.json as T;
}

export type Records = Awaited<ReturnType<typeof seedRecords>>;

/**
 * Adds to seedWorld: per scope an organisation status and alias, a person with an employment,
 * education, category, status and exemption, a programme (taken only by that person), a course
 * with a scan, a course request, a reference value with an alias, an import, and a user to edit.
 * Also the accounts seedWorld lacks: an association leader (bound to Семёнов, like teacher-a) and
 * a coordinator of kindergarten A2.
 */
export async function seedRecords(server: TestServer, world: World) {
  const { a, b } = world.municipalities;
  const { schoolA1, kinderA2, schoolB1 } = world.orgs;
  const { semenov, ivanova, borisov } = world.persons;
  const adminA = await new Client(server.url).login("admin-a", PASSWORD);
  const adminB = await new Client(server.url).login("admin-b", PASSWORD);
  const coordA1 = await new Client(server.url).login("coord-a1", PASSWORD);
  const adminOf = (scope: Scope) => (scope === "otherMunicipality" ? adminB : adminA);

  const organization: Triple = { own: schoolA1.id, otherOrg: kinderA2.id, otherMunicipality: schoolB1.id };
  const person: Triple = { own: semenov, otherOrg: ivanova, otherMunicipality: borisov };
  const triple = async (make: (scope: Scope) => Promise<number>): Promise<Triple> => {
    const out = {} as Triple;
    for (const scope of SCOPES) out[scope] = await make(scope);
    return out;
  };

  const subjectB = (await ok("subject B", adminB.post("/api/references/subjects", { name: "физика" }))).id;
  const position: Triple = { own: world.positions.teacherA.id, otherOrg: world.positions.headA.id, otherMunicipality: world.positions.teacherB.id };
  const subject: Triple = { own: world.subjects.mathA.id, otherOrg: world.subjects.kubanA.id, otherMunicipality: subjectB };

  const orgStatus = await triple(async (s) =>
    (await ok("org status", adminOf(s).post(`/api/organizations/${organization[s]}/statuses`, { kind: "internship_site", validFrom: "2025-09-01" }))).id,
  );
  const orgAlias = await triple(async (s) =>
    (await ok("org alias", adminOf(s).post(`/api/organizations/${organization[s]}/aliases`, { alias: `Другое название ${s}` }))).id,
  );
  const child = (path: string, body: object) =>
    triple(async (s) => (await ok(path, adminOf(s).post(`/api/staff/${person[s]}/${path}`, body))).id);
  const education = await child("educations", { level: "higher", isPedagogical: true, graduationYear: 2010 });
  const category = await child("categories", { category: "first", assignedOn: "2024-05-01" });
  const personStatus = await child("statuses", { kind: "mentor", validFrom: "2025-09-01" });
  const exemption = await child("exemptions", { reason: "long_leave", validFrom: "2025-01-01", validTo: "2025-12-31" });

  const employment = await triple(async (s) => {
    const [row] = await queryRows<{ id: number }>(
      server.database.db,
      sql`select id from employments where person_id = ${person[s]} and organization_id = ${organization[s]} order by id limit 1`,
    );
    return row.id;
  });

  const provider = await triple(async (s) =>
    (await ok("provider", adminOf(s).post("/api/pd/providers", { name: `Институт развития образования ${s}`, shortName: `ИРО ${s}`, kind: "regional_institute" }))).id,
  );
  const programme = await triple(async (s) =>
    (await ok("programme", adminOf(s).post("/api/pd/programmes", { providerId: provider[s], title: `Программа ${s}`, hours: 72, kind: "upgrade", form: "distance" }))).id,
  );
  const completion = await triple(async (s) =>
    (await ok("completion", adminOf(s).post(`/api/pd/staff/${person[s]}/completions`, { programmeId: programme[s], status: "completed", dateFrom: "2025-03-01", dateTo: "2025-03-20" }))).id,
  );
  for (const s of SCOPES) {
    await attachScan(server.database.db, {
      actor: systemActor(s === "otherMunicipality" ? b.id : a.id),
      completionId: completion[s],
      fileName: "удостоверение.jpg",
      file: Buffer.from(JPEG),
    });
  }
  const courseRequest = await triple(async (s) =>
    (await ok("course request", adminOf(s).put(`/api/pd/requests/${organization[s]}/2026`, { items: [{ personId: person[s], programmeId: programme[s] }] }))).id,
  );

  const positionAlias = await triple(async (s) =>
    (await ok("position alias", adminOf(s).post(`/api/references/positions/${position[s]}/aliases`, { alias: `должность ${s}` }))).id,
  );
  const subjectAlias = await triple(async (s) =>
    (await ok("subject alias", adminOf(s).post(`/api/references/subjects/${subject[s]}/aliases`, { alias: `предмет ${s}` }))).id,
  );

  // The coordinator's own upload; the admin's for the kindergarten; one of municipality B.
  const importOf = async (client: Client, query: string, surname: string) =>
    (await ok("import", sendFile(server.url, client, "POST", `/api/imports?kind=staff${query}`, staffCsv(surname), `${surname}.csv`))).id;
  const anImport: Triple = {
    own: await importOf(coordA1, "", "Загрузкин"),
    otherOrg: await importOf(adminA, `&organizationId=${kinderA2.id}`, "Садиков"),
    otherMunicipality: await importOf(adminB, `&organizationId=${schoolB1.id}`, "Районов"),
  };

  const newUser = (client: Client, body: object) => ok("user", client.post("/api/users", { password: PASSWORD, ...body }));
  const leader = await newUser(adminA, { login: "leader-a", fullName: "Руководитель объединения", role: "association_leader", personId: semenov });
  await newUser(adminA, { login: "coord-a2", fullName: "Координатор сада", role: "org_coordinator", organizationId: kinderA2.id });
  const userIds = Object.fromEntries(
    (await queryRows<{ id: number; login: string }>(server.database.db, sql`select id, login from users`)).map((u) => [u.login, u.id]),
  ) as Record<string, number>;
  // Users to edit: a teacher of A (own), the kindergarten's coordinator (other org), admin of B.
  const user: Triple = { own: userIds["teacher-a"], otherOrg: userIds["coord-a2"], otherMunicipality: userIds["admin-b"] };

  return {
    organization,
    person,
    employment,
    education,
    category,
    personStatus,
    exemption,
    orgStatus,
    orgAlias,
    position,
    subject,
    positionAlias,
    subjectAlias,
    provider,
    programme,
    completion,
    courseRequest,
    import: anImport,
    user,
    userIds,
    leaderId: leader.id,
    clients: { adminA, adminB, coordA1 },
  };
}
