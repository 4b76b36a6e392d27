import { and, asc, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Db, Queryable } from "../../db/client.js";
import {
  educations,
  employments,
  organizations,
  pdExemptions,
  personStatuses,
  persons,
  positions,
  qualificationCategories,
  subjects,
} from "../../db/schema.js";
import { AppError, notFound, type NotFoundEntity } from "../../errors.js";
import { requirePersonAccess, requireStaffWriteIn, staffScope, type Actor, type StaffScope } from "../../auth/policies.js";
import { recordAudit } from "../audit/audit.js";
import type {
  CategoryInput,
  EducationInput,
  EmploymentInput,
  ExemptionInput,
  PersonStatusInput,
  PersonInput,
  StaffCreateInput,
  StaffListQuery,
} from "../../../shared/schemas.js";
import {
  ageOn,
  categoryOn,
  isYoungTeacher,
  pedExperienceOn,
  type Category,
} from "../../../shared/derived.js";
import { foldName, formatSnils } from "../../../shared/validators.js";
import { queryRowsPrepared } from "../../db/client.js";
import { activeEmploymentSql, categoryOnSql, youngTeacherSql } from "./derived-sql.js";

type Person = typeof persons.$inferSelect;

/** The conditions a staff list is filtered by, for the actor's scope and a date. */
function staffConditions(scope: StaffScope, q: StaffListQuery, asOf: string): SQL[] {
  const where: SQL[] = [eq(persons.municipalityId, scope.municipalityId)];
  if (scope.kind === "person") where.push(eq(persons.id, scope.personId));

  // Filters on the place of work all apply to one and the same employment.
  const emp: SQL[] = [sql`e.person_id = ${persons.id}`];
  if (!q.includeDismissed) emp.push(activeEmploymentSql("e", asOf));
  if (scope.kind === "organization") emp.push(sql`e.organization_id = ${scope.organizationId}`);
  if (q.organizationId.length) emp.push(sql`e.organization_id in ${q.organizationId}`);
  if (q.positionId.length) emp.push(sql`e.position_id in ${q.positionId}`);
  if (q.subjectId.length) emp.push(sql`e.subject_ids && ${sql.param(q.subjectId)}::int[]`);
  if (q.orgKind) emp.push(sql`exists (select 1 from organizations o where o.id = e.organization_id and o.kind = ${q.orgKind})`);
  where.push(sql`exists (select 1 from employments e where ${sql.join(emp, sql` and `)})`);

  for (const token of foldName(q.q ?? "").split(" ").filter(Boolean)) {
    where.push(sql`${persons.searchName} like ${`%${token.replace(/[%_\\]/g, "\\$&")}%`}`);
  }
  if (q.category) where.push(sql`${categoryOnSql(sql`${persons.id}`, asOf)} = ${q.category}`);
  if (q.educationLevel) {
    where.push(sql`exists (select 1 from educations ed where ed.person_id = ${persons.id} and ed.level = ${q.educationLevel})`);
  }
  if (q.young !== undefined) {
    const young = youngTeacherSql({ birthDate: sql`${persons.birthDate}`, pedWorkStart: sql`${persons.pedWorkStart}` }, asOf);
    where.push(q.young ? young : sql`not coalesce(${young}, false)`);
  }
  if (q.status) {
    where.push(sql`exists (select 1 from person_statuses ps where ps.person_id = ${persons.id} and ps.kind = ${q.status}
      and ps.valid_from <= ${asOf} and (ps.valid_to is null or ps.valid_to >= ${asOf}))`);
  }
  return where;
}

