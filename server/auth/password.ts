// A user changes their own password: the one-time password of a new admin, or any time.
import { and, eq, gt, sql } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { loginAttempts, users } from "../db/schema.js";
import { AppError, notFound } from "../errors.js";
import type { Config } from "../config.js";
import { recordAudit } from "../modules/audit/audit.js";
import type { PasswordChangeInput } from "../../shared/schemas.js";
import type { Actor } from "./policies.js";
import { hashPassword, verifyPassword } from "./passwords.js";
import { endOtherSessionsOf } from "./sessions.js";

/**
 * Checks the current password (failures count towards the login limit, so a left-open session
 * does not let anyone guess it), stores the new one, clears the one-time flag and ends the user's
 * other sessions. Audited.
 */
export async function changeOwnPassword(
  db: Db,
  config: Config,
  opts: { actor: Actor; input: PasswordChangeInput; ip: string; keepToken: string | undefined },
): Promise<void> {
  if (opts.actor.userId === null) throw new AppError("forbidden", "Пароль меняют только пользователи");
  const [user] = await db.select().from(users).where(eq(users.id, opts.actor.userId));
  if (!user) throw notFound("Пользователь");
  const loginKey = user.login.toLowerCase();
  const since = new Date(Date.now() - config.loginWindowMinutes * 60_000);
  const [{ failures }] = await db
    .select({ failures: sql<number>`count(*)::int` })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.login, loginKey), eq(loginAttempts.succeeded, false), gt(loginAttempts.at, since)));
  if (failures >= config.loginMaxFailures) {
    throw new AppError("too_many_attempts", `Слишком много неудачных попыток. Повторите через ${config.loginWindowMinutes} минут.`);
  }
  if (!(await verifyPassword(user.passwordHash, opts.input.currentPassword))) {
    await db.insert(loginAttempts).values({ login: loginKey, ip: opts.ip, succeeded: false });
    throw new AppError("validation", "Неверный текущий пароль", [{ field: "currentPassword", message: "Неверный текущий пароль" }]);
  }
  const passwordHash = await hashPassword(opts.input.newPassword);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, mustChangePassword: false }).where(eq(users.id, user.id));
    await endOtherSessionsOf(tx, user.id, opts.keepToken);
    if (user.municipalityId !== null) {
      await recordAudit(tx, opts.actor, user.municipalityId, {
        entityType: "user",
        entityId: user.id,
        action: "update",
        before: { mustChangePassword: user.mustChangePassword },
        after: { mustChangePassword: false, passwordChanged: true },
      });
    }
  });
}
