// A municipality from day one: created with the standard reference lists and, when asked, its
// first admin — from the command line (`municipality create`) or the first-run set-up page.
import crypto from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type { Db, Queryable } from "../../db/client.js";
import { queryRows } from "../../db/client.js";
import { column, insertReturningIds, insertRows } from "../../db/bulk.js";
import { municipalities, users } from "../../db/schema.js";
import { AppError, notFound, validationError, type ErrorDetail } from "../../errors.js";
import type { Actor } from "../../auth/policies.js";
import { hashPassword } from "../../auth/passwords.js";
import { matchKey } from "../../imports/match-key.js";
import { recordAudit } from "../audit/audit.js";
import { presentUser } from "../users/service.js";
import { STANDARD_POSITIONS, STANDARD_PROVIDERS, STANDARD_SUBJECTS, type StandardValue } from "../references/standard.js";
import {
  MunicipalityCode,
  MunicipalityRequisitesInput,
  RegionCode,
  UserInput,
  type MunicipalityUpdateInput,
} from "../../../shared/schemas.js";

export type MunicipalityRequisites = MunicipalityRequisitesInput;

export type CreateMunicipalityOptions = {
  code: string;
  name: string;
  /** Two digits; "00" when not known yet. */
  regionCode?: string;
  requisites?: Partial<MunicipalityRequisites>;
  /** The first municipal admin; without a password they get a one-time one to change at first login. */
  admin?: { login: string; fullName?: string; password?: string };
  /** The first-run set-up: refused (409) once any municipality exists. */
  onlyIfFirst?: boolean;
  /** Who is audited as the author: the command line (null) or the new admin (set-up page). */
  auditBy?: "system" | "admin";
};

export type CreatedMunicipality = {
  municipality: { id: number; code: string; name: string; regionCode: string };
  counts: { positions: number; positionAliases: number; subjects: number; subjectAliases: number; providers: number; providerAliases: number };
  admin: { id: number; login: string; fullName: string; oneTimePassword: string | null } | null;
};

const REQUISITE_KEYS = ["departmentName", "address", "phone", "email", "inn", "signatoryTitle", "signatoryName"] as const;

/**
 * Creates a municipality with its standard positions, subjects and providers (with their other
 * spellings) and optionally its first admin, in one transaction, audited.
 */
export async function createMunicipality(db: Db, opts: CreateMunicipalityOptions): Promise<CreatedMunicipality> {
  const input = checkInput(opts);
  const oneTimePassword = opts.admin && !opts.admin.password ? generateOneTimePassword() : null;
  const password = opts.admin?.password ?? oneTimePassword;
  // argon2 takes a moment and much memory: before the transaction, not inside it.
  const passwordHash = password ? await hashPassword(password) : null;

  return db.transaction(async (tx) => {
    // Two set-up pages submitted at once: the second waits here and then sees the first.
    await tx.execute(sql`lock table municipalities in share row exclusive mode`);
    if (opts.onlyIfFirst) {
      const [{ n }] = await queryRows<{ n: number }>(tx, sql`select count(*)::int as n from municipalities`);
      if (n > 0) throw new AppError("conflict", "Первоначальная настройка уже выполнена: войдите в систему");
    }
    const [existing] = await tx.select({ id: municipalities.id }).from(municipalities).where(eq(municipalities.code, input.code));
    if (existing) {
      throw new AppError("conflict", `Муниципалитет с кодом «${input.code}» уже есть: выберите другой код`, [
        { field: "code", message: "Такой код уже есть" },
      ]);
    }
    if (opts.admin) {
      const [taken] = await tx.select({ id: users.id }).from(users).where(sql`lower(${users.login}) = ${opts.admin.login.toLowerCase()}`);
      if (taken) throw new AppError("conflict", `Логин «${opts.admin.login}» уже занят`, [{ field: "login", message: "Логин занят" }]);
    }

    const [m] = await tx
      .insert(municipalities)
      .values({ code: input.code, name: input.name, regionCode: input.regionCode, ...input.requisites })
      .returning();
    const counts = await insertStandardLists(tx, m.id);

    let admin: CreatedMunicipality["admin"] = null;
    if (opts.admin && passwordHash) {
      const [user] = await tx
        .insert(users)
        .values({
          municipalityId: m.id,
          login: opts.admin.login,
          fullName: opts.admin.fullName?.trim() || "Администратор муниципалитета",
          role: "municipal_admin",
          passwordHash,
          mustChangePassword: oneTimePassword !== null,
        })
        .returning();
      admin = { id: user.id, login: user.login, fullName: user.fullName, oneTimePassword };
    }
    const actor: Actor | null =
      opts.auditBy === "admin" && admin
        ? { userId: admin.id, login: admin.login, fullName: admin.fullName, role: "municipal_admin", municipalityId: m.id, regionCode: null, organizationId: null, personId: null }
        : null;
    await recordAudit(tx, actor, m.id, {
      entityType: "municipality",
      entityId: m.id,
      action: "create",
      after: { ...presentMunicipality(m), standardLists: counts },
    });
    if (admin) {
      const [user] = await tx.select().from(users).where(eq(users.id, admin.id));
      await recordAudit(tx, actor, m.id, {
        entityType: "user",
        entityId: user.id,
        action: "create",
        after: { ...presentUser(user), mustChangePassword: user.mustChangePassword },
      });
    }
    return { municipality: { id: m.id, code: m.code, name: m.name, regionCode: m.regionCode }, counts, admin };
  });
}

