import ExcelJS from "exceljs";

export type Column<T> = {
  header: string;
  width: number;
  type?: "text" | "date" | "number";
  value: (row: T) => string | number | null | undefined;
};

/**
 * Writes rows to a one-sheet workbook the way people expect from an export: Russian headers
 * in bold, real date cells shown as dd.mm.yyyy, set column widths, a frozen header and a filter.
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
    const values = opts.columns.map((c) => {
      const v = c.value(row);
      if (v === null || v === undefined || v === "") return null;
      // Midnight UTC: Excel shows the same calendar day in every time zone.
      if (c.type === "date" && typeof v === "string") return new Date(`${v.slice(0, 10)}T00:00:00Z`);
      return v;
    });
    ws.addRow(values);
  }
  opts.columns.forEach((c, i) => {
    if (c.type === "date") ws.getColumn(i + 1).numFmt = "dd.mm.yyyy";
  });
  ws.views = [{ state: "frozen", ySplit: headerRow }];
  ws.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: headerRow, column: opts.columns.length } };
}

export const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** A Content-Disposition value that carries a Cyrillic file name safely. */
export const attachment = (fileName: string) =>
  `attachment; filename="${fileName.replace(/[^\x20-\x7e]/g, "_")}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
