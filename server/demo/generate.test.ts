import { randomBytes } from "node:crypto";
import { sql, type SQL } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isValidInn, isValidOgrn, isValidSnils } from "../../shared/validators.js";
import { openDatabase, type Db } from "../db/client.js";
import { matchKey } from "../imports/match-key.js";
import { pdStatusLateral } from "../modules/pd/rule.js";
import { generateDemo, type DemoResult } from "./generate.js";
import { FEMALE_NAMES, MALE_NAMES, MALE_SURNAMES, femaleSurname, patronymic } from "./names.js";
import { Rng, addYears, daysToIso, isoToDays } from "./rng.js";

const AS_OF = "2026-09-01";
const SEED = 1;

type FreshDb = { db: Db; close(): Promise<void> };

async function rows<T>(db: Db, statement: SQL): Promise<T[]> {
  return ((await db.execute(statement)) as { rows: T[] }).rows;
}

async function freshPglite(): Promise<FreshDb> {
  const database = await openDatabase({ dataDir: null });
  return { db: database.db, close: () => database.close() };
}

/** A database of its own on the test server, dropped on close. */
async function freshPostgres(baseUrl: string): Promise<FreshDb> {
  const name = `metodist_demo_${randomBytes(6).toString("hex")}`;
  await withAdmin(baseUrl, (admin) => admin.query(`create database ${name}`));
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), dataDir: null });
  return {
    db: database.db,
    close: async () => {
      await database.close();
      await withAdmin(baseUrl, (admin) => admin.query(`drop database if exists ${name}`));
    },
  };
}

async function withAdmin(url: string, run: (client: pg.Client) => Promise<unknown>): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await run(client);
  } finally {
    await client.end();
  }
}

const asOfDate = sql.raw(`date '${AS_OF}'`);
/** A report's definition of "active on asOf": not dismissed by then. */
const active = sql.raw(`(e.dismissal_date is null or e.dismissal_date > date '${AS_OF}')`);

