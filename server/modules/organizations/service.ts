import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { Db, Queryable } from "../../db/client.js";
import { organizationAliases, organizationStatuses, organizations } from "../../db/schema.js";
import { matchKey } from "../../imports/match-key.js";
import { activeEmploymentSql } from "../staff/derived-sql.js";
import { AppError, notFound } from "../../errors.js";
import type { Actor } from "../../auth/policies.js";
import { recordAudit } from "../audit/audit.js";
import type { OrgKind } from "../../../shared/domain.js";
import type { OrganizationInput, OrganizationStatusInput } from "../../../shared/schemas.js";
import { foldName } from "../../../shared/validators.js";
import { compareOrganizations } from "../../../shared/collation.js";

type Organization = typeof organizations.$inferSelect;
type OrganizationStatus = typeof organizationStatuses.$inferSelect;

/** Organisations of a municipality with the number of staff employed on a date. */
export async function findOrganizations(
  db: Queryable,
  opts: { municipalityId: number; kind?: OrgKind; includeArchived?: boolean; q?: string; asOf: string },
) {
  const staffCount = staffCountSql(opts.asOf);
  const conditions = [eq(organizations.municipalityId, opts.municipalityId)];
  if (opts.kind) conditions.push(eq(organizations.kind, opts.kind));
  if (!opts.includeArchived) conditions.push(isNull(organizations.archivedAt));
  if (opts.q) {
    const pattern = `%${foldName(opts.q).replace(/[%_\\]/g, "\\$&")}%`;
    conditions.push(
      sql`translate(lower(${organizations.shortName} || ' ' || ${organizations.fullName}), 'ё', 'е') like ${pattern}`,
    );
  }
  const rows = await db
    .select({ org: organizations, staffCount })
    .from(organizations)
    .where(and(...conditions));
  // Natural order of names (shared/collation.ts) is not one the databases sort by; a
  // municipality has a few hundred organisations at most.
  return rows.map((r) => ({ ...presentOrganization(r.org), staffCount: r.staffCount })).sort(compareOrganizations);
}

// Written out in full: inside a select list drizzle renders a column as a bare "id", which the
// subquery would take for the employment's own id.
const staffCountSql = (asOf: string) => sql<number>`(select count(distinct e.person_id)::int from employments e
    where e.organization_id = "organizations"."id" and ${activeEmploymentSql("e", asOf)})`;

export async function getOrganization(db: Queryable, opts: { municipalityId: number; id: number; asOf: string }) {
  const [row] = await db
    .select({ org: organizations, staffCount: staffCountSql(opts.asOf) })
    .from(organizations)
    .where(and(eq(organizations.id, opts.id), eq(organizations.municipalityId, opts.municipalityId)));
  if (!row) throw notFound("organization");
  const org = row.org;
  const statuses = await db
    .select()
    .from(organizationStatuses)
    .where(eq(organizationStatuses.organizationId, org.id))
    .orderBy(asc(organizationStatuses.validFrom));
  const aliases = await db
    .select({ id: organizationAliases.id, alias: organizationAliases.alias })
    .from(organizationAliases)
    .where(eq(organizationAliases.organizationId, org.id))
    .orderBy(asc(organizationAliases.alias));
  return { ...presentOrganization(org), staffCount: row.staffCount, statuses: statuses.map(presentStatus), aliases };
}

/**
 * Adds another name the organisation is written under in files («СОШ 3 ст. Анастасиевской»),
 * so imports recognise it. A name that already means another organisation is refused.
 */
export async function addOrganizationAlias(db: Db, opts: { actor: Actor; municipalityId: number; organizationId: number; alias: string }) {
  return db.transaction(async (tx) => {
    await lockOrganization(tx, opts.municipalityId, opts.organizationId);
    const aliasKey = matchKey(opts.alias);
    const others = await tx
      .select({ id: organizations.id, shortName: organizations.shortName, fullName: organizations.fullName })
      .from(organizations)
      .where(eq(organizations.municipalityId, opts.municipalityId));
    const clash = others.find((o) => o.id !== opts.organizationId && [o.shortName, o.fullName].some((n) => matchKey(n) === aliasKey));
    if (clash) throw new AppError("conflict", `«${opts.alias}» — это название организации «${clash.shortName}»`);
    const [existing] = await tx
      .select({ organizationId: organizationAliases.organizationId })
      .from(organizationAliases)
      .where(and(eq(organizationAliases.municipalityId, opts.municipalityId), eq(organizationAliases.aliasKey, aliasKey)));
    if (existing) throw new AppError("conflict", `Название «${opts.alias}» уже закреплено за организацией`);
    const [row] = await tx
      .insert(organizationAliases)
      .values({ municipalityId: opts.municipalityId, organizationId: opts.organizationId, alias: opts.alias, aliasKey })
      .returning();
    await recordAudit(tx, opts.actor, opts.municipalityId, {
      entityType: "organization_alias", entityId: row.id, subject: { type: "organization", id: opts.organizationId }, action: "create", after: { alias: row.alias },
    });
    return { id: row.id, alias: row.alias };
  });
}

