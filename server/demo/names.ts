// Synthetic Russian name parts. Combined at random they make people who do not exist; no name
// found in the project's source documents (shared/seeds) is used.

import type { Rng } from "./rng.js";

export type Gender = "male" | "female";

/** Male surname forms; the female form is derived by femaleSurname. */
export const MALE_SURNAMES: readonly string[] = [
  // -ов / -ев / -ёв
  "Смирнов", "Попов", "Соколов", "Лебедев", "Козлов", "Новиков", "Морозов", "Волков",
  "Соловьёв", "Васильев", "Зайцев", "Павлов", "Голубев", "Виноградов", "Богданов", "Воробьёв",
  "Фёдоров", "Михайлов", "Беляев", "Тарасов", "Белов", "Комаров", "Орлов", "Киселёв",
  "Макаров", "Андреев", "Ковалёв", "Гусев", "Титов", "Кудрявцев", "Баранов", "Куликов",
  "Алексеев", "Степанов", "Яковлев", "Сергеев", "Романов", "Захаров", "Медведев", "Ершов",
  "Соболев", "Рябов", "Поляков", "Цветков", "Данилов", "Фролов", "Журавлёв", "Николаев",
  "Крылов", "Максимов", "Осипов", "Белоусов", "Федотов", "Дорофеев", "Егоров", "Матвеев",
  "Бобров", "Дмитриев", "Анисимов", "Антонов", "Тимофеев", "Никифоров", "Веселов", "Филиппов",
  "Марков", "Большаков", "Суханов", "Миронов", "Ширяев", "Коновалов", "Шестаков", "Казаков",
  "Ефимов", "Денисов", "Громов", "Давыдов", "Мельников", "Щербаков", "Блинов", "Колесников",
  "Карпов", "Афанасьев", "Власов", "Маслов", "Тихонов", "Аксёнов", "Гаврилов", "Родионов",
  "Горбунов", "Быков", "Зуев", "Савельев", "Рыбаков", "Воронов", "Архипов", "Трофимов",
  "Емельянов", "Горшков", "Селезнёв", "Копылов", "Михеев", "Назаров", "Лобанов", "Семёнов",
  "Королёв", "Пугачёв",
  // -ин
  "Ильин", "Никитин", "Калинин", "Фомин", "Галкин", "Лукин", "Сорокин", "Зимин", "Мухин",
  // -ский / -цкий
  "Покровский", "Вознесенский", "Городецкий", "Белецкий", "Садовский", "Полянский", "Яворский",
  // -ой
  "Береговой", "Луговой",
  // indeclinable in the female form: -ко, -ук, -юк, -их / -ых (common in the Kuban)
  "Бондаренко", "Ткаченко", "Коваленко", "Кравченко", "Лысенко", "Гончаренко", "Шевчук",
  "Ковальчук", "Полищук", "Савчук", "Черных", "Долгих",
];

/**
 * Era of a given name: "old" ones are rare among people born after 1980, "young" ones among
 * people born before 1985; both kinds are kept out of the wrong generation.
 */
type Era = "any" | "old" | "young";
type GivenName = readonly [name: string, era: Era];

export const MALE_NAMES: readonly GivenName[] = [
  ["Александр", "any"], ["Алексей", "any"], ["Анатолий", "old"], ["Андрей", "any"],
  ["Антон", "any"], ["Аркадий", "old"], ["Артём", "young"], ["Богдан", "young"],
  ["Вадим", "any"], ["Валентин", "old"], ["Валерий", "old"], ["Василий", "any"],
  ["Виктор", "any"], ["Виталий", "any"], ["Владимир", "any"], ["Владислав", "any"],
  ["Всеволод", "any"], ["Вячеслав", "any"], ["Геннадий", "old"], ["Георгий", "any"],
  ["Глеб", "young"], ["Григорий", "any"], ["Даниил", "young"], ["Денис", "any"],
  ["Дмитрий", "any"], ["Евгений", "any"], ["Егор", "young"], ["Захар", "young"],
  ["Иван", "any"], ["Игорь", "any"], ["Илья", "any"], ["Кирилл", "any"],
  ["Константин", "any"], ["Кузьма", "old"], ["Лев", "any"], ["Леонид", "old"],
  ["Лука", "young"], ["Максим", "any"], ["Марк", "young"], ["Матвей", "young"],
  ["Михаил", "any"], ["Никита", "any"], ["Николай", "any"], ["Олег", "any"],
  ["Павел", "any"], ["Пётр", "any"], ["Роман", "any"], ["Руслан", "any"],
  ["Святослав", "young"], ["Семён", "any"], ["Сергей", "any"], ["Станислав", "any"],
  ["Степан", "any"], ["Тимофей", "young"], ["Тимур", "any"], ["Фёдор", "any"],
  ["Филипп", "any"], ["Эдуард", "old"], ["Юрий", "any"], ["Яков", "any"],
  ["Ярослав", "young"], ["Фома", "old"],
];

