import "./runtime.js";
import { sql } from "drizzle-orm";
import { loadConfig } from "./config.js";
import { openDatabase, queryRows, refreshStatistics } from "./db/client.js";
import { buildApp } from "./app.js";
import { generateDemo } from "./demo/generate.js";
import { createDemoAccounts, DEMO_PASSWORD } from "./demo/accounts.js";
import { AppError } from "./errors.js";

const started = performance.now();
const config = loadConfig();

try {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.databaseUrl ? null : config.dataDir });
  // The embedded database gets the demo unless told not to; a server only when asked.
  const wantDemo = config.demo ?? database.kind === "pglite";
  const [{ n }] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from municipalities`);
  if (wantDemo && n === 0) {
    console.log("Пустая база: создаю демонстрационный муниципалитет…");
    const demo = await generateDemo(database.db, { scale: "municipality", seed: 1 });
    const m = demo.municipalities[0];
    const accounts = await createDemoAccounts(database.db, { id: m.id, regionCode: "23" });
    console.log(`Демо: ${m.name}, организаций ${demo.organizations}, педагогов ${demo.persons}.`);
    console.log(`Демонстрационные входы (пароль у всех «${DEMO_PASSWORD}»):`);
    for (const a of accounts) console.log(`  ${a.login.padEnd(12)} ${a.role}`);
  } else if (n === 0) {
    console.log("Пустая база без демо-данных: откройте приложение в браузере — страница «Первый запуск» создаст муниципалитет и его администратора");
    console.log('(или: npx metodist municipality create КОД "Название" --region NN --admin ЛОГИН).');
  }
  // The embedded database has no autovacuum: fresh statistics at every start.
  if (database.kind === "pglite") await refreshStatistics(database.db);
  const app = await buildApp({ database, config, logger: process.env.LOG === "1" });
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  console.log(
    `Metodist работает: http://localhost:${port} (база: ${database.kind === "pglite" ? `встроенная, ${config.dataDir}` : "PostgreSQL"}; ` +
      `запуск ${Math.round(performance.now() - started)} мс)`,
  );
  const shutdown = async () => {
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
} catch (err) {
  console.error(err instanceof AppError ? err.message : err);
  process.exit(1);
}
