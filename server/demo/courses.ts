// Professional development of the demo: the providers of additional professional education
// (ДПО) a municipality deals with, their programmes, and every person's course history over the
// 4–6 years before asOf, planned in memory from the municipality's PRNG and written in bulk.
//
// The history is built backwards from the last course that counts for the three-year rule
// (an upgrade course of 16 hours or more): each person is given a status on asOf first (about
// 70% up to date, 15% due this academic year, 15% overdue), the last course is dated to give it,
// and earlier ones follow at 2–3.5 year intervals. Everything else a person takes — more courses
// before the last one, 8-hour seminars, dropped courses, plans for the new academic year — is
// placed so that it cannot change that status.

import type { PROGRAMME_TOPICS, ProviderKind, StudyForm } from "../../shared/domain.js";
import { column, insertReturningIds, insertRows, intArrayLiteral } from "../db/bulk.js";
import type { Queryable } from "../db/client.js";
import { matchKey } from "../imports/match-key.js";
import { academicYearEnd } from "../modules/pd/rule.js";
import { type Rng, addDays, addYears, daysToIso, isoToDays } from "./rng.js";

/** The rule the history is shaped for: the schema's default for a municipality. */
const PERIOD_YEARS = 3;
const MIN_HOURS = 16;

/** What the planner needs to know of a person (from their plan in generate.ts). */
export type PdPerson = {
  kind: "school" | "preschool" | "additional";
  /** The position of the main job. */
  position: string;
  subjects: readonly string[];
  management: boolean;
  pedagogicalEducation: boolean;
  pedWorkStart: string;
  gender: "male" | "female";
  birthDate: string;
};

// ---------------------------------------------------------------------------------------------
// Providers

type ProviderKey = "iro" | "cnppm" | "fioko" | "academy" | "ugpu" | "chggu" | "perspektiva" | "gorizont";

type ProviderSpec = {
  key: ProviderKey;
  kind: ProviderKind;
  name: string;
  shortName: string;
  region: string;
  /** Region digits of the ИНН. */
  innRegion: string;
  /** The first six digits of the numbers on its certificates («772412» + six more). */
  certificatePrefix: string;
  aliases: string[];
};

// Invented institutions, except the two federal ones every methodologist knows by name.
const PROVIDERS: readonly ProviderSpec[] = [
  {
    key: "iro",
    kind: "regional_institute",
    name: "ГАОУ ДПО «Институт развития образования Южного края»",
    shortName: "ГАОУ ДПО ИРО ЮК",
    region: "Южный край",
    innRegion: "23",
    certificatePrefix: "232413",
    aliases: [
      "ИРО ЮК",
      "Институт развития образования Южного края",
      "ИРО Южного края",
      "Государственное автономное образовательное учреждение дополнительного профессионального образования «Институт развития образования Южного края»",
    ],
  },
  {
    key: "cnppm",
    kind: "cnppm",
    name: "ГБУ ДПО «Центр непрерывного повышения профессионального мастерства педагогических работников Южного края»",
    shortName: "ЦНППМ ЮК",
    region: "Южный край",
    innRegion: "23",
    certificatePrefix: "232420",
    aliases: ["ЦНППМ ПР Южного края"],
  },
  {
    key: "fioko",
    kind: "federal",
    name: "ФГБУ «Федеральный институт оценки качества образования»",
    shortName: "ФГБУ «ФИОКО»",
    region: "г. Москва",
    innRegion: "77",
    certificatePrefix: "772405",
    aliases: ["ФИОКО"],
  },
  {
    key: "academy",
    kind: "federal",
    name:
      "ФГАОУ ДПО «Академия реализации государственной политики и профессионального развития работников " +
      "образования Министерства просвещения Российской Федерации»",
    shortName: "ФГАОУ ДПО «Академия Минпросвещения России»",
    region: "г. Москва",
    innRegion: "77",
    certificatePrefix: "772412",
    aliases: ["Академия Минпросвещения России", "Академия Минпросвещения"],
  },
  {
    key: "ugpu",
    kind: "university",
    name: "ФГБОУ ВО «Южный государственный педагогический университет»",
    shortName: "ФГБОУ ВО ЮГПУ",
    region: "Южный край",
    innRegion: "23",
    certificatePrefix: "232407",
    aliases: ["ЮГПУ"],
  },
  {
    key: "chggu",
    kind: "university",
    name: "ФГБОУ ВО «Черноморский государственный гуманитарный университет»",
    shortName: "ФГБОУ ВО ЧГГУ",
    region: "Южный край",
    innRegion: "23",
    certificatePrefix: "232409",
    aliases: ["ЧГГУ"],
  },
  {
    key: "perspektiva",
    kind: "other",
    name: "АНО ДПО «Институт современного образования «Перспектива»»",
    shortName: "АНО ДПО «Перспектива»",
    region: "Южный край",
    innRegion: "23",
    certificatePrefix: "232431",
    aliases: [],
  },
  {
    key: "gorizont",
    kind: "other",
    name: "ООО «Учебный центр дополнительного профессионального образования «Горизонт»»",
    shortName: "ООО УЦ ДПО «Горизонт»",
    region: "Южный край",
    innRegion: "23",
    certificatePrefix: "232436",
    aliases: ["УЦ «Горизонт»"],
  },
];

