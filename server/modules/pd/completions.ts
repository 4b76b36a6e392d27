// Courses people take: entered on the card, for a group at once, or by import; with the
// certificate scan kept beside them.
import crypto from "node:crypto";
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db, Queryable } from "../../db/client.js";
import { queryRows } from "../../db/client.js";
import { courseCompletions, files, pdExemptions, programmes, providers } from "../../db/schema.js";
import { AppError, notFound, type NotFoundEntity } from "../../errors.js";
import { requirePersonAccess, requirePersonsAccess, staffScope, type Actor } from "../../auth/policies.js";
import { recordAudit, recordAuditBulk } from "../audit/audit.js";
import { column, insertReturningIds } from "../../db/bulk.js";
import type { CompletionInput } from "../../../shared/schemas.js";
import { loadRule, pdStatusLateral, type PdStatusRow } from "./rule.js";

type Completion = typeof courseCompletions.$inferSelect;

/**
 * Only the municipal admin and coordinators (for their own staff) record courses. People outside
 * the scope answer as `entity` not found (a course named by id answers «course not found»).
 */
export async function requirePdWrite(db: Queryable, actor: Actor, personIds: number[], entity: NotFoundEntity = "person") {
  await requirePersonsAccess(db, actor, personIds, entity);
  if (actor.role !== "municipal_admin" && actor.role !== "org_coordinator") {
    throw new AppError("forbidden", "Курсы вносит методист муниципалитета или координатор организации");
  }
}

/** The programme of the tenant, or a validation error; its title goes into the audit log. */
async function requireProgramme(db: Queryable, municipalityId: number, programmeId: number) {
  const [p] = await db
    .select({ id: programmes.id, title: programmes.title })
    .from(programmes)
    .where(and(eq(programmes.id, programmeId), eq(programmes.municipalityId, municipalityId)));
  if (!p) throw new AppError("validation", "Программа не найдена", [{ field: "programmeId", message: "Программа не найдена" }]);
  return p;
}

const presentCompletion = (c: Completion) => {
  const { municipalityId: _m, createdAt: _c, scanFileId, ...rest } = c;
  return { ...rest, hasScan: scanFileId !== null };
};

/** The professional-development section of a card: the rule's status, courses and exemptions. */
export async function getPdCard(db: Queryable, opts: { actor: Actor; personId: number; asOf: string }) {
  await requirePersonAccess(db, opts.actor, opts.personId);
  const municipalityId = staffScope(opts.actor).municipalityId;
  const rule = await loadRule(db, municipalityId);
  const [status] = await queryRows<PdStatusRow>(
    db,
    sql`select pd.last_course, pd.due_date, pd.pd_status from (select 1) one ${pdStatusLateral(sql`${opts.personId}::int`, opts.asOf, rule)}`,
  );
  const completions = await db
    .select({ c: courseCompletions, p: programmes, providerName: providers.shortName })
    .from(courseCompletions)
    .innerJoin(programmes, eq(programmes.id, courseCompletions.programmeId))
    .innerJoin(providers, eq(providers.id, programmes.providerId))
    .where(eq(courseCompletions.personId, opts.personId))
    .orderBy(desc(courseCompletions.dateTo), desc(courseCompletions.id));
  const exemptions = await db.select().from(pdExemptions).where(eq(pdExemptions.personId, opts.personId)).orderBy(asc(pdExemptions.validFrom));
  return {
    asOf: opts.asOf,
    rule,
    status: { lastCourse: status.last_course, dueDate: status.due_date, status: status.pd_status },
    completions: completions.map((r) => ({
      ...presentCompletion(r.c),
      programme: { title: r.p.title, hours: r.p.hours, kind: r.p.kind, form: r.p.form, federalRegister: r.p.federalRegister, providerName: r.providerName },
    })),
    exemptions: exemptions.map(({ municipalityId: _m, createdAt: _c, ...e }) => e),
  };
}

/** Adds, changes or deletes (a mistaken entry) one course of a person. */
export async function saveCompletion(
  db: Db,
  opts: { actor: Actor; personId?: number; completionId?: number; input: CompletionInput | null },
) {
  const municipalityId = staffScope(opts.actor).municipalityId;
  let before: Completion | null = null;
  if (opts.completionId !== undefined) {
    [before] = await db
      .select()
      .from(courseCompletions)
      .where(and(eq(courseCompletions.id, opts.completionId), eq(courseCompletions.municipalityId, municipalityId)));
    if (!before) throw notFound("course");
  }
  const personId = before?.personId ?? opts.personId;
  if (personId === undefined) throw notFound("person");
  await requirePdWrite(db, opts.actor, [personId], before ? "course" : "person");
  const programme = opts.input ? await requireProgramme(db, municipalityId, opts.input.programmeId) : null;
  const subject = { type: "person", id: personId };
  const withTitle = (c: Completion) => ({ ...presentCompletion(c), programme: programme?.title });
  return db.transaction(async (tx) => {
    if (!before && opts.input) {
      const [row] = await tx.insert(courseCompletions).values({ ...opts.input, personId, municipalityId }).returning();
      await recordAudit(tx, opts.actor, municipalityId, { entityType: "course_completion", entityId: row.id, subject, action: "create", after: withTitle(row) });
      return presentCompletion(row);
    }
    if (before && opts.input === null) {
      await tx.delete(courseCompletions).where(eq(courseCompletions.id, before.id));
      // The scan belongs to the course alone.
      if (before.scanFileId) await tx.delete(files).where(eq(files.id, before.scanFileId));
      await recordAudit(tx, opts.actor, municipalityId, { entityType: "course_completion", entityId: before.id, subject, action: "delete", before: presentCompletion(before) });
      return null;
    }
    const [row] = await tx.update(courseCompletions).set(opts.input as CompletionInput).where(eq(courseCompletions.id, (before as Completion).id)).returning();
    await recordAudit(tx, opts.actor, municipalityId, {
      entityType: "course_completion", entityId: row.id, subject, action: "update", before: presentCompletion(before as Completion), after: withTitle(row),
    });
    return presentCompletion(row);
  });
}

