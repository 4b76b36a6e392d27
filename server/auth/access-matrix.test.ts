// The access matrix (issue «Trust»): every route of the app × every role × a record of the own
// organisation, of another organisation and of another municipality, against an explicit table
// of what each role may get. The route list comes from the app itself (server/testing/route-table.ts),
// so a new route without a row here fails the first test below.
//
// Besides the status, every successful answer is searched for names the role must never see
// (people of other schools, anything of municipality B), workbooks included, and a refused
// request must leave the data as it was.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import ExcelJS from "exceljs";
import { Client, DB_TARGETS, openTestDatabase, startTestServer, type TestServer } from "../testing/harness.js";
import { PASSWORD, seedWorld, type World } from "../testing/fixture.js";
import { JPEG, SCOPES, seedRecords, sendFile, staffCsv, type Records, type Scope } from "../testing/records.js";
import { routeTable } from "../testing/route-table.js";
import { fingerprint, fingerprintDiff, fingerprintPlan, writeMark, type Fingerprint } from "../testing/fingerprint.js";

vi.mock("fastify", async (importOriginal) => (await import("../testing/route-table.js")).withRouteTable(await importOriginal()));

const ROLES = ["municipal_admin", "org_coordinator", "association_leader", "teacher", "region_viewer", "anonymous"] as const;
type Role = (typeof ROLES)[number];
const LOGIN: Record<Role, string | null> = {
  municipal_admin: "admin-a",
  org_coordinator: "coord-a1",
  // Bound to Семёнов's card like teacher-a: «own» records are the same for both person-scoped roles.
  association_leader: "leader-a",
  teacher: "teacher-a",
  region_viewer: "region-23",
  anonymous: null,
};

// ------------------------------------------------------------------------------------------------
// Expectations: a status ("2xx" = any success) for all three scopes, or one per scope
// [own organisation, other organisation, other municipality].

type Status = string;
type Cell = Status | readonly [Status, Status, Status];
/** The whole municipality: every school of it; another municipality's record does not exist. */
const MUN = ["2xx", "2xx", "404"] as const;
/** Own organisation (coordinator) or own card (teacher, leader) only. */
const ORG = ["2xx", "404", "404"] as const;
/** Sees the own card but may not change it; other cards do not exist for the role. */
const OWN_READONLY = ["403", "404", "404"] as const;
/** May change records of the own organisation only; other schools are visible, hence 403, not 404. */
const OWN_WRITE = ["2xx", "403", "403"] as const;

type Ctx = { world: World; rec: Records; n: () => number; fresh: Fresh; server: TestServer };
type Req = { method: string; path: string; body?: unknown; file?: { data: Uint8Array; name: string }; freshSession?: boolean };
type RoleKey = "admin" | "coord" | "leader" | "teacher" | "region" | "anon";
type Row = {
  expect: Record<Role, Cell>;
  /** The request for a scope; rows without scope ignore it and run once per role. */
  req: (ctx: Ctx, scope: Scope) => Req | Promise<Req>;
  scoped: boolean;
  /** After the case: undo what it did (a changed password). */
  after?: (ctx: Ctx, role: Role) => Promise<void>;
  /** Run after every other row: it ends sessions. */
  last?: boolean;
};

const KEY_ROLE: Record<RoleKey, Role> = {
  admin: "municipal_admin",
  coord: "org_coordinator",
  leader: "association_leader",
  teacher: "teacher",
  region: "region_viewer",
  anon: "anonymous",
};
const DENIED = { admin: "403", coord: "403", leader: "403", teacher: "403", region: "403", anon: "401" } as const;
const PUBLIC = { admin: "2xx", coord: "2xx", leader: "2xx", teacher: "2xx", region: "2xx", anon: "2xx" } as const;
/** Every signed-in user of a municipality (no permission asked, only a municipality). */
const TENANT = { ...DENIED, admin: "2xx", coord: "2xx", leader: "2xx", teacher: "2xx" } as const;

function row(cells: Partial<Record<RoleKey, Cell>>, req: Row["req"], opts: { scoped?: boolean; after?: Row["after"]; last?: boolean } = {}): Row {
  const all = { ...DENIED, ...cells };
  return {
    expect: Object.fromEntries(Object.entries(all).map(([k, v]) => [KEY_ROLE[k as RoleKey], v])) as Record<Role, Cell>,
    req,
    scoped: opts.scoped ?? true,
    after: opts.after,
    last: opts.last,
  };
}
const unscoped = (cells: Partial<Record<RoleKey, Cell>>, req: (ctx: Ctx) => Req | Promise<Req>, opts: { after?: Row["after"]; last?: boolean } = {}) =>
  row(cells, (ctx) => req(ctx), { ...opts, scoped: false });

