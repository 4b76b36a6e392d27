// The standard reference lists every new municipality starts with: the federal nomenclature of
// pedagogical positions, the subjects of the federal curricula and the federal providers of
// additional professional education, each with the other spellings people write in files.
// Aliases are compared by `matchKey` (case, quotes, punctuation and spacing do not matter, «ё»
// does), so a spelling that differs from its value only by a hyphen («педагог психолог») needs no
// alias row. A unit test proves that no key means two values within a list.
import type { ProviderKind } from "../../../shared/domain.js";

/** A value of a reference list with its other spellings. */
export type StandardValue = { name: string; aliases: readonly string[] };
export type StandardPosition = StandardValue & { isManagement: boolean };
export type StandardSubject = StandardValue & { isRegional: boolean };
export type StandardProvider = StandardValue & {
  shortName: string;
  kind: ProviderKind;
  region: string | null;
  inn: string | null;
};

const position = (name: string, aliases: readonly string[] = [], isManagement = false): StandardPosition => ({ name, aliases, isManagement });
const subject = (name: string, aliases: readonly string[] = []): StandardSubject => ({ name, aliases, isRegional: false });

/**
 * Positions: Постановление Правительства РФ от 21.02.2022 № 225, раздел «иные педагогические
 * работники» (in its order), plus the heads and deputy heads of organisations (management).
 */
export const STANDARD_POSITIONS: readonly StandardPosition[] = [
  position("воспитатель"),
  position("инструктор по труду"),
  position("инструктор по физической культуре", ["инструктор по физкультуре", "инструктор по ФК"]),
  position("инструктор-методист"),
  position("концертмейстер"),
  position("мастер производственного обучения"),
  position("методист"),
  position("музыкальный руководитель", ["муз. руководитель"]),
  position("педагог дополнительного образования", ["ПДО", "педагог доп. образования"]),
  position("педагог-библиотекарь"),
  position("педагог-организатор"),
  // «педагог психолог» is the same key as the name.
  position("педагог-психолог", ["психолог"]),
  position("преподаватель"),
  position("преподаватель-организатор основ безопасности и защиты Родины", [
    "преподаватель-организатор ОБЖ",
    "преподаватель-организатор ОБЗР",
    "преподаватель-организатор основ безопасности жизнедеятельности",
  ]),
  position("советник директора по воспитанию и взаимодействию с детскими общественными объединениями", [
    "советник директора по воспитанию",
    "советник по воспитанию",
  ]),
  position("социальный педагог", ["соц. педагог"]),
  position("старший вожатый"),
  position("старший воспитатель"),
  position("старший инструктор-методист"),
  position("старший методист"),
  position("старший педагог дополнительного образования"),
  position("старший тренер-преподаватель"),
  position("тренер-преподаватель"),
  position("тьютор"),
  position("учитель"),
  position("учитель-дефектолог", ["дефектолог"]),
  position("учитель-логопед", ["логопед"]),
  position("руководитель", ["директор", "заведующий", "заведующая"], true),
  position(
    "заместитель руководителя",
    [
      "заместитель директора",
      "зам. директора",
      "заместитель директора по УВР",
      "заместитель директора по ВР",
      "зам. директора по УВР",
      "зам. директора по ВР",
      "заместитель директора по учебно-воспитательной работе",
      "заместитель директора по воспитательной работе",
      "заместитель заведующего",
      "заместитель заведующей",
    ],
    true,
  ),
];

/**
 * Subjects of the federal curricula (ФОП НОО, ООО, СОО). Aliases are the short forms people
 * write and the genitive forms a position uses: «учитель начальных классов», «учитель русского
 * языка и литературы» (the import splits the latter into two subjects).
 */
