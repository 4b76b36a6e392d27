// Builds what the app runs, each only when its sources are newer than the build:
// - the web app (vite) into dist/web;
// - the server and the CLI, compiled from TypeScript into one JavaScript file each (esbuild)
//   in dist/server. Running compiled JavaScript instead of loading TypeScript through tsx saves
//   ~70 MB per process and half a second of start-up (docs/BENCHMARKS.md).
import fs from "node:fs";
import path from "node:path";
import { execSync } from "node:child_process";
import { fileURLToPath } from "node:url";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const serverDist = path.join(root, "dist", "server");

/** The newest modification time of a file, or of any file below a directory. */
function newestMtime(target) {
  if (!fs.existsSync(target)) return 0;
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs.readdirSync(target).reduce((newest, name) => Math.max(newest, newestMtime(path.join(target, name))), 0);
}

const isStale = (built, sources) => !fs.existsSync(built) || Math.max(...sources.map((s) => newestMtime(path.join(root, s)))) > fs.statSync(built).mtimeMs;

/** Builds the web app unless dist/web is newer than its sources (or `force`). */
export function ensureWebBuild({ force = false } = {}) {
  if (!force && !isStale(path.join(root, "dist", "web", "index.html"), ["web", "shared", "vite.config.ts", "package.json"])) return;
  console.log("Собираю веб-интерфейс…");
  execSync("npx vite build --logLevel warn", { cwd: root, stdio: "inherit" });
}

/**
 * Compiles one TypeScript entry point with everything it imports from this repository into
 * one ES module; packages stay imports from node_modules. Written beside and renamed into
 * place, so a process starting meanwhile never loads half a file.
 */
export async function bundle(entry, outfile) {
  const esbuild = await import("esbuild");
  const result = await esbuild.build({
    entryPoints: [path.join(root, entry)],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    // Stack traces map back to the TypeScript with `node --enable-source-maps`.
    sourcemap: "linked",
    logLevel: "warning",
    write: false,
  });
  fs.mkdirSync(path.dirname(outfile), { recursive: true });
  // The map first, the module last: a process starting meanwhile finds the old build or the new one.
  const isMap = (file) => file.path.endsWith(".map");
  for (const file of [...result.outputFiles.filter(isMap), ...result.outputFiles.filter((f) => !isMap(f))]) {
    const temp = `${file.path}.${process.pid}.tmp`;
    fs.writeFileSync(temp, file.contents);
    fs.renameSync(temp, file.path);
  }
}

const SERVER_ENTRIES = { "main.mjs": "server/main.ts", "cli.mjs": "server/cli/main.ts" };

/** Compiles the server and the CLI unless dist/server is newer than their sources. Returns its folder. */
export async function ensureServerBuild() {
  const sources = ["server", "shared", "package.json", "scripts/build.mjs"];
  for (const [file, entry] of Object.entries(SERVER_ENTRIES)) {
    const out = path.join(serverDist, file);
    if (isStale(out, sources)) await bundle(entry, out);
  }
  return serverDist;
}
