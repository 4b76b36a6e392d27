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
