// The yearly professional-development report of seed 003: staff on the reference date, how many
// of them completed courses in the period (a person counts once however many courses), where,
// the share; federal-register and distance programmes; retraining; by organisation and subject.
import { sql } from "drizzle-orm";
import {
  AlignmentType,
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import type { Queryable } from "../../db/client.js";
import { queryRows } from "../../db/client.js";
import { activeEmploymentSql } from "../staff/derived-sql.js";
import { sheet, writeWorkbook, type CellType } from "../../spreadsheets/xlsx.js";
import { ORG_KIND_LABELS, type OrgKind } from "../../../shared/domain.js";
import { formatRuDate } from "../../../shared/validators.js";
import { byName, compareNames } from "../../../shared/collation.js";

export type PdReportOptions = { municipalityId: number; from: string; to: string; asOf: string; orgKind?: OrgKind };

const pct = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((part * 1000) / whole) / 10);

/** Computes the report; the JSON of `metodist report pd-summary` is exactly this object. */
export async function pdSummary(db: Queryable, opts: PdReportOptions) {
  const kindFilter = opts.orgKind ? sql`and o.kind = ${opts.orgKind}` : sql``;
  // Every place of work in force on the date: a part-time worker is counted once in the
  // municipality and once in each of their organisations.
  const staff = await queryRows<{ person_id: number; organization_id: number; organization: string; subject_ids: number[] }>(
    db,
    sql`select e.person_id, e.organization_id, o.short_name as organization, e.subject_ids
        from employments e join organizations o on o.id = e.organization_id
        where e.municipality_id = ${opts.municipalityId} and ${activeEmploymentSql("e", opts.asOf)} ${kindFilter}`,
  );
  const courses = await queryRows<{ person_id: number; provider_id: number; provider: string; provider_kind: string; kind: string; federal_register: boolean; form: string }>(
    db,
    sql`select distinct cc.person_id, pv.id as provider_id, pv.short_name as provider, pv.kind as provider_kind,
          pr.kind, pr.federal_register, pr.form
        from course_completions cc join programmes pr on pr.id = cc.programme_id join providers pv on pv.id = pr.provider_id
        where cc.municipality_id = ${opts.municipalityId} and cc.status = 'completed'
          and cc.date_to between ${opts.from}::date and ${opts.to}::date
          and cc.person_id in (select e.person_id from employments e join organizations o on o.id = e.organization_id
                               where e.municipality_id = ${opts.municipalityId} and ${activeEmploymentSql("e", opts.asOf)} ${kindFilter})`,
  );
  const subjects = await queryRows<{ id: number; name: string }>(db, sql`select id, name from subjects where municipality_id = ${opts.municipalityId}`);

  const people = new Set(staff.map((s) => s.person_id));
  const upgrades = courses.filter((c) => c.kind === "upgrade");
  const trained = new Set(upgrades.map((c) => c.person_id));
  const personsWhere = (pred: (c: (typeof courses)[number]) => boolean) => new Set(courses.filter(pred).map((c) => c.person_id)).size;

  const providers = new Map<number, { provider: string; kind: string; persons: Set<number> }>();
  for (const c of upgrades) {
    const p = providers.get(c.provider_id) ?? { provider: c.provider, kind: c.provider_kind, persons: new Set<number>() };
    p.persons.add(c.person_id);
    providers.set(c.provider_id, p);
  }
  // The regional institute first, as the report names it apart; then by the number trained.
  const byProvider = [...providers.values()]
    .sort((a, b) => Number(b.kind === "regional_institute") - Number(a.kind === "regional_institute") || b.persons.size - a.persons.size || compareNames(a.provider, b.provider))
    .map((p) => ({ provider: p.provider, regionalInstitute: p.kind === "regional_institute", persons: p.persons.size }));
  const atRegional = new Set(upgrades.filter((c) => c.provider_kind === "regional_institute").map((c) => c.person_id));
  const elsewhere = new Set(upgrades.filter((c) => c.provider_kind !== "regional_institute").map((c) => c.person_id));

  const orgs = new Map<number, { organization: string; staff: Set<number>; trained: Set<number> }>();
  const bySubjectMap = new Map<number, { staff: Set<number>; trained: Set<number> }>();
  for (const s of staff) {
    const o = orgs.get(s.organization_id) ?? { organization: s.organization, staff: new Set<number>(), trained: new Set<number>() };
    o.staff.add(s.person_id);
    if (trained.has(s.person_id)) o.trained.add(s.person_id);
    orgs.set(s.organization_id, o);
    for (const id of s.subject_ids) {
      const subj = bySubjectMap.get(id) ?? { staff: new Set<number>(), trained: new Set<number>() };
      subj.staff.add(s.person_id);
      if (trained.has(s.person_id)) subj.trained.add(s.person_id);
      bySubjectMap.set(id, subj);
    }
  }
  const subjectName = new Map(subjects.map((s) => [s.id, s.name]));
  return {
    from: opts.from,
    to: opts.to,
    asOf: opts.asOf,
    orgKind: opts.orgKind ?? null,
    staffTotal: people.size,
    trainedPersons: trained.size,
    /** Percent of staffTotal, one decimal. */
    share: pct(trained.size, people.size),
    regionalInstitutePersons: atRegional.size,
    otherProvidersPersons: elsewhere.size,
    byProvider,
    federalRegisterPersons: personsWhere((c) => c.kind === "upgrade" && c.federal_register),
    distancePersons: personsWhere((c) => c.kind === "upgrade" && c.form === "distance"),
    retrainingPersons: personsWhere((c) => c.kind === "retraining"),
    byOrganization: [...orgs.values()]
      .map((o) => ({ organization: o.organization, staff: o.staff.size, trained: o.trained.size, share: pct(o.trained.size, o.staff.size) }))
      .sort(byName((o) => o.organization)),
    bySubject: [...bySubjectMap]
      .map(([id, s]) => ({ subject: subjectName.get(id) ?? "", staff: s.staff.size, trained: s.trained.size, share: pct(s.trained.size, s.staff.size) }))
      .sort(byName((s) => s.subject)),
  };
}

