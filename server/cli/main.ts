import "../runtime.js";
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { eq, sql } from "drizzle-orm";
import { loadConfig } from "../config.js";
import { openDatabase, queryRows, type Database } from "../db/client.js";
import { municipalities, organizations } from "../db/schema.js";
import { createImport, DEFAULT_CONFIDENCE, runImport, type ImportResult } from "../imports/engine.js";
import { foldKey } from "../imports/match-key.js";
import { AppError } from "../errors.js";
import { systemActor } from "../auth/policies.js";
import { generateDemo, type DemoScale } from "../demo/generate.js";
import { createDemoAccounts, DEMO_PASSWORD } from "../demo/accounts.js";
import { createUser } from "../modules/users/service.js";
import { municipalityCreateCommand } from "./municipality.js";
import { BACKUP_USAGE, backupCommand, BackupRefusal, isBackupCommand } from "./backup.js";
import { exportStaff } from "../modules/staff/export.js";
import { PeriodQuery, StaffListQuery, UserInput } from "../../shared/schemas.js";
import { formatRuDate } from "../../shared/validators.js";
import { pdSummary } from "../modules/pd/report.js";
import { todayIso } from "../../shared/derived.js";
import { ROLES } from "../../shared/domain.js";

const USAGE = `Использование: metodist <команда> [параметры]

  migrate                                   применить миграции базы
  municipality create КОД "НАЗВАНИЕ" [--region КОД_РЕГИОНА] [--admin ЛОГИН [--name "ФИО"]]
                                            новый муниципалитет со стандартными справочниками;
                                            с --admin — его администратор с одноразовым паролем
  demo [--scale municipality|region] [--seed N] [--code КОД]
                                            заполнить демонстрационными данными
  user create --login ЛОГИН --password ПАРОЛЬ --role РОЛЬ --name "ФИО"
              [--municipality КОД] [--org ID] [--person ID] [--region КОД_РЕГИОНА]
                                            роли: ${ROLES.join(", ")}
  export staff ФАЙЛ.xlsx [--municipality КОД] [--as-of ГГГГ-ММ-ДД]
  import organizations|staff|completions ФАЙЛ [--dry-run] [--skip-invalid] [--org ОРГАНИЗАЦИЯ] [--json]
         [--accept-suggestions [--confidence 0.85]]
                                            загрузить .xlsx или .csv; без --skip-invalid при
                                            ошибках ничего не записывается (код выхода 3);
                                            --accept-suggestions принимает предложения с оценкой
                                            не ниже --confidence (по умолчанию 0,85): сопоставляет
                                            значения с записями и создаёт недостающие должности,
                                            предметы, организации ДПО и программы — но никогда
                                            не организации и не педагогов
  report pd-summary --from ГГГГ-ММ-ДД --to ГГГГ-ММ-ДД [--as-of ГГГГ-ММ-ДД] [--org-kind school] [--json]
                                            отчёт о повышении квалификации за период
${BACKUP_USAGE}

База: DATABASE_URL (PostgreSQL) или встроенная в DATA_DIR (по умолчанию ./data).
Команда, работающая с одним муниципалитетом, принимает --municipality КОД;
он необязателен, пока в базе один муниципалитет.`;

const { values: flags, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    scale: { type: "string" },
    seed: { type: "string" },
    code: { type: "string" },
    region: { type: "string" },
    admin: { type: "string" },
    login: { type: "string" },
    password: { type: "string" },
    role: { type: "string" },
    name: { type: "string" },
    municipality: { type: "string" },
    org: { type: "string" },
    person: { type: "string" },
    "as-of": { type: "string" },
    "dry-run": { type: "boolean" },
    from: { type: "string" },
    to: { type: "string" },
    "org-kind": { type: "string" },
    "skip-invalid": { type: "boolean" },
    "accept-suggestions": { type: "boolean" },
    confidence: { type: "string" },
    json: { type: "boolean" },
    force: { type: "boolean" },
    help: { type: "boolean", short: "h" },
  },
});

class UsageError extends Error {}

/** The municipality a command acts on: named by --municipality, or the only one there is. */
async function resolveMunicipality(database: Database, code: string | undefined) {
  const rows = await database.db
    .select({ id: municipalities.id, code: municipalities.code, regionCode: municipalities.regionCode })
    .from(municipalities)
    .where(code ? eq(municipalities.code, code) : undefined);
  if (code && rows.length === 0) throw new UsageError(`Муниципалитет с кодом «${code}» не найден`);
  if (rows.length === 0) throw new UsageError("В базе нет ни одного муниципалитета: создайте его командой municipality create");
  if (rows.length > 1) throw new UsageError(`В базе ${rows.length} муниципалитетов: укажите --municipality КОД`);
  return rows[0];
}

