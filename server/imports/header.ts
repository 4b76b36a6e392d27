// Finding the table in a sheet laid out by a person: title lines above, one- or two-level headers,
// a row of column numbers, empty rows, totals and signatures below. Columns are matched to the
// fields of an import kind by synonyms. Pure functions over a Grid.

import type { Cell, Grid } from "./read.js";

/** A field of an import kind: its key, its label, and the header texts that mean it. */
export type FieldSpec = { key: string; label: string; synonyms: string[]; required?: boolean };
/** A column with header text: its index (0 = A), the header as shown, and the field it feeds or null. */
export type ColumnMatch = { index: number; header: string; field: string | null };
/** Where the table is: header row(s), the data range and the columns. */
export type TableLayout = {
  headerRowIndexes: number[];
  dataStartRow: number;
  /** Exclusive: the row after the last data row, before totals and notes. */
  dataEndRow: number;
  columns: ColumnMatch[];
};

/** How many rows from the top may hold the header. */
export const HEADER_SCAN_ROWS = 30;
/** A header must match at least this many fields, else the sheet is not the table we look for. */
const MIN_MATCHED_FIELDS = 2;

const fold = (s: string) => s.toLowerCase().replace(/ё/g, "е");

/** Normalises a header for matching: lower case, ё→е, punctuation and spaces removed («№ п/п» → «№пп»). */
export function normalizeHeader(s: string): string {
  return fold(s).replace(/[^a-zа-я0-9№]+/g, "");
}

/** Headers of running-number columns: they are never a field. */
const NUMBER_HEADERS = new Set(["№", "№пп", "пп", "n", "nпп", "no", "noпп", "нпп", "номер", "номерпп", "№п", "порядковыйномер", "пн"]);

/** True for «№», «№ п/п», «п/п», «N», «Номер» and the like. */
export function isNumberHeader(s: string): boolean {
  return NUMBER_HEADERS.has(normalizeHeader(s)) || s.trim() === "#";
}

// ---------------------------------------------------------------------------------------------
// Matching a header text to a synonym

// Russian endings, longest first: «категории» and «категория», «работы» and «работа» share a stem.
const ENDINGS = [
  "ями", "ами", "ого", "его", "ому", "ему", "ыми", "ими", "ой", "ей", "ий", "ый", "ая", "яя", "ое", "ее", "ые", "ие",
  "ом", "ем", "ам", "ям", "ах", "ях", "ию", "ия", "ии", "ью", "ов", "ев", "ы", "и", "а", "я", "о", "е", "у", "ю", "ь", "й",
];

/** A crude stem: one ending off, if at least three letters remain. */
function stem(w: string): string {
  for (const e of ENDINGS) if (w.length - e.length >= 3 && w.endsWith(e)) return w.slice(0, -e.length);
  return w;
}

type Text = { n: string; w: string[] };

function prepare(s: string): Text {
  return { n: normalizeHeader(s), w: fold(s).split(/[^a-zа-я0-9№]+/).filter(Boolean).map(stem) };
}

const sameSeq = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
const isPrefix = (p: string[], a: string[]) => p.length <= a.length && p.every((x, i) => x === a[i]);
const allIn = (p: string[], a: string[]) => p.every((x) => a.includes(x));

/**
 * Score of a header against a synonym, 0 when they do not match. Tiers: exact, same words
 * (stemmed) in order, in any order, header starting with the synonym's words, containing all of
 * them, and raw prefix/substring for run-together spellings («Ф.И.О.педагога»). Within a tier
 * the longer synonym wins: it is the more specific one («дата рождения» over «дата»).
 */
export function matchScore(header: string, synonym: string): number {
  return scoreTexts(prepare(header), prepare(synonym));
}

function scoreTexts(h: Text, s: Text): number {
  if (!h.n || !s.n) return 0;
  const bonus = Math.min(s.n.length, 99);
  if (h.n === s.n) return 400 + bonus;
  if (sameSeq(h.w, s.w)) return 380 + bonus;
  if (h.w.length === s.w.length && allIn(s.w, h.w) && allIn(h.w, s.w)) return 350 + bonus;
  if (isPrefix(s.w, h.w)) return 300 + bonus;
  if (allIn(s.w, h.w)) return 250 + bonus;
  if (s.n.length >= 3 && h.n.startsWith(s.n)) return 150 + bonus;
  if (s.n.length >= 5 && h.n.includes(s.n)) return 100 + bonus;
  return 0;
}

/** A header and its variant without the remark in brackets («Дата рождения (дд.мм.гггг)»), which scores a little lower. */
function headerVariants(text: string): { t: Text; penalty: number }[] {
  const out = [{ t: prepare(text), penalty: 0 }];
  const bare = text.replace(/\([^)]*\)|\[[^\]]*\]/g, " ").trim();
  if (bare && bare !== text.trim()) out.push({ t: prepare(bare), penalty: 20 });
  return out;
}

