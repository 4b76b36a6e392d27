// Request bodies and queries validated at the edge, shared by the server and the web forms.
import { z } from "zod";
import {
  CATEGORIES,
  CERTIFICATE_KINDS,
  COMPLETION_STATUSES,
  EXEMPTION_REASONS,
  PROGRAMME_KINDS,
  PROVIDER_KINDS,
  STUDY_FORMS,
  EDUCATION_LEVELS,
  EXPERT_AREAS,
  GENDERS,
  LEVELS,
  ORG_KINDS,
  ORG_STATUS_KINDS,
  PERSON_STATUS_KINDS,
  ROLES,
} from "./domain.js";
import { isIsoDate, isValidInn, isValidOgrn, isValidSnils } from "./validators.js";

const text = (label: string, max = 500) =>
  z
    .string({ error: `Поле «${label}» должно быть строкой` })
    .trim()
    .max(max, { error: `Поле «${label}»: не длиннее ${max} символов` });
const required = (label: string, max = 500) => text(label, max).min(1, { error: `Заполните поле «${label}»` });
// Empty strings from forms mean "not filled".
const optional = (label: string, max = 500) =>
  text(label, max)
    .nullish()
    .transform((v) => (v ? v : null));

export const isoDate = (label: string) =>
  z
    .string({ error: `Поле «${label}»: укажите дату` })
    .refine(isIsoDate, { error: (iss) => `Поле «${label}»: «${String(iss.input)}» — несуществующая дата` });
const optionalDate = (label: string) =>
  z
    .union([isoDate(label), z.literal(""), z.null()])
    .optional()
    .transform((v) => (v ? v : null));
const email = (label: string) =>
  optional(label, 200).refine((v) => v === null || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), {
    error: `Поле «${label}»: неверный адрес электронной почты`,
  });
const phone = (label: string) =>
  optional(label, 50).refine((v) => v === null || /^[\d\s()+\-–]{5,}$/.test(v), {
    error: `Поле «${label}»: номер телефона может содержать только цифры, пробелы, скобки, «+» и «-»`,
  });
const enumOf = <T extends readonly [string, ...string[]]>(values: T, label: string) =>
  z.enum(values, { error: `Поле «${label}»: выберите значение из списка` });
const id = (label: string) => z.coerce.number({ error: `Поле «${label}»: выберите значение` }).int().positive({ error: `Поле «${label}»: выберите значение` });

export const OrganizationInput = z.object({
  kind: enumOf(ORG_KINDS, "Тип организации"),
  fullName: required("Полное наименование", 1000),
  shortName: required("Краткое наименование", 200),
  inn: optional("ИНН", 12).refine((v) => v === null || isValidInn(v), {
    error: "ИНН: неверная контрольная сумма или длина (10 цифр для организации)",
  }),
  ogrn: optional("ОГРН", 15).refine((v) => v === null || isValidOgrn(v), {
    error: "ОГРН: неверная контрольная сумма или длина (13 цифр)",
  }),
  address: optional("Адрес", 1000),
  headName: optional("Руководитель", 300),
  phone: phone("Телефон"),
  email: email("Электронная почта"),
});
export type OrganizationInput = z.infer<typeof OrganizationInput>;

const periodRefine = <T extends { validFrom: string; validTo: string | null }>(v: T) =>
  v.validTo === null || v.validTo >= v.validFrom;
const periodError = { error: "Дата окончания не может быть раньше даты начала", path: ["validTo"] };

export const OrganizationStatusInput = z
  .object({
    kind: enumOf(ORG_STATUS_KINDS, "Статус"),
    level: enumOf(LEVELS, "Уровень").nullish().transform((v) => v ?? null),
    validFrom: isoDate("Действует с"),
    validTo: optionalDate("Действует по"),
    note: optional("Примечание", 1000),
  })
  .refine(periodRefine, periodError)
  .refine((v) => v.kind !== "innovation_site" || v.level !== null, {
    error: "Для инновационной площадки укажите уровень",
    path: ["level"],
  });
export type OrganizationStatusInput = z.infer<typeof OrganizationStatusInput>;

const nameField = (label: string) =>
  required(label, 100).refine((v) => /^[А-Яа-яЁёA-Za-z\s\-']+$/.test(v), {
    error: `Поле «${label}»: только буквы, пробел и дефис`,
  });

