// Reading an uploaded spreadsheet (.xlsx or .csv) into a plain grid of values. Pure: no database,
// no file system. Every refusal is an AppError("bad_request") with a message a school secretary
// can act on, because these files come from people, not from programs.

import { createInflateRaw } from "node:zlib";
import ExcelJS from "exceljs";
import { AppError } from "../errors.js";

/** One cell: text trimmed (never empty), numbers as numbers, dates at UTC midnight, empty as null. */
export type Cell = string | number | boolean | Date | null;
/** grid[0] is Excel row 1; grid[r][c] with c = 0 for column A. Rows are padded to one width. */
export type Grid = Cell[][];
/** Refusal thresholds; callers may override any of them. */
export type ReadLimits = { maxBytes: number; maxUncompressedBytes: number; maxRows: number };

const MB = 1024 * 1024;
/** 20 MB upload, 200 MB once unzipped, 100 000 rows. */
export const DEFAULT_LIMITS: ReadLimits = { maxBytes: 20 * MB, maxUncompressedBytes: 200 * MB, maxRows: 100_000 };

/** Above this total an archive must not be compressed more than MAX_RATIO times. */
const RATIO_CHECK_FROM = 50 * MB;
const MAX_RATIO = 100;
/** A workbook has tens of parts, a big one hundreds; hundreds of thousands of tiny entries is an attack on time. */
const MAX_ZIP_ENTRIES = 10_000;

const MSG = {
  empty: "Файл пустой",
  tooBig: (bytes: number) => `Файл больше ${formatNumber(Math.round((bytes / MB) * 10) / 10)} МБ`,
  tooManyRows: (n: number) => `В файле больше ${formatNumber(n)} строк`,
  encrypted:
    "Файл защищён паролем. Снимите пароль в Excel (Файл → Сведения → Защитить книгу → Зашифровать паролем → очистить поле) и загрузите снова.",
  xls: "Формат .xls (Excel 97–2003) не поддерживается. Откройте файл в Excel и сохраните как «Книга Excel (.xlsx)», затем загрузите снова.",
  ods: "Формат .ods (OpenDocument) не поддерживается. Откройте файл и сохраните как «Книга Excel (.xlsx)», затем загрузите снова.",
  markup: (name: string) =>
    `Файл «${name}» — веб-страница или XML, а не книга Excel. Откройте его в Excel и сохраните как «Книга Excel (.xlsx)», затем загрузите снова.`,
  notTable: (name: string) => `Файл «${name}» не похож на таблицу: загрузите .xlsx или .csv`,
  zipBomb: "Файл повреждён или слишком сильно сжат (возможна «zip-бомба»)",
  badXlsx: "Не удалось прочитать файл .xlsx: он повреждён или это не книга Excel",
};

const bad = (message: string) => new AppError("bad_request", message);

/** «100 000», «0,5»: Russian digit grouping (no-break space) and decimal comma, independent of the ICU build. */
function formatNumber(n: number): string {
  const [int, frac] = String(n).split(".");
  return int.replace(/\B(?=(\d{3})+(?!\d))/g, "\u00a0") + (frac ? `,${frac}` : "");
}

/** Reads the first non-empty worksheet of an .xlsx, or a .csv, into a grid. Throws AppError("bad_request", <Russian message>) on bad input. */
export async function readSpreadsheet(
  buf: Buffer,
  fileName: string,
  limits: Partial<ReadLimits> = {},
): Promise<{ sheetName: string; grid: Grid }> {
  const lim: ReadLimits = { ...DEFAULT_LIMITS, ...limits };
  if (buf.length === 0) throw bad(MSG.empty);
  if (buf.length > lim.maxBytes) throw bad(MSG.tooBig(lim.maxBytes));
  const name = displayName(fileName);
  switch (sniff(buf)) {
    case "zip":
      return readXlsx(buf, name, lim);
    case "cfb":
      throw bad(isEncryptedOoxml(buf) ? MSG.encrypted : MSG.xls);
    case "text":
      return { sheetName: csvSheetName(name), grid: finish(parseCsv(decodeText(buf, name), lim.maxRows), lim) };
    default:
      throw bad(MSG.notTable(name));
  }
}

// ---------------------------------------------------------------------------------------------
// Detection by content: users rename files, and some systems export CSV or HTML as ".xls".

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const CFB_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
/** "EncryptionInfo" as a CFB directory entry name (UTF-16LE): Office puts encrypted OOXML in a CFB box. */
const ENCRYPTION_INFO = Buffer.from("EncryptionInfo", "utf16le");

