import { foldKey } from "./match-key.js";
import { describe, expect, it } from "vitest";
import { pedExperienceOn } from "../../shared/derived.js";
import { isValidSnils } from "../../shared/validators.js";
import {
  cellText,
  excelSerialToIso,
  isEmptyCell,
  normalizeNamePart,
  parseBoolean,
  parseCategory,
  parseDate,
  parseDateRange,
  parseEducation,
  parseExperience,
  parseFullName,
  parseMainJob,
  parsePartTime,
  parseSnils,
  splitList,
  twoDigitYear,
  type Parsed,
} from "./normalize.js";
import type { Cell } from "./read.js";

/** A tiny seeded PRNG (mulberry32): the property tests see the same values on every run. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)],
  };
}

const value = <T>(r: Parsed<T>): T => {
  if (!r.ok) throw new Error(`expected a value, got the message «${r.message}»`);
  return r.value;
};
const message = <T>(r: Parsed<T>): string => {
  if (r.ok) throw new Error(`expected a message, got ${JSON.stringify(r.value)}`);
  return r.message;
};
const utc = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
const pad = (n: number) => String(n).padStart(2, "0");
const DAY = 86_400_000;

describe("cellText and isEmptyCell", () => {
  it("shows cells as the user sees them", () => {
    expect(cellText(null)).toBe("");
    expect(cellText(utc("1980-01-05"))).toBe("05.01.1980");
    expect(cellText(12.5)).toBe("12,5");
    expect(cellText(true)).toBe("да");
    expect(cellText("  Иванов \n Иван  ")).toBe("Иванов Иван");
    expect([null, "", "  ", "\n"].map(isEmptyCell)).toEqual([true, true, true, true]);
    expect([0, false, "-", utc("2000-01-01")].map(isEmptyCell)).toEqual([false, false, false, false]);
  });
});

describe("parseDate", () => {
  it("accepts Date cells, Excel serials and the usual spellings", () => {
    const cases: [Cell, string][] = [
      [utc("1980-01-01"), "1980-01-01"],
      [29221, "1980-01-01"],
      [29221.75, "1980-01-01"], // a time of day is ignored
      [1, "1900-01-01"],
      [59, "1900-02-28"],
      [61, "1900-03-01"],
      [43831, "2020-01-01"],
      ["01.01.1980", "1980-01-01"],
      ["1.1.1980", "1980-01-01"],
      ["5.11.75", "1975-11-05"],
      ["01/02/1980", "1980-02-01"],
      ["01-02-1980", "1980-02-01"],
      ["1980-02-01", "1980-02-01"],
      [" 01.02.1980 г. ", "1980-02-01"],
      ["01.02.1980г", "1980-02-01"],
      ["01. 02. 1980", "1980-02-01"],
      ["01.02.1980 года", "1980-02-01"],
      ["01.02.1980 0:00:00", "1980-02-01"],
      ["1980-02-01T00:00:00.000Z", "1980-02-01"],
      ["1 февраля 1980 г.", "1980-02-01"],
      ["29 мая 1980", "1980-05-29"],
      ["3 сент. 2001", "2001-09-03"],
      ["29.02.2000", "2000-02-29"],
    ];
    for (const [cell, iso] of cases) expect(value(parseDate(cell)), String(cell)).toBe(iso);
  });

  it("names impossible and unreadable dates", () => {
    expect(message(parseDate("31.02.1980"))).toBe("31.02.1980 — несуществующая дата");
    expect(message(parseDate("31.2.1980"))).toBe("31.02.1980 — несуществующая дата");
    expect(message(parseDate("29.02.2019"))).toBe("29.02.2019 — несуществующая дата");
    expect(message(parseDate("2019-13-01"))).toBe("01.13.2019 — несуществующая дата");
    expect(message(parseDate(60))).toBe("29.02.1900 — несуществующая дата");
    expect(message(parseDate("вчера"))).toBe("Дата «вчера» не распознана: ожидается дд.мм.гггг");
    expect(message(parseDate("01.01.0198"))).toBe("Дата «01.01.0198»: год должен быть от 1900 до 2100");
    expect(message(parseDate(0))).toBe("Число 0 не похоже на дату");
    expect(message(parseDate(-5))).toBe("Число -5 не похоже на дату");
    expect(message(parseDate(3_000_000))).toBe("Число 3000000 не похоже на дату");
    expect(message(parseDate(null))).toBe("Дата не указана");
    expect(message(parseDate(" "))).toBe("Дата не указана");
    expect(message(parseDate(true))).toBe("«да» не похоже на дату");
  });

  it("reads two-digit years around the current year", () => {
    expect(twoDigitYear(26, 2025)).toBe(2026);
    expect(twoDigitYear(27, 2025)).toBe(1927);
    expect(twoDigitYear(0, 2025)).toBe(2000);
    expect(twoDigitYear(99, 2025)).toBe(1999);
    expect(twoDigitYear(85, 2084)).toBe(2085);
    expect(twoDigitYear(86, 2084)).toBe(1986);
    const yy = (new Date().getUTCFullYear() % 100) + 1;
    expect(value(parseDate(`01.01.${pad(yy)}`))).toBe(`20${pad(yy)}-01-01`);
  });

  it("property: every day of 1950–2030 in every accepted spelling parses back to itself", () => {
    const ruMonths = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"];
    let checked = 0;
    for (let t = Date.UTC(1950, 0, 1); t <= Date.UTC(2030, 11, 31); t += DAY) {
      const dt = new Date(t);
      const [y, m, d] = [dt.getUTCFullYear(), dt.getUTCMonth() + 1, dt.getUTCDate()];
      const iso = `${y}-${pad(m)}-${pad(d)}`;
      const spellings: Cell[] = [
        dt,
        (t - Date.UTC(1899, 11, 30)) / DAY,
        `${pad(d)}.${pad(m)}.${y}`,
        `${d}.${m}.${y}`,
        `${pad(d)}/${pad(m)}/${y}`,
        `${pad(d)}-${pad(m)}-${y}`,
        iso,
        `${pad(d)}.${pad(m)}.${y} г.`,
        `${d} ${ruMonths[m - 1]} ${y} г.`,
      ];
      for (const s of spellings) {
        const r = parseDate(s);
        if (!r.ok || r.value !== iso) expect(r, `${String(s)} → ${iso}`).toEqual({ ok: true, value: iso });
        checked++;
      }
      // Two-digit years follow the century rule.
      const short = parseDate(`${pad(d)}.${pad(m)}.${pad(y % 100)}`);
      const expected = `${twoDigitYear(y % 100)}-${pad(m)}-${pad(d)}`;
      if (!short.ok || short.value !== expected) expect(short).toEqual({ ok: true, value: expected });
    }
    expect(checked).toBe(29_585 * 9);
  });

  it("excelSerialToIso and Date agree with exceljs's epoch for serials after the leap bug", () => {
    const rnd = prng(7);
    for (let i = 0; i < 2000; i++) {
      const serial = rnd.int(61, 73_000);
      const viaEpoch = new Date(Date.UTC(1899, 11, 30) + serial * DAY).toISOString().slice(0, 10);
      expect(value(excelSerialToIso(serial))).toBe(viaEpoch);
    }
  });
});

describe("parseDateRange", () => {
  it("accepts the usual spellings of a period", () => {
    const want = { from: "2020-10-12", to: "2020-10-23" };
    for (const s of [
      "12.10.2020–23.10.2020",
      "12.10.2020 - 23.10.2020",
      "12.10.2020—23.10.2020",
      "12.10.2020 − 23.10.2020",
      "с 12.10.2020 по 23.10.2020",
      "С 12.10.2020 г. по 23.10.2020 г.",
      "12.10.2020 по 23.10.2020",
      "12.10–23.10.2020",
      "12.10 - 23.10.2020",
      "12–23.10.2020",
      "с 12 по 23.10.2020",
      "12-10-2020 - 23-10-2020",
      "2020-10-12 - 2020-10-23",
      "2020-10-12–2020-10-23",
      "12.10.20-23.10.20",
    ]) {
      expect(parseDateRange(s), s).toEqual({ ok: true, value: want });
    }
    expect(value(parseDateRange("28.12–10.01.2021"))).toEqual({ from: "2020-12-28", to: "2021-01-10" });
  });

  it("names reversed, partial and unreadable periods", () => {
    expect(message(parseDateRange("23.10.2020–12.10.2020"))).toBe("Период «23.10.2020–12.10.2020»: дата начала позже даты окончания");
    expect(message(parseDateRange("12.10–23.10"))).toBe("Период «12.10–23.10» не распознан: ожидается «дд.мм.гггг–дд.мм.гггг»");
    expect(message(parseDateRange("октябрь 2020"))).toBe("Период «октябрь 2020» не распознан: ожидается «дд.мм.гггг–дд.мм.гггг»");
    expect(message(parseDateRange("31.02.2020–23.10.2020"))).toBe("Период «31.02.2020–23.10.2020»: 31.02.2020 — несуществующая дата");
    expect(message(parseDateRange("30.02–23.10.2020"))).toBe("Период «30.02–23.10.2020»: 30.02.2020 — несуществующая дата");
    expect(message(parseDateRange(utc("2020-10-12")))).toBe("«12.10.2020» не похоже на период: ожидается «дд.мм.гггг–дд.мм.гггг»");
    expect(message(parseDateRange(null))).toBe("Период не указан");
  });

  it("property: generated periods parse back in several spellings", () => {
    const rnd = prng(42);
    for (let i = 0; i < 1000; i++) {
      const a = Date.UTC(2000, 0, 1) + rnd.int(0, 10_000) * DAY;
      const b = a + rnd.int(0, 400) * DAY;
      const [from, to] = [new Date(a), new Date(b)];
      const ru = (x: Date) => `${pad(x.getUTCDate())}.${pad(x.getUTCMonth() + 1)}.${x.getUTCFullYear()}`;
      const want = { from: from.toISOString().slice(0, 10), to: to.toISOString().slice(0, 10) };
      for (const s of [`${ru(from)}–${ru(to)}`, `с ${ru(from)} по ${ru(to)}`, `${ru(from)} - ${ru(to)}`]) {
        expect(parseDateRange(s), s).toEqual({ ok: true, value: want });
      }
      if (from.getUTCFullYear() === to.getUTCFullYear()) {
        expect(value(parseDateRange(`${ru(from).slice(0, 5)}–${ru(to)}`))).toEqual(want);
      }
    }
  });
});

describe("parseCategory", () => {
  it("maps the spellings schools use", () => {
    const cases: [Cell, string][] = [
      ["высшая", "highest"],
      ["Высшая", "highest"],
      ["ВКК", "highest"],
      ["высш.", "highest"],
      ["высшая квалификационная категория", "highest"],
      ["Высшая (приказ № 12 от 01.02.2019)", "highest"],
      ["первая", "first"],
      ["1 категория", "first"],
      ["I кв. категория", "first"],
      ["1КК", "first"],
      ["первая кв.к.", "first"],
      ["1-я", "first"],
      [1, "first"],
      ["соответствие", "conformity"],
      ["СЗД", "conformity"],
      ["соответствие занимаемой должности (СЗД)", "conformity"],
      ["Соответствие занимаемой должности", "conformity"],
      ["б/к", "none"],
      ["нет", "none"],
      ["без категории", "none"],
      ["Без кат.", "none"],
      ["-", "none"],
      ["—", "none"],
      ["", "none"],
      [null, "none"],
    ];
    for (const [cell, code] of cases) expect(value(parseCategory(cell)), String(cell)).toBe(code);
  });

  it("lists the accepted values for anything else", () => {
    expect(message(parseCategory("вторая"))).toBe(
      "Категория «вторая» не распознана: укажите «высшая», «первая», «соответствие занимаемой должности» или «без категории»",
    );
    expect(message(parseCategory("мастер"))).toMatch(/^Категория «мастер» не распознана/);
  });
});

describe("parseEducation", () => {
  it("maps levels and whether the education is pedagogical", () => {
    const cases: [Cell, string, boolean | null][] = [
      ["высшее", "higher", null],
      ["Высшее (педагогическое)", "higher", true],
      ["высшее пед.", "higher", true],
      ["высшее непедагогическое", "higher", false],
      ["высшее (не пед.)", "higher", false],
      ["высшее не педагогическое", "higher", false],
      ["ВО", "higher", null],
      ["высшее профессиональное", "higher", null],
      ["бакалавриат", "higher", null],
      ["магистратура", "higher", null],
      ["специалитет", "higher", null],
      ["Высшее, Ленинградское высшее военное училище", "higher", null],
      ["СПО", "secondary_vocational", null],
      ["среднее профессиональное", "secondary_vocational", null],
      ["среднее профессиональное (педагогическое)", "secondary_vocational", true],
      ["среднее специальное", "secondary_vocational", null],
      ["ср.-спец.", "secondary_vocational", null],
      ["средне-специальное", "secondary_vocational", null],
      ["среднее профессиональное, ФГБОУ ВО «Университет»", "secondary_vocational", null],
      ["педагогический колледж", "secondary_vocational", true],
      ["Государственный университет", "higher", null],
      ["среднее общее", "other", null],
      ["начальное профессиональное", "other", null],
      ["незаконченное высшее", "other", null],
      ["высшее (неоконченное), педагогическое", "other", true],
      ["основное общее", "other", null],
    ];
    for (const [cell, level, isPedagogical] of cases) {
      expect(value(parseEducation(cell)), String(cell)).toEqual({ level, isPedagogical });
    }
  });

  it("names what it cannot read", () => {
    expect(message(parseEducation("курсы кройки"))).toBe(
      "Образование «курсы кройки» не распознано: укажите «высшее», «среднее профессиональное» или иное (например, «среднее общее»)",
    );
    expect(message(parseEducation(null))).toBe("Образование не указано");
  });
});

describe("names", () => {
  it("normalizeNamePart capitalises each hyphenated piece and keeps ё", () => {
    expect(normalizeNamePart("ИВАНОВ")).toBe("Иванов");
    expect(normalizeNamePart(" петрова-водкина ")).toBe("Петрова-Водкина");
    expect(normalizeNamePart("сЕМЁНОВ")).toBe("Семёнов");
    expect(normalizeNamePart("Семенов")).toBe("Семенов");
    expect(normalizeNamePart("")).toBe("");
  });

  it("parseFullName splits and capitalises", () => {
    expect(value(parseFullName("Иванов Иван Иванович"))).toEqual({ lastName: "Иванов", firstName: "Иван", patronymic: "Иванович", full: "Иванов Иван Иванович" });
    expect(value(parseFullName("  ИВАНОВ   иван\tиванович "))).toEqual({ lastName: "Иванов", firstName: "Иван", patronymic: "Иванович", full: "Иванов Иван Иванович" });
    expect(value(parseFullName("петрова-водкина анна"))).toEqual({ lastName: "Петрова-Водкина", firstName: "Анна", patronymic: null, full: "Петрова-Водкина Анна" });
    expect(value(parseFullName("Мамедов Али Гасан Оглы"))).toEqual({ lastName: "Мамедов", firstName: "Али", patronymic: "Гасан оглы", full: "Мамедов Али Гасан оглы" });
    expect(value(parseFullName("Алиева Лейла Рашид кызы"))).toMatchObject({ patronymic: "Рашид кызы" });
    expect(value(parseFullName("Сёмина Алёна Олеговна"))).toMatchObject({ lastName: "Сёмина", firstName: "Алёна" });
    expect(value(parseFullName("Иванов, Иван Иванович"))).toMatchObject({ lastName: "Иванов", firstName: "Иван", patronymic: "Иванович" });
  });

  it("parseFullName names what is missing or wrong", () => {
    expect(message(parseFullName("Иванов"))).toBe("ФИО «Иванов»: укажите фамилию и имя");
    expect(message(parseFullName(null))).toBe("ФИО «»: укажите фамилию и имя");
    expect(message(parseFullName("Иванов И.И."))).toBe("ФИО «Иванов И.И.»: укажите имя и отчество полностью, а не инициалы");
    expect(message(parseFullName("Иванов И И"))).toBe("ФИО «Иванов И И»: укажите имя и отчество полностью, а не инициалы");
    expect(message(parseFullName("Иванов Иван 2"))).toBe("ФИО «Иванов Иван 2»: недопустимые символы");
  });
});

/** A valid СНИЛС from nine digits: the control number per the Pension Fund's rule. */
function snilsOf(nine: string): string {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(nine[i]) * (9 - i);
  let control = sum < 100 ? sum : sum % 101;
  if (control === 100 || control === 101) control = 0;
  return nine + pad(control);
}