export const FEMALE_NAMES: readonly GivenName[] = [
  ["Алёна", "any"], ["Александра", "any"], ["Алина", "young"], ["Алла", "old"],
  ["Анастасия", "any"], ["Ангелина", "young"], ["Анна", "any"], ["Антонина", "old"],
  ["Валентина", "old"], ["Валерия", "young"], ["Вера", "any"], ["Вероника", "any"],
  ["Виктория", "any"], ["Галина", "old"], ["Дарья", "any"], ["Диана", "young"],
  ["Ева", "young"], ["Евгения", "any"], ["Екатерина", "any"], ["Елена", "any"],
  ["Елизавета", "young"], ["Жанна", "old"], ["Зинаида", "old"], ["Зоя", "old"],
  ["Инна", "any"], ["Ирина", "any"], ["Карина", "young"], ["Кира", "young"],
  ["Кристина", "young"], ["Ксения", "any"], ["Лариса", "old"], ["Лидия", "old"],
  ["Лилия", "any"], ["Любовь", "old"], ["Людмила", "old"], ["Маргарита", "any"],
  ["Марина", "any"], ["Мария", "any"], ["Милена", "young"], ["Надежда", "any"],
  ["Наталья", "any"], ["Нина", "old"], ["Оксана", "any"], ["Олеся", "any"],
  ["Ольга", "any"], ["Полина", "young"], ["Раиса", "old"], ["Регина", "any"],
  ["Светлана", "any"], ["Снежана", "young"], ["Софья", "young"], ["Таисия", "young"],
  ["Тамара", "old"], ["Татьяна", "any"], ["Ульяна", "young"], ["Эвелина", "young"],
  ["Эльвира", "any"], ["Юлия", "any"], ["Яна", "any"], ["Ярослава", "young"],
];

/** The female form of a male surname: Иванов→Иванова, Городецкий→Городецкая, Шевчук stays. */
export function femaleSurname(male: string): string {
  if (/(ск|цк)ий$/.test(male)) return male.slice(0, -2) + "ая";
  if (/ой$/.test(male)) return male.slice(0, -2) + "ая";
  if (/(ов|ев|ёв|ин|ын)$/.test(male)) return male + "а";
  return male;
}

// Names whose patronymic does not follow the regular endings below.
const IRREGULAR_PATRONYMICS: Readonly<Record<string, readonly [male: string, female: string]>> = {
  Илья: ["Ильич", "Ильинична"],
  Никита: ["Никитич", "Никитична"],
  Кузьма: ["Кузьмич", "Кузьминична"],
  Лука: ["Лукич", "Лукинична"],
  Фома: ["Фомич", "Фоминична"],
  Лев: ["Львович", "Львовна"],
  Павел: ["Павлович", "Павловна"],
  Пётр: ["Петрович", "Петровна"],
  Яков: ["Яковлевич", "Яковлевна"],
  Михаил: ["Михайлович", "Михайловна"],
  Дмитрий: ["Дмитриевич", "Дмитриевна"],
  Георгий: ["Георгиевич", "Георгиевна"],
};

/** The patronymic formed from a father's name: Иван→Иванович/Ивановна, Юрий→Юрьевич/Юрьевна. */
export function patronymic(fatherName: string, gender: Gender): string {
  const [male, female] = patronymicForms(fatherName);
  return gender === "male" ? male : female;
}

function patronymicForms(name: string): readonly [string, string] {
  const irregular = IRREGULAR_PATRONYMICS[name];
  if (irregular) return irregular;
  const withSuffix = (stem: string, vowel: "о" | "е") =>
    [`${stem}${vowel}вич`, `${stem}${vowel}вна`] as const;
  if (name.endsWith("ий")) return withSuffix(name.slice(0, -2) + "ь", "е"); // Юрий → Юрьевич
  if (name.endsWith("ей") || name.endsWith("ай")) return withSuffix(name.slice(0, -1), "е"); // Андрей → Андреевич
  if (name.endsWith("ь")) return withSuffix(name.slice(0, -1), "е"); // Игорь → Игоревич
  if (/[жшщчц]$/.test(name)) return withSuffix(name, "е");
  if (/[бвгдзклмнпрстфх]$/.test(name)) return withSuffix(name, "о"); // Иван → Иванович
  throw new Error(`No patronymic rule for ${name}`);
}