async function run(database: Database): Promise<void> {
  const [command, sub, arg1, arg2] = positionals;
  const db = database.db;
  switch (`${command} ${sub ?? ""}`.trim()) {
    case "migrate":
      console.log("Миграции применены.");
      return;
    case "municipality create": {
      if (!arg1 || !arg2) throw new UsageError('Укажите код и название: municipality create КОД "НАЗВАНИЕ" [--region КОД_РЕГИОНА] [--admin ЛОГИН]');
      const { lines } = await municipalityCreateCommand(db, { code: arg1, name: arg2, region: flags.region, admin: flags.admin, adminName: flags.name });
      for (const line of lines) console.log(line);
      return;
    }
    case "demo": {
      const scale = (flags.scale ?? "municipality") as DemoScale;
      if (scale !== "municipality" && scale !== "region") throw new UsageError("--scale: municipality или region");
      const seed = Number(flags.seed ?? 1);
      if (!Number.isInteger(seed)) throw new UsageError("--seed: целое число");
      const started = performance.now();
      const result = await generateDemo(db, { scale, seed, municipalityCode: flags.code });
      console.log(
        `Создано: муниципалитетов ${result.municipalities.length}, организаций ${result.organizations}, педагогов ${result.persons}, ` +
          `записей о курсах ${result.completions} ` +
          `за ${((performance.now() - started) / 1000).toFixed(1)} с.`,
      );
      const [{ n }] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from users`);
      if (n === 0) {
        const first = result.municipalities[0];
        const accounts = await createDemoAccounts(db, { id: first.id, regionCode: "23" });
        console.log(`Демонстрационные входы в «${first.name}» (пароль «${DEMO_PASSWORD}»): ${accounts.map((a) => a.login).join(", ")}`);
      }
      return;
    }
    case "user create": {
      const role = flags.role;
      const input = UserInput.safeParse({
        login: flags.login,
        fullName: flags.name,
        role,
        password: flags.password,
        organizationId: flags.org,
        personId: flags.person,
      });
      if (!input.success) throw new UsageError(input.error.issues.map((i) => i.message).join("; "));
      if (!input.data.password) throw new UsageError("Укажите --password (не короче 8 символов)");
      const regionViewer = role === "region_viewer";
      if (regionViewer && !flags.region) throw new UsageError("Наблюдателю региона укажите --region КОД_РЕГИОНА");
      const municipality = regionViewer ? null : await resolveMunicipality(database, flags.municipality);
      const user = await createUser(db, {
        actor: null,
        municipalityId: municipality?.id ?? null,
        regionCode: regionViewer ? flags.region : null,
        input: { ...input.data, password: input.data.password },
      });
      console.log(`Создан пользователь ${user.login} (${user.roleLabel}).`);
      return;
    }
    case "export staff": {
      if (!arg1) throw new UsageError("Укажите файл: export staff ФАЙЛ.xlsx");
      const municipality = await resolveMunicipality(database, flags.municipality);
      const asOf = flags["as-of"] ?? todayIso();
      const buffer = await exportStaff(db, { actor: systemActor(municipality.id), query: StaffListQuery.parse({}), asOf });
      fs.writeFileSync(arg1, buffer);
      console.log(`Список педагогов на ${asOf} записан в ${arg1}.`);
      return;
    }
    case "import organizations":
    case "import completions":
    case "import staff": {
      if (!arg1) throw new UsageError(`Укажите файл: import ${sub} ФАЙЛ.xlsx`);
      if (!fs.existsSync(arg1)) throw new UsageError(`Файл ${arg1} не найден`);
      const municipality = await resolveMunicipality(database, flags.municipality);
      const actor = systemActor(municipality.id);
      const organizationId = flags.org ? await resolveOrganization(database, municipality.id, flags.org) : null;
      const preview = await createImport(db, {
        actor,
        kind: sub as "staff" | "organizations" | "completions",
        fileName: path.basename(arg1),
        file: fs.readFileSync(arg1),
        organizationId,
        maxBytes: loadConfig().importMaxMb * 1024 * 1024,
      });
      const confidence = flags.confidence === undefined ? DEFAULT_CONFIDENCE : Number(flags.confidence.replace(",", "."));
      if (!(confidence > 0 && confidence <= 1)) throw new UsageError("--confidence: число от 0 до 1, например 0,85");
      const result = await runImport(db, {
        actor,
        importId: preview.id,
        dryRun: Boolean(flags["dry-run"]),
        skipInvalid: Boolean(flags["skip-invalid"]),
        acceptSuggestions: flags["accept-suggestions"] ? { confidence } : undefined,
      });
      const { importId: _id, totalRows: _n, unresolved: _u, decisions: _d, organizationId: _o, ...summary } = result;
      if (flags.json) console.log(JSON.stringify(summary, null, 2));
      else printImport(result, Boolean(flags["dry-run"]));
      if (!result.committed && result.rejected.length > 0) process.exitCode = 3;
      return;
    }
    case "report pd-summary": {
      const query = PeriodQuery.safeParse({ from: flags.from, to: flags.to, asOf: flags["as-of"], orgKind: flags["org-kind"] });
      if (!query.success) throw new UsageError(query.error.issues.map((i) => i.message).join("; "));
      const municipality = await resolveMunicipality(database, flags.municipality);
      const { from, to, asOf, orgKind } = query.data;
      const report = await pdSummary(db, { municipalityId: municipality.id, from, to, asOf: asOf ?? to, orgKind });
      if (flags.json) {
        console.log(JSON.stringify(report, null, 2));
        return;
      }
      console.log(`Повышение квалификации с ${formatRuDate(from)} по ${formatRuDate(to)}, педагоги на ${formatRuDate(report.asOf)}:`);
      console.log(`  всего ${report.staffTotal}, прошли курсы ${report.trainedPersons} (${String(report.share).replace(".", ",")} %),`);
      console.log(`  в региональном институте ${report.regionalInstitutePersons}, в других организациях ${report.otherProvidersPersons};`);
      console.log(`  по программам ФР ДПП ${report.federalRegisterPersons}, дистанционно ${report.distancePersons}, переподготовка ${report.retrainingPersons}.`);
      for (const p of report.byProvider) console.log(`  ${p.provider}: ${p.persons}`);
      return;
    }
    default:
      throw new UsageError(USAGE);
  }
}

/** An organisation named on the command line by id or by name (as imports compare names). */
async function resolveOrganization(database: Database, municipalityId: number, ref: string): Promise<number> {
  const orgs = await database.db
    .select({ id: organizations.id, shortName: organizations.shortName, fullName: organizations.fullName })
    .from(organizations)
    .where(eq(organizations.municipalityId, municipalityId));
  const key = foldKey(ref);
  const found = orgs.find((o) => String(o.id) === ref || foldKey(o.shortName) === key || foldKey(o.fullName) === key);
  if (!found) throw new UsageError(`Организация «${ref}» не найдена`);
  return found.id;
}

function printImport(r: ImportResult, dryRun: boolean) {
  const verb = r.committed ? "Загружено" : dryRun ? "Проверка (ничего не записано)" : "Не загружено: в файле есть ошибки, ничего не записано";
  console.log(`${verb}. Строк: ${r.totalRows}; создано ${r.created}, обновлено ${r.updated}, без изменений ${r.skipped}, отклонено строк ${new Set(r.rejected.map((e) => e.row)).size}.`);
  const ACTIONS = { matched: "сопоставлено с", created: "создано:", ambiguous: "неоднозначно", unresolved: "не распознано" } as const;
  for (const x of r.resolutions.slice(0, 40)) {
    console.log(`  «${x.column}» «${x.value}» (строк: ${x.rows}) — ${ACTIONS[x.action]}${x.target ? ` «${x.target}»` : ""}`);
  }
  for (const e of r.rejected.slice(0, 30)) console.log(`  строка ${e.row}, «${e.column}», «${e.value}»: ${e.message}`);
  if (r.rejected.length > 30) console.log(`  … и ещё ${r.rejected.length - 30} ошибок (--json покажет все)`);
  if (r.warnings.length) console.log(`Предупреждений: ${r.warnings.length} (строки загружены; --json покажет все), например: строка ${r.warnings[0].row}, «${r.warnings[0].column}»: ${r.warnings[0].message}`);
  if (!r.committed && r.rejected.length && !dryRun) console.log("Исправьте строки или запустите с --skip-invalid, чтобы загрузить только корректные.");
}

if (flags.help || positionals.length === 0) {
  console.log(USAGE);
  process.exit(0);
}
let database: Database | null = null;
try {
  const config = loadConfig();
  // Backup and restore must not open the database: the running server may hold the embedded folder.
  if (isBackupCommand(positionals[0])) {
    await backupCommand(config, positionals, flags);
    process.exit(0);
  }
  database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.databaseUrl ? null : config.dataDir });
  await run(database);
  await database.close();
} catch (err) {
  await database?.close().catch(() => undefined);
  console.error(err instanceof Error && !(err instanceof TypeError) ? err.message : err);
  process.exit(err instanceof UsageError || err instanceof BackupRefusal ? 2 : 1);
}
