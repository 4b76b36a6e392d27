import ExcelJS from "exceljs";
import type { Queryable } from "../db/client.js";
import type { ImportKind } from "./kind.js";

/**
 * A blank workbook for a kind of record: the header row the import recognises, a row of notes
 * in parentheses (the import skips such rows), and drop-down lists for reference fields, kept
 * on a hidden sheet so that long lists work too.
 */
export async function templateWorkbook(db: Queryable, kind: ImportKind, municipalityId: number): Promise<Buffer> {
  const columns = await kind.template({ db, municipalityId });
  const wb = new ExcelJS.Workbook();
  wb.creator = "Metodist";
  const ws = wb.addWorksheet(kind.title.slice(0, 31));
  const lists = wb.addWorksheet("Списки", { state: "veryHidden" });
  ws.columns = columns.map((c) => ({ header: c.header, width: Math.max(14, Math.min(40, c.header.length + 4)) }));
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: "middle" };
  const notes = ws.getRow(2);
  columns.forEach((c, i) => {
    notes.getCell(i + 1).value = c.note ? `(${c.note})` : null;
  });
  notes.font = { italic: true, color: { argb: "FF808080" } };
  ws.views = [{ state: "frozen", ySplit: 2 }];
  let listColumn = 0;
  columns.forEach((c, i) => {
    if (!c.list?.length) return;
    listColumn += 1;
    c.list.forEach((v, r) => (lists.getCell(r + 1, listColumn).value = v));
    const letter = lists.getColumn(listColumn).letter;
    const range = `'Списки'!$${letter}$1:$${letter}$${c.list.length}`;
    for (let r = 3; r <= 1002; r++) {
      ws.getCell(r, i + 1).dataValidation = {
        type: "list",
        allowBlank: true,
        formulae: [range],
        showErrorMessage: true,
        errorTitle: c.header,
        error: "Выберите значение из списка",
      };
    }
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
