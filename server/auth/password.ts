// A user changes their own password: the one-time password of a new admin, or any time.
import { eq } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { users } from "../db/schema.js";
import { AppError, notFound } from "../errors.js";
import type { Config } from "../config.js";
import { recordAudit } from "../modules/audit/audit.js";
import type { PasswordChangeInput } from "../../shared/schemas.js";
import type { Actor } from "./policies.js";
import { hashPassword, verifyPassword } from "./passwords.js";
import { endOtherSessionsOf } from "./sessions.js";
import { beginAttempt, endAttempt } from "./throttle.js";

/**
 * Checks the current password (checks count towards the login's back-off, so a left-open session
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
  if (!user) throw notFound("user");
  const attemptId = await beginAttempt(db, config, { login: user.login.toLowerCase(), ip: opts.ip, action: "password" });
  const ok = await verifyPassword(user.passwordHash, opts.input.currentPassword);
  await endAttempt(db, attemptId, ok);
  if (!ok) {
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
