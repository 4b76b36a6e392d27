// `npm test`: type-checks, runs unit and HTTP tests, then the browser tests. Installs Debian's
// chromium first when it is missing (the browser tests drive /usr/bin/chromium).
import fs from "node:fs";
import { execSync } from "node:child_process";

const sh = (cmd) => execSync(cmd, { stdio: "inherit" });

if (!fs.existsSync("/usr/bin/chromium")) {
  console.log("Устанавливаю chromium для браузерных тестов…");
  const sudo = process.getuid?.() === 0 ? "" : "sudo ";
  sh(`${sudo}apt-get update -qq && ${sudo}env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium`);
}

try {
  sh("npx tsc --noEmit -p tsconfig.json");
  sh("npx vitest run");
  sh("npx vitest run --config vitest.e2e.config.ts");
} catch {
  process.exit(1);
}