export const STANDARD_SUBJECTS: readonly StandardSubject[] = [
  subject("русский язык", ["рус. яз.", "русский яз.", "русский", "русского языка"]),
  subject("литература", ["лит-ра", "литературы"]),
  subject("родной язык", ["родного языка"]),
  subject("литературное чтение", ["лит. чтение", "литературного чтения"]),
  subject("литературное чтение на родном языке", ["литературного чтения на родном языке"]),
  subject("иностранный язык", ["ин. яз.", "иностр. яз.", "иностранного языка"]),
  subject("английский язык", ["англ. яз.", "англ. язык", "английский", "английского языка"]),
  subject("немецкий язык", ["нем. яз.", "немецкий", "немецкого языка"]),
  subject("французский язык", ["франц. яз.", "французский", "французского языка"]),
  subject("китайский язык", ["китайский", "китайского языка"]),
  subject("математика", ["матем.", "математики"]),
  subject("алгебра", ["алгебры"]),
  subject("геометрия", ["геометрии"]),
  subject("вероятность и статистика", ["вероятности и статистики"]),
  subject("информатика", ["информатика и ИКТ", "информатики", "информатики и ИКТ"]),
  subject("история", ["истории"]),
  subject("обществознание", ["обществознания"]),
  subject("география", ["географии"]),
  subject("физика", ["физики"]),
  subject("химия", ["химии"]),
  subject("биология", ["биологии"]),
  subject("окружающий мир", ["окр. мир", "окружающего мира"]),
  subject("основы религиозных культур и светской этики", ["ОРКСЭ", "основ религиозных культур и светской этики"]),
  subject("основы духовно-нравственной культуры народов России", ["ОДНКНР", "основ духовно-нравственной культуры народов России"]),
  subject("изобразительное искусство", ["ИЗО", "изобразительного искусства"]),
  subject("музыка", ["музыки"]),
  subject("мировая художественная культура", ["МХК", "мировой художественной культуры"]),
  subject("труд (технология)", ["технология", "труд", "технологии", "труда"]),
  subject("физическая культура", ["физ-ра", "физкультура", "физической культуры", "физкультуры"]),
  subject("основы безопасности и защиты Родины", [
    "ОБЖ",
    "ОБЗР",
    "основы безопасности жизнедеятельности",
    "основ безопасности и защиты Родины",
    "основ безопасности жизнедеятельности",
  ]),
  subject("индивидуальный проект", ["индивидуального проекта"]),
  subject("начальные классы", ["нач. классы", "начальная школа", "начальных классов", "нач. классов"]),
];

/**
 * Federal providers of additional professional education that courses of every region name.
 * Regional institutes and centres differ by region: the admin adds them (or an import does).
 */
export const STANDARD_PROVIDERS: readonly StandardProvider[] = [
  {
    name:
      "ФГАОУ ДПО «Академия реализации государственной политики и профессионального развития работников " +
      "образования Министерства просвещения Российской Федерации»",
    shortName: "ФГАОУ ДПО «Академия Минпросвещения России»",
    kind: "federal",
    region: "г. Москва",
    inn: null,
    aliases: [
      "Академия Минпросвещения",
      "Академия Минпросвещения России",
      "Академия реализации государственной политики и профессионального развития работников образования Министерства просвещения Российской Федерации",
      "ФГАОУ ДПО Академия Минпросвещения",
    ],
  },
  {
    name: "ФГБУ «Федеральный институт оценки качества образования»",
    shortName: "ФГБУ «ФИОКО»",
    kind: "federal",
    region: "г. Москва",
    inn: null,
    aliases: ["ФИОКО", "Федеральный институт оценки качества образования"],
  },
  {
    name: "ФГБНУ «Институт стратегии развития образования»",
    shortName: "ФГБНУ «ИСРО»",
    kind: "federal",
    region: "г. Москва",
    inn: null,
    aliases: [
      "ИСРО",
      "ИСРО РАО",
      "Институт стратегии развития образования",
      "Институт стратегии развития образования Российской академии образования",
      "ФГБНУ «Институт стратегии развития образования Российской академии образования»",
    ],
  },
  {
    name: "ФГБОУ ВО «Московский педагогический государственный университет»",
    shortName: "ФГБОУ ВО «МПГУ»",
    kind: "university",
    region: "г. Москва",
    inn: null,
    aliases: ["МПГУ", "Московский педагогический государственный университет"],
  },
  {
    name: "ФГБОУ ВО «Российский государственный педагогический университет им. А. И. Герцена»",
    shortName: "ФГБОУ ВО «РГПУ им. А. И. Герцена»",
    kind: "university",
    region: "г. Санкт-Петербург",
    inn: null,
    aliases: [
      "РГПУ им. Герцена",
      "РГПУ им. А. И. Герцена",
      "РГПУ имени А. И. Герцена",
      "Российский государственный педагогический университет им. А. И. Герцена",
      "Российский государственный педагогический университет имени А. И. Герцена",
      "Герценовский университет",
    ],
  },
  {
    name:
      "Федеральный институт развития образования ФГБОУ ВО «Российская академия народного хозяйства и " +
      "государственной службы при Президенте Российской Федерации»",
    shortName: "ФИРО РАНХиГС",
    kind: "federal",
    region: "г. Москва",
    inn: null,
    aliases: [
      "ФИРО",
      "Федеральный институт развития образования",
      "ФГБНУ «Федеральный институт развития образования»",
      "ФГАУ «ФИРО»",
      "ФИРО РАНХиГС при Президенте РФ",
    ],
  },
];

/** Sizes of the standard lists, for messages and tests. */
export function standardCounts() {
  const aliases = (list: readonly StandardValue[]) => list.reduce((n, v) => n + v.aliases.length, 0);
  return {
    positions: STANDARD_POSITIONS.length,
    positionAliases: aliases(STANDARD_POSITIONS),
    subjects: STANDARD_SUBJECTS.length,
    subjectAliases: aliases(STANDARD_SUBJECTS),
    providers: STANDARD_PROVIDERS.length,
    providerAliases: aliases(STANDARD_PROVIDERS),
  };
}