type PreparedField = { key: string; synonyms: Text[] };

function prepareFields(fields: FieldSpec[]): PreparedField[] {
  return fields.map((f) => ({ key: f.key, synonyms: [f.label, ...f.synonyms].map(prepare).filter((s) => s.n !== "") }));
}

// ---------------------------------------------------------------------------------------------
// Scoring a candidate header (one row, or an upper and a lower row)

/** A text tried for a column; for «upper lower» the two parts are kept to recognise a match spanning both rows. */
type ColumnText = { text: string; upper?: string[]; lower?: string[] };

type Candidate = {
  rows: number[];
  /** Per column: the header shown to the user, and the texts tried for matching (sub-header, then «upper lower»). */
  headers: (string | null)[];
  texts: ColumnText[][];
};

type Assignment = { fieldOf: (number | null)[]; count: number; total: number };

const textOf = (v: Cell | undefined): string | null => (typeof v === "string" && v.trim() !== "" ? v.replace(/\s+/g, " ").trim() : null);

function singleRow(grid: Grid, r: number): Candidate {
  const headers = (grid[r] ?? []).map(textOf);
  return { rows: [r], headers, texts: headers.map((h) => (h ? [{ text: h }] : [])) };
}

/**
 * Two-level header: a column's header is its sub-header, falling back to the upper cell (a
 * vertically merged cell shows the same text in both rows). Matching also tries «upper lower»:
 * «Квалификационная категория» over «Дата присвоения» is the date of the category.
 */
function rowPair(grid: Grid, r: number): Candidate {
  const width = Math.max(grid[r].length, grid[r + 1].length);
  const headers: (string | null)[] = [];
  const texts: ColumnText[][] = [];
  for (let c = 0; c < width; c++) {
    const upper = textOf(grid[r][c]);
    const lower = textOf(grid[r + 1][c]);
    if (lower && upper && lower !== upper) {
      headers.push(lower);
      texts.push([{ text: lower }, { text: `${upper} ${lower}`, upper: prepare(upper).w, lower: prepare(lower).w }]);
    } else {
      const h = lower ?? upper;
      headers.push(h);
      texts.push(h ? [{ text: h }] : []);
    }
  }
  return { rows: [r, r + 1], headers, texts };
}

/** An upper row of a real two-level header has a group title spanning several sub-headers. */
function looksLikeGroupRow(grid: Grid, r: number): boolean {
  const upper = grid[r].map(textOf);
  const lower = grid[r + 1].map(textOf);
  if (new Set(upper.filter(Boolean)).size < 2) return false; // a merged title line is one text
  if (lower.every((v) => v === null) || isNumberingRow(grid[r + 1], lower.length)) return false;
  if (grid[r + 1].some((v) => v instanceof Date || typeof v === "number")) return false; // a data row
  for (let c = 0; c + 1 < upper.length; c++) {
    const g = upper[c];
    if (g && upper[c + 1] === g && lower[c] && lower[c + 1] && lower[c] !== g && lower[c] !== lower[c + 1]) return true;
  }
  return false;
}

/**
 * A synonym that takes words from both the group title and the sub-header («Образование» over
 * «Учреждение» read as «образование учреждение») knows more than one matching the sub-header
 * alone, which may be generic («Учреждение» is also the place of work).
 */
const SPAN_BONUS = 200;
function spanBonus(ct: ColumnText, syn: Text, score: number): number {
  if (!ct.upper || !ct.lower || score < 250) return 0;
  const { upper, lower } = ct;
  const fromUpper = syn.w.some((w) => upper.includes(w) && !lower.includes(w));
  const fromLower = syn.w.some((w) => lower.includes(w));
  return fromUpper && fromLower ? SPAN_BONUS : 0;
}

/**
 * Each column goes only to its best field (the first listed wins a tie), and each field to its
 * best column (the leftmost wins a tie). A column that loses its best field to a better column
 * stays unmatched instead of falling back to a weaker field: «Дата рождения» never becomes the
 * «дата» of something else just because another column is the birth date.
 */
function assign(c: Candidate, fields: PreparedField[]): Assignment {
  const best: { f: number; score: number }[] = c.texts.map((texts, col) => {
    let top = { f: -1, score: 0 };
    const header = c.headers[col];
    if (!header || isNumberHeader(header)) return top;
    for (const ct of texts) {
      for (const { t, penalty } of headerVariants(ct.text)) {
        fields.forEach((field, f) => {
          for (const syn of field.synonyms) {
            const s = scoreTexts(t, syn) - penalty + spanBonus(ct, syn, scoreTexts(t, syn));
            if (s > top.score) top = { f, score: s };
          }
        });
      }
    }
    return top;
  });
  const fieldOf: (number | null)[] = c.texts.map(() => null);
  let count = 0;
  let total = 0;
  fields.forEach((_, f) => {
    let col = -1;
    best.forEach((b, i) => {
      if (b.f === f && (col < 0 || b.score > best[col].score)) col = i;
    });
    if (col >= 0) {
      fieldOf[col] = f;
      count++;
      total += best[col].score;
    }
  });
  return { fieldOf, count, total };
}

