import { z } from "zod";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { requireActor } from "../../app.js";
import { authorize } from "../../auth/policies.js";
import {
  AsOfQuery,
  CategoryInput,
  DismissInput,
  EducationInput,
  EmploymentInput,
  ExemptionInput,
  PersonInput,
  PersonStatusInput,
  StaffCreateInput,
  StaffListQuery,
} from "../../../shared/schemas.js";
import { todayIso } from "../../../shared/derived.js";
import { attachment, XLSX_MIME } from "../../spreadsheets/xlsx.js";
import {
  addEmployment,
  changeChildRecord,
  createStaff,
  findStaff,
  getStaffCard,
  updateEmployment,
  updatePerson,
  type ChildKind,
} from "./service.js";
import { exportStaff } from "./export.js";
import { IdParams } from "../../params.js";

const tags = ["staff"];

export const staffRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database.db;

  app.get("/staff", { schema: { tags, summary: "Список педагогов с фильтрами", querystring: StaffListQuery } }, async (request) => {
    const actor = requireActor(request);
    authorize(actor, "staff.read");
    return findStaff(db, { actor, query: request.query, asOf: request.query.asOf ?? todayIso() });
  });

  app.get(
    "/staff/export.xlsx",
    { schema: { tags, summary: "Выгрузка отфильтрованного списка в Excel", querystring: StaffListQuery } },
    async (request, reply) => {
      const actor = requireActor(request);
      const asOf = request.query.asOf ?? todayIso();
      const buffer = await exportStaff(db, { actor, query: request.query, asOf });
      return reply
        .header("content-type", XLSX_MIME)
        .header("content-disposition", attachment(`Педагоги на ${asOf}.xlsx`))
        .send(buffer);
    },
  );

  app.post("/staff", { schema: { tags, summary: "Добавить педагога", body: StaffCreateInput } }, async (request, reply) => {
    const actor = requireActor(request);
    return reply.status(201).send(await createStaff(db, { actor, input: request.body }));
  });

  app.get("/staff/:id", { schema: { tags, summary: "Карточка педагога", params: IdParams, querystring: AsOfQuery } }, async (request) => {
    const actor = requireActor(request);
    authorize(actor, "staff.read");
    return getStaffCard(db, { actor, personId: request.params.id, asOf: request.query.asOf ?? todayIso() });
  });

  app.put("/staff/:id", { schema: { tags, summary: "Изменить личные данные", params: IdParams, body: PersonInput } }, async (request) => {
    return updatePerson(db, { actor: requireActor(request), personId: request.params.id, input: request.body });
  });

  app.post(
    "/staff/:id/employments",
    { schema: { tags, summary: "Добавить место работы", params: IdParams, body: EmploymentInput } },
    async (request, reply) => {
      const emp = await addEmployment(db, { actor: requireActor(request), personId: request.params.id, input: request.body });
      return reply.status(201).send(emp);
    },
  );
  app.put(
    "/employments/:id",
    { schema: { tags, summary: "Изменить место работы", params: IdParams, body: EmploymentInput } },
    async (request) => updateEmployment(db, { actor: requireActor(request), employmentId: request.params.id, input: request.body }),
  );
  app.post(
    "/employments/:id/dismiss",
    { schema: { tags, summary: "Уволить (закрыть место работы)", params: IdParams, body: DismissInput } },
    async (request) => updateEmployment(db, { actor: requireActor(request), employmentId: request.params.id, input: request.body }),
  );

  // Education, category and status records: the same three verbs for each.
  const children: [ChildKind, string, z.ZodType, string][] = [
    ["education", "educations", EducationInput, "образование"],
    ["category", "categories", CategoryInput, "квалификационную категорию"],
    ["status", "statuses", PersonStatusInput, "статус"],
    ["exemption", "exemptions", ExemptionInput, "освобождение от правила трёх лет"],
  ];
  for (const [kind, path, body, label] of children) {
    app.post(
      `/staff/:id/${path}`,
      { schema: { tags, summary: `Добавить ${label}`, params: IdParams, body } },
      async (request, reply) => {
        const row = await changeChildRecord(db, { actor: requireActor(request), kind, personId: request.params.id, input: request.body as never });
        return reply.status(201).send(row);
      },
    );
    app.put(
      `/staff/${path}/:id`,
      { schema: { tags, summary: `Изменить ${label}`, params: IdParams, body } },
      async (request) => changeChildRecord(db, { actor: requireActor(request), kind, recordId: request.params.id, input: request.body as never }),
    );
    app.delete(
      `/staff/${path}/:id`,
      { schema: { tags, summary: `Удалить ошибочную запись: ${label}`, params: IdParams } },
      async (request) => {
        await changeChildRecord(db, { actor: requireActor(request), kind, recordId: request.params.id, input: null });
        return { ok: true };
      },
    );
  }
};
