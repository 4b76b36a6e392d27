import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { sql } from "drizzle-orm";
import { openDatabase, queryRows } from "../db/client.js";

const run = promisify(execFile);
const bin = path.resolve(import.meta.dirname, "..", "..", "bin", "metodist.mjs");
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "metodist-cli-"));

/** Runs the real `metodist` command on an embedded data folder. */
async function metodist(...args: string[]) {
  try {
    const { stdout, stderr } = await run("node", [bin, ...args], { env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "" } });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe("metodist CLI on the embedded database", () => {
  it("creates a municipality and users, and refuses bad input with a message", async () => {
    expect((await metodist("migrate")).stdout).toContain("Миграции применены");
    const m = await metodist("municipality", "create", "test", "Тестовый район", "--region", "23");
    expect(m.code).toBe(0);
    expect(m.stdout).toContain("Создан муниципалитет test «Тестовый район»");
    const u = await metodist("user", "create", "--login", "methodist", "--password", "long-password", "--role", "municipal_admin", "--name", "Методистова Анна Ивановна");
    expect(u.stdout).toContain("Создан пользователь methodist");
    const short = await metodist("user", "create", "--login", "x", "--password", "short", "--role", "municipal_admin", "--name", "X");
    expect(short.code).toBe(2);
    expect(short.stderr).toContain("Пароль: не короче 8 символов");
    const unknown = await metodist("export", "staff", "x.xlsx", "--municipality", "nope");
    expect(unknown.stderr).toContain("Муниципалитет с кодом «nope» не найден");
  });

  it("fills demo data and exports the staff list", async () => {
    const demo = await metodist("demo", "--code", "demo2");
    expect(demo.code).toBe(0);
    expect(demo.stdout).toContain("педагогов 1631");
    const many = await metodist("export", "staff", path.join(dataDir, "x.xlsx"));
    expect(many.stderr).toContain("укажите --municipality");
    const file = path.join(dataDir, "staff.xlsx");
    const res = await metodist("export", "staff", file, "--municipality", "demo2", "--as-of", "2026-09-01");
    expect(res.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    // Title, blank line, header, then one row per place of work: 1631 distinct people.
    const ws = wb.worksheets[0];
    const people = new Set<string>();
    ws.eachRow((row, n) => {
      if (n > 3) people.add(`${row.getCell(1).value}|${String(row.getCell(2).value)}`);
    });
    expect(people.size).toBe(1631);
    expect(ws.rowCount).toBeGreaterThan(3 + 1631);
  });

  it("imports organisations and staff from files, all or nothing, with --json", async () => {
    const orgs = path.join(dataDir, "orgs.csv");
    fs.writeFileSync(orgs, "Наименование;ИНН;Тип\nМБОУ СОШ № 77;7707083893;школа\nМБДОУ д/с № 78;;детский сад\n");
    const o = await metodist("import", "organizations", orgs, "--municipality", "test", "--json");
    expect(o.code).toBe(0);
    expect(JSON.parse(o.stdout)).toEqual({ created: 2, updated: 0, skipped: 0, rejected: [], warnings: [], resolutions: [], committed: true });

    const db = await openDatabase({ dataDir });
    const [{ org }] = await queryRows<{ org: string }>(
      db.db,
      sql`select o.short_name as org from organizations o join municipalities m on m.id = o.municipality_id
          where m.code = 'demo2' and o.kind = 'school' order by o.id limit 1`,
    );
    await db.close();
    const staff = path.join(dataDir, "staff.csv");
    fs.writeFileSync(staff, `ФИО,Дата рождения,Должность\nКлючева Инна Олеговна,03.04.1990,учитель\nБезымянный,31.02.1990,учитель\n`);
    const strict = await metodist("import", "staff", staff, "--municipality", "demo2", "--org", org, "--json");
    expect(strict.code).toBe(3);
    const report = JSON.parse(strict.stdout);
    expect(report).toMatchObject({ created: 1, committed: false });
    expect(report.rejected.map((e: { row: number; column: string }) => `${e.row}:${e.column}`)).toEqual(["3:ФИО", "3:Дата рождения"]);
    const lenient = await metodist("import", "staff", staff, "--municipality", "demo2", "--org", org, "--skip-invalid");
    expect(lenient.code).toBe(0);
    expect(lenient.stdout).toContain("Загружено. Строк: 2; создано 1");
    expect(lenient.stdout).toContain("строка 3, «Дата рождения», «31.02.1990»: 31.02.1990 — несуществующая дата");
  });

  it("prints the seed 003 report as JSON", async () => {
    const res = await metodist("report", "pd-summary", "--from", "2025-09-01", "--to", "2026-08-31", "--as-of", "2026-09-01", "--municipality", "demo2", "--json");
    expect(res.code).toBe(0);
    const report = JSON.parse(res.stdout);
    // The demo's 1631 and Ключева, imported by the test above.
    expect(report.staffTotal).toBe(1632);
    expect(Object.keys(report)).toEqual(
      expect.arrayContaining(["staffTotal", "trainedPersons", "share", "byProvider", "federalRegisterPersons", "distancePersons", "retrainingPersons"]),
    );
    const bad = await metodist("report", "pd-summary", "--from", "2026-09-01", "--to", "2025-08-31", "--municipality", "demo2");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("Конец периода раньше начала");
  });

  it("refuses to open a data folder another process holds, and writes nothing", async () => {
    const held = await openDatabase({ dataDir });
    try {
      const res = await metodist("municipality", "create", "other", "Другой");
      expect(res.code).toBe(1);
      expect(res.stderr).toContain("уже открыта другим процессом Metodist");
    } finally {
      await held.close();
    }
    const again = await openDatabase({ dataDir });
    const rows = await queryRows<{ code: string }>(again.db, sql`select code from municipalities order by code`);
    await again.close();
    expect(rows.map((r) => r.code)).toEqual(["demo2", "test"]);
  });
});