const SORTS: Record<StaffListQuery["sort"], SQL[]> = {
  name: [asc(persons.surname), asc(persons.name), asc(persons.patronymic), asc(persons.id)],
  "-name": [desc(persons.surname), desc(persons.name), desc(persons.patronymic), desc(persons.id)],
  birthDate: [sql`${persons.birthDate} asc nulls last`, asc(persons.id)],
  "-birthDate": [sql`${persons.birthDate} desc nulls last`, asc(persons.id)],
  pedWorkStart: [sql`${persons.pedWorkStart} asc nulls last`, asc(persons.id)],
  "-pedWorkStart": [sql`${persons.pedWorkStart} desc nulls last`, asc(persons.id)],
};

/** A page of the staff list the actor may see, filtered and sorted, with derived facts on the date. */
export async function findStaff(db: Queryable, opts: { actor: Actor; query: StaffListQuery; asOf: string; all?: boolean }) {
  const scope = staffScope(opts.actor);
  const q = opts.query;
  const asOf = opts.asOf;
  const order = sql.join(SORTS[q.sort], sql`, `);
  const page = db
    .select({ id: persons.id, total: sql`count(*) over ()`.as("total"), ord: sql`row_number() over (order by ${order})`.as("ord") })
    .from(persons)
    .where(and(...staffConditions(scope, q, asOf)))
    .orderBy(...SORTS[q.sort]);
  const pageSql = (opts.all ? page : page.limit(q.pageSize).offset((q.page - 1) * q.pageSize)).getSQL();
  const jobFilter = sql.join(
    [
      sql`e.person_id = p.id`,
      ...(scope.kind === "organization" ? [sql`e.organization_id = ${scope.organizationId}`] : []),
      ...(q.includeDismissed ? [] : [activeEmploymentSql("e", asOf)]),
    ],
    sql` and `,
  );
  // One statement for the whole page: the person, the category in force, the highest education
  // and the places of work as JSON. Each round trip costs the server more than the join does.
  const rows = await queryRowsPrepared<ListRow>(
    db,
    sql`select p.id, p.surname, p.name, p.patronymic, p.birth_date as "birthDate", p.snils, p.ped_work_start as "pedWorkStart",
          page.total::int as total, cat.category, cat.assigned_on as "assignedOn", edu.level as "educationLevel",
          coalesce(edu.pedagogical, false) as pedagogical, coalesce(jobs.list, '[]'::json) as employments
        from (${pageSql}) page
        join persons p on p.id = page.id
        left join lateral (select qc.category, qc.assigned_on from qualification_categories qc
          where qc.person_id = p.id and qc.assigned_on <= ${asOf}::date order by qc.assigned_on desc, qc.id desc limit 1) cat on true
        left join lateral (select (array_agg(ed.level order by case ed.level when 'higher' then 3 when 'secondary_vocational' then 2 else 1 end desc))[1] as level,
          bool_or(ed.is_pedagogical) as pedagogical from educations ed where ed.person_id = p.id) edu on true
        left join lateral (select json_agg(json_build_object(
            'id', e.id, 'personId', e.person_id, 'organizationId', e.organization_id, 'organizationName', o.short_name,
            'organizationKind', o.kind, 'positionId', e.position_id, 'positionName', pos.name, 'subjectIds', e.subject_ids,
            'isMain', e.is_main, 'hireDate', e.hire_date, 'dismissalDate', e.dismissal_date) order by e.is_main desc, e.id) as list
          from employments e join organizations o on o.id = e.organization_id join positions pos on pos.id = e.position_id
          where ${jobFilter}) jobs on true
        order by page.ord`,
  );
  const total = rows[0]?.total ?? (q.page > 1 && !opts.all ? await countStaff(db, scope, q, asOf) : 0);
  // Subject names from the municipality's short reference list: cheaper than a join per row.
  const subjectNames = new Map(
    (await db.select({ id: subjects.id, name: subjects.name }).from(subjects).where(eq(subjects.municipalityId, scope.municipalityId))).map((s) => [s.id, s.name]),
  );
  return { total, page: q.page, pageSize: q.pageSize, items: rows.map((r) => presentListRow(r, asOf, subjectNames)) };
}

