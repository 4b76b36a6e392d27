// The first day of a real municipality: a municipality made by `municipality create`, then the
// district's own three files, as received, with no hand editing — and the seed 003 figures.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { queryRows } from "../db/client.js";
import { Client, DB_TARGETS, openTestDatabase, startTestServer, type TestServer } from "../testing/harness.js";
import { createMunicipality } from "../modules/municipalities/service.js";
import { systemActor } from "../auth/policies.js";
import { createImport, runImport } from "./engine.js";
import { coursesFile, districtModel, IRO_SPELLINGS, organizationsFile, staffFile } from "./fixtures/district.js";

const PASSWORD = "district-password-1";

const upload = (client: Client, file: Buffer, fileName: string, kind: string) => client.uploadFile(`/api/imports?kind=${kind}`, "file", file, fileName);

describe.each(DB_TARGETS)("a district's first day, from its own files (%s)", (target) => {
  let server: TestServer;
  let admin: Client;
  let municipalityId: number;
  const model = districtModel();
  const rows = <T>(statement: ReturnType<typeof sql>) => queryRows<T>(server.database.db, statement);

  beforeAll(async () => {
    const database = await openTestDatabase(target);
    const created = await createMunicipality(database.db, { code: "severny", name: "Северный район", regionCode: "54", admin: { login: "metod", fullName: "Методистова Анна Ивановна", password: PASSWORD } });
    municipalityId = created.municipality.id;
    server = await startTestServer(database);
    admin = await new Client(server.url).login("metod", PASSWORD);
  });
  afterAll(async () => {
    await server?.close();
    await server?.database.close();
  });

  it("takes the organisations, then the staff as the schools wrote them, with no editing", async () => {
    const orgs = await upload(admin, await organizationsFile(model), "Реестр ОО.xlsx", "organizations");
    expect(orgs.status).toBe(201);
    const orgRun = await admin.post(`/api/imports/${orgs.json.id}/run`, {});
    expect(orgRun.json.rejected).toEqual([]);
    expect(orgRun.json).toMatchObject({ committed: true, created: 20 });

    const staff = await upload(admin, await staffFile(model), "Педагоги района.xlsx", "staff");
    expect(staff.status).toBe(201);
    const run = await admin.post(`/api/imports/${staff.json.id}/run`, {});
    expect(run.json.rejected).toEqual([]);
    expect(run.json.unresolved).toEqual([]);
    expect(run.json).toMatchObject({ committed: true, created: model.persons.length });
    // Categories without their date are warnings: the rows are in.
    const undated = model.persons.filter((p) => (p.category === "first" || p.category === "highest") && !p.categoryDate);
    expect(undated.length).toBeGreaterThan(0);
    expect(run.json.warnings.filter((w: { message: string }) => /без даты присвоения/.test(w.message)).length).toBeGreaterThanOrEqual(undated.length);

    // Part-timers are one person with two places of work.
    const [{ persons, jobs }] = await rows<{ persons: number; jobs: number }>(
      sql`select (select count(*)::int from persons where municipality_id = ${municipalityId}) as persons,
                 (select count(*)::int from employments where municipality_id = ${municipalityId}) as jobs`,
    );
    expect(persons).toBe(model.persons.length);
    expect(jobs).toBe(model.persons.reduce((n, p) => n + p.orgs.length, 0));

    // Every organisation got exactly its own staff: «Озерки» and «Озёрки» are told apart by «ё».
    const perOrg = await rows<{ name: string; n: number }>(
      sql`select o.short_name as name, count(*)::int as n from employments e join organizations o on o.id = e.organization_id
          where e.municipality_id = ${municipalityId} group by o.short_name`,
    );
    const expected = new Map<string, number>();
    for (const p of model.persons) for (const key of p.orgs) {
      const name = model.orgs.find((o) => o.key === key)?.shortName as string;
      expected.set(name, (expected.get(name) ?? 0) + 1);
    }
    expect(Object.fromEntries(perOrg.map((r) => [r.name, r.n]))).toEqual(Object.fromEntries(expected));

    // A position that names its subjects, and subjects written short, land as position + subjects.
    const subjectsOf = await rows<{ name: string; position: string; subjects: string }>(
      sql`select p.surname || ' ' || p.name || ' ' || coalesce(p.patronymic, '') as name, pos.name as position,
            coalesce((select string_agg(s.name, ', ' order by s.name) from subjects s where s.id = any(e.subject_ids)), '') as subjects
          from persons p join employments e on e.person_id = p.id join positions pos on pos.id = e.position_id
          where p.municipality_id = ${municipalityId} and e.is_main`,
    );
    const byName = new Map(subjectsOf.map((r) => [r.name.trim(), r]));
    for (const p of model.persons) {
      const got = byName.get(p.fullName);
      expect(got, p.fullName).toBeDefined();
      expect(got?.subjects, `${p.fullName}: ${p.position}`).toBe([...p.subjects].sort().join(", "));
      if (/^учитель\s/i.test(p.position) || /^учитель$/i.test(p.position)) expect(got?.position).toBe("учитель");
    }
  });

  it("takes the course sheet with --accept-suggestions: one provider for the institute's four spellings, no new organisations or people", async () => {
    const [{ orgsBefore, personsBefore }] = await rows<{ orgsBefore: number; personsBefore: number }>(
      sql`select (select count(*)::int from organizations where municipality_id = ${municipalityId}) as "orgsBefore",
                 (select count(*)::int from persons where municipality_id = ${municipalityId}) as "personsBefore"`,
    );
    const actor = systemActor(municipalityId);
    const file = await coursesFile(model);
    const preview = await createImport(server.database.db, { actor, kind: "completions", fileName: "Мониторинг КПК.xlsx", file });
    // Without the flag every row of an unknown provider is held back, once per value.
    const plain = await runImport(server.database.db, { actor, importId: preview.id, dryRun: true, skipInvalid: false });
    const unknownIro = plain.unresolved.filter((u) => IRO_SPELLINGS.includes(u.value));
    expect(unknownIro.map((u) => u.value).sort()).toEqual([...IRO_SPELLINGS].sort());
    expect(new Set(unknownIro.map((u) => (u.proposal?.action === "create" ? u.proposal.name : null)))).toEqual(new Set([IRO_SPELLINGS[0]]));

    const result = await runImport(server.database.db, { actor, importId: preview.id, dryRun: false, skipInvalid: false, acceptSuggestions: { confidence: 0.85 } });
    expect(result.rejected).toEqual([]);
    expect(result.committed).toBe(true);
    expect(result.created).toBe(model.persons.reduce((n, p) => n + p.courses.length, 0));
    const iro = result.resolutions.filter((r) => IRO_SPELLINGS.includes(r.value));
    expect(iro.every((r) => r.action === "created" && r.target === IRO_SPELLINGS[0])).toBe(true);

    const institutes = await rows<{ id: number; name: string; aliases: number }>(
      sql`select p.id, p.short_name as name, (select count(*)::int from provider_aliases a where a.provider_id = p.id) as aliases
          from providers p where p.municipality_id = ${municipalityId} and p.kind = 'regional_institute'`,
    );
    expect(institutes).toEqual([{ id: expect.any(Number), name: IRO_SPELLINGS[0], aliases: 3 }]);
    const [{ orgsAfter, personsAfter }] = await rows<{ orgsAfter: number; personsAfter: number }>(
      sql`select (select count(*)::int from organizations where municipality_id = ${municipalityId}) as "orgsAfter",
                 (select count(*)::int from persons where municipality_id = ${municipalityId}) as "personsAfter"`,
    );
    expect({ orgsAfter, personsAfter }).toEqual({ orgsAfter: orgsBefore, personsAfter: personsBefore });
  });

  it("gives the seed 003 figures counted from the files with a plain loop", async () => {
    const from = "2025-09-01";
    const to = "2026-08-31";
    const inPeriod = (p: (typeof model.persons)[number]) => p.courses.filter((c) => c.to >= from && c.to <= to);
    const trained = model.persons.filter((p) => inPeriod(p).length > 0);
    const atIro = model.persons.filter((p) => inPeriod(p).some((c) => c.provider === "iro"));
    const elsewhere = model.persons.filter((p) => inPeriod(p).some((c) => c.provider !== "iro"));
    const res = await admin.get(`/api/pd/report?from=${from}&to=${to}`);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      staffTotal: model.persons.length,
      trainedPersons: trained.length,
      regionalInstitutePersons: atIro.length,
      otherProvidersPersons: elsewhere.length,
      share: Math.round((trained.length / model.persons.length) * 1000) / 10,
    });
  });

  it("resolves unknown values once per value on the check step, and the next file matches by itself", async () => {
    const csv =
      "ФИО;Дата рождения;ОО;Должность;Предмет\n" +
      "Вербина Агния Фомична;01.02.1991;СОШ 5 Ивановка;педагог-наставник;\n" +
      "Вербин Глеб Фомич;03.04.1989;СОШ 5 Ивановка;учитель;черчение\n" +
      "Вербина Злата Фомична;05.06.1995;МБОУ СОШ № 12 с. Сосновка;Педагог-наставник;Черчение\n";
    const first = await upload(admin, Buffer.from(csv), "наставники.csv", "staff");
    const check = await admin.post(`/api/imports/${first.json.id}/run`, { dryRun: true });
    expect(check.status).toBe(200);
    type Unresolved = { field: string; value: string; rows: number[]; status: string; candidates: { id: number; name: string; score: number }[]; proposal: { action: string } | null };
    const byValue = new Map((check.json.unresolved as Unresolved[]).map((u) => [`${u.field}|${u.value}`, u]));
    // One entry per value, however many rows and spellings of case it has.
    expect([...byValue.keys()].sort()).toEqual(["organization|СОШ 5 Ивановка", "position|педагог-наставник", "subjects|черчение"]);
    expect(byValue.get("position|педагог-наставник")?.rows).toEqual([2, 4]);
    const school = byValue.get("organization|СОШ 5 Ивановка") as Unresolved;
    expect(school.candidates[0]).toMatchObject({ name: "МБОУ СОШ № 5 с. Ивановка" });
    expect(school.candidates[0].score).toBeGreaterThan(school.candidates[1]?.score ?? 0);
    expect([...new Set(check.json.rejected.map((e: { row: number }) => e.row))].sort()).toEqual([2, 3, 4]);

    const decisions = [
      { field: "organization", value: "СОШ 5 Ивановка", action: "match", targetId: school.candidates[0].id },
      { field: "position", value: "педагог-наставник", action: "create" },
      { field: "subjects", value: "черчение", action: "create" },
    ];
    const checked = await admin.post(`/api/imports/${first.json.id}/run`, { dryRun: true, decisions });
    expect(checked.json).toMatchObject({ rejected: [], unresolved: [], created: 3 });
    // A check writes nothing: no position yet.
    expect((await rows<{ n: number }>(sql`select count(*)::int as n from positions where name = 'педагог-наставник'`))[0].n).toBe(0);
    const done = await admin.post(`/api/imports/${first.json.id}/run`, { decisions });
    expect(done.json).toMatchObject({ committed: true, created: 3 });
    expect((await rows<{ n: number }>(sql`select count(*)::int as n from positions where name = 'педагог-наставник'`))[0].n).toBe(1);
    // Decisions are audited with the import.
    const audited = await rows<{ entity_type: string }>(sql`select entity_type from audit_log where import_id = ${first.json.id} and entity_type in ('position', 'subject', 'organization_alias')`);
    expect(audited.map((a) => a.entity_type).sort()).toEqual(["organization_alias", "position", "subject"]);

    // The same spellings in the next file match by themselves.
    const again = await upload(admin, Buffer.from(csv.replace(/Вербин/g, "Дубин")), "наставники 2.csv", "staff");
    const second = await admin.post(`/api/imports/${again.json.id}/run`, { dryRun: true });
    expect(second.json).toMatchObject({ rejected: [], unresolved: [], created: 3 });

    // Undo of the first import takes its decisions back with it, while nothing else uses them.
    const undone = await admin.post(`/api/imports/${first.json.id}/undo`);
    expect(undone.status).toBe(200);
    expect((await rows<{ n: number }>(sql`select count(*)::int as n from positions where name = 'педагог-наставник'`))[0].n).toBe(0);
    expect((await rows<{ n: number }>(sql`select count(*)::int as n from organization_aliases where alias = 'СОШ 5 Ивановка'`))[0].n).toBe(0);
  });

  it("lets only the admin create an organisation, and a coordinator map values only to their own", async () => {
    const [{ id: ozerki }] = await rows<{ id: number }>(sql`select id from organizations where short_name = 'МБОУ ООШ с. Озерки'`);
    const [{ id: sosh1 }] = await rows<{ id: number }>(sql`select id from organizations where short_name = 'МБОУ СОШ № 1 с. Ивановка'`);
    await admin.post("/api/users", { login: "zam-ozerki", fullName: "Заместова Ия Фомична", role: "org_coordinator", organizationId: ozerki, password: PASSWORD });
    const coordinator = await new Client(server.url).login("zam-ozerki", PASSWORD);
    const csv = "ФИО;Дата рождения;ОО;Должность\nЧуткова Ия Фомична;01.02.1991;ООШ Озерки;учитель\n";
    const file = await upload(coordinator, Buffer.from(csv), "ооо.csv", "staff");
    expect(file.status).toBe(201);
    const create = await coordinator.post(`/api/imports/${file.json.id}/run`, { dryRun: true, decisions: [{ field: "organization", value: "ООШ Озерки", action: "create" }] });
    expect(create.status).toBe(403);
    const other = await coordinator.post(`/api/imports/${file.json.id}/run`, { dryRun: true, decisions: [{ field: "organization", value: "ООШ Озерки", action: "match", targetId: sosh1 }] });
    expect(other.status).toBe(400);
    const own = await coordinator.post(`/api/imports/${file.json.id}/run`, { dryRun: true, decisions: [{ field: "organization", value: "ООШ Озерки", action: "match", targetId: ozerki }] });
    expect(own.json).toMatchObject({ rejected: [], created: 1 });
  });

  it("records a course without hours with a warning, and does not count it for the three-year rule", async () => {
    const person = model.persons.find((p) => p.courses.length === 0) as (typeof model.persons)[number];
    const csv = `ФИО;Тема КПК;Место прохождения;Кол-во часов;Сроки прохождения\n${person.fullName};Наставничество в школе;ИРО СК;;с 02.02.2026 по 06.02.2026\n`;
    const up = await upload(admin, Buffer.from(csv), "без часов.csv", "completions");
    const run = await admin.post(`/api/imports/${up.json.id}/run`, {});
    expect(run.json).toMatchObject({ committed: true, created: 1, rejected: [] });
    expect(run.json.warnings).toEqual([expect.objectContaining({ row: 2, column: "Кол-во часов", message: expect.stringMatching(/^Не указано количество часов/) })]);
    const [programme] = await rows<{ hours: number | null }>(sql`select hours from programmes where title = 'Наставничество в школе'`);
    expect(programme.hours).toBeNull();
    const [{ id }] = await rows<{ id: number }>(sql`select id from persons where surname || ' ' || name || ' ' || patronymic = ${person.fullName}`);
    const status = await admin.get(`/api/pd/staff/${id}?asOf=2026-03-01`);
    expect(status.status).toBe(200);
    expect(status.json.status.lastCourse).toBeNull();
  });

  it("never matches a clearly unknown organisation, even with --accept-suggestions", async () => {
    const actor = systemActor(municipalityId);
    const csv = "ФИО;Дата рождения;ОО;Должность\nНовенький Аким Фомич;01.02.1990;МБОУ СОШ № 99 с. Неизвестное;учитель\nСтаренький Лука Фомич;01.03.1980;СОШ № 5 Ивановка;учитель\n";
    const preview = await createImport(server.database.db, { actor, kind: "staff", fileName: "новые.csv", file: Buffer.from(csv) });
    const result = await runImport(server.database.db, { actor, importId: preview.id, dryRun: true, skipInvalid: false, acceptSuggestions: { confidence: 0.85 } });
    expect(result.resolutions).toEqual(
      expect.arrayContaining([
        { column: "ОО", value: "МБОУ СОШ № 99 с. Неизвестное", action: "unresolved", target: null, rows: 1 },
        { column: "ОО", value: "СОШ № 5 Ивановка", action: "matched", target: "МБОУ СОШ № 5 с. Ивановка", rows: 1 },
      ]),
    );
    expect(result.rejected.map((e) => e.row)).toEqual([2]);
    // A dry run leaves no alias behind.
    const aliases = await rows<{ n: number }>(sql`select count(*)::int as n from organization_aliases where municipality_id = ${municipalityId}`);
    expect(aliases[0].n).toBe(0);
  });
});