describe("parseSnils", () => {
  it("accepts separators and Excel numbers, formats the value", () => {
    expect(value(parseSnils("112-233-445 95"))).toBe("112-233-445 95");
    expect(value(parseSnils("11223344595"))).toBe("112-233-445 95");
    expect(value(parseSnils(11223344595))).toBe("112-233-445 95");
    expect(value(parseSnils(" 112 233 445 95 "))).toBe("112-233-445 95");
    expect(value(parseSnils("112.233.445-95"))).toBe("112-233-445 95");
    const zeroLed = snilsOf("012345678");
    expect(value(parseSnils(Number(zeroLed)))).toBe(`012-345-678 ${zeroLed.slice(9)}`);
  });

  it("names a wrong checksum or length", () => {
    expect(message(parseSnils("112-233-445 96"))).toBe("СНИЛС 112-233-445 96: неверное контрольное число");
    expect(message(parseSnils(11223344596))).toBe("СНИЛС 112-233-445 96: неверное контрольное число");
    expect(message(parseSnils("112-233-445"))).toBe("СНИЛС «112-233-445»: должно быть 11 цифр");
    expect(message(parseSnils("СНИЛС 112-233-445 95"))).toBe("СНИЛС «СНИЛС 112-233-445 95»: должно быть 11 цифр");
    expect(message(parseSnils(1.5))).toBe("СНИЛС «1,5»: должно быть 11 цифр");
    expect(message(parseSnils(null))).toBe("СНИЛС не указан");
  });

  it("property: every valid generated СНИЛС passes in several spellings; a changed control number fails", () => {
    const rnd = prng(2020);
    for (let i = 0; i < 3000; i++) {
      const nine = String(rnd.int(1_001_999, 999_999_999)).padStart(9, "0");
      const d = snilsOf(nine);
      expect(isValidSnils(d)).toBe(true);
      const formatted = `${d.slice(0, 3)}-${d.slice(3, 6)}-${d.slice(6, 9)} ${d.slice(9)}`;
      for (const s of [d, formatted, `${d.slice(0, 3)} ${d.slice(3, 6)} ${d.slice(6, 9)} ${d.slice(9)}`, `${d.slice(0, 9)}-${d.slice(9)}`, Number(d)]) {
        expect(parseSnils(s)).toEqual({ ok: true, value: formatted });
      }
      const wrong = d.slice(0, 9) + pad((Number(d.slice(9)) + 1) % 100);
      expect(parseSnils(wrong).ok).toBe(false);
    }
  });
});

