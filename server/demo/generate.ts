// Deterministic synthetic demo data: one municipality shaped like a real report (81
// organisations, 1631 pedagogical workers, known shares of higher education, categories and
// young staff) or a whole region of 30 such municipalities, with the providers of professional
// development, their programmes and every person's course history (courses.ts). Every municipality is first planned
// in memory from a seeded PRNG, then written in one transaction with bulk `unnest` inserts.

import { sql } from "drizzle-orm";
import { isIsoDate } from "../../shared/validators.js";
import { queryRows, refreshStatistics, type Db, type Queryable } from "../db/client.js";
import { column, insertReturningIds, insertRows, intArrayLiteral } from "../db/bulk.js";
import {
  ADDITIONAL_TYPES,
  DEMO_DISTRICT,
  INNOVATION_TOPICS,
  KINDERGARTEN_NAMES,
  OTHER_COLLEGES,
  OTHER_COLLEGE_SPECIALITIES,
  OTHER_HIGHER_SPECIALITIES,
  OTHER_UNIVERSITIES,
  PED_COLLEGES,
  PED_UNIVERSITIES,
  REGION_DISTRICTS,
  SCHOOL_HONOREES,
  STREETS,
  VILLAGES,
  randomFullName,
  transliterate,
  type District,
  type Gender,
} from "./names.js";
import { Rng, addDays, addYears, deriveSeed, isoToDays, maxIso, minIso, yearOf } from "./rng.js";
import { planProfessionalDevelopment, planProviderInns, writeProfessionalDevelopment, type PdPlan } from "./courses.js";

export type DemoScale = "municipality" | "region";

export type DemoOptions = {
  scale: DemoScale;
  seed: number;
  /** Code of the municipality at municipality scale ("demo" by default); unused for a region. */
  municipalityCode?: string;
  /** The date the data is "as of": ages, category validity and statuses are reckoned on it. */
  asOf?: string;
  /** Staff of the municipality at municipality scale (1631 by default, as in seed 002); benchmarks ask for more. */
  staff?: number;
};

export type DemoResult = {
  municipalities: { id: number; code: string; name: string }[];
  organizations: number;
  persons: number;
  completions: number;
};

/** Fills the database with synthetic demo data; the same seed always gives the same data. */
export async function generateDemo(db: Db, opts: DemoOptions): Promise<DemoResult> {
  const asOf = opts.asOf ?? "2026-09-01";
  if (!isIsoDate(asOf)) throw new Error(`asOf must be a date 'YYYY-MM-DD': ${asOf}`);
  if (!Number.isInteger(opts.seed)) throw new Error(`Seed must be an integer: ${opts.seed}`);
  const specs =
    opts.scale === "municipality"
      ? [municipalitySpec(opts.municipalityCode ?? "demo", DEMO_DISTRICT, opts.staff ?? BASE_TOTAL)]
      : regionSpecs(opts.seed);
  await assertCodesFree(db, specs.map((s) => s.code));

  // Identifiers stay unique across the whole run, not only within one municipality.
  const codes = new UniqueCodes();
  const providerInns = planProviderInns(new Rng(deriveSeed(opts.seed, 2_000_000)), codes, makeInn);
  const result: DemoResult = { municipalities: [], organizations: 0, persons: 0, completions: 0 };
  for (const [index, spec] of specs.entries()) {
    const rng = new Rng(deriveSeed(opts.seed, index));
    const plan = planMunicipality({ rng, asOf, district: spec.district, codes, providerInns }, spec);
    const id = await db.transaction((tx) => writeMunicipality(tx, plan));
    result.municipalities.push({ id, code: plan.code, name: plan.name });
    result.organizations += plan.orgs.length;
    result.persons += plan.persons.length;
    result.completions += plan.pd.completions.length;
  }
  await refreshStatistics(db);
  return result;
}

// ---------------------------------------------------------------------------------------------
// Shape of a municipality

type OrgKind = "school" | "preschool" | "additional";
const ORG_KINDS: readonly OrgKind[] = ["school", "preschool", "additional"];

// The reference municipality the demo reproduces.
const BASE_ORGS: Record<OrgKind, number> = { school: 36, preschool: 38, additional: 7 };
const BASE_STAFF: Record<OrgKind, number> = { school: 967, preschool: 536, additional: 128 };
const BASE_TOTAL = BASE_STAFF.school + BASE_STAFF.preschool + BASE_STAFF.additional;

/** Shares that come out exactly (round(share × n) persons) for each kind of main employment. */
const SHARES: Record<OrgKind, { higher: number; validCategory: number; under35: number }> = {
  school: { higher: 0.9, validCategory: 0.57, under35: 0.27 },
  preschool: { higher: 0.65, validCategory: 0.56, under35: 0.3 },
  additional: { higher: 0.88, validCategory: 0.57, under35: 0.35 },
};

const REGION_CODE = "23";
const REGION_TARGET_STAFF = 60_000;

type MunicipalitySpec = {
  code: string;
  district: District;
  staff: Record<OrgKind, number>;
  orgs: Record<OrgKind, number>;
};

/** Scales the reference municipality to `total` staff, keeping its mix of kinds. */
function municipalitySpec(code: string, district: District, total: number): MunicipalitySpec {
  const scale = total / BASE_TOTAL;
  const school = Math.round(BASE_STAFF.school * scale);
  const preschool = Math.round(BASE_STAFF.preschool * scale);
  return {
    code,
    district,
    staff: { school, preschool, additional: total - school - preschool },
    // Two organisations of a kind at least, so a part-timer always has another one to go to.
    orgs: {
      school: Math.max(2, Math.round(BASE_ORGS.school * scale)),
      preschool: Math.max(2, Math.round(BASE_ORGS.preschool * scale)),
      additional: Math.max(2, Math.round(BASE_ORGS.additional * scale)),
    },
  };
}

/** 30 municipalities of 1,000–3,000 staff, rescaled so that they total about 60,000. */
function regionSpecs(seed: number): MunicipalitySpec[] {
  const rng = new Rng(deriveSeed(seed, 1_000_000));
  const raw = REGION_DISTRICTS.map(() => rng.int(1000, 3000));
  const factor = REGION_TARGET_STAFF / raw.reduce((a, b) => a + b, 0);
  return REGION_DISTRICTS.map((d, i) =>
    municipalitySpec(`m${String(i + 1).padStart(2, "0")}`, d, Math.round(raw[i] * factor)),
  );
}

