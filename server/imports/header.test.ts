import { describe, expect, it } from "vitest";
import { buildSchoolWorkbook, CSV_1251_TEXT, encodeCp1251, STAFF_FIELDS } from "./fixtures/build.js";
import { dataRowIndexes, detectTable, isNumberHeader, isNumberingRow, isTotalsRow, matchScore, normalizeHeader, type FieldSpec, type TableLayout } from "./header.js";
import { readSpreadsheet, type Cell, type Grid } from "./read.js";

const F = (key: string, ...synonyms: string[]): FieldSpec => ({ key, label: synonyms[0], synonyms: synonyms.slice(1) });
const fieldsOf = (layout: TableLayout | null) => Object.fromEntries((layout?.columns ?? []).map((c) => [c.index, c.field]));

/** Pads rows to one width, as readSpreadsheet returns them. */
const grid = (rows: Cell[][]): Grid => {
  const w = Math.max(...rows.map((r) => r.length));
  return rows.map((r) => [...r, ...Array<Cell>(w - r.length).fill(null)]);
};

const SIMPLE_FIELDS = [
  F("fullName", "ФИО", "Фамилия, имя, отчество", "Ф.И.О."),
  F("birthDate", "Дата рождения"),
  F("position", "Должность"),
  { ...F("category", "Квалификационная категория", "Категория"), required: false },
  F("pedExperience", "Педагогический стаж", "Стаж"),
];

describe("normalizeHeader", () => {
  it("folds case, ё, punctuation and spaces", () => {
    expect(normalizeHeader("№ п/п")).toBe("№пп");
    expect(normalizeHeader("Ф.И.О.")).toBe("фио");
    expect(normalizeHeader(" Дата\nрождения ")).toBe("датарождения");
    expect(normalizeHeader("Дата приёма")).toBe("датаприема");
    expect(normalizeHeader("E-mail")).toBe("email");
    expect(normalizeHeader("Стаж (лет)*")).toBe("стажлет");
  });

  it("recognises running-number columns", () => {
    for (const s of ["№", "№ п/п", "№п/п", "п/п", "N", "N п/п", "No", "Номер", "# "]) expect(isNumberHeader(s), s).toBe(true);
    for (const s of ["№ СНИЛС", "Номер телефона", "ФИО"]) expect(isNumberHeader(s), s).toBe(false);
  });
});

describe("matchScore", () => {
  it("prefers exact, then word matches, then raw prefixes; longer synonyms win within a tier", () => {
    expect(matchScore("Дата рождения", "Дата рождения")).toBe(400 + 12);
    expect(matchScore("дата  РОЖДЕНИЯ.", "Дата рождения")).toBe(400 + 12);
    expect(matchScore("Дата присвоения категории", "Категории дата присвоения")).toBe(350 + 23);
    expect(matchScore("Дата рождения (дд.мм.гггг)", "Дата рождения")).toBe(300 + 12);
    expect(matchScore("Квалификационная категория Дата присвоения", "Дата присвоения категории")).toBe(250 + 23);
    expect(matchScore("Ф.И.О.педагога", "ФИО")).toBe(150 + 3);
    expect(matchScore("Дата рождения", "Дата")).toBe(300 + 4);
    expect(matchScore("Дата рождения", "Дата приёма")).toBe(0);
    expect(matchScore("Должность", "Дата")).toBe(0);
  });
});

