// Shapes of the API answers the web app reads (see server/modules/*/service.ts).
import type {
  CATEGORIES,
  EDUCATION_LEVELS,
  EXPERT_AREAS,
  GENDERS,
  LEVELS,
  OrgKind,
  OrgStatusKind,
  PersonStatusKind,
  Role,
} from "../../../shared/domain.js";

export type Category = (typeof CATEGORIES)[number];
export type EducationLevel = (typeof EDUCATION_LEVELS)[number];
export type ExpertArea = (typeof EXPERT_AREAS)[number];
export type Gender = (typeof GENDERS)[number];
export type Level = (typeof LEVELS)[number];

export type Me = {
  id: number | null;
  login: string;
  fullName: string;
  role: Role;
  roleLabel: string;
  municipality: { name: string; code: string } | null;
  regionCode: string | null;
  organizationId: number | null;
  organizationName: string | null;
  personId: number | null;
  /** A one-time password is in use: the app opens «Смена пароля» first. */
  mustChangePassword: boolean;
};

export type Items<T> = { items: T[] };

export type Organization = {
  id: number;
  kind: OrgKind;
  fullName: string;
  shortName: string;
  inn: string | null;
  ogrn: string | null;
  address: string | null;
  headName: string | null;
  phone: string | null;
  email: string | null;
  archivedAt: string | null;
};
export type OrganizationListItem = Organization & { staffCount: number };
export type OrganizationStatus = {
  id: number;
  kind: OrgStatusKind;
  level: Level | null;
  validFrom: string;
  validTo: string | null;
  note: string | null;
};
export type OrganizationAlias = { id: number; alias: string };
export type OrganizationCard = Organization & { staffCount: number; statuses: OrganizationStatus[]; aliases: OrganizationAlias[] };

export type Experience = { years: number; months: number };
export type CategoryInForce = { category: Category; assignedOn: string; validUntil: string | null; expired: boolean };

export type Employment = {
  id: number;
  personId: number;
  organizationId: number;
  organizationName: string;
  organizationKind: OrgKind;
  positionId: number;
  positionName: string;
  subjectIds: number[];
  subjects: { id: number; name: string }[];
  isMain: boolean;
  hireDate: string | null;
  dismissalDate: string | null;
  active: boolean;
};

export type StaffListItem = {
  id: number;
  fullName: string;
  birthDate: string | null;
  pedWorkStart: string | null;
  age: number | null;
  pedExperience: Experience | null;
  young: boolean;
  category: CategoryInForce | null;
  educationLevel: EducationLevel | null;
  pedagogicalEducation: boolean;
  employments: Employment[];
};
export type StaffPage = { total: number; page: number; pageSize: number; items: StaffListItem[] };

export type Education = {
  id: number;
  personId: number;
  level: EducationLevel;
  isPedagogical: boolean;
  institution: string | null;
  graduationYear: number | null;
  speciality: string | null;
};
export type CategoryRecord = { id: number; personId: number; category: Category; assignedOn: string };
export type PersonStatus = {
  id: number;
  personId: number;
  kind: PersonStatusKind;
  expertArea: ExpertArea | null;
  validFrom: string;
  validTo: string | null;
  note: string | null;
};

export type PersonData = {
  id: number;
  surname: string;
  name: string;
  patronymic: string | null;
  birthDate: string | null;
  gender: Gender | null;
  snils: string | null;
  phone: string | null;
  email: string | null;
  pedWorkStart: string | null;
};

export type StaffCard = PersonData & {
  fullName: string;
  age: number | null;
  pedExperience: Experience | null;
  young: boolean;
  category: CategoryInForce | null;
  educationLevel: EducationLevel | null;
  pedagogicalEducation: boolean;
  asOf: string;
  employments: Employment[];
  educations: Education[];
  categories: CategoryRecord[];
  statuses: PersonStatus[];
};

export type ReferenceKind = "positions" | "subjects";
export type ReferenceItem = {
  id: number;
  name: string;
  archived: boolean;
  isManagement?: boolean;
  isRegional?: boolean;
  /** Other spellings that name the value in files («директор» for «руководитель»). */
  aliases: { id: number; alias: string }[];
};