function describeDemo(backend: string, open: () => Promise<FreshDb>): void {
  describe(`generateDemo at municipality scale on ${backend}`, () => {
    let fresh: FreshDb;
    let db: Db;
    let result: DemoResult;
    let municipalityId: number;

    beforeAll(async () => {
      fresh = await open();
      db = fresh.db;
      result = await generateDemo(db, { scale: "municipality", seed: SEED, asOf: AS_OF });
      municipalityId = result.municipalities[0].id;
    }, 120_000);

    afterAll(async () => {
      await fresh?.close();
    });

    it("creates one municipality with 81 organisations: 36 schools, 38 kindergartens, 7 additional", async () => {
      expect(result.municipalities).toEqual([
        { id: municipalityId, code: "demo", name: "Муниципальное образование Заречный район" },
      ]);
      expect(result.organizations).toBe(81);
      const byKind = await rows<{ kind: string; n: number }>(
        db,
        sql`select kind, count(*)::int as n from organizations where municipality_id = ${municipalityId} group by kind order by kind`,
      );
      expect(byKind).toEqual([
        { kind: "additional", n: 7 },
        { kind: "preschool", n: 38 },
        { kind: "school", n: 36 },
      ]);
    });

    it("employs 1631 distinct persons, each with exactly one active main employment", async () => {
      expect(result.persons).toBe(1631);
      const [counts] = await rows<{ persons: number; employed: number; mains: number }>(
        db,
        sql`select
              (select count(*) from persons where municipality_id = ${municipalityId})::int as persons,
              (select count(distinct e.person_id) from employments e where e.municipality_id = ${municipalityId} and ${active})::int as employed,
              (select count(*) from employments e where e.municipality_id = ${municipalityId} and e.is_main and ${active})::int as mains`,
      );
      expect(counts).toEqual({ persons: 1631, employed: 1631, mains: 1631 });
    });

    it("splits staff by the kind of the main employment 967 / 536 / 128 with exact shares", async () => {
      const report = await rows<{ kind: string; n: number; higher: number; category: number; under35: number }>(
        db,
        sql`with main as (
              select e.person_id, o.kind
              from employments e join organizations o on o.id = e.organization_id
              where e.municipality_id = ${municipalityId} and e.is_main and ${active}
            )
            select m.kind, count(*)::int as n,
              count(*) filter (where exists (
                select 1 from educations ed where ed.person_id = m.person_id and ed.level = 'higher'))::int as higher,
              count(*) filter (where (
                select q.category in ('first', 'highest') and q.assigned_on > ${asOfDate} - interval '5 years'
                from qualification_categories q
                where q.person_id = m.person_id and q.assigned_on <= ${asOfDate}
                order by q.assigned_on desc, q.id desc limit 1))::int as category,
              count(*) filter (where age(${asOfDate}, p.birth_date) < interval '35 years')::int as under35
            from main m join persons p on p.id = m.person_id
            group by m.kind order by m.kind`,
      );
      const expected = {
        additional: { n: 128, higher: 0.88, category: 0.57, under35: 0.35 },
        preschool: { n: 536, higher: 0.65, category: 0.56, under35: 0.3 },
        school: { n: 967, higher: 0.9, category: 0.57, under35: 0.27 },
      };
      expect(report.map((r) => r.kind)).toEqual(Object.keys(expected));
      for (const row of report) {
        const want = expected[row.kind as keyof typeof expected];
        expect(row.n, row.kind).toBe(want.n);
        for (const share of ["higher", "category", "under35"] as const) {
          expect(Math.abs(row[share] / row.n - want[share]), `${row.kind} ${share}`).toBeLessThanOrEqual(0.01);
          // The generator promises more than the report's tolerance: exact person counts.
          expect(row[share], `${row.kind} ${share}`).toBe(Math.round(want[share] * want.n));
        }
      }
    });

    it("keeps ages within 21..70 and pedagogical work from age 19 on", async () => {
      const [check] = await rows<{ youngest: number; oldest: number; early: number; newcomers: number }>(
        db,
        sql`select
              min(extract(year from age(${asOfDate}, birth_date)))::int as youngest,
              max(extract(year from age(${asOfDate}, birth_date)))::int as oldest,
              count(*) filter (where ped_work_start < birth_date + interval '19 years')::int as early,
              count(*) filter (where age(${asOfDate}, birth_date) < interval '35 years'
                and age(${asOfDate}, ped_work_start) < interval '3 years')::int as newcomers
            from persons where municipality_id = ${municipalityId}`,
      );
      expect(check.youngest).toBeGreaterThanOrEqual(21);
      expect(check.oldest).toBeLessThanOrEqual(70);
      expect(check.early).toBe(0);
      expect(check.newcomers).toBeGreaterThan(50);
    });

    it("gives valid check digits to every СНИЛС, ИНН and ОГРН, and СНИЛС to about 70%", async () => {
      const snils = await rows<{ snils: string | null }>(
        db,
        sql`select snils from persons where municipality_id = ${municipalityId}`,
      );
      const given = snils.flatMap((r) => (r.snils ? [r.snils] : []));
      expect(given.every((s) => /^\d{3}-\d{3}-\d{3} \d{2}$/.test(s) && isValidSnils(s))).toBe(true);
      expect(given.length / snils.length).toBeGreaterThan(0.65);
      expect(given.length / snils.length).toBeLessThan(0.75);
      const orgs = await rows<{ inn: string; ogrn: string }>(
        db,
        sql`select inn, ogrn from organizations where municipality_id = ${municipalityId}`,
      );
      expect(orgs.filter((o) => !/^\d{10}$/.test(o.inn) || !isValidInn(o.inn))).toEqual([]);
      expect(orgs.filter((o) => !/^\d{13}$/.test(o.ogrn) || !isValidOgrn(o.ogrn))).toEqual([]);
    });

    it("puts about 5% of staff part-time into another organisation of the same kind", async () => {
      const [parts] = await rows<{ total: number; misplaced: number }>(
        db,
        sql`select count(*)::int as total,
              count(*) filter (where so.kind <> mo.kind or so.id = mo.id)::int as misplaced
            from employments e
            join organizations so on so.id = e.organization_id
            join employments m on m.person_id = e.person_id and m.is_main and m.dismissal_date is null
            join organizations mo on mo.id = m.organization_id
            where e.municipality_id = ${municipalityId} and not e.is_main and ${active}`,
      );
      expect(parts.misplaced).toBe(0);
      expect(parts.total).toBeGreaterThan(1631 * 0.04);
      expect(parts.total).toBeLessThan(1631 * 0.06);
    });

    it("gives school teachers 1–2 subjects and nobody else any", async () => {
      const [check] = await rows<{ wrong: number; teachers: number }>(
        db,
        sql`select
              count(*) filter (where (p.name = 'учитель') <> (cardinality(e.subject_ids) between 1 and 2))::int as wrong,
              count(*) filter (where p.name = 'учитель')::int as teachers
            from employments e join positions p on p.id = e.position_id
            where e.municipality_id = ${municipalityId}`,
      );
      expect(check.wrong).toBe(0);
      expect(check.teachers).toBeGreaterThan(700);
    });

    it("names each organisation's head after its руководитель", async () => {
      const [check] = await rows<{ mismatched: number }>(
        db,
        sql`select count(*)::int as mismatched
            from organizations o
            where o.municipality_id = ${municipalityId} and o.head_name is distinct from (
              select p.surname || ' ' || p.name || ' ' || p.patronymic
              from employments e join persons p on p.id = e.person_id join positions ps on ps.id = e.position_id
              where e.organization_id = o.id and e.is_main and ps.name = 'руководитель' and e.dismissal_date is null)`,
      );
      expect(check.mismatched).toBe(0);
    });

    it("gives the same data for the same seed and different data for another", async () => {
      const again = await open();
      const other = await open();
      try {
        await generateDemo(again.db, { scale: "municipality", seed: SEED, asOf: AS_OF });
        await generateDemo(other.db, { scale: "municipality", seed: SEED + 1, asOf: AS_OF });
        const [first, second, third] = await Promise.all([db, again.db, other.db].map(personNames));
        expect(second).toEqual(first);
        expect(third).not.toEqual(first);
        expect(await fingerprint(again.db)).toBe(await fingerprint(db));
        const [mine, same, others] = await Promise.all([db, again.db, other.db].map(completionsDigest));
        expect(same).toBe(mine);
        expect(others).not.toBe(mine);
      } finally {
        await again.close();
        await other.close();
      }
    }, 120_000);

    it("registers eight providers of professional development with the regional institute's other names", async () => {
      const providers = await rows<{ kind: string; n: number }>(
        db,
        sql`select kind, count(*)::int as n from providers where municipality_id = ${municipalityId} group by kind order by kind`,
      );
      expect(providers).toEqual([
        { kind: "cnppm", n: 1 },
        { kind: "federal", n: 2 },
        { kind: "other", n: 2 },
        { kind: "regional_institute", n: 1 },
        { kind: "university", n: 2 },
      ]);
      const aliases = await rows<{ kind: string; name: string; short_name: string; alias: string; alias_key: string }>(
        db,
        sql`select pv.kind, pv.name, pv.short_name, a.alias, a.alias_key
            from provider_aliases a join providers pv on pv.id = a.provider_id
            where a.municipality_id = ${municipalityId} order by a.id`,
      );
      const institute = aliases.filter((a) => a.kind === "regional_institute");
      expect(institute.length).toBeGreaterThanOrEqual(3);
      expect(institute.length).toBeLessThanOrEqual(4);
      for (const a of aliases) {
        expect(a.alias_key).toBe(matchKey(a.alias));
        // An alias is another name: the provider's own names match without one.
        expect([matchKey(a.name), matchKey(a.short_name)]).not.toContain(a.alias_key);
      }
      expect(new Set(aliases.map((a) => a.alias_key)).size).toBe(aliases.length);
      const inns = await rows<{ inn: string }>(db, sql`select inn from providers where municipality_id = ${municipalityId}`);
      expect(inns.filter((p) => !/^\d{10}$/.test(p.inn) || !isValidInn(p.inn))).toEqual([]);
    });

    it("offers about 25 programmes: upgrade courses of 16–108 hours, two 8-hour seminars, three retraining programmes", async () => {
      const list = await rows<{ title: string; hours: number; kind: string; pedagogical: boolean; form: string; federal_register: boolean; federal_register_id: string | null; topics: string[]; provider_kind: string }>(
        db,
        sql`select pr.title, pr.hours, pr.kind, pr.pedagogical, pr.form, pr.federal_register, pr.federal_register_id, pr.topics,
              pv.kind as provider_kind
            from programmes pr join providers pv on pv.id = pr.provider_id
            where pr.municipality_id = ${municipalityId} order by pr.id`,
      );
      expect(list.length).toBeGreaterThanOrEqual(20);
      expect(list.length).toBeLessThanOrEqual(32);
      const upgrades = list.filter((p) => p.kind === "upgrade");
      expect(upgrades.filter((p) => p.hours === 8)).toHaveLength(2);
      expect(upgrades.every((p) => [8, 16, 18, 24, 36, 72, 108].includes(p.hours))).toBe(true);
      const retraining = list.filter((p) => p.kind === "retraining");
      expect(retraining).toHaveLength(3);
      expect(retraining.every((p) => p.hours >= 250 && p.hours <= 520)).toBe(true);
      expect(retraining.filter((p) => p.pedagogical).map((p) => p.title).sort()).toEqual([
        "Педагогика и психология",
        "Педагогическое образование: учитель начальных классов",
      ]);
      expect(list.every((p) => p.federal_register === (p.federal_register_id !== null))).toBe(true);
      expect(list.filter((p) => p.federal_register).every((p) => /^ФР-\d{4}-\d{4}$/.test(p.federal_register_id ?? ""))).toBe(true);
      expect(list.some((p) => p.federal_register)).toBe(true);
      expect(new Set(list.map((p) => p.form))).toEqual(new Set(["full_time", "mixed", "extramural", "distance"]));
      expect(list.filter((p) => p.provider_kind === "federal").every((p) => p.form === "distance" || p.form === "mixed")).toBe(true);
      expect(list.filter((p) => p.topics.includes("управление")).length).toBeGreaterThanOrEqual(2);
    });

    it("gives every person a course history of about 3.3 courses with certificates", async () => {
      expect(result.completions).toBeGreaterThan(1631 * 3);
      expect(result.completions).toBeLessThan(1631 * 3.7);
      const [check] = await rows<{ total: number; persons: number; completed_late: number; bad_dates: number; no_certificate: number; long: number; unconfirmed: number; planned: number; not_completed: number; duplicate_numbers: number; before_start: number }>(
        db,
        sql`select count(*)::int as total,
              count(distinct cc.person_id)::int as persons,
              count(*) filter (where cc.status = 'completed' and cc.date_to > ${asOfDate})::int as completed_late,
              count(*) filter (where cc.date_from > cc.date_to)::int as bad_dates,
              count(*) filter (where cc.status = 'completed' and pr.hours >= 16 and (cc.certificate_number !~ '^[0-9]{12}$'
                or cc.certificate_date is distinct from cc.date_to
                or cc.certificate_kind is distinct from case pr.kind when 'retraining' then 'diploma' else 'certificate' end)
              )::int as no_certificate,
              count(*) filter (where pr.kind = 'upgrade' and cc.date_to - cc.date_from > 21)::int as long,
              count(*) filter (where cc.status in ('planned', 'enrolled') and cc.date_to < ${asOfDate})::int as unconfirmed,
              count(*) filter (where cc.status = 'planned' and cc.date_from > ${asOfDate})::int as planned,
              count(*) filter (where cc.status = 'not_completed')::int as not_completed,
              (select count(*) from (select certificate_number from course_completions where certificate_number is not null
                group by 1 having count(*) > 1) d)::int as duplicate_numbers,
              count(*) filter (where cc.date_from < p.ped_work_start)::int as before_start
            from course_completions cc join programmes pr on pr.id = cc.programme_id join persons p on p.id = cc.person_id
            where cc.municipality_id = ${municipalityId}`,
      );
      expect(check.total).toBe(result.completions);
      expect(check.persons).toBeGreaterThan(1631 * 0.9);
      expect(check).toMatchObject({ completed_late: 0, bad_dates: 0, no_certificate: 0, long: 0, duplicate_numbers: 0, before_start: 0 });
      expect(check.unconfirmed).toBeGreaterThan(0);
      expect(check.planned).toBeGreaterThan(30);
      expect(check.not_completed).toBeGreaterThan(0);
    });

    it("gives retraining to some of the staff without pedagogical education and management courses to heads", async () => {
      const [check] = await rows<{ retrained: number; retrained_pedagogues: number; managers: number; managers_trained: number; others_trained: number }>(
        db,
        sql`with retrained as (
              select distinct cc.person_id from course_completions cc join programmes pr on pr.id = cc.programme_id
              where cc.municipality_id = ${municipalityId} and cc.status = 'completed' and pr.kind = 'retraining' and pr.pedagogical),
            managers as (
              select distinct e.person_id from employments e join positions ps on ps.id = e.position_id
              where e.municipality_id = ${municipalityId} and e.is_main and ps.is_management and e.dismissal_date is null),
            management_courses as (
              select distinct cc.person_id from course_completions cc join programmes pr on pr.id = cc.programme_id
              where cc.municipality_id = ${municipalityId} and cc.status = 'completed' and 'управление' = any(pr.topics))
            select (select count(*) from retrained)::int as retrained,
              (select count(*) from retrained r where exists (
                select 1 from educations ed where ed.person_id = r.person_id and ed.is_pedagogical))::int as retrained_pedagogues,
              (select count(*) from managers)::int as managers,
              (select count(*) from managers m join management_courses c using (person_id))::int as managers_trained,
              (select count(*) from management_courses c where c.person_id not in (select person_id from managers))::int as others_trained`,
      );
      expect(check.retrained).toBe(Math.round(1631 * 0.03));
      expect(check.retrained_pedagogues).toBe(0);
      expect(check.managers_trained / check.managers).toBeGreaterThan(0.5);
      expect(check.others_trained).toBe(0);
    });

    it("makes about 70% up to date with the three-year rule on asOf, the rest due this year or overdue", async () => {
      const split = await rows<{ pd_status: string; n: number }>(
        db,
        // Not «m»: pdStatusLateral names a subquery of its own so, and the rule would resolve to it.
        sql`select pd.pd_status, count(*)::int as n
            from persons p join municipalities mu on mu.id = p.municipality_id
            ${pdStatusLateral(sql`p.id`, AS_OF, { periodYears: sql`mu.pd_period_years`, minHours: sql`mu.pd_min_hours` })}
            where p.municipality_id = ${municipalityId}
            group by 1 order by 1`,
      );
      const share = Object.fromEntries(split.map((r) => [r.pd_status, r.n / 1631]));
      for (const status of ["up_to_date", "due_this_year", "overdue"]) {
        expect(share[status], status).toBeGreaterThan(0.05);
        expect(share[status], status).toBeLessThan(0.85);
      }
      expect(share.up_to_date).toBeGreaterThan(0.6);
      expect(share.exempt).toBeGreaterThan(0);
      expect(share.exempt).toBeLessThan(0.03);
    });

    it("exempts a handful: newcomers in their first year and people on a long leave", async () => {
      const list = await rows<{ reason: string; valid_from: string; valid_to: string | null; ped_work_start: string }>(
        db,
        sql`select x.reason, x.valid_from::text, x.valid_to::text, p.ped_work_start::text
            from pd_exemptions x join persons p on p.id = x.person_id where x.municipality_id = ${municipalityId}`,
      );
      expect(new Set(list.map((x) => x.reason))).toEqual(new Set(["first_year", "long_leave"]));
      expect(list.length).toBeLessThan(1631 * 0.03);
      const yearAgo = addYears(AS_OF, -1);
      for (const x of list.filter((x) => x.reason === "first_year")) {
        expect(x.ped_work_start > yearAgo).toBe(true);
        expect(x.valid_from).toBe(x.ped_work_start);
      }
    });

    it("refuses to generate a municipality whose code is taken", async () => {
      await expect(generateDemo(db, { scale: "municipality", seed: SEED })).rejects.toThrow(/demo/);
    });
  });
}

