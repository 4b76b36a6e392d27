import { randomBytes } from "node:crypto";
import { sql, type SQL } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isValidInn, isValidOgrn, isValidSnils } from "../../shared/validators.js";
import { openDatabase, type Db } from "../db/client.js";
import { generateDemo, type DemoResult } from "./generate.js";
import { FEMALE_NAMES, MALE_NAMES, MALE_SURNAMES, femaleSurname, patronymic } from "./names.js";
import { Rng, addYears } from "./rng.js";

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
      } finally {
        await again.close();
        await other.close();
      }
    }, 120_000);

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
          (select string_agg(concat_ws('|', id, organization_id, kind, level, valid_from, valid_to, note), ',' order by id) from organization_statuses)
        )) as digest`,
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

  it("moves 29 February to the 28th in a common year", () => {
    expect(addYears("2024-02-29", -1)).toBe("2023-02-28");
    expect(addYears("2026-09-01", -35)).toBe("1991-09-01");
  });
});
