// Builds the web app once before the browser tests, unless the build is newer than its sources
// (E2E_BUILD=1 forces it).
import fs from "node:fs";
import path from "node:path";
import { ensureWebBuild, root } from "../scripts/build.mjs";

export default function setup() {
  ensureWebBuild({ force: process.env.E2E_BUILD === "1" });
  fs.mkdirSync(path.join(root, "test-results"), { recursive: true });
}
