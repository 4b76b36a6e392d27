import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { execFileSync } from "node:child_process";
import { Readable } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { detectBackupKind } from "./backup.js";
import { walSegmentName } from "./snapshot.js";
import { extractTar, listTree, tarStream, type TarSource } from "./tar.js";

const work = fs.mkdtempSync(path.join(os.tmpdir(), "metodist-tar-"));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

async function pack(entries: TarSource[]): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const piece of tarStream(entries)) parts.push(Buffer.from(piece));
  return Buffer.concat(parts);
}

/** The archive in pieces of `size` bytes, as a stream delivers them. */
function pieces(archive: Buffer, size: number): AsyncIterable<Buffer> {
  const out: Buffer[] = [];
  for (let i = 0; i < archive.length; i += size) out.push(archive.subarray(i, i + size));
  return Readable.from(out);
}

describe("tar", () => {
  it("packs a folder and unpacks it byte for byte, whatever the pieces", async () => {
    const source = path.join(work, "source");
    const deep = path.join(source, "base", "16384", "a".repeat(80), "b".repeat(60));
    fs.mkdirSync(deep, { recursive: true });
    fs.writeFileSync(path.join(source, "PG_VERSION"), "18\n");
    fs.writeFileSync(path.join(source, "base", "16384", "empty"), "");
    fs.writeFileSync(path.join(deep, "c".repeat(90)), Buffer.alloc((1 << 20) + 700, 0x5a));
    fs.mkdirSync(path.join(source, "pg_wal", "archive_status"), { recursive: true });
    const archive = await pack([{ name: "marker.json", type: "file", mode: 0o600, mtime: 1, data: Buffer.from("{}") }, ...listTree(source)]);
    expect(archive.length % 512).toBe(0);
    for (const size of [13, 511, 65536]) {
      const dest = path.join(work, `dest-${size}`);
      const seen: string[] = [];
      const r = await extractTar(pieces(archive, size), dest, (entry, data) => seen.push(`${entry.name}=${data.toString()}`));
      expect(seen).toEqual(["marker.json={}"]);
      expect(r.files).toBe(4);
      expect(fs.readFileSync(path.join(dest, "PG_VERSION"), "utf8")).toBe("18\n");
      expect(fs.statSync(path.join(dest, "base", "16384", "empty")).size).toBe(0);
      expect(fs.readFileSync(path.join(dest, path.relative(source, deep), "c".repeat(90))).equals(Buffer.alloc((1 << 20) + 700, 0x5a))).toBe(true);
      expect(fs.statSync(path.join(dest, "pg_wal", "archive_status")).isDirectory()).toBe(true);
    }
    // The system tar reads it too, long names included.
    const file = path.join(work, "archive.tar");
    fs.writeFileSync(file, archive);
    const names = execFileSync("tar", ["-tf", file], { encoding: "utf8" }).trim().split("\n").map((n) => n.replace(/\/$/, ""));
    expect(names).toEqual(["marker.json", ...listTree(source).map((e) => e.name)]);
    expect(names).toContain(path.join(path.relative(source, deep), "c".repeat(90)));
  });

  it("refuses paths that leave the folder, damaged headers and a cut archive", async () => {
    const evil = await pack([{ name: "../evil", type: "file", mode: 0o600, mtime: 1, data: Buffer.from("x") }]);
    await expect(extractTar(pieces(evil, 512), path.join(work, "evil"))).rejects.toThrow("unsafe path");
    expect(fs.existsSync(path.join(work, "evil"))).toBe(false);
    const good = await pack([{ name: "a", type: "file", mode: 0o600, mtime: 1, data: Buffer.alloc(2000, 1) }]);
    const damaged = Buffer.from(good);
    damaged[10] ^= 0xff;
    await expect(extractTar(pieces(damaged, 512), path.join(work, "damaged"))).rejects.toThrow("checksum");
    await expect(extractTar(pieces(good.subarray(0, 1536), 512), path.join(work, "cut"))).rejects.toThrow("truncated");
  });
});

describe("detectBackupKind", () => {
  it("knows each kind by its first bytes", async () => {
    const marker = Buffer.from(JSON.stringify({ format: "metodist-embedded-backup", version: 1 }));
    const embedded = zlib.gzipSync(await pack([{ name: "metodist-backup.json", type: "file", mode: 0o600, mtime: 1, data: marker }, { name: "PG_VERSION", type: "file", mode: 0o600, mtime: 1, data: Buffer.alloc(100_000, 0x31) }]));
    expect(detectBackupKind(embedded.subarray(0, 65536))).toBe("pglite");
    expect(detectBackupKind(Buffer.from("PGDMP\x01\x0e\x00"))).toBe("postgres");
    expect(detectBackupKind(Buffer.from("--\n-- PostgreSQL database dump\n--\n"))).toBe("plain-sql");
    // Another program's .tar.gz, a workbook, text.
    expect(detectBackupKind(zlib.gzipSync(await pack([{ name: "PG_VERSION", type: "file", mode: 0o600, mtime: 1, data: Buffer.from("18") }])))).toBe("unknown");
    expect(detectBackupKind(Buffer.from("PK\x03\x04"))).toBe("unknown");
    expect(detectBackupKind(Buffer.from("ФИО;Должность\n"))).toBe("unknown");
  });
});

describe("walSegmentName", () => {
  it("names the segment that holds a WAL position, as pg_walfile_name does inside a segment", () => {
    const mb16 = 16 * 1024 * 1024;
    expect(walSegmentName("0/B8FBD48", 1, mb16)).toBe("00000001000000000000000B");
    expect(walSegmentName("1/2000000", 3, mb16)).toBe("000000030000000100000002");
    expect(walSegmentName("0/1000000", 1, mb16)).toBe("000000010000000000000001");
  });
});