type ListRow = {
  id: number;
  surname: string;
  name: string;
  patronymic: string | null;
  birthDate: string | null;
  snils: string | null;
  pedWorkStart: string | null;
  total: number;
  category: Category | null;
  assignedOn: string | null;
  educationLevel: string | null;
  pedagogical: boolean;
  employments: Omit<Details["employments"][number], "active" | "subjects">[];
};

function presentListRow(r: ListRow, asOf: string, subjectNames: Map<number, string>) {
  return {
    id: r.id,
    fullName: fullNameOf(r),
    birthDate: r.birthDate,
    snils: r.snils,
    pedWorkStart: r.pedWorkStart,
    ...personFactsOn(r, asOf),
    category: r.category && r.assignedOn ? categoryOn([{ category: r.category, assignedOn: r.assignedOn }], asOf) : null,
    educationLevel: r.educationLevel,
    pedagogicalEducation: r.pedagogical,
    employments: r.employments.map((e) => ({
      ...e,
      subjects: e.subjectIds.map((id) => ({ id, name: subjectNames.get(id) ?? "" })),
      active: isActive(e, asOf),
    })),
  };
}

async function countStaff(db: Queryable, scope: StaffScope, q: StaffListQuery, asOf: string) {
  const [row] = await db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(persons)
    .where(and(...staffConditions(scope, q, asOf)));
  return row.n;
}

type Details = NonNullable<ReturnType<Awaited<ReturnType<typeof loadDetails>>["get"]>>;

/** Employments, education and categories of a set of persons, in four queries whatever their number. */
async function loadDetails(
  db: Queryable,
  opts: { personIds: number[]; scope: StaffScope; asOf: string; includeDismissed: boolean },
) {
  // Guard against running an `in ()` query when the page is empty.
  if (opts.personIds.length === 0) return new Map<number, never>();
  const empWhere: SQL[] = [inArray(employments.personId, opts.personIds)];
  if (opts.scope.kind === "organization") empWhere.push(eq(employments.organizationId, opts.scope.organizationId));
  if (!opts.includeDismissed) empWhere.push(activeEmploymentSql("employments", opts.asOf));
  const [emps, eds, cats, sts] = [
    await db
      .select({
        id: employments.id,
        personId: employments.personId,
        organizationId: employments.organizationId,
        organizationName: organizations.shortName,
        organizationKind: organizations.kind,
        positionId: employments.positionId,
        positionName: positions.name,
        subjectIds: employments.subjectIds,
        isMain: employments.isMain,
        hireDate: employments.hireDate,
        dismissalDate: employments.dismissalDate,
      })
      .from(employments)
      .innerJoin(organizations, eq(organizations.id, employments.organizationId))
      .innerJoin(positions, eq(positions.id, employments.positionId))
      .where(and(...empWhere))
      .orderBy(desc(employments.isMain), asc(employments.id)),
    await db.select().from(educations).where(inArray(educations.personId, opts.personIds)).orderBy(asc(educations.id)),
    await db
      .select()
      .from(qualificationCategories)
      .where(inArray(qualificationCategories.personId, opts.personIds))
      .orderBy(asc(qualificationCategories.assignedOn), asc(qualificationCategories.id)),
    await db.select().from(personStatuses).where(inArray(personStatuses.personId, opts.personIds)).orderBy(asc(personStatuses.validFrom)),
  ];
  const subjectIds = [...new Set(emps.flatMap((e) => e.subjectIds))];
  const subjectNames = new Map(
    subjectIds.length
      ? (await db.select({ id: subjects.id, name: subjects.name }).from(subjects).where(inArray(subjects.id, subjectIds))).map((s) => [s.id, s.name])
      : [],
  );
  const byPerson = new Map(
    opts.personIds.map((id) => [
      id,
      {
        employments: [] as (typeof emps[number] & { subjects: { id: number; name: string }[]; active: boolean })[],
        educations: [] as typeof eds,
        categories: [] as typeof cats,
        statuses: [] as typeof sts,
      },
    ]),
  );
  for (const e of emps) {
    byPerson.get(e.personId)?.employments.push({
      ...e,
      subjects: e.subjectIds.map((id) => ({ id, name: subjectNames.get(id) ?? "" })),
      active: isActive(e, opts.asOf),
    });
  }
  for (const e of eds) byPerson.get(e.personId)?.educations.push(e);
  for (const c of cats) byPerson.get(c.personId)?.categories.push(c);
  for (const st of sts) byPerson.get(st.personId)?.statuses.push(st);
  return byPerson;
}