// ---------------------------------------------------------------------------------------------
// Programmes

type Topic = (typeof PROGRAMME_TOPICS)[number];
type Audience = "school" | "preschool" | "additional";

type ProgrammeSpec = {
  provider: ProviderKey;
  title: string;
  hours: number;
  kind: "upgrade" | "retraining";
  pedagogical?: boolean;
  form: StudyForm;
  federalRegisterId?: string;
  topics: Topic[];
  /** Who takes it: staff of these kinds of organisation… */
  audience?: Audience[];
  /** …or teachers of these subjects, or holders of these positions, or heads and deputies. */
  subjects?: string[];
  positions?: string[];
  management?: boolean;
  /** How often it is chosen among the programmes open to a person. */
  weight: number;
};

const MATH = ["математика", "алгебра", "геометрия"];
const RUSSIAN = ["русский язык", "литература"];
const MANAGERS = ["руководитель", "заместитель руководителя"];
const ALL: Audience[] = ["school", "preschool", "additional"];

const PROGRAMMES: readonly ProgrammeSpec[] = [
  // The regional institute: most of the courses of a municipality.
  { provider: "iro", title: "Формирование функциональной грамотности обучающихся в основной и средней школе", hours: 36, kind: "upgrade", form: "mixed", federalRegisterId: "ФР-2023-0187", topics: ["функциональная грамотность", "ФГОС"], audience: ["school"], weight: 7 },
  { provider: "iro", title: "Реализация требований обновлённых ФГОС НОО и ФГОС ООО в работе учителя", hours: 72, kind: "upgrade", form: "mixed", topics: ["ФГОС"], audience: ["school"], weight: 7 },
  { provider: "iro", title: "Инклюзивное образование обучающихся с ОВЗ в общеобразовательной организации", hours: 72, kind: "upgrade", form: "full_time", topics: ["инклюзия"], audience: ["school"], weight: 3 },
  { provider: "iro", title: "Воспитательная работа классного руководителя в современной школе", hours: 24, kind: "upgrade", form: "full_time", topics: ["воспитание"], audience: ["school"], weight: 4 },
  { provider: "iro", title: "Предметные компетенции учителя математики: трудные задания ОГЭ и ЕГЭ", hours: 36, kind: "upgrade", form: "full_time", topics: ["предметные компетенции", "оценка качества"], subjects: MATH, weight: 15 },
  { provider: "iro", title: "Совершенствование предметных компетенций учителя русского языка и литературы", hours: 36, kind: "upgrade", form: "mixed", topics: ["предметные компетенции"], subjects: RUSSIAN, weight: 15 },
  { provider: "iro", title: "Реализация ФОП ДО: содержание и организация образовательной деятельности в ДОО", hours: 72, kind: "upgrade", form: "mixed", federalRegisterId: "ФР-2024-0123", topics: ["ФГОС"], audience: ["preschool"], weight: 12 },
  { provider: "iro", title: "Содержание и технологии дополнительного образования детей", hours: 36, kind: "upgrade", form: "mixed", topics: ["воспитание"], audience: ["additional"], weight: 8 },
  { provider: "iro", title: "Управление образовательной организацией в условиях обновления содержания образования", hours: 72, kind: "upgrade", form: "mixed", topics: ["управление", "ФГОС"], management: true, weight: 5 },
  { provider: "iro", title: "Методический семинар «Итоги ГИА и задачи на новый учебный год»", hours: 8, kind: "upgrade", form: "full_time", topics: ["оценка качества"], audience: ["school"], weight: 0 },
  { provider: "iro", title: "Менеджмент в образовании", hours: 260, kind: "retraining", form: "mixed", topics: ["управление"], management: true, weight: 0 },
  // The centre of continuous professional mastery: short free courses.
  { provider: "cnppm", title: "Наставничество в образовательной организации: модели, формы и практики", hours: 18, kind: "upgrade", form: "mixed", topics: ["наставничество"], audience: ALL, weight: 3 },
  { provider: "cnppm", title: "Развитие естественнонаучной и математической грамотности обучающихся", hours: 24, kind: "upgrade", form: "full_time", topics: ["функциональная грамотность"], audience: ["school"], weight: 3 },
  { provider: "cnppm", title: "Цифровые инструменты и ресурсы цифровой образовательной среды в работе педагога", hours: 16, kind: "upgrade", form: "mixed", topics: ["цифровая образовательная среда"], audience: ALL, weight: 3 },
  { provider: "cnppm", title: "Вебинар «Адаптация и сопровождение молодого педагога»", hours: 8, kind: "upgrade", form: "distance", topics: ["наставничество"], audience: ALL, weight: 0 },
  // Federal institutions: distance courses from the federal register.
  { provider: "fioko", title: "Оценка качества образования: использование результатов ВПР в работе учителя", hours: 36, kind: "upgrade", form: "distance", federalRegisterId: "ФР-2023-0452", topics: ["оценка качества"], audience: ["school"], weight: 3 },
  { provider: "fioko", title: "Формирование и оценка функциональной грамотности: подходы международных исследований", hours: 72, kind: "upgrade", form: "distance", federalRegisterId: "ФР-2024-0318", topics: ["функциональная грамотность", "оценка качества"], audience: ["school"], weight: 2 },
  { provider: "academy", title: "Школа современного учителя математики", hours: 108, kind: "upgrade", form: "distance", federalRegisterId: "ФР-2022-0871", topics: ["предметные компетенции", "функциональная грамотность"], subjects: MATH, weight: 8 },
  { provider: "academy", title: "Разговоры о важном: система работы классного руководителя (куратора)", hours: 36, kind: "upgrade", form: "distance", federalRegisterId: "ФР-2023-0036", topics: ["воспитание"], audience: ["school"], weight: 5 },
  { provider: "academy", title: "Деятельность советника директора по воспитанию и взаимодействию с детскими общественными объединениями", hours: 36, kind: "upgrade", form: "mixed", federalRegisterId: "ФР-2024-0095", topics: ["воспитание"], positions: ["советник директора по воспитанию", "педагог-организатор"], weight: 20 },
  { provider: "academy", title: "Управленческие команды: эффективное управление образовательной организацией", hours: 72, kind: "upgrade", form: "distance", federalRegisterId: "ФР-2024-0211", topics: ["управление"], management: true, weight: 3 },
  // Universities.
  { provider: "ugpu", title: "Педагогика и психология", hours: 520, kind: "retraining", pedagogical: true, form: "extramural", topics: [], weight: 0 },
  { provider: "ugpu", title: "Психолого-педагогическое сопровождение обучающихся с ОВЗ", hours: 72, kind: "upgrade", form: "mixed", topics: ["инклюзия"], audience: ALL, weight: 1.5 },
  { provider: "chggu", title: "Актуальные вопросы преподавания русского языка и литературы", hours: 72, kind: "upgrade", form: "extramural", topics: ["предметные компетенции", "ФГОС"], subjects: RUSSIAN, weight: 5 },
  { provider: "chggu", title: "Методика обучения математике в условиях обновлённых ФГОС", hours: 36, kind: "upgrade", form: "extramural", topics: ["предметные компетенции", "ФГОС"], subjects: MATH, weight: 5 },
  // Private centres.
  { provider: "perspektiva", title: "Педагогическое образование: учитель начальных классов", hours: 340, kind: "retraining", pedagogical: true, form: "distance", topics: ["ФГОС"], weight: 0 },
  { provider: "perspektiva", title: "Организация обучения детей с ОВЗ в соответствии с ФГОС", hours: 72, kind: "upgrade", form: "distance", topics: ["инклюзия", "ФГОС"], audience: ALL, weight: 1.5 },
  { provider: "gorizont", title: "Профилактика деструктивного поведения обучающихся", hours: 16, kind: "upgrade", form: "distance", topics: ["воспитание"], audience: ["school", "additional"], weight: 2 },
  { provider: "gorizont", title: "Цифровая образовательная среда дошкольной образовательной организации", hours: 18, kind: "upgrade", form: "distance", topics: ["цифровая образовательная среда"], audience: ["preschool"], weight: 3 },
];

