// Login back-off: password guessing slows down, the owner is never locked out for good.
import { eq, sql } from "drizzle-orm";
import type { Db, Queryable } from "../db/client.js";
import { queryRows } from "../db/client.js";
import { loginAttempts } from "../db/schema.js";
import { AppError } from "../errors.js";
import type { Config } from "../config.js";

/**
 * Every password check is counted in `login_attempts` (in the database, so that the limits hold
 * across app instances), by login and by address. A run of failures — ended by a success of that
 * login or from that address, or forgotten after LOGIN_WINDOW_MINUTES without failures — slows
 * further attempts: once a login has LOGIN_MAX_FAILURES failures in a row (an address four times
 * as many: a school's staff log in from one address), the next attempt must wait 2^(n − free)
 * seconds after the last failure, at most LOGIN_MAX_DELAY_SECONDS. A refused attempt checks no
 * password and is not counted, so hammering does not lengthen the wait: whoever has the right
 * password gets in at most the longest wait after the last counted failure.
 */
export type AttemptLimits = { freeFailures: number; quietSeconds: number; maxDelaySeconds: number };

/** The limits a configuration sets for a login and for an address. */
export function attemptLimits(config: Config): { login: AttemptLimits; address: AttemptLimits } {
  // A run is forgotten only after a quiet time longer than the longest wait: otherwise guesses
  // paced at the longest wait would never build up a run.
  const quietSeconds = Math.max(config.loginWindowMinutes * 60, 2 * config.loginMaxDelaySeconds);
  const login = { freeFailures: config.loginMaxFailures, quietSeconds, maxDelaySeconds: config.loginMaxDelaySeconds };
  return { login, address: { ...login, freeFailures: config.loginMaxFailures * 4 } };
}

/**
 * Seconds still to wait, given the times (epoch seconds, newest first) of the failures since the
 * last success and the time now.
 */
export function secondsToWait(failures: number[], now: number, limits: AttemptLimits): number {
  if (failures.length === 0 || now - failures[0] > limits.quietSeconds) return 0;
  let run = 1;
  while (run < failures.length && failures[run - 1] - failures[run] <= limits.quietSeconds) run++;
  if (run < limits.freeFailures) return 0;
  const delay = Math.min(limits.maxDelaySeconds, 2 ** (run - limits.freeFailures));
  return Math.max(0, failures[0] + delay - now);
}

/** How many failures are enough to know the wait: beyond these it is the longest one anyway. */
const enough = (limits: AttemptLimits) => limits.freeFailures + Math.ceil(Math.log2(limits.maxDelaySeconds)) + 1;

type Key = "login" | "ip";

async function failuresSinceSuccess(db: Queryable, key: Key, value: string, limit: number): Promise<number[]> {
  const column = sql.identifier(key);
  const rows = await queryRows<{ t: number }>(
    db,
    sql`select extract(epoch from a.at)::float8 as t from login_attempts a
        where a.${column} = ${value} and not a.succeeded and a.at > now() - interval '1 day'
          and a.at > coalesce((select max(s.at) from login_attempts s where s.${column} = ${value} and s.succeeded), '-infinity'::timestamptz)
        order by a.at desc limit ${limit}`,
  );
  return rows.map((r) => Number(r.t));
}

/**
 * Counts a password check before it runs, or refuses it with 429 and Retry-After while the login
 * or the address must wait. The check is recorded as a failure until `endAttempt` says otherwise.
 * Advisory locks on the login and the address make concurrent attempts take turns here (not
 * during the check itself), so a burst of parallel guesses cannot slip past the count.
 */
export async function beginAttempt(db: Db, config: Config, opts: { login: string; ip: string; action: "login" | "password" }): Promise<number> {
  const limits = attemptLimits(config);
  return db.transaction(async (tx) => {
    // Always the login first, then the address: no two attempts wait for each other in a circle.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`metodist-login:${opts.login}`}, 0))`);
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`metodist-ip:${opts.ip}`}, 0))`);
    const [{ now }] = await queryRows<{ now: number }>(tx, sql`select extract(epoch from now())::float8 as now`);
    const byLogin = secondsToWait(await failuresSinceSuccess(tx, "login", opts.login, enough(limits.login)), Number(now), limits.login);
    const byAddress = secondsToWait(await failuresSinceSuccess(tx, "ip", opts.ip, enough(limits.address)), Number(now), limits.address);
    const wait = Math.ceil(Math.max(byLogin, byAddress));
    if (wait > 0) {
      const what = opts.action === "login" ? "Слишком много неудачных попыток входа" : "Слишком много неудачных попыток ввести пароль";
      throw new AppError(
        "too_many_attempts",
        `${what}. Повторите через ${durationText(wait)}: это защита от подбора пароля, учётная запись не заблокирована.`,
        [],
        { "retry-after": String(wait) },
      );
    }
    const [row] = await tx.insert(loginAttempts).values({ login: opts.login, ip: opts.ip, succeeded: false }).returning({ id: loginAttempts.id });
    return row.id;
  });
}

/** Records how a counted check ended: a success ends the runs of failures of its login and address. */
export async function endAttempt(db: Queryable, attemptId: number, succeeded: boolean): Promise<void> {
  if (succeeded) await db.update(loginAttempts).set({ succeeded: true }).where(eq(loginAttempts.id, attemptId));
}

/** «8 секунд», «1 минуту», «5 минут»: how long to wait, rounded up to whole minutes from a minute on. */
export function durationText(seconds: number): string {
  if (seconds < 60) return `${seconds} ${plural(seconds, "секунду", "секунды", "секунд")}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} ${plural(minutes, "минуту", "минуты", "минут")}`;
}

function plural(n: number, one: string, few: string, many: string): string {
  const tens = n % 100;
  const units = n % 10;
  if (tens >= 11 && tens <= 14) return many;
  if (units === 1) return one;
  if (units >= 2 && units <= 4) return few;
  return many;
}
