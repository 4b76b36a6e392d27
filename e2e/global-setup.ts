// Builds the web app once before the browser tests, unless the build is newer than its sources.
import { execSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const built = path.join(root, "dist", "web", "index.html");

function newestMtime(target: string): number {
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs.readdirSync(target).reduce((newest, name) => Math.max(newest, newestMtime(path.join(target, name))), 0);
}

export default function setup() {
  const sources = [path.join(root, "web"), path.join(root, "shared"), path.join(root, "vite.config.ts")];
  const stale = !fs.existsSync(built) || Math.max(...sources.map(newestMtime)) > fs.statSync(built).mtimeMs;
  if (stale || process.env.E2E_BUILD === "1") {
    execSync("npx vite build --logLevel warn", { cwd: root, stdio: "inherit" });
  }
  fs.mkdirSync(path.join(root, "test-results"), { recursive: true });
}