const programmeIndex = (title: string) => {
  const i = PROGRAMMES.findIndex((p) => p.title === title);
  if (i < 0) throw new Error(`No programme «${title}»`);
  return i;
};
const RETRAINING_PEDAGOGY = programmeIndex("Педагогика и психология");
const RETRAINING_PRIMARY = programmeIndex("Педагогическое образование: учитель начальных классов");
const RETRAINING_MANAGEMENT = programmeIndex("Менеджмент в образовании");
const SEMINARS = PROGRAMMES.flatMap((p, i) => (p.hours < MIN_HOURS ? [i] : []));

/** Programmes a person may take: [index, weight] pairs for Rng.weighted. */
type Pool = [number, number][];

/** The upgrade courses that count for the rule and are open to the person, split by purpose. */
function poolsFor(person: PdPerson): { general: Pool; management: Pool } {
  const general: Pool = [];
  const management: Pool = [];
  PROGRAMMES.forEach((p, i) => {
    if (p.kind !== "upgrade" || p.hours < MIN_HOURS || p.weight === 0) return;
    if (p.management) {
      if (person.management) management.push([i, p.weight]);
      return;
    }
    const open = p.subjects
      ? person.position === "учитель" && person.subjects.some((s) => p.subjects!.includes(s))
      : p.positions
        ? p.positions.includes(person.position)
        : (p.audience ?? []).includes(person.kind);
    if (open) general.push([i, p.weight]);
  });
  return { general, management };
}