const EMPTY_DETAILS: Details = { employments: [], educations: [], categories: [], statuses: [] };

const isActive = (e: { hireDate: string | null; dismissalDate: string | null }, asOf: string) =>
  (!e.hireDate || e.hireDate <= asOf) && (!e.dismissalDate || e.dismissalDate > asOf);

const EDUCATION_RANK: Record<string, number> = { higher: 3, secondary_vocational: 2, other: 1 };

export const fullNameOf = (p: Pick<Person, "surname" | "name" | "patronymic">) =>
  [p.surname, p.name, p.patronymic].filter(Boolean).join(" ");

/** Age, experience and «молодой педагог» on the date: the same on a card and in the list. */
function personFactsOn(p: { birthDate: string | null; pedWorkStart: string | null }, asOf: string) {
  return { age: ageOn(p.birthDate, asOf), pedExperience: pedExperienceOn(p.pedWorkStart, asOf), young: isYoungTeacher(p, asOf) };
}

function derivedFacts(p: Person, d: Details, asOf: string) {
  const history = d.categories.map((c) => ({ category: c.category as Category, assignedOn: c.assignedOn }));
  const eds = d.educations;
  const topEducation = [...eds].sort((a, b) => EDUCATION_RANK[b.level] - EDUCATION_RANK[a.level])[0] ?? null;
  return {
    ...personFactsOn(p, asOf),
    category: categoryOn(history, asOf),
    educationLevel: topEducation?.level ?? null,
    pedagogicalEducation: eds.some((e) => e.isPedagogical),
  };
}

/** Everything on a staff card, as the actor may see it, with derived facts on the date. */
export async function getStaffCard(db: Queryable, opts: { actor: Actor; personId: number; asOf: string }) {
  await requirePersonAccess(db, opts.actor, opts.personId);
  const [person] = await db.select().from(persons).where(eq(persons.id, opts.personId));
  const scope = staffScope(opts.actor);
  const d = (await loadDetails(db, { personIds: [person.id], scope, asOf: opts.asOf, includeDismissed: true })).get(person.id) ?? EMPTY_DETAILS;
  return {
    ...presentPerson(person),
    fullName: fullNameOf(person),
    ...derivedFacts(person, d, opts.asOf),
    asOf: opts.asOf,
    employments: d.employments,
    educations: d.educations.map(({ municipalityId: _m, ...e }) => e),
    categories: d.categories.map(({ municipalityId: _m, createdAt: _c, ...c }) => c),
    statuses: d.statuses.map(({ municipalityId: _m, createdAt: _c, ...s }) => s),
  };
}

function presentPerson(p: Person) {
  return {
    id: p.id,
    surname: p.surname,
    name: p.name,
    patronymic: p.patronymic,
    birthDate: p.birthDate,
    gender: p.gender,
    snils: p.snils,
    phone: p.phone,
    email: p.email,
    pedWorkStart: p.pedWorkStart,
  };
}

const normalisePerson = (input: PersonInput) => ({
  ...input,
  snils: input.snils ? formatSnils(input.snils) : null,
});

/**
 * Refuses a second card for the same person (same full name and birth date). The answer names the
 * card only when the actor may open it: a coordinator learns no id of another school's person.
 */
