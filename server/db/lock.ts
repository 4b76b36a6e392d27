import fs from "node:fs";
import path from "node:path";
import { AppError } from "../errors.js";

/** Holds an exclusive lock on an embedded data folder for the life of this process. */
export function lockDataDir(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, "metodist.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: "wx" });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          if (fs.readFileSync(lockPath, "utf8") === String(process.pid)) fs.unlinkSync(lockPath);
        } catch {
          // Already gone: nothing to release.
        }
      };
      process.once("exit", release);
      return release;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const holder = Number(fs.readFileSync(lockPath, "utf8").trim());
      if (holder && holder !== process.pid && isAlive(holder)) {
        throw new AppError(
          "data_dir_locked",
          `Папка данных ${dataDir} уже открыта другим процессом Metodist (PID ${holder}). ` +
            "Встроенная база обслуживает один процесс: остановите сервер или выполните команду через его API.",
        );
      }
      // The holder died without releasing: the lock is stale, take it over.
      fs.unlinkSync(lockPath);
    }
  }
  throw new AppError("data_dir_locked", `Не удалось заблокировать папку данных ${dataDir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}
