// Who may do what: the one place that decides. Every handler asks here first.
import { and, eq, inArray, sql, type AnyColumn, type SQL } from "drizzle-orm";
import type { Queryable } from "../db/client.js";
import { employments, persons } from "../db/schema.js";
import { AppError, forbidden, notFound, type NotFoundEntity } from "../errors.js";
import type { Role } from "../../shared/domain.js";

/** The authenticated user on whose behalf a request runs. */
export type Actor = {
  // Null for the command line, which acts as the system rather than as a user.
  userId: number | null;
  login: string;
  fullName: string;
  role: Role;
  municipalityId: number | null;
  regionCode: string | null;
  organizationId: number | null;
  personId: number | null;
  /** A one-time password is still in use: nothing but changing it is allowed. */
  mustChangePassword?: boolean;
};

export type Permission =
  | "staff.read"
  | "staff.write"
  | "staff.export"
  | "organizations.read"
  | "organizations.write"
  | "organizations.create"
  | "references.write"
  | "municipality.manage"
  | "users.manage"
  | "audit.read"
  | "reports.municipality"
  | "reports.region";

const GRANTS: Record<Role, readonly Permission[]> = {
  municipal_admin: [
    "staff.read",
    "staff.write",
    "staff.export",
    "organizations.read",
    "organizations.write",
    "organizations.create",
    "references.write",
    "municipality.manage",
    "users.manage",
    "audit.read",
    "reports.municipality",
  ],
  org_coordinator: ["staff.read", "staff.write", "staff.export", "organizations.read", "organizations.write"],
  association_leader: ["staff.read", "organizations.read"],
  teacher: ["staff.read", "organizations.read"],
  region_viewer: ["reports.region"],
};

/** Throws 403 unless the actor's role grants the permission. */
export function authorize(actor: Actor, permission: Permission): void {
  if (!GRANTS[actor.role].includes(permission)) throw forbidden();
}

export function hasPermission(actor: Actor, permission: Permission): boolean {
  return GRANTS[actor.role].includes(permission);
}

/** The municipality a tenant-bound actor works in; region viewers have none. */
export function tenantOf(actor: Actor): number {
  if (actor.municipalityId === null) throw forbidden("Эта учётная запись не привязана к муниципалитету");
  return actor.municipalityId;
}

/**
 * Which staff the actor may see: the whole municipality, one organisation (its current and
 * former employees), or only the actor's own card.
 */
export type StaffScope =
  | { kind: "municipality"; municipalityId: number }
  | { kind: "organization"; municipalityId: number; organizationId: number }
  | { kind: "person"; municipalityId: number; personId: number };

export function staffScope(actor: Actor): StaffScope {
  const municipalityId = tenantOf(actor);
  switch (actor.role) {
    case "municipal_admin":
      return { kind: "municipality", municipalityId };
    case "org_coordinator":
      if (actor.organizationId === null) throw forbidden("Координатор не привязан к организации");
      return { kind: "organization", municipalityId, organizationId: actor.organizationId };
    case "teacher":
    case "association_leader":
      if (actor.personId === null) throw forbidden("Учётная запись не связана с карточкой педагога");
      return { kind: "person", municipalityId, personId: actor.personId };
    default:
      throw forbidden();
  }
}

/**
 * Throws unless the person exists in the actor's scope. A person outside the scope answers
 * 404, not 403, so that a coordinator cannot probe which ids exist in other schools. `entity` is
 * the record the request named (a course, a place of work): its own «not found» is the answer,
 * the same as for an id that does not exist.
 */
export async function requirePersonAccess(db: Queryable, actor: Actor, personId: number, entity: NotFoundEntity = "person"): Promise<void> {
  await requirePersonsAccess(db, actor, [personId], entity);
}

/**
 * The SQL condition «the actor may see this person» over a person id column: the whole
 * municipality, the organisation's current and former staff, or the actor's own card. Every
 * check of a person against the actor's scope (requests and imports) uses this one.
 */
export function personInScopeSql(actor: Actor, personId: SQL | AnyColumn): SQL {
  const scope = staffScope(actor);
  if (scope.kind === "person") return sql`${personId} = ${scope.personId}`;
  if (scope.kind === "organization") return sql`exists (select 1 from ${employments} e where e.person_id = ${personId} and e.organization_id = ${scope.organizationId})`;
  return sql`true`;
}

/** The same check for many people at once, in one query (a group entered on one course). */
export async function requirePersonsAccess(db: Queryable, actor: Actor, personIds: number[], entity: NotFoundEntity = "person"): Promise<void> {
  const scope = staffScope(actor);
  const wanted = [...new Set(personIds)];
  const inScope = personInScopeSql(actor, persons.id);
  const rows = await db
    .select({ id: persons.id })
    .from(persons)
    .where(and(inArray(persons.id, wanted), eq(persons.municipalityId, scope.municipalityId), inScope));
  if (rows.length !== wanted.length) throw notFound(entity);
}

/** Throws unless the actor may write to records of this organisation. */
export function requireOrganizationWrite(actor: Actor, organizationId: number): void {
  authorize(actor, "organizations.write");
  if (actor.role === "org_coordinator" && actor.organizationId !== organizationId) {
    throw new AppError("forbidden", "Координатор может изменять данные только своей организации");
  }
}

/** Throws unless the actor may attach staff to this organisation (hire, transfer). */
export function requireStaffWriteIn(actor: Actor, organizationId: number): void {
  authorize(actor, "staff.write");
  if (actor.role === "org_coordinator" && actor.organizationId !== organizationId) {
    throw new AppError("forbidden", "Координатор может оформлять работников только своей организации");
  }
}

/** What a user with a one-time password may still do: see who they are, leave, change it. */
const PASSWORD_CHANGE_PATHS = new Set(["/api/auth/me", "/api/auth/logout", "/api/auth/password", "/api/auth/login"]);

/** Throws 403 while the actor must replace a one-time password, except on the paths that do it. */
export function requirePasswordChanged(actor: Actor | null, path: string): void {
  if (actor?.mustChangePassword && !PASSWORD_CHANGE_PATHS.has(path)) {
    throw new AppError("password_change_required", "Смените временный пароль: до этого другие разделы недоступны");
  }
}

/** The actor of command-line tools: a municipal admin that is no user. */
export function systemActor(municipalityId: number): Actor {
  return {
    userId: null,
    login: "system",
    fullName: "Командная строка",
    role: "municipal_admin",
    municipalityId,
    regionCode: null,
    organizationId: null,
    personId: null,
  };
}
