import { describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { PERCENT_FORMAT, writeSheet, type CellType } from "./xlsx.js";

async function load(buffer: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as never);
  return wb.worksheets[0];
}

describe("the .xlsx writer", () => {
  it("writes a share given as the screen shows it (55.2) as a percentage Excel shows «55,2 %»", async () => {
    type Row = { name: string; share: number | null };
    const ws = await load(
      await writeSheet<Row>({
        sheetName: "Доли",
        columns: [
          { header: "Организация", width: 20, value: (r) => r.name },
          { header: "Доля", width: 10, type: "percent", value: (r) => r.share },
        ],
        rows: [
          { name: "МБОУ СОШ № 5", share: 55.2 },
          { name: "МБОУ СОШ № 12", share: 100 },
          { name: "МБОУ СОШ № 40", share: 0.1 },
          { name: "МБОУ СОШ № 41", share: null },
        ],
      }),
    );
    expect([2, 3, 4].map((r) => ws.getCell(`B${r}`).value)).toEqual([0.552, 1, 0.001]);
    expect([2, 3, 4].map((r) => ws.getCell(`B${r}`).numFmt)).toEqual([PERCENT_FORMAT, PERCENT_FORMAT, PERCENT_FORMAT]);
    expect(PERCENT_FORMAT).toBe("0.0 %");
    expect(ws.getCell("B5").value).toBeNull();
    expect(ws.getCell("A2").numFmt).toBeUndefined();
  });

  it("formats cell by cell when a column mixes kinds (a sheet of figures)", async () => {
    type Fact = { label: string; value: number | string; type?: CellType };
    const ws = await load(
      await writeSheet<Fact>({
        sheetName: "Сводка",
        columns: [
          { header: "Показатель", width: 30, value: (f) => f.label },
          { header: "Значение", width: 12, type: (f) => f.type ?? "text", value: (f) => f.value },
        ],
        rows: [
          { label: "Педагогов", value: 120, type: "number" },
          { label: "Доля", value: 37.5, type: "percent" },
          { label: "На дату", value: "2026-08-31", type: "date" },
        ],
      }),
    );
    expect([ws.getCell("B2").value, ws.getCell("B2").numFmt]).toEqual([120, undefined]);
    expect([ws.getCell("B3").value, ws.getCell("B3").numFmt]).toEqual([0.375, PERCENT_FORMAT]);
    expect([ws.getCell("B4").value, ws.getCell("B4").numFmt]).toEqual([new Date("2026-08-31T00:00:00Z"), "dd.mm.yyyy"]);
  });

  it("refuses a «%» in the header of a percent column: the cells already say it", async () => {
    await expect(
      writeSheet<{ share: number }>({ sheetName: "Доли", columns: [{ header: "Доля, %", width: 10, type: "percent", value: (r) => r.share }], rows: [] }),
    ).rejects.toThrow(/%/);
  });
});
