import { z } from "zod";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { requireActor } from "../../app.js";
import { authorize, tenantOf } from "../../auth/policies.js";
import { listAudit } from "./audit.js";

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/",
    {
      schema: {
        tags: ["audit"],
        summary: "Журнал изменений карточки",
        querystring: z.object({
          subjectType: z.enum(["organization", "person", "user", "position", "subject"]),
          subjectId: z.coerce.number().int().positive(),
        }),
      },
    },
    async (request) => {
      const actor = requireActor(request);
      authorize(actor, "audit.read");
      const items = await listAudit(app.database.db, { municipalityId: tenantOf(actor), ...request.query });
      return { items };
    },
  );
};