/** Validates what the command line or the set-up page passed, with the shared Russian messages. */
function checkInput(opts: CreateMunicipalityOptions) {
  const details: ErrorDetail[] = [];
  type Parsed<T> = { success: true; data: T } | { success: false; error: { issues: { message: string; path: PropertyKey[] }[] } };
  const field = <T>(name: string | null, result: Parsed<T>): T | null => {
    if (result.success) return result.data;
    for (const issue of result.error.issues) details.push({ field: name ?? issue.path.map(String).join("."), message: issue.message });
    return null;
  };
  const code = field("code", MunicipalityCode.safeParse(opts.code));
  const name = opts.name?.trim() ?? "";
  if (!name) details.push({ field: "name", message: "Заполните поле «Название муниципалитета»" });
  else if (name.length > 300) details.push({ field: "name", message: "Поле «Название муниципалитета»: не длиннее 300 символов" });
  const regionCode = field("regionCode", RegionCode.safeParse(opts.regionCode ?? "00"));
  const requisites = field(null, MunicipalityRequisitesInput.safeParse(Object.fromEntries(REQUISITE_KEYS.map((k) => [k, opts.requisites?.[k] ?? null]))));
  if (opts.admin) {
    const login = UserInput.safeParse({ login: opts.admin.login, fullName: opts.admin.fullName || "Администратор", role: "municipal_admin" });
    if (!login.success) for (const issue of login.error.issues) details.push({ field: "admin.login", message: issue.message });
    if (opts.admin.password !== undefined && opts.admin.password.length < 8) {
      details.push({ field: "admin.password", message: "Поле «Пароль»: не короче 8 символов" });
    }
  }
  if (details.length > 0 || code === null || regionCode === null || requisites === null) throw validationError(details);
  return { code, name, regionCode, requisites };
}

