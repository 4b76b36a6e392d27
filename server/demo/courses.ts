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
import { normalizeOrgName } from "../imports/normalize.js";
import { academicYearEnd } from "../modules/pd/rule.js";
import { type Rng, addDays, addYears, isoToDays, maxIso, minIso } from "./rng.js";

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
    name: "АНО ДПО «Институт современного образования «Перспектива»",
    shortName: "АНО ДПО «Перспектива»",
    region: "Южный край",
    innRegion: "23",
    certificatePrefix: "232431",
    aliases: [],
  },
  {
    key: "gorizont",
    kind: "other",
    name: "ООО «Учебный центр дополнительного профессионального образования «Горизонт»",
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
  { provider: "iro", title: "Предметные компетенции учителя математики: трудные задания ОГЭ и ЕГЭ", hours: 36, kind: "upgrade", form: "full_time", topics: ["предметные компетенции", "оценка качества"], subjects: MATH, weight: 6 },
  { provider: "iro", title: "Совершенствование предметных компетенций учителя русского языка и литературы", hours: 36, kind: "upgrade", form: "mixed", topics: ["предметные компетенции"], subjects: RUSSIAN, weight: 6 },
  { provider: "iro", title: "Реализация ФОП ДО: содержание и организация образовательной деятельности в ДОО", hours: 72, kind: "upgrade", form: "mixed", federalRegisterId: "ФР-2024-0123", topics: ["ФГОС"], audience: ["preschool"], weight: 9 },
  { provider: "iro", title: "Содержание и технологии дополнительного образования детей", hours: 36, kind: "upgrade", form: "mixed", topics: ["воспитание"], audience: ["additional"], weight: 8 },
  { provider: "iro", title: "Управление образовательной организацией в условиях обновления содержания образования", hours: 72, kind: "upgrade", form: "mixed", topics: ["управление", "ФГОС"], management: true, weight: 5 },
  { provider: "iro", title: "Методический семинар «Итоги ГИА и задачи на новый учебный год»", hours: 8, kind: "upgrade", form: "full_time", topics: ["оценка качества"], audience: ["school"], weight: 0 },
  { provider: "iro", title: "Менеджмент в образовании", hours: 260, kind: "retraining", form: "mixed", topics: ["управление"], management: true, weight: 0 },
  // The centre of continuous professional mastery: short free courses.
  { provider: "cnppm", title: "Наставничество в образовательной организации: модели, формы и практики", hours: 18, kind: "upgrade", form: "mixed", topics: ["наставничество"], audience: ALL, weight: 4 },
  { provider: "cnppm", title: "Развитие естественнонаучной и математической грамотности обучающихся", hours: 24, kind: "upgrade", form: "full_time", topics: ["функциональная грамотность"], audience: ["school"], weight: 3 },
  { provider: "cnppm", title: "Цифровые инструменты и ресурсы цифровой образовательной среды в работе педагога", hours: 16, kind: "upgrade", form: "mixed", topics: ["цифровая образовательная среда"], audience: ALL, weight: 4 },
  { provider: "cnppm", title: "Вебинар «Адаптация и сопровождение молодого педагога»", hours: 8, kind: "upgrade", form: "distance", topics: ["наставничество"], audience: ALL, weight: 0 },
  // Federal institutions: distance courses from the federal register.
  { provider: "fioko", title: "Оценка качества образования: использование результатов ВПР в работе учителя", hours: 36, kind: "upgrade", form: "distance", federalRegisterId: "ФР-2023-0452", topics: ["оценка качества"], audience: ["school"], weight: 3 },
  { provider: "fioko", title: "Формирование и оценка функциональной грамотности: подходы международных исследований", hours: 72, kind: "upgrade", form: "distance", federalRegisterId: "ФР-2024-0318", topics: ["функциональная грамотность", "оценка качества"], audience: ["school"], weight: 2 },
  { provider: "academy", title: "Школа современного учителя математики", hours: 108, kind: "upgrade", form: "distance", federalRegisterId: "ФР-2022-0871", topics: ["предметные компетенции", "функциональная грамотность"], subjects: MATH, weight: 3 },
  { provider: "academy", title: "Разговоры о важном: система работы классного руководителя (куратора)", hours: 36, kind: "upgrade", form: "distance", federalRegisterId: "ФР-2023-0036", topics: ["воспитание"], audience: ["school"], weight: 5 },
  { provider: "academy", title: "Деятельность советника директора по воспитанию и взаимодействию с детскими общественными объединениями", hours: 36, kind: "upgrade", form: "mixed", federalRegisterId: "ФР-2024-0095", topics: ["воспитание"], positions: ["советник директора по воспитанию", "педагог-организатор"], weight: 20 },
  { provider: "academy", title: "Управленческие команды: эффективное управление образовательной организацией", hours: 72, kind: "upgrade", form: "distance", federalRegisterId: "ФР-2024-0211", topics: ["управление"], management: true, weight: 3 },
  // Universities.
  { provider: "ugpu", title: "Педагогика и психология", hours: 520, kind: "retraining", pedagogical: true, form: "extramural", topics: [], weight: 0 },
  { provider: "ugpu", title: "Психолого-педагогическое сопровождение обучающихся с ОВЗ", hours: 72, kind: "upgrade", form: "mixed", topics: ["инклюзия"], audience: ALL, weight: 2 },
  { provider: "chggu", title: "Актуальные вопросы преподавания русского языка и литературы", hours: 72, kind: "upgrade", form: "extramural", topics: ["предметные компетенции", "ФГОС"], subjects: RUSSIAN, weight: 2 },
  { provider: "chggu", title: "Методика обучения математике в условиях обновлённых ФГОС", hours: 36, kind: "upgrade", form: "extramural", topics: ["предметные компетенции", "ФГОС"], subjects: MATH, weight: 2 },
  // Private centres.
  { provider: "perspektiva", title: "Педагогическое образование: учитель начальных классов", hours: 340, kind: "retraining", pedagogical: true, form: "distance", topics: ["ФГОС"], weight: 0 },
  { provider: "perspektiva", title: "Организация обучения детей с ОВЗ в соответствии с ФГОС", hours: 72, kind: "upgrade", form: "distance", topics: ["инклюзия", "ФГОС"], audience: ALL, weight: 2 },
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
  providerInns: string[];
  completions: CompletionPlan[];
  exemptions: ExemptionPlan[];
};