const get = (path: string): Req => ({ method: "GET", path });
const post = (path: string, body: unknown = {}): Req => ({ method: "POST", path, body });
const put = (path: string, body: unknown): Req => ({ method: "PUT", path, body });
const del = (path: string): Req => ({ method: "DELETE", path });

// What the seeded people and organisations are, to send their own data back unchanged.
const PEOPLE: Record<Scope, object> = {
  own: { surname: "Семёнов", name: "Пётр", patronymic: "Алексеевич", birthDate: "1998-03-15", pedWorkStart: "2024-09-01" },
  otherOrg: { surname: "Иванова", name: "Анна", patronymic: "Сергеевна", birthDate: "1975-06-01", pedWorkStart: "1997-09-01" },
  otherMunicipality: { surname: "Борисов", name: "Глеб", patronymic: "Андреевич", birthDate: "1980-07-07", pedWorkStart: "2003-09-01" },
};
const orgBody = (w: World, s: Scope) => {
  const o = s === "own" ? w.orgs.schoolA1 : s === "otherOrg" ? w.orgs.kinderA2 : w.orgs.schoolB1;
  return { kind: o.kind, fullName: o.fullName, shortName: o.shortName };
};
const employmentBody = (ctx: Ctx, s: Scope) => ({
  organizationId: ctx.rec.organization[s],
  positionId: s === "otherMunicipality" ? ctx.world.positions.teacherB.id : ctx.world.positions.teacherA.id,
  subjectIds: s === "own" ? [ctx.world.subjects.mathA.id, ctx.world.subjects.kubanA.id] : [],
  isMain: true,
  hireDate: s === "own" ? "2024-09-01" : "2015-09-01",
});
const CHILD_BODIES = {
  educations: { level: "higher", isPedagogical: true, graduationYear: 2010 },
  categories: { category: "first", assignedOn: "2024-05-01" },
  statuses: { kind: "mentor", validFrom: "2025-09-01" },
  exemptions: { reason: "long_leave", validFrom: "2025-01-01", validTo: "2025-12-31" },
} as const;
const CHILD_RECORD = { educations: "education", categories: "category", statuses: "personStatus", exemptions: "exemption" } as const;
const completionBody = (ctx: Ctx) => ({ programmeId: ctx.rec.programme.own, status: "completed", dateFrom: "2025-03-01", dateTo: "2025-03-20" });
const USERS: Record<Scope, (ctx: Ctx) => object> = {
  own: (ctx) => ({ login: "teacher-a", fullName: "Пользователь teacher-a", role: "teacher", personId: ctx.world.persons.semenov }),
  otherOrg: (ctx) => ({ login: "coord-a2", fullName: "Координатор сада", role: "org_coordinator", organizationId: ctx.world.orgs.kinderA2.id }),
  otherMunicipality: () => ({ login: "admin-b", fullName: "Пользователь admin-b", role: "municipal_admin" }),
};

// ------------------------------------------------------------------------------------------------
// Records made for one case (the case deletes, archives, submits or undoes them).

