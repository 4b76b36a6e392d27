import { z } from "zod";
import { and, eq } from "drizzle-orm";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { requireActor } from "../../app.js";
import { authorize, tenantOf } from "../../auth/policies.js";
import { positions, subjects } from "../../db/schema.js";
import { notFound } from "../../errors.js";
import { recordId } from "../../params.js";
import { recordAudit } from "../audit/audit.js";
import { readSpreadsheet } from "../../imports/read.js";
import { readUpload } from "../../uploads.js";
import { AliasInput, ReferenceBulkInput, ReferenceInput } from "../../../shared/schemas.js";
import { addAlias, assertNameFree, bulkReferences, listReferences, parseListGrid, parseListText, removeAlias } from "./service.js";

const TABLES = {
  positions: { table: positions, entityType: "position" },
  subjects: { table: subjects, entityType: "subject" },
} as const;
const KindParams = z.object({ kind: z.enum(["positions", "subjects"]) });
const tags = ["references"];

type Row = { id: number; name: string; archivedAt: Date | null; isManagement?: boolean; isRegional?: boolean };
const present = (r: Row) => ({
  id: r.id,
  name: r.name,
  archived: r.archivedAt !== null,
  isManagement: r.isManagement,
  isRegional: r.isRegional,
});

/** Reference lists of positions and subjects, kept per municipality by its admin. */
export const referenceRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database.db;
  // A list uploaded as .xlsx (or .csv): multipart/form-data, field «file», with the limit of imports.
  const maxBytes = app.config.importMaxMb * 1024 * 1024;

  app.get("/:kind", { schema: { tags, summary: "Справочник (должности или предметы) с другими написаниями", params: KindParams } }, async (request) => {
    const actor = requireActor(request);
    return { items: await listReferences(db, request.params.kind, tenantOf(actor)) };
  });

  app.post(
    "/:kind/bulk",
    {
      schema: {
        tags,
        summary: "Вставить список: строка — значение, другие написания через «;»; без apply — только предпросмотр",
        params: KindParams,
        body: ReferenceBulkInput,
      },
    },
    async (request) => {
      const actor = requireActor(request);
      authorize(actor, "references.write");
      const { kind } = request.params;
      return bulkReferences(db, { actor, municipalityId: tenantOf(actor), kind, lines: parseListText(request.body.text), apply: request.body.apply });
    },
  );

  app.post(
    "/:kind/bulk.xlsx",
    {
      schema: {
        tags,
        summary: "Загрузить список из .xlsx (multipart/form-data, поле file): первый столбец — значение, следующие — другие написания",
        consumes: ["multipart/form-data"],
        params: KindParams,
        querystring: z.object({ apply: z.enum(["0", "1", "true", "false"]).default("0") }),
      },
    },
    async (request) => {
      const actor = requireActor(request);
      authorize(actor, "references.write");
      const upload = await readUpload(request, { maxBytes, missing: "Приложите файл .xlsx" });
      const { grid } = await readSpreadsheet(upload.data, upload.fileName, { maxRows: 5000, maxBytes });
      const apply = request.query.apply === "1" || request.query.apply === "true";
      return bulkReferences(db, { actor, municipalityId: tenantOf(actor), kind: request.params.kind, lines: parseListGrid(grid), apply });
    },
  );

  const AliasParams = KindParams.extend({ id: recordId });
  app.post(
    "/:kind/:id/aliases",
    { schema: { tags, summary: "Добавить другое написание значения", params: AliasParams, body: AliasInput } },
    async (request, reply) => {
      const actor = requireActor(request);
      authorize(actor, "references.write");
      const { kind, id } = request.params;
      const created = await addAlias(db, { actor, municipalityId: tenantOf(actor), kind, valueId: id, alias: request.body.alias });
      return reply.status(201).send(created);
    },
  );

  app.delete(
    "/:kind/:id/aliases/:aliasId",
    { schema: { tags, summary: "Удалить другое написание значения", params: AliasParams.extend({ aliasId: recordId }) } },
    async (request) => {
      const actor = requireActor(request);
      authorize(actor, "references.write");
      const { kind, id, aliasId } = request.params;
      await removeAlias(db, { actor, municipalityId: tenantOf(actor), kind, valueId: id, aliasId });
      return { ok: true };
    },
  );

  app.post(
    "/:kind",
    { schema: { tags, summary: "Добавить значение в справочник", params: KindParams, body: ReferenceInput } },
    async (request, reply) => {
      const actor = requireActor(request);
      authorize(actor, "references.write");
      const municipalityId = tenantOf(actor);
      const { table, entityType } = TABLES[request.params.kind];
      await assertNameFree(db, request.params.kind, municipalityId, request.body.name);
      const row = await db.transaction(async (tx) => {
        const [created]: Row[] = await tx.insert(table).values(toValues(request.body, municipalityId)).returning();
        await recordAudit(tx, actor, municipalityId, { entityType, entityId: created.id, action: "create", after: present(created) });
        return created;
      });
      return reply.status(201).send(present(row));
    },
  );

  app.put(
    "/:kind/:id",
    {
      schema: {
        tags,
        summary: "Переименовать или убрать в архив значение справочника",
        params: KindParams.extend({ id: recordId }),
        body: ReferenceInput,
      },
    },
    async (request) => {
      const actor = requireActor(request);
      authorize(actor, "references.write");
      const municipalityId = tenantOf(actor);
      const { table, entityType } = TABLES[request.params.kind];
      await assertNameFree(db, request.params.kind, municipalityId, request.body.name, request.params.id);
      return db.transaction(async (tx) => {
        const where = and(eq(table.id, request.params.id), eq(table.municipalityId, municipalityId));
        const [before]: Row[] = await tx.select().from(table).where(where);
        if (!before) throw notFound("referenceValue");
        const [after]: Row[] = await tx.update(table).set(toValues(request.body, municipalityId)).where(where).returning();
        await recordAudit(tx, actor, municipalityId, { entityType, entityId: after.id, action: "update", before: present(before), after: present(after) });
        return present(after);
      });
    },
  );
};

function toValues(input: ReferenceInput, municipalityId: number) {
  return {
    municipalityId,
    name: input.name,
    ...(input.isManagement !== undefined ? { isManagement: input.isManagement } : {}),
    ...(input.isRegional !== undefined ? { isRegional: input.isRegional } : {}),
    ...(input.archived !== undefined ? { archivedAt: input.archived ? new Date() : null } : {}),
  };
}