async function personNames(db: Db): Promise<string[]> {
  const list = await rows<{ full: string }>(
    db,
    sql`select surname || ' ' || name || ' ' || patronymic as full from persons order by id`,
  );
  return list.map((r) => r.full);
}

/** A digest of everything generated except timestamps. */
async function fingerprint(db: Db): Promise<string> {
  const [row] = await rows<{ digest: string }>(
    db,
    sql`select md5(concat_ws('#',
          (select string_agg(concat_ws('|', id, kind, full_name, short_name, inn, ogrn, address, head_name, phone, email), ',' order by id) from organizations),
          (select string_agg(concat_ws('|', id, surname, name, patronymic, birth_date, gender, snils, phone, email, ped_work_start), ',' order by id) from persons),
          (select string_agg(concat_ws('|', id, person_id, organization_id, position_id, subject_ids::text, is_main, hire_date, dismissal_date), ',' order by id) from employments),
          (select string_agg(concat_ws('|', id, person_id, level, is_pedagogical, institution, graduation_year, speciality), ',' order by id) from educations),
          (select string_agg(concat_ws('|', id, person_id, category, assigned_on), ',' order by id) from qualification_categories),
          (select string_agg(concat_ws('|', id, person_id, kind, expert_area, valid_from, valid_to), ',' order by id) from person_statuses),
          (select string_agg(concat_ws('|', id, organization_id, kind, level, valid_from, valid_to, note), ',' order by id) from organization_statuses),
          (select string_agg(concat_ws('|', id, name, short_name, kind, inn, region), ',' order by id) from providers),
          (select string_agg(concat_ws('|', id, provider_id, alias, alias_key), ',' order by id) from provider_aliases),
          (select string_agg(concat_ws('|', id, provider_id, title, hours, kind, pedagogical, form, federal_register, federal_register_id, topics::text, target_position_ids::text), ',' order by id) from programmes),
          (select string_agg(concat_ws('|', id, person_id, reason, note, valid_from, valid_to), ',' order by id) from pd_exemptions)
        )) as digest`,
  );
  return row.digest;
}