// ---------------------------------------------------------------------------------------------
// Rows below the header

const isEmptyValue = (v: Cell | undefined) => v === null || v === undefined || (typeof v === "string" && v.trim() === "");

/** True when every cell is empty. */
export function isEmptyRow(row: Cell[] | undefined): boolean {
  return !row || row.every(isEmptyValue);
}

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
const asInteger = (v: Cell): number | null => {
  if (typeof v === "number" && Number.isInteger(v)) return v;
  // Under a column formatted as dates, the «5» of the numbering row reads as a day of January 1900.
  if (v instanceof Date && v.getUTCFullYear() === 1900) return Math.round((v.getTime() - EXCEL_EPOCH) / 86_400_000);
  if (typeof v === "string" && /^\d{1,3}\.?$/.test(v.trim())) return parseInt(v, 10);
  return null;
};

/** The row «1 2 3 4 …» printed under a header: consecutive integers from 1 across most columns. */
export function isNumberingRow(row: Cell[], headerColumns: number): boolean {
  const values = row.filter((v) => !isEmptyValue(v));
  if (values.length < Math.min(3, headerColumns) || values.length < headerColumns / 2) return false;
  const ints = values.map(asInteger);
  return ints[0] === 1 && ints.every((n, i) => n !== null && (i === 0 || n === (ints[i - 1] ?? NaN) + 1));
}

const TOTALS = /^(итого|всего)(?![а-яa-z])/;
// Lines under a table that are not data; «директор» and the like only with a signature mark.
const NOTE_WORDS = /^(примечани|пояснени|исполнител|ответственн|составил|подготовил|подпись|м\.?\s?п\.?(\s|$)|тел[.:\s]|телефон|дата составления|\*)/;
const SIGNER_WORDS = /^(директор|руководител|заведующ|начальник|зам\S*\s+директора|и\.?\s?о\.)/;
const SIGNATURE_MARK = /_{3,}|:|[А-ЯЁ]\.\s?[А-ЯЁ]\./;

type RowView = { texts: { c: number; text: string }[] };

function viewRow(row: Cell[]): RowView {
  const texts: { c: number; text: string }[] = [];
  row.forEach((v, c) => {
    if (!isEmptyValue(v)) texts.push({ c, text: v instanceof Date ? v.toISOString() : String(v).replace(/\s+/g, " ").trim() });
  });
  return { texts };
}

/** «Итого: 12 чел.», «Всего педагогов …» in the first non-empty cells. */
export function isTotalsRow(row: Cell[]): boolean {
  let seen = 0;
  for (const v of row) {
    if (isEmptyValue(v)) continue;
    if (typeof v === "string" && TOTALS.test(fold(v.trim()))) return true;
    if (++seen === 2) return false;
  }
  return false;
}

/** True when the row holds more than n different non-empty values. */
function distinctValuesOver(row: Cell[], n: number): boolean {
  const seen: Cell[] = [];
  for (const v of row) {
    if (isEmptyValue(v) || seen.some((s) => s === v || (s instanceof Date && v instanceof Date && s.getTime() === v.getTime()))) continue;
    seen.push(v);
    if (seen.length > n) return true;
  }
  return false;
}

type TableShape = { firstColumn: number; mappedColumns: Set<number>; requiredColumns: number[] };

/**
 * A note under the table: «Примечание: …», «Исполнитель: …», «Руководитель ____ / подпись», or
 * long text alone at the left (often merged across the table, so the same text in every cell).
 * Required columns holding other values mean it is a data row after all.
 */
function isNoteRow(row: Cell[], shape: TableShape): boolean {
  if (distinctValuesOver(row, 2)) return false; // a data row: checked first, it is the common case
  const { texts } = viewRow(row);
  if (texts.length === 0) return false;
  const distinct = [...new Set(texts.map((t) => t.text))];
  if (distinct.length > 2) return false;
  const first = texts[0].text;
  const merged = distinct.length === 1 && texts.length >= 2;
  if (!merged && !texts.every((t) => t.c <= shape.firstColumn + 1)) return false;
  if (shape.requiredColumns.some((c) => !isEmptyValue(row[c]) && String(row[c]).trim() !== first)) return false;
  const f = fold(first);
  if (NOTE_WORDS.test(f) || texts.some((t) => /_{3,}/.test(t.text))) return true;
  if (SIGNER_WORDS.test(f) && texts.some((t) => SIGNATURE_MARK.test(t.text))) return true;
  return distinct.length === 1 && first.length >= 20 && (merged || !shape.mappedColumns.has(texts[0].c));
}

