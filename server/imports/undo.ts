import { getTableColumns, getTableName, sql } from "drizzle-orm";
import type { Tx } from "../db/client.js";
import {
  auditLog,
  courseCompletions,
  educations,
  employments,
  organizationAliases,
  organizations,
  persons,
  positionAliases,
  positions,
  programmes,
  providerAliases,
  providers,
  qualificationCategories,
  subjectAliases,
  subjects,
} from "../db/schema.js";
import type { Actor } from "../auth/policies.js";
import { recordAuditBulk, type BulkAuditRow } from "../modules/audit/audit.js";
import { column, intArrayLiteral, updateRows, type BulkColumn, type Scalar } from "../db/bulk.js";

// The tables an import writes, by the entity type its audit rows carry.
const TABLES = {
  person: persons,
  employment: employments,
  education: educations,
  qualification_category: qualificationCategories,
  organization: organizations,
  course_completion: courseCompletions,
  programme: programmes,
  // What the decisions about unknown values wrote (imports/reference-book.ts).
  organization_alias: organizationAliases,
  position_alias: positionAliases,
  subject_alias: subjectAliases,
  provider_alias: providerAliases,
  position: positions,
  subject: subjects,
  provider: providers,
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
  const restores = new Map<string, Restore>();
  for (const c of opts.changes) {
    const type = c.entityType as EntityType;
    if (!(type in TABLES)) throw new Error(`Cannot undo a change of ${c.entityType}`);
    if (c.action === "create") {
      if (!deletes.has(type)) deletes.set(type, []);
      deletes.get(type)?.push(c);
    } else if (c.action === "update") {
      // Newest first: an older snapshot of the same row overrides the fields they share.
      const key = `${type}:${c.entityId}`;
      const columns = getTableColumns(TABLES[type]);
      const before = Object.fromEntries(Object.entries((c.before ?? {}) as Record<string, unknown>).filter(([k]) => RESTORABLE.has(k) && k in columns));
      restores.set(key, { type, id: c.entityId, values: { ...restores.get(key)?.values, ...before } });
      audit.push({ entityType: type, entityId: c.entityId, subjectId: c.subjectId, subjectType: c.subjectType, action: "update", before: c.after, after: c.before });
    }
  }
  await restoreRows(tx, [...restores.values()]);
  for (const type of [
    "course_completion",
    "programme",
    "qualification_category",
    "education",
    "employment",
    "person",
    "organization_alias",
    "position_alias",
    "subject_alias",
    "provider_alias",
    "organization",
    "position",
    "subject",
    "provider",
  ] as const) {
    const created = deletes.get(type);
    if (!created?.length) continue;
    const table = TABLES[type];
    // One array parameter, however many rows the import created.
    const where = sql`${table.id} = any(${sql.param(created.map((c) => c.entityId))}::int[])`;
    const unused = STILL_USED[type];
    if (unused) where.append(unused);
    const deleted = new Set((await tx.delete(table).where(where).returning({ id: table.id })).map((r) => r.id));
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

// A record the import created stays while something entered since refers to it.
const STILL_USED: Partial<Record<EntityType, ReturnType<typeof sql>>> = {
  programme: sql` and not exists (select 1 from course_completions cc where cc.programme_id = ${programmes.id})
    and not exists (select 1 from course_request_items ri where ri.programme_id = ${programmes.id})`,
  organization: sql` and not exists (select 1 from employments e where e.organization_id = ${organizations.id})
    and not exists (select 1 from organization_aliases a where a.organization_id = ${organizations.id})`,
  position: sql` and not exists (select 1 from employments e where e.position_id = ${positions.id})
    and not exists (select 1 from position_aliases a where a.position_id = ${positions.id})`,
  subject: sql` and not exists (select 1 from employments e where ${subjects.id} = any(e.subject_ids))
    and not exists (select 1 from subject_aliases a where a.subject_id = ${subjects.id})`,
  provider: sql` and not exists (select 1 from programmes p where p.provider_id = ${providers.id})
    and not exists (select 1 from provider_aliases a where a.provider_id = ${providers.id})`,
};

type Restore = { type: EntityType; id: number; values: Record<string, unknown> };

/**
 * Writes the snapshots back in one bulk statement per table and set of fields, whatever the
 * number of rows (an import may have updated thousands).
 */
async function restoreRows(tx: Tx, restores: Restore[]) {
  const groups = new Map<string, Restore[]>();
  for (const r of restores) {
    const key = `${r.type}:${Object.keys(r.values).sort().join(",")}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key)?.push(r);
  }
  for (const rows of groups.values()) {
    const table = TABLES[rows[0].type];
    const columns = getTableColumns(table) as Record<string, { name: string; getSQLType(): string }>;
    const fields = Object.keys(rows[0].values);
    if (!fields.length) continue;
    const bulk: BulkColumn[] = fields.map((field) => {
      const col = columns[field];
      const values = rows.map((r) => (r.values[field] ?? null) as Scalar | number[]);
      // Integer arrays (subject ids) travel as array literals: a 1-D array cannot hold arrays.
      if (col.getSQLType() === "integer[]") {
        return column(col.name, "text[]", values.map((v) => (Array.isArray(v) ? intArrayLiteral(v) : null)), "int[]");
      }
      return column(col.name, `${col.getSQLType()}[]`, values as Scalar[]);
    });
    await updateRows(tx, getTableName(table), rows.map((r) => r.id), bulk);
  }
}