export async function deleteOrganizationAlias(db: Db, opts: { actor: Actor; municipalityId: number; aliasId: number }) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .delete(organizationAliases)
      .where(and(eq(organizationAliases.id, opts.aliasId), eq(organizationAliases.municipalityId, opts.municipalityId)))
      .returning();
    if (!row) throw notFound("organizationAlias");
    await recordAudit(tx, opts.actor, opts.municipalityId, {
      entityType: "organization_alias", entityId: row.id, subject: { type: "organization", id: row.organizationId }, action: "delete", before: { alias: row.alias },
    });
  });
}

export async function createOrganization(db: Db, opts: { actor: Actor; municipalityId: number; input: OrganizationInput }) {
  return db.transaction(async (tx) => {
    const [org] = await tx
      .insert(organizations)
      .values({ ...opts.input, municipalityId: opts.municipalityId })
      .returning();
    await recordAudit(tx, opts.actor, opts.municipalityId, {
      entityType: "organization",
      entityId: org.id,
      action: "create",
      after: presentOrganization(org),
    });
    return presentOrganization(org);
  });
}

export async function updateOrganization(
  db: Db,
  opts: { actor: Actor; municipalityId: number; id: number; input: OrganizationInput },
) {
  return db.transaction(async (tx) => {
    const before = await lockOrganization(tx, opts.municipalityId, opts.id);
    const [org] = await tx
      .update(organizations)
      .set({ ...opts.input, updatedAt: new Date() })
      .where(eq(organizations.id, opts.id))
      .returning();
    await recordAudit(tx, opts.actor, opts.municipalityId, {
      entityType: "organization",
      entityId: org.id,
      action: "update",
      before: presentOrganization(before),
      after: presentOrganization(org),
    });
    return presentOrganization(org);
  });
}

/** Archives (or restores) an organisation: it leaves lists but keeps its history. */
export async function setOrganizationArchived(
  db: Db,
  opts: { actor: Actor; municipalityId: number; id: number; archived: boolean },
) {
  return db.transaction(async (tx) => {
    const before = await lockOrganization(tx, opts.municipalityId, opts.id);
    const [org] = await tx
      .update(organizations)
      .set({ archivedAt: opts.archived ? new Date() : null, updatedAt: new Date() })
      .where(eq(organizations.id, opts.id))
      .returning();
    await recordAudit(tx, opts.actor, opts.municipalityId, {
      entityType: "organization",
      entityId: org.id,
      action: opts.archived ? "archive" : "restore",
      before: { archivedAt: before.archivedAt?.toISOString() ?? null },
      after: { archivedAt: org.archivedAt?.toISOString() ?? null },
    });
    return presentOrganization(org);
  });
}

export async function addOrganizationStatus(
  db: Db,
  opts: { actor: Actor; municipalityId: number; organizationId: number; input: OrganizationStatusInput },
) {
  return db.transaction(async (tx) => {
    await lockOrganization(tx, opts.municipalityId, opts.organizationId);
    const [status] = await tx
      .insert(organizationStatuses)
      .values({ ...opts.input, municipalityId: opts.municipalityId, organizationId: opts.organizationId })
      .returning();
    await recordAudit(tx, opts.actor, opts.municipalityId, {
      entityType: "organization_status",
      entityId: status.id,
      subject: { type: "organization", id: opts.organizationId },
      action: "create",
      after: presentStatus(status),
    });
    return presentStatus(status);
  });
}

export async function updateOrganizationStatus(
  db: Db,
  opts: { actor: Actor; municipalityId: number; statusId: number; input: OrganizationStatusInput | null },
) {
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(organizationStatuses)
      .where(and(eq(organizationStatuses.id, opts.statusId), eq(organizationStatuses.municipalityId, opts.municipalityId)));
    if (!before) throw notFound("organizationStatus");
    const subject = { type: "organization", id: before.organizationId };
    if (opts.input === null) {
      await tx.delete(organizationStatuses).where(eq(organizationStatuses.id, before.id));
      await recordAudit(tx, opts.actor, opts.municipalityId, {
        entityType: "organization_status", entityId: before.id, subject, action: "delete", before: presentStatus(before),
      });
      return null;
    }
    const [after] = await tx.update(organizationStatuses).set(opts.input).where(eq(organizationStatuses.id, before.id)).returning();
    await recordAudit(tx, opts.actor, opts.municipalityId, {
      entityType: "organization_status", entityId: before.id, subject, action: "update",
      before: presentStatus(before), after: presentStatus(after),
    });
    return presentStatus(after);
  });
}

/** Loads an organisation of the tenant for a change, or fails with 404. */
export async function lockOrganization(db: Queryable, municipalityId: number, id: number): Promise<Organization> {
  const [org] = await db
    .select()
    .from(organizations)
    .where(and(eq(organizations.id, id), eq(organizations.municipalityId, municipalityId)))
    .for("update");
  if (!org) throw notFound("organization");
  return org;
}

export function presentOrganization(o: Organization) {
  return {
    id: o.id,
    kind: o.kind as OrgKind,
    fullName: o.fullName,
    shortName: o.shortName,
    inn: o.inn,
    ogrn: o.ogrn,
    address: o.address,
    headName: o.headName,
    phone: o.phone,
    email: o.email,
    archivedAt: o.archivedAt?.toISOString() ?? null,
  };
}

function presentStatus(s: OrganizationStatus) {
  return { id: s.id, kind: s.kind, level: s.level, validFrom: s.validFrom, validTo: s.validTo, note: s.note };
}
