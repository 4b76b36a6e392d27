// `metodist backup ФАЙЛ` and `metodist restore ФАЙЛ [--force]` (server/db/backup.ts). They run
// before the CLI opens the database: the embedded folder may be held by the running server.
import type { Config } from "../config.js";
import { backupDatabase, BackupRefusal, restoreDatabase } from "../db/backup.js";

export { BackupRefusal };

export const BACKUP_USAGE = `  backup ФАЙЛ [--json]                      резервная копия базы, в том числе при работающем сервере:
                                            встроенной — архив папки данных (.tar.gz), сервера
                                            PostgreSQL — pg_dump в формате custom
  restore ФАЙЛ [--force]                    восстановить копию в пустую базу (пустую папку данных);
                                            непустую заменяет только с --force; встроенную — при
                                            остановленном сервере`;

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1).replace(".", ",")} МБ`;
const sec = (seconds: number) => `${seconds.toFixed(1).replace(".", ",")} с`;

export const isBackupCommand = (command: string | undefined) => command === "backup" || command === "restore";

export async function backupCommand(
  config: Config,
  positionals: string[],
  flags: { force?: boolean; json?: boolean },
): Promise<void> {
  const [command, file, extra] = positionals;
  if (!file || extra) throw new BackupRefusal(command === "backup" ? "Укажите файл: backup ФАЙЛ" : "Укажите файл: restore ФАЙЛ [--force]");
  const target = { databaseUrl: config.databaseUrl, dataDir: config.dataDir };
  if (command === "backup") {
    const r = await backupDatabase(target, file);
    if (flags.json) {
      console.log(JSON.stringify(r));
      return;
    }
    const what = r.kind === "postgres" ? "базы PostgreSQL (pg_dump, формат custom)" : `встроенной базы (${config.dataDir})`;
    const held =
      r.via === "server"
        ? `; снимок сделал работающий сервер (PID ${r.serverPid}), база была занята ${r.heldMs} мс`
        : r.via === "self"
          ? `; снимок за ${r.heldMs} мс`
          : "";
    console.log(`Резервная копия ${what} записана в ${r.file}: ${mb(r.bytes)} за ${sec(r.seconds)}${held}.`);
    return;
  }
  const r = await restoreDatabase(target, file, { force: Boolean(flags.force) });
  if (flags.json) {
    console.log(JSON.stringify(r));
    return;
  }
  const where = r.kind === "postgres" ? "в базу PostgreSQL (DATABASE_URL)" : `в папку данных ${config.dataDir}`;
  const counts = r.persons === null ? "" : `: муниципалитетов ${r.municipalities}, педагогов ${r.persons}`;
  console.log(`База восстановлена из ${file} ${where}${r.replaced ? " (прежнее содержимое заменено)" : ""} за ${sec(r.seconds)}${counts}.`);
  console.log("Миграции (если копия старше приложения) применятся при запуске сервера.");
}
