import { z } from "zod";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { requireActor } from "../../app.js";
import { hasPermission, tenantOf } from "../../auth/policies.js";
import { forbidden } from "../../errors.js";
import { isoDate } from "../../../shared/schemas.js";
import { todayIso } from "../../../shared/derived.js";
import { attachment, XLSX_MIME } from "../../spreadsheets/xlsx.js";
import { compositionWorkbook, municipalitiesOfRegion, staffComposition } from "./composition.js";

export const reportRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database.db;

  app.get(
    "/staff-composition",
    {
      schema: {
        tags: ["reports"],
        summary: "Кадровый состав: образование, категории, возраст по типам организаций",
        querystring: z.object({ asOf: isoDate("На дату").optional(), format: z.enum(["json", "xlsx"]).default("json") }),
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const asOf = request.query.asOf ?? todayIso();
      let municipalityIds: number[];
      if (hasPermission(actor, "reports.municipality")) municipalityIds = [tenantOf(actor)];
      else if (hasPermission(actor, "reports.region") && actor.regionCode) municipalityIds = await municipalitiesOfRegion(db, actor.regionCode);
      else throw forbidden();
      const report = await staffComposition(db, { municipalityIds, asOf });
      if (request.query.format === "xlsx") {
        return reply
          .header("content-type", XLSX_MIME)
          .header("content-disposition", attachment(`Кадровый состав на ${asOf}.xlsx`))
          .send(await compositionWorkbook(report, asOf));
      }
      return { asOf, municipalities: report };
    },
  );
};