async function assertNotDuplicate(db: Queryable, scope: StaffScope, input: PersonInput, exceptId?: number) {
  const municipalityId = scope.municipalityId;
  if (!input.birthDate) return;
  const [twin] = await db
    .select({ id: persons.id })
    .from(persons)
    .where(
      and(
        eq(persons.municipalityId, municipalityId),
        sql`${persons.searchName} = translate(lower(${input.surname} || ' ' || ${input.name} || ' ' || ${input.patronymic ?? ""}), 'ё', 'е')`,
        eq(persons.birthDate, input.birthDate),
        exceptId ? sql`${persons.id} <> ${exceptId}` : undefined,
      ),
    );
  if (twin) {
    const visible =
      scope.kind === "municipality" ||
      (scope.kind === "person" && twin.id === scope.personId) ||
      (scope.kind === "organization" &&
        (await db
          .select({ id: employments.id })
          .from(employments)
          .where(and(eq(employments.personId, twin.id), eq(employments.organizationId, scope.organizationId)))
          .limit(1)).length > 0);
    if (!visible) {
      const message =
        "Педагог с такими ФИО и датой рождения уже есть в реестре муниципалитета. " +
        "Если это совместитель, место работы в вашей организации добавит методист муниципалитета.";
      throw new AppError("conflict", message, [{ field: "person.surname", message: "Дубликат педагога" }]);
    }
    throw new AppError(
      "conflict",
      `${fullNameOf(input)} с датой рождения ${input.birthDate.split("-").reverse().join(".")} уже есть в реестре. ` +
        "Если это совместитель, добавьте место работы в его карточке.",
      [{ field: "person.surname", message: "Дубликат педагога", value: twin.id }],
    );
  }
}

/** Checks that ids of organisation, position and subjects belong to the tenant. */
async function assertEmploymentRefs(db: Queryable, municipalityId: number, input: EmploymentInput) {
  const [org] = await db
    .select({ id: organizations.id, archivedAt: organizations.archivedAt })
    .from(organizations)
    .where(and(eq(organizations.id, input.organizationId), eq(organizations.municipalityId, municipalityId)));
  if (!org) throw new AppError("validation", "Организация не найдена", [{ field: "organizationId", message: "Организация не найдена" }]);
  const [pos] = await db
    .select({ id: positions.id })
    .from(positions)
    .where(and(eq(positions.id, input.positionId), eq(positions.municipalityId, municipalityId)));
  if (!pos) throw new AppError("validation", "Должность не найдена в справочнике", [{ field: "positionId", message: "Должность не найдена" }]);
  if (input.subjectIds.length) {
    const found = await db
      .select({ id: subjects.id })
      .from(subjects)
      .where(and(inArray(subjects.id, input.subjectIds), eq(subjects.municipalityId, municipalityId)));
    if (found.length !== new Set(input.subjectIds).size) {
      throw new AppError("validation", "Предмет не найден в справочнике", [{ field: "subjectIds", message: "Предмет не найден" }]);
    }
  }
}

