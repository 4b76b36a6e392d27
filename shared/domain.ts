// Enumerations of the domain with their Russian labels: one source for the server, the web
// app and the spreadsheets.

export const ORG_KINDS = ["school", "preschool", "additional", "other"] as const;
export type OrgKind = (typeof ORG_KINDS)[number];
export const ORG_KIND_LABELS: Record<OrgKind, string> = {
  school: "Общеобразовательная организация",
  preschool: "Дошкольная образовательная организация",
  additional: "Организация дополнительного образования",
  other: "Иная организация",
};
export const ORG_KIND_SHORT: Record<OrgKind, string> = {
  school: "ОО",
  preschool: "ДОО",
  additional: "УДО",
  other: "Иные",
};

export const ORG_STATUS_KINDS = ["innovation_site", "internship_site", "low_results", "mentoring_model"] as const;
export type OrgStatusKind = (typeof ORG_STATUS_KINDS)[number];
export const ORG_STATUS_LABELS: Record<OrgStatusKind, string> = {
  innovation_site: "Инновационная площадка",
  internship_site: "Стажировочная площадка",
  low_results: "Школа с низкими образовательными результатами (ШНОР)",
  mentoring_model: "Внедрена целевая модель наставничества",
};

export const LEVELS = ["municipal", "regional", "federal"] as const;
export type Level = (typeof LEVELS)[number];
export const LEVEL_LABELS: Record<Level, string> = {
  municipal: "муниципальная",
  regional: "региональная",
  federal: "федеральная",
};

export const GENDERS = ["male", "female"] as const;
export const GENDER_LABELS: Record<(typeof GENDERS)[number], string> = { male: "мужской", female: "женский" };

export const EDUCATION_LEVELS = ["higher", "secondary_vocational", "other"] as const;
export type EducationLevel = (typeof EDUCATION_LEVELS)[number];
export const EDUCATION_LEVEL_LABELS: Record<EducationLevel, string> = {
  higher: "высшее",
  secondary_vocational: "среднее профессиональное",
  other: "иное",
};

export const CATEGORIES = ["none", "conformity", "first", "highest"] as const;
export const CATEGORY_LABELS: Record<(typeof CATEGORIES)[number], string> = {
  none: "без категории",
  conformity: "соответствие занимаемой должности",
  first: "первая",
  highest: "высшая",
};

export const PERSON_STATUS_KINDS = [
  "regional_methodist",
  "methodological_active",
  "expert",
  "regional_expert_registry",
  "tutor",
  "mentor",
] as const;
export type PersonStatusKind = (typeof PERSON_STATUS_KINDS)[number];
export const PERSON_STATUS_LABELS: Record<PersonStatusKind, string> = {
  regional_methodist: "Региональный методист",
  methodological_active: "Член методического актива",
  expert: "Эксперт",
  regional_expert_registry: "В региональном реестре экспертов",
  tutor: "Тьютор",
  mentor: "Наставник",
};
export const EXPERT_AREAS = ["gia", "attestation", "competitions", "olympiads"] as const;
export const EXPERT_AREA_LABELS: Record<(typeof EXPERT_AREAS)[number], string> = {
  gia: "ГИА",
  attestation: "аттестация",
  competitions: "конкурсы",
  olympiads: "олимпиады",
};

export const ROLES = ["municipal_admin", "org_coordinator", "association_leader", "teacher", "region_viewer"] as const;
export type Role = (typeof ROLES)[number];
export const ROLE_LABELS: Record<Role, string> = {
  municipal_admin: "Администратор муниципалитета",
  org_coordinator: "Координатор организации",
  association_leader: "Руководитель методического объединения",
  teacher: "Педагог",
  region_viewer: "Наблюдатель региона",
};

export const PROVIDER_KINDS = ["regional_institute", "cnppm", "federal", "university", "other"] as const;
export type ProviderKind = (typeof PROVIDER_KINDS)[number];
export const PROVIDER_KIND_LABELS: Record<ProviderKind, string> = {
  regional_institute: "Региональный институт развития образования",
  cnppm: "ЦНППМ",
  federal: "Федеральный институт / академия",
  university: "Вуз",
  other: "Иная организация",
};

export const PROGRAMME_KINDS = ["upgrade", "retraining"] as const;
export type ProgrammeKind = (typeof PROGRAMME_KINDS)[number];
export const PROGRAMME_KIND_LABELS: Record<ProgrammeKind, string> = {
  upgrade: "повышение квалификации",
  retraining: "профессиональная переподготовка",
};

export const STUDY_FORMS = ["full_time", "mixed", "extramural", "distance"] as const;
export type StudyForm = (typeof STUDY_FORMS)[number];
export const STUDY_FORM_LABELS: Record<StudyForm, string> = {
  full_time: "очная",
  mixed: "очно-заочная",
  extramural: "заочная",
  distance: "дистанционная (ДОТ)",
};

export const COMPLETION_STATUSES = ["planned", "enrolled", "completed", "not_completed"] as const;
export type CompletionStatus = (typeof COMPLETION_STATUSES)[number];
export const COMPLETION_STATUS_LABELS: Record<CompletionStatus, string> = {
  planned: "запланировано",
  enrolled: "зачислен",
  completed: "завершено",
  not_completed: "не завершено",
};

export const CERTIFICATE_KINDS = ["certificate", "diploma"] as const;
export const CERTIFICATE_KIND_LABELS: Record<(typeof CERTIFICATE_KINDS)[number], string> = {
  certificate: "удостоверение",
  diploma: "диплом",
};

export const EXEMPTION_REASONS = ["first_year", "long_leave", "other"] as const;
export const EXEMPTION_REASON_LABELS: Record<(typeof EXEMPTION_REASONS)[number], string> = {
  first_year: "первый год работы",
  long_leave: "длительный отпуск",
  other: "иная причина",
};

export const PD_STATUSES = ["up_to_date", "due_this_year", "overdue", "exempt"] as const;
export type PdStatus = (typeof PD_STATUSES)[number];
export const PD_STATUS_LABELS: Record<PdStatus, string> = {
  up_to_date: "курсы пройдены",
  due_this_year: "курсы нужны в этом учебном году",
  overdue: "курсы просрочены",
  exempt: "освобождён",
};

export const REQUEST_STATUSES = ["draft", "submitted", "approved", "returned"] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
export const REQUEST_STATUS_LABELS: Record<RequestStatus, string> = {
  draft: "черновик",
  submitted: "отправлена",
  approved: "согласована",
  returned: "возвращена на доработку",
};

export const PROGRAMME_TOPICS = [
  "функциональная грамотность",
  "ФГОС",
  "инклюзия",
  "оценка качества",
  "воспитание",
  "цифровая образовательная среда",
  "наставничество",
  "управление",
  "предметные компетенции",
] as const;
