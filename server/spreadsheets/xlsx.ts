import ExcelJS from "exceljs";

/**
 * How a cell is written. "percent" takes a share as the screen shows it (55.2 for 55.2 %) and
 * writes the fraction (0.552) with PERCENT_FORMAT, so Excel shows «55,2 %» and computes with a
 * real percentage; its header must not say «%» again.
 */
export type CellType = "text" | "date" | "number" | "percent";

export type Column<T> = {
  header: string;
  width: number;
  /** One type for the column, or one per row where a column mixes kinds (a sheet of figures). */
  type?: CellType | ((row: T) => CellType);
  value: (row: T) => string | number | null | undefined;
};

/** Every share in every export: one decimal, as on screen («55,2 %»). */
export const PERCENT_FORMAT = "0.0 %";
const DATE_FORMAT = "dd.mm.yyyy";
const FORMATS: Partial<Record<CellType, string>> = { date: DATE_FORMAT, percent: PERCENT_FORMAT };

function cellValue(type: CellType, v: string | number | null | undefined) {
  if (v === null || v === undefined || v === "") return null;
  // Midnight UTC: Excel shows the same calendar day in every time zone.
  if (type === "date" && typeof v === "string") return new Date(`${v.slice(0, 10)}T00:00:00Z`);
  // 55.2 → 0.552 without the binary tail of the division (0.5520000000000001).
  if (type === "percent" && typeof v === "number") return Number((v / 100).toPrecision(12));
  return v;
}

/**
 * Writes rows to a one-sheet workbook the way people expect from an export: Russian headers
 * in bold, real date cells shown as dd.mm.yyyy, shares as percentages shown «55,2 %», set
 * column widths, a frozen header and a filter.
 */
export async function writeSheet<T>(opts: SheetSpec<T>): Promise<Buffer> {
  return writeWorkbook([sheet(opts)]);
}

export type SheetSpec<T> = { sheetName: string; title?: string; columns: Column<T>[]; rows: T[] };
/** A sheet whose row type has been checked and then forgotten, so sheets of different rows fit one list. */
export type AnySheet = SheetSpec<unknown>;

/** Checks a sheet's columns against its rows, then lets it join other sheets in writeWorkbook. */
export const sheet = <T>(spec: SheetSpec<T>): AnySheet => spec as unknown as AnySheet;

/** Several sheets in one workbook, each laid out as writeSheet lays out one. */
export async function writeWorkbook(sheets: AnySheet[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "Metodist";
  for (const sheet of sheets) addSheet(wb, sheet);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function addSheet<T>(wb: ExcelJS.Workbook, opts: SheetSpec<T>) {
  for (const c of opts.columns) {
    if (c.type === "percent" && c.header.includes("%")) {
      throw new Error(`Column «${c.header}» holds percentages: its cells show «%», the header must not`);
    }
  }
  const ws = wb.addWorksheet(opts.sheetName.slice(0, 31));
  let headerRow = 1;
  if (opts.title) {
    ws.addRow([opts.title]).font = { bold: true, size: 13 };
    ws.addRow([]);
    headerRow = 3;
  }
  ws.columns = opts.columns.map((c) => ({ width: c.width }));
  const header = ws.getRow(headerRow);
  opts.columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { bold: true };
    cell.alignment = { vertical: "middle", wrapText: true };
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE8EEF7" } };
  });
  header.commit();
  for (const row of opts.rows) {
    const types = opts.columns.map((c): CellType => (typeof c.type === "function" ? c.type(row) : (c.type ?? "text")));
    const values = opts.columns.map((c, i) => cellValue(types[i], c.value(row)));
    const added = ws.addRow(values);
    types.forEach((type, i) => {
      const format = FORMATS[type];
      if (format && values[i] !== null) added.getCell(i + 1).numFmt = format;
    });
  }
  opts.columns.forEach((c, i) => {
    if (c.type === "date") ws.getColumn(i + 1).numFmt = DATE_FORMAT;
  });
  ws.views = [{ state: "frozen", ySplit: headerRow }];
  ws.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: headerRow, column: opts.columns.length } };
}

export const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** A Content-Disposition value that carries a Cyrillic file name safely. */
export const attachment = (fileName: string) =>
  `attachment; filename="${fileName.replace(/[^\x20-\x7e]|["\\]/g, "_")}"; filename*=UTF-8''${encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
