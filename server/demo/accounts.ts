import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { employments, organizations, persons, positions } from "../db/schema.js";
import { createUser } from "../modules/users/service.js";
import { fullNameOf } from "../modules/staff/service.js";

export const DEMO_PASSWORD = "demo-metodist";

/**
 * Creates one demo login per role in a generated municipality: the methodologist, the deputy
 * head of the first school, a teacher of that school, an association leader and a region viewer.
 */
export async function createDemoAccounts(db: Db, municipality: { id: number; regionCode: string }) {
  const [school] = await db
    .select()
    .from(organizations)
    .where(and(eq(organizations.municipalityId, municipality.id), eq(organizations.kind, "school")))
    .orderBy(asc(organizations.id))
    .limit(2);
  const teachers = await db
    .select({ person: persons })
    .from(employments)
    .innerJoin(persons, eq(persons.id, employments.personId))
    .innerJoin(positions, eq(positions.id, employments.positionId))
    .where(and(eq(employments.organizationId, school.id), eq(positions.name, "учитель"), sql`${employments.dismissalDate} is null`))
    .orderBy(asc(persons.id))
    .limit(2);
  const [teacher, leader] = teachers.map((t) => t.person);
  const base = { password: DEMO_PASSWORD, organizationId: null, personId: null };
  const accounts = [
    { ...base, login: "admin", fullName: "Методист КМЦ (демо)", role: "municipal_admin" as const },
    { ...base, login: "coordinator", fullName: `Заместитель директора ${school.shortName} (демо)`, role: "org_coordinator" as const, organizationId: school.id },
    { ...base, login: "teacher", fullName: fullNameOf(teacher), role: "teacher" as const, personId: teacher.id },
    { ...base, login: "leader", fullName: fullNameOf(leader), role: "association_leader" as const, personId: leader.id },
  ];
  for (const input of accounts) await createUser(db, { actor: null, municipalityId: municipality.id, input });
  await createUser(db, {
    actor: null,
    municipalityId: null,
    regionCode: municipality.regionCode,
    input: { ...base, login: "region", fullName: "Наблюдатель министерства (демо)", role: "region_viewer" },
  });
  return [
    { login: "admin", role: "методист муниципалитета" },
    { login: "coordinator", role: `координатор ${school.shortName}` },
    { login: "teacher", role: `педагог ${fullNameOf(teacher)}` },
    { login: "leader", role: "руководитель методического объединения" },
    { login: "region", role: "наблюдатель региона" },
  ];
}
