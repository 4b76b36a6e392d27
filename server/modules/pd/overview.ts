// Lists a methodologist or a deputy head works from: who is due, who needs retraining, which
// management teams took courses, and what to remind about.
import { sql, type SQL } from "drizzle-orm";
import type { Queryable } from "../../db/client.js";
import { queryRows } from "../../db/client.js";
import { staffScope, type Actor, type StaffScope } from "../../auth/policies.js";
import { activeEmploymentSql } from "../staff/derived-sql.js";
import type { PdStatus } from "../../../shared/domain.js";
import { compareNames, sortByName } from "../../../shared/collation.js";
import { loadRule, pdStatusLateral } from "./rule.js";

/** Employments (alias e) in force on the date within the actor's scope, optionally of one organisation. */
export function scopedEmployment(scope: StaffScope, asOf: string, organizationId?: number): SQL {
  const parts: SQL[] = [activeEmploymentSql("e", asOf), sql`e.municipality_id = ${scope.municipalityId}`];
  if (scope.kind === "organization") parts.push(sql`e.organization_id = ${scope.organizationId}`);
  if (scope.kind === "person") parts.push(sql`e.person_id = ${scope.personId}`);
  if (organizationId) parts.push(sql`e.organization_id = ${organizationId}`);
  return sql.join(parts, sql` and `);
}

type StatusRow = {
  person_id: number;
  full_name: string;
  organization_id: number;
  organization: string;
  position: string;
  last_course: string | null;
  due_date: string | null;
  pd_status: PdStatus;
};

/**
 * Everyone in scope on the date with their three-year-rule status, one row per place of work
 * (a part-time worker shows under each organisation), and the counts by status.
 */
export async function pdStatusList(db: Queryable, opts: { actor: Actor; asOf: string; organizationId?: number; status?: PdStatus }) {
  const scope = staffScope(opts.actor);
  const rule = await loadRule(db, scope.municipalityId);
  // Organisations in natural order of names (shared/collation.ts); people within each as the query gives them.
  const rows = sortByName(await queryRows<StatusRow>(
    db,
    sql`select p.id as person_id, concat_ws(' ', p.surname, p.name, p.patronymic) as full_name,
          o.id as organization_id, o.short_name as organization, pos.name as position,
          pd.last_course, pd.due_date, pd.pd_status
        from employments e
        join persons p on p.id = e.person_id
        join organizations o on o.id = e.organization_id
        join positions pos on pos.id = e.position_id
        ${pdStatusLateral(sql`p.id`, opts.asOf, rule)}
        where ${scopedEmployment(scope, opts.asOf, opts.organizationId)}
        order by o.short_name, o.id, p.surname, p.name, p.id`,
  ), (r) => r.organization);
  const persons = new Map<number, PdStatus>();
  for (const r of rows) persons.set(r.person_id, r.pd_status);
  const counts = { up_to_date: 0, due_this_year: 0, overdue: 0, exempt: 0 } as Record<PdStatus, number>;
  for (const s of persons.values()) counts[s] += 1;
  return {
    asOf: opts.asOf,
    rule,
    counts,
    persons: persons.size,
    items: rows
      .filter((r) => !opts.status || r.pd_status === opts.status)
      .map((r) => ({
        personId: r.person_id,
        fullName: r.full_name,
        organizationId: r.organization_id,
        organization: r.organization,
        position: r.position,
        lastCourse: r.last_course,
        dueDate: r.due_date,
        status: r.pd_status,
      })),
  };
}

/**
 * What a coordinator's start page reminds of: who falls due within the next months, and courses
 * still planned or in progress although their end date has passed.
 */
export async function pdReminders(db: Queryable, opts: { actor: Actor; asOf: string; months: number }) {
  const scope = staffScope(opts.actor);
  const rule = await loadRule(db, scope.municipalityId);
  const horizon = addMonths(opts.asOf, opts.months);
  const dueSoon = await queryRows<{ person_id: number; full_name: string; organization: string; due_date: string | null; pd_status: PdStatus }>(
    db,
    sql`select distinct on (p.id) p.id as person_id, concat_ws(' ', p.surname, p.name, p.patronymic) as full_name,
          o.short_name as organization, pd.due_date, pd.pd_status
        from employments e join persons p on p.id = e.person_id join organizations o on o.id = e.organization_id
        ${pdStatusLateral(sql`p.id`, opts.asOf, rule)}
        where ${scopedEmployment(scope, opts.asOf)} and pd.pd_status <> 'exempt'
          and (pd.due_date is null or pd.due_date <= ${horizon}::date)
        order by p.id, e.is_main desc`,
  );
  const unconfirmed = await queryRows<{ id: number; person_id: number; full_name: string; title: string; date_to: string | null; status: string }>(
    db,
    sql`select cc.id, p.id as person_id, concat_ws(' ', p.surname, p.name, p.patronymic) as full_name, pr.title, cc.date_to, cc.status
        from course_completions cc join persons p on p.id = cc.person_id join programmes pr on pr.id = cc.programme_id
        where cc.municipality_id = ${scope.municipalityId} and cc.status in ('planned', 'enrolled')
          and (cc.date_to is null or cc.date_to < ${opts.asOf}::date)
          and exists (select 1 from employments e where e.person_id = p.id and ${scopedEmployment(scope, opts.asOf)})
        order by cc.date_to nulls first, p.surname`,
  );
  const byDue = (a: { due_date: string | null }, b: { due_date: string | null }) => (a.due_date ?? "").localeCompare(b.due_date ?? "");
  return {
    asOf: opts.asOf,
    months: opts.months,
    dueSoon: dueSoon.sort(byDue).map((r) => ({ personId: r.person_id, fullName: r.full_name, organization: r.organization, dueDate: r.due_date, status: r.pd_status })),
    unconfirmed: unconfirmed.map((r) => ({ completionId: r.id, personId: r.person_id, fullName: r.full_name, title: r.title, dateTo: r.date_to, status: r.status })),
  };
}