// ---------------------------------------------------------------------------------------------
// The plan

export type CompletionStatus = "planned" | "enrolled" | "completed" | "not_completed";

export type CompletionPlan = {
  personIndex: number;
  programmeIndex: number;
  dateFrom: string;
  dateTo: string;
  status: CompletionStatus;
  certificateKind: "certificate" | "diploma" | null;
  certificateNumber: string | null;
};

export type ExemptionPlan = {
  personIndex: number;
  reason: "first_year" | "long_leave";
  note: string;
  validFrom: string;
  validTo: string | null;
};

export type PdPlan = {
  /** The ИНН of each provider, the same in every municipality of a run. */
  providerInns: readonly string[];
  completions: CompletionPlan[];
  exemptions: ExemptionPlan[];
};

type Target = "up_to_date" | "due_this_year" | "overdue";

/** A source of run-wide unique codes (certificate numbers, ИНН). */
export type CodeSource = { draw(make: () => string): string };

/** Per-year rates of what a person takes besides the courses of the three-year cycle. */
const EXTRA_COURSES_PER_YEAR = 0.45;
const SEMINARS_PER_YEAR = 0.04;

/** One ИНН per provider for a whole run: each municipality registers the same institutions. */
export function planProviderInns(rng: Rng, codes: CodeSource, makeInn: (rng: Rng, region: string) => string): string[] {
  return PROVIDERS.map((p) => codes.draw(() => makeInn(rng, p.innRegion)));
}