type Fresh = ReturnType<typeof freshRecords>;
function freshRecords(ctx: Omit<Ctx, "fresh">) {
  const admin = (s: Scope) => (s === "otherMunicipality" ? ctx.rec.clients.adminB : ctx.rec.clients.adminA);
  // Each request of a case is the organisation's request for its own academic year.
  let nextYear = 2030;
  const made = async (what: string, r: Promise<{ status: number; json: { id?: number } | null }>) => {
    const res = await r;
    if (res.status >= 300 || !res.json?.id) throw new Error(`fresh ${what}: ${res.status} ${JSON.stringify(res.json)}`);
    return res.json.id;
  };
  return {
    organization: (s: Scope) => {
      const n = ctx.n();
      return made("organization", admin(s).post("/api/organizations", { kind: "school", fullName: `Временная школа № ${n}`, shortName: `ВШ № ${n}` }));
    },
    orgStatus: (s: Scope) => made("org status", admin(s).post(`/api/organizations/${ctx.rec.organization[s]}/statuses`, { kind: "mentoring_model", validFrom: "2026-01-01" })),
    orgAlias: (s: Scope) => made("org alias", admin(s).post(`/api/organizations/${ctx.rec.organization[s]}/aliases`, { alias: `Временное название ${ctx.n()}` })),
    employment: (s: Scope) =>
      made("employment", admin(s).post(`/api/staff/${ctx.rec.person[s]}/employments`, { ...employmentBody(ctx as Ctx, s), isMain: false, subjectIds: [] })),
    child: (path: keyof typeof CHILD_BODIES, s: Scope) => made(path, admin(s).post(`/api/staff/${ctx.rec.person[s]}/${path}`, CHILD_BODIES[path])),
    positionAlias: (s: Scope) => made("position alias", admin(s).post(`/api/references/positions/${ctx.rec.position[s]}/aliases`, { alias: `временное ${ctx.n()}` })),
    completion: (s: Scope) =>
      made("completion", admin(s).post(`/api/pd/staff/${ctx.rec.person[s]}/completions`, { programmeId: ctx.rec.programme[s], status: "completed", dateFrom: "2025-01-10", dateTo: "2025-01-20" })),
    courseRequest: async (s: Scope, submitted: boolean) => {
      const id = await made("course request", admin(s).put(`/api/pd/requests/${ctx.rec.organization[s]}/${nextYear++}`, { items: [] }));
      if (submitted) await made("submit", admin(s).post(`/api/pd/requests/${id}/submit`));
      return id;
    },
    /** A committed import of the scope: the coordinator's own upload, the admin's for the kindergarten, one of B. */
    committedImport: async (s: Scope) => {
      const client = s === "own" ? ctx.rec.clients.coordA1 : admin(s);
      const org = s === "otherOrg" ? `&organizationId=${ctx.rec.organization.otherOrg}` : s === "otherMunicipality" ? `&organizationId=${ctx.rec.organization.otherMunicipality}` : "";
      const id = await made("import", sendFile(ctx.server.url, client, "POST", `/api/imports?kind=staff${org}`, staffCsv(`Отменов${letters(ctx.n())}`), "отмена.csv"));
      const run = await client.post(`/api/imports/${id}/run`, {});
      if (run.status !== 200 || run.json.committed !== true) throw new Error(`fresh import run: ${run.status} ${JSON.stringify(run.json)}`);
      return id;
    },
  };
}

// ------------------------------------------------------------------------------------------------
// THE TABLE. Key: "METHOD /url" exactly as the app registers it. A new route needs its policy in
// server/auth/policies.ts and its row here.

