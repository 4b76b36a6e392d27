import { eq, inArray, sql } from "drizzle-orm";
import { queryRows, type Queryable } from "../../db/client.js";
import { municipalities } from "../../db/schema.js";
import { ORG_KINDS, ORG_KIND_LABELS, ORG_KIND_SHORT, type OrgKind } from "../../../shared/domain.js";
import { formatRuDate } from "../../../shared/validators.js";
import { sortByName } from "../../../shared/collation.js";
import { writeSheet } from "../../spreadsheets/xlsx.js";
import { activeEmploymentSql, categoryOnSql, under35Sql } from "../staff/derived-sql.js";

type Counts = { organizations: number; staff: number; higherEducation: number; category: number; under35: number };
export type CompositionRow = Counts & {
  kind: OrgKind | "total";
  label: string;
  higherEducationShare: number | null;
  categoryShare: number | null;
  under35Share: number | null;
};

const share = (part: number, whole: number) => (whole === 0 ? null : Math.round((part * 1000) / whole) / 10);

function toRow(kind: OrgKind | "total", c: Counts): CompositionRow {
  return {
    kind,
    label: kind === "total" ? "Всего" : ORG_KIND_LABELS[kind],
    ...c,
    higherEducationShare: share(c.higherEducation, c.staff),
    categoryShare: share(c.category, c.staff),
    under35Share: share(c.under35, c.staff),
  };
}

/**
 * The staff composition of seed 002 §2 on a date, per organisation kind and in total, for
 * each municipality asked. A person who works in two kinds counts in both rows but once in
 * the total.
 */
export async function staffComposition(db: Queryable, opts: { municipalityIds: number[]; asOf: string }) {
  if (opts.municipalityIds.length === 0) return [];
  const ids = sql.param(opts.municipalityIds);
  const staffRows = await queryRows<{ municipality_id: number; kind: string | null } & Record<keyof Counts, number>>(db, sql`
    with staff as (
      select distinct e.municipality_id, o.kind, p.id, p.birth_date
      from employments e
      join organizations o on o.id = e.organization_id
      join persons p on p.id = e.person_id
      where e.municipality_id = any(${ids}::int[]) and ${activeEmploymentSql("e", opts.asOf)}
    ), facts as (
      select s.municipality_id, s.kind, s.id,
        exists (select 1 from educations ed where ed.person_id = s.id and ed.level = 'higher') as higher,
        ${categoryOnSql("s.id", opts.asOf)} in ('first', 'highest') as category,
        ${under35Sql("s.birth_date", opts.asOf)} as under35
      from staff s
    )
    select municipality_id, kind,
      count(distinct id)::int as staff,
      count(distinct id) filter (where higher)::int as "higherEducation",
      count(distinct id) filter (where category)::int as category,
      count(distinct id) filter (where under35)::int as under35
    from facts
    group by grouping sets ((municipality_id, kind), (municipality_id))`);
  const orgRows = await queryRows<{ municipality_id: number; kind: string | null; n: number }>(db, sql`
    select municipality_id, kind, count(*)::int as n from organizations
    where municipality_id = any(${ids}::int[])
      and (archived_at is null or archived_at::date > ${opts.asOf})
    group by grouping sets ((municipality_id, kind), (municipality_id))`);
  const names = sortByName(
    await db
      .select({ id: municipalities.id, code: municipalities.code, name: municipalities.name })
      .from(municipalities)
      .where(inArray(municipalities.id, opts.municipalityIds)),
    (m) => m.name,
  );

  return names.map((m) => {
    const counts = (kind: string | null): Counts => {
      const s = staffRows.find((r) => r.municipality_id === m.id && r.kind === kind);
      const o = orgRows.find((r) => r.municipality_id === m.id && r.kind === kind);
      return {
        organizations: o?.n ?? 0,
        staff: s?.staff ?? 0,
        higherEducation: s?.higherEducation ?? 0,
        category: s?.category ?? 0,
        under35: s?.under35 ?? 0,
      };
    };
    const rows = ORG_KINDS.map((k) => toRow(k, counts(k))).filter((r) => r.kind !== "other" || r.organizations > 0);
    return { ...m, rows, total: toRow("total", counts(null)) };
  });
}

/** Municipalities a region viewer may see aggregates of. */
export async function municipalitiesOfRegion(db: Queryable, regionCode: string) {
  const rows = await db.select({ id: municipalities.id }).from(municipalities).where(eq(municipalities.regionCode, regionCode));
  return rows.map((r) => r.id);
}

/** The composition report as an .xlsx workbook: one table, municipalities one under another. */
export async function compositionWorkbook(report: Awaited<ReturnType<typeof staffComposition>>, asOf: string) {
  type Line = CompositionRow & { municipality: string };
  const rows: Line[] = report.flatMap((m) => [...m.rows, m.total].map((r) => ({ ...r, municipality: m.name })));
  const buffer = await writeSheet<Line>({
    sheetName: "Кадровый состав",
    title: `Кадровый состав педагогических работников на ${formatRuDate(asOf)}`,
    columns: [
      ...(report.length > 1 ? [{ header: "Муниципалитет", width: 34, value: (r: Line) => r.municipality }] : []),
      { header: "Тип организаций", width: 42, value: (r) => (r.kind === "total" ? "Всего" : `${r.label} (${ORG_KIND_SHORT[r.kind]})`) },
      { header: "Организаций", width: 13, type: "number", value: (r) => r.organizations },
      { header: "Педагогов", width: 12, type: "number", value: (r) => r.staff },
      // Shares as the screen shows them (57.3); the writer makes them percentages «57,3 %».
      { header: "С высшим образованием", width: 16, type: "percent", value: (r) => r.higherEducationShare },
      { header: "С первой или высшей категорией", width: 18, type: "percent", value: (r) => r.categoryShare },
      { header: "Моложе 35 лет", width: 14, type: "percent", value: (r) => r.under35Share },
    ],
    rows,
  });
  return buffer;
}