type Kind = "zip" | "cfb" | "text" | "binary";

function sniff(buf: Buffer): Kind {
  if (buf.subarray(0, 4).equals(ZIP_MAGIC)) return "zip";
  if (buf.subarray(0, 8).equals(CFB_MAGIC)) return "cfb";
  return looksLikeText(buf) ? "text" : "binary";
}

function isEncryptedOoxml(buf: Buffer): boolean {
  return buf.includes(ENCRYPTION_INFO);
}

/** UTF-16 text (Excel's «Текст Юникод») has NUL bytes, so its BOM is checked first. */
function looksLikeText(buf: Buffer): boolean {
  if (utf16Encoding(buf)) return true;
  if (buf.subarray(0, 5).toString("latin1") === "%PDF-") return false;
  const head = buf.subarray(0, 64 * 1024);
  let controls = 0;
  for (const b of head) {
    if (b === 0) return false;
    // Tab, LF, CR and form feed occur in text; other C0 controls mean a binary format.
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) controls++;
  }
  return controls <= head.length / 100;
}

function utf16Encoding(buf: Buffer): "utf-16le" | "utf-16be" | null {
  if (buf[0] === 0xff && buf[1] === 0xfe) return "utf-16le";
  if (buf[0] === 0xfe && buf[1] === 0xff) return "utf-16be";
  return null;
}

/** Only the base name goes into messages: a browser may send a full path. */
function displayName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? "";
  return base.trim() || "без имени";
}

function csvSheetName(name: string): string {
  return name.replace(/\.[^.]*$/, "") || name;
}

// ---------------------------------------------------------------------------------------------
// ZIP checks before exceljs (JSZip) inflates anything: JSZip trusts the archive and would
// happily inflate gigabytes into memory.

/** One central-directory record, sizes as the archive claims them. */
export type ZipEntry = { name: string; method: number; compressedSize: number; uncompressedSize: number; localOffset: number };

const SIG_EOCD = 0x06054b50;
const SIG_EOCD64 = 0x06064b50;
const SIG_EOCD64_LOCATOR = 0x07064b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_LOCAL = 0x04034b50;
const U16_MAX = 0xffff;
const U32_MAX = 0xffffffff;

/** Parses the central directory; null when the archive structure is broken. */
export function readZipDirectory(buf: Buffer): ZipEntry[] | null {
  const eocd = findEocd(buf);
  if (eocd < 0) return null;
  let count = buf.readUInt16LE(eocd + 10);
  let cdOffset = buf.readUInt32LE(eocd + 16);
  if (count === U16_MAX || cdOffset === U32_MAX) {
    const z64 = readZip64Eocd(buf, eocd);
    if (!z64) return null;
    ({ count, cdOffset } = z64);
  }
  const entries: ZipEntry[] = [];
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== SIG_CENTRAL) return null;
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    if (p + 46 + nameLen + extraLen > buf.length) return null;
    const entry: ZipEntry = {
      name: buf.toString("utf8", p + 46, p + 46 + nameLen),
      method: buf.readUInt16LE(p + 10),
      compressedSize: buf.readUInt32LE(p + 20),
      uncompressedSize: buf.readUInt32LE(p + 24),
      localOffset: buf.readUInt32LE(p + 42),
    };
    applyZip64Extra(entry, buf.subarray(p + 46 + nameLen, p + 46 + nameLen + extraLen));
    entries.push(entry);
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

function findEocd(buf: Buffer): number {
  // The record is 22 bytes plus a comment of at most 65 535 bytes, at the very end.
  const stop = Math.max(0, buf.length - 22 - U16_MAX);
  for (let p = buf.length - 22; p >= stop; p--) {
    if (buf.readUInt32LE(p) === SIG_EOCD) return p;
  }
  return -1;
}

function readZip64Eocd(buf: Buffer, eocd: number): { count: number; cdOffset: number } | null {
  const loc = eocd - 20;
  if (loc < 0 || buf.readUInt32LE(loc) !== SIG_EOCD64_LOCATOR) return null;
  const rec = Number(buf.readBigUInt64LE(loc + 8));
  if (rec + 56 > buf.length || buf.readUInt32LE(rec) !== SIG_EOCD64) return null;
  return { count: Number(buf.readBigUInt64LE(rec + 32)), cdOffset: Number(buf.readBigUInt64LE(rec + 48)) };
}