/** Plans the professional development of a municipality's staff. */
export function planProfessionalDevelopment(
  rng: Rng,
  asOf: string,
  persons: readonly PdPerson[],
  codes: CodeSource,
  providerInns: readonly string[],
): PdPlan {
  const planner = new HistoryPlanner(rng, asOf, codes);
  const poolCache = new Map<string, ReturnType<typeof poolsFor>>();
  persons.forEach((person, index) => {
    const key = `${person.kind}|${person.position}|${person.subjects.join(",")}`;
    let pools = poolCache.get(key);
    if (!pools) poolCache.set(key, (pools = poolsFor(person)));
    planner.plan(index, person, pools);
  });
  planner.addRetraining(persons);
  return { providerInns, completions: planner.completions, exemptions: planner.exemptions };
}

/** A person's history is planned on day numbers (days since 1970-01-01): dates only at the end. */
type Course = { programme: number; from: number; to: number; status: CompletionStatus };
type Leave = { from: number; to: number | null };

class HistoryPlanner {
  readonly completions: CompletionPlan[] = [];
  readonly exemptions: ExemptionPlan[] = [];
  private readonly today: number;
  /** A last course that ended on or before this day fell due by asOf: overdue. */
  private readonly overdueBefore: number;
  /** …on or before this one, it falls due by the end of asOf's academic year: due this year. */
  private readonly dueBy: number;
  /** Born after this date: under 40 on asOf. */
  private readonly fortyYearsAgo: string;
  private readonly sixYearsAgo: number;
  private readonly fourYearsAgo: number;
  private readonly yearAgo: number;
  private readonly twoYearsAgo: number;

  constructor(
    private readonly rng: Rng,
    private readonly asOf: string,
    private readonly codes: CodeSource,
  ) {
    this.today = isoToDays(asOf);
    this.overdueBefore = isoToDays(addYears(asOf, -PERIOD_YEARS));
    this.dueBy = isoToDays(addYears(academicYearEnd(asOf), -PERIOD_YEARS));
    this.sixYearsAgo = isoToDays(addYears(asOf, -6));
    this.fourYearsAgo = isoToDays(addYears(asOf, -4));
    this.yearAgo = isoToDays(addYears(asOf, -1));
    this.twoYearsAgo = isoToDays(addYears(asOf, -2));
    this.fortyYearsAgo = addYears(asOf, -40);
  }