/** A random full name for a person of the given gender and birth year. */
export function randomFullName(
  rng: Rng,
  gender: Gender,
  birthYear: number,
): { surname: string; name: string; patronymic: string } {
  const male = rng.pick(MALE_SURNAMES);
  // The father was born some 20-40 years earlier: his name is drawn for that generation.
  const father = pickGivenName(rng, MALE_NAMES, birthYear - 30);
  return {
    surname: gender === "male" ? male : femaleSurname(male),
    name: pickGivenName(rng, gender === "male" ? MALE_NAMES : FEMALE_NAMES, birthYear),
    patronymic: patronymic(father, gender),
  };
}

function pickGivenName(rng: Rng, names: readonly GivenName[], birthYear: number): string {
  const fits = (era: Era) =>
    era === "any" || (era === "old" ? birthYear <= 1980 : birthYear >= 1985);
  return rng.pick(names.filter(([, era]) => fits(era)))[0];
}

// ---------------------------------------------------------------------------------------------
// Places, organisations and institutions. All invented; real Kuban district names are avoided.

export type District = {
  /** As in «Муниципальное образование …». */
  name: string;
  /** The adjective local colleges are named with: «Заречный педагогический колледж». */
  adjective: string;
  /** The administrative centre, with its abbreviation. */
  center: string;
  /** An urban district has no «… район» in its addresses. */
  isCity: boolean;
};

const district = (name: string, adjective: string, center: string): District => ({
  name,
  adjective,
  center,
  isCity: name.startsWith("город"),
});

/** The municipality of the single-municipality demo. */
export const DEMO_DISTRICT = district("Заречный район", "Заречный", "г. Заречинск");

/** The 30 municipalities of the region-scale demo. */
export const REGION_DISTRICTS: readonly District[] = [
  district("Приозёрный район", "Приозёрный", "ст. Приозёрная"),
  district("Ковыльный район", "Ковыльный", "ст. Ковыльная"),
  district("Вишнёвский район", "Вишнёвский", "ст. Вишнёвская"),
  district("город Южноморск", "Южноморский", "г. Южноморск"),
  district("Степнянский район", "Степнянский", "ст. Степнянская"),
  district("Камышовый район", "Камышовый", "ст. Камышовая"),
  district("Ольховский район", "Ольховский", "г. Ольховск"),
  district("Лазоревый район", "Лазоревый", "ст. Лазоревская"),
  district("Подгорный район", "Подгорный", "г. Подгорск"),
  district("город-курорт Светломорск", "Светломорский", "г. Светломорск"),
  district("Кленовый район", "Кленовый", "ст. Кленовская"),
  district("Полынный район", "Полынный", "ст. Полынная"),
  district("Ясеневый район", "Ясеневый", "ст. Ясеневская"),
  district("Черноречный район", "Черноречный", "г. Черноречье"),
  district("Белокаменный район", "Белокаменный", "ст. Белокаменская"),
  district("город Каменногорск", "Каменногорский", "г. Каменногорск"),
  district("Дубравный район", "Дубравный", "ст. Дубравная"),
  district("Тополиный район", "Тополиный", "ст. Тополиная"),
  district("Яблоневый район", "Яблоневый", "ст. Яблоневская"),
  district("Журавлиный район", "Журавлиный", "ст. Журавлиная"),
  district("Калиновый район", "Калиновый", "ст. Калиновская"),
  district("город Новоозёрск", "Новоозёрский", "г. Новоозёрск"),
  district("Орешный район", "Орешный", "ст. Орешная"),
  district("Рябиновый район", "Рябиновый", "ст. Рябиновская"),
  district("Кизиловый район", "Кизиловый", "ст. Кизиловская"),
  district("Ракитный район", "Ракитный", "ст. Ракитная"),
  district("Медовый район", "Медовый", "г. Медовск"),
  district("Ключевой район", "Ключевой", "ст. Ключевая"),
  district("город Светлоярск", "Светлоярский", "г. Светлоярск"),
  district("Ветряный район", "Ветряный", "ст. Ветряная"),
];

export const VILLAGES: readonly string[] = [
  "ст. Вольная", "ст. Заветная", "ст. Раздольная", "ст. Привольная", "ст. Широкая",
  "ст. Дружная", "х. Весёлый", "х. Зелёный", "х. Тихий", "х. Кудрявый", "пос. Садовый",
  "пос. Рассвет", "пос. Восход", "пос. Мирный", "с. Покровское", "с. Знаменское",
];

export const STREETS: readonly string[] = [
  "Ленина", "Мира", "Советская", "Школьная", "Садовая", "Красная", "Кубанская", "Октябрьская",
  "Гагарина", "Молодёжная", "Центральная", "Пролетарская", "Набережная", "Степная", "Северная",
  "Южная", "Комсомольская", "Первомайская", "Пионерская", "Заречная", "Победы", "Лесная",
];