/** ZIP64 stores the real 64-bit sizes in extra field 0x0001, only for the fields set to 0xFFFFFFFF. */
function applyZip64Extra(entry: ZipEntry, extra: Buffer): void {
  for (let q = 0; q + 4 <= extra.length; ) {
    const id = extra.readUInt16LE(q);
    const size = extra.readUInt16LE(q + 2);
    if (id === 0x0001) {
      let r = q + 4;
      const next = (): number => {
        if (r + 8 > q + 4 + size || r + 8 > extra.length) return Number.MAX_SAFE_INTEGER;
        const v = Number(extra.readBigUInt64LE(r));
        r += 8;
        return v;
      };
      if (entry.uncompressedSize === U32_MAX) entry.uncompressedSize = next();
      if (entry.compressedSize === U32_MAX) entry.compressedSize = next();
      if (entry.localOffset === U32_MAX) entry.localOffset = next();
      return;
    }
    q += 4 + size;
  }
}

/** Refuses archives that claim too much, then inflates each entry counting bytes, so a lying directory is caught too. */
async function checkZip(buf: Buffer, limits: ReadLimits): Promise<ZipEntry[]> {
  const entries = readZipDirectory(buf);
  if (!entries || entries.length === 0) throw bad(MSG.badXlsx);
  if (entries.length > MAX_ZIP_ENTRIES) throw bad(MSG.zipBomb);
  const total = entries.reduce((sum, e) => sum + e.uncompressedSize, 0);
  if (total > limits.maxUncompressedBytes) throw bad(MSG.zipBomb);
  if (total > RATIO_CHECK_FROM && total / buf.length > MAX_RATIO) throw bad(MSG.zipBomb);
  for (const e of entries) await verifyEntrySize(buf, e);
  return entries;
}

async function verifyEntrySize(buf: Buffer, e: ZipEntry): Promise<void> {
  if (e.name.endsWith("/")) return;
  const start = localDataStart(buf, e);
  if (start < 0 || start + e.compressedSize > buf.length) throw bad(MSG.badXlsx);
  if (e.method === 0) {
    if (e.compressedSize !== e.uncompressedSize) throw bad(MSG.badXlsx);
    return;
  }
  if (e.method !== 8) throw bad(MSG.badXlsx); // only "stored" and "deflate" occur in .xlsx
  const produced = await inflatedSize(buf.subarray(start, start + e.compressedSize), e.uncompressedSize);
  if (produced === "over") throw bad(MSG.zipBomb);
  if (produced === "broken") throw bad(MSG.badXlsx);
}

function localDataStart(buf: Buffer, e: ZipEntry): number {
  const p = e.localOffset;
  if (p + 30 > buf.length || buf.readUInt32LE(p) !== SIG_LOCAL) return -1;
  return p + 30 + buf.readUInt16LE(p + 26) + buf.readUInt16LE(p + 28);
}

/** Streams the inflation and stops as soon as it exceeds what the directory promised: memory stays flat. */
function inflatedSize(data: Buffer, promised: number): Promise<number | "over" | "broken"> {
  return new Promise((resolve) => {
    const inflate = createInflateRaw();
    let produced = 0;
    let done = false;
    const finish = (r: number | "over" | "broken") => {
      if (done) return;
      done = true;
      resolve(r);
    };
    inflate.on("data", (chunk: Buffer) => {
      produced += chunk.length;
      if (produced > promised) {
        finish("over");
        inflate.destroy();
      }
    });
    inflate.on("end", () => finish(produced));
    inflate.on("error", () => finish("broken"));
    inflate.end(data);
  });
}

// ---------------------------------------------------------------------------------------------
// .xlsx through exceljs