export type PdSummary = Awaited<ReturnType<typeof pdSummary>>;

const num = (n: number) => String(n).replace(".", ",");
/** A share as the screen shows it: 57.3 → «57,3 %». */
const percent = (n: number) => `${n.toFixed(1).replace(".", ",")}\u00a0%`;
const periodText = (r: PdSummary) => `с ${formatRuDate(r.from)} по ${formatRuDate(r.to)}`;
const whose = (r: PdSummary) => (r.orgKind ? ` (${ORG_KIND_LABELS[r.orgKind as OrgKind].toLowerCase()})` : "");

/** The report as a workbook: key figures, providers, organisations, subjects. */
export function pdSummaryWorkbook(r: PdSummary): Promise<Buffer> {
  type Fact = { label: string; value: number | string; type?: CellType };
  const facts: Fact[] = [
    { label: "Период", value: periodText(r) },
    { label: "Педагогических работников на дату", value: r.staffTotal },
    { label: "Прошли курсы повышения квалификации, чел.", value: r.trainedPersons },
    { label: "Доля от общего числа", value: r.share, type: "percent" },
    { label: "Из них в региональном институте, чел.", value: r.regionalInstitutePersons },
    { label: "В других организациях, чел.", value: r.otherProvidersPersons },
    { label: "По программам из ФР ДПП, чел.", value: r.federalRegisterPersons },
    { label: "В дистанционной форме, чел.", value: r.distancePersons },
    { label: "Прошли профессиональную переподготовку, чел.", value: r.retrainingPersons },
  ];
  type ProviderRow = PdSummary["byProvider"][number];
  return writeWorkbook([
    sheet<Fact>({
      sheetName: "Сводка",
      title: `Повышение квалификации педагогических работников${whose(r)} на ${formatRuDate(r.asOf)}`,
      columns: [
        { header: "Показатель", width: 50, value: (f) => f.label },
        { header: "Значение", width: 24, type: (f) => f.type ?? (typeof f.value === "number" ? "number" : "text"), value: (f) => f.value },
      ],
      rows: facts,
    }),
    sheet<ProviderRow>({
      sheetName: "Организации ДПО",
      columns: [
        { header: "Организация ДПО", width: 50, value: (p) => p.provider },
        { header: "Прошли курсы, чел.", width: 16, type: "number", value: (p) => p.persons },
      ],
      rows: r.byProvider,
    }),
    breakdownSheet("По организациям", "Организация", r.byOrganization.map((o) => ({ name: o.organization, ...o }))),
    breakdownSheet("По предметам", "Предмет", r.bySubject.map((s) => ({ name: s.subject, ...s }))),
  ]);
}