  plan(index: number, person: PdPerson, pools: { general: Pool; management: Pool }): void {
    const { rng, today } = this;
    const started = isoToDays(person.pedWorkStart);
    // The records go back 4–6 years, never before the person began to teach.
    const historyStart = Math.max(rng.int(this.sixYearsAgo, this.fourYearsAgo), started + 30);
    const leave = this.planLeave(index, person, started);
    // Nothing is taken during a leave that is still going on.
    const until = leave && (leave.to === null || leave.to >= today) ? leave.from - 30 : today - 7;
    const courses: Course[] = [];
    const used = new Set<number>();
    const pick = (managementShare: number) => {
      const pool = person.management && pools.management.length > 0 && rng.chance(managementShare) ? pools.management : pools.general;
      let choice = rng.weighted(pool);
      for (let attempt = 0; attempt < 3 && used.has(choice); attempt++) choice = rng.weighted(pool);
      used.add(choice);
      return choice;
    };
    const add = (programme: number, to: number, status: CompletionStatus = "completed") => {
      const from = to - this.duration(programme);
      if (from >= started) courses.push({ programme, from, to, status });
    };

    // The last course that counts, dated for the status the person is to have on asOf.
    let last: number | null;
    if (started > this.yearAgo) {
      // Half of the newcomers take a course in their first year; most of the rest are exempt.
      last = rng.chance(0.5) ? this.dayIn(started + 60, until) : null;
      if (last === null && rng.chance(0.75) && !leave) {
        this.exemptions.push({
          personIndex: index,
          reason: "first_year",
          note: "Первый год педагогической работы",
          validFrom: person.pedWorkStart,
          validTo: addDays(addYears(person.pedWorkStart, 1), -1),
        });
      }
    } else {
      const target = rng.weighted<Target>([["up_to_date", 70], ["due_this_year", 15], ["overdue", 15]]);
      last = this.lastCourseFor(target, historyStart, until);
    }

    if (last !== null) {
      add(pick(0.5), last);
      // The cycle before it: a course every 2–3.5 years.
      for (let previous = last - rng.int(730, 1278); previous >= historyStart; previous -= rng.int(730, 1278)) {
        add(pick(0.5), previous);
      }
      // More courses between the cycle's ones, all before the last one so it stays the last.
      for (let n = this.count(EXTRA_COURSES_PER_YEAR, historyStart, last - 30); n > 0; n--) {
        add(pick(0.4), rng.int(historyStart, last - 30));
      }
    }
    // Seminars of 8 hours at any time: they do not count.
    for (let n = this.count(SEMINARS_PER_YEAR, historyStart, until); n > 0; n--) {
      add(rng.pick(SEMINARS), rng.int(historyStart, until));
    }
    // A course dropped half-way.
    if (rng.chance(0.02) && historyStart < until) add(pick(0.3), rng.int(historyStart, until), "not_completed");

    // The new academic year: planned, in progress, or over but not yet confirmed.
    const dueSoon = last === null || last <= this.dueBy;
    if (rng.chance(dueSoon ? 0.4 : 0.03)) {
      add(pick(0.5), rng.int(today + 30, today + 270), "planned");
    } else if (rng.chance(0.015)) {
      add(pick(0.5), rng.int(today + 7, today + 30), "enrolled");
    } else if (rng.chance(0.008)) {
      // The course is over and nobody has entered the certificate: the reminders show it.
      add(pick(0.5), rng.int(today - 150, today - 3), rng.chance(0.5) ? "enrolled" : "planned");
    }

    for (const c of courses) {
      if (leave && c.to >= leave.from && (leave.to === null || c.from <= leave.to)) continue;
      this.completions.push(this.completion(index, c));
    }
  }

  /** About 0.4% of staff, mostly young women, are on a long (parental) leave; some have come back. */
  private planLeave(index: number, person: PdPerson, started: number): Leave | null {
    const { rng, today } = this;
    const young = person.gender === "female" && person.birthDate > this.fortyYearsAgo;
    if (!rng.chance(young ? 0.015 : 0.0008)) return null;
    const from = this.dayIn(Math.max(this.twoYearsAgo, started + 365), today - 30);
    if (from === null) return null;
    const validFrom = daysToIso(from);
    // Three in ten have come back; the others are away for three years.
    const to = rng.chance(0.3) ? rng.int(Math.min(from + 180, today - 1), today - 1) : isoToDays(addYears(validFrom, 3)) - 1;
    this.exemptions.push({
      personIndex: index,
      reason: "long_leave",
      note: "Отпуск по уходу за ребёнком до достижения им возраста трёх лет",
      validFrom,
      validTo: daysToIso(to),
    });
    return { from, to };
  }

  /** The end of the last counting course that gives the target status, or null for none. */
  private lastCourseFor(target: Target, historyStart: number, until: number): number | null {
    const margin = 10;
    const ranges: Record<Target, [number, number]> = {
      up_to_date: [this.dueBy + margin, until],
      due_this_year: [this.overdueBefore + margin, Math.min(until, this.dueBy - margin)],
      // Up to a year and a half late.
      overdue: [this.overdueBefore - 548, Math.min(until, this.overdueBefore - margin)],
    };
    // One in three of the overdue has no course on record at all.
    if (target === "overdue" && this.rng.chance(0.33)) return null;
    // A target the person's dates cannot give (a newcomer cannot be three years late) gives way.
    const order: Target[] =
      target === "overdue" ? ["overdue"]
      : target === "due_this_year" ? ["due_this_year", "up_to_date", "overdue"]
      : ["up_to_date", "due_this_year", "overdue"];
    for (const t of order) {
      const day = this.dayIn(Math.max(ranges[t][0], historyStart), ranges[t][1]);
      if (day !== null) return day;
    }
    return null;
  }

  /** A day in the range, or null when the range is empty. */
  private dayIn(from: number, to: number): number | null {
    return from <= to ? this.rng.int(from, to) : null;
  }