async function readXlsx(buf: Buffer, name: string, limits: ReadLimits): Promise<{ sheetName: string; grid: Grid }> {
  const entries = await checkZip(buf, limits);
  const names = new Set(entries.map((e) => e.name.replace(/^\//, "")));
  if (!names.has("xl/workbook.xml")) {
    if (isOds(buf, names)) throw bad(MSG.ods);
    // A .docx, .pptx or plain .zip: an archive, but not a workbook.
    if ([...names].some((n) => /^(word|ppt)\//.test(n)) || !names.has("[Content_Types].xml")) throw bad(MSG.notTable(name));
    throw bad(MSG.badXlsx);
  }
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
  } catch {
    throw bad(MSG.badXlsx);
  }
  // Visible sheets first: a hidden sheet usually holds drop-down lists, not the staff table.
  const sheets = [...wb.worksheets].sort((a, b) => Number(a.state !== "visible") - Number(b.state !== "visible"));
  for (const ws of sheets) {
    const grid = trimGrid(sheetToGrid(ws, limits));
    if (grid.length > 0) {
      checkRows(grid, limits);
      return { sheetName: ws.name, grid };
    }
  }
  throw bad(MSG.empty);
}

function isOds(buf: Buffer, names: Set<string>): boolean {
  return names.has("mimetype") && buf.includes("application/vnd.oasis.opendocument.spreadsheet");
}

function sheetToGrid(ws: ExcelJS.Worksheet, limits: ReadLimits): Grid {
  const grid: Grid = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    // Styled empty rows do not count; rows with values beyond the limit are refused early.
    if (rowNumber > limits.maxRows) throw bad(MSG.tooManyRows(limits.maxRows));
    const cells: Cell[] = [];
    // On load exceljs creates every cell of a merged range and answers the master's value for
    // each, so a two-level header or a merged title is visible above every column it spans.
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      cells[col - 1] = cellValue(cell.value);
    });
    grid[rowNumber - 1] = cells;
  });
  return grid;
}

/** exceljs's value union → a plain cell: cached formula results, rich text and hyperlinks as text, errors as null. */
export function cellValue(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === "string") return cleanString(v);
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (typeof v === "boolean") return v;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v;
  if (typeof v !== "object") return null;
  const o = v as Record<string, unknown>;
  if ("error" in o) return null;
  // A formula is never evaluated: the value Excel saved is what the user saw.
  if ("formula" in o || "sharedFormula" in o) return cellValue(o.result);
  if (Array.isArray(o.richText)) {
    return cleanString(o.richText.map((part: { text?: unknown }) => (typeof part.text === "string" ? part.text : "")).join(""));
  }
  if ("text" in o) return cellValue(o.text); // hyperlink; its text may itself be rich text
  return null;
}

function cleanString(s: string): string | null {
  const t = s.replace(/\r\n?/g, "\n").trim();
  return t === "" ? null : t;
}

// ---------------------------------------------------------------------------------------------
// CSV

const utf8Strict = new TextDecoder("utf-8", { fatal: true });

/** UTF-16 by BOM, UTF-8 when valid (BOM dropped), else Windows-1251, the encoding of Russian Excel's CSV. */
export function decodeText(buf: Buffer, name = "файл"): string {
  const utf16 = utf16Encoding(buf);
  let text: string;
  if (utf16) text = new TextDecoder(utf16).decode(buf.subarray(2));
  else {
    try {
      text = utf8Strict.decode(buf);
    } catch {
      text = new TextDecoder("windows-1251").decode(buf);
    }
  }
  text = text.replace(/^\uFEFF/, "");
  const head = text.trimStart().slice(0, 200).toLowerCase();
  if (head.startsWith("<")) {
    // HTML or XML saved with an .xls name by some accounting systems, or a web page.
    if (/^<(\?xml|!doctype|html|table|head|body|meta)/.test(head)) throw bad(MSG.markup(name));
  }
  return text;
}

const DELIMITERS = [";", "\t", ","] as const;

/** Parses CSV text (RFC 4180 quotes, delimiter guessed) into rows of trimmed strings; values stay strings. Refuses a non-empty row past maxRows. */
export function parseCsv(text: string, maxRows = Number.POSITIVE_INFINITY): Grid {
  let body = text;
  let delimiter: string | null = null;
  // Excel's own hint line «sep=;» fixes the delimiter and is not data.
  const sep = /^sep=(.)\r?\n/i.exec(body);
  if (sep) {
    delimiter = sep[1];
    body = body.slice(sep[0].length);
  }
  delimiter ??= guessDelimiter(body);
  return splitCsv(body, delimiter, maxRows).map((row) => row.map(cleanString));
}

/**
 * The delimiter is the one that splits the first lines into the same number of pieces most
 * often: a «;» file with decimal commas («12,5») has a steady count of «;» but not of «,».
 */
export function guessDelimiter(text: string): string {
  const lines = firstLines(text, 30);
  let best: { d: string; lines: number; mode: number } = { d: ";", lines: 0, mode: 0 };
  for (const d of DELIMITERS) {
    const counts = lines.map((l) => countOutsideQuotes(l, d)).filter((n) => n > 0);
    const mode = modeOf(counts);
    const steady = counts.filter((n) => n === mode).length;
    if (steady > best.lines || (steady === best.lines && steady > 0 && mode > best.mode)) best = { d, lines: steady, mode };
  }
  return best.d;
}

