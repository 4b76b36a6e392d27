// Where the app's files are, whether it runs from its TypeScript sources (tests, tsx) or
// compiled into dist/server (npm start, the metodist command).
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "package.json"))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`No package.json above ${from}`);
  }
}

/** The project folder: the nearest folder above this module with a package.json. */
export const projectRoot = findRoot(path.dirname(fileURLToPath(import.meta.url)));

export const migrationsFolder = path.join(projectRoot, "server", "db", "migrations");
export const webDist = path.join(projectRoot, "dist", "web");