/** A digest of the course history alone. */
async function completionsDigest(db: Db): Promise<string> {
  const [row] = await rows<{ digest: string }>(
    db,
    sql`select md5(string_agg(concat_ws('|', id, person_id, programme_id, date_from, date_to, status, certificate_kind,
          certificate_number, certificate_date), ',' order by id)) as digest from course_completions`,
  );
  return row.digest;
}

describeDemo("PGlite", freshPglite);

const testDatabaseUrl = process.env.TEST_DATABASE_URL;
if (testDatabaseUrl) describeDemo("PostgreSQL", () => freshPostgres(testDatabaseUrl));

describe("synthetic names", () => {
  it("derives female surnames", () => {
    expect(femaleSurname("Иванов")).toBe("Иванова");
    expect(femaleSurname("Семёнов")).toBe("Семёнова");
    expect(femaleSurname("Ильин")).toBe("Ильина");
    expect(femaleSurname("Городецкий")).toBe("Городецкая");
    expect(femaleSurname("Покровский")).toBe("Покровская");
    expect(femaleSurname("Береговой")).toBe("Береговая");
    expect(femaleSurname("Бондаренко")).toBe("Бондаренко");
    expect(femaleSurname("Шевчук")).toBe("Шевчук");
    expect(femaleSurname("Черных")).toBe("Черных");
  });

  it("derives patronymics, including the irregular ones", () => {
    const cases: [string, string, string][] = [
      ["Иван", "Иванович", "Ивановна"],
      ["Никита", "Никитич", "Никитична"],
      ["Илья", "Ильич", "Ильинична"],
      ["Андрей", "Андреевич", "Андреевна"],
      ["Сергей", "Сергеевич", "Сергеевна"],
      ["Николай", "Николаевич", "Николаевна"],
      ["Юрий", "Юрьевич", "Юрьевна"],
      ["Дмитрий", "Дмитриевич", "Дмитриевна"],
      ["Игорь", "Игоревич", "Игоревна"],
      ["Пётр", "Петрович", "Петровна"],
      ["Павел", "Павлович", "Павловна"],
      ["Лев", "Львович", "Львовна"],
      ["Фёдор", "Фёдорович", "Фёдоровна"],
      ["Артём", "Артёмович", "Артёмовна"],
    ];
    for (const [name, male, female] of cases) {
      expect(patronymic(name, "male")).toBe(male);
      expect(patronymic(name, "female")).toBe(female);
    }
    for (const [name] of MALE_NAMES) expect(() => patronymic(name, "female")).not.toThrow();
  });

  it("has enough distinct name parts", () => {
    expect(new Set(MALE_SURNAMES).size).toBeGreaterThanOrEqual(120);
    expect(new Set(MALE_NAMES.map(([n]) => n)).size).toBeGreaterThanOrEqual(60);
    expect(new Set(FEMALE_NAMES.map(([n]) => n)).size).toBeGreaterThanOrEqual(60);
  });
});

