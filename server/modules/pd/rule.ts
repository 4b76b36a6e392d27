// The three-year rule: every pedagogical worker takes an upgrade course (повышение
// квалификации) of at least N hours every P years. Computed on a date, in SQL, for one person or
// for a whole region at once; never stored.
import { sql, type SQL } from "drizzle-orm";
import { eq } from "drizzle-orm";
import type { Queryable } from "../../db/client.js";
import { municipalities } from "../../db/schema.js";
import type { PdStatus } from "../../../shared/domain.js";

export type PdRule = { periodYears: number; minHours: number };

/** The municipality's period and minimum hours. */
export async function loadRule(db: Queryable, municipalityId: number): Promise<PdRule> {
  const [m] = await db
    .select({ periodYears: municipalities.pdPeriodYears, minHours: municipalities.pdMinHours })
    .from(municipalities)
    .where(eq(municipalities.id, municipalityId));
  return m ?? { periodYears: 3, minHours: 16 };
}

/** 31 August that ends the academic year the date falls in. */
export function academicYearEnd(asOf: string): string {
  const year = Number(asOf.slice(0, 4));
  const month = Number(asOf.slice(5, 7));
  return `${month >= 9 ? year + 1 : year}-08-31`;
}

/** The first calendar year of the academic year of a date: 2026-11-23 → 2026 (2026-2027). */
export function academicYearOf(asOf: string): number {
  const year = Number(asOf.slice(0, 4));
  return Number(asOf.slice(5, 7)) >= 9 ? year : year - 1;
}

/** The rule as numbers, or as SQL over a joined municipality row when several are counted at once. */
export type PdRuleSql = { periodYears: number | SQL; minHours: number | SQL };

/**
 * A lateral join `pd` giving, for the person id expression on the date: `pd.last_course` (the
 * last completed upgrade course of enough hours finished by then), `pd.due_date` (when the next
 * one is due) and `pd.pd_status` — exempt, overdue (never trained, or the due date has come),
 * due this academic year, or up to date. The course subquery runs once per person, on the
 * (person_id, date_to) index.
 */
export function pdStatusLateral(personId: SQL, asOf: string, rule: PdRuleSql): SQL {
  return sql`cross join lateral (
    select l.last_course, l.due_date,
      case when exists (select 1 from pd_exemptions x where x.person_id = ${personId}
                          and x.valid_from <= ${asOf}::date and (x.valid_to is null or x.valid_to >= ${asOf}::date)) then 'exempt'
           when l.last_course is null or l.due_date <= ${asOf}::date then 'overdue'
           when l.due_date <= ${academicYearEnd(asOf)}::date then 'due_this_year'
           else 'up_to_date' end as pd_status
    from (select lc.last_course, (lc.last_course + make_interval(years => ${rule.periodYears}))::date as due_date
          from (select max(cc.date_to) as last_course
                from course_completions cc join programmes pr on pr.id = cc.programme_id
                where cc.person_id = ${personId} and cc.status = 'completed' and pr.kind = 'upgrade'
                  and pr.hours >= ${rule.minHours} and cc.date_to <= ${asOf}::date) lc) l
  ) pd`;
}

export type PdStatusRow = { last_course: string | null; due_date: string | null; pd_status: PdStatus };
