// How imports read in Russian.
import type { ImportKind, ImportProgress, ImportStatus, RowError } from "../../api/types.js";
import { formatInt, plural } from "../../ui/format.js";

export const IMPORT_KIND_LABELS: Record<ImportKind, string> = {
  staff: "Педагоги",
  organizations: "Организации",
  completions: "Курсы ПК",
};

export const IMPORT_STATUS_LABELS: Record<ImportStatus, string> = {
  preview: "предпросмотр",
  committed: "загружено",
  undone: "отменено",
};

export const IMPORT_STATUS_COLORS: Record<ImportStatus, string> = {
  preview: "gray",
  committed: "teal",
  undone: "orange",
};

/** «Проверено 1 500 из 3 000», «Записано …», «Обработано …». */
export function progressText(p: ImportProgress): string {
  const verb = p.phase === "writing" ? "Записано" : p.phase === "checking" ? "Проверено" : "Обработано";
  return `${verb} ${formatInt(p.done)} из ${formatInt(p.total)}`;
}

export const rowsWord = (n: number) => plural(n, ["строка", "строки", "строк"]);

/** How many different rows the errors are in (a row may have several). */
export const rejectedRowCount = (errors: RowError[]) => new Set(errors.map((e) => e.row)).size;

/** Excel's column letter of a zero-based index: 0 → A, 27 → AB. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** The blank template of a kind, to download. */
export const templateHref = (kind: ImportKind) => `/api/imports/templates/${kind}`;
export const rejectedHref = (importId: number) => `/api/imports/${importId}/rejected.xlsx`;
