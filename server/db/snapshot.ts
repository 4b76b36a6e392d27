// A consistent copy of an embedded (PGlite) data folder, taken inside the process that has it open.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import { listTree, tarStream, type TarSource } from "./tar.js";

/** First entry of every embedded backup archive: says what the archive is (see backup.ts). */
export const BACKUP_MARKER = "metodist-backup.json";
export const BACKUP_FORMAT = "metodist-embedded-backup";

export type SnapshotMeta = {
  format: typeof BACKUP_FORMAT;
  version: 1;
  /** PostgreSQL major version of the embedded engine (the data folder's PG_VERSION). */
  pgVersion: string;
  createdAt: string;
  /** WAL segments kept: from the checkpoint's redo point to the insert position. */
  wal: { from: string; to: string };
};

/** Files of the data folder that belong to the application, not to the database. */
const APP_FILES = new Set(["metodist.lock", "metodist.sock", BACKUP_MARKER]);
export const SNAPSHOT_PREFIX = ".metodist-snapshot-";
/** Entries of a data folder's top level that are not the database. */
export const isAppEntry = (name: string) => APP_FILES.has(name) || name.startsWith(".metodist-");

const WAL_SEGMENT = /^[0-9A-F]{24}$/;

/** The WAL segment file name that holds `lsn` ('X/Y') on `timeline`. */
export function walSegmentName(lsn: string, timeline: number, segmentSize: number): string {
  const [hi, lo] = lsn.split("/");
  const position = (BigInt(`0x${hi}`) << 32n) | BigInt(`0x${lo}`);
  const segment = position / BigInt(segmentSize);
  const perId = 0x1_0000_0000n / BigInt(segmentSize);
  const hex = (v: bigint | number) => v.toString(16).toUpperCase().padStart(8, "0");
  return hex(timeline) + hex(segment / perId) + hex(segment % perId);
}

/**
 * Writes the data folder as one uncompressed tar file (`.metodist-snapshot-….tar`, mode 0600,
 * first entry the marker) inside the folder and returns its path; the caller compresses it into
 * the backup and removes it. Sequential reads and one sequential write: for a region-sized folder
 * on the development machine 0,7–2 s (disk-bound), against 3–4 s for a copy file by file.
 *
 * The file is written inside a PGlite transaction after a CHECKPOINT: PGlite 0.5 runs every
 * top-level query and transaction under one mutex, so no other statement of this process runs
 * meanwhile, and PostgreSQL (one backend, no background processes) writes nothing. The archive
 * is then exactly what a clean checkpoint left: restoring it replays at most the few WAL records
 * after the checkpoint. Only the WAL segments from the checkpoint's redo point to the insert
 * position are kept; the others are old or pre-allocated (recycled) segments no recovery reads,
 * 2/3 of a region-sized folder.
 */
export async function snapshotDataDir(client: PGlite, dataDir: string): Promise<{ file: string; meta: SnapshotMeta; heldMs: number }> {
  const file = path.join(dataDir, `${SNAPSHOT_PREFIX}${process.pid}-${crypto.randomBytes(4).toString("hex")}.tar`);
  try {
    return await client.transaction(async (tx) => {
      const started = performance.now();
      await tx.exec("checkpoint");
      const {
        rows: [w],
      } = await tx.query<{ redo: string; timeline: number; insert: string; segment: string }>(
        `select c.redo_lsn::text as redo, c.timeline_id as timeline, pg_current_wal_insert_lsn()::text as insert,
                (select setting from pg_settings where name = 'wal_segment_size') as segment
         from pg_control_checkpoint() c`,
      );
      const segmentSize = Number(w.segment);
      const from = walSegmentName(w.redo, w.timeline, segmentSize);
      const to = walSegmentName(w.insert, w.timeline, segmentSize);
      const entries = listTree(dataDir, (relative) => {
        const parts = relative.split("/");
        if (isAppEntry(parts[0])) return false;
        // Segments outside [redo, insert] of this timeline are not read by recovery.
        if (parts[0] === "pg_wal" && parts.length === 2 && WAL_SEGMENT.test(parts[1])) {
          return parts[1].slice(0, 8) === from.slice(0, 8) && parts[1] >= from && parts[1] <= to;
        }
        return true;
      });
      const meta: SnapshotMeta = {
        format: BACKUP_FORMAT,
        version: 1,
        pgVersion: fs.readFileSync(path.join(dataDir, "PG_VERSION"), "utf8").trim(),
        createdAt: new Date().toISOString(),
        wal: { from, to },
      };
      const marker: TarSource = { name: BACKUP_MARKER, type: "file", mode: 0o600, mtime: Math.floor(Date.now() / 1000), data: Buffer.from(`${JSON.stringify(meta, null, 2)}\n`) };
      // Plain sequential writes: a third faster than a stream pipeline here.
      const out = await fs.promises.open(file, "wx", 0o600);
      try {
        for await (const piece of tarStream([marker, ...entries])) await out.write(piece);
      } finally {
        await out.close();
      }
      return { file, meta, heldMs: Math.round(performance.now() - started) };
    });
  } catch (err) {
    fs.rmSync(file, { force: true });
    throw err;
  }
}

/**
 * Removes snapshots a process left behind when it ended in the middle of a backup (the caller
 * holds the folder's lock). Recent ones may still be read by a backup command, so only those
 * older than an hour go.
 */
export function removeStaleSnapshots(dataDir: string): void {
  const hourAgo = Date.now() - 3600_000;
  for (const name of fs.existsSync(dataDir) ? fs.readdirSync(dataDir) : []) {
    if (!name.startsWith(SNAPSHOT_PREFIX)) continue;
    const full = path.join(dataDir, name);
    try {
      if (fs.statSync(full).mtimeMs < hourAgo) fs.rmSync(full, { recursive: true, force: true });
    } catch {
      // Gone meanwhile.
    }
  }
}