const ROWS: Record<string, Row> = {
  // The API viewer, its description, health, the web app: public.
  "GET /api/docs": unscoped(PUBLIC, () => get("/api/docs")),
  // swagger-ui sends its own index page to /api/docs.
  "GET /api/docs/static/index.html": unscoped({ admin: "302", coord: "302", leader: "302", teacher: "302", region: "302", anon: "302" }, () => get("/api/docs/static/index.html")),
  "GET /api/docs/static/swagger-initializer.js": unscoped(PUBLIC, () => get("/api/docs/static/swagger-initializer.js")),
  "GET /api/docs/json": unscoped(PUBLIC, () => get("/api/docs/json")),
  "GET /api/docs/yaml": unscoped(PUBLIC, () => get("/api/docs/yaml")),
  "GET /api/docs/static/*": unscoped(PUBLIC, () => get("/api/docs/static/swagger-ui.css")),
  "GET /api/health": unscoped(PUBLIC, () => get("/api/health")),
  "GET /api/openapi.json": unscoped(PUBLIC, () => get("/api/openapi.json")),
  "GET /*": unscoped(PUBLIC, () => get("/")),

  // Signing in and out, the own account.
  "POST /api/auth/login": unscoped({ ...PUBLIC, anon: "401" }, () => post("/api/auth/login", {}), {}),
  "POST /api/auth/logout": unscoped(PUBLIC, () => ({ ...post("/api/auth/logout"), freshSession: true }), { last: true }),
  "POST /api/auth/password": unscoped(
    { ...PUBLIC, anon: "401" },
    () => ({ ...post("/api/auth/password", { currentPassword: PASSWORD, newPassword: "matrix-password-2" }), freshSession: true }),
    { last: true, after: restorePassword },
  ),
  "GET /api/auth/me": unscoped({ ...PUBLIC, anon: "401" }, () => get("/api/auth/me")),

  // Organisations: everyone of the municipality reads all of them; the admin keeps the registry;
  // a coordinator edits the card of the own school.
  "GET /api/organizations": unscoped(TENANT, () => get("/api/organizations?includeArchived=true")),
  "GET /api/organizations/:id": row({ admin: MUN, coord: MUN, leader: MUN, teacher: MUN }, (c, s) => get(`/api/organizations/${c.rec.organization[s]}`)),
  "POST /api/organizations": unscoped({ admin: "201" }, (c) => post("/api/organizations", { kind: "other", fullName: `Центр № ${c.n()}`, shortName: `Центр ${c.n()}` })),
  "PUT /api/organizations/:id": row({ admin: MUN, coord: OWN_WRITE }, (c, s) => put(`/api/organizations/${c.rec.organization[s]}`, orgBody(c.world, s))),
  "POST /api/organizations/:id/archive": row({ admin: MUN }, async (c, s) => post(`/api/organizations/${await c.fresh.organization(s)}/archive`)),
  "POST /api/organizations/:id/restore": row({ admin: MUN }, async (c, s) => post(`/api/organizations/${await c.fresh.organization(s)}/restore`)),
  "POST /api/organizations/:id/statuses": row({ admin: MUN }, (c, s) => post(`/api/organizations/${c.rec.organization[s]}/statuses`, { kind: "low_results", validFrom: "2026-01-01" })),
  "PUT /api/organizations/statuses/:statusId": row({ admin: MUN }, (c, s) => put(`/api/organizations/statuses/${c.rec.orgStatus[s]}`, { kind: "internship_site", validFrom: "2025-09-01" })),
  "DELETE /api/organizations/statuses/:statusId": row({ admin: MUN }, async (c, s) => del(`/api/organizations/statuses/${await c.fresh.orgStatus(s)}`)),
  "POST /api/organizations/:id/aliases": row({ admin: MUN }, (c, s) => post(`/api/organizations/${c.rec.organization[s]}/aliases`, { alias: `Ещё одно название ${c.n()}` })),
  "DELETE /api/organizations/aliases/:aliasId": row({ admin: MUN }, async (c, s) => del(`/api/organizations/aliases/${await c.fresh.orgAlias(s)}`)),

  // Staff: the admin the whole municipality, a coordinator the own school, a teacher or leader
  // the own card (read only).
  "GET /api/staff": unscoped(TENANT, () => get("/api/staff?includeDismissed=true&pageSize=200")),
  "GET /api/staff/export.xlsx": unscoped({ admin: "2xx", coord: "2xx" }, () => get("/api/staff/export.xlsx?includeDismissed=true")),
  // Hiring names the organisation in the body: another municipality's is an unknown reference (400).
  "POST /api/staff": row({ admin: ["201", "201", "400"], coord: ["201", "403", "403"] }, (c, s) =>
    post("/api/staff", { person: { surname: "Новенький", name: `Иван`, patronymic: null }, employment: { ...employmentBody(c, s), subjectIds: [] } }),
  ),
  "GET /api/staff/:id": row({ admin: MUN, coord: ORG, leader: ORG, teacher: ORG }, (c, s) => get(`/api/staff/${c.rec.person[s]}`)),
  "PUT /api/staff/:id": row({ admin: MUN, coord: ORG, leader: OWN_READONLY, teacher: OWN_READONLY }, (c, s) => put(`/api/staff/${c.rec.person[s]}`, PEOPLE[s])),
  "POST /api/staff/:id/employments": row({ admin: ["201", "201", "404"], coord: ORG, leader: OWN_READONLY, teacher: OWN_READONLY }, (c, s) =>
    post(`/api/staff/${c.rec.person[s]}/employments`, { ...employmentBody(c, s), isMain: false, subjectIds: [] }),
  ),
  "PUT /api/employments/:id": row({ admin: MUN, coord: ORG, leader: OWN_READONLY, teacher: OWN_READONLY }, (c, s) => put(`/api/employments/${c.rec.employment[s]}`, employmentBody(c, s))),
  "POST /api/employments/:id/dismiss": row({ admin: MUN, coord: ORG, leader: OWN_READONLY, teacher: OWN_READONLY }, async (c, s) =>
    post(`/api/employments/${await c.fresh.employment(s)}/dismiss`, { dismissalDate: "2026-06-30" }),
  ),
  ...childRows(),

  // Reference lists: everyone of the municipality reads them, the admin keeps them.
  "GET /api/references/:kind": unscoped(TENANT, () => get("/api/references/positions")),
  "POST /api/references/:kind/bulk": unscoped({ admin: "2xx" }, () => post("/api/references/positions/bulk", { text: "учитель-логопед; логопед", apply: false })),
  "POST /api/references/:kind/bulk.xlsx": unscoped({ admin: "2xx" }, async () => ({ method: "POST", path: "/api/references/subjects/bulk.xlsx", file: { data: await listWorkbook(), name: "Предметы.xlsx" } })),
  "POST /api/references/:kind/:id/aliases": row({ admin: MUN }, (c, s) => post(`/api/references/positions/${c.rec.position[s]}/aliases`, { alias: `написание ${c.n()}` })),
  "DELETE /api/references/:kind/:id/aliases/:aliasId": row({ admin: MUN }, async (c, s) => del(`/api/references/positions/${c.rec.position[s]}/aliases/${await c.fresh.positionAlias(s)}`)),
  "POST /api/references/:kind": unscoped({ admin: "201" }, (c) => post("/api/references/subjects", { name: `предмет № ${c.n()}` })),
  "PUT /api/references/:kind/:id": row({ admin: MUN }, (c, s) =>
    // Each value keeps its name; B's gets a free one (a taken name answers 409 before the lookup).
    put(`/api/references/positions/${c.rec.position[s]}`, s === "otherOrg" ? { name: "руководитель", isManagement: true } : s === "own" ? { name: "учитель" } : { name: `должность ${c.n()}` }),
  ),

  // Users: the admin of the municipality.
  "GET /api/users": unscoped({ admin: "2xx" }, () => get("/api/users")),
  // The coordinator's organisation is named in the body: another municipality's is refused (400).
  "POST /api/users": row({ admin: ["201", "201", "400"] }, (c, s) =>
    post("/api/users", { login: `matrix.user${c.n()}`, fullName: "Новый координатор", role: "org_coordinator", organizationId: c.rec.organization[s], password: "matrix-password-1" }),
  ),
  "PUT /api/users/:id": row({ admin: MUN }, (c, s) => put(`/api/users/${c.rec.user[s]}`, USERS[s](c))),

  // The change log of a card: the admin; another municipality's card has no entries for them.
  "GET /api/audit": row({ admin: ["2xx", "2xx", "2xx:empty"] }, (c, s) => get(`/api/audit?subjectType=person&subjectId=${c.rec.person[s]}`)),

  // Reports: the admin for the municipality, the region viewer for the region.
  "GET /api/reports/staff-composition": unscoped({ admin: "2xx", region: "2xx" }, () => get("/api/reports/staff-composition?asOf=2026-09-01")),

  // Imports: the admin (whole municipality) and coordinators (own uploads only).
  "GET /api/imports": unscoped({ admin: "2xx", coord: "2xx" }, () => get("/api/imports")),
  // The organisation of the file is the admin's choice within the municipality.
  "POST /api/imports": row({ admin: ["201", "201", "404"], coord: "201" }, (c, s) => ({
    method: "POST",
    path: `/api/imports?kind=staff&organizationId=${c.rec.organization[s]}`,
    file: { data: staffCsv("Матрицын"), name: "Педагоги.csv" },
  })),
  "GET /api/imports/templates/:kind": unscoped({ admin: "2xx", coord: "2xx" }, () => get("/api/imports/templates/staff")),
  "GET /api/imports/:id": row({ admin: MUN, coord: ORG }, (c, s) => get(`/api/imports/${c.rec.import[s]}`)),
  "GET /api/imports/:id/progress": row({ admin: MUN, coord: ORG }, (c, s) => get(`/api/imports/${c.rec.import[s]}/progress`)),
  "POST /api/imports/:id/run": row({ admin: MUN, coord: ORG }, (c, s) => post(`/api/imports/${c.rec.import[s]}/run`, { dryRun: true })),
  "POST /api/imports/:id/undo": row({ admin: MUN, coord: ORG }, async (c, s) => post(`/api/imports/${await c.fresh.committedImport(s)}/undo`)),
  "GET /api/imports/:id/rejected.xlsx": row({ admin: MUN, coord: ORG }, (c, s) => get(`/api/imports/${c.rec.import[s]}/rejected.xlsx`)),
  "GET /api/imports/:id/mappings": row({ admin: MUN, coord: ORG }, (c, s) => get(`/api/imports/${c.rec.import[s]}/mappings`)),
  "POST /api/imports/:id/mappings": row({ admin: MUN, coord: ORG }, (c, s) => post(`/api/imports/${c.rec.import[s]}/mappings`, { name: `Шаблон ${c.n()}`, mapping: { "0": "fullName" } })),

  // Professional development: catalogues read by everyone with staff access, kept by the admin;
  // courses like the card they belong to; lists and the plan for those who export.
  "GET /api/pd/providers": unscoped({ ...TENANT }, () => get("/api/pd/providers")),
  "POST /api/pd/providers": unscoped({ admin: "201" }, (c) => post("/api/pd/providers", { name: `Университет № ${c.n()}`, shortName: `Университет ${c.n()}`, kind: "university" })),
  "PUT /api/pd/providers/:id": row({ admin: MUN }, (c, s) =>
    put(`/api/pd/providers/${c.rec.provider[s]}`, { name: `Институт развития образования ${s}`, shortName: `ИРО ${s}`, kind: "regional_institute" }),
  ),
  "GET /api/pd/programmes": unscoped(TENANT, () => get("/api/pd/programmes")),
  // The provider is named in the body: another municipality's is an unknown reference (400).
  "POST /api/pd/programmes": row({ admin: ["201", "201", "400"], coord: ["201", "201", "400"] }, (c, s) =>
    post("/api/pd/programmes", { providerId: c.rec.provider[s], title: `Новая программа ${c.n()}`, hours: 36, kind: "upgrade", form: "distance" }),
  ),
  // A coordinator may fix a programme only their own staff took (Иванова took the other school's).
  "PUT /api/pd/programmes/:id": row({ admin: MUN, coord: ["2xx", "403", "404"] }, (c, s) =>
    put(`/api/pd/programmes/${c.rec.programme[s]}`, {
      providerId: c.rec.provider[s === "otherMunicipality" ? "own" : s],
      title: `Программа ${s}`,
      hours: 72,
      kind: "upgrade",
      form: "distance",
    }),
  ),
  "GET /api/pd/staff/:id": row({ admin: MUN, coord: ORG, leader: ORG, teacher: ORG }, (c, s) => get(`/api/pd/staff/${c.rec.person[s]}`)),
  "POST /api/pd/staff/:id/completions": row({ admin: ["201", "201", "404"], coord: ORG, leader: OWN_READONLY, teacher: OWN_READONLY }, (c, s) =>
    post(`/api/pd/staff/${c.rec.person[s]}/completions`, completionBody(c)),
  ),
  "PUT /api/pd/completions/:id": row({ admin: MUN, coord: ORG, leader: OWN_READONLY, teacher: OWN_READONLY }, (c, s) =>
    put(`/api/pd/completions/${c.rec.completion[s]}`, { programmeId: c.rec.programme[s === "otherMunicipality" ? "own" : s], status: "completed", dateFrom: "2025-03-01", dateTo: "2025-03-20" }),
  ),
  "DELETE /api/pd/completions/:id": row({ admin: MUN, coord: ORG, leader: OWN_READONLY, teacher: OWN_READONLY }, async (c, s) => del(`/api/pd/completions/${await c.fresh.completion(s)}`)),
  "POST /api/pd/completions/bulk": row({ admin: ["201", "201", "404"], coord: ORG, leader: OWN_READONLY, teacher: OWN_READONLY }, (c, s) =>
    post("/api/pd/completions/bulk", { personIds: [c.rec.person[s]], completion: completionBody(c) }),
  ),
  "PUT /api/pd/completions/:id/scan": row({ admin: MUN, coord: ORG, leader: OWN_READONLY, teacher: OWN_READONLY }, (c, s) => ({
    method: "PUT",
    path: `/api/pd/completions/${c.rec.completion[s]}/scan`,
    file: { data: JPEG, name: "удостоверение.jpg" },
  })),
  "GET /api/pd/completions/:id/scan": row({ admin: MUN, coord: ORG, leader: ORG, teacher: ORG }, (c, s) => get(`/api/pd/completions/${c.rec.completion[s]}/scan`)),
  "GET /api/pd/status": unscoped({ admin: "2xx", coord: "2xx" }, () => get("/api/pd/status?asOf=2026-09-01")),
  "GET /api/pd/reminders": unscoped({ admin: "2xx", coord: "2xx" }, () => get("/api/pd/reminders?asOf=2026-09-01")),
  "GET /api/pd/retraining-needs": unscoped({ admin: "2xx", coord: "2xx" }, () => get("/api/pd/retraining-needs?asOf=2026-09-01")),
  "GET /api/pd/management": unscoped({ admin: "2xx", coord: "2xx" }, () => get("/api/pd/management?from=2025-01-01&to=2025-12-31")),
  "GET /api/pd/plan": unscoped({ admin: "2xx", coord: "2xx" }, () => get("/api/pd/plan?academicYear=2026")),
  "GET /api/pd/plan.xlsx": unscoped({ admin: "2xx", coord: "2xx" }, () => get("/api/pd/plan.xlsx?academicYear=2026")),
  "GET /api/pd/requests": unscoped({ admin: "2xx", coord: "2xx" }, () => get("/api/pd/requests?academicYear=2026")),
  "PUT /api/pd/requests/:organizationId/:academicYear": row({ admin: MUN, coord: OWN_WRITE }, (c, s) =>
    put(`/api/pd/requests/${c.rec.organization[s]}/2027`, { items: [{ personId: c.rec.person[s] }] }),
  ),
  // A person-scoped role finds the request (it names no person) but may not send it.
  "POST /api/pd/requests/:id/submit": row({ admin: MUN, coord: ORG, leader: ["403", "403", "404"], teacher: ["403", "403", "404"] }, async (c, s) =>
    post(`/api/pd/requests/${await c.fresh.courseRequest(s, false)}/submit`),
  ),
  "POST /api/pd/requests/:id/decision": row({ admin: MUN, coord: ["403", "404", "404"], leader: ["403", "403", "404"], teacher: ["403", "403", "404"] }, async (c, s) =>
    post(`/api/pd/requests/${await c.fresh.courseRequest(s, true)}/decision`, { decision: "approve" }),
  ),
  "GET /api/pd/settings": unscoped(TENANT, () => get("/api/pd/settings")),
  "PUT /api/pd/settings": unscoped({ admin: "2xx" }, () => put("/api/pd/settings", { pdPeriodYears: 3, pdMinHours: 16 })),
  "GET /api/pd/report": unscoped({ admin: "2xx" }, () => get("/api/pd/report?from=2025-01-01&to=2025-12-31")),

  // The first-run set-up (closed: a municipality exists) and the admin's own municipality.
  "GET /api/setup": unscoped(PUBLIC, () => get("/api/setup")),
  "POST /api/setup": unscoped({ admin: "409", coord: "409", leader: "409", teacher: "409", region: "409", anon: "409" }, () =>
    post("/api/setup", { municipality: { code: "x", name: "Захват", regionCode: "23" }, admin: { login: "hijack", fullName: "Захватов", password: "hijack-password" } }),
  ),
  "GET /api/municipality": unscoped({ admin: "2xx" }, () => get("/api/municipality")),
  "PUT /api/municipality": unscoped({ admin: "2xx" }, () => put("/api/municipality", { name: "Город А" })),
};

