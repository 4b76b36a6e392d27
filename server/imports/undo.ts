import { eq, inArray } from "drizzle-orm";
import type { Tx } from "../db/client.js";
import { auditLog, courseCompletions, educations, employments, organizations, persons, qualificationCategories } from "../db/schema.js";
import type { Actor } from "../auth/policies.js";
import { recordAuditBulk, type BulkAuditRow } from "../modules/audit/audit.js";

// The tables an import writes, by the entity type its audit rows carry.
const TABLES = {
  person: persons,
  employment: employments,
  education: educations,
  qualification_category: qualificationCategories,
  organization: organizations,
  course_completion: courseCompletions,
} as const;
type EntityType = keyof typeof TABLES;

// Columns a snapshot may restore: the ones an import sets, never ids, tenants or timestamps.
const RESTORABLE = new Set([
  "surname", "name", "patronymic", "birthDate", "gender", "snils", "phone", "email", "pedWorkStart",
  "organizationId", "positionId", "subjectIds", "isMain", "hireDate", "dismissalDate",
  "kind", "fullName", "shortName", "inn", "ogrn", "address", "headName",
]);

/**
 * Reverses audited changes, newest first: created rows are deleted, updated rows get their
 * `before` snapshot back. Each reversal is itself audited.
 */
export async function undoChanges(tx: Tx, opts: { actor: Actor; municipalityId: number; changes: (typeof auditLog.$inferSelect)[] }) {
  const audit: (BulkAuditRow & { subjectType: string })[] = [];
  // Deletes go in batches per table, children before parents (the list is newest first).
  const deletes = new Map<EntityType, number[]>();
  for (const c of opts.changes) {
    const type = c.entityType as EntityType;
    if (!(type in TABLES)) throw new Error(`Cannot undo a change of ${c.entityType}`);
    if (c.action === "create") {
      deletes.set(type, [...(deletes.get(type) ?? []), c.entityId]);
      audit.push({ entityType: type, entityId: c.entityId, subjectId: c.subjectId, subjectType: c.subjectType, action: "delete", before: c.after, after: null });
    } else if (c.action === "update") {
      const before = (c.before ?? {}) as Record<string, unknown>;
      const values = Object.fromEntries(Object.entries(before).filter(([k]) => RESTORABLE.has(k)));
      const table = TABLES[type];
      await tx.update(table).set(values).where(eq(table.id, c.entityId));
      audit.push({ entityType: type, entityId: c.entityId, subjectId: c.subjectId, subjectType: c.subjectType, action: "update", before: c.after, after: c.before });
    }
  }
  for (const type of ["course_completion", "qualification_category", "education", "employment", "person", "organization"] as const) {
    const ids = deletes.get(type);
    if (ids?.length) await tx.delete(TABLES[type]).where(inArray(TABLES[type].id, ids));
  }
  for (const subjectType of new Set(audit.map((a) => a.subjectType))) {
    await recordAuditBulk(tx, {
      municipalityId: opts.municipalityId,
      userId: opts.actor.userId,
      importId: null,
      subjectType,
      rows: audit.filter((a) => a.subjectType === subjectType),
    });
  }
}