describe("detectTable on a school's file", () => {
  it("finds the two-level header under the title, skips the numbering row, stops at totals", async () => {
    const { grid: g } = await readSpreadsheet(await buildSchoolWorkbook(), "school.xlsx");
    const layout = detectTable(g, STAFF_FIELDS);
    expect(layout).toEqual({
      headerRowIndexes: [2, 3],
      dataStartRow: 5,
      dataEndRow: 13,
      columns: [
        { index: 0, header: "№ п/п", field: null },
        { index: 1, header: "Фамилия", field: "surname" },
        { index: 2, header: "Имя", field: "name" },
        { index: 3, header: "Отчество", field: "patronymic" },
        { index: 4, header: "Дата рождения", field: "birthDate" },
        { index: 5, header: "СНИЛС", field: "snils" },
        { index: 6, header: "Должность", field: "position" },
        { index: 7, header: "Уровень", field: "education" },
        { index: 8, header: "Учреждение", field: "institution" },
        { index: 9, header: "Категория", field: "category" },
        { index: 10, header: "Дата присвоения", field: "categoryDate" },
        { index: 11, header: "Педагогический стаж", field: "pedExperience" },
        { index: 12, header: "Совместитель", field: "partTime" },
        { index: 13, header: "Электронная почта", field: "email" },
      ],
    });
    // Excel rows 6–9 and 11–13: the empty row 10 is skipped, not the end of the table.
    expect(dataRowIndexes(g, layout as TableLayout)).toEqual([5, 6, 7, 8, 10, 11, 12]);
  });

  it("reads a Windows-1251 CSV of a kindergarten", async () => {
    const { grid: g } = await readSpreadsheet(encodeCp1251(CSV_1251_TEXT), "ds5.csv");
    const layout = detectTable(g, SIMPLE_FIELDS);
    expect(layout).toEqual({
      headerRowIndexes: [2],
      dataStartRow: 3,
      dataEndRow: 6,
      columns: [
        { index: 0, header: "№", field: null },
        { index: 1, header: "ФИО", field: "fullName" },
        { index: 2, header: "Дата рождения", field: "birthDate" },
        { index: 3, header: "Должность", field: "position" },
        { index: 4, header: "Стаж", field: "pedExperience" },
      ],
    });
  });
});