function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split("-").map(Number);
  const total = y * 12 + (m - 1) + months;
  const last = new Date(Date.UTC(Math.floor(total / 12), (total % 12) + 1, 0)).getUTCDate();
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`;
}

/**
 * Staff whose education is not pedagogical and who have no completed pedagogical retraining
 * (the professional standard asks for one), by organisation.
 */
export async function retrainingNeeds(db: Queryable, opts: { actor: Actor; asOf: string }) {
  const scope = staffScope(opts.actor);
  const rows = sortByName(await queryRows<{ person_id: number; full_name: string; organization: string; position: string; education: string | null }>(
    db,
    sql`select p.id as person_id, concat_ws(' ', p.surname, p.name, p.patronymic) as full_name, o.short_name as organization,
          pos.name as position,
          (select string_agg(coalesce(ed.speciality, ed.institution, ed.level), '; ') from educations ed where ed.person_id = p.id) as education
        from employments e join persons p on p.id = e.person_id join organizations o on o.id = e.organization_id
        join positions pos on pos.id = e.position_id
        where ${scopedEmployment(scope, opts.asOf)}
          and not pos.is_management
          and exists (select 1 from educations ed where ed.person_id = p.id)
          and not exists (select 1 from educations ed where ed.person_id = p.id and ed.is_pedagogical)
          and not exists (select 1 from course_completions cc join programmes pr on pr.id = cc.programme_id
                          where cc.person_id = p.id and cc.status = 'completed' and pr.kind = 'retraining' and pr.pedagogical
                            and cc.date_to <= ${opts.asOf}::date)
        order by o.short_name, p.surname, p.name`,
  ), (r) => r.organization);
  const byOrganization = new Map<string, typeof rows>();
  for (const r of rows) byOrganization.set(r.organization, [...(byOrganization.get(r.organization) ?? []), r]);
  return {
    asOf: opts.asOf,
    total: new Set(rows.map((r) => r.person_id)).size,
    organizations: [...byOrganization].map(([organization, people]) => ({
      organization,
      persons: people.map((r) => ({ personId: r.person_id, fullName: r.full_name, position: r.position, education: r.education })),
    })),
  };
}

/**
 * Management teams (heads and deputies) in courses during a period: who took which course, and
 * how many organisations sent their management team (seed 000, form 2).
 */
export async function managementTraining(db: Queryable, opts: { actor: Actor; from: string; to: string; asOf: string }) {
  const scope = staffScope(opts.actor);
  const rows = await queryRows<{ organization_id: number; organization: string; kind: string; person_id: number | null; full_name: string | null; position: string | null; courses: string | null }>(
    db,
    sql`select o.id as organization_id, o.short_name as organization, o.kind, t.person_id, t.full_name, t.position, t.courses
        from organizations o
        left join lateral (
          select p.id as person_id, concat_ws(' ', p.surname, p.name, p.patronymic) as full_name, pos.name as position,
            string_agg(distinct pr.title, '; ') as courses
          from employments e join positions pos on pos.id = e.position_id and pos.is_management
          join persons p on p.id = e.person_id
          join course_completions cc on cc.person_id = p.id and cc.status = 'completed'
            and cc.date_to between ${opts.from}::date and ${opts.to}::date
          join programmes pr on pr.id = cc.programme_id
          where e.organization_id = o.id and ${activeEmploymentSql("e", opts.asOf)}
          group by p.id, pos.name
        ) t on true
        where o.municipality_id = ${scope.municipalityId} and (o.archived_at is null or o.archived_at::date > ${opts.asOf}::date)
          ${scope.kind === "organization" ? sql`and o.id = ${scope.organizationId}` : sql``}
        order by o.kind, o.short_name, t.full_name`,
  );
  const orgs = new Map<number, { organizationId: number; organization: string; kind: string; persons: { personId: number; fullName: string; position: string; courses: string }[] }>();
  for (const r of rows) {
    const org = orgs.get(r.organization_id) ?? { organizationId: r.organization_id, organization: r.organization, kind: r.kind, persons: [] };
    if (r.person_id) org.persons.push({ personId: r.person_id, fullName: r.full_name ?? "", position: r.position ?? "", courses: r.courses ?? "" });
    orgs.set(r.organization_id, org);
  }
  const list = [...orgs.values()].sort((a, b) => (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0) || compareNames(a.organization, b.organization));
  return {
    from: opts.from,
    to: opts.to,
    organizations: list.length,
    organizationsWithTrainedManagement: list.filter((o) => o.persons.length > 0).length,
    managersTrained: new Set(list.flatMap((o) => o.persons.map((p) => p.personId))).size,
    items: list,
  };
}
