// Shapes of the professional-development API answers (see server/modules/pd/*.ts).
import type {
  CERTIFICATE_KINDS,
  CompletionStatus,
  EXEMPTION_REASONS,
  OrgKind,
  PdStatus,
  ProgrammeKind,
  ProviderKind,
  RequestStatus,
  StudyForm,
} from "../../../../shared/domain.js";

export type CertificateKind = (typeof CERTIFICATE_KINDS)[number];
export type ExemptionReason = (typeof EXEMPTION_REASONS)[number];

export type PdRule = { periodYears: number; minHours: number };

export type Provider = {
  id: number;
  name: string;
  shortName: string;
  kind: ProviderKind;
  inn: string | null;
  region: string | null;
  archived: boolean;
  aliases: { id: number; alias: string }[];
};
export type ProviderListItem = Provider & { trainedPersons: number; programmesUsed: number };

export type Programme = {
  id: number;
  providerId: number;
  providerName?: string;
  title: string;
  hours: number | null;
  kind: ProgrammeKind;
  pedagogical: boolean;
  form: StudyForm;
  federalRegister: boolean;
  federalRegisterId: string | null;
  topics: string[];
  targetPositionIds: number[];
  archived: boolean;
};

export type Completion = {
  id: number;
  personId: number;
  programmeId: number;
  dateFrom: string | null;
  dateTo: string | null;
  status: CompletionStatus;
  certificateKind: CertificateKind | null;
  certificateNumber: string | null;
  certificateDate: string | null;
  orderNumber: string | null;
  orderDate: string | null;
  motivation: string | null;
  hasScan: boolean;
};
export type CardCompletion = Completion & {
  programme: { title: string; hours: number | null; kind: ProgrammeKind; form: StudyForm; federalRegister: boolean; providerName: string };
};

export type Exemption = {
  id: number;
  personId: number;
  reason: ExemptionReason;
  note: string | null;
  validFrom: string;
  validTo: string | null;
};

export type PdCard = {
  asOf: string;
  rule: PdRule;
  status: { lastCourse: string | null; dueDate: string | null; status: PdStatus };
  completions: CardCompletion[];
  exemptions: Exemption[];
};

export type PdStatusItem = {
  personId: number;
  fullName: string;
  organizationId: number;
  organization: string;
  position: string;
  lastCourse: string | null;
  dueDate: string | null;
  status: PdStatus;
};
export type PdStatusList = { asOf: string; rule: PdRule; counts: Record<PdStatus, number>; persons: number; items: PdStatusItem[] };

export type PdReminders = {
  asOf: string;
  months: number;
  dueSoon: { personId: number; fullName: string; organization: string; dueDate: string | null; status: PdStatus }[];
  unconfirmed: { completionId: number; personId: number; fullName: string; title: string; dateTo: string | null; status: CompletionStatus }[];
};

export type RetrainingNeeds = {
  asOf: string;
  total: number;
  organizations: { organization: string; persons: { personId: number; fullName: string; position: string; education: string | null }[] }[];
};

export type ManagementTraining = {
  from: string;
  to: string;
  organizations: number;
  organizationsWithTrainedManagement: number;
  managersTrained: number;
  items: {
    organizationId: number;
    organization: string;
    kind: OrgKind;
    persons: { personId: number; fullName: string; position: string; courses: string }[];
  }[];
};

export type CourseRequest = {
  id: number;
  organizationId: number;
  academicYear: number;
  status: RequestStatus;
  comment: string | null;
  submittedAt: string | null;
  decidedAt: string | null;
};
export type CourseRequestListItem = CourseRequest & { organization: string; items: number };

export type PlanPerson = {
  personId: number;
  fullName: string;
  position: string;
  lastCourse: string | null;
  dueDate: string | null;
  status: PdStatus;
  item: { programmeId: number | null; programmeTitle: string | null; preferredPeriod: string | null; note: string | null } | null;
};
export type CoursePlan = {
  academicYear: number;
  label: string;
  persons: number;
  organizations: { organizationId: number; organization: string; request: CourseRequest | null; persons: PlanPerson[] }[];
};

export type PdSettings = { pdPeriodYears: number; pdMinHours: number };

export type BreakdownRow = { staff: number; trained: number; share: number };
export type PdReport = {
  from: string;
  to: string;
  asOf: string;
  orgKind: OrgKind | null;
  staffTotal: number;
  trainedPersons: number;
  share: number;
  regionalInstitutePersons: number;
  otherProvidersPersons: number;
  byProvider: { provider: string; regionalInstitute: boolean; persons: number }[];
  federalRegisterPersons: number;
  distancePersons: number;
  retrainingPersons: number;
  byOrganization: (BreakdownRow & { organization: string })[];
  bySubject: (BreakdownRow & { subject: string })[];
};
