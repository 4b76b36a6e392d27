import { z } from "zod";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { requireActor } from "../../app.js";
import { authorize, requireOrganizationWrite, tenantOf } from "../../auth/policies.js";
import { ORG_KINDS } from "../../../shared/domain.js";
import { AsOfQuery, OrganizationInput, OrganizationStatusInput, isoDate } from "../../../shared/schemas.js";
import { todayIso } from "../../../shared/derived.js";
import { IdParams, recordId } from "../../params.js";
import {
  addOrganizationAlias,
  addOrganizationStatus,
  deleteOrganizationAlias,
  createOrganization,
  findOrganizations,
  getOrganization,
  setOrganizationArchived,
  updateOrganization,
  updateOrganizationStatus,
} from "./service.js";

const tags = ["organizations"];

export const organizationRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database.db;

  app.get(
    "/",
    {
      schema: {
        tags,
        summary: "Список организаций",
        querystring: z.object({
          kind: z.enum(ORG_KINDS).optional(),
          includeArchived: z.enum(["true", "false"]).optional(),
          q: z.string().trim().max(200).optional(),
          asOf: isoDate("На дату").optional(),
        }),
      },
    },
    async (request) => {
      const actor = requireActor(request);
      authorize(actor, "organizations.read");
      const { kind, includeArchived, q, asOf } = request.query;
      const items = await findOrganizations(db, {
        municipalityId: tenantOf(actor),
        kind,
        includeArchived: includeArchived === "true",
        q,
        asOf: asOf ?? todayIso(),
      });
      return { items };
    },
  );

  app.get("/:id", { schema: { tags, summary: "Карточка организации", params: IdParams, querystring: AsOfQuery } }, async (request) => {
    const actor = requireActor(request);
    authorize(actor, "organizations.read");
    return getOrganization(db, { municipalityId: tenantOf(actor), id: request.params.id, asOf: request.query.asOf ?? todayIso() });
  });

  app.post("/", { schema: { tags, summary: "Создать организацию", body: OrganizationInput } }, async (request, reply) => {
    const actor = requireActor(request);
    authorize(actor, "organizations.create");
    const org = await createOrganization(db, { actor, municipalityId: tenantOf(actor), input: request.body });
    return reply.status(201).send(org);
  });

  app.put(
    "/:id",
    { schema: { tags, summary: "Изменить организацию", params: IdParams, body: OrganizationInput } },
    async (request) => {
      const actor = requireActor(request);
      requireOrganizationWrite(actor, request.params.id);
      return updateOrganization(db, { actor, municipalityId: tenantOf(actor), id: request.params.id, input: request.body });
    },
  );

  for (const [action, archived] of [["archive", true], ["restore", false]] as const) {
    app.post(
      `/:id/${action}`,
      { schema: { tags, summary: archived ? "Перевести в архив" : "Вернуть из архива", params: IdParams } },
      async (request) => {
        const actor = requireActor(request);
        authorize(actor, "organizations.create");
        return setOrganizationArchived(db, { actor, municipalityId: tenantOf(actor), id: request.params.id, archived });
      },
    );
  }

  app.post(
    "/:id/statuses",
    { schema: { tags, summary: "Добавить статус организации", params: IdParams, body: OrganizationStatusInput } },
    async (request, reply) => {
      const actor = requireActor(request);
      authorize(actor, "organizations.create");
      const status = await addOrganizationStatus(db, {
        actor,
        municipalityId: tenantOf(actor),
        organizationId: request.params.id,
        input: request.body,
      });
      return reply.status(201).send(status);
    },
  );

  const StatusParams = z.object({ statusId: recordId });
  app.put(
    "/statuses/:statusId",
    { schema: { tags, summary: "Изменить статус организации", params: StatusParams, body: OrganizationStatusInput } },
    async (request) => {
      const actor = requireActor(request);
      authorize(actor, "organizations.create");
      return updateOrganizationStatus(db, { actor, municipalityId: tenantOf(actor), statusId: request.params.statusId, input: request.body });
    },
  );
  app.delete(
    "/statuses/:statusId",
    { schema: { tags, summary: "Удалить ошибочно внесённый статус", params: StatusParams } },
    async (request) => {
      const actor = requireActor(request);
      authorize(actor, "organizations.create");
      await updateOrganizationStatus(db, { actor, municipalityId: tenantOf(actor), statusId: request.params.statusId, input: null });
      return { ok: true };
    },
  );

  app.post(
    "/:id/aliases",
    {
      schema: {
        tags,
        summary: "Добавить другое название организации (для загрузки файлов)",
        params: IdParams,
        body: z.object({ alias: z.string().trim().min(2, { error: "Укажите название" }).max(500) }),
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      authorize(actor, "organizations.create");
      const alias = await addOrganizationAlias(db, { actor, municipalityId: tenantOf(actor), organizationId: request.params.id, alias: request.body.alias });
      return reply.status(201).send(alias);
    },
  );
  app.delete(
    "/aliases/:aliasId",
    { schema: { tags, summary: "Удалить другое название", params: z.object({ aliasId: recordId }) } },
    async (request) => {
      const actor = requireActor(request);
      authorize(actor, "organizations.create");
      await deleteOrganizationAlias(db, { actor, municipalityId: tenantOf(actor), aliasId: request.params.aliasId });
      return { ok: true };
    },
  );
};