  /** How many events at `perYear` fall between two days, rounded at random. */
  private count(perYear: number, from: number, to: number): number {
    if (to <= from) return 0;
    const expected = (perYear * (to - from)) / 365.25;
    return Math.floor(expected) + (this.rng.chance(expected - Math.floor(expected)) ? 1 : 0);
  }

  /** Days from the first to the last day: 1–3 weeks, a day for a seminar, months for retraining. */
  private duration(programme: number): number {
    const { rng } = this;
    const spec = PROGRAMMES[programme];
    return spec.kind === "retraining" ? rng.int(120, 270)
      : spec.hours < MIN_HOURS ? 0
      : spec.hours <= 18 ? rng.int(4, 7)
      : spec.hours <= 24 ? rng.int(5, 9)
      : spec.hours <= 36 ? rng.int(7, 14)
      : spec.hours <= 72 ? rng.int(12, 21)
      : rng.int(16, 21);
  }

  /** The course as written: an upgrade course gives a certificate, retraining a diploma. */
  private completion(personIndex: number, c: Course): CompletionPlan {
    const spec = PROGRAMMES[c.programme];
    const issued = c.status === "completed" && spec.hours >= MIN_HOURS;
    const prefix = CERTIFICATE_PREFIX[spec.provider];
    return {
      personIndex,
      programmeIndex: c.programme,
      dateFrom: daysToIso(c.from),
      dateTo: daysToIso(c.to),
      status: c.status,
      certificateKind: issued ? (spec.kind === "retraining" ? "diploma" : "certificate") : null,
      certificateNumber: issued ? this.codes.draw(() => prefix + digits(this.rng, 6)) : null,
    };
  }

  /**
   * Pedagogical retraining for about 3% of the staff, chosen among those whose education is not
   * pedagogical; management retraining for a fifth of heads and deputies.
   */
  addRetraining(persons: readonly PdPerson[]): void {
    const { rng, today } = this;
    const eligible = (p: PdPerson) => isoToDays(p.pedWorkStart) + 400 < today - 30;
    const retrain = (i: number, programme: number) => {
      const to = rng.int(Math.max(isoToDays(addYears(this.asOf, -5)), isoToDays(persons[i].pedWorkStart) + 400), today - 30);
      this.completions.push(this.completion(i, { programme, from: to - this.duration(programme), to, status: "completed" }));
    };
    const nonPedagogical = persons.flatMap((p, i) => (!p.pedagogicalEducation && !p.management && eligible(p) ? [i] : []));
    for (const i of rng.sample(nonPedagogical, Math.round(persons.length * 0.03))) {
      const primary = persons[i].subjects.includes("начальные классы") || rng.chance(0.25);
      retrain(i, primary ? RETRAINING_PRIMARY : RETRAINING_PEDAGOGY);
    }
    const managers = persons.flatMap((p, i) => (p.management && eligible(p) ? [i] : []));
    for (const i of rng.sample(managers, Math.round(managers.length * 0.2))) retrain(i, RETRAINING_MANAGEMENT);
  }
}

const CERTIFICATE_PREFIX = Object.fromEntries(PROVIDERS.map((p) => [p.key, p.certificatePrefix])) as Record<ProviderKey, string>;

function digits(rng: Rng, count: number): string {
  let s = "";
  for (let i = 0; i < count; i++) s += String(rng.int(0, 9));
  return s;
}

// ---------------------------------------------------------------------------------------------
// Writing

/** '{"a","b"}': a PostgreSQL array literal of texts. */
const textArrayLiteral = (items: readonly string[]) => `{${items.map((s) => `"${s.replace(/[\\"]/g, "\\$&")}"`).join(",")}}`;