type Target = "up_to_date" | "due_this_year" | "overdue";

/** A source of run-wide unique codes (certificate numbers, ИНН). */
export type CodeSource = { draw(make: () => string): string };

/** Per-year rates of what a person takes besides the courses of the three-year cycle. */
const EXTRA_COURSES_PER_YEAR = 0.42;
const SEMINARS_PER_YEAR = 0.07;

/**
 * Plans the professional development of a municipality's staff. `makeInn(rng, region)` gives a
 * valid ИНН; providers get theirs from it.
 */
export function planProfessionalDevelopment(
  rng: Rng,
  asOf: string,
  persons: readonly PdPerson[],
  codes: CodeSource,
  makeInn: (rng: Rng, region: string) => string,
): PdPlan {
  const providerInns = PROVIDERS.map((p) => codes.draw(() => makeInn(rng, p.innRegion)));
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

class HistoryPlanner {
  readonly completions: CompletionPlan[] = [];
  readonly exemptions: ExemptionPlan[] = [];
  /** A course counts if it ends before this: it ends the academic year whose last day is asOf's due date. */
  private readonly yearEnd: string;

  constructor(
    private readonly rng: Rng,
    private readonly asOf: string,
    private readonly codes: CodeSource,
  ) {
    this.yearEnd = academicYearEnd(asOf);
  }

  plan(index: number, person: PdPerson, pools: { general: Pool; management: Pool }): void {
    const { rng, asOf } = this;
    // The records go back 4–6 years, never before the person began to teach.
    const historyStart = maxIso(rng.date(addYears(asOf, -6), addYears(asOf, -4)), addDays(person.pedWorkStart, 30));
    const leave = this.planLeave(index, person);
    // Nothing is taken during a leave that is still going on.
    const until = leave && (leave.validTo === null || leave.validTo >= asOf) ? addDays(leave.validFrom, -30) : addDays(asOf, -7);
    const courses: CompletionPlan[] = [];
    const used = new Set<number>();
    const pick = (managementShare: number) => {
      const pool = person.management && pools.management.length > 0 && rng.chance(managementShare) ? pools.management : pools.general;
      let choice = rng.weighted(pool);
      for (let attempt = 0; attempt < 3 && used.has(choice); attempt++) choice = rng.weighted(pool);
      used.add(choice);
      return choice;
    };
    const add = (programme: number, dateTo: string, status: CompletionStatus = "completed") => {
      const c = this.course(index, programme, dateTo, status);
      if (c.dateFrom >= person.pedWorkStart) courses.push(c);
    };

    // The last course that counts, dated for the status the person is to have on asOf.
    const firstYear = person.pedWorkStart > addYears(asOf, -1);
    let last: string | null;
    if (firstYear) {
      // Half of the newcomers take a course in their first year; most of the rest are exempt.
      last = rng.chance(0.5) ? this.dateIn(addDays(person.pedWorkStart, 60), until) : null;
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

    let intervalEnd = addDays(asOf, -7);
    if (last !== null) {
      add(pick(0.5), last);
      // The cycle before it: a course every 2–3.5 years.
      let previous = addDays(last, -rng.int(730, 1278));
      while (previous >= historyStart) {
        add(pick(0.5), previous);
        previous = addDays(previous, -rng.int(730, 1278));
      }
      // More courses between the cycle's ones, all before the last one so it stays the last.
      intervalEnd = addDays(last, -30);
      for (let n = this.count(EXTRA_COURSES_PER_YEAR, historyStart, intervalEnd); n > 0; n--) {
        add(pick(0.4), rng.date(historyStart, intervalEnd));
      }
    }
    // Seminars of 8 hours at any time: they do not count.
    for (let n = this.count(SEMINARS_PER_YEAR, historyStart, until); n > 0; n--) {
      add(rng.pick(SEMINARS), rng.date(historyStart, until));
    }
    // A course dropped half-way.
    if (rng.chance(0.02) && historyStart < until) add(pick(0.3), rng.date(historyStart, until), "not_completed");
    this.planCurrentYear(last, add, pick);
    this.completions.push(...courses.filter((c) => !leave || c.dateTo < leave.validFrom || (leave.validTo !== null && c.dateFrom > leave.validTo)));
  }

  /** Courses of the new academic year: planned, in progress, or over but not yet confirmed. */
  private planCurrentYear(
    last: string | null,
    add: (programme: number, dateTo: string, status: CompletionStatus) => void,
    pick: (managementShare: number) => number,
  ): void {
    const { rng, asOf } = this;
    const dueSoon = last === null || addYears(last, PERIOD_YEARS) <= this.yearEnd;
    if (rng.chance(dueSoon ? 0.4 : 0.03)) {
      add(pick(0.5), rng.date(addDays(asOf, 30), addDays(asOf, 270)), "planned");
    } else if (rng.chance(0.015)) {
      add(pick(0.5), rng.date(addDays(asOf, 7), addDays(asOf, 30)), "enrolled");
    } else if (rng.chance(0.008)) {
      // The course is over and nobody has entered the certificate: the reminders show it.
      add(pick(0.5), rng.date(addDays(asOf, -150), addDays(asOf, -3)), rng.chance(0.5) ? "enrolled" : "planned");
    }
  }

  /** About 0.4% of staff, mostly young women, are on a long (parental) leave; some have come back. */
  private planLeave(index: number, person: PdPerson): ExemptionPlan | null {
    const { rng, asOf } = this;
    const young = person.gender === "female" && person.birthDate > addYears(asOf, -40);
    if (!rng.chance(young ? 0.015 : 0.0008)) return null;
    const validFrom = rng.date(maxIso(addYears(asOf, -2), addDays(person.pedWorkStart, 365)), addDays(asOf, -30));
    if (validFrom > addDays(asOf, -30)) return null;
    const over = rng.chance(0.3);
    const exemption: ExemptionPlan = {
      personIndex: index,
      reason: "long_leave",
      note: "Отпуск по уходу за ребёнком до достижения им возраста трёх лет",
      validFrom,
      validTo: over ? rng.date(minIso(addDays(validFrom, 180), addDays(asOf, -1)), addDays(asOf, -1)) : addDays(addYears(validFrom, 3), -1),
    };
    this.exemptions.push(exemption);
    return exemption;
  }

  /** The end date of the last counting course that gives the target status, or null for none. */
  private lastCourseFor(target: Target, historyStart: string, until: string): string | null {
    const { asOf } = this;
    // Due on asOf or before: overdue; due by the end of the academic year: due this year.
    const overdueBefore = addYears(asOf, -PERIOD_YEARS);
    const dueBefore = addYears(this.yearEnd, -PERIOD_YEARS);
    const margin = 10;
    const ranges: Record<Target, [string, string]> = {
      up_to_date: [addDays(dueBefore, margin), until],
      due_this_year: [addDays(overdueBefore, margin), minIso(until, addDays(dueBefore, -margin))],
      overdue: [addDays(overdueBefore, -548), minIso(until, addDays(overdueBefore, -margin))],
    };
    // One in three of the overdue has no course on record at all.
    if (target === "overdue" && this.rng.chance(0.33)) return null;
    // A target the person's dates cannot give (a newcomer cannot be three years late) gives way.
    const order: Target[] =
      target === "overdue" ? ["overdue"]
      : target === "due_this_year" ? ["due_this_year", "up_to_date", "overdue"]
      : ["up_to_date", "due_this_year", "overdue"];
    for (const t of order) {
      const date = this.dateIn(maxIso(ranges[t][0], historyStart), ranges[t][1]);
      if (date !== null) return date;
    }
    return null;
  }

  /** A date in the range, or null when the range is empty. */
  private dateIn(from: string, to: string): string | null {
    return from <= to ? this.rng.date(from, to) : null;
  }

  /** How many events at `perYear` fall between two dates, rounded at random. */
  private count(perYear: number, from: string, to: string): number {
    const years = (isoToDays(to) - isoToDays(from)) / 365.25;
    if (years <= 0) return 0;
    const expected = perYear * years;
    return Math.floor(expected) + (this.rng.chance(expected - Math.floor(expected)) ? 1 : 0);
  }

  /** One course ending on `dateTo`, 1–3 weeks long (a day for a seminar, months for retraining). */
  private course(personIndex: number, programme: number, dateTo: string, status: CompletionStatus): CompletionPlan {
    const { rng } = this;
    const spec = PROGRAMMES[programme];
    const days =
      spec.kind === "retraining" ? rng.int(120, 270)
      : spec.hours < MIN_HOURS ? 0
      : spec.hours <= 18 ? rng.int(4, 7)
      : spec.hours <= 24 ? rng.int(5, 9)
      : spec.hours <= 36 ? rng.int(7, 14)
      : spec.hours <= 72 ? rng.int(12, 21)
      : rng.int(16, 21);
    const issued = status === "completed" && spec.hours >= MIN_HOURS;
    const prefix = PROVIDERS.find((p) => p.key === spec.provider)!.certificatePrefix;
    return {
      personIndex,
      programmeIndex: programme,
      dateFrom: addDays(dateTo, -days),
      dateTo,
      status,
      certificateKind: issued ? (spec.kind === "retraining" ? "diploma" : "certificate") : null,
      certificateNumber: issued ? this.codes.draw(() => prefix + digits(rng, 6)) : null,
    };
  }

  /**
   * Pedagogical retraining for about 3% of the staff, chosen among those whose education is not
   * pedagogical; management retraining for a fifth of heads and deputies.
   */
  addRetraining(persons: readonly PdPerson[]): void {
    const { rng, asOf } = this;
    const eligible = (p: PdPerson) => addDays(p.pedWorkStart, 400) < addDays(asOf, -30);
    const nonPedagogical = persons.flatMap((p, i) => (!p.pedagogicalEducation && !p.management && eligible(p) ? [i] : []));
    const retrain = (i: number, programme: number) => {
      const person = persons[i];
      const from = maxIso(addYears(asOf, -5), addDays(person.pedWorkStart, 400));
      const dateTo = rng.date(from, addDays(asOf, -30));
      this.completions.push(this.course(i, programme, dateTo, "completed"));
    };
    for (const i of rng.sample(nonPedagogical, Math.round(persons.length * 0.03))) {
      const primary = persons[i].subjects.includes("начальные классы");
      retrain(i, primary ? RETRAINING_PRIMARY : rng.chance(0.25) ? RETRAINING_PRIMARY : RETRAINING_PEDAGOGY);
    }
    const managers = persons.flatMap((p, i) => (p.management && eligible(p) ? [i] : []));
    for (const i of rng.sample(managers, Math.round(managers.length * 0.2))) retrain(i, RETRAINING_MANAGEMENT);
  }
}

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
    column("alias_key", "text[]", aliases.map((a) => normalizeOrgName(a.alias))),
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