/** Registers a new staff member with the first place of work, and education and category if given. */
export async function createStaff(db: Db, opts: { actor: Actor; input: StaffCreateInput }) {
  const { actor, input } = opts;
  requireStaffWriteIn(actor, input.employment.organizationId);
  const municipalityId = staffScope(actor).municipalityId;
  return db.transaction(async (tx) => {
    await assertNotDuplicate(tx, staffScope(actor), input.person);
    await assertEmploymentRefs(tx, municipalityId, input.employment);
    const [person] = await tx
      .insert(persons)
      .values({ ...normalisePerson(input.person), municipalityId })
      .returning();
    const subject = { type: "person", id: person.id };
    await recordAudit(tx, actor, municipalityId, { entityType: "person", entityId: person.id, action: "create", after: presentPerson(person) });
    const [emp] = await tx.insert(employments).values({ ...input.employment, personId: person.id, municipalityId }).returning();
    await recordAudit(tx, actor, municipalityId, { entityType: "employment", entityId: emp.id, subject, action: "create", after: presentRecord(emp) });
    if (input.education) {
      const [ed] = await tx.insert(educations).values({ ...input.education, personId: person.id, municipalityId }).returning();
      await recordAudit(tx, actor, municipalityId, { entityType: "education", entityId: ed.id, subject, action: "create", after: presentRecord(ed) });
    }
    if (input.category) {
      const [cat] = await tx.insert(qualificationCategories).values({ ...input.category, personId: person.id, municipalityId }).returning();
      await recordAudit(tx, actor, municipalityId, { entityType: "qualification_category", entityId: cat.id, subject, action: "create", after: presentRecord(cat) });
    }
    return { id: person.id };
  });
}

/** Changes the personal data of a staff member. */
export async function updatePerson(db: Db, opts: { actor: Actor; personId: number; input: PersonInput }) {
  const { actor } = opts;
  await requireStaffWrite(db, actor, opts.personId);
  const municipalityId = staffScope(actor).municipalityId;
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(persons).where(eq(persons.id, opts.personId)).for("update");
    await assertNotDuplicate(tx, staffScope(actor), opts.input, opts.personId);
    const [after] = await tx
      .update(persons)
      .set({ ...normalisePerson(opts.input), updatedAt: new Date() })
      .where(eq(persons.id, opts.personId))
      .returning();
    await recordAudit(tx, actor, municipalityId, {
      entityType: "person",
      entityId: after.id,
      action: "update",
      before: presentPerson(before),
      after: presentPerson(after),
    });
    return presentPerson(after);
  });
}

async function requireStaffWrite(db: Queryable, actor: Actor, personId: number, entity: NotFoundEntity = "person") {
  await requirePersonAccess(db, actor, personId, entity);
  if (actor.role !== "municipal_admin" && actor.role !== "org_coordinator") {
    throw new AppError("forbidden", "Изменять карточку может методист муниципалитета или координатор организации");
  }
}

/** Adds a place of work (a second one makes a part-time worker, совместитель). */
export async function addEmployment(db: Db, opts: { actor: Actor; personId: number; input: EmploymentInput }) {
  const { actor, input } = opts;
  await requireStaffWrite(db, actor, opts.personId);
  requireStaffWriteIn(actor, input.organizationId);
  const municipalityId = staffScope(actor).municipalityId;
  return db.transaction(async (tx) => {
    await assertEmploymentRefs(tx, municipalityId, input);
    const [emp] = await tx.insert(employments).values({ ...input, personId: opts.personId, municipalityId }).returning();
    await recordAudit(tx, actor, municipalityId, {
      entityType: "employment", entityId: emp.id, subject: { type: "person", id: opts.personId }, action: "create", after: presentRecord(emp),
    });
    return presentRecord(emp);
  });
}

/** Changes a place of work, or only sets its dismissal date (dismissal instead of deletion). */
export async function updateEmployment(
  db: Db,
  opts: { actor: Actor; employmentId: number; input: EmploymentInput | { dismissalDate: string } },
) {
  const { actor } = opts;
  const scope = staffScope(actor);
  const municipalityId = scope.municipalityId;
  const [current] = await db
    .select()
    .from(employments)
    .where(and(eq(employments.id, opts.employmentId), eq(employments.municipalityId, municipalityId)));
  // A place of work the actor may not see (another school's, even of their own part-timer)
  // answers exactly as a missing one.
  if (!current || (scope.kind === "organization" && current.organizationId !== scope.organizationId)) throw notFound("employment");
  await requireStaffWrite(db, actor, current.personId, "employment");
  requireStaffWriteIn(actor, current.organizationId);
  const next = { ...current, ...opts.input };
  if ("organizationId" in opts.input) {
    requireStaffWriteIn(actor, opts.input.organizationId);
    await assertEmploymentRefs(db, municipalityId, opts.input);
  }
  if (next.hireDate && next.dismissalDate && next.dismissalDate < next.hireDate) {
    throw new AppError("validation", "Дата увольнения не может быть раньше даты приёма", [
      { field: "dismissalDate", message: "Дата увольнения раньше даты приёма", value: next.dismissalDate },
    ]);
  }
  return db.transaction(async (tx) => {
    const [after] = await tx.update(employments).set(opts.input).where(eq(employments.id, current.id)).returning();
    await recordAudit(tx, actor, municipalityId, {
      entityType: "employment",
      entityId: current.id,
      subject: { type: "person", id: current.personId },
      action: "organizationId" in opts.input ? "update" : "dismiss",
      before: presentRecord(current),
      after: presentRecord(after),
    });
    return presentRecord(after);
  });
}

