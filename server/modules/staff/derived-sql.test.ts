import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { queryRows, type Database } from "../../db/client.js";
import { DB_TARGETS, openTestDatabase } from "../../testing/harness.js";
import { ageOn, categoryOn, isYoungTeacher, type Category } from "../../../shared/derived.js";
import { categoryOnSql, under35Sql, youngTeacherSql } from "./derived-sql.js";

// The SQL used for filters and reports must agree with the TypeScript shown on cards.
const DATES = ["2025-02-28", "2025-03-01", "2026-02-28", "2026-09-01", "2026-11-22", "2026-11-23", "2027-02-28", "2027-03-01"];
const PEOPLE = [
  { birthDate: "1991-11-23", pedWorkStart: "2023-11-23" },
  { birthDate: "1992-02-29", pedWorkStart: "2024-02-29" },
  { birthDate: "1990-03-01", pedWorkStart: "2024-03-01" },
  { birthDate: "1992-02-28", pedWorkStart: "2023-09-01" },
];
const CATEGORIES: { category: Category; assignedOn: string }[] = [
  { category: "highest", assignedOn: "2020-02-29" },
  { category: "first", assignedOn: "2021-11-23" },
  { category: "first", assignedOn: "2022-02-28" },
  { category: "conformity", assignedOn: "2010-01-01" },
];

describe.each(DB_TARGETS)("derived facts in SQL agree with TypeScript (%s)", (target) => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase(target);
  });
  afterAll(async () => database?.close());

  it("under 35 and young teacher at boundary dates", async () => {
    for (const p of PEOPLE) {
      for (const asOf of DATES) {
        const [row] = await queryRows<{ under35: boolean; young: boolean }>(
          database.db,
          sql`select ${under35Sql(sql`${p.birthDate}::date`, asOf)} as under35,
            ${youngTeacherSql({ birthDate: sql`${p.birthDate}::date`, pedWorkStart: sql`${p.pedWorkStart}::date` }, asOf)} as young`,
        );
        expect({ ...p, asOf, under35: row.under35, young: row.young }).toEqual({
          ...p,
          asOf,
          under35: (ageOn(p.birthDate, asOf) ?? 99) < 35,
          young: isYoungTeacher(p, asOf),
        });
      }
    }
  });

  it("category in force at boundary dates", async () => {
    await database.db.execute(sql`insert into municipalities (code, name) values ('x', 'X')`);
    const [{ id: personId }] = await queryRows<{ id: number }>(
      database.db,
      sql`insert into persons (municipality_id, surname, name) select id, 'Тест', 'Тест' from municipalities returning id`,
    );
    for (const c of CATEGORIES) {
      await database.db.execute(sql`delete from qualification_categories`);
      await database.db.execute(
        sql`insert into qualification_categories (municipality_id, person_id, category, assigned_on)
            select municipality_id, id, ${c.category}, ${c.assignedOn} from persons`,
      );
      for (const asOf of [...DATES, "2025-02-27", "2026-11-24", "2027-02-27"]) {
        const [row] = await queryRows<{ category: string }>(database.db, sql`select ${categoryOnSql(sql`${personId}::int`, asOf)} as category`);
        const ts = categoryOn([c], asOf);
        const expected = !ts || ts.expired ? "none" : ts.category;
        expect({ ...c, asOf, category: row.category }).toEqual({ ...c, asOf, category: expected });
      }
    }
  });
});