describe("yes/no columns", () => {
  it("parsePartTime", () => {
    for (const c of ["да", "Да", "+", "совм.", "совместитель", "Внешний совместитель", "внутр. совм.", "внутреннее совместительство", "1", "true", 1, true]) {
      expect(parsePartTime(c), String(c)).toEqual({ ok: true, value: true });
    }
    for (const c of ["нет", "-", "—", "основное", "осн.", "Основное место работы", "0", "false", "", null, 0, false, "не совместитель"]) {
      expect(parsePartTime(c), String(c)).toEqual({ ok: true, value: false });
    }
    expect(message(parsePartTime("иногда"))).toBe("«иногда» в столбце «Совместитель» не распознано: укажите «да» или «нет»");
  });

  it("parseMainJob is the same column read the other way round; empty means main", () => {
    for (const c of ["да", "+", "основное", "осн.", "основное место работы", "1", "", null, true]) {
      expect(parseMainJob(c), String(c)).toEqual({ ok: true, value: true });
    }
    for (const c of ["нет", "-", "совм.", "совместитель", "внешний совместитель", "0", false]) {
      expect(parseMainJob(c), String(c)).toEqual({ ok: true, value: false });
    }
    expect(message(parseMainJob(2))).toBe("«2» в столбце «Основное место работы» не распознано: укажите «да» или «нет»");
  });

  it("parseBoolean", () => {
    expect(["да", "+", "1", "true", "Да"].map((c) => value(parseBoolean(c)))).toEqual([true, true, true, true, true]);
    expect(["нет", "-", "0", "false", ""].map((c) => value(parseBoolean(c)))).toEqual([false, false, false, false, false]);
    expect(message(parseBoolean("совм."))).toBe("«совм.» не распознано: укажите «да» или «нет»");
  });
});