export const PersonInput = z.object({
  surname: nameField("Фамилия"),
  name: nameField("Имя"),
  patronymic: optional("Отчество", 100).refine((v) => v === null || /^[А-Яа-яЁёA-Za-z\s\-']+$/.test(v), {
    error: "Поле «Отчество»: только буквы, пробел и дефис",
  }),
  birthDate: optionalDate("Дата рождения"),
  gender: enumOf(GENDERS, "Пол").nullish().transform((v) => v ?? null),
  snils: optional("СНИЛС", 20).refine((v) => v === null || isValidSnils(v), {
    error: "СНИЛС: нужно 11 цифр с верным контрольным числом",
  }),
  phone: phone("Телефон"),
  email: email("Электронная почта"),
  pedWorkStart: optionalDate("Дата начала педагогической деятельности"),
});
export type PersonInput = z.infer<typeof PersonInput>;

export const EmploymentInput = z
  .object({
    organizationId: id("Организация"),
    positionId: id("Должность"),
    subjectIds: z.array(z.coerce.number().int().positive()).max(30).default([]),
    isMain: z.boolean().default(true),
    hireDate: optionalDate("Дата приёма"),
    dismissalDate: optionalDate("Дата увольнения"),
  })
  .refine((v) => !v.hireDate || !v.dismissalDate || v.dismissalDate >= v.hireDate, {
    error: "Дата увольнения не может быть раньше даты приёма",
    path: ["dismissalDate"],
  });
export type EmploymentInput = z.infer<typeof EmploymentInput>;

export const DismissInput = z.object({ dismissalDate: isoDate("Дата увольнения") });

export const EducationInput = z.object({
  level: enumOf(EDUCATION_LEVELS, "Уровень образования"),
  isPedagogical: z.boolean().default(false),
  institution: optional("Учебное заведение", 500),
  graduationYear: z.coerce
    .number({ error: "Год окончания: укажите число" })
    .int()
    .min(1940, { error: "Год окончания: не раньше 1940" })
    .max(2100, { error: "Год окончания: не позже 2100" })
    .nullish()
    .transform((v) => v ?? null),
  speciality: optional("Специальность", 500),
});
export type EducationInput = z.infer<typeof EducationInput>;

export const CategoryInput = z.object({
  category: enumOf(CATEGORIES, "Квалификационная категория"),
  assignedOn: isoDate("Дата присвоения"),
});
export type CategoryInput = z.infer<typeof CategoryInput>;

export const PersonStatusInput = z
  .object({
    kind: enumOf(PERSON_STATUS_KINDS, "Статус"),
    expertArea: enumOf(EXPERT_AREAS, "Направление экспертной деятельности").nullish().transform((v) => v ?? null),
    validFrom: isoDate("Действует с"),
    validTo: optionalDate("Действует по"),
    note: optional("Примечание", 1000),
  })
  .refine(periodRefine, periodError)
  .refine((v) => v.kind !== "expert" || v.expertArea !== null, {
    error: "Для эксперта укажите направление (ГИА, аттестация, конкурсы, олимпиады)",
    path: ["expertArea"],
  });
export type PersonStatusInput = z.infer<typeof PersonStatusInput>;

/** A new staff member: the person with their first employment and, optionally, education and category. */
export const StaffCreateInput = z.object({
  person: PersonInput,
  employment: EmploymentInput,
  education: EducationInput.nullish(),
  category: CategoryInput.nullish(),
});
export type StaffCreateInput = z.infer<typeof StaffCreateInput>;

const csvIds = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) =>
    (Array.isArray(v) ? v : v ? v.split(",") : []).map(Number).filter((n) => Number.isInteger(n) && n > 0),
  );

export const STAFF_SORTS = ["name", "-name", "birthDate", "-birthDate", "pedWorkStart", "-pedWorkStart"] as const;

export const StaffListQuery = z.object({
  q: z.string().trim().max(200).optional(),
  organizationId: csvIds,
  orgKind: enumOf(ORG_KINDS, "Тип организации").optional(),
  positionId: csvIds,
  subjectId: csvIds,
  category: enumOf(CATEGORIES, "Категория").optional(),
  educationLevel: enumOf(EDUCATION_LEVELS, "Образование").optional(),
  young: z.enum(["true", "false"]).optional().transform((v) => (v === undefined ? undefined : v === "true")),
  status: enumOf(PERSON_STATUS_KINDS, "Статус").optional(),
  includeDismissed: z.enum(["true", "false"]).optional().transform((v) => v === "true"),
  asOf: isoDate("На дату").optional(),
  sort: z.enum(STAFF_SORTS).default("name"),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(25),
});
export type StaffListQuery = z.infer<typeof StaffListQuery>;

export const ReferenceInput = z.object({
  name: required("Наименование", 200),
  isManagement: z.boolean().optional(),
  isRegional: z.boolean().optional(),
  archived: z.boolean().optional(),
});
export type ReferenceInput = z.infer<typeof ReferenceInput>;

