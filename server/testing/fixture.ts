// A small, hand-made world for integration tests: two municipalities of one region and one of
// another, a few organisations and people whose facts the tests know by heart.
import type { Db } from "../db/client.js";
import { municipalities, organizations, positions, subjects } from "../db/schema.js";
import { systemActor } from "../auth/policies.js";
import { addEmployment, createStaff } from "../modules/staff/service.js";
import { createUser } from "../modules/users/service.js";
import type { StaffCreateInput } from "../../shared/schemas.js";

export const PASSWORD = "test-password-1";

export async function seedWorld(db: Db) {
  const [a, b, c] = await db
    .insert(municipalities)
    .values([
      { code: "a", name: "Город А", regionCode: "23" },
      { code: "b", name: "Район Б", regionCode: "23" },
      { code: "c", name: "Округ В", regionCode: "77" },
    ])
    .returning();
  const [teacherA, headA, teacherB] = await db
    .insert(positions)
    .values([
      { municipalityId: a.id, name: "учитель" },
      { municipalityId: a.id, name: "руководитель", isManagement: true },
      { municipalityId: b.id, name: "учитель" },
    ])
    .returning();
  const [mathA, kubanA] = await db
    .insert(subjects)
    .values([
      { municipalityId: a.id, name: "математика" },
      { municipalityId: a.id, name: "кубановедение", isRegional: true },
    ])
    .returning();
  const [schoolA1, kinderA2, schoolB1] = await db
    .insert(organizations)
    .values([
      { municipalityId: a.id, kind: "school", fullName: "Муниципальное бюджетное общеобразовательное учреждение СОШ № 1", shortName: "МБОУ СОШ № 1" },
      { municipalityId: a.id, kind: "preschool", fullName: "МБДОУ детский сад № 2", shortName: "МБДОУ д/с № 2" },
      { municipalityId: b.id, kind: "school", fullName: "МБОУ СОШ № 1 района Б", shortName: "МБОУ СОШ № 1 (Б)" },
    ])
    .returning();

  const staff = async (municipalityId: number, input: StaffCreateInput) =>
    (await createStaff(db, { actor: systemActor(municipalityId), input })).id;
  const emp = (organizationId: number, positionId: number, extra: Partial<StaffCreateInput["employment"]> = {}) => ({
    organizationId,
    positionId,
    subjectIds: [],
    isMain: true,
    hireDate: "2015-09-01",
    dismissalDate: null,
    ...extra,
  });
  const person = (surname: string, name: string, patronymic: string, birthDate: string, pedWorkStart: string) => ({
    surname, name, patronymic, birthDate, pedWorkStart, gender: null, snils: null, phone: null, email: null,
  });

  // Young teacher (under 35, under 3 years of work on 2026-09-01), surname with ё.
  const semenov = await staff(a.id, {
    person: person("Семёнов", "Пётр", "Алексеевич", "1998-03-15", "2024-09-01"),
    employment: emp(schoolA1.id, teacherA.id, { subjectIds: [mathA.id, kubanA.id], hireDate: "2024-09-01" }),
    education: { level: "higher", isPedagogical: true, institution: "Педагогический университет", graduationYear: 2020, speciality: "математика" },
    category: null,
  });
  const ivanova = await staff(a.id, {
    person: person("Иванова", "Анна", "Сергеевна", "1975-06-01", "1997-09-01"),
    employment: emp(kinderA2.id, teacherA.id),
    education: { level: "secondary_vocational", isPedagogical: true, institution: null, graduationYear: 1995, speciality: null },
    category: { category: "highest", assignedOn: "2023-04-20" },
  });
  // Part-time worker: main job in the kindergarten, second in the school.
  const ershova = await staff(a.id, {
    person: person("Ершова", "Мария", "Ивановна", "1985-01-10", "2007-09-01"),
    employment: emp(kinderA2.id, headA.id),
    education: { level: "higher", isPedagogical: false, institution: null, graduationYear: 2007, speciality: null },
    category: { category: "first", assignedOn: "2019-05-01" },
  });
  await addEmployment(db, {
    actor: systemActor(a.id),
    personId: ershova,
    input: emp(schoolA1.id, teacherA.id, { isMain: false, subjectIds: [mathA.id] }),
  });
  // Dismissed from school A1 in 2025: not on the staff in 2026.
  const dismissed = await staff(a.id, {
    person: person("Уволенный", "Олег", "Петрович", "1970-02-02", "1992-09-01"),
    employment: emp(schoolA1.id, teacherA.id, { dismissalDate: "2025-06-30" }),
    education: null,
    category: null,
  });
  const borisov = await staff(b.id, {
    person: person("Борисов", "Глеб", "Андреевич", "1980-07-07", "2003-09-01"),
    employment: emp(schoolB1.id, teacherB.id),
    education: { level: "higher", isPedagogical: true, institution: null, graduationYear: 2002, speciality: null },
    category: null,
  });

  const user = (municipalityId: number | null, login: string, role: "municipal_admin" | "org_coordinator" | "teacher" | "region_viewer", extra: { organizationId?: number; personId?: number; regionCode?: string } = {}) =>
    createUser(db, {
      actor: null,
      municipalityId,
      regionCode: extra.regionCode ?? null,
      input: { login, fullName: `Пользователь ${login}`, role, password: PASSWORD, organizationId: extra.organizationId ?? null, personId: extra.personId ?? null },
    });
  await user(a.id, "admin-a", "municipal_admin");
  await user(a.id, "coord-a1", "org_coordinator", { organizationId: schoolA1.id });
  await user(a.id, "teacher-a", "teacher", { personId: semenov });
  await user(b.id, "admin-b", "municipal_admin");
  await user(null, "region-23", "region_viewer", { regionCode: "23" });

  return {
    municipalities: { a, b, c },
    positions: { teacherA, headA, teacherB },
    subjects: { mathA, kubanA },
    orgs: { schoolA1, kinderA2, schoolB1 },
    persons: { semenov, ivanova, ershova, dismissed, borisov },
  };
}
export type World = Awaited<ReturnType<typeof seedWorld>>;