/** Drops the tenant and bookkeeping columns a client has no use for. */
function presentRecord<T extends { municipalityId: number }>(row: T) {
  const { municipalityId: _m, ...rest } = row as T & { createdAt?: Date };
  delete (rest as { createdAt?: Date }).createdAt;
  return rest;
}

// Education, category and status records hang off the card in the same way: one mechanism.
const CHILD_TABLES = {
  education: { table: educations, entityType: "education", missing: "education" },
  category: { table: qualificationCategories, entityType: "qualification_category", missing: "category" },
  status: { table: personStatuses, entityType: "person_status", missing: "personStatus" },
  exemption: { table: pdExemptions, entityType: "pd_exemption", missing: "exemption" },
} as const satisfies Record<string, { table: unknown; entityType: string; missing: NotFoundEntity }>;
export type ChildKind = keyof typeof CHILD_TABLES;
type ChildInput = EducationInput | CategoryInput | PersonStatusInput | ExemptionInput;

/** Adds, changes or removes an education, category or status record of a person's card. */
export async function changeChildRecord(
  db: Db,
  opts: { actor: Actor; kind: ChildKind; personId?: number; recordId?: number; input: ChildInput | null },
) {
  const { actor } = opts;
  const { table, entityType, missing } = CHILD_TABLES[opts.kind];
  const municipalityId = staffScope(actor).municipalityId;
  let personId = opts.personId;
  let before: Record<string, unknown> | null = null;
  if (opts.recordId !== undefined) {
    const [row] = await db
      .select()
      .from(table)
      .where(and(eq(table.id, opts.recordId), eq(table.municipalityId, municipalityId)));
    if (!row) throw notFound(missing);
    personId = row.personId;
    before = presentRecord(row);
  }
  if (personId === undefined) throw notFound("person");
  // A record of someone outside the scope answers as a missing record; a new one, as a missing person.
  await requireStaffWrite(db, actor, personId, opts.recordId !== undefined ? missing : "person");
  const subject = { type: "person", id: personId };
  return db.transaction(async (tx) => {
    if (opts.recordId === undefined) {
      const [row] = await tx
        .insert(table)
        .values({ ...(opts.input as object), personId: personId as number, municipalityId } as typeof table.$inferInsert)
        .returning();
      await recordAudit(tx, actor, municipalityId, { entityType, entityId: row.id, subject, action: "create", after: presentRecord(row) });
      return presentRecord(row);
    }
    if (opts.input === null) {
      await tx.delete(table).where(eq(table.id, opts.recordId));
      await recordAudit(tx, actor, municipalityId, { entityType, entityId: opts.recordId, subject, action: "delete", before });
      return null;
    }
    const [row] = await tx.update(table).set(opts.input as object).where(eq(table.id, opts.recordId)).returning();
    await recordAudit(tx, actor, municipalityId, { entityType, entityId: row.id, subject, action: "update", before, after: presentRecord(row) });
    return presentRecord(row);
  });
}