/** Inserts the standard lists of a new municipality with bulk statements; returns their sizes. */
async function insertStandardLists(tx: Queryable, municipalityId: number): Promise<CreatedMunicipality["counts"]> {
  const muni = (n: number) => Array<number>(n).fill(municipalityId);
  const positionIds = await insertReturningIds(tx, "positions", "name", [
    column("municipality_id", "int[]", muni(STANDARD_POSITIONS.length)),
    column("name", "text[]", STANDARD_POSITIONS.map((p) => p.name)),
    column("is_management", "boolean[]", STANDARD_POSITIONS.map((p) => p.isManagement)),
  ]);
  const positionAliases = await insertAliases(tx, municipalityId, "position_aliases", "position_id", STANDARD_POSITIONS, positionIds);
  const subjectIds = await insertReturningIds(tx, "subjects", "name", [
    column("municipality_id", "int[]", muni(STANDARD_SUBJECTS.length)),
    column("name", "text[]", STANDARD_SUBJECTS.map((s) => s.name)),
    column("is_regional", "boolean[]", STANDARD_SUBJECTS.map((s) => s.isRegional)),
  ]);
  const subjectAliases = await insertAliases(tx, municipalityId, "subject_aliases", "subject_id", STANDARD_SUBJECTS, subjectIds);
  const providerIds = await insertReturningIds(tx, "providers", "short_name", [
    column("municipality_id", "int[]", muni(STANDARD_PROVIDERS.length)),
    column("name", "text[]", STANDARD_PROVIDERS.map((p) => p.name)),
    column("short_name", "text[]", STANDARD_PROVIDERS.map((p) => p.shortName)),
    column("kind", "text[]", STANDARD_PROVIDERS.map((p) => p.kind)),
    column("inn", "text[]", STANDARD_PROVIDERS.map((p) => p.inn)),
    column("region", "text[]", STANDARD_PROVIDERS.map((p) => p.region)),
  ]);
  const providerAliases = await insertAliases(tx, municipalityId, "provider_aliases", "provider_id", STANDARD_PROVIDERS, providerIds);
  return {
    positions: positionIds.length,
    positionAliases,
    subjects: subjectIds.length,
    subjectAliases,
    providers: providerIds.length,
    providerAliases,
  };
}

async function insertAliases(
  tx: Queryable,
  municipalityId: number,
  table: "position_aliases" | "subject_aliases" | "provider_aliases",
  ownerColumn: string,
  values: readonly StandardValue[],
  ids: number[],
): Promise<number> {
  const rows = values.flatMap((v, i) => v.aliases.map((alias) => ({ ownerId: ids[i], alias })));
  await insertRows(tx, table, [
    column("municipality_id", "int[]", rows.map(() => municipalityId)),
    column(ownerColumn, "int[]", rows.map((r) => r.ownerId)),
    column("alias", "text[]", rows.map((r) => r.alias)),
    column("alias_key", "text[]", rows.map((r) => matchKey(r.alias))),
  ]);
  return rows.length;
}

// Letters and digits nobody confuses when reading a password off a screen or paper: no 0/O,
// 1/l/I, no Cyrillic look-alikes. 12 of 54 symbols ≈ 69 bits.
const READABLE = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/** A random one-time password, readable and typable: «xxxx-xxxx-xxxx». */
export function generateOneTimePassword(): string {
  const groups = [0, 1, 2].map(() => Array.from({ length: 4 }, () => READABLE[crypto.randomInt(READABLE.length)]).join(""));
  return groups.join("-");
}

/** Whether the installation still needs its first-run set-up: no municipality exists. */
export async function isSetupNeeded(db: Queryable): Promise<boolean> {
  const [{ n }] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from municipalities`);
  return n === 0;
}

type MunicipalityRow = typeof municipalities.$inferSelect;

export function presentMunicipality(m: MunicipalityRow) {
  return {
    id: m.id,
    code: m.code,
    name: m.name,
    regionCode: m.regionCode,
    departmentName: m.departmentName,
    address: m.address,
    phone: m.phone,
    email: m.email,
    inn: m.inn,
    signatoryTitle: m.signatoryTitle,
    signatoryName: m.signatoryName,
  };
}

export async function getMunicipality(db: Queryable, municipalityId: number) {
  const [m] = await db.select().from(municipalities).where(eq(municipalities.id, municipalityId));
  if (!m) throw notFound("municipality");
  return presentMunicipality(m);
}

/** The admin's edit of the municipality's name and requisites, audited. */
export async function updateMunicipality(db: Db, opts: { actor: Actor; municipalityId: number; input: MunicipalityUpdateInput }) {
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(municipalities).where(eq(municipalities.id, opts.municipalityId));
    if (!before) throw notFound("municipality");
    const { name, ...requisites } = opts.input;
    const [after] = await tx.update(municipalities).set({ name, ...requisites }).where(eq(municipalities.id, before.id)).returning();
    await recordAudit(tx, opts.actor, before.id, {
      entityType: "municipality",
      entityId: before.id,
      action: "update",
      before: presentMunicipality(before),
      after: presentMunicipality(after),
    });
    return presentMunicipality(after);
  });
}
