import { deflateRawSync } from "node:zlib";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { AppError } from "../errors.js";
import {
  buildCfb,
  buildPdfLike,
  buildPngLike,
  buildSchoolWorkbook,
  buildWorkbook,
  buildZip,
  CSV_1251_TEXT,
  CSV_UTF8_TEXT,
  encodeCp1251,
  SCHOOL_TITLE,
} from "./fixtures/build.js";
import { cellValue, DEFAULT_LIMITS, guessDelimiter, parseCsv, readSpreadsheet, readZipDirectory, trimGrid } from "./read.js";

const MB = 1024 * 1024;
const utc = (iso: string) => new Date(`${iso}T00:00:00.000Z`);

/** Runs the reader and returns the AppError it throws (fails the test when it does not throw one). */
async function refusal(buf: Buffer, name: string, limits?: Parameters<typeof readSpreadsheet>[2]): Promise<AppError> {
  try {
    await readSpreadsheet(buf, name, limits);
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error("expected the file to be refused");
}

const MSG_EMPTY = "Файл пустой";
const MSG_ZIP_BOMB = "Файл повреждён или слишком сильно сжат (возможна «zip-бомба»)";
const MSG_BAD_XLSX = "Не удалось прочитать файл .xlsx: он повреждён или это не книга Excel";
const notTable = (name: string) => `Файл «${name}» не похож на таблицу: загрузите .xlsx или .csv`;

describe("readSpreadsheet: .xlsx", () => {
  it("reads a school's staff list: first visible non-empty sheet, merged cells, dates, formulas, rich text, links, errors", async () => {
    const { sheetName, grid } = await readSpreadsheet(await buildSchoolWorkbook(), "Педагоги СОШ 3.xlsx");
    expect(sheetName).toBe("Педагоги");
    expect(grid).toHaveLength(17);
    for (const row of grid) expect(row).toHaveLength(14);
    // The merged title is visible above every column it spans; row 2 is empty.
    expect(grid[0]).toEqual(Array(14).fill(SCHOOL_TITLE));
    expect(grid[1]).toEqual(Array(14).fill(null));
    // Two-level header: group titles repeated over their sub-headers, vertical merges in both rows.
    expect(grid[2]).toEqual([
      "№ п/п", "ФИО", "ФИО", "ФИО", "Дата рождения", "СНИЛС", "Должность", "Образование", "Образование",
      "Квалификационная категория", "Квалификационная категория", "Педагогический стаж", "Совместитель", "Электронная почта",
    ]);
    expect(grid[3]).toEqual([
      "№ п/п", "Фамилия", "Имя", "Отчество", "Дата рождения", "СНИЛС", "Должность", "Уровень", "Учреждение",
      "Категория", "Дата присвоения", "Педагогический стаж", "Совместитель", "Электронная почта",
    ]);
    expect(grid[5]).toEqual([
      1, "Примерова", "Анна", "Сергеевна", utc("1980-01-01"), 11223344595, "учитель", "высшее (педагогическое)", "ГПУ",
      "высшая", utc("2019-03-12"), 12 /* cached formula result */, "нет", "primerova@example.org" /* hyperlink text */,
    ]);
    expect(grid[6][1]).toBe("Образцов"); // rich text joined
    expect(grid[6][4]).toBe("05.11.1975"); // text stays text
    expect(grid[7][4]).toEqual(utc("1980-01-01")); // serial 29221 under a date format
    expect(grid[7][5]).toBeNull(); // #N/A
    expect(grid[9]).toEqual(Array(14).fill(null)); // the empty row in the middle
    expect(grid[13].slice(0, 5)).toEqual(["Итого: 12 чел.", "Итого: 12 чел.", "Итого: 12 чел.", "Итого: 12 чел.", null]);
    expect(grid[16].slice(0, 3)).toEqual(["Директор", "____________ / Условный У.У.", null]);
  });

  it("trims strings, keeps numbers and booleans, strips trailing empty rows and columns, fills holes with null", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Данные");
    ws.getCell("A1").value = "  ФИО \n";
    ws.getCell("C1").value = 12.5;
    ws.getCell("A2").value = true;
    ws.getCell("B2").value = "   ";
    // Styled but empty cells far away must not widen the grid.
    ws.getCell("H20").fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFF0000" } };
    ws.getCell("D5").value = "";
    const { grid } = await readSpreadsheet(Buffer.from(await wb.xlsx.writeBuffer()), "a.xlsx");
    expect(grid).toEqual([
      ["ФИО", null, 12.5],
      [true, null, null],
    ]);
  });

  it("reads a formula's cached value and never evaluates it; a formula without a cached value is empty", async () => {
    const buf = await buildWorkbook([
      [{ formula: "A2*2", result: 84 }, { formula: "NOW()", result: undefined }, { formula: "1/0", result: { error: "#DIV/0!" } }, "конец"],
      [42, { sharedFormula: "A1", result: "текст" }],
    ]);
    const { grid } = await readSpreadsheet(buf, "f.xlsx");
    expect(grid[0]).toEqual([84, null, null, "конец"]);
    expect(grid[1]).toEqual([42, "текст", null, null]);
  });

  it("refuses a workbook whose sheets are all empty", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Лист1");
    wb.addWorksheet("Лист2").getCell("B3").value = " ";
    expect((await refusal(Buffer.from(await wb.xlsx.writeBuffer()), "пусто.xlsx")).message).toBe(MSG_EMPTY);
  });

  it("takes a hidden sheet only when no visible sheet has data", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Видимый");
    wb.addWorksheet("Скрытый", { state: "hidden" }).getCell("A1").value = "данные";
    const r = await readSpreadsheet(Buffer.from(await wb.xlsx.writeBuffer()), "h.xlsx");
    expect(r).toEqual({ sheetName: "Скрытый", grid: [["данные"]] });
  });

  it("refuses more rows than the limit, counting rows with values only", async () => {
    const rows = Array.from({ length: 11 }, (_, i) => [`строка ${i + 1}`]);
    const buf = await buildWorkbook(rows);
    expect((await refusal(buf, "a.xlsx", { maxRows: 10 })).message).toBe("В файле больше 10 строк");
    expect((await readSpreadsheet(buf, "a.xlsx", { maxRows: 11 })).grid).toHaveLength(11);
  });

  it("detects by content, not by extension", async () => {
    const xlsx = await buildWorkbook([["a", "b"]]);
    expect((await readSpreadsheet(xlsx, "список.csv")).grid).toEqual([["a", "b"]]);
    expect((await readSpreadsheet(Buffer.from("a;b\n1;2"), "список.xlsx")).grid).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
  });
});