describe("detectTable: the header", () => {
  it("returns null when fewer than two fields match, or the header is below row 30", () => {
    expect(detectTable(grid([["Сведения о педагогических работниках"], ["ФИО", "Примечание"], ["Иванова И.И.", ""]]), SIMPLE_FIELDS)).toBeNull();
    expect(detectTable(grid([["a", "b"], ["1", "2"]]), SIMPLE_FIELDS)).toBeNull();
    expect(detectTable([], SIMPLE_FIELDS)).toBeNull();
    const deep = [...Array.from({ length: 30 }, () => ["текст"]), ["ФИО", "Должность"], ["Примерова Анна Сергеевна", "учитель"]];
    expect(detectTable(grid(deep), SIMPLE_FIELDS)).toBeNull();
    const shallow = [...Array.from({ length: 29 }, () => ["текст"]), ["ФИО", "Должность"], ["Примерова Анна Сергеевна", "учитель"]];
    expect(detectTable(grid(shallow), SIMPLE_FIELDS)?.headerRowIndexes).toEqual([29]);
  });

  it("skips title lines that match nothing, even a title merged over the whole header", () => {
    const title = "Сведения о педагогических работниках МБОУ СОШ № 3 на 01.09.2020";
    const g = grid([
      [title, title, title],
      [],
      ["ФИО", "Должность", "Стаж"],
      ["Примерова Анна Сергеевна", "учитель", "12"],
    ]);
    expect(detectTable(g, SIMPLE_FIELDS)).toMatchObject({ headerRowIndexes: [2], dataStartRow: 3, dataEndRow: 4 });
  });

  it("keeps «Дата рождения» for the birth date and a bare «Дата» for the field that says just «Дата»", () => {
    const fields = [F("eventDate", "Дата"), F("birthDate", "Дата рождения"), F("fullName", "ФИО")];
    const g = grid([
      ["Дата", "ФИО", "Дата рождения"],
      ["01.09.2020", "Примерова Анна Сергеевна", "01.01.1980"],
    ]);
    expect(fieldsOf(detectTable(g, fields))).toEqual({ 0: "eventDate", 1: "fullName", 2: "birthDate" });
    // «Дата рождения» is not taken for «Дата» when both columns exist in the other order either.
    const g2 = grid([["ФИО", "Дата рождения", "Дата"], ["x", "y", "z"]]);
    expect(fieldsOf(detectTable(g2, fields))).toEqual({ 0: "fullName", 1: "birthDate", 2: "eventDate" });
  });

  it("matches each field once and each column once, preferring exact matches", () => {
    const g = grid([["ФИО", "ФИО (полностью)", "Категория", "Квалификационная категория", "Должность"], ["a", "b", "c", "d", "e"]]);
    // Both category headers match exactly; the longer synonym is the more specific one.
    expect(fieldsOf(detectTable(g, SIMPLE_FIELDS))).toEqual({ 0: "fullName", 1: null, 2: null, 3: "category", 4: "position" });
  });

  it("a column does not fall back to a weaker field when its best field is taken", () => {
    const fields = [F("position", "Должность"), F("organization", "ОО"), F("fullName", "ФИО")];
    const g = grid([["ФИО", "Должность", "Должность в ОО"], ["a", "b", "c"]]);
    expect(fieldsOf(detectTable(g, fields))).toEqual({ 0: "fullName", 1: "position", 2: null });
  });

  it("ignores remarks in brackets but prefers a synonym that includes them", () => {
    const fields = [F("mainJob", "Основное место работы"), F("organization", "Организация", "Основное место работы (ОО)"), F("birthDate", "Дата рождения")];
    const g = grid([["Дата рождения (дд.мм.гггг)", "Основное место работы (ОО)"], ["01.01.1980", "СОШ № 3"]]);
    expect(fieldsOf(detectTable(g, fields))).toEqual({ 0: "birthDate", 1: "organization" });
  });

  it("never gives a running-number column a field", () => {
    const fields = [F("number", "Номер"), F("fullName", "ФИО"), F("position", "Должность")];
    const g = grid([["№ п/п", "ФИО", "Должность"], ["1", "a", "b"]]);
    expect(fieldsOf(detectTable(g, fields))).toEqual({ 0: null, 1: "fullName", 2: "position" });
  });

  it("two-level header: «Квалификационная категория» over «Дата присвоения» is the category date", () => {
    const fields = [F("fullName", "ФИО"), F("category", "Категория"), F("categoryDate", "Дата присвоения категории"), F("position", "Должность")];
    const g = grid([
      ["ФИО", "Должность", "Квалификационная категория", "Квалификационная категория"],
      ["ФИО", "Должность", "Категория", "Дата присвоения"],
      ["Примерова Анна Сергеевна", "учитель", "высшая", "12.03.2019"],
    ]);
    const layout = detectTable(g, fields);
    expect(layout?.headerRowIndexes).toEqual([0, 1]);
    expect(layout?.columns).toEqual([
      { index: 0, header: "ФИО", field: "fullName" },
      { index: 1, header: "Должность", field: "position" },
      { index: 2, header: "Категория", field: "category" },
      { index: 3, header: "Дата присвоения", field: "categoryDate" },
    ]);
    expect(layout).toMatchObject({ dataStartRow: 2, dataEndRow: 3 });
  });

  it("two-level header: a synonym spanning both rows beats a generic sub-header («Образование» over «Учреждение»)", () => {
    const fields = [F("fullName", "ФИО"), F("education", "Образование", "Уровень образования"), F("institution", "Учебное заведение", "Учреждение образования"), F("organization", "Организация", "Учреждение")];
    const g = grid([
      ["ФИО", "Образование", "Образование", "Место работы"],
      ["ФИО", "Уровень", "Учреждение", "Место работы"],
      ["Примерова Анна Сергеевна", "высшее", "ГПУ", "СОШ № 3"],
    ]);
    expect(fieldsOf(detectTable(g, fields))).toEqual({ 0: "fullName", 1: "education", 2: "institution", 3: null });
  });

  it("does not read a header and its first data row as a two-level header", () => {
    const g = grid([
      ["ФИО", "Должность", "Категория"],
      ["Примерова Анна Сергеевна", "учитель", "высшая"],
      ["Примерова Анна Сергеевна", "учитель", "высшая"],
    ]);
    expect(detectTable(g, SIMPLE_FIELDS)).toMatchObject({ headerRowIndexes: [0], dataStartRow: 1, dataEndRow: 3 });
  });
});

