import { eq, inArray, sql } from "drizzle-orm";
import type { Tx } from "../db/client.js";
import { auditLog, courseCompletions, educations, employments, organizations, persons, programmes, qualificationCategories } from "../db/schema.js";
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
  programme: programmes,
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
 * `before` snapshot back. Each reversal is itself audited. A programme the import created stays
 * when courses or requests entered since refer to it.
 */
export async function undoChanges(tx: Tx, opts: { actor: Actor; municipalityId: number; changes: (typeof auditLog.$inferSelect)[] }) {
  const audit: (BulkAuditRow & { subjectType: string })[] = [];
  // Deletes go in batches per table, children before parents (the list is newest first).
  const deletes = new Map<EntityType, (typeof auditLog.$inferSelect)[]>();
  for (const c of opts.changes) {
    const type = c.entityType as EntityType;
    if (!(type in TABLES)) throw new Error(`Cannot undo a change of ${c.entityType}`);
    if (c.action === "create") {
      deletes.set(type, [...(deletes.get(type) ?? []), c]);
    } else if (c.action === "update") {
      const before = (c.before ?? {}) as Record<string, unknown>;
      const values = Object.fromEntries(Object.entries(before).filter(([k]) => RESTORABLE.has(k)));
      const table = TABLES[type];
      await tx.update(table).set(values).where(eq(table.id, c.entityId));
      audit.push({ entityType: type, entityId: c.entityId, subjectId: c.subjectId, subjectType: c.subjectType, action: "update", before: c.after, after: c.before });
    }
  }
  for (const type of ["course_completion", "programme", "qualification_category", "education", "employment", "person", "organization"] as const) {
    const created = deletes.get(type);
    if (!created?.length) continue;
    const table = TABLES[type];
    const ids = created.map((c) => c.entityId);
    const deleted = new Set(
      (type === "programme"
        ? await tx
            .delete(programmes)
            .where(
              sql`${inArray(programmes.id, ids)} and not exists (select 1 from course_completions cc where cc.programme_id = ${programmes.id})
                and not exists (select 1 from course_request_items ri where ri.programme_id = ${programmes.id})`,
            )
            .returning({ id: programmes.id })
        : await tx.delete(table).where(inArray(table.id, ids)).returning({ id: table.id })
      ).map((r) => r.id),
    );
    for (const c of created.filter((c) => deleted.has(c.entityId))) {
      audit.push({ entityType: type, entityId: c.entityId, subjectId: c.subjectId, subjectType: c.subjectType, action: "delete", before: c.after, after: null });
    }
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
