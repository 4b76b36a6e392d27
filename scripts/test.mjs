// `npm test`: type-checks, runs unit and HTTP tests, then the browser tests. Installs Debian's
// chromium first when it is missing (the browser tests drive /usr/bin/chromium), and
// postgresql-client (pg_dump, pg_restore, psql for the backup tests).
import fs from "node:fs";
import { execSync } from "node:child_process";

const sh = (cmd) => execSync(cmd, { stdio: "inherit" });

if (!fs.existsSync("/usr/bin/chromium")) {
  console.log("Устанавливаю chromium для браузерных тестов…");
  const sudo = process.getuid?.() === 0 ? "" : "sudo ";
  sh(`${sudo}apt-get update -qq && ${sudo}env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium`);
}

// Backup and restore on a PostgreSQL server use pg_dump, pg_restore and psql (server/db/backup.ts).
if (!["pg_dump", "pg_restore", "psql"].every((tool) => fs.existsSync(`/usr/bin/${tool}`))) {
  console.log("Устанавливаю postgresql-client для тестов резервного копирования…");
  const sudo = process.getuid?.() === 0 ? "" : "sudo ";
  sh(`${sudo}apt-get update -qq && ${sudo}env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-client`);
}

try {
  sh("npx tsc --noEmit -p tsconfig.json");
  sh("npx vitest run");
  sh("npx vitest run --config vitest.e2e.config.ts");
} catch {
  process.exit(1);
}
