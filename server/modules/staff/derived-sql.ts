// SQL twins of shared/derived.ts, for filtering and counting in the database. Both are
// exercised at the same boundary dates in derived.test.ts so that they cannot drift apart.
import { sql, type SQL } from "drizzle-orm";

/** Under 35 on the date (full years), from a birth-date column. */
export const under35Sql = (birthDate: SQL | string, asOf: string) =>
  sql`(${col(birthDate)} > (${asOf}::date - interval '35 years'))`;

/** Молодой педагог: under 35 and fewer than 3 full years since pedagogical work began. */
export const youngTeacherSql = (p: { birthDate: SQL | string; pedWorkStart: SQL | string }, asOf: string) =>
  sql`(${under35Sql(p.birthDate, asOf)} and ${col(p.pedWorkStart)} > (${asOf}::date - interval '3 years'))`;

/**
 * The category in force on the date for the person id expression: the latest assigned by
 * then, with first/highest expired after 5 years counting as none. Yields a text value.
 */
export const categoryOnSql = (personId: SQL | string, asOf: string) => sql`coalesce((
  select case
    when qc.category in ('first', 'highest') and qc.assigned_on <= (${asOf}::date - interval '5 years') then 'none'
    else qc.category end
  from qualification_categories qc
  where qc.person_id = ${col(personId)} and qc.assigned_on <= ${asOf}
  order by qc.assigned_on desc, qc.id desc limit 1), 'none')`;

/** An employment (alias e) in force on the date. */
export const activeEmploymentSql = (alias: string, asOf: string) =>
  sql.raw(`(${alias}.hire_date is null or ${alias}.hire_date <= `).append(
    sql`${asOf}) and (${sql.raw(alias)}.dismissal_date is null or ${sql.raw(alias)}.dismissal_date > ${asOf})`,
  );

const col = (c: SQL | string) => (typeof c === "string" ? sql.raw(c) : c);
