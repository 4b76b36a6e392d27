import type { Queryable } from "../../db/client.js";
import type { Actor } from "../../auth/policies.js";
import { authorize } from "../../auth/policies.js";
import type { StaffListQuery } from "../../../shared/schemas.js";
import { CATEGORY_LABELS, EDUCATION_LEVEL_LABELS, type EducationLevel } from "../../../shared/domain.js";
import { formatRuDate } from "../../../shared/validators.js";
import { writeSheet, type Column } from "../../spreadsheets/xlsx.js";
import { findStaff } from "./service.js";

type Item = Awaited<ReturnType<typeof findStaff>>["items"][number];

const yes = (b: boolean) => (b ? "да" : "нет");

const COLUMNS: Column<Item>[] = [
  { header: "ФИО", width: 36, value: (r) => r.fullName },
  { header: "Дата рождения", width: 14, type: "date", value: (r) => r.birthDate },
  { header: "Возраст", width: 9, type: "number", value: (r) => r.age },
  { header: "Место работы", width: 30, value: (r) => r.employments.map((e) => e.organizationName + (e.isMain ? "" : " (совм.)")).join("; ") },
  { header: "Должность", width: 26, value: (r) => [...new Set(r.employments.map((e) => e.positionName))].join("; ") },
  { header: "Предметы", width: 30, value: (r) => [...new Set(r.employments.flatMap((e) => e.subjects.map((s) => s.name)))].join(", ") },
  { header: "Образование", width: 24, value: (r) => (r.educationLevel ? EDUCATION_LEVEL_LABELS[r.educationLevel as EducationLevel] : "") },
  { header: "Педагогическое образование", width: 14, value: (r) => yes(r.pedagogicalEducation) },
  { header: "Квалификационная категория", width: 22, value: (r) => (r.category && !r.category.expired ? CATEGORY_LABELS[r.category.category] : CATEGORY_LABELS.none) },
  { header: "Дата присвоения категории", width: 14, type: "date", value: (r) => (r.category && !r.category.expired ? r.category.assignedOn : null) },
  { header: "Категория действует до", width: 14, type: "date", value: (r) => (r.category && !r.category.expired ? r.category.validUntil : null) },
  { header: "Дата начала педагогической деятельности", width: 16, type: "date", value: (r) => r.pedWorkStart },
  { header: "Педагогический стаж, лет", width: 12, type: "number", value: (r) => r.pedExperience?.years },
  { header: "Молодой педагог", width: 10, value: (r) => yes(r.young) },
];

/** The filtered staff list as an .xlsx workbook, every row the actor may see (no paging). */
export async function exportStaff(db: Queryable, opts: { actor: Actor; query: StaffListQuery; asOf: string }) {
  authorize(opts.actor, "staff.export");
  const { items } = await findStaff(db, { ...opts, all: true });
  return writeSheet({
    sheetName: "Педагоги",
    title: `Педагогические работники на ${formatRuDate(opts.asOf)}`,
    columns: COLUMNS,
    rows: items,
  });
}