/** Writes the providers, their aliases and programmes, the courses and the exemptions. */
export async function writeProfessionalDevelopment(
  tx: Queryable,
  municipalityId: number,
  plan: PdPlan,
  personIds: readonly number[],
  positionIds: ReadonlyMap<string, number>,
): Promise<void> {
  const muni = (n: number) => Array<number>(n).fill(municipalityId);
  const providerIds = await insertReturningIds(tx, "providers", "short_name", [
    column("municipality_id", "int[]", muni(PROVIDERS.length)),
    column("name", "text[]", PROVIDERS.map((p) => p.name)),
    column("short_name", "text[]", PROVIDERS.map((p) => p.shortName)),
    column("kind", "text[]", PROVIDERS.map((p) => p.kind)),
    column("inn", "text[]", plan.providerInns),
    column("region", "text[]", PROVIDERS.map((p) => p.region)),
  ]);
  const providerId = new Map(PROVIDERS.map((p, i) => [p.key, providerIds[i]]));
  const aliases = PROVIDERS.flatMap((p) => p.aliases.map((alias) => ({ providerId: providerId.get(p.key)!, alias })));
  await insertRows(tx, "provider_aliases", [
    column("municipality_id", "int[]", muni(aliases.length)),
    column("provider_id", "int[]", aliases.map((a) => a.providerId)),
    column("alias", "text[]", aliases.map((a) => a.alias)),
    column("alias_key", "text[]", aliases.map((a) => matchKey(a.alias))),
  ]);

  const targets = (p: ProgrammeSpec): number[] => {
    const names = p.management ? MANAGERS : p.subjects ? ["учитель"] : p.positions ?? [];
    return names.map((n) => {
      const id = positionIds.get(n);
      if (id === undefined) throw new Error(`Unknown position ${n}`);
      return id;
    });
  };
  const programmeIds = await insertReturningIds(tx, "programmes", "title", [
    column("municipality_id", "int[]", muni(PROGRAMMES.length)),
    column("provider_id", "int[]", PROGRAMMES.map((p) => providerId.get(p.provider)!)),
    column("title", "text[]", PROGRAMMES.map((p) => p.title)),
    column("hours", "int[]", PROGRAMMES.map((p) => p.hours)),
    column("kind", "text[]", PROGRAMMES.map((p) => p.kind)),
    column("pedagogical", "boolean[]", PROGRAMMES.map((p) => p.pedagogical ?? false)),
    column("form", "text[]", PROGRAMMES.map((p) => p.form)),
    column("federal_register", "boolean[]", PROGRAMMES.map((p) => p.federalRegisterId !== undefined)),
    column("federal_register_id", "text[]", PROGRAMMES.map((p) => p.federalRegisterId ?? null)),
    column("topics", "text[]", PROGRAMMES.map((p) => textArrayLiteral(p.topics)), "text[]"),
    column("target_position_ids", "text[]", PROGRAMMES.map((p) => intArrayLiteral(targets(p))), "int[]"),
  ]);

  const cs = plan.completions;
  await insertRows(tx, "course_completions", [
    column("municipality_id", "int[]", muni(cs.length)),
    column("person_id", "int[]", cs.map((c) => personIds[c.personIndex])),
    column("programme_id", "int[]", cs.map((c) => programmeIds[c.programmeIndex])),
    column("date_from", "date[]", cs.map((c) => c.dateFrom)),
    column("date_to", "date[]", cs.map((c) => c.dateTo)),
    column("status", "text[]", cs.map((c) => c.status)),
    column("certificate_kind", "text[]", cs.map((c) => c.certificateKind)),
    column("certificate_number", "text[]", cs.map((c) => c.certificateNumber)),
    column("certificate_date", "date[]", cs.map((c) => (c.certificateNumber ? c.dateTo : null))),
  ]);
  const ex = plan.exemptions;
  await insertRows(tx, "pd_exemptions", [
    column("municipality_id", "int[]", muni(ex.length)),
    column("person_id", "int[]", ex.map((e) => personIds[e.personIndex])),
    column("reason", "text[]", ex.map((e) => e.reason)),
    column("note", "text[]", ex.map((e) => e.note)),
    column("valid_from", "date[]", ex.map((e) => e.validFrom)),
    column("valid_to", "date[]", ex.map((e) => e.validTo)),
  ]);
}

/** The number of providers and programmes each municipality gets. */
export const PD_CATALOGUE_SIZE = { providers: PROVIDERS.length, programmes: PROGRAMMES.length };
