import type { Queryable } from "../../db/client.js";
import type { Actor } from "../../auth/policies.js";
import { authorize } from "../../auth/policies.js";
import type { StaffListQuery } from "../../../shared/schemas.js";
import { CATEGORY_LABELS, EDUCATION_LEVEL_LABELS, type EducationLevel } from "../../../shared/domain.js";
import { formatRuDate } from "../../../shared/validators.js";
import { writeSheet, type Column } from "../../spreadsheets/xlsx.js";
import { findStaff } from "./service.js";

type Item = Awaited<ReturnType<typeof findStaff>>["items"][number];
/** One row per place of work, so that a part-time worker reads like the files schools keep. */
type Line = { person: Item; job: Item["employments"][number] | null };

const yes = (b: boolean) => (b ? "да" : "нет");
const inForce = (p: Item) => (p.category && !p.category.expired ? p.category : null);

// The first columns are the ones the import recognises, so an export imports back unchanged;
// the derived ones after them are for reading and are ignored by the import.
const COLUMNS: Column<Line>[] = [
  { header: "ФИО", width: 36, value: (r) => r.person.fullName },
  { header: "Дата рождения", width: 14, type: "date", value: (r) => r.person.birthDate },
  { header: "СНИЛС", width: 16, value: (r) => r.person.snils },
  { header: "ОО", width: 30, value: (r) => r.job?.organizationName },
  { header: "Должность", width: 26, value: (r) => r.job?.positionName },
  { header: "Преподаваемые предметы", width: 30, value: (r) => r.job?.subjects.map((s) => s.name).join(", ") },
  { header: "Совместитель", width: 13, value: (r) => (r.job ? yes(!r.job.isMain) : null) },
  { header: "Дата приёма", width: 14, type: "date", value: (r) => r.job?.hireDate },
  {
    header: "Образование",
    width: 34,
    value: (r) =>
      r.person.educationLevel
        ? `${EDUCATION_LEVEL_LABELS[r.person.educationLevel as EducationLevel]} (${r.person.pedagogicalEducation ? "педагогическое" : "непедагогическое"})`
        : null,
  },
  { header: "Квалификационная категория", width: 22, value: (r) => CATEGORY_LABELS[inForce(r.person)?.category ?? "none"] },
  { header: "Дата присвоения категории", width: 14, type: "date", value: (r) => inForce(r.person)?.assignedOn },
  { header: "Дата начала педагогической деятельности", width: 16, type: "date", value: (r) => r.person.pedWorkStart },
  { header: "Категория действует до", width: 14, type: "date", value: (r) => inForce(r.person)?.validUntil },
  { header: "Возраст, лет", width: 9, type: "number", value: (r) => r.person.age },
  { header: "Педагогический стаж, лет", width: 12, type: "number", value: (r) => r.person.pedExperience?.years },
  { header: "Молодой педагог", width: 10, value: (r) => yes(r.person.young) },
];

/** The filtered staff list as an .xlsx workbook, every row the actor may see (no paging). */
export async function exportStaff(db: Queryable, opts: { actor: Actor; query: StaffListQuery; asOf: string }) {
  authorize(opts.actor, "staff.export");
  const { items } = await findStaff(db, { ...opts, all: true });
  const lines: Line[] = items.flatMap((person): Line[] =>
    person.employments.length ? person.employments.map((job) => ({ person, job })) : [{ person, job: null }],
  );
  return writeSheet<Line>({
    sheetName: "Педагоги",
    title: `Педагогические работники на ${formatRuDate(opts.asOf)}`,
    columns: COLUMNS,
    rows: lines,
  });
}
