// The course plan for an academic year (seed 002, 1.1): who falls due, and each organisation's
// request (заявка) — chosen programme and preferred period — sent to the municipality, which
// approves it or returns it with a comment.
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db, Queryable } from "../../db/client.js";
import { queryRows } from "../../db/client.js";
import { courseRequestItems, courseRequests, employments, organizations, programmes } from "../../db/schema.js";
import { AppError, notFound } from "../../errors.js";
import { requireStaffWriteIn, staffScope, type Actor } from "../../auth/policies.js";
import { recordAudit } from "../audit/audit.js";
import { writeSheet } from "../../spreadsheets/xlsx.js";
import { PD_STATUS_LABELS, REQUEST_STATUS_LABELS, type PdStatus, type RequestStatus } from "../../../shared/domain.js";
import type { RequestItemInput } from "../../../shared/schemas.js";
import { byName, sortByName } from "../../../shared/collation.js";
import { loadRule, pdStatusLateral } from "./rule.js";
import { scopedEmployment } from "./overview.js";

const yearStart = (academicYear: number) => `${academicYear}-09-01`;
export const academicYearLabel = (y: number) => `${y}-${y + 1} учебный год`;

type PlanRow = {
  organization_id: number;
  organization: string;
  person_id: number;
  full_name: string;
  position: string;
  last_course: string | null;
  due_date: string | null;
  pd_status: PdStatus;
};

/**
 * Everyone who needs a course by the end of the academic year (overdue or due during it, not
 * exempt), by organisation, with what each organisation's request says about them.
 */
export async function coursePlan(db: Queryable, opts: { actor: Actor; academicYear: number }) {
  const scope = staffScope(opts.actor);
  const asOf = yearStart(opts.academicYear);
  const rule = await loadRule(db, scope.municipalityId);
  // Organisations in natural order of names (shared/collation.ts); within each, the order of the query.
  const rows = sortByName(await queryRows<PlanRow>(
    db,
    sql`select o.id as organization_id, o.short_name as organization, p.id as person_id,
          concat_ws(' ', p.surname, p.name, p.patronymic) as full_name, pos.name as position,
          pd.last_course, pd.due_date, pd.pd_status
        from employments e
        join persons p on p.id = e.person_id
        join organizations o on o.id = e.organization_id
        join positions pos on pos.id = e.position_id
        ${pdStatusLateral(sql`p.id`, asOf, rule)}
        where ${scopedEmployment(scope, asOf)} and e.is_main and pd.pd_status in ('overdue', 'due_this_year')
        order by o.short_name, o.id, pd.due_date nulls first, p.surname, p.name`,
  ), (r) => r.organization);
  const requests = await db
    .select()
    .from(courseRequests)
    .where(and(eq(courseRequests.municipalityId, scope.municipalityId), eq(courseRequests.academicYear, opts.academicYear)));
  const items = requests.length
    ? await db
        .select({ item: courseRequestItems, title: programmes.title })
        .from(courseRequestItems)
        .leftJoin(programmes, eq(programmes.id, courseRequestItems.programmeId))
        .where(inArray(courseRequestItems.requestId, requests.map((r) => r.id)))
    : [];
  const orgs = new Map<number, { organizationId: number; organization: string; request: ReturnType<typeof presentRequest> | null; persons: unknown[] }>();
  for (const r of rows) {
    const request = requests.find((q) => q.organizationId === r.organization_id) ?? null;
    const org = orgs.get(r.organization_id) ?? { organizationId: r.organization_id, organization: r.organization, request: request && presentRequest(request), persons: [] };
    const item = request ? items.find((i) => i.item.requestId === request.id && i.item.personId === r.person_id) : undefined;
    org.persons.push({
      personId: r.person_id,
      fullName: r.full_name,
      position: r.position,
      lastCourse: r.last_course,
      dueDate: r.due_date,
      status: r.pd_status,
      item: item ? { programmeId: item.item.programmeId, programmeTitle: item.title, preferredPeriod: item.item.preferredPeriod, note: item.item.note } : null,
    });
    orgs.set(r.organization_id, org);
  }
  return { academicYear: opts.academicYear, label: academicYearLabel(opts.academicYear), persons: rows.length, organizations: [...orgs.values()] };
}