describe("parseExperience", () => {
  const asOf = "2020-09-01";
  it("reads the spellings of experience and derives the start of pedagogical work", () => {
    const cases: [Cell, number, number, number, string][] = [
      ["12", 12, 0, 0, "2008-09-01"],
      [12, 12, 0, 0, "2008-09-01"],
      ["12 лет", 12, 0, 0, "2008-09-01"],
      ["12 л. 3 м.", 12, 3, 0, "2008-06-01"],
      ["12л.3м.", 12, 3, 0, "2008-06-01"],
      ["12 лет 3 месяца", 12, 3, 0, "2008-06-01"],
      ["12,5", 12, 6, 0, "2008-03-01"],
      ["12.5", 12, 6, 0, "2008-03-01"],
      [12.5, 12, 6, 0, "2008-03-01"],
      ["3 г. 2 мес.", 3, 2, 0, "2017-07-01"],
      ["1 год", 1, 0, 0, "2019-09-01"],
      ["21 год 11 мес", 21, 11, 0, "1998-10-01"],
      ["5 мес.", 0, 5, 0, "2020-04-01"],
      ["15 мес.", 1, 3, 0, "2019-06-01"],
      ["12 л. 3 м. 10 д.", 12, 3, 10, "2008-05-22"],
      ["0", 0, 0, 0, "2020-09-01"],
      ["менее года", 0, 0, 0, "2020-09-01"],
      [0.99, 1, 0, 0, "2019-09-01"],
    ];
    for (const [cell, years, months, days, pedWorkStart] of cases) {
      expect(value(parseExperience(cell, asOf)), String(cell)).toEqual({ years, months, days, pedWorkStart });
    }
  });

  it("clamps the day when the month is shorter", () => {
    expect(value(parseExperience("1 м.", "2020-03-31")).pedWorkStart).toBe("2020-02-29");
    expect(value(parseExperience("1 год 1 м.", "2021-03-31")).pedWorkStart).toBe("2020-02-29");
    expect(value(parseExperience("1 год", "2021-02-28")).pedWorkStart).toBe("2020-02-28");
  });

  it("names what it cannot read", () => {
    expect(message(parseExperience(utc("2020-05-12"), asOf))).toBe("Стаж «12.05.2020» похож на дату: укажите стаж числом лет, например «12» или «12 л. 3 м.»");
    expect(message(parseExperience("много", asOf))).toBe("Стаж «много» не распознан: укажите число лет, например «12», «12,5» или «12 л. 3 м.»");
    expect(message(parseExperience("12 лет и ещё", asOf))).toMatch(/^Стаж «12 лет и ещё» не распознан/);
    expect(message(parseExperience(-1, asOf))).toMatch(/^Стаж «-1» не распознан/);
    expect(message(parseExperience(1985, asOf))).toBe("Стаж «1985»: больше 70 лет — проверьте значение");
    expect(message(parseExperience(null, asOf))).toBe("Стаж не указан");
    expect(() => parseExperience("12", "01.09.2020")).toThrow();
  });

  it("property: the derived start gives back the same experience on the as-of date", () => {
    const rnd = prng(99);
    for (let i = 0; i < 3000; i++) {
      const years = rnd.int(0, 45);
      const months = rnd.int(0, 11);
      const on = new Date(Date.UTC(2015, 0, 1) + rnd.int(0, 4000) * DAY).toISOString().slice(0, 10);
      const spelled = rnd.pick([`${years} л. ${months} м.`, `${years} лет ${months} месяцев`, `${years}г.${months}мес.`]);
      const r = value(parseExperience(spelled, on));
      expect(r).toMatchObject({ years, months, days: 0 });
      expect(pedExperienceOn(r.pedWorkStart, on), `${spelled} on ${on}`).toEqual({ years, months });
    }
  });
});