describe("readSpreadsheet: files that are not readable tables", () => {
  it("refuses an empty file and a file of blanks", async () => {
    expect((await refusal(Buffer.alloc(0), "a.xlsx")).message).toBe(MSG_EMPTY);
    expect((await refusal(Buffer.from(" \r\n;;;\r\n\t\r\n"), "a.csv")).message).toBe(MSG_EMPTY);
    expect((await refusal(Buffer.from("\uFEFF"), "a.csv")).message).toBe(MSG_EMPTY);
  });

  it("refuses a file over the size limit before reading it", async () => {
    expect(DEFAULT_LIMITS).toEqual({ maxBytes: 20 * MB, maxUncompressedBytes: 200 * MB, maxRows: 100_000 });
    const e = await refusal(Buffer.alloc(MB + 1, 0x41), "big.csv", { maxBytes: MB });
    expect(e.code).toBe("bad_request");
    expect(e.status).toBe(400);
    expect(e.message).toBe("Файл больше 1 МБ");
    expect((await refusal(Buffer.alloc(21 * MB, 0x41), "big.csv")).message).toBe("Файл больше 20 МБ");
    expect((await refusal(Buffer.alloc(600 * 1024, 0x41), "big.csv", { maxBytes: MB / 2 })).message).toBe("Файл больше 0,5 МБ");
  });

  it("refuses a password-protected workbook with instructions", async () => {
    const e = await refusal(buildCfb({ encrypted: true }), "зарплата.xlsx");
    expect(e.message).toBe(
      "Файл защищён паролем. Снимите пароль в Excel (Файл → Сведения → Защитить книгу → Зашифровать паролем → очистить поле) и загрузите снова.",
    );
  });

  it("refuses an old .xls with instructions", async () => {
    const e = await refusal(buildCfb({ encrypted: false }), "кадры.xls");
    expect(e.message).toBe(
      "Формат .xls (Excel 97–2003) не поддерживается. Откройте файл в Excel и сохраните как «Книга Excel (.xlsx)», затем загрузите снова.",
    );
  });

  it("refuses a PDF, an image and random bytes, naming the file without its folder", async () => {
    expect((await refusal(buildPdfLike(), "C:\\Users\\Школа\\Desktop\\отчёт.pdf")).message).toBe(notTable("отчёт.pdf"));
    expect((await refusal(buildPngLike(), "/tmp/скан.png")).message).toBe(notTable("скан.png"));
    const noise = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256));
    expect((await refusal(noise, "data.bin")).message).toBe(notTable("data.bin"));
  });

  it("refuses an HTML or XML file saved under an .xls name", async () => {
    const html = Buffer.from("<html><body><table><tr><td>ФИО</td></tr></table></body></html>");
    expect((await refusal(html, "выгрузка.xls")).message).toBe(
      "Файл «выгрузка.xls» — веб-страница или XML, а не книга Excel. Откройте его в Excel и сохраните как «Книга Excel (.xlsx)», затем загрузите снова.",
    );
    const xml = Buffer.from('\uFEFF<?xml version="1.0"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"/>');
    expect((await refusal(xml, "x.xls")).message).toMatch(/^Файл «x\.xls» — веб-страница или XML/);
  });

  it("refuses ZIP archives that are not workbooks", async () => {
    const plain = buildZip([{ name: "readme.txt", data: Buffer.from("hello") }]);
    expect((await refusal(plain, "архив.zip")).message).toBe(notTable("архив.zip"));
    const docx = buildZip([
      { name: "[Content_Types].xml", data: Buffer.from("<Types/>") },
      { name: "word/document.xml", data: Buffer.from("<w:document/>") },
    ]);
    expect((await refusal(docx, "приказ.docx")).message).toBe(notTable("приказ.docx"));
    const ods = buildZip([
      { name: "mimetype", data: Buffer.from("application/vnd.oasis.opendocument.spreadsheet"), store: true },
      { name: "content.xml", data: Buffer.from("<office:document-content/>") },
    ]);
    expect((await refusal(ods, "список.ods")).message).toBe(
      "Формат .ods (OpenDocument) не поддерживается. Откройте файл и сохраните как «Книга Excel (.xlsx)», затем загрузите снова.",
    );
  });

  it("refuses a damaged workbook", async () => {
    const good = await buildWorkbook([["a"]]);
    expect((await refusal(good.subarray(0, 200), "обрезан.xlsx")).message).toBe(MSG_BAD_XLSX);
    const fake = buildZip([
      { name: "[Content_Types].xml", data: Buffer.from("not xml at all") },
      { name: "xl/workbook.xml", data: Buffer.from("<<<") },
    ]);
    expect((await refusal(fake, "fake.xlsx")).message).toBe(MSG_BAD_XLSX);
    // Compressed data that does not inflate.
    const broken = buildZip([{ name: "xl/workbook.xml", data: Buffer.from([1, 2, 3, 4, 5, 6, 7, 8]), store: true, claimedSize: 8 }]);
    broken[broken.indexOf("xl/workbook.xml") - 30 + 8] = 8; // local header says «deflate»
    const cdAt = broken.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    broken[cdAt + 10] = 8; // and so does the central directory
    broken.fill(0xff, 30 + "xl/workbook.xml".length, 30 + "xl/workbook.xml".length + 8);
    expect((await refusal(broken, "b.xlsx")).message).toBe(MSG_BAD_XLSX);
  });
});