const presentRequest = (r: typeof courseRequests.$inferSelect) => ({
  id: r.id,
  organizationId: r.organizationId,
  academicYear: r.academicYear,
  status: r.status as RequestStatus,
  comment: r.comment,
  submittedAt: r.submittedAt?.toISOString() ?? null,
  decidedAt: r.decidedAt?.toISOString() ?? null,
});

/** Requests of the year: all organisations for the admin, the own one for a coordinator. */
export async function listRequests(db: Queryable, opts: { actor: Actor; academicYear: number }) {
  const scope = staffScope(opts.actor);
  const rows = await db
    .select({ r: courseRequests, organization: organizations.shortName, items: sql<number>`(select count(*)::int from course_request_items i where i.request_id = ${courseRequests.id})` })
    .from(courseRequests)
    .innerJoin(organizations, eq(organizations.id, courseRequests.organizationId))
    .where(
      and(
        eq(courseRequests.municipalityId, scope.municipalityId),
        eq(courseRequests.academicYear, opts.academicYear),
        scope.kind === "organization" ? eq(courseRequests.organizationId, scope.organizationId) : undefined,
      ),
    )
    .orderBy(organizations.shortName);
  return rows.map((x) => ({ ...presentRequest(x.r), organization: x.organization, items: x.items })).sort(byName((x) => x.organization));
}

/**
 * Sets an organisation's request for the year to the given items (the people and, for each, the
 * programme and period chosen). Only a draft or a returned request can change.
 */
export async function saveRequestItems(
  db: Db,
  opts: { actor: Actor; organizationId: number; academicYear: number; items: RequestItemInput[] },
) {
  requireStaffWriteIn(opts.actor, opts.organizationId);
  const municipalityId = staffScope(opts.actor).municipalityId;
  const personIds = [...new Set(opts.items.map((i) => i.personId))];
  if (personIds.length !== opts.items.length) throw new AppError("validation", "Педагог указан в заявке дважды");
  return db.transaction(async (tx) => {
    const [org] = await tx
      .select({ id: organizations.id })
      .from(organizations)
      .where(and(eq(organizations.id, opts.organizationId), eq(organizations.municipalityId, municipalityId)));
    if (!org) throw notFound("organization");
    if (personIds.length) {
      const employed = await tx
        .select({ personId: employments.personId })
        .from(employments)
        .where(and(eq(employments.organizationId, opts.organizationId), inArray(employments.personId, personIds)));
      const known = new Set(employed.map((e) => e.personId));
      const stranger = personIds.find((id) => !known.has(id));
      if (stranger) throw new AppError("validation", "В заявку можно включить только работников этой организации", [{ field: "personId", value: stranger, message: "Не работник организации" }]);
      const programmeIds = opts.items.map((i) => i.programmeId).filter((v): v is number => v !== null);
      if (programmeIds.length) {
        const found = await tx.select({ id: programmes.id }).from(programmes).where(and(inArray(programmes.id, programmeIds), eq(programmes.municipalityId, municipalityId)));
        if (found.length !== new Set(programmeIds).size) throw new AppError("validation", "Программа не найдена");
      }
    }
    let [request] = await tx
      .select()
      .from(courseRequests)
      .where(and(eq(courseRequests.organizationId, opts.organizationId), eq(courseRequests.academicYear, opts.academicYear)));
    if (request && (request.status === "submitted" || request.status === "approved")) {
      throw new AppError("conflict", `Заявка ${REQUEST_STATUS_LABELS[request.status as RequestStatus]}: изменить её можно, только если её вернут на доработку`);
    }
    if (!request) {
      [request] = await tx.insert(courseRequests).values({ municipalityId, organizationId: opts.organizationId, academicYear: opts.academicYear }).returning();
    }
    await tx.delete(courseRequestItems).where(eq(courseRequestItems.requestId, request.id));
    if (opts.items.length) {
      await tx.insert(courseRequestItems).values(opts.items.map((i) => ({ ...i, municipalityId, requestId: request.id })));
    }
    await recordAudit(tx, opts.actor, municipalityId, {
      entityType: "course_request", entityId: request.id, subject: { type: "organization", id: opts.organizationId }, action: "update",
      after: { academicYear: opts.academicYear, items: opts.items.length },
    });
    return presentRequest(request);
  });
}