describe("foldKey of organisation names", () => {
  it("ignores quotes, case, ё, «№» spellings and spaces", () => {
    const key = "мбоу сош № 3";
    for (const s of ["МБОУ СОШ №3", 'МБОУ "СОШ № 3"', "МБОУ «СОШ № 3»", "мбоу сош N 3", "МБОУ СОШ No3", "МБОУ СОШ No. 3", "МБОУ  СОШ  № 03", " МБОУ СОШ №3, ", "МБОУ „СОШ №3“", "МБОУ 'СОШ№3'", "МБОУ СОШ#3"]) {
      expect(foldKey(s), s).toBe(key);
    }
    expect(foldKey("МБДОУ «Детский сад № 5 «Ёлочка»»")).toBe("мбдоу детский сад № 5 елочка");
    expect(foldKey("МБОУ СОШ № 30")).not.toBe(foldKey("МБОУ СОШ № 3"));
    expect(foldKey("Гимназия им. А.С. Пушкина.")).toBe("гимназия им а с пушкина");
    // Long forms are not expanded here (aliases do that).
    expect(foldKey("Средняя школа № 3")).not.toBe(foldKey("СОШ № 3"));
  });

  it("property: idempotent and insensitive to quote, space, case and «№» variations", () => {
    const rnd = prng(3);
    const kinds = ["МБОУ", "МАОУ", "МБДОУ", "МКОУ", "МБУ ДО"];
    const types = ["СОШ", "ООШ", "Гимназия", "Лицей", "Детский сад", "ЦДТ"];
    const extra = ["", "Ёлочка", "Солнышко", "им. Героя Труда", "с углублённым изучением отдельных предметов"];
    const quotes = [["", ""], ['"', '"'], ["«", "»"], ["„", "“"], ["'", "'"], ["“", "”"]];
    const numberSigns = ["№", "№ ", "N", "N ", "No", "No.", "No ", " № ", "№0"];
    const caseOf = [(s: string) => s, (s: string) => s.toUpperCase(), (s: string) => s.toLowerCase()];
    for (let i = 0; i < 3000; i++) {
      const parts = [rnd.pick(kinds), rnd.pick(types), rnd.int(1, 120), rnd.pick(extra)] as const;
      const spell = () => {
        const [q1, q2] = rnd.pick(quotes);
        const sp = () => " ".repeat(rnd.int(1, 3));
        const tail = parts[3] ? `${sp()}${rnd.pick(quotes)[0]}${parts[3]}${rnd.pick(quotes)[1]}` : "";
        const s = `${rnd.pick(["", " ", "  "])}${parts[0]}${sp()}${q1}${parts[1]}${sp()}${rnd.pick(numberSigns)}${parts[2]}${tail}${q2}${rnd.pick(["", " ", ",", "."])}`;
        return rnd.pick(caseOf)(rnd.next() < 0.5 ? s.replace(/е/g, "ё") : s);
      };
      const a = spell();
      const b = spell();
      const key = foldKey(a);
      expect(foldKey(b), `${a} | ${b}`).toBe(key);
      expect(foldKey(key)).toBe(key);
      expect(key).toContain(`№ ${parts[2]}`);
    }
  });
});

