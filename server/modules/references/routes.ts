import { z } from "zod";
import { and, asc, eq } from "drizzle-orm";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { requireActor } from "../../app.js";
import { authorize, tenantOf } from "../../auth/policies.js";
import { positions, subjects } from "../../db/schema.js";
import { notFound } from "../../errors.js";
import { recordAudit } from "../audit/audit.js";
import { ReferenceInput } from "../../../shared/schemas.js";

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

  app.get("/:kind", { schema: { tags, summary: "Справочник (должности или предметы)", params: KindParams } }, async (request) => {
    const actor = requireActor(request);
    const { table } = TABLES[request.params.kind];
    const rows: Row[] = await db.select().from(table).where(eq(table.municipalityId, tenantOf(actor))).orderBy(asc(table.name));
    return { items: rows.map(present) };
  });

  app.post(
    "/:kind",
    { schema: { tags, summary: "Добавить значение в справочник", params: KindParams, body: ReferenceInput } },
    async (request, reply) => {
      const actor = requireActor(request);
      authorize(actor, "references.write");
      const municipalityId = tenantOf(actor);
      const { table, entityType } = TABLES[request.params.kind];
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
        params: KindParams.extend({ id: z.coerce.number().int().positive() }),
        body: ReferenceInput,
      },
    },
    async (request) => {
      const actor = requireActor(request);
      authorize(actor, "references.write");
      const municipalityId = tenantOf(actor);
      const { table, entityType } = TABLES[request.params.kind];
      return db.transaction(async (tx) => {
        const where = and(eq(table.id, request.params.id), eq(table.municipalityId, municipalityId));
        const [before]: Row[] = await tx.select().from(table).where(where);
        if (!before) throw notFound("Значение справочника");
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