function childRows(): Record<string, Row> {
  const out: Record<string, Row> = {};
  for (const path of Object.keys(CHILD_BODIES) as (keyof typeof CHILD_BODIES)[]) {
    const body = CHILD_BODIES[path];
    const cells = { admin: MUN, coord: ORG, leader: OWN_READONLY, teacher: OWN_READONLY };
    out[`POST /api/staff/:id/${path}`] = row({ ...cells, admin: ["201", "201", "404"] }, (c, s) => post(`/api/staff/${c.rec.person[s]}/${path}`, body));
    out[`PUT /api/staff/${path}/:id`] = row(cells, (c, s) => put(`/api/staff/${path}/${c.rec[CHILD_RECORD[path]][s]}`, body));
    out[`DELETE /api/staff/${path}/:id`] = row(cells, async (c, s) => del(`/api/staff/${path}/${await c.fresh.child(path, s)}`));
  }
  return out;
}

/** The password changed by the case goes back, so later logins work. */
async function restorePassword(ctx: Ctx, role: Role) {
  const login = LOGIN[role];
  if (!login) return;
  const c = await new Client(ctx.server.url).login(login, "matrix-password-2").catch(() => null);
  if (c) await c.post("/api/auth/password", { currentPassword: "matrix-password-2", newPassword: PASSWORD });
}