export const LoginInput = z.object({
  login: required("Логин", 100),
  password: z.string().min(1, { error: "Введите пароль" }).max(200),
});

export const UserInput = z
  .object({
    login: required("Логин", 100).refine((v) => /^[A-Za-z0-9._@-]+$/.test(v), {
      error: "Логин: латинские буквы, цифры и знаки . _ @ -",
    }),
    fullName: required("ФИО", 300),
    role: enumOf(ROLES, "Роль"),
    password: z.string().min(8, { error: "Пароль: не короче 8 символов" }).max(200).optional(),
    organizationId: id("Организация").nullish().transform((v) => v ?? null),
    personId: id("Педагог").nullish().transform((v) => v ?? null),
    disabled: z.boolean().optional(),
  })
  .refine((v) => v.role !== "org_coordinator" || v.organizationId !== null, {
    error: "Координатору нужно указать организацию",
    path: ["organizationId"],
  })
  .refine((v) => v.role !== "teacher" || v.personId !== null, {
    error: "Педагогу нужно указать его карточку в реестре",
    path: ["personId"],
  });
export type UserInput = z.infer<typeof UserInput>;

export const AsOfQuery = z.object({ asOf: isoDate("На дату").optional() });

export const ProviderInput = z.object({
  name: required("Полное наименование", 500),
  shortName: required("Краткое наименование", 200),
  kind: enumOf(PROVIDER_KINDS, "Вид организации"),
  inn: optional("ИНН", 12).refine((v) => v === null || isValidInn(v), { error: "ИНН: неверная контрольная сумма или длина" }),
  region: optional("Регион", 200),
  aliases: z.array(text("Другое название", 500).min(2)).max(50).default([]),
});
export type ProviderInput = z.infer<typeof ProviderInput>;

export const ProgrammeInput = z
  .object({
    providerId: id("Организация ДПО"),
    title: required("Название программы", 1000),
    hours: z.coerce
      .number({ error: "Количество часов: укажите число" })
      .int({ error: "Количество часов: целое число" })
      .min(1, { error: "Количество часов: не меньше 1" })
      .max(3000, { error: "Количество часов: не больше 3000" }),
    kind: enumOf(PROGRAMME_KINDS, "Вид программы"),
    pedagogical: z.boolean().default(false),
    form: enumOf(STUDY_FORMS, "Форма обучения"),
    federalRegister: z.boolean().default(false),
    federalRegisterId: optional("Номер в ФР ДПП", 100),
    topics: z.array(text("Тема", 100).min(1)).max(20).default([]),
    targetPositionIds: z.array(z.coerce.number().int().positive()).max(50).default([]),
  })
  .refine((v) => v.kind === "retraining" || !v.pedagogical, {
    error: "Педагогическая направленность указывается только для переподготовки",
    path: ["pedagogical"],
  });
export type ProgrammeInput = z.infer<typeof ProgrammeInput>;

export const CompletionInput = z
  .object({
    programmeId: id("Программа"),
    dateFrom: optionalDate("Начало обучения"),
    dateTo: optionalDate("Окончание обучения"),
    status: enumOf(COMPLETION_STATUSES, "Статус"),
    certificateKind: enumOf(CERTIFICATE_KINDS, "Документ").nullish().transform((v) => v ?? null),
    certificateNumber: optional("Номер документа", 100),
    certificateDate: optionalDate("Дата выдачи"),
    orderNumber: optional("Номер приказа", 100),
    orderDate: optionalDate("Дата приказа"),
    motivation: optional("Основание (дефицит, маршрут)", 1000),
  })
  .refine((v) => !v.dateFrom || !v.dateTo || v.dateTo >= v.dateFrom, {
    error: "Окончание обучения не может быть раньше начала",
    path: ["dateTo"],
  })
  .refine((v) => v.status !== "completed" || v.dateTo !== null, {
    error: "Для завершённого обучения укажите дату окончания",
    path: ["dateTo"],
  });
export type CompletionInput = z.infer<typeof CompletionInput>;

/** One programme for a group of people at once (e.g. a whole school on one course). */
export const BulkCompletionInput = z.object({
  personIds: z.array(z.coerce.number().int().positive()).min(1, { error: "Выберите хотя бы одного педагога" }).max(2000),
  completion: CompletionInput,
});

export const ExemptionInput = z
  .object({
    reason: enumOf(EXEMPTION_REASONS, "Причина"),
    note: optional("Примечание", 1000),
    validFrom: isoDate("Действует с"),
    validTo: optionalDate("Действует по"),
  })
  .refine((v) => v.validTo === null || v.validTo >= v.validFrom, periodError);
export type ExemptionInput = z.infer<typeof ExemptionInput>;

