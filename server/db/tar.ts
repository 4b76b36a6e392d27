// A minimal ustar (POSIX tar) writer and reader for the embedded database's backups: regular
// files and directories only, streamed in 1 MB pieces so that a region-sized data folder never
// sits in memory whole. Archives open with any tar (`tar -xzf`), and PGlite's `loadDataDir` reads
// the same layout (paths relative to the data folder).
import fs from "node:fs";
import path from "node:path";

const BLOCK = 512;
const CHUNK = 1 << 20;
const ZERO = Buffer.alloc(BLOCK);

export type TarSource =
  | { name: string; type: "dir"; mode: number; mtime: number }
  | { name: string; type: "file"; mode: number; mtime: number; size: number; path: string }
  | { name: string; type: "file"; mode: number; mtime: number; data: Buffer };

function writeString(block: Buffer, value: string, offset: number, length: number) {
  const bytes = Buffer.from(value, "utf8");
  if (bytes.length > length) throw new Error(`tar: field too long: ${value}`);
  bytes.copy(block, offset);
}

function writeOctal(block: Buffer, value: number, offset: number, length: number) {
  const digits = Math.floor(value).toString(8);
  if (digits.length > length - 1) throw new Error(`tar: number too large: ${value}`);
  writeString(block, digits.padStart(length - 1, "0") + "\0", offset, length);
}

/** Splits a long path into ustar's prefix (≤ 155 bytes) and name (≤ 100 bytes) at a slash. */
function splitName(name: string): [prefix: string, name: string] {
  if (Buffer.byteLength(name) <= 100) return ["", name];
  for (let i = name.indexOf("/"); i >= 0; i = name.indexOf("/", i + 1)) {
    const prefix = name.slice(0, i);
    const rest = name.slice(i + 1);
    if (Buffer.byteLength(prefix) <= 155 && Buffer.byteLength(rest) <= 100 && rest.length > 0) return [prefix, rest];
  }
  throw new Error(`tar: path too long: ${name}`);
}

function header(entry: { name: string; type: "file" | "dir"; mode: number; mtime: number; size: number }): Buffer {
  const block = Buffer.alloc(BLOCK);
  const [prefix, name] = splitName(entry.type === "dir" ? `${entry.name.replace(/\/$/, "")}/` : entry.name);
  writeString(block, name, 0, 100);
  writeOctal(block, entry.mode & 0o7777, 100, 8);
  writeOctal(block, 0, 108, 8);
  writeOctal(block, 0, 116, 8);
  writeOctal(block, entry.type === "dir" ? 0 : entry.size, 124, 12);
  writeOctal(block, entry.mtime, 136, 12);
  block.fill(0x20, 148, 156);
  block[156] = entry.type === "dir" ? 0x35 : 0x30;
  writeString(block, "ustar\0", 257, 6);
  writeString(block, "00", 263, 2);
  writeString(block, prefix, 345, 155);
  let sum = 0;
  for (const byte of block) sum += byte;
  writeString(block, sum.toString(8).padStart(6, "0") + "\0 ", 148, 8);
  return block;
}

const padding = (size: number) => (BLOCK - (size % BLOCK)) % BLOCK;

/** The archive of `entries`, piece by piece (pipe it through gzip into a file). */
export async function* tarStream(entries: Iterable<TarSource>): AsyncGenerator<Buffer> {
  for (const entry of entries) {
    if (entry.type === "dir") {
      yield header({ ...entry, size: 0 });
      continue;
    }
    if ("data" in entry) {
      yield header({ ...entry, size: entry.data.length });
      yield entry.data;
      if (padding(entry.data.length)) yield ZERO.subarray(0, padding(entry.data.length));
      continue;
    }
    yield header(entry);
    const fd = await fs.promises.open(entry.path, "r");
    try {
      let left = entry.size;
      while (left > 0) {
        const piece = Buffer.allocUnsafe(Math.min(CHUNK, left));
        const { bytesRead } = await fd.read(piece, 0, piece.length, entry.size - left);
        if (bytesRead === 0) throw new Error(`tar: ${entry.path} became shorter while archived`);
        left -= bytesRead;
        yield piece.subarray(0, bytesRead);
      }
    } finally {
      await fd.close();
    }
    if (padding(entry.size)) yield ZERO.subarray(0, padding(entry.size));
  }
  yield Buffer.alloc(BLOCK * 2);
}

/** Every directory and regular file below `root`, parents first, with names relative to it. */
export function listTree(root: string, keep: (relative: string) => boolean = () => true): TarSource[] {
  const out: TarSource[] = [];
  const walk = (dir: string, prefix: string) => {
    for (const name of fs.readdirSync(dir).sort()) {
      const relative = prefix ? `${prefix}/${name}` : name;
      if (!keep(relative)) continue;
      const full = path.join(dir, name);
      const stat = fs.lstatSync(full);
      const mtime = Math.floor(stat.mtimeMs / 1000);
      if (stat.isDirectory()) {
        out.push({ name: relative, type: "dir", mode: stat.mode, mtime });
        walk(full, relative);
      } else if (stat.isFile()) {
        out.push({ name: relative, type: "file", mode: stat.mode, mtime, size: stat.size, path: full });
      }
      // Sockets, links and the like are not part of a database.
    }
  };
  walk(root, "");
  return out;
}

