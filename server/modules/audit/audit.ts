import { and, desc, eq } from "drizzle-orm";
import type { Queryable } from "../../db/client.js";
import { column, insertRows } from "../../db/bulk.js";
import { auditLog, users } from "../../db/schema.js";
import type { Actor } from "../../auth/policies.js";

export type AuditEntry = {
  entityType: string;
  entityId: number;
  /** The card the change is shown on: a person's employments belong to the person. */
  subject?: { type: string; id: number };
  action: "create" | "update" | "archive" | "restore" | "dismiss" | "delete";
  before?: unknown;
  after?: unknown;
  importId?: number;
};

/** Writes one change to the audit log, in the transaction of the change itself. */
export async function recordAudit(db: Queryable, actor: Actor | null, municipalityId: number, entry: AuditEntry) {
  await db.insert(auditLog).values({
    municipalityId,
    userId: actor?.userId ?? null,
    entityType: entry.entityType,
    entityId: entry.entityId,
    subjectType: entry.subject?.type ?? entry.entityType,
    subjectId: entry.subject?.id ?? entry.entityId,
    action: entry.action,
    before: entry.before ?? null,
    after: entry.after ?? null,
    importId: entry.importId ?? null,
  });
}

export type BulkAuditRow = {
  entityType: string;
  entityId: number;
  subjectId: number;
  action: AuditEntry["action"];
  before: unknown;
  after: unknown;
};

/** Writes many changes of one import (or one bulk action) to the audit log in a few statements. */
export async function recordAuditBulk(
  db: Queryable,
  opts: { municipalityId: number; userId: number | null; importId: number | null; subjectType: string; rows: BulkAuditRow[] },
) {
  const { rows } = opts;
  await insertRows(db, "audit_log", [
    column("municipality_id", "int[]", rows.map(() => opts.municipalityId)),
    column("user_id", "int[]", rows.map(() => opts.userId)),
    column("entity_type", "text[]", rows.map((r) => r.entityType)),
    column("entity_id", "int[]", rows.map((r) => r.entityId)),
    column("subject_type", "text[]", rows.map(() => opts.subjectType)),
    column("subject_id", "int[]", rows.map((r) => r.subjectId)),
    column("action", "text[]", rows.map((r) => r.action)),
    column("before", "text[]", rows.map((r) => (r.before == null ? null : JSON.stringify(r.before))), "jsonb"),
    column("after", "text[]", rows.map((r) => (r.after == null ? null : JSON.stringify(r.after))), "jsonb"),
    column("import_id", "int[]", rows.map(() => opts.importId)),
  ]);
}

/** Changes shown on a card, newest first, with the name of who made them. */
export async function listAudit(db: Queryable, opts: { municipalityId: number; subjectType: string; subjectId: number; limit?: number }) {
  const rows = await db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      entityType: auditLog.entityType,
      entityId: auditLog.entityId,
      action: auditLog.action,
      before: auditLog.before,
      after: auditLog.after,
      userName: users.fullName,
      userLogin: users.login,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.userId))
    .where(
      and(
        eq(auditLog.municipalityId, opts.municipalityId),
        eq(auditLog.subjectType, opts.subjectType),
        eq(auditLog.subjectId, opts.subjectId),
      ),
    )
    .orderBy(desc(auditLog.id))
    .limit(opts.limit ?? 200);
  return rows.map((r) => ({ ...r, at: r.at.toISOString(), changes: diff(r.before, r.after) }));
}

/** Field-by-field difference between two snapshots, for people to read. */
export function diff(before: unknown, after: unknown): { field: string; from: unknown; to: unknown }[] {
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return keys
    .filter((k) => JSON.stringify(b[k] ?? null) !== JSON.stringify(a[k] ?? null))
    .map((k) => ({ field: k, from: b[k] ?? null, to: a[k] ?? null }));
}