const mappedHeaders = new WeakMap<TableLayout, { index: number; norm: string }[]>();

/** A header printed again (a page break in the original): most mapped columns repeat their header text. */
function isHeaderRepeat(row: Cell[], layout: TableLayout): boolean {
  let mapped = mappedHeaders.get(layout);
  if (!mapped) {
    mapped = layout.columns.filter((c) => c.field !== null).map((c) => ({ index: c.index, norm: normalizeHeader(c.header) }));
    mappedHeaders.set(layout, mapped);
  }
  if (mapped.length < 2) return false;
  const need = Math.max(2, Math.ceil(mapped.length * 0.8));
  let misses = 0;
  for (const c of mapped) {
    const v = row[c.index];
    // Checked on every data row: give up as soon as too many columns differ.
    if (!(typeof v === "string" && normalizeHeader(v) === c.norm) && ++misses > mapped.length - need) return false;
  }
  return true;
}

/** Indexes of the rows that hold data: inside the layout's range, minus empty rows, repeated numbering and repeated headers. */
export function dataRowIndexes(grid: Grid, layout: TableLayout): number[] {
  const out: number[] = [];
  for (let r = layout.dataStartRow; r < layout.dataEndRow; r++) {
    if (isSkippable(grid[r], layout)) continue;
    out.push(r);
  }
  return out;
}

function isSkippable(row: Cell[] | undefined, layout: TableLayout): boolean {
  return !row || isEmptyRow(row) || isNumberingRow(row, layout.columns.length) || isHeaderRepeat(row, layout);
}

/** Where the data starts and ends below the header. */
function dataRange(grid: Grid, layout: TableLayout, shape: TableShape): { start: number; end: number } {
  const headerEnd = layout.headerRowIndexes[layout.headerRowIndexes.length - 1] + 1;
  let start = -1;
  let last = headerEnd - 1;
  for (let r = headerEnd; r < grid.length; r++) {
    const row = grid[r];
    if (isSkippable(row, layout)) continue;
    if (isTotalsRow(row) || isNoteRow(row, shape)) break;
    if (start < 0) start = r;
    last = r;
  }
  if (start < 0) return { start: headerEnd, end: headerEnd };
  return { start, end: last + 1 };
}

// ---------------------------------------------------------------------------------------------

/** Finds the header row(s) and the data rows of a table in a grid, and matches columns to fields by synonyms. Returns null when no row looks like a header (fewer than 2 fields matched). */
export function detectTable(grid: Grid, fields: FieldSpec[]): TableLayout | null {
  const prepared = prepareFields(fields);
  const scan = Math.min(HEADER_SCAN_ROWS, grid.length);
  let best: { c: Candidate; a: Assignment } | null = null;
  const better = (a: Assignment, b: Assignment | undefined) => !b || a.count > b.count || (a.count === b.count && a.total > b.total);
  const singles: Assignment[] = [];
  for (let r = 0; r < scan; r++) {
    const c = singleRow(grid, r);
    const a = assign(c, prepared);
    singles[r] = a;
    if (a.count >= MIN_MATCHED_FIELDS && better(a, best?.a)) best = { c, a };
  }
  for (let r = 0; r + 1 < scan; r++) {
    if (!looksLikeGroupRow(grid, r)) continue;
    const c = rowPair(grid, r);
    const a = assign(c, prepared);
    // Two rows must explain more than either row alone, else the simpler reading stands.
    if (a.count <= Math.max(singles[r].count, singles[r + 1].count)) continue;
    if (a.count >= MIN_MATCHED_FIELDS && better(a, best?.a)) best = { c, a };
  }
  if (!best) return null;
  return layoutOf(grid, best.c, best.a, fields);
}

function layoutOf(grid: Grid, c: Candidate, a: Assignment, fields: FieldSpec[]): TableLayout {
  const columns: ColumnMatch[] = [];
  c.headers.forEach((header, index) => {
    if (header === null) return;
    const f = a.fieldOf[index];
    columns.push({ index, header, field: f === null ? null : fields[f].key });
  });
  const layout: TableLayout = { headerRowIndexes: c.rows, dataStartRow: 0, dataEndRow: 0, columns };
  const required = new Set(fields.filter((f) => f.required).map((f) => f.key));
  const shape: TableShape = {
    firstColumn: columns.length > 0 ? columns[0].index : 0,
    mappedColumns: new Set(columns.filter((m) => m.field !== null).map((m) => m.index)),
    requiredColumns: columns.filter((m) => m.field !== null && required.has(m.field)).map((m) => m.index),
  };
  const { start, end } = dataRange(grid, layout, shape);
  layout.dataStartRow = start;
  layout.dataEndRow = end;
  return layout;
}