describe("readSpreadsheet: zip bombs are refused before exceljs sees them", () => {
  it("refuses 60 MB of zeros compressed a thousand times (ratio rule)", async () => {
    const zeros = Buffer.alloc(60 * MB);
    const buf = buildZip([
      { name: "[Content_Types].xml", data: Buffer.from("<Types/>") },
      { name: "xl/worksheets/sheet1.xml", data: zeros },
    ]);
    expect(buf.length).toBeLessThan(200 * 1024);
    const started = Date.now();
    expect((await refusal(buf, "бомба.xlsx")).message).toBe(MSG_ZIP_BOMB);
    expect(Date.now() - started).toBeLessThan(1000); // refused from the directory, nothing inflated
  });

  it("refuses a directory that claims more than the uncompressed limit", async () => {
    const buf = buildZip([{ name: "xl/worksheets/sheet1.xml", data: Buffer.from("<x/>"), claimedSize: 201 * MB }]);
    expect((await refusal(buf, "a.xlsx")).message).toBe(MSG_ZIP_BOMB);
    const small = buildZip([{ name: "xl/worksheets/sheet1.xml", data: Buffer.alloc(2 * MB, 0x20) }]);
    expect((await refusal(small, "a.xlsx", { maxUncompressedBytes: MB })).message).toBe(MSG_ZIP_BOMB);
  });

  it("refuses an entry that inflates to more than its directory promised (a lying archive)", async () => {
    const buf = buildZip([
      { name: "[Content_Types].xml", data: Buffer.from("<Types/>") },
      { name: "xl/workbook.xml", data: Buffer.alloc(5 * MB), claimedSize: 1000 },
    ]);
    expect((await refusal(buf, "a.xlsx")).message).toBe(MSG_ZIP_BOMB);
  });

  it("refuses an archive of very many entries", async () => {
    const items = Array.from({ length: 10_001 }, (_, i) => ({ name: `xl/x${i}.xml`, data: Buffer.alloc(0), store: true }));
    expect((await refusal(buildZip(items), "many.xlsx")).message).toBe(MSG_ZIP_BOMB);
  });

  it("accepts a compressible but honest workbook under the limits", async () => {
    // Identical rows compress well but stay far from the thresholds.
    const rows = Array.from({ length: 1000 }, () => ["Примерова Анна Сергеевна", "учитель", "высшая"]);
    const { grid } = await readSpreadsheet(await buildWorkbook(rows), "big.xlsx");
    expect(grid).toHaveLength(1000);
  });

  it("lists the central directory of a real workbook", async () => {
    const entries = readZipDirectory(await buildWorkbook([["a"]]));
    expect(entries?.map((e) => e.name)).toEqual(expect.arrayContaining(["[Content_Types].xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml"]));
    expect(readZipDirectory(Buffer.from("PK\x03\x04 not a zip"))).toBeNull();
    // Sizes are read as the directory states them.
    const z = readZipDirectory(buildZip([{ name: "a.txt", data: deflateRawSync(Buffer.from("x")), store: true, claimedSize: 77 }]));
    expect(z?.[0]).toMatchObject({ name: "a.txt", method: 0, uncompressedSize: 77 });
  });
});