/** One programme for a group of people (a school sent on one course): all or none. */
export async function addCompletionsForGroup(db: Db, opts: { actor: Actor; personIds: number[]; input: CompletionInput }) {
  const municipalityId = staffScope(opts.actor).municipalityId;
  const personIds = [...new Set(opts.personIds)];
  await requirePdWrite(db, opts.actor, personIds);
  const programme = await requireProgramme(db, municipalityId, opts.input.programmeId);
  const i = opts.input;
  return db.transaction(async (tx) => {
    const ids = await insertReturningIds(tx, "course_completions", "person_id", [
      column("municipality_id", "int[]", personIds.map(() => municipalityId)),
      column("person_id", "int[]", personIds),
      column("programme_id", "int[]", personIds.map(() => i.programmeId)),
      column("date_from", "date[]", personIds.map(() => i.dateFrom)),
      column("date_to", "date[]", personIds.map(() => i.dateTo)),
      column("status", "text[]", personIds.map(() => i.status)),
      column("certificate_kind", "text[]", personIds.map(() => i.certificateKind)),
      column("order_number", "text[]", personIds.map(() => i.orderNumber)),
      column("order_date", "date[]", personIds.map(() => i.orderDate)),
      column("motivation", "text[]", personIds.map(() => i.motivation)),
    ]);
    await recordAuditBulk(tx, {
      municipalityId,
      userId: opts.actor.userId,
      importId: null,
      subjectType: "person",
      rows: personIds.map((personId, k) => ({
        entityType: "course_completion", entityId: ids[k], subjectId: personId, action: "create", before: null, after: { id: ids[k], personId, ...i, programme: programme.title },
      })),
    });
    return { created: ids.length };
  });
}

export const MAX_SCAN_BYTES = 10 * 1024 * 1024;

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The type of a file judged by its bytes, not by its name or by what the browser said. */
export function fileTypeOf(buf: Buffer): "application/pdf" | "image/jpeg" | "image/png" | null {
  if (buf.subarray(0, 5).toString("latin1") === "%PDF-") return "application/pdf";
  if (buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return "image/jpeg";
  if (buf.subarray(0, 8).equals(PNG_SIGNATURE)) return "image/png";
  return null;
}

/** A scan is accepted as PDF or JPEG, nothing else. */
function scanType(buf: Buffer): "application/pdf" | "image/jpeg" | null {
  const type = fileTypeOf(buf);
  return type === "application/pdf" || type === "image/jpeg" ? type : null;
}

/** Attaches the scan of a certificate to a course, replacing an earlier one. */
export async function attachScan(db: Db, opts: { actor: Actor; completionId: number; fileName: string; file: Buffer }) {
  const municipalityId = staffScope(opts.actor).municipalityId;
  const [c] = await db
    .select()
    .from(courseCompletions)
    .where(and(eq(courseCompletions.id, opts.completionId), eq(courseCompletions.municipalityId, municipalityId)));
  if (!c) throw notFound("course");
  await requirePdWrite(db, opts.actor, [c.personId], "course");
  if (opts.file.length === 0) throw new AppError("bad_request", "Файл пустой");
  if (opts.file.length > MAX_SCAN_BYTES) throw new AppError("bad_request", "Скан больше 10 МБ: уменьшите разрешение или сожмите PDF");
  const mime = scanType(opts.file);
  if (!mime) throw new AppError("bad_request", `Файл «${opts.fileName}» не PDF и не JPEG: загрузите скан удостоверения в одном из этих форматов`);
  return db.transaction(async (tx) => {
    const [f] = await tx
      .insert(files)
      .values({
        municipalityId,
        name: opts.fileName.slice(0, 255),
        mime,
        size: opts.file.length,
        sha256: crypto.createHash("sha256").update(opts.file).digest("hex"),
        data: new Uint8Array(opts.file),
      })
      .returning({ id: files.id });
    await tx.update(courseCompletions).set({ scanFileId: f.id }).where(eq(courseCompletions.id, c.id));
    if (c.scanFileId) await tx.delete(files).where(eq(files.id, c.scanFileId));
    await recordAudit(tx, opts.actor, municipalityId, {
      entityType: "course_completion", entityId: c.id, subject: { type: "person", id: c.personId }, action: "update",
      before: { scan: c.scanFileId ? "есть" : null }, after: { scan: opts.fileName },
    });
    return { ok: true, mime, size: opts.file.length };
  });
}

/**
 * The stored scan of a course, for whoever may see the person's card. A missing course, another
 * school's course and a course without a scan all answer the same «scan not found».
 */
export async function readScan(db: Queryable, opts: { actor: Actor; completionId: number }) {
  const municipalityId = staffScope(opts.actor).municipalityId;
  const [c] = await db
    .select({ personId: courseCompletions.personId, scanFileId: courseCompletions.scanFileId })
    .from(courseCompletions)
    .where(and(eq(courseCompletions.id, opts.completionId), eq(courseCompletions.municipalityId, municipalityId)));
  if (!c) throw notFound("scan");
  await requirePersonAccess(db, opts.actor, c.personId, "scan");
  if (!c.scanFileId) throw notFound("scan");
  const [f] = await db.select().from(files).where(inArray(files.id, [c.scanFileId]));
  const data = Buffer.from(f.data);
  // Served with the type its bytes prove, whatever was stored; unknown bytes as a plain download.
  return { name: f.name, mime: fileTypeOf(data) ?? "application/octet-stream", data };
}
