// One import of a prepared file in a fresh process, so that its time and peak memory are its own.
// Prints one JSON line: { seconds, openRssMb, maxRssMb, undoSeconds, result }.
import "../server/runtime.js";
import fs from "node:fs";
import { openDatabase } from "../server/db/client.js";
import { systemActor } from "../server/auth/policies.js";
import { createImport, runImport, undoImport } from "../server/imports/engine.js";

/**
 * The peak resident memory of this process image, in MB. Not `resourceUsage().maxRSS`: Linux
 * carries that over from the parent through fork and exec, so a large benchmark process would
 * leak its own size into the child's figure.
 */
const peakRssMb = () => Math.round(Number(/VmHWM:\s+(\d+) kB/.exec(fs.readFileSync("/proc/self/status", "utf8"))?.[1]) / 1024);

const [file, municipalityId] = [process.argv[2], Number(process.argv[3])];
const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL || undefined, dataDir: process.env.DATABASE_URL ? null : (process.env.DATA_DIR as string) });
// What the open database alone costs: PGlite keeps its engine and buffers in this process.
await database.db.execute("select count(*) from persons");
const openRssMb = peakRssMb();
const actor = systemActor(municipalityId);
const started = performance.now();
const preview = await createImport(database.db, { actor, kind: "staff", fileName: "bench.xlsx", file: fs.readFileSync(file) });
const result = await runImport(database.db, { actor, importId: preview.id, dryRun: false, skipInvalid: false });
const seconds = (performance.now() - started) / 1000;
const maxRssMb = peakRssMb();
// Undo of the whole import, as the history page offers it (after the peak above is taken).
const undoStarted = performance.now();
await undoImport(database.db, { actor, importId: preview.id });
const undoSeconds = (performance.now() - undoStarted) / 1000;
await database.close();
console.log(JSON.stringify({ seconds, openRssMb, maxRssMb, undoSeconds, result: { created: result.created, updated: result.updated, skipped: result.skipped, rejected: result.rejected.length, committed: result.committed } }));