export type TarHeader = { name: string; type: "file" | "dir"; mode: number; size: number; mtime: number };

function parseHeader(block: Buffer): TarHeader | null {
  if (block.every((b) => b === 0)) return null;
  const text = (offset: number, length: number) => {
    const raw = block.subarray(offset, offset + length);
    const end = raw.indexOf(0);
    return raw.subarray(0, end < 0 ? length : end).toString("utf8");
  };
  const octal = (offset: number, length: number) => parseInt(text(offset, length).trim() || "0", 8);
  if (text(257, 5) !== "ustar") throw new Error("tar: not a ustar archive");
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : block[i];
  if (sum !== octal(148, 8)) throw new Error("tar: damaged header (checksum)");
  const flag = String.fromCharCode(block[156]);
  const prefix = text(345, 155);
  const name = (prefix ? `${prefix}/${text(0, 100)}` : text(0, 100)).replace(/\/$/, "");
  const type = flag === "5" ? "dir" : flag === "0" || flag === "\0" ? "file" : null;
  if (!type) throw new Error(`tar: unsupported entry type «${flag}» (${name})`);
  return { name, type, mode: octal(100, 8), size: type === "dir" ? 0 : octal(124, 12), mtime: octal(136, 12) };
}

/** Rejects names that would leave the target folder. */
function safeRelative(name: string): string {
  const normal = path.posix.normalize(name);
  if (!normal || normal === "." || path.posix.isAbsolute(normal) || normal === ".." || normal.startsWith("../")) {
    throw new Error(`tar: unsafe path in archive: ${name}`);
  }
  return normal;
}

/**
 * Unpacks an archive (already decompressed, as a stream of pieces) into `dest`. `first` sees the
 * first entry with its content before anything is written and may refuse the archive by throwing.
 */
export async function extractTar(
  source: AsyncIterable<Buffer>,
  dest: string,
  first?: (entry: TarHeader, data: Buffer) => void,
): Promise<{ files: number; bytes: number }> {
  let pending: Buffer = Buffer.alloc(0);
  type Current = { header: TarHeader; fd: number | null; left: number; pad: number; firstData?: Buffer[] };
  // Read through `state` so that TypeScript does not keep a narrowing across finish().
  const state: { current: Current | null } = { current: null };
  let seenFirst = !first;
  let ended = false;
  let files = 0;
  let bytes = 0;
  const open = (h: TarHeader): number | null => {
    const target = path.join(dest, safeRelative(h.name));
    if (h.type === "dir") {
      fs.mkdirSync(target, { recursive: true, mode: (h.mode & 0o777) | 0o700 });
      return null;
    }
    fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
    files++;
    return fs.openSync(target, "w", h.mode & 0o777 || 0o600);
  };
  const finish = () => {
    const current = state.current;
    if (!current) return;
    if (current.firstData) {
      const data = Buffer.concat(current.firstData);
      first?.(current.header, data);
      seenFirst = true;
      const fd = open(current.header);
      if (fd !== null) {
        fs.writeSync(fd, data);
        fs.closeSync(fd);
      }
    } else if (current.fd !== null) {
      fs.closeSync(current.fd);
      const mtime = current.header.mtime;
      if (mtime > 0) fs.utimesSync(path.join(dest, safeRelative(current.header.name)), mtime, mtime);
    }
    state.current = null;
  };
  try {
    for await (const chunk of source) {
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      let offset = 0;
      while (!ended) {
        const current = state.current;
        if (current && current.left > 0) {
          const n = Math.min(current.left, pending.length - offset);
          if (n === 0) break;
          const piece = pending.subarray(offset, offset + n);
          if (current.firstData) current.firstData.push(Buffer.from(piece));
          else if (current.fd !== null) fs.writeSync(current.fd, piece);
          bytes += n;
          current.left -= n;
          offset += n;
          continue;
        }
        if (current && current.pad > 0) {
          const n = Math.min(current.pad, pending.length - offset);
          if (n === 0) break;
          current.pad -= n;
          offset += n;
          continue;
        }
        finish();
        if (pending.length - offset < BLOCK) break;
        const h = parseHeader(pending.subarray(offset, offset + BLOCK));
        offset += BLOCK;
        if (!h) {
          ended = true;
          break;
        }
        if (!seenFirst) {
          // The first entry is read whole before anything is written: it says what the archive is.
          if (h.type !== "file" || h.size > 1 << 20) first?.(h, Buffer.alloc(0));
          state.current = { header: h, fd: null, left: h.size, pad: padding(h.size), firstData: [] };
        } else {
          state.current = { header: h, fd: open(h), left: h.size, pad: padding(h.size) };
        }
      }
      pending = pending.subarray(offset);
      if (ended) break;
    }
    const last = state.current;
    if (last && !ended && (last.left > 0 || last.pad > 0)) {
      throw new Error("tar: the archive ends in the middle of a file (truncated?)");
    }
    finish();
    if (!ended) throw new Error("tar: the archive has no end marker (truncated?)");
  } finally {
    const unfinished = state.current;
    if (unfinished && unfinished.fd !== null) fs.closeSync(unfinished.fd);
  }
  return { files, bytes };
}