export const PdSettingsInput = z.object({
  pdPeriodYears: z.coerce.number().int().min(1, { error: "Период: от 1 года" }).max(10, { error: "Период: не больше 10 лет" }),
  pdMinHours: z.coerce.number().int().min(1, { error: "Минимум часов: от 1" }).max(500, { error: "Минимум часов: не больше 500" }),
});

export const RequestItemInput = z.object({
  personId: id("Педагог"),
  programmeId: id("Программа").nullish().transform((v) => v ?? null),
  preferredPeriod: optional("Желаемый период", 200),
  note: optional("Примечание", 1000),
});
export type RequestItemInput = z.infer<typeof RequestItemInput>;

export const RequestDecisionInput = z.object({
  decision: z.enum(["approve", "return"], { error: "Решение: согласовать или вернуть" }),
  comment: optional("Комментарий", 2000),
});

export const PeriodQuery = z
  .object({
    from: isoDate("Начало периода"),
    to: isoDate("Конец периода"),
    asOf: isoDate("На дату").optional(),
    orgKind: enumOf(ORG_KINDS, "Тип организации").optional(),
  })
  .refine((v) => v.to >= v.from, { error: "Конец периода раньше начала", path: ["to"] });
export type PeriodQuery = z.infer<typeof PeriodQuery>;

// ---------------------------------------------------------------------------------------------
// A municipality: its first-run set-up, requisites and passwords; bulk edits of reference lists

const loginField = () =>
  required("Логин", 100).refine((v) => /^[A-Za-z0-9._@-]+$/.test(v), { error: "Поле «Логин»: латинские буквы, цифры и знаки . _ @ -" });
const newPassword = (label: string) =>
  z
    .string({ error: `Введите ${label.toLowerCase()}` })
    .min(8, { error: `Поле «${label}»: не короче 8 символов` })
    .max(200, { error: `Поле «${label}»: не длиннее 200 символов` });

export const MunicipalityCode = required("Код муниципалитета", 40).refine((v) => /^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(v), {
  error: "Поле «Код муниципалитета»: латинские буквы, цифры, «-» и «_» (например, sochi)",
});
export const RegionCode = required("Код региона", 2).refine((v) => /^\d{2}$/.test(v), {
  error: "Поле «Код региона»: две цифры (например, 23)",
});
const municipalityName = () => required("Название муниципалитета", 300);

/** What documents of the education department need: its own name, address, contacts, signatory. */
export const MunicipalityRequisitesInput = z.object({
  departmentName: optional("Орган управления образованием", 1000),
  address: optional("Адрес", 1000),
  phone: phone("Телефон"),
  email: email("Электронная почта"),
  inn: optional("ИНН", 12).refine((v) => v === null || isValidInn(v), {
    error: "Поле «ИНН»: неверная контрольная сумма или длина (10 цифр для организации)",
  }),
  signatoryTitle: optional("Должность подписывающего", 300),
  signatoryName: optional("ФИО подписывающего", 300),
});
export type MunicipalityRequisitesInput = z.infer<typeof MunicipalityRequisitesInput>;

/** The admin's edit of the municipality: its name and requisites (the code stays). */
export const MunicipalityUpdateInput = MunicipalityRequisitesInput.extend({ name: municipalityName() });
export type MunicipalityUpdateInput = z.infer<typeof MunicipalityUpdateInput>;

/** The first-run set-up of an empty installation: the municipality and its first admin. */
export const SetupInput = z.object({
  municipality: MunicipalityRequisitesInput.extend({ code: MunicipalityCode, name: municipalityName(), regionCode: RegionCode }),
  admin: z.object({ login: loginField(), fullName: required("ФИО", 300), password: newPassword("Пароль") }),
});
export type SetupInput = z.infer<typeof SetupInput>;

export const PasswordChangeInput = z
  .object({
    currentPassword: z.string({ error: "Введите текущий пароль" }).min(1, { error: "Введите текущий пароль" }).max(200),
    newPassword: newPassword("Новый пароль"),
  })
  .refine((v) => v.newPassword !== v.currentPassword, { error: "Новый пароль должен отличаться от текущего", path: ["newPassword"] });
export type PasswordChangeInput = z.infer<typeof PasswordChangeInput>;

/** Another spelling of a reference value («ИЗО» for «изобразительное искусство»). */
export const AliasInput = z.object({ alias: required("Другое написание", 200) });

/** Pasted lines «Название; другое написание; ещё одно»; without `apply` only the preview. */
export const ReferenceBulkInput = z.object({
  text: z.string({ error: "Вставьте список" }).max(500_000, { error: "Список слишком длинный: не больше 500 000 символов" }),
  apply: z.boolean().default(false),
});