/** First logical lines, newlines inside quotes kept within their line. */
function firstLines(text: string, n: number): string[] {
  const lines: string[] = [];
  let start = 0;
  let inQuotes = false;
  for (let i = 0; i < text.length && lines.length < n; i++) {
    const ch = text[i];
    if (ch === '"') inQuotes = !inQuotes;
    else if (ch === "\n" && !inQuotes) {
      lines.push(text.slice(start, i));
      start = i + 1;
    }
  }
  if (lines.length < n && start < text.length) lines.push(text.slice(start));
  return lines.filter((l) => l.trim() !== "");
}

function countOutsideQuotes(line: string, d: string): number {
  let n = 0;
  let inQuotes = false;
  for (const ch of line) {
    if (ch === '"') inQuotes = !inQuotes;
    else if (ch === d && !inQuotes) n++;
  }
  return n;
}

function modeOf(values: number[]): number {
  const freq = new Map<number, number>();
  let best = 0;
  let bestFreq = 0;
  for (const v of values) {
    const f = (freq.get(v) ?? 0) + 1;
    freq.set(v, f);
    if (f > bestFreq || (f === bestFreq && v > best)) [best, bestFreq] = [v, f];
  }
  return best;
}

/**
 * RFC 4180 fields, lenient like Excel: spaces before an opening quote are dropped, text after a
 * closing quote is kept, a quote inside an unquoted field is literal, an unclosed quote runs to
 * the end. Scans with indexes and slices: a 20 MB file takes a fraction of a second.
 */
function splitCsv(text: string, d: string, maxRows: number): string[][] {
  const rows: string[][] = [];
  const n = text.length;
  if (n === 0) return rows;
  const D = d.charCodeAt(0);
  const isEnd = (c: number) => c === D || c === 10 || c === 13;
  let row: string[] = [];
  const endRow = () => {
    // Refused while parsing, so a huge file is not first turned into a huge grid.
    if (rows.length >= maxRows && row.some((f) => f.trim() !== "")) throw bad(MSG.tooManyRows(maxRows));
    rows.push(row);
    row = [];
  };
  let i = 0;
  for (;;) {
    let j = i;
    while (j < n && text.charCodeAt(j) === 32) j++;
    let value: string;
    if (j < n && text.charCodeAt(j) === 34) {
      let out = "";
      let k = j + 1;
      for (;;) {
        const q = text.indexOf('"', k);
        if (q < 0) {
          out += text.slice(k);
          k = n;
          break;
        }
        out += text.slice(k, q);
        k = q + 1;
        if (text.charCodeAt(k) !== 34) break;
        out += '"';
        k++;
      }
      let e = k;
      while (e < n && !isEnd(text.charCodeAt(e))) e++;
      value = out + text.slice(k, e);
      i = e;
    } else {
      let e = i;
      while (e < n && !isEnd(text.charCodeAt(e))) e++;
      value = text.slice(i, e);
      i = e;
    }
    row.push(value);
    if (i >= n) break;
    const c = text.charCodeAt(i);
    if (c === D) {
      i++;
      if (i >= n) {
        row.push("");
        break;
      }
      continue;
    }
    i += c === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1;
    endRow();
    if (i >= n) return rows;
  }
  endRow();
  return rows;
}

// ---------------------------------------------------------------------------------------------
// Common finishing

function finish(grid: Grid, limits: ReadLimits): Grid {
  const trimmed = trimGrid(grid);
  if (trimmed.length === 0) throw bad(MSG.empty);
  checkRows(trimmed, limits);
  return trimmed;
}

function checkRows(grid: Grid, limits: ReadLimits): void {
  if (grid.length > limits.maxRows) throw bad(MSG.tooManyRows(limits.maxRows));
}

/** Drops trailing empty rows and columns, fills holes with null and pads rows to one width. */
export function trimGrid(grid: Grid): Grid {
  let height = 0;
  let width = 0;
  for (let r = 0; r < grid.length; r++) {
    const row = grid[r];
    if (!row) continue;
    for (let c = row.length - 1; c >= 0; c--) {
      if (row[c] !== null && row[c] !== undefined) {
        height = r + 1;
        width = Math.max(width, c + 1);
        break;
      }
    }
  }
  const out: Grid = [];
  for (let r = 0; r < height; r++) {
    const row = grid[r] ?? [];
    const cells: Cell[] = new Array<Cell>(width);
    for (let c = 0; c < width; c++) cells[c] = row[c] ?? null;
    out.push(cells);
  }
  return out;
}