describe("detectTable: the data rows", () => {
  const header = ["№ п/п", "ФИО", "Должность", "Категория"];
  const row = (n: number, name = `Примерова${"а".repeat(n)} Анна`): Cell[] => [n, name, "учитель", "высшая"];

  it("skips the numbering row and empty rows, stops at «Итого»", () => {
    const g = grid([header, ["1", "2", "3", "4"], [], row(1), [], [], row(2), ["Итого: 2 чел.", null, null, null], row(3)]);
    const layout = detectTable(g, SIMPLE_FIELDS) as TableLayout;
    expect(layout).toMatchObject({ headerRowIndexes: [0], dataStartRow: 3, dataEndRow: 7 });
    expect(dataRowIndexes(g, layout)).toEqual([3, 6]);
  });

  it("stops at «Всего» in the second non-empty cell too", () => {
    const g = grid([header, row(1), [null, "Всего педагогов: 1", null, null]]);
    expect(detectTable(g, SIMPLE_FIELDS)).toMatchObject({ dataEndRow: 2 });
    // A name that starts like «Всего» is data.
    const g2 = grid([header, row(1), [2, "Всеволодова Анна", "учитель", "первая"]]);
    expect(detectTable(g2, SIMPLE_FIELDS)).toMatchObject({ dataEndRow: 3 });
  });

  it("stops at notes and signatures below the table", () => {
    const notes: Cell[][] = [
      ["Примечание: сведения на начало учебного года", null, null, null],
      ["Исполнитель: Тестова Н.Н.", null, null, null],
      ["Руководитель ____________ / подпись", null, null, null],
      ["Директор", "Условный У.У.:", null, null],
      [null, "М.П.", null, null],
      ["* совместители указаны отдельно", null, null, null],
      Array<Cell>(4).fill("Сведения подготовлены заместителем директора по учебной работе"),
      ["Сведения подготовлены заместителем директора", null, null, null],
    ];
    for (const note of notes) {
      const g = grid([header, row(1), row(2), note, row(3)]);
      expect(detectTable(g, SIMPLE_FIELDS)?.dataEndRow, String(note[0] ?? note[1])).toBe(3);
    }
  });

  it("keeps rows that only look like notes: a long name alone in its column, a position «Директор»", () => {
    const g = grid([
      header,
      row(1),
      [null, "Константинопольская Александра Владимировна", null, null],
      [2, "Директорова Анна", "Директор", "высшая"],
      ["Директор", "Условная Ульяна", "учитель", "первая"],
      row(3),
    ]);
    expect(detectTable(g, SIMPLE_FIELDS)).toMatchObject({ dataStartRow: 1, dataEndRow: 6 });
  });

  it("treats a required column holding data as a data row", () => {
    const fields = SIMPLE_FIELDS.map((f) => (f.key === "fullName" ? { ...f, required: true } : f));
    const g = grid([header, row(1), ["Исполнитель: Тестова Н.Н.", "Тестова Нина Николаевна", null, null], row(2)]);
    expect(detectTable(g, fields)).toMatchObject({ dataEndRow: 4 });
    expect(detectTable(g, SIMPLE_FIELDS)).toMatchObject({ dataEndRow: 2 });
  });

  it("skips a header printed again after a page break", () => {
    const g = grid([header, ["1", "2", "3", "4"], row(1), header, ["1", "2", "3", "4"], row(2)]);
    const layout = detectTable(g, SIMPLE_FIELDS) as TableLayout;
    expect(dataRowIndexes(g, layout)).toEqual([2, 5]);
  });

  it("a header with no data below has an empty range", () => {
    const g = grid([["Список"], header, ["1", "2", "3", "4"], [], ["Итого: 0"]]);
    expect(detectTable(g, SIMPLE_FIELDS)).toMatchObject({ headerRowIndexes: [1], dataStartRow: 2, dataEndRow: 2 });
  });
});

describe("row helpers", () => {
  it("isNumberingRow: consecutive integers over most columns, as numbers, strings or 1900 dates", () => {
    expect(isNumberingRow([1, 2, 3, 4], 4)).toBe(true);
    expect(isNumberingRow(["1", "2", "3", null], 4)).toBe(true);
    expect(isNumberingRow([1, 2, new Date(Date.UTC(1900, 0, 2)), 4], 4)).toBe(true); // 3 under a date format
    expect(isNumberingRow(["1.", "2.", "3."], 3)).toBe(true);
    expect(isNumberingRow([1, 2, 4], 3)).toBe(false);
    expect(isNumberingRow([1, "Примерова", 3], 3)).toBe(false);
    expect(isNumberingRow([1, 2, null, null, null, null, null], 7)).toBe(false);
    expect(isNumberingRow([1980, 1981, 1982], 3)).toBe(false);
  });

  it("isTotalsRow", () => {
    expect(isTotalsRow(["Итого", 12])).toBe(true);
    expect(isTotalsRow([null, "ВСЕГО:", 12])).toBe(true);
    expect(isTotalsRow(["итого: 12 чел."])).toBe(true);
    expect(isTotalsRow(["Всеволод"])).toBe(false);
    expect(isTotalsRow([1, 2, "Итого"])).toBe(false);
  });
});