describe("foldKey of reference values, and splitList", () => {
  it("foldKey folds case, ё, punctuation and spaces", () => {
    expect(foldKey("Учитель-логопед")).toBe("учитель логопед");
    expect(foldKey("  учитель   логопед. ")).toBe("учитель логопед");
    expect(foldKey("Педагог дополнительного образования (ПДО)")).toBe("педагог дополнительного образования пдо");
    expect(foldKey("Музыкальный руководитель")).toBe(foldKey("МУЗЫКАЛЬНЫЙ  руководитель"));
    expect(foldKey("Учёный секретарь")).toBe("ученый секретарь");
  });

  it("splitList splits on , ; / and newlines, trims and de-duplicates ignoring case and ё", () => {
    expect(splitList("математика, физика; информатика")).toEqual(["математика", "физика", "информатика"]);
    expect(splitList("ИЗО/черчение\nтехнология;; ,")).toEqual(["ИЗО", "черчение", "технология"]);
    expect(splitList("Математика, математика , МАТЕМАТИКА, алгебра")).toEqual(["Математика", "алгебра"]);
    expect(splitList("Естествознание, ёстествознание")).toEqual(["Естествознание"]);
    expect(splitList("русский язык  и  литература")).toEqual(["русский язык и литература"]);
    expect(splitList(null)).toEqual([]);
    expect(splitList("  ")).toEqual([]);
    expect(splitList(12.5)).toEqual(["12.5"]);
  });
});
