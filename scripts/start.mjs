// `npm start`: builds the web app when its sources are newer than the build, then runs the server.
import fs from "node:fs";
import path from "node:path";
import { execSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const built = path.join(root, "dist", "web", "index.html");

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

const sourcesChanged = () =>
  Math.max(newestMtime(path.join(root, "web")), newestMtime(path.join(root, "shared"))) > fs.statSync(built).mtimeMs;

if (!fs.existsSync(built) || sourcesChanged()) {
  console.log("Собираю веб-интерфейс…");
  execSync("npx vite build --logLevel warn", { cwd: root, stdio: "inherit" });
}

const { register } = await import("tsx/esm/api");
register();
await import(path.join(root, "server", "main.ts"));
