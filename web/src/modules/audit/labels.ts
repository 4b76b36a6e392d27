// How audit entries read: Russian names of entities, actions, fields, and their values.
import {
  CATEGORY_LABELS,
  CERTIFICATE_KIND_LABELS,
  COMPLETION_STATUS_LABELS,
  EDUCATION_LEVEL_LABELS,
  EXEMPTION_REASON_LABELS,
  EXPERT_AREA_LABELS,
  GENDER_LABELS,
  LEVEL_LABELS,
  ORG_KIND_LABELS,
  ORG_STATUS_LABELS,
  PERSON_STATUS_LABELS,
  ROLE_LABELS,
} from "../../../../shared/domain.js";
import type { AuditItem } from "../../api/types.js";
import { formatDateTime, formatRuDate } from "../../ui/format.js";

export const ENTITY_LABELS: Record<string, string> = {
  person: "Личные данные",
  employment: "Место работы",
  education: "Образование",
  qualification_category: "Квалификационная категория",
  person_status: "Статус педагога",
  organization: "Организация",
  organization_status: "Статус организации",
  organization_alias: "Другое название организации",
  user: "Пользователь",
  position: "Должность",
  subject: "Предмет",
  course_completion: "Курс повышения квалификации",
  pd_exemption: "Освобождение от правила трёх лет",
};

export const ACTION_LABELS: Record<AuditItem["action"], string> = {
  create: "добавлено",
  update: "изменено",
  archive: "в архив",
  restore: "из архива",
  dismiss: "увольнение",
  delete: "удалено",
};

export const FIELD_LABELS: Record<string, string> = {
  surname: "Фамилия",
  name: "Имя",
  patronymic: "Отчество",
  birthDate: "Дата рождения",
  gender: "Пол",
  snils: "СНИЛС",
  phone: "Телефон",
  email: "Электронная почта",
  pedWorkStart: "Начало педагогической деятельности",
  organizationId: "Организация",
  positionId: "Должность",
  subjectIds: "Предметы",
  isMain: "Основное место работы",
  hireDate: "Дата приёма",
  dismissalDate: "Дата увольнения",
  level: "Уровень",
  isPedagogical: "Педагогическое образование",
  institution: "Учебное заведение",
  graduationYear: "Год окончания",
  speciality: "Специальность",
  category: "Категория",
  assignedOn: "Дата присвоения",
  kind: "Вид",
  expertArea: "Направление экспертной деятельности",
  validFrom: "Действует с",
  validTo: "Действует по",
  note: "Примечание",
  fullName: "Полное наименование",
  shortName: "Краткое наименование",
  inn: "ИНН",
  ogrn: "ОГРН",
  address: "Адрес",
  headName: "Руководитель",
  archivedAt: "В архиве с",
  login: "Логин",
  role: "Роль",
  disabled: "Отключён",
  passwordChanged: "Пароль",
  isManagement: "Руководящая должность",
  isRegional: "Региональный предмет",
  archived: "В архиве",
  alias: "Название",
  programmeId: "Программа",
  dateFrom: "Начало обучения",
  dateTo: "Окончание обучения",
  certificateKind: "Документ",
  certificateNumber: "Номер документа",
  certificateDate: "Дата выдачи",
  orderNumber: "Номер приказа",
  orderDate: "Дата приказа",
  motivation: "Основание",
  hasScan: "Скан удостоверения",
  scan: "Скан удостоверения",
  reason: "Причина",
};

/** Bookkeeping fields nobody needs to read in the log. */
export const HIDDEN_FIELDS = new Set(["id", "personId", "municipalityId", "createdAt", "updatedAt", "roleLabel", "regionCode"]);

const ENUMS_BY_ENTITY: Record<string, Record<string, Record<string, string>>> = {
  education: { level: EDUCATION_LEVEL_LABELS },
  organization: { kind: ORG_KIND_LABELS },
  organization_status: { kind: ORG_STATUS_LABELS, level: LEVEL_LABELS },
  person_status: { kind: PERSON_STATUS_LABELS, expertArea: EXPERT_AREA_LABELS },
  course_completion: { status: COMPLETION_STATUS_LABELS, certificateKind: CERTIFICATE_KIND_LABELS },
  pd_exemption: { reason: EXEMPTION_REASON_LABELS },
};
const ENUMS: Record<string, Record<string, string>> = {
  category: CATEGORY_LABELS,
  gender: GENDER_LABELS,
  role: ROLE_LABELS,
};

export type NameLookups = {
  organizations: Map<number, string>;
  positions: Map<number, string>;
  subjects: Map<number, string>;
};

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T/;

/** A value of a changed field as people read it. */
export function formatAuditValue(entityType: string, field: string, value: unknown, names: NameLookups): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "boolean") return value ? "да" : "нет";
  if (field === "organizationId" && typeof value === "number") return names.organizations.get(value) ?? `№ ${value}`;
  if (field === "positionId" && typeof value === "number") return names.positions.get(value) ?? `№ ${value}`;
  if (field === "subjectIds" && Array.isArray(value)) {
    return value.length ? value.map((id) => names.subjects.get(Number(id)) ?? `№ ${id}`).join(", ") : "—";
  }
  if (typeof value === "string") {
    const labels = ENUMS_BY_ENTITY[entityType]?.[field] ?? ENUMS[field];
    if (labels?.[value]) return labels[value];
    if (ISO_DATE.test(value)) return formatRuDate(value);
    if (ISO_TIMESTAMP.test(value)) return formatDateTime(value);
    return value;
  }
  if (Array.isArray(value)) return value.map(String).join(", ");
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

export const fieldLabel = (field: string) => FIELD_LABELS[field] ?? field;