/** A number in Cyrillic letters, for names that must differ (names take no digits). */
const letters = (n: number): string => (n < 26 ? "" : letters(Math.floor(n / 26) - 1)) + "абвгдежзиклмнопрстуфхцчшэюя"[n % 26];

async function listWorkbook(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("Лист1").addRows([["Значение", "Другое написание"], ["астрономия", "астр."]]);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

// ------------------------------------------------------------------------------------------------
// Names a role must never see in an answer.

const B_MARKERS = ["Борисов", "района Б", "(Б)", "otherMunicipality", "Районов"];
const NEVER_SEEN: Record<Role, string[]> = {
  municipal_admin: B_MARKERS,
  org_coordinator: [...B_MARKERS, "Иванова", "Садиков"],
  association_leader: [...B_MARKERS, "Иванова", "Ершова", "Уволенный", "Садиков", "Загрузкин"],
  teacher: [...B_MARKERS, "Иванова", "Ершова", "Уволенный", "Садиков", "Загрузкин"],
  region_viewer: ["Семёнов", "Иванова", "Ершова", "Борисов", "Уволенный", "Садиков", "Загрузкин", "Районов"],
  anonymous: ["Семёнов", "Иванова", "Ершова", "Борисов", "Уволенный", "Садиков", "Загрузкин", "Районов"],
};

async function textOf(res: Response, body: Buffer): Promise<string> {
  const type = res.headers.get("content-type") ?? "";
  if (type.includes("spreadsheetml")) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(body as unknown as ArrayBuffer);
    const cells: string[] = [];
    wb.eachSheet((ws) => ws.eachRow((r) => r.eachCell((cell) => cells.push(String(cell.text)))));
    return cells.join("\n");
  }
  if (type.includes("json") || type.startsWith("text/")) return body.toString("utf8");
  return "";
}