describe("readSpreadsheet: CSV", () => {
  it("reads Windows-1251 with «;» and decimal commas; values stay strings", async () => {
    const { sheetName, grid } = await readSpreadsheet(encodeCp1251(CSV_1251_TEXT), "Педагоги ДС5.csv");
    expect(sheetName).toBe("Педагоги ДС5");
    expect(grid).toEqual([
      ["Список педагогов МБДОУ «Детский сад № 5»", null, null, null, null],
      [null, null, null, null, null],
      ["№", "ФИО", "Дата рождения", "Должность", "Стаж"],
      ["1", "Ёлкина Алёна Петровна", "01.02.1985", "воспитатель", "12,5"],
      ["2", "Проверочный Семён Ильич", "15.06.1979", "музыкальный руководитель", "20"],
      ["3", "Шаблонова Юлия Андреевна", "30.12.1999", "воспитатель", "1,5"],
    ]);
  });

  it("reads UTF-8 with BOM and «,», quoted commas, doubled quotes and line breaks; «=» and «@» stay text", async () => {
    const { grid } = await readSpreadsheet(Buffer.from(CSV_UTF8_TEXT, "utf8"), "b.csv");
    expect(grid).toEqual([
      ["ФИО", "Предметы", "Примечание"],
      ["Классная Ольга Игоревна", "математика, физика", 'ведёт кружок "Робототехника"'],
      ["Урочный Игорь Павлович", "история; обществознание", "две строки:\nвторая строка"],
      ["Формулова Вера Ильинична", "=1+2", "@SUM(A1)"],
    ]);
  });

  it("reads UTF-8 without BOM and Excel's «Текст Юникод» (UTF-16LE, tabs)", async () => {
    expect((await readSpreadsheet(Buffer.from("ФИО;Стаж\nЁжикова Ё.Ё.;5"), "c.csv")).grid).toEqual([
      ["ФИО", "Стаж"],
      ["Ёжикова Ё.Ё.", "5"],
    ]);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("ФИО\tСтаж\r\nЯковлева Яна\t3\r\n", "utf16le")]);
    expect((await readSpreadsheet(utf16, "u.txt")).grid).toEqual([
      ["ФИО", "Стаж"],
      ["Яковлева Яна", "3"],
    ]);
  });

  it("refuses too many rows", async () => {
    const text = Array.from({ length: 12 }, (_, i) => `${i};x`).join("\n");
    expect((await refusal(Buffer.from(text), "a.csv", { maxRows: 11 })).message).toBe("В файле больше 11 строк");
    expect((await refusal(Buffer.from("a\n".repeat(100_001)), "a.csv")).message).toBe("В файле больше 100\u00a0000 строк");
  });
});