type BreakdownRow = { name: string; staff: number; trained: number; share: number };
function breakdownSheet(sheetName: string, header: string, rows: BreakdownRow[]) {
  return sheet<BreakdownRow>({
    sheetName,
    columns: [
      { header, width: 40, value: (x) => x.name },
      { header: "Педагогов", width: 12, type: "number", value: (x) => x.staff },
      { header: "Прошли курсы", width: 14, type: "number", value: (x) => x.trained },
      { header: "Доля", width: 10, type: "percent", value: (x) => x.share },
    ],
    rows,
  });
}

const cell = (text: string, bold = false) =>
  new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold, size: 22 })] })] });
const table = (header: string[], rows: string[][]) =>
  new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [new TableRow({ tableHeader: true, children: header.map((h) => cell(h, true)) }), ...rows.map((r) => new TableRow({ children: r.map((c) => cell(c)) }))],
  });
const para = (text: string) => new Paragraph({ spacing: { after: 120 }, alignment: AlignmentType.JUSTIFIED, children: [new TextRun({ text, size: 26 })] });

/** The report as a Word document in the words of seed 003, with its tables. */
export async function pdSummaryDocx(r: PdSummary, municipalityName: string): Promise<Buffer> {
  const regional = r.byProvider.find((p) => p.regionalInstitute);
  const doc = new Document({
    creator: "Metodist",
    styles: { default: { document: { run: { font: "Times New Roman" } } } },
    sections: [
      {
        children: [
          new Paragraph({
            heading: HeadingLevel.HEADING_2,
            alignment: AlignmentType.CENTER,
            children: [new TextRun({ text: `Организация работы по повышению квалификации педагогических работников${whose(r)} (${periodText(r)})`, bold: true })],
          }),
          para(
            `Всего на ${formatRuDate(r.asOf)} в ${municipalityName} — ${r.staffTotal} педагогических работников, прошли курсовую подготовку ${r.trainedPersons} чел.` +
              (regional ? `, ${r.regionalInstitutePersons} педагогов — в ${regional.provider}, ${r.otherProvidersPersons} — в других учреждениях` : "") +
              `, что составляет ${num(r.share)} % от общего числа.`,
          ),
          para(`По программам из федерального реестра (ФР ДПП) обучились ${r.federalRegisterPersons} чел., в дистанционной форме — ${r.distancePersons} чел.`),
          para(`Профессиональную переподготовку прошли ${r.retrainingPersons} чел.`),
          new Paragraph({ heading: HeadingLevel.HEADING_3, children: [new TextRun("Организации дополнительного профессионального образования")] }),
          table(["Организация ДПО", "Прошли курсы, чел."], r.byProvider.map((p) => [p.provider, String(p.persons)])),
          new Paragraph({ heading: HeadingLevel.HEADING_3, children: [new TextRun("По образовательным организациям")] }),
          table(["Организация", "Педагогов", "Прошли курсы", "Доля"], r.byOrganization.map((o) => [o.organization, String(o.staff), String(o.trained), percent(o.share)])),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
