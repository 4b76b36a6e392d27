import { sql } from "drizzle-orm";
import {
  bigint,
  customType,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";

// Every tenant-owned table carries municipality_id; services never query one without it.

const id = () => integer().primaryKey().generatedAlwaysAsIdentity();
const municipalityId = () =>
  integer("municipality_id")
    .notNull()
    .references(() => municipalities.id);
const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp("updated_at", { withTimezone: true }).notNull().defaultNow();

export const municipalities = pgTable("municipalities", {
  id: id(),
  code: text().notNull().unique(),
  name: text().notNull(),
  regionCode: text("region_code").notNull().default("00"),
  // The three-year rule of professional development, as this municipality applies it.
  pdPeriodYears: smallint("pd_period_years").notNull().default(3),
  pdMinHours: smallint("pd_min_hours").notNull().default(16),
  // Requisites for documents and the first-run set-up: the education department's own name
  // (the municipality is the territory), its address and contacts, and who signs.
  departmentName: text("department_name"),
  address: text(),
  phone: text(),
  email: text(),
  inn: text(),
  signatoryTitle: text("signatory_title"),
  signatoryName: text("signatory_name"),
  createdAt: createdAt(),
});

export const organizations = pgTable(
  "organizations",
  {
    id: id(),
    municipalityId: municipalityId(),
    kind: text().notNull(), // school | preschool | additional | other
    fullName: text("full_name").notNull(),
    shortName: text("short_name").notNull(),
    inn: text(),
    ogrn: text(),
    address: text(),
    headName: text("head_name"),
    phone: text(),
    email: text(),
    archivedAt: timestamp("archived_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("organizations_municipality_idx").on(t.municipalityId, t.kind)],
);

/** Periods in which an organisation holds a status (innovation site, ШНОР for a year, ...). */
export const organizationStatuses = pgTable(
  "organization_statuses",
  {
    id: id(),
    municipalityId: municipalityId(),
    organizationId: integer("organization_id")
      .notNull()
      .references(() => organizations.id),
    kind: text().notNull(), // innovation_site | internship_site | low_results | mentoring_model
    level: text(), // municipal | regional | federal (innovation sites)
    validFrom: date("valid_from", { mode: "string" }).notNull(),
    validTo: date("valid_to", { mode: "string" }),
    note: text(),
    createdAt: createdAt(),
  },
  (t) => [index("organization_statuses_org_idx").on(t.organizationId)],
);

export const positions = pgTable(
  "positions",
  {
    id: id(),
    municipalityId: municipalityId(),
    name: text().notNull(),
    isManagement: boolean("is_management").notNull().default(false),
    archivedAt: timestamp("archived_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("positions_name_uq").on(t.municipalityId, t.name)],
);

export const subjects = pgTable(
  "subjects",
  {
    id: id(),
    municipalityId: municipalityId(),
    name: text().notNull(),
    isRegional: boolean("is_regional").notNull().default(false),
    archivedAt: timestamp("archived_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("subjects_name_uq").on(t.municipalityId, t.name)],
);

/** Other spellings of a position («учитель нач. классов» is not one: it names a subject too). */
export const positionAliases = pgTable(
  "position_aliases",
  {
    id: id(),
    municipalityId: municipalityId(),
    positionId: integer("position_id")
      .notNull()
      .references(() => positions.id),
    alias: text().notNull(),
    aliasKey: text("alias_key").notNull(),
  },
  (t) => [uniqueIndex("position_aliases_key_uq").on(t.municipalityId, t.aliasKey)],
);

/** Other spellings of a subject: «ИЗО», «физ-ра», «рус. яз.», and the genitive a position uses. */
export const subjectAliases = pgTable(
  "subject_aliases",
  {
    id: id(),
    municipalityId: municipalityId(),
    subjectId: integer("subject_id")
      .notNull()
      .references(() => subjects.id),
    alias: text().notNull(),
    aliasKey: text("alias_key").notNull(),
  },
  (t) => [uniqueIndex("subject_aliases_key_uq").on(t.municipalityId, t.aliasKey)],
);

export const persons = pgTable(
  "persons",
  {
    id: id(),
    municipalityId: municipalityId(),
    surname: text().notNull(),
    name: text().notNull(),
    patronymic: text(),
    birthDate: date("birth_date", { mode: "string" }),
    gender: text(), // male | female
    snils: text(),
    phone: text(),
    email: text(),
    pedWorkStart: date("ped_work_start", { mode: "string" }),
    // Lower-cased full name with ё folded to е: the one column name search runs on.
    searchName: text("search_name").generatedAlwaysAs(
      sql`translate(lower(surname || ' ' || name || ' ' || coalesce(patronymic, '')), 'ё', 'е')`,
    ),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("persons_municipality_idx").on(t.municipalityId, t.surname),
    uniqueIndex("persons_snils_uq").on(t.municipalityId, t.snils),
  ],
);

export const employments = pgTable(
  "employments",
  {
    id: id(),
    municipalityId: municipalityId(),
    personId: integer("person_id")
      .notNull()
      .references(() => persons.id),
    organizationId: integer("organization_id")
      .notNull()
      .references(() => organizations.id),
    positionId: integer("position_id")
      .notNull()
      .references(() => positions.id),
    subjectIds: integer("subject_ids").array().notNull().default(sql`'{}'::integer[]`),
    isMain: boolean("is_main").notNull().default(true),
    hireDate: date("hire_date", { mode: "string" }),
    dismissalDate: date("dismissal_date", { mode: "string" }),
    createdAt: createdAt(),
  },
  (t) => [
    index("employments_person_idx").on(t.personId),
    index("employments_org_idx").on(t.organizationId),
    index("employments_municipality_idx").on(t.municipalityId),
  ],
);

export const educations = pgTable(
  "educations",
  {
    id: id(),
    municipalityId: municipalityId(),
    personId: integer("person_id")
      .notNull()
      .references(() => persons.id),
    level: text().notNull(), // higher | secondary_vocational | other
    isPedagogical: boolean("is_pedagogical").notNull().default(false),
    institution: text(),
    graduationYear: smallint("graduation_year"),
    speciality: text(),
  },
  (t) => [index("educations_person_idx").on(t.personId)],
);

/** Attestation results as a history: the one in force on a date is the latest assigned by then. */
export const qualificationCategories = pgTable(
  "qualification_categories",
  {
    id: id(),
    municipalityId: municipalityId(),
    personId: integer("person_id")
      .notNull()
      .references(() => persons.id),
    category: text().notNull(), // none | conformity | first | highest
    assignedOn: date("assigned_on", { mode: "string" }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("qualification_categories_person_idx").on(t.personId, t.assignedOn)],
);

export const personStatuses = pgTable(
  "person_statuses",
  {
    id: id(),
    municipalityId: municipalityId(),
    personId: integer("person_id")
      .notNull()
      .references(() => persons.id),
    kind: text().notNull(), // regional_methodist | methodological_active | expert | regional_expert_registry | tutor | mentor
    expertArea: text("expert_area"), // gia | attestation | competitions | olympiads
    validFrom: date("valid_from", { mode: "string" }).notNull(),
    validTo: date("valid_to", { mode: "string" }),
    note: text(),
    createdAt: createdAt(),
  },
  (t) => [index("person_statuses_person_idx").on(t.personId)],
);

export const users = pgTable(
  "users",
  {
    id: id(),
    // Null only for region viewers, who are bound to a region instead.
    municipalityId: integer("municipality_id").references(() => municipalities.id),
    regionCode: text("region_code"),
    login: text().notNull(),
    passwordHash: text("password_hash").notNull(),
    // A one-time password (printed by `municipality create --admin`): changed at the first login.
    mustChangePassword: boolean("must_change_password").notNull().default(false),
    fullName: text("full_name").notNull(),
    role: text().notNull(), // municipal_admin | org_coordinator | association_leader | teacher | region_viewer
    organizationId: integer("organization_id").references(() => organizations.id),
    personId: integer("person_id").references(() => persons.id),
    disabledAt: timestamp("disabled_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("users_login_uq").on(sql`lower(${t.login})`)],
);

export const sessions = pgTable(
  "sessions",
  {
    // SHA-256 of the cookie token: a leaked table does not hand out live sessions.
    tokenHash: text("token_hash").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

export const loginAttempts = pgTable(
  "login_attempts",
  {
    id: id(),
    login: text().notNull(),
    ip: text().notNull(),
    succeeded: boolean().notNull(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("login_attempts_login_idx").on(t.login, t.at), index("login_attempts_ip_idx").on(t.ip, t.at)],
);

export const auditLog = pgTable(
  "audit_log",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    municipalityId: municipalityId(),
    userId: integer("user_id").references(() => users.id),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    entityType: text("entity_type").notNull(), // organization | person | employment | ...
    entityId: integer("entity_id").notNull(),
    // The card the change belongs to, so a person's card shows changes to its employments too.
    subjectType: text("subject_type").notNull(),
    subjectId: integer("subject_id").notNull(),
    action: text().notNull(), // create | update | archive | dismiss | delete
    before: jsonb(),
    after: jsonb(),
    // Set when the change was made by a spreadsheet import, so the import can be undone.
    importId: integer("import_id"),
  },
  (t) => [index("audit_log_subject_idx").on(t.municipalityId, t.subjectType, t.subjectId)],
);

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => "bytea" });

/** A spreadsheet upload: previewed, then committed (or not), and possibly undone as a whole. */
export const imports = pgTable(
  "imports",
  {
    id: id(),
    municipalityId: municipalityId(),
    userId: integer("user_id").references(() => users.id),
    kind: text().notNull(), // staff | organizations
    fileName: text("file_name").notNull(),
    fileSize: integer("file_size").notNull(),
    // Kept until the import is committed or abandoned: the preview and the commit read the same bytes.
    file: bytea(),
    // Rows without an organisation column go to this one (a coordinator's own, or --org).
    organizationId: integer("organization_id").references(() => organizations.id),
    status: text().notNull().default("preview"), // preview | committed | failed | undone
    mapping: jsonb().$type<Record<string, string | null>>(),
    created: integer().notNull().default(0),
    updated: integer().notNull().default(0),
    skipped: integer().notNull().default(0),
    rejected: jsonb().$type<{ row: number; column: string; value: string; message: string }[]>().notNull().default([]),
    // Incomplete but usable facts of imported rows (a category without its date…).
    warnings: jsonb().$type<{ row: number; column: string; value: string; message: string }[]>().notNull().default([]),
    // How unknown values of reference columns were resolved for this upload (see imports/resolve.ts).
    decisions: jsonb().$type<{ field: string; value: string; action: string; targetId?: number; name?: string }[]>().notNull().default([]),
    totalRows: integer("total_rows").notNull().default(0),
    createdAt: createdAt(),
    committedAt: timestamp("committed_at", { withTimezone: true }),
    undoneAt: timestamp("undone_at", { withTimezone: true }),
  },
  (t) => [index("imports_municipality_idx").on(t.municipalityId, t.createdAt)],
);

/** Column mappings a user saved to reuse for files of the same layout. */
export const importMappings = pgTable(
  "import_mappings",
  {
    id: id(),
    municipalityId: municipalityId(),
    kind: text().notNull(),
    name: text().notNull(),
    // Normalised header text → field key (or null to ignore the column).
    mapping: jsonb().$type<Record<string, string | null>>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("import_mappings_name_uq").on(t.municipalityId, t.kind, t.name)],
);

/** Other names an organisation is written under in the files schools send. */
export const organizationAliases = pgTable(
  "organization_aliases",
  {
    id: id(),
    municipalityId: municipalityId(),
    organizationId: integer("organization_id")
      .notNull()
      .references(() => organizations.id),
    alias: text().notNull(),
    // matchKey(alias) (imports/match-key.ts): unique per municipality; files are compared by the alias text.
    aliasKey: text("alias_key").notNull(),
  },
  (t) => [uniqueIndex("organization_aliases_key_uq").on(t.municipalityId, t.aliasKey)],
);

/** Stored files (certificate scans): bytes with their checked type and size. */
export const files = pgTable("files", {
  id: id(),
  municipalityId: municipalityId(),
  name: text().notNull(),
  mime: text().notNull(),
  size: integer().notNull(),
  sha256: text().notNull(),
  data: bytea().notNull(),
  createdAt: createdAt(),
});

/** Organisations that run additional professional education programmes (ДПО). */
export const providers = pgTable(
  "providers",
  {
    id: id(),
    municipalityId: municipalityId(),
    name: text().notNull(),
    shortName: text("short_name").notNull(),
    kind: text().notNull(), // regional_institute | cnppm | federal | university | other
    inn: text(),
    region: text(),
    archivedAt: timestamp("archived_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index("providers_municipality_idx").on(t.municipalityId)],
);

/** The dozen ways a provider's name is written («ГАОУ ДПО ИРР ПО», «ИРР ПО» …), for matching. */
export const providerAliases = pgTable(
  "provider_aliases",
  {
    id: id(),
    municipalityId: municipalityId(),
    providerId: integer("provider_id")
      .notNull()
      .references(() => providers.id),
    alias: text().notNull(),
    aliasKey: text("alias_key").notNull(),
  },
  (t) => [uniqueIndex("provider_aliases_key_uq").on(t.municipalityId, t.aliasKey)],
);

export const programmes = pgTable(
  "programmes",
  {
    id: id(),
    municipalityId: municipalityId(),
    providerId: integer("provider_id")
      .notNull()
      .references(() => providers.id),
    title: text().notNull(),
    // Null when the file did not say: such a course is recorded but does not count for the
    // three-year rule's minimum of hours until they are entered.
    hours: smallint(),
    kind: text().notNull(), // upgrade | retraining
    pedagogical: boolean().notNull().default(false), // retraining that gives a pedagogical qualification
    form: text().notNull(), // full_time | mixed | extramural | distance
    federalRegister: boolean("federal_register").notNull().default(false),
    federalRegisterId: text("federal_register_id"),
    topics: text().array().notNull().default(sql`'{}'::text[]`),
    targetPositionIds: integer("target_position_ids").array().notNull().default(sql`'{}'::integer[]`),
    archivedAt: timestamp("archived_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index("programmes_provider_idx").on(t.municipalityId, t.providerId)],
);

/** A person's course: planned → enrolled → completed / not completed, with the certificate. */
export const courseCompletions = pgTable(
  "course_completions",
  {
    id: id(),
    municipalityId: municipalityId(),
    personId: integer("person_id")
      .notNull()
      .references(() => persons.id),
    programmeId: integer("programme_id")
      .notNull()
      .references(() => programmes.id),
    dateFrom: date("date_from", { mode: "string" }),
    dateTo: date("date_to", { mode: "string" }),
    status: text().notNull(), // planned | enrolled | completed | not_completed
    certificateKind: text("certificate_kind"), // certificate (удостоверение) | diploma
    certificateNumber: text("certificate_number"),
    certificateDate: date("certificate_date", { mode: "string" }),
    scanFileId: integer("scan_file_id").references(() => files.id),
    orderNumber: text("order_number"),
    orderDate: date("order_date", { mode: "string" }),
    // What motivated the course (a diagnostic or a route, later issue): free text until then.
    motivation: text(),
    createdAt: createdAt(),
  },
  (t) => [
    index("course_completions_person_idx").on(t.personId, t.dateTo),
    index("course_completions_municipality_idx").on(t.municipalityId, t.dateTo),
  ],
);

/** Periods in which the three-year rule does not apply to a person (first year, long leave). */
export const pdExemptions = pgTable(
  "pd_exemptions",
  {
    id: id(),
    municipalityId: municipalityId(),
    personId: integer("person_id")
      .notNull()
      .references(() => persons.id),
    reason: text().notNull(), // first_year | long_leave | other
    note: text(),
    validFrom: date("valid_from", { mode: "string" }).notNull(),
    validTo: date("valid_to", { mode: "string" }),
    createdAt: createdAt(),
  },
  (t) => [index("pd_exemptions_person_idx").on(t.personId)],
);

/** An organisation's request (заявка) for courses in an academic year, sent to the municipality. */
export const courseRequests = pgTable(
  "course_requests",
  {
    id: id(),
    municipalityId: municipalityId(),
    organizationId: integer("organization_id")
      .notNull()
      .references(() => organizations.id),
    // The academic year by its first calendar year: 2027 means 2027-2028.
    academicYear: smallint("academic_year").notNull(),
    status: text().notNull().default("draft"), // draft | submitted | approved | returned
    comment: text(),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("course_requests_org_year_uq").on(t.organizationId, t.academicYear)],
);

export const courseRequestItems = pgTable(
  "course_request_items",
  {
    id: id(),
    municipalityId: municipalityId(),
    requestId: integer("request_id")
      .notNull()
      .references(() => courseRequests.id),
    personId: integer("person_id")
      .notNull()
      .references(() => persons.id),
    programmeId: integer("programme_id").references(() => programmes.id),
    preferredPeriod: text("preferred_period"), // e.g. «октябрь–ноябрь», «I полугодие»
    note: text(),
  },
  (t) => [uniqueIndex("course_request_items_uq").on(t.requestId, t.personId)],
);