describe("parseCsv and guessDelimiter", () => {
  it("guesses the delimiter from steady counts outside quotes", () => {
    expect(guessDelimiter("a;b;c\n1,5;2,5;3\n4;5,1;6")).toBe(";");
    expect(guessDelimiter('a,b,c\n"x;y;z",2,3\n4,5,6')).toBe(",");
    expect(guessDelimiter("a\tb\tc\n1,2\t3\t4")).toBe("\t");
    expect(guessDelimiter("один столбец\nзначение")).toBe(";");
    expect(guessDelimiter("ФИО;Предметы\nИванова;математика, физика, информатика\nПетров;химия")).toBe(";");
  });

  it("honours Excel's «sep=» line", () => {
    expect(parseCsv("sep=,\r\na;b,c\r\n")).toEqual([["a;b", "c"]]);
  });

  it("follows RFC 4180 and is lenient like Excel", () => {
    expect(parseCsv('a;"b;c";d\r\n"";" x ";"y""z"\n')).toEqual([
      ["a", "b;c", "d"],
      [null, "x", 'y"z'],
    ]);
    expect(parseCsv('a; "quoted; with space"\n')).toEqual([["a", "quoted; with space"]]);
    expect(parseCsv('a;b"c;d')).toEqual([["a", 'b"c', "d"]]);
    expect(parseCsv('a;"unclosed\nstill;inside')).toEqual([["a", "unclosed\nstill;inside"]]);
    expect(parseCsv("a;b\r\rc;d")).toEqual([["a", "b"], [null], ["c", "d"]]);
    expect(parseCsv("a;b\n")).toEqual([["a", "b"]]);
  });

  it("handles the ends of fields and files", () => {
    expect(parseCsv("a;")).toEqual([["a", null]]);
    expect(parseCsv('"ab"c;d')).toEqual([["abc", "d"]]);
    expect(parseCsv('"a""";"""b"')).toEqual([['a"', '"b']]);
    expect(parseCsv("")).toEqual([]);
    expect(parseCsv("\n\n")).toEqual([[null], [null]]);
    expect(() => parseCsv("a\nb\nc\n\n\n", 3)).not.toThrow();
    expect(() => parseCsv("a\nb\nc\nd", 3)).toThrow("В файле больше 3 строк");
  });

  it("property: any grid written as RFC 4180 with any delimiter reads back the same", () => {
    let seed = 11;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const alphabet = ["а", "Я", "ё", "z", "1", " ", ",", ";", "\t", '"', "\n", "\r\n", "=", "№", "«", "»"];
    const word = () => {
      let w = "";
      const len = 1 + Math.floor(rnd() * 8);
      for (let i = 0; i < len; i++) w += alphabet[Math.floor(rnd() * alphabet.length)];
      const t = w.replace(/\r\n?/g, "\n").trim();
      return t === "" ? "x" : t;
    };
    for (let n = 0; n < 300; n++) {
      const d = [";", ",", "\t"][n % 3];
      const width = 1 + Math.floor(rnd() * 5);
      const rows = Array.from({ length: 1 + Math.floor(rnd() * 6) }, () => Array.from({ length: width }, word));
      const quote = (v: string) => (/[";,\t\n]/.test(v) || rnd() < 0.2 ? `"${v.replace(/"/g, '""')}"` : v);
      const text = rows.map((r) => r.map(quote).join(d)).join(rnd() < 0.5 ? "\r\n" : "\n") + (rnd() < 0.5 ? "\r\n" : "");
      expect(parseCsv(`sep=${d}\n${text}`), JSON.stringify(text)).toEqual(rows);
      if (width > 1) expect(guessDelimiter(text), JSON.stringify(text)).toBe(d);
    }
  });

  it("trimGrid pads rows and removes trailing empties", () => {
    expect(trimGrid([["a"], [], [null, "b", null], [null], []])).toEqual([
      ["a", null],
      [null, null],
      [null, "b"],
    ]);
    expect(trimGrid([[null], []])).toEqual([]);
  });
});

describe("cellValue", () => {
  it("maps exceljs values to plain cells", () => {
    const d = utc("2020-09-01");
    expect(cellValue(d)).toBe(d);
    expect(cellValue(new Date(NaN))).toBeNull();
    expect(cellValue(Number.NaN)).toBeNull();
    expect(cellValue(false)).toBe(false);
    expect(cellValue({ error: "#REF!" })).toBeNull();
    expect(cellValue({ formula: "A1", result: d })).toBe(d);
    expect(cellValue({ text: { richText: [{ text: "сай" }, { text: "т" }] }, hyperlink: "https://example.org" })).toBe("сайт");
    expect(cellValue({ richText: [{ text: "  " }] })).toBeNull();
    expect(cellValue({ something: "else" })).toBeNull();
  });
});
