import crypto from "node:crypto";
import { and, eq, gt, isNull, lt, ne, sql } from "drizzle-orm";
import type { Db, Queryable } from "../db/client.js";
import { loginAttempts, sessions, users } from "../db/schema.js";
import { AppError } from "../errors.js";
import type { Config } from "../config.js";
import type { Actor } from "./policies.js";
import { verifyAgainstDummy, verifyPassword } from "./passwords.js";
import { beginAttempt, endAttempt } from "./throttle.js";
import type { Role } from "../../shared/domain.js";

export const SESSION_COOKIE = "metodist_session";

const sha256 = (s: string) => crypto.createHash("sha256").update(s).digest("hex");

/**
 * Checks the password and opens a session. Attempts are counted per login and per address and
 * slowed down after failures (throttle.ts). A login that does not exist is checked against a
 * dummy hash, so it takes as long as a wrong password of a real one.
 */
export async function login(
  db: Db,
  config: Config,
  opts: { login: string; password: string; ip: string },
): Promise<{ token: string; expiresAt: Date; actor: Actor }> {
  const loginKey = opts.login.trim().toLowerCase();
  const attemptId = await beginAttempt(db, config, { login: loginKey, ip: opts.ip, action: "login" });
  const [user] = await db
    .select()
    .from(users)
    .where(and(sql`lower(${users.login}) = ${loginKey}`, isNull(users.disabledAt)));
  const ok = user ? await verifyPassword(user.passwordHash, opts.password) : await verifyAgainstDummy(opts.password);
  await endAttempt(db, attemptId, ok);
  if (!user || !ok) throw new AppError("unauthenticated", "Неверный логин или пароль");

  // Housekeeping on each successful login keeps both tables small without a scheduler.
  await db.delete(sessions).where(and(eq(sessions.userId, user.id), lt(sessions.expiresAt, new Date())));
  await db.delete(loginAttempts).where(lt(loginAttempts.at, new Date(Date.now() - 86_400_000)));
  return { ...(await openSession(db, config, user.id)), actor: toActor(user) };
}

/** Opens a session of a user whose identity is already established (login, first-run set-up). */
export async function openSession(db: Queryable, config: Config, userId: number): Promise<{ token: string; expiresAt: Date }> {
  const token = crypto.randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + config.sessionDays * 86_400_000);
  await db.insert(sessions).values({ tokenHash: sha256(token), userId, expiresAt });
  return { token, expiresAt };
}

/** Ends every session of a user but the one with this token (after a password change). */
export async function endOtherSessionsOf(db: Queryable, userId: number, keepToken: string | undefined): Promise<void> {
  forgetCachedSessions(userId);
  const keep = keepToken ? sha256(keepToken) : "";
  await db.delete(sessions).where(and(eq(sessions.userId, userId), ne(sessions.tokenHash, keep)));
}

// Sessions seen in the last seconds, so that requests answered from memory (import progress)
// do not wait for the embedded database while a long import holds it. Per process; logout and
// disabling a user clear it here, and other instances see the change within CACHE_MS.
const CACHE_MS = 15_000;
const STALE_MS = 30 * 60_000;
const cache = new Map<string, { actor: Actor; until: number }>();

/**
 * The actor behind a session cookie, or null when the session is unknown or expired. With
 * `allowStale`, a session this process knew within STALE_MS is taken without asking the
 * database (logging out and changing a user drop it from the cache at once).
 */
export async function resolveSession(db: Db, token: string | undefined, opts: { allowStale?: boolean } = {}): Promise<Actor | null> {
  if (!token) return null;
  const key = sha256(token);
  const hit = cache.get(key);
  if (hit && hit.until > Date.now()) return hit.actor;
  if (hit && opts.allowStale && hit.until + STALE_MS > Date.now()) return hit.actor;
  const actor = await lookupSession(db, key);
  if (actor) cache.set(key, { actor, until: Date.now() + CACHE_MS });
  else cache.delete(key);
  return actor;
}

async function lookupSession(db: Db, tokenHash: string): Promise<Actor | null> {
  const [row] = await db
    .select({ user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, new Date()), isNull(users.disabledAt)));
  return row ? toActor(row.user) : null;
}

export async function logout(db: Db, token: string | undefined): Promise<void> {
  if (!token) return;
  cache.delete(sha256(token));
  await db.delete(sessions).where(eq(sessions.tokenHash, sha256(token)));
}

/** Ends every session of a user, e.g. when the admin disables the account or resets the password. */
export async function endSessionsOf(db: Queryable, userId: number): Promise<void> {
  forgetCachedSessions(userId);
  await db.delete(sessions).where(eq(sessions.userId, userId));
}

/** Drops a user's cached sessions, so that a changed role or binding applies at once. */
export function forgetCachedSessions(userId: number): void {
  for (const [key, entry] of cache) if (entry.actor.userId === userId) cache.delete(key);
}

function toActor(u: typeof users.$inferSelect): Actor {
  return {
    userId: u.id,
    login: u.login,
    fullName: u.fullName,
    role: u.role as Role,
    municipalityId: u.municipalityId,
    regionCode: u.regionCode,
    organizationId: u.organizationId,
    personId: u.personId,
    mustChangePassword: u.mustChangePassword,
  };
}