async function assertCodesFree(db: Db, codes: string[]): Promise<void> {
  const taken = await queryRows<{ code: string }>(
    db,
    sql`select code from municipalities where code = any(${sql.param(codes)}::text[])`,
  );
  if (taken.length > 0) {
    throw new Error(`Municipality already exists: ${taken.map((r) => r.code).join(", ")}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Reference lists

const POSITIONS = [
  { name: "учитель", isManagement: false },
  { name: "воспитатель", isManagement: false },
  { name: "старший воспитатель", isManagement: false },
  { name: "педагог-психолог", isManagement: false },
  { name: "учитель-логопед", isManagement: false },
  { name: "учитель-дефектолог", isManagement: false },
  { name: "социальный педагог", isManagement: false },
  { name: "педагог дополнительного образования", isManagement: false },
  { name: "педагог-организатор", isManagement: false },
  { name: "музыкальный руководитель", isManagement: false },
  { name: "инструктор по физической культуре", isManagement: false },
  { name: "тренер-преподаватель", isManagement: false },
  { name: "методист", isManagement: false },
  { name: "преподаватель-организатор ОБЗР", isManagement: false },
  { name: "советник директора по воспитанию", isManagement: false },
  { name: "тьютор", isManagement: false },
  { name: "руководитель", isManagement: true },
  { name: "заместитель руководителя", isManagement: true },
] as const;
type Position = (typeof POSITIONS)[number]["name"];

const SUBJECTS = [
  { name: "русский язык", isRegional: false },
  { name: "литература", isRegional: false },
  { name: "математика", isRegional: false },
  { name: "алгебра", isRegional: false },
  { name: "геометрия", isRegional: false },
  { name: "информатика", isRegional: false },
  { name: "физика", isRegional: false },
  { name: "химия", isRegional: false },
  { name: "биология", isRegional: false },
  { name: "география", isRegional: false },
  { name: "история", isRegional: false },
  { name: "обществознание", isRegional: false },
  { name: "английский язык", isRegional: false },
  { name: "немецкий язык", isRegional: false },
  { name: "физическая культура", isRegional: false },
  { name: "музыка", isRegional: false },
  { name: "изобразительное искусство", isRegional: false },
  { name: "технология", isRegional: false },
  { name: "ОБЗР", isRegional: false },
  { name: "начальные классы", isRegional: false },
  { name: "кубановедение", isRegional: true },
  { name: "ОПК", isRegional: true },
] as const;
type Subject = (typeof SUBJECTS)[number]["name"];

/** What a school teacher teaches, weighted roughly like a real staff list. */
const TEACHER_SUBJECTS: readonly (readonly [Subject[], number])[] = [
  [["начальные классы"], 24],
  [["начальные классы", "кубановедение"], 3],
  [["начальные классы", "ОПК"], 2],
  [["русский язык", "литература"], 15],
  [["русский язык"], 2],
  [["литература"], 1],
  [["математика"], 9],
  [["алгебра", "геометрия"], 4],
  [["математика", "информатика"], 2],
  [["информатика"], 2],
  [["физика"], 3],
  [["физика", "информатика"], 1],
  [["химия", "биология"], 2],
  [["химия"], 2],
  [["биология"], 3],
  [["география"], 2],
  [["география", "биология"], 1],
  [["история", "обществознание"], 7],
  [["история", "кубановедение"], 1],
  [["обществознание"], 1],
  [["английский язык"], 9],
  [["немецкий язык"], 1],
  [["английский язык", "немецкий язык"], 1],
  [["физическая культура"], 7],
  [["музыка"], 2],
  [["изобразительное искусство"], 1],
  [["музыка", "изобразительное искусство"], 1],
  [["технология"], 3],
  [["ОБЗР"], 1],
  [["ОБЗР", "физическая культура"], 1],
  [["кубановедение"], 1],
  [["ОПК"], 1],
];

// ---------------------------------------------------------------------------------------------
// The in-memory plan of one municipality

type Traits = { higher: boolean; validCategory: boolean; under35: boolean };

type OrgPlan = {
  kind: OrgKind;
  fullName: string;
  shortName: string;
  inn: string;
  ogrn: string;
  address: string;
  phone: string;
  email: string;
  headName: string | null;
  /** Relative size of the staff: a lyceum is bigger than a basic village school. */
  staffWeight: number;
  isSportsSchool: boolean;
};

type JobPlan = {
  orgIndex: number;
  position: Position;
  subjects: Subject[];
  isMain: boolean;
  hireDate: string;
  dismissalDate: string | null;
};

type EducationLevel = "higher" | "secondary_vocational" | "other";
type EducationPlan = {
  level: EducationLevel;
  isPedagogical: boolean;
  institution: string;
  graduationYear: number;
  speciality: string;
};

type CategoryName = "none" | "conformity" | "first" | "highest";
type CategoryPlan = { category: CategoryName; assignedOn: string };

type PersonPlan = {
  kind: OrgKind;
  traits: Traits;
  surname: string;
  name: string;
  patronymic: string;
  gender: Gender;
  birthDate: string;
  snils: string | null;
  phone: string | null;
  email: string | null;
  pedWorkStart: string;
  education: EducationPlan;
  categories: CategoryPlan[];
  jobs: JobPlan[];
};

type PersonStatusPlan = {
  personIndex: number;
  kind: string;
  expertArea: string | null;
  validFrom: string;
  validTo: string | null;
};

type OrgStatusPlan = {
  orgIndex: number;
  kind: string;
  level: string | null;
  validFrom: string;
  validTo: string | null;
  note: string | null;
};

type MunicipalityPlan = {
  code: string;
  name: string;
  orgs: OrgPlan[];
  persons: PersonPlan[];
  personStatuses: PersonStatusPlan[];
  orgStatuses: OrgStatusPlan[];
  pd: PdPlan;
};

/** What every planning step needs; `codes` and `providerInns` are shared by all municipalities of a run. */
type Ctx = { rng: Rng; asOf: string; district: District; codes: UniqueCodes; providerInns: readonly string[] };

function planMunicipality(ctx: Ctx, spec: MunicipalitySpec): MunicipalityPlan {
  const orgs = ORG_KINDS.flatMap((kind) => planOrganizations(ctx, kind, spec.orgs[kind]));
  const persons = ORG_KINDS.flatMap((kind) => planStaffOfKind(ctx, kind, spec.staff[kind], orgs));
  for (const person of persons) {
    const head = person.jobs[0];
    if (head.position === "руководитель") {
      orgs[head.orgIndex].headName = `${person.surname} ${person.name} ${person.patronymic}`;
    }
  }
  addPartTimeJobs(ctx, persons, orgs);
  addPastJobs(ctx, persons, orgs);
  const personStatuses = planPersonStatuses(ctx, persons);
  const orgStatuses = planOrgStatuses(ctx, orgs);
  // Courses come last, so that they leave everything planned before them as it was.
  const pd = planProfessionalDevelopment(
    ctx.rng,
    ctx.asOf,
    persons.map((p) => ({
      kind: p.kind,
      position: p.jobs[0].position,
      subjects: p.jobs[0].subjects,
      management: isManagementPosition(p.jobs[0].position),
      pedagogicalEducation: p.education.isPedagogical,
      pedWorkStart: p.pedWorkStart,
      gender: p.gender,
      birthDate: p.birthDate,
    })),
    ctx.codes,
    ctx.providerInns,
  );
  return {
    code: spec.code,
    name: `Муниципальное образование ${spec.district.name}`,
    orgs,
    persons,
    personStatuses,
    orgStatuses,
    pd,
  };
}

// ---------------------------------------------------------------------------------------------
// Organisations

type Ownership = { full: string; abbr: string };
const BUDGET: Ownership = { full: "бюджетное", abbr: "Б" };
const AUTONOMOUS: Ownership = { full: "автономное", abbr: "А" };
const GOVERNMENT: Ownership = { full: "казённое", abbr: "К" };

function pickOwnership(rng: Rng, allowGovernment: boolean): Ownership {
  return rng.weighted([
    [BUDGET, 80],
    [AUTONOMOUS, 15],
    [GOVERNMENT, allowGovernment ? 5 : 0],
  ]);
}

function planOrganizations(ctx: Ctx, kind: OrgKind, count: number): OrgPlan[] {
  const orgs: OrgPlan[] = [];
  let number = 0;
  for (let i = 0; i < count; i++) {
    // Numbers have gaps, as real ones do after closures and mergers.
    number += ctx.rng.chance(0.15) ? 2 : 1;
    const named =
      kind === "school"
        ? nameSchool(ctx.rng, number, i, count)
        : kind === "preschool"
          ? nameKindergarten(ctx.rng, number)
          : nameAdditional(ctx.rng, i);
    orgs.push({ kind, ...named, ...orgContacts(ctx, named.slug), headName: null });
  }
  return orgs;
}

type OrgName = {
  fullName: string;
  shortName: string;
  slug: string;
  staffWeight: number;
  isSportsSchool: boolean;
};

function nameKindergarten(rng: Rng, number: number): OrgName {
  const own = pickOwnership(rng, true);
  const type = rng.weighted([
    ["детский сад", 60],
    ["детский сад комбинированного вида", 20],
    ["детский сад общеразвивающего вида", 10],
    ["центр развития ребёнка — детский сад", 10],
  ]);
  const isCenter = type.startsWith("центр");
  return {
    fullName:
      `Муниципальное ${own.full} дошкольное образовательное учреждение ${type} № ${number} ` +
      `«${rng.pick(KINDERGARTEN_NAMES)}»`,
    shortName: `М${own.abbr}ДОУ ${isCenter ? "ЦРР — д/с" : "д/с"} № ${number}`,
    slug: `dou${number}`,
    staffWeight: rng.float(0.6, 1.4) * (isCenter ? 1.4 : 1),
    isSportsSchool: false,
  };
}

/** Schools by index: a gymnasium and a lyceum first, then one in five a basic school. */
function nameSchool(rng: Rng, number: number, index: number, count: number): OrgName {
  const eliteCount = Math.max(1, Math.round(count * 0.06));
  const type =
    index < eliteCount
      ? { full: "гимназия", abbr: "гимназия", weight: 1.5 }
      : index < 2 * eliteCount
        ? { full: "лицей", abbr: "лицей", weight: 1.5 }
        : rng.chance(0.2)
          ? { full: "основная общеобразовательная школа", abbr: "ООШ", weight: 0.45 }
          : { full: "средняя общеобразовательная школа", abbr: "СОШ", weight: rng.float(0.8, 1.3) };
  // Government-funded (казённые) schools are the small basic ones.
  const own = type.abbr === "ООШ" && rng.chance(0.3) ? GOVERNMENT : pickOwnership(rng, false);
  const honoree = rng.chance(0.3) ? rng.pick(SCHOOL_HONOREES) : null;
  return {
    fullName:
      `Муниципальное ${own.full} общеобразовательное учреждение ${type.full} № ${number}` +
      (honoree ? ` имени ${honoree}` : ""),
    shortName: `М${own.abbr}ОУ ${type.abbr} № ${number}` + (honoree ? ` им. ${honoree}` : ""),
    slug: `school${number}`,
    staffWeight: type.weight,
    isSportsSchool: false,
  };
}

/** The seven classic kinds first; a bigger municipality gets a second of each, numbered. */
function nameAdditional(rng: Rng, index: number): OrgName {
  const type = ADDITIONAL_TYPES[index % ADDITIONAL_TYPES.length];
  const copy = Math.floor(index / ADDITIONAL_TYPES.length) + 1;
  const suffix = copy > 1 ? ` № ${copy}` : "";
  const own = rng.chance(0.2) ? AUTONOMOUS : BUDGET;
  return {
    fullName: `Муниципальное ${own.full} учреждение дополнительного образования «${type.full}${suffix}»`,
    shortName: `М${own.abbr}У ДО ${type.abbr}${suffix}`,
    slug: `${transliterate(type.abbr)}${copy > 1 ? copy : ""}`,
    staffWeight: rng.float(0.7, 1.2) * (type.sports ? 1.4 : 1),
    isSportsSchool: type.sports,
  };
}

function orgContacts(ctx: Ctx, slug: string): Pick<OrgPlan, "inn" | "ogrn" | "address" | "phone" | "email"> {
  const { rng, district } = ctx;
  const settlement = rng.chance(district.isCity ? 0.85 : 0.45) ? district.center : rng.pick(VILLAGES);
  const area = district.isCity ? "" : `${district.name}, `;
  return {
    inn: ctx.codes.draw(() => makeInn(rng)),
    ogrn: ctx.codes.draw(() => makeOgrn(rng)),
    address:
      `${352_000 + rng.int(0, 3999)}, Краснодарский край, ${area}${settlement}, ` +
      `ул. ${rng.pick(STREETS)}, д. ${rng.int(1, 120)}`,
    phone: `+7 (861) 4${digits(rng, 2)}-${digits(rng, 2)}-${digits(rng, 2)}`,
    email: `${slug}@${transliterate(district.adjective)}.example.org`,
  };
}

// ---------------------------------------------------------------------------------------------
// Staff

/** Plans the persons whose main employment is in organisations of one kind. */
function planStaffOfKind(ctx: Ctx, kind: OrgKind, count: number, orgs: OrgPlan[]): PersonPlan[] {
  const traits = exactTraits(ctx.rng, count, SHARES[kind]);
  const orgIndexes = indexesOfKind(orgs, kind);
  const sizes = allocate(count, orgIndexes.map((i) => orgs[i].staffWeight), MIN_STAFF[kind]);
  const persons: PersonPlan[] = [];
  let next = 0;
  for (const [k, orgIndex] of orgIndexes.entries()) {
    const staff = traits.slice(next, next + sizes[k]);
    next += sizes[k];
    persons.push(...planOrgStaff(ctx, orgIndex, orgs[orgIndex], staff));
  }
  return persons;
}

// Enough for the management team and a few teachers.
const MIN_STAFF: Record<OrgKind, number> = { school: 8, preschool: 5, additional: 5 };

/**
 * Traits in exact proportions: each one is given to round(share × n) persons chosen by an
 * independent shuffle, so a report on the generated data reproduces the shares to the person.
 */
function exactTraits(rng: Rng, n: number, shares: (typeof SHARES)[OrgKind]): Traits[] {
  const higher = exactFlags(rng, n, shares.higher);
  const validCategory = exactFlags(rng, n, shares.validCategory);
  const under35 = exactFlags(rng, n, shares.under35);
  return higher.map((h, i) => ({ higher: h, validCategory: validCategory[i], under35: under35[i] }));
}

function exactFlags(rng: Rng, n: number, share: number): boolean[] {
  const yes = Math.round(share * n);
  return rng.shuffle(Array.from({ length: n }, (_, i) => i < yes));
}

/** Splits `total` in proportion to `weights` (largest remainder), each part at least `min`. */
function allocate(total: number, weights: number[], min: number): number[] {
  const spare = total - min * weights.length;
  if (spare < 0) throw new Error(`Cannot give ${weights.length} organisations ${min} staff each out of ${total}`);
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (spare * w) / sum);
  const parts = exact.map(Math.floor);
  const byRemainder = exact.map((x, i) => [x - parts[i], i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  const leftover = spare - parts.reduce((a, b) => a + b, 0);
  for (let k = 0; k < leftover; k++) parts[byRemainder[k][1]]++;
  return parts.map((p) => p + min);
}

function indexesOfKind(orgs: OrgPlan[], kind: OrgKind): number[] {
  return orgs.flatMap((o, i) => (o.kind === kind ? [i] : []));
}

function planOrgStaff(ctx: Ctx, orgIndex: number, org: OrgPlan, staff: Traits[]): PersonPlan[] {
  const { rng } = ctx;
  const positions = orgPositions(rng, org, staff.length);
  const management = positions.filter(isManagementPosition).length;
  // Heads and deputies come from experienced staff with a degree where the team has them.
  const suited = (t: Traits) => t.higher && !t.under35;
  const ordered = [...rng.shuffle(staff.filter(suited)), ...rng.shuffle(staff.filter((t) => !suited(t)))];
  const rest = rng.shuffle(positions.slice(management));
  return ordered.map((traits, i) => {
    const position = i < management ? positions[i] : rest[i - management];
    const subjects = position === "учитель" ? [...rng.weighted(TEACHER_SUBJECTS)] : [];
    return planPerson(ctx, traits, { kind: org.kind, orgIndex, position, subjects });
  });
}

function isManagementPosition(position: Position): boolean {
  return position === "руководитель" || position === "заместитель руководителя";
}

/** A staff list of `size` positions, management first. */
function orgPositions(rng: Rng, org: OrgPlan, size: number): Position[] {
  const list: Position[] = ["руководитель"];
  const add = (position: Position, when: boolean) => {
    if (when) list.push(position);
  };
  if (org.kind === "school") {
    list.push("заместитель руководителя", "заместитель руководителя");
    add("заместитель руководителя", size >= 35);
    add("педагог-психолог", size >= 20);
    add("социальный педагог", size >= 30);
    add("учитель-логопед", size >= 35);
    add("учитель-дефектолог", size >= 45 && rng.chance(0.4));
    add("тьютор", size >= 40 && rng.chance(0.3));
    add("советник директора по воспитанию", rng.chance(0.7));
    add("педагог-организатор", size >= 40);
    add("преподаватель-организатор ОБЗР", size >= 25 && rng.chance(0.5));
    add("педагог дополнительного образования", rng.chance(0.15));
    return fill(list, size, "учитель");
  }
  if (org.kind === "preschool") {
    list.push(rng.chance(0.6) ? "старший воспитатель" : "заместитель руководителя");
    add("музыкальный руководитель", size >= 8);
    add("инструктор по физической культуре", size >= 14);
    add("учитель-логопед", size >= 12 && rng.chance(0.6));
    add("педагог-психолог", size >= 18);
    add("музыкальный руководитель", size >= 25);
    return fill(list, size, "воспитатель");
  }
  list.push("заместитель руководителя");
  add("методист", size >= 8);
  add("педагог-организатор", size >= 15);
  add("педагог-психолог", size >= 20 && rng.chance(0.5));
  add("тренер-преподаватель", !org.isSportsSchool && size >= 12 && rng.chance(0.5));
  return fill(list, size, org.isSportsSchool ? "тренер-преподаватель" : "педагог дополнительного образования");
}

function fill(list: Position[], size: number, filler: Position): Position[] {
  const head = list.slice(0, size);
  return [...head, ...Array<Position>(size - head.length).fill(filler)];
}

type MainJob = { kind: OrgKind; orgIndex: number; position: Position; subjects: Subject[] };

function planPerson(ctx: Ctx, traits: Traits, job: MainJob): PersonPlan {
  const { rng, asOf } = ctx;
  // A valid category takes a few years of work, so its young holders are at least 25.
  const age = traits.under35 ? rng.int(traits.validCategory ? 25 : 21, 34) : olderAge(rng);
  const birthDate = rng.date(addDays(addYears(asOf, -(age + 1)), 1), addYears(asOf, -age));
  const gender: Gender = rng.chance(maleShare(job)) ? "male" : "female";
  const fullName = randomFullName(rng, gender, yearOf(birthDate));
  const isNewcomer = traits.under35 && !traits.validCategory && rng.chance(0.45);
  const pedWorkStart = planPedWorkStart(rng, asOf, birthDate, isNewcomer);
  return {
    kind: job.kind,
    traits,
    ...fullName,
    gender,
    birthDate,
    snils: rng.chance(0.7) ? ctx.codes.draw(() => makeSnils(rng)) : null,
    phone: rng.chance(0.85) ? mobilePhone(rng) : null,
    email: rng.chance(0.5) ? personEmail(rng, fullName) : null,
    pedWorkStart,
    education: planEducation(ctx, traits.higher, birthDate, job),
    categories: planCategories(rng, asOf, pedWorkStart, traits.validCategory),
    jobs: [
      {
        orgIndex: job.orgIndex,
        position: job.position,
        subjects: job.subjects,
        isMain: true,
        hireDate: rng.date(maxIso(pedWorkStart, addYears(asOf, -30)), addDays(asOf, -1)),
        dismissalDate: null,
      },
    ],
  };
}

/** 35..70, peaking in the fifties like a real teaching staff. */
function olderAge(rng: Rng): number {
  return Math.round((rng.int(35, 70) + rng.int(35, 70)) / 2);
}

/** Education is ≈85% women; men are more common among coaches, ОБЗР and PE teachers, heads. */
function maleShare(job: MainJob): number {
  const bySubject: Partial<Record<Subject, number>> = {
    "физическая культура": 0.5, ОБЗР: 0.7, технология: 0.4, физика: 0.25, информатика: 0.3, история: 0.2,
  };
  if (job.position === "учитель") return bySubject[job.subjects[0]] ?? 0.08;
  if (job.kind === "preschool") return job.position === "инструктор по физической культуре" ? 0.2 : 0.01;
  const byPosition: Partial<Record<Position, number>> = {
    руководитель: job.kind === "additional" ? 0.4 : 0.3,
    "заместитель руководителя": 0.15,
    "тренер-преподаватель": 0.6,
    "преподаватель-организатор ОБЗР": 0.7,
    "педагог дополнительного образования": 0.25,
    "педагог-организатор": 0.2,
    "советник директора по воспитанию": 0.2,
  };
  return byPosition[job.position] ?? 0.08;
}

/**
 * The start of pedagogical work, at 19 at the earliest. Newcomers started within the last three
 * years (the "young teacher" of the reports); everybody else at least three years ago if their
 * age allows it.
 */
function planPedWorkStart(rng: Rng, asOf: string, birthDate: string, isNewcomer: boolean): string {
  const earliest = addYears(birthDate, 19);
  const latest = addDays(asOf, -1);
  if (isNewcomer) return rng.date(maxIso(earliest, addDays(addYears(asOf, -3), 1)), latest);
  const threeYearsAgo = addYears(asOf, -3);
  const startAge = rng.chance(0.85) ? rng.int(19, 26) : rng.int(27, 45);
  const start = addDays(addYears(birthDate, startAge), rng.int(0, 364));
  if (start <= threeYearsAgo) return start;
  return earliest <= threeYearsAgo ? rng.date(earliest, threeYearsAgo) : rng.date(earliest, latest);
}

/**
 * The attestation history. A valid first/highest category is assigned between 5 years + 30 days
 * and 30 days before asOf, so no report boundary rounding can flip it; an expired one more than
 * 5 years + 30 days before.
 */
function planCategories(rng: Rng, asOf: string, pedWorkStart: string, valid: boolean): CategoryPlan[] {
  const windowStart = addDays(addYears(asOf, -5), 30);
  const windowEnd = addDays(asOf, -30);
  const eligibleFrom = addYears(pedWorkStart, 2);
  if (valid) {
    const assignedOn = rng.date(minIso(maxIso(windowStart, eligibleFrom), windowEnd), windowEnd);
    const category: CategoryName = rng.chance(0.45) ? "highest" : "first";
    const renewedFrom = addDays(addYears(assignedOn, -5), -rng.int(0, 200));
    if (renewedFrom >= eligibleFrom && rng.chance(0.4)) {
      // A renewal: the previous term, sometimes a step lower.
      const previous: CategoryName = category === "highest" && rng.chance(0.5) ? "first" : category;
      return [{ category: previous, assignedOn: renewedFrom }, { category, assignedOn }];
    }
    return [{ category, assignedOn }];
  }
  const outcome = rng.weighted([
    ["nothing", 35],
    ["conformity", 30],
    ["none", 5],
    ["expired", 30],
  ] as const);
  const expiredBy = addDays(addYears(asOf, -5), -30);
  if (outcome === "expired" && eligibleFrom <= expiredBy) {
    const assignedOn = rng.date(maxIso(eligibleFrom, addYears(asOf, -15)), expiredBy);
    return [{ category: rng.chance(0.6) ? "first" : "highest", assignedOn }];
  }
  if ((outcome === "conformity" || outcome === "expired") && eligibleFrom <= windowEnd) {
    const assignedOn = rng.date(maxIso(eligibleFrom, windowStart), windowEnd);
    return [{ category: "conformity", assignedOn }];
  }
  if (outcome === "none") {
    return [{ category: "none", assignedOn: rng.date(pedWorkStart, addDays(asOf, -1)) }];
  }
  return [];
}

// ---------------------------------------------------------------------------------------------
// Education

// A teacher's degree is named after the first subject taught.
const SUBJECT_PROFILES: Partial<Record<Subject, string>> = {
  "начальные классы": "Начальное образование",
  ОБЗР: "Безопасность жизнедеятельности",
  ОПК: "История",
  кубановедение: "История",
  алгебра: "Математика",
  геометрия: "Математика",
};

function planEducation(ctx: Ctx, higher: boolean, birthDate: string, job: MainJob): EducationPlan {
  const { rng } = ctx;
  const level: EducationLevel = higher ? "higher" : rng.chance(0.95) ? "secondary_vocational" : "other";
  const isPedagogical = level !== "other" && rng.chance(0.85);
  const birthYear = yearOf(birthDate);
  // Nobody graduates after asOf or before 17.
  const graduationYear = Math.max(
    birthYear + 17,
    Math.min(birthYear + graduationAge(rng, level), yearOf(ctx.asOf)),
  );
  return {
    level,
    isPedagogical,
    graduationYear,
    ...institutionAndSpeciality(ctx, level, isPedagogical, job),
  };
}

/** Mostly straight after school or college; one degree in ten is taken later in life. */
function graduationAge(rng: Rng, level: EducationLevel): number {
  if (level === "higher") return rng.chance(0.1) ? rng.int(25, 40) : rng.int(22, 24);
  return level === "secondary_vocational" ? rng.int(19, 21) : rng.int(17, 19);
}

function institutionAndSpeciality(
  ctx: Ctx,
  level: EducationLevel,
  isPedagogical: boolean,
  job: MainJob,
): { institution: string; speciality: string } {
  const { rng, district } = ctx;
  if (level === "other") {
    return { institution: `${district.adjective} учебно-курсовой комбинат`, speciality: "Профессиональное обучение" };
  }
  if (level === "higher") {
    return isPedagogical
      ? { institution: rng.pick(PED_UNIVERSITIES), speciality: higherPedSpeciality(job) }
      : { institution: rng.pick(OTHER_UNIVERSITIES), speciality: rng.pick(OTHER_HIGHER_SPECIALITIES) };
  }
  if (!isPedagogical) {
    const local = `${district.adjective} индустриально-технологический техникум`;
    return { institution: rng.pick([local, ...OTHER_COLLEGES]), speciality: rng.pick(OTHER_COLLEGE_SPECIALITIES) };
  }
  const local = `${district.adjective} педагогический колледж`;
  return { institution: rng.chance(0.6) ? local : rng.pick(PED_COLLEGES), speciality: collegePedSpeciality(job) };
}

function higherPedSpeciality(job: MainJob): string {
  if (job.position === "учитель") {
    const subject = job.subjects[0];
    const profile = SUBJECT_PROFILES[subject] ?? subject[0].toUpperCase() + subject.slice(1);
    return `Педагогическое образование (профиль «${profile}»)`;
  }
  const byPosition: Partial<Record<Position, string>> = {
    воспитатель: "Дошкольное образование",
    "старший воспитатель": "Дошкольное образование",
    "педагог-психолог": "Психолого-педагогическое образование",
    "учитель-логопед": "Специальное (дефектологическое) образование",
    "учитель-дефектолог": "Специальное (дефектологическое) образование",
    "инструктор по физической культуре": "Физическая культура",
    "тренер-преподаватель": "Физическая культура",
    "музыкальный руководитель": "Музыкальное образование",
    "социальный педагог": "Социальная педагогика",
  };
  return byPosition[job.position] ?? "Педагогическое образование";
}

function collegePedSpeciality(job: MainJob): string {
  if (job.kind === "preschool") {
    if (job.position === "музыкальный руководитель") return "Музыкальное образование";
    if (job.position === "инструктор по физической культуре") return "Физическая культура";
    return "Дошкольное образование";
  }
  const sport = job.position === "тренер-преподаватель" || job.subjects[0] === "физическая культура";
  if (sport) return "Физическая культура";
  if (job.subjects[0] === "музыка") return "Музыкальное образование";
  if (job.kind === "additional") return "Педагогика дополнительного образования";
  return "Преподавание в начальных классах";
}

// ---------------------------------------------------------------------------------------------
// Second and past employments

/** About 5% of each kind's staff also work part-time in another organisation of the same kind. */
function addPartTimeJobs(ctx: Ctx, persons: PersonPlan[], orgs: OrgPlan[]): void {
  const { rng, asOf } = ctx;
  for (const kind of ORG_KINDS) {
    const staff = persons.filter((p) => p.kind === kind);
    const orgIndexes = indexesOfKind(orgs, kind);
    for (const person of rng.sample(staff, Math.round(staff.length * 0.05))) {
      const main = person.jobs[0];
      const position = partTimePosition(kind, main.position);
      person.jobs.push({
        orgIndex: rng.pick(orgIndexes.filter((i) => i !== main.orgIndex)),
        position,
        subjects: position === "учитель" ? teacherSubjects(rng, main.subjects).slice(0, 1) : [],
        isMain: false,
        hireDate: rng.date(maxIso(main.hireDate, addYears(asOf, -5)), addDays(asOf, -1)),
        dismissalDate: null,
      });
    }
  }
}

/** A teacher keeps the subjects of the main job; a newly made teacher gets some. */
function teacherSubjects(rng: Rng, mainSubjects: Subject[]): Subject[] {
  return mainSubjects.length > 0 ? mainSubjects : [...rng.weighted(TEACHER_SUBJECTS)];
}

/** Specialists take the same post elsewhere; managers and others take a teaching post. */
function partTimePosition(kind: OrgKind, main: Position): Position {
  const portable: Position[] = [
    "учитель", "педагог-психолог", "учитель-логопед", "учитель-дефектолог", "социальный педагог",
    "музыкальный руководитель", "инструктор по физической культуре", "тренер-преподаватель",
    "педагог дополнительного образования",
  ];
  if (portable.includes(main) && (kind !== "preschool" || main !== "учитель")) return main;
  return TEACHING_POSITION[kind];
}

const TEACHING_POSITION: Record<OrgKind, Position> = {
  school: "учитель",
  preschool: "воспитатель",
  additional: "педагог дополнительного образования",
};

/**
 * About 1% of staff once worked elsewhere (any kind of organisation) and were dismissed before
 * their current job: a report that forgets to filter on dismissal_date will count them twice.
 */
function addPastJobs(ctx: Ctx, persons: PersonPlan[], orgs: OrgPlan[]): void {
  const { rng } = ctx;
  // Only people with a year of work before their current job have room for a past one.
  const candidates = persons.filter((p) => isoToDays(p.jobs[0].hireDate) - isoToDays(p.pedWorkStart) > 365);
  for (const person of rng.sample(candidates, Math.round(persons.length * 0.01))) {
    const main = person.jobs[0];
    const orgIndex = rng.pick(orgs.map((_, i) => i).filter((i) => i !== main.orgIndex));
    const kind = orgs[orgIndex].kind;
    const sameWork = kind === person.kind && !isManagementPosition(main.position);
    const position = sameWork ? main.position : TEACHING_POSITION[kind];
    const hireDate = person.pedWorkStart;
    person.jobs.push({
      orgIndex,
      position,
      subjects: position === "учитель" ? teacherSubjects(rng, main.subjects) : [],
      isMain: true,
      hireDate,
      dismissalDate: rng.date(addDays(hireDate, 180), addDays(main.hireDate, -1)),
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Statuses

const PERSON_STATUS_KINDS = [
  ["mentor", 30],
  ["methodological_active", 25],
  ["expert", 20],
  ["tutor", 10],
  ["regional_expert_registry", 10],
  ["regional_methodist", 5],
] as const;
const EXPERT_AREAS = ["gia", "attestation", "competitions", "olympiads"];

/** The end of a status that lapsed before asOf, at least half a year after it began. */
function lapsedOn(rng: Rng, validFrom: string, asOf: string): string {
  const dayBefore = addDays(asOf, -1);
  return rng.date(minIso(addDays(validFrom, 180), dayBefore), dayBefore);
}

/** A few dozen statuses (≈2.5% of staff), mostly held by experienced people with a category. */
function planPersonStatuses(ctx: Ctx, persons: PersonPlan[]): PersonStatusPlan[] {
  const { rng, asOf } = ctx;
  const everyone = persons.map((_, i) => i);
  const experienced = everyone.filter((i) => persons[i].traits.validCategory && !persons[i].traits.under35);
  const taken = new Set<string>();
  const statuses: PersonStatusPlan[] = [];
  const target = Math.max(6, Math.round(persons.length * 0.025));
  while (statuses.length < target) {
    const kind = rng.weighted(PERSON_STATUS_KINDS);
    const forAnyone = kind === "tutor" || kind === "methodological_active" || experienced.length === 0;
    const pool = forAnyone ? everyone : experienced;
    const personIndex = rng.pick(pool);
    if (taken.has(`${personIndex}:${kind}`)) continue;
    taken.add(`${personIndex}:${kind}`);
    const validFrom = rng.date(addYears(asOf, -4), addDays(asOf, -30));
    statuses.push({
      personIndex,
      kind,
      expertArea: kind === "expert" ? rng.pick(EXPERT_AREAS) : null,
      validFrom,
      // Some statuses have lapsed: the history must not count as a current status.
      validTo: rng.chance(0.2) ? lapsedOn(rng, validFrom, asOf) : null,
    });
  }
  return statuses;
}

/** A handful of organisation statuses, scaled with the number of organisations. */
function planOrgStatuses(ctx: Ctx, orgs: OrgPlan[]): OrgStatusPlan[] {
  const { rng, asOf } = ctx;
  const scaled = (base: number) => Math.max(1, Math.round((base * orgs.length) / 81));
  const everyone = orgs.map((_, i) => i);
  const schools = indexesOfKind(orgs, "school");
  const statuses: OrgStatusPlan[] = [];
  const levels = ["municipal", "regional", "federal"];
  const innovators = rng.sample(everyone, scaled(3));
  for (const [k, orgIndex] of innovators.entries()) {
    const validFrom = rng.date(addYears(asOf, -3), addDays(asOf, -60));
    const validTo = addDays(addYears(validFrom, 3), -1);
    const level = levels[k % levels.length];
    const note = rng.pick(INNOVATION_TOPICS);
    statuses.push({ orgIndex, kind: "innovation_site", level, validFrom, validTo, note });
  }
  const teaching = [...schools, ...indexesOfKind(orgs, "preschool")];
  for (const orgIndex of rng.sample(teaching, scaled(2))) {
    const validFrom = rng.date(addYears(asOf, -4), addDays(asOf, -60));
    statuses.push({ orgIndex, kind: "internship_site", level: null, validFrom, validTo: null, note: null });
  }
  // Schools with low results are listed for one academic year; last year's list is history.
  // An innovation site with low results would be a contradiction nobody would believe.
  const [current, previous] = [academicYearOf(addDays(asOf, -1)), academicYearOf(addDays(addYears(asOf, -1), -1))];
  const struggling = schools.filter((i) => !innovators.includes(i));
  for (const orgIndex of rng.sample(struggling, scaled(2))) {
    statuses.push({ orgIndex, kind: "low_results", level: null, ...current, note: null });
  }
  for (const orgIndex of rng.sample(struggling, scaled(1))) {
    statuses.push({ orgIndex, kind: "low_results", level: null, ...previous, note: null });
  }
  for (const orgIndex of rng.sample(everyone, scaled(2))) {
    const validFrom = rng.date(addYears(asOf, -3), addDays(asOf, -60));
    statuses.push({ orgIndex, kind: "mentoring_model", level: null, validFrom, validTo: null, note: null });
  }
  return statuses;
}

/** The academic year (1 September – 31 August) containing a date. */
function academicYearOf(iso: string): { validFrom: string; validTo: string } {
  const year = yearOf(iso);
  const start = iso >= `${year}-09-01` ? year : year - 1;
  return { validFrom: `${start}-09-01`, validTo: `${start + 1}-08-31` };
}

// ---------------------------------------------------------------------------------------------
// Identifiers and contacts

/** Draws values until one has not been used in this run. */
class UniqueCodes {
  private readonly used = new Set<string>();

  draw(make: () => string): string {
    for (;;) {
      const code = make();
      if (!this.used.has(code)) {
        this.used.add(code);
        return code;
      }
    }
  }
}

function digits(rng: Rng, count: number): string {
  let s = "";
  for (let i = 0; i < count; i++) s += String(rng.int(0, 9));
  return s;
}

/** A legal entity's ИНН: the region (23), a tax office, a record number and the check digit. */
function makeInn(rng: Rng, region = REGION_CODE): string {
  const body = `${region}${String(rng.int(1, 60)).padStart(2, "0")}${digits(rng, 5)}`;
  const weights = [2, 4, 10, 3, 5, 9, 4, 6, 8];
  const sum = weights.reduce((acc, w, i) => acc + w * Number(body[i]), 0);
  return body + String((sum % 11) % 10);
}

/** An ОГРН registered in 2002–2015 in region 23; the check digit is (first 12 mod 11) mod 10. */
function makeOgrn(rng: Rng): string {
  const year = rng.weighted([["02", 6], ["03", 3], ["05", 1], ["08", 1], ["11", 1], ["15", 1]] as const);
  const body = `1${year}${REGION_CODE}${String(rng.int(1, 60)).padStart(2, "0")}${digits(rng, 5)}`;
  let remainder = 0;
  for (const d of body) remainder = (remainder * 10 + Number(d)) % 11; // 12 digits, no BigInt needed
  return body + String(remainder % 10);
}

/** A СНИЛС "XXX-XXX-XXX YY" with a valid check number. */
function makeSnils(rng: Rng): string {
  const number = String(rng.int(2_000_000, 199_999_999)).padStart(9, "0");
  const sum = [...number].reduce((acc, d, i) => acc + Number(d) * (9 - i), 0);
  const control = sum < 100 ? sum : sum <= 101 ? 0 : sum % 101 === 100 ? 0 : sum % 101;
  return `${number.slice(0, 3)}-${number.slice(3, 6)}-${number.slice(6, 9)} ${String(control).padStart(2, "0")}`;
}

function mobilePhone(rng: Rng): string {
  const operator = rng.pick(["918", "928", "938", "988", "961", "962", "967"]);
  return `+7 (${operator}) ${digits(rng, 3)}-${digits(rng, 2)}-${digits(rng, 2)}`;
}

function personEmail(rng: Rng, n: { surname: string; name: string; patronymic: string }): string {
  const initials = transliterate(n.name[0]) + transliterate(n.patronymic[0]);
  // Reserved example domains: demo mail can never reach a real mailbox.
  const domain = rng.pick(["example.com", "example.org", "example.net"]);
  return `${transliterate(n.surname)}.${initials}${rng.int(1, 99)}@${domain}`;
}

// ---------------------------------------------------------------------------------------------
// Writing

async function writeMunicipality(tx: Queryable, plan: MunicipalityPlan): Promise<number> {
  const [{ id: municipalityId }] = await queryRows<{ id: number }>(
    tx,
    sql`insert into municipalities (code, name, region_code)
        values (${plan.code}, ${plan.name}, ${REGION_CODE}) returning id`,
  );
  const muni = (n: number) => Array<number>(n).fill(municipalityId);
  const positionIds = await insertReference(tx, municipalityId, "positions", "is_management",
    POSITIONS.map((p) => [p.name, p.isManagement]));
  const subjectIds = await insertReference(tx, municipalityId, "subjects", "is_regional",
    SUBJECTS.map((s) => [s.name, s.isRegional]));

  const { orgs, persons } = plan;
  const orgIds = await insertReturningIds(tx, "organizations", "short_name", [
    column("municipality_id", "int[]", muni(orgs.length)),
    column("kind", "text[]", orgs.map((o) => o.kind)),
    column("full_name", "text[]", orgs.map((o) => o.fullName)),
    column("short_name", "text[]", orgs.map((o) => o.shortName)),
    column("inn", "text[]", orgs.map((o) => o.inn)),
    column("ogrn", "text[]", orgs.map((o) => o.ogrn)),
    column("address", "text[]", orgs.map((o) => o.address)),
    column("head_name", "text[]", orgs.map((o) => o.headName)),
    column("phone", "text[]", orgs.map((o) => o.phone)),
    column("email", "text[]", orgs.map((o) => o.email)),
  ]);
  const personIds = await insertReturningIds(tx, "persons", "surname", [
    column("municipality_id", "int[]", muni(persons.length)),
    column("surname", "text[]", persons.map((p) => p.surname)),
    column("name", "text[]", persons.map((p) => p.name)),
    column("patronymic", "text[]", persons.map((p) => p.patronymic)),
    column("birth_date", "date[]", persons.map((p) => p.birthDate)),
    column("gender", "text[]", persons.map((p) => p.gender)),
    column("snils", "text[]", persons.map((p) => p.snils)),
    column("phone", "text[]", persons.map((p) => p.phone)),
    column("email", "text[]", persons.map((p) => p.email)),
    column("ped_work_start", "date[]", persons.map((p) => p.pedWorkStart)),
  ]);

  const jobs = persons.flatMap((p, i) => p.jobs.map((job) => ({ personId: personIds[i], job })));
  await insertRows(tx, "employments", [
    column("municipality_id", "int[]", muni(jobs.length)),
    column("person_id", "int[]", jobs.map((j) => j.personId)),
    column("organization_id", "int[]", jobs.map((j) => orgIds[j.job.orgIndex])),
    column("position_id", "int[]", jobs.map((j) => idOf(positionIds, j.job.position))),
    column(
      "subject_ids",
      "text[]",
      jobs.map((j) => intArrayLiteral(j.job.subjects.map((s) => idOf(subjectIds, s)))),
      "int[]",
    ),
    column("is_main", "boolean[]", jobs.map((j) => j.job.isMain)),
    column("hire_date", "date[]", jobs.map((j) => j.job.hireDate)),
    column("dismissal_date", "date[]", jobs.map((j) => j.job.dismissalDate)),
  ]);
  await insertRows(tx, "educations", [
    column("municipality_id", "int[]", muni(persons.length)),
    column("person_id", "int[]", personIds),
    column("level", "text[]", persons.map((p) => p.education.level)),
    column("is_pedagogical", "boolean[]", persons.map((p) => p.education.isPedagogical)),
    column("institution", "text[]", persons.map((p) => p.education.institution)),
    column("graduation_year", "int[]", persons.map((p) => p.education.graduationYear)),
    column("speciality", "text[]", persons.map((p) => p.education.speciality)),
  ]);
  const categories = persons.flatMap((p, i) => p.categories.map((c) => ({ personId: personIds[i], ...c })));
  await insertRows(tx, "qualification_categories", [
    column("municipality_id", "int[]", muni(categories.length)),
    column("person_id", "int[]", categories.map((c) => c.personId)),
    column("category", "text[]", categories.map((c) => c.category)),
    column("assigned_on", "date[]", categories.map((c) => c.assignedOn)),
  ]);
  const ps = plan.personStatuses;
  await insertRows(tx, "person_statuses", [
    column("municipality_id", "int[]", muni(ps.length)),
    column("person_id", "int[]", ps.map((s) => personIds[s.personIndex])),
    column("kind", "text[]", ps.map((s) => s.kind)),
    column("expert_area", "text[]", ps.map((s) => s.expertArea)),
    column("valid_from", "date[]", ps.map((s) => s.validFrom)),
    column("valid_to", "date[]", ps.map((s) => s.validTo)),
  ]);
  const os = plan.orgStatuses;
  await insertRows(tx, "organization_statuses", [
    column("municipality_id", "int[]", muni(os.length)),
    column("organization_id", "int[]", os.map((s) => orgIds[s.orgIndex])),
    column("kind", "text[]", os.map((s) => s.kind)),
    column("level", "text[]", os.map((s) => s.level)),
    column("valid_from", "date[]", os.map((s) => s.validFrom)),
    column("valid_to", "date[]", os.map((s) => s.validTo)),
    column("note", "text[]", os.map((s) => s.note)),
  ]);
  await writeProfessionalDevelopment(tx, municipalityId, plan.pd, personIds, positionIds);
  return municipalityId;
}

/** Inserts a reference list (name + one flag) and returns name → id. */
async function insertReference(
  tx: Queryable,
  municipalityId: number,
  table: "positions" | "subjects",
  flag: string,
  items: (readonly [string, boolean])[],
): Promise<Map<string, number>> {
  const ids = await insertReturningIds(tx, table, "name", [
    column("municipality_id", "int[]", items.map(() => municipalityId)),
    column("name", "text[]", items.map(([name]) => name)),
    column(flag, "boolean[]", items.map(([, value]) => value)),
  ]);
  return new Map(items.map(([name], i) => [name, ids[i]]));
}

function idOf(ids: Map<string, number>, name: string): number {
  const id = ids.get(name);
  if (id === undefined) throw new Error(`Unknown reference item ${name}`);
  return id;
}