const matches = (expected: Status, status: number) =>
  expected.startsWith("2xx") ? status >= 200 && status < 300 : String(status) === expected;

// ------------------------------------------------------------------------------------------------

describe.each(DB_TARGETS)("access matrix: route × role × scope (%s)", (target) => {
  let server: TestServer;
  let ctx: Ctx;
  const clients = new Map<Role, Client | null>();

  beforeAll(async () => {
    const database = await openTestDatabase(target);
    const world = await seedWorld(database.db);
    server = await startTestServer(database);
    const rec = await seedRecords(server, world);
    let counter = 0;
    const base = { world, rec, n: () => ++counter, server };
    ctx = { ...base, fresh: freshRecords(base) };
    for (const role of ROLES) clients.set(role, LOGIN[role] ? await new Client(server.url).login(LOGIN[role] as string, PASSWORD) : null);
  });
  afterAll(async () => {
    await server?.close();
    await server?.database.close();
  });

  it("has a row for every route of the app", () => {
    const missing = routeTable(server.app)
      .map((r) => r.key)
      .filter((key) => !ROWS[key]);
    expect(
      missing,
      `Routes without an access rule: add the route's policy in server/auth/policies.ts (authorize / scope checks in its handler) and its row to ROWS in server/auth/access-matrix.test.ts`,
    ).toEqual([]);
    // GET /* (the web app's files) exists only where the web app is built.
    const stale = Object.keys(ROWS).filter((key) => key !== "GET /*" && !routeTable(server.app).some((r) => r.key === key));
    expect(stale, "rows for routes the app no longer has: remove them").toEqual([]);
  });

  it("answers every role as the table says, shows nothing outside its scope and changes nothing when refusing", async () => {
    const plan = await fingerprintPlan(server.database);
    let known: Fingerprint = await fingerprint(server.database, plan);
    let fMark = await writeMark(server.database);
    const mismatches: string[] = [];
    let cases = 0;
    const keys = routeTable(server.app)
      .map((r) => r.key)
      .filter((k) => ROWS[k]);
    keys.sort((x, y) => Number(ROWS[x].last ?? false) - Number(ROWS[y].last ?? false));

    for (const key of keys) {
      const rowDef = ROWS[key];
      for (const role of ROLES) {
        for (const scope of rowDef.scoped ? SCOPES : (["own"] as const)) {
          const cell = rowDef.expect[role];
          const expected = typeof cell === "string" ? cell : cell[SCOPES.indexOf(scope)];
          const req = await rowDef.req(ctx, scope);
          let client = clients.get(role) ?? null;
          if (req.freshSession && LOGIN[role]) client = await new Client(server.url).login(LOGIN[role] as string, PASSWORD);
          if (key === "POST /api/auth/login") req.body = LOGIN[role] ? { login: LOGIN[role], password: PASSWORD } : { login: "nobody", password: "wrong-password" };

          const before = await writeMark(server.database);
          if (before !== fMark) {
            known = await fingerprint(server.database, plan);
            fMark = before;
          }
          const { res, body } = await send(server.url, client, req);
          cases++;
          const what = `${key} as ${role}${rowDef.scoped ? `, ${scope}` : ""} (${req.method} ${req.path})`;
          if (!matches(expected, res.status)) {
            mismatches.push(`${what}: expected ${expected}, got ${res.status} ${body.toString("utf8").slice(0, 200)}`);
          }
          if (res.status >= 200 && res.status < 300) {
            const text = await textOf(res, body);
            const seen = NEVER_SEEN[role].filter((m) => text.includes(m));
            if (seen.length) mismatches.push(`${what}: the answer shows ${seen.join(", ")}`);
            if (expected === "2xx:empty" && JSON.parse(text).items?.length !== 0) mismatches.push(`${what}: expected no entries, got ${text.slice(0, 200)}`);
          }
          if (res.status >= 400 && res.status < 500 && (await writeMark(server.database)) !== before) {
            const after = await fingerprint(server.database, plan);
            const diff = fingerprintDiff(known, after);
            if (diff.length) mismatches.push(`${what}: refused with ${res.status} but changed data: ${diff.join("; ")}`);
            known = after;
            fMark = await writeMark(server.database);
          }
          await rowDef.after?.(ctx, role);
        }
      }
    }
    console.log(`access matrix ${target}: ${keys.length} routes × ${ROLES.length} roles, ${cases} cases`);
    expect(mismatches).toEqual([]);
  }, 600_000);
});

async function send(baseUrl: string, client: Client | null, req: Req): Promise<{ res: Response; body: Buffer }> {
  const headers: Record<string, string> = client ? { cookie: client.cookieHeader } : {};
  let body: string | FormData | undefined;
  if (req.file) {
    body = new FormData();
    body.append("file", new Blob([new Uint8Array(req.file.data)]), req.file.name);
  } else if (req.body !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(req.body);
  }
  const res = await fetch(baseUrl + req.path, { method: req.method, headers, body, redirect: "manual" });
  return { res, body: Buffer.from(await res.arrayBuffer()) };
}