/** What a pasted or uploaded list does to a reference list (server/modules/references/service.ts). */
export type ReferenceBulkResult = {
  applied: boolean;
  rows: {
    line: number;
    name: string;
    action: "create" | "aliases" | "exists";
    value: string;
    matchedByAlias: boolean;
    archived: boolean;
    newAliases: string[];
    knownAliases: string[];
  }[];
  summary: { lines: number; created: number; aliasesAdded: number; unchanged: number };
};

/** The municipality with the requisites of its education department. */
export type Municipality = {
  id: number;
  code: string;
  name: string;
  regionCode: string;
  departmentName: string | null;
  address: string | null;
  phone: string | null;
  email: string | null;
  inn: string | null;
  signatoryTitle: string | null;
  signatoryName: string | null;
};

export type User = {
  id: number;
  login: string;
  fullName: string;
  role: Role;
  roleLabel: string;
  organizationId: number | null;
  personId: number | null;
  regionCode: string | null;
  disabled: boolean;
};

export type AuditChange = { field: string; from: unknown; to: unknown };
export type AuditItem = {
  id: number;
  at: string;
  entityType: string;
  entityId: number;
  action: "create" | "update" | "archive" | "restore" | "dismiss" | "delete";
  userName: string | null;
  userLogin: string | null;
  changes: AuditChange[];
};

export type CompositionRow = {
  kind: OrgKind | "total";
  label: string;
  organizations: number;
  staff: number;
  higherEducation: number;
  category: number;
  under35: number;
  higherEducationShare: number | null;
  categoryShare: number | null;
  under35Share: number | null;
};
export type CompositionReport = {
  asOf: string;
  municipalities: { id: number; code: string; name: string; rows: CompositionRow[]; total: CompositionRow }[];
};

// Spreadsheet imports (see server/imports/engine.ts).
export type ImportKind = "staff" | "organizations" | "completions";
export type ImportStatus = "preview" | "committed" | "undone";
/** Column index (as a string) → field key, or null to leave the column out. */
export type ColumnMapping = Record<string, string | null>;
export type RowError = { row: number; column: string; value: string; message: string };
export type ImportProgress = { phase: "checking" | "writing" | "done" | "failed"; done: number; total: number; error?: string };
export type ImportCounts = { created: number; updated: number; skipped: number; rejected: RowError[]; warnings: RowError[]; committed: boolean };
export type RefTarget = "organization" | "position" | "subject" | "provider";
/** What a person decided about one value of a reference column (server/imports/reference-book.ts). */
export type ImportDecision =
  | { field: string; value: string; action: "match"; targetId: number }
  | { field: string; value: string; action: "create"; name?: string }
  | { field: string; value: string; action: "reject" };
export type UnresolvedValue = {
  target: RefTarget;
  field: string;
  column: string;
  value: string;
  rows: number[];
  status: "unknown" | "ambiguous";
  candidates: { id: number; name: string; score: number }[];
  proposal: { action: "match"; targetId: number; name: string; score: number } | { action: "create"; name: string } | null;
  creatable: boolean;
};

export type ImportDescription = {
  id: number;
  kind: ImportKind;
  fileName: string;
  status: ImportStatus;
  organizationId: number | null;
  totalRows: number;
  headerRow: number;
  columns: { index: number; header: string; field: string | null }[];
  fields: { key: string; label: string }[];
  requiredGroups: { fields: string[]; label: string; orFileOrganization?: boolean }[];
  references: { field: string; target: RefTarget }[];
  sample: string[][];
  result: ImportCounts | null;
  decisions: ImportDecision[];
  progress: ImportProgress | null;
};

export type ImportResult = {
  importId: number;
  created: number;
  updated: number;
  skipped: number;
  rejected: RowError[];
  warnings: RowError[];
  unresolved: UnresolvedValue[];
  decisions: ImportDecision[];
  organizationId: number | null;
  committed: boolean;
  totalRows: number;
};

export type ImportHistoryItem = {
  id: number;
  kind: ImportKind;
  fileName: string;
  status: ImportStatus;
  created: number;
  updated: number;
  skipped: number;
  rejectedCount: number;
  totalRows: number;
  createdAt: string;
  committedAt: string | null;
  undoneAt: string | null;
  userName: string | null;
};

export type MappingTemplate = { id: number; name: string; mapping: ColumnMapping };
