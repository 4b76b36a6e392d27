import { and, asc, eq, sql } from "drizzle-orm";
import type { Db, Queryable } from "../../db/client.js";
import { organizations, persons, users } from "../../db/schema.js";
import { AppError, notFound } from "../../errors.js";
import type { Actor } from "../../auth/policies.js";
import { hashPassword } from "../../auth/passwords.js";
import { endSessionsOf, forgetCachedSessions } from "../../auth/sessions.js";
import { recordAudit } from "../audit/audit.js";
import { ROLE_LABELS, type Role } from "../../../shared/domain.js";
import type { UserInput } from "../../../shared/schemas.js";

type User = typeof users.$inferSelect;

export function presentUser(u: User) {
  return {
    id: u.id,
    login: u.login,
    fullName: u.fullName,
    role: u.role as Role,
    roleLabel: ROLE_LABELS[u.role as Role],
    organizationId: u.organizationId,
    personId: u.personId,
    regionCode: u.regionCode,
    disabled: u.disabledAt !== null,
  };
}

export async function listUsers(db: Queryable, municipalityId: number) {
  const rows = await db.select().from(users).where(eq(users.municipalityId, municipalityId)).orderBy(asc(users.login));
  return rows.map(presentUser);
}

/** Checks that the organisation and person a user is bound to belong to the municipality. */
async function assertBindings(db: Queryable, municipalityId: number, input: Pick<UserInput, "organizationId" | "personId">) {
  if (input.organizationId !== null) {
    const [org] = await db.select({ id: organizations.id }).from(organizations)
      .where(and(eq(organizations.id, input.organizationId), eq(organizations.municipalityId, municipalityId)));
    if (!org) throw new AppError("validation", "Организация не найдена", [{ field: "organizationId", message: "Организация не найдена" }]);
  }
  if (input.personId !== null) {
    const [person] = await db.select({ id: persons.id }).from(persons)
      .where(and(eq(persons.id, input.personId), eq(persons.municipalityId, municipalityId)));
    if (!person) throw new AppError("validation", "Педагог не найден", [{ field: "personId", message: "Педагог не найден" }]);
  }
}

/**
 * Creates a user of a municipality (or, with `regionCode` and no municipality, a region
 * viewer). Used by the admin's screen and by the CLI.
 */
export async function createUser(
  db: Db,
  opts: { actor: Actor | null; municipalityId: number | null; regionCode?: string | null; input: UserInput & { password: string } },
) {
  const { input } = opts;
  if ((input.role === "region_viewer") !== (opts.municipalityId === null)) {
    throw new AppError("validation", "Наблюдатель региона привязан к региону, остальные роли — к муниципалитету", [
      { field: "role", message: "Роль не подходит" },
    ]);
  }
  if (opts.municipalityId !== null) await assertBindings(db, opts.municipalityId, input);
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const [existing] = await tx.select({ id: users.id }).from(users).where(sql`lower(${users.login}) = ${input.login.toLowerCase()}`);
    if (existing) throw new AppError("conflict", `Логин «${input.login}» уже занят`, [{ field: "login", message: "Логин занят" }]);
    const [user] = await tx
      .insert(users)
      .values({
        municipalityId: opts.municipalityId,
        regionCode: opts.regionCode ?? null,
        login: input.login,
        fullName: input.fullName,
        role: input.role,
        passwordHash,
        organizationId: input.organizationId,
        personId: input.personId,
        disabledAt: input.disabled ? new Date() : null,
      })
      .returning();
    if (opts.municipalityId !== null) {
      await recordAudit(tx, opts.actor, opts.municipalityId, { entityType: "user", entityId: user.id, action: "create", after: presentUser(user) });
    }
    return presentUser(user);
  });
}

/** Changes a user; a new password or a disabled account ends the user's open sessions. */
export async function updateUser(db: Db, opts: { actor: Actor; municipalityId: number; userId: number; input: UserInput }) {
  const { input } = opts;
  if (input.role === "region_viewer") {
    throw new AppError("validation", "Наблюдателя региона создают командой metodist user create", [{ field: "role", message: "Роль не подходит" }]);
  }
  if (opts.userId === opts.actor.userId && (input.disabled || input.role !== opts.actor.role)) {
    throw new AppError("validation", "Нельзя отключить свою учётную запись или сменить себе роль");
  }
  await assertBindings(db, opts.municipalityId, input);
  const passwordHash = input.password ? await hashPassword(input.password) : undefined;
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(users).where(and(eq(users.id, opts.userId), eq(users.municipalityId, opts.municipalityId)));
    if (!before) throw notFound("user");
    const [after] = await tx
      .update(users)
      .set({
        login: input.login,
        fullName: input.fullName,
        role: input.role,
        organizationId: input.role === "org_coordinator" ? input.organizationId : null,
        personId: input.personId,
        ...(passwordHash ? { passwordHash } : {}),
        disabledAt: input.disabled ? (before.disabledAt ?? new Date()) : null,
      })
      .where(eq(users.id, before.id))
      .returning();
    if (passwordHash || (after.disabledAt && !before.disabledAt)) await endSessionsOf(tx, after.id);
    else forgetCachedSessions(after.id);
    await recordAudit(tx, opts.actor, opts.municipalityId, {
      entityType: "user",
      entityId: after.id,
      action: "update",
      before: presentUser(before),
      after: { ...presentUser(after), ...(passwordHash ? { passwordChanged: true } : {}) },
    });
    return presentUser(after);
  });
}