export const KINDERGARTEN_NAMES: readonly string[] = [
  "Солнышко", "Ромашка", "Берёзка", "Колокольчик", "Светлячок", "Теремок", "Радуга",
  "Золотой ключик", "Алёнушка", "Сказка", "Журавушка", "Ласточка", "Рябинка", "Звёздочка",
  "Капелька", "Улыбка", "Чебурашка", "Малыш", "Незабудка", "Родничок", "Василёк", "Ягодка",
  "Вишенка", "Кораблик", "Дюймовочка", "Золушка", "Буратино", "Петушок", "Тополёк", "Ручеёк",
  "Соловушка", "Огонёк", "Росинка", "Аистёнок", "Казачок", "Жемчужинка", "Подсолнушек",
  "Гнёздышко", "Лучик", "Жар-птица", "Красная шапочка", "Мишутка",
];

/** Writers and scientists schools are commonly named after, in the genitive. */
export const SCHOOL_HONOREES: readonly string[] = [
  "А.С. Пушкина", "Ю.А. Гагарина", "М.А. Шолохова", "Г.К. Жукова", "А.В. Суворова",
  "М.В. Ломоносова", "Л.Н. Толстого", "А.П. Чехова", "М.Ю. Лермонтова", "С.П. Королёва",
  "К.Э. Циолковского", "Д.И. Менделеева", "К.Д. Ушинского", "А.С. Макаренко",
];

/** The classic kinds of municipal additional-education organisations. */
export const ADDITIONAL_TYPES: readonly { full: string; abbr: string; sports: boolean }[] = [
  { full: "Дом детского творчества", abbr: "ДДТ", sports: false },
  { full: "Детско-юношеская спортивная школа", abbr: "ДЮСШ", sports: true },
  { full: "Центр детского творчества", abbr: "ЦДТ", sports: false },
  { full: "Станция юных техников", abbr: "СЮТ", sports: false },
  { full: "Станция юных натуралистов", abbr: "СЮН", sports: false },
  { full: "Центр внешкольной работы", abbr: "ЦВР", sports: false },
  { full: "Центр детско-юношеского туризма и экскурсий", abbr: "ЦДЮТЭ", sports: false },
];

export const INNOVATION_TOPICS: readonly string[] = [
  "Формирование функциональной грамотности обучающихся",
  "Цифровая образовательная среда школы",
  "Инклюзивное образование детей с ОВЗ",
  "Казачье образование как ресурс воспитания",
  "Ранняя профориентация дошкольников",
];

export const PED_UNIVERSITIES: readonly string[] = [
  "Южный государственный педагогический университет",
  "Степной гуманитарно-педагогический институт",
  "Черноморский государственный гуманитарный университет",
  "Приречный институт педагогики и психологии",
];

export const OTHER_UNIVERSITIES: readonly string[] = [
  "Южный государственный технологический университет",
  "Степной аграрный университет",
  "Черноморский институт экономики и права",
];

export const PED_COLLEGES: readonly string[] = [
  "Южный социально-педагогический колледж",
  "Степной педагогический колледж",
];

export const OTHER_COLLEGES: readonly string[] = [
  "Южный колледж экономики и сервиса",
  "Степной аграрный техникум",
];

export const OTHER_HIGHER_SPECIALITIES: readonly string[] = [
  "Экономика", "Юриспруденция", "Менеджмент", "Филология", "Прикладная информатика", "Агрономия",
];

export const OTHER_COLLEGE_SPECIALITIES: readonly string[] = [
  "Экономика и бухгалтерский учёт",
  "Социальная работа",
  "Документационное обеспечение управления",
  "Технология продукции общественного питания",
];

const LATIN: Readonly<Record<string, string>> = {
  а: "a", б: "b", в: "v", г: "g", д: "d", е: "e", ё: "e", ж: "zh", з: "z", и: "i", й: "y",
  к: "k", л: "l", м: "m", н: "n", о: "o", п: "p", р: "r", с: "s", т: "t", у: "u", ф: "f",
  х: "kh", ц: "ts", ч: "ch", ш: "sh", щ: "shch", ъ: "", ы: "y", ь: "", э: "e", ю: "yu", я: "ya",
};

/** Lower-case Latin letters for e-mail addresses: «Семёнова» → "semenova". */
export function transliterate(text: string): string {
  return [...text.toLowerCase()].map((c) => LATIN[c] ?? (/[a-z0-9]/.test(c) ? c : "")).join("");
}