describe("Rng", () => {
  it("repeats itself for one seed", () => {
    const a = new Rng(42);
    const b = new Rng(42);
    expect(Array.from({ length: 5 }, () => a.int(1, 100))).toEqual(Array.from({ length: 5 }, () => b.int(1, 100)));
  });

  it("shuffles into a permutation and draws dates inside the range", () => {
    const rng = new Rng(7);
    expect([...rng.shuffle([1, 2, 3, 4, 5, 6])].sort()).toEqual([1, 2, 3, 4, 5, 6]);
    for (let i = 0; i < 100; i++) {
      const d = rng.date("2024-02-27", "2024-03-02");
      expect(d >= "2024-02-27" && d <= "2024-03-02").toBe(true);
    }
  });

  it("turns day numbers into the dates a Date gives", () => {
    for (let day = isoToDays("1940-01-01"); day <= isoToDays("2100-12-31"); day++) {
      const iso = new Date(day * 86_400_000).toISOString().slice(0, 10);
      if (daysToIso(day) !== iso || isoToDays(iso) !== day) expect(daysToIso(day)).toBe(iso);
    }
  });

  it("moves 29 February to the 28th in a common year", () => {
    expect(addYears("2024-02-29", -1)).toBe("2023-02-28");
    expect(addYears("2026-09-01", -35)).toBe("1991-09-01");
  });
});