/** The coordinator sends the request; the admin approves it or returns it with a comment. */
export async function moveRequest(
  db: Db,
  opts: { actor: Actor; requestId: number; action: "submit" | "approve" | "return"; comment?: string | null },
) {
  const scope = staffScope(opts.actor);
  return db.transaction(async (tx) => {
    const [request] = await tx
      .select()
      .from(courseRequests)
      .where(and(eq(courseRequests.id, opts.requestId), eq(courseRequests.municipalityId, scope.municipalityId)));
    if (!request || (scope.kind === "organization" && request.organizationId !== scope.organizationId)) throw notFound("courseRequest");
    const from = request.status as RequestStatus;
    let to: RequestStatus;
    if (opts.action === "submit") {
      requireStaffWriteIn(opts.actor, request.organizationId);
      if (from !== "draft" && from !== "returned") throw new AppError("conflict", `Заявка уже ${REQUEST_STATUS_LABELS[from]}`);
      to = "submitted";
    } else {
      if (opts.actor.role !== "municipal_admin") throw new AppError("forbidden", "Согласует заявки методист муниципалитета");
      if (from !== "submitted") throw new AppError("conflict", "Рассмотреть можно только отправленную заявку");
      if (opts.action === "return" && !opts.comment) throw new AppError("validation", "Напишите, что исправить в заявке", [{ field: "comment", message: "Нужен комментарий" }]);
      to = opts.action === "approve" ? "approved" : "returned";
    }
    const [after] = await tx
      .update(courseRequests)
      .set({
        status: to,
        comment: opts.action === "submit" ? request.comment : (opts.comment ?? null),
        submittedAt: opts.action === "submit" ? new Date() : request.submittedAt,
        decidedAt: opts.action === "submit" ? null : new Date(),
      })
      .where(eq(courseRequests.id, request.id))
      .returning();
    await recordAudit(tx, opts.actor, scope.municipalityId, {
      entityType: "course_request", entityId: request.id, subject: { type: "organization", id: request.organizationId }, action: "update",
      before: { status: from }, after: { status: to, comment: after.comment },
    });
    return presentRequest(after);
  });
}

/** The plan as a spreadsheet: one row per person, with the request's choices. */
export async function coursePlanWorkbook(db: Queryable, opts: { actor: Actor; academicYear: number }) {
  const plan = await coursePlan(db, opts);
  type Line = { organization: string; request: string; p: { fullName: string; position: string; lastCourse: string | null; dueDate: string | null; status: PdStatus; item: { programmeTitle: string | null; preferredPeriod: string | null; note: string | null } | null } };
  const lines: Line[] = plan.organizations.flatMap((o) =>
    (o.persons as Line["p"][]).map((p) => ({ organization: o.organization, request: o.request ? REQUEST_STATUS_LABELS[o.request.status] : "нет заявки", p })),
  );
  return writeSheet<Line>({
    sheetName: "План курсов",
    title: `План курсовой подготовки на ${plan.label}`,
    columns: [
      { header: "Организация", width: 28, value: (l) => l.organization },
      { header: "ФИО", width: 34, value: (l) => l.p.fullName },
      { header: "Должность", width: 24, value: (l) => l.p.position },
      { header: "Последние курсы", width: 14, type: "date", value: (l) => l.p.lastCourse },
      { header: "Курсы нужны до", width: 14, type: "date", value: (l) => l.p.dueDate },
      { header: "Статус", width: 26, value: (l) => PD_STATUS_LABELS[l.p.status] },
      { header: "Программа", width: 40, value: (l) => l.p.item?.programmeTitle },
      { header: "Желаемый период", width: 18, value: (l) => l.p.item?.preferredPeriod },
      { header: "Заявка", width: 18, value: (l) => l.request },
    ],
    rows: lines,
  });
}
