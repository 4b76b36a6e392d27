import { z } from "zod";
import { eq } from "drizzle-orm";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { requireActor } from "../../app.js";
import { authorize, staffScope, tenantOf } from "../../auth/policies.js";
import { municipalities } from "../../db/schema.js";
import { attachment, XLSX_MIME } from "../../spreadsheets/xlsx.js";
import {
  AsOfQuery,
  BulkCompletionInput,
  CompletionInput,
  PdSettingsInput,
  PeriodQuery,
  ProgrammeInput,
  ProviderInput,
  RequestDecisionInput,
  RequestItemInput,
  isoDate,
} from "../../../shared/schemas.js";
import { PD_STATUSES, PROGRAMME_KINDS } from "../../../shared/domain.js";
import { todayIso } from "../../../shared/derived.js";
import { listProgrammes, listProviders, saveProgramme, saveProvider } from "./catalog.js";
import { addCompletionsForGroup, attachScan, getPdCard, MAX_SCAN_BYTES, readScan, saveCompletion } from "./completions.js";
import { megabytes, readUpload } from "../../uploads.js";
import { managementTraining, pdReminders, pdStatusList, retrainingNeeds } from "./overview.js";
import { coursePlan, coursePlanWorkbook, listRequests, moveRequest, saveRequestItems } from "./plan.js";
import { academicYearOf } from "./rule.js";
import { pdSummary, pdSummaryDocx, pdSummaryWorkbook } from "./report.js";
import { IdParams, recordId } from "../../params.js";

const tags = ["professional development"];
const YearQuery = z.object({ academicYear: z.coerce.number().int().min(2000).max(2100).optional() });
const DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

export const pdRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database.db;

  // Providers and programmes: the municipal admin keeps them; everyone who records courses reads them.
  app.get("/providers", { schema: { tags, summary: "Реестр организаций ДПО с числом обученных", querystring: z.object({ from: isoDate("С").optional(), to: isoDate("По").optional() }) } }, async (request) => {
    const actor = requireActor(request);
    authorize(actor, "staff.read");
    return { items: await listProviders(db, { municipalityId: tenantOf(actor), ...request.query }) };
  });
  app.post("/providers", { schema: { tags, summary: "Добавить организацию ДПО", body: ProviderInput } }, async (request, reply) => {
    const actor = requireActor(request);
    authorize(actor, "references.write");
    return reply.status(201).send(await saveProvider(db, { actor, municipalityId: tenantOf(actor), input: request.body }));
  });
  app.put("/providers/:id", { schema: { tags, summary: "Изменить организацию ДПО и её другие названия", params: IdParams, body: ProviderInput } }, async (request) => {
    const actor = requireActor(request);
    authorize(actor, "references.write");
    return saveProvider(db, { actor, municipalityId: tenantOf(actor), id: request.params.id, input: request.body });
  });
  app.get(
    "/programmes",
    { schema: { tags, summary: "Программы ДПО", querystring: z.object({ providerId: z.coerce.number().int().positive().optional(), q: z.string().trim().max(200).optional(), kind: z.enum(PROGRAMME_KINDS).optional() }) } },
    async (request) => {
      const actor = requireActor(request);
      authorize(actor, "staff.read");
      return { items: await listProgrammes(db, { municipalityId: tenantOf(actor), ...request.query }) };
    },
  );
  // Coordinators add the programme a teacher took when it is not in the list yet.
  app.post("/programmes", { schema: { tags, summary: "Добавить программу", body: ProgrammeInput } }, async (request, reply) => {
    const actor = requireActor(request);
    authorize(actor, "staff.write");
    return reply.status(201).send(await saveProgramme(db, { actor, municipalityId: tenantOf(actor), input: request.body }));
  });
  app.put("/programmes/:id", { schema: { tags, summary: "Изменить программу", params: IdParams, body: ProgrammeInput } }, async (request) => {
    const actor = requireActor(request);
    // A coordinator may fix a programme only their own staff took (checked in saveProgramme).
    authorize(actor, "staff.write");
    return saveProgramme(db, { actor, municipalityId: tenantOf(actor), id: request.params.id, input: request.body });
  });

  // A person's courses.
  app.get("/staff/:id", { schema: { tags, summary: "Курсы педагога и правило трёх лет", params: IdParams, querystring: AsOfQuery } }, async (request) => {
    const actor = requireActor(request);
    authorize(actor, "staff.read");
    return getPdCard(db, { actor, personId: request.params.id, asOf: request.query.asOf ?? todayIso() });
  });
  app.post("/staff/:id/completions", { schema: { tags, summary: "Добавить курс", params: IdParams, body: CompletionInput } }, async (request, reply) => {
    const row = await saveCompletion(db, { actor: requireActor(request), personId: request.params.id, input: request.body });
    return reply.status(201).send(row);
  });
  app.put("/completions/:id", { schema: { tags, summary: "Изменить курс", params: IdParams, body: CompletionInput } }, async (request) =>
    saveCompletion(db, { actor: requireActor(request), completionId: request.params.id, input: request.body }),
  );
  app.delete("/completions/:id", { schema: { tags, summary: "Удалить ошибочно внесённый курс", params: IdParams } }, async (request) => {
    await saveCompletion(db, { actor: requireActor(request), completionId: request.params.id, input: null });
    return { ok: true };
  });
  app.post("/completions/bulk", { schema: { tags, summary: "Один курс для группы педагогов", body: BulkCompletionInput } }, async (request, reply) => {
    const result = await addCompletionsForGroup(db, { actor: requireActor(request), personIds: request.body.personIds, input: request.body.completion });
    return reply.status(201).send(result);
  });
  app.put(
    "/completions/:id/scan",
    { schema: { tags, summary: "Загрузить скан удостоверения (PDF или JPEG; multipart/form-data, поле file)", consumes: ["multipart/form-data"], params: IdParams } },
    async (request) => {
      const actor = requireActor(request);
      const maxBytes = Math.min(MAX_SCAN_BYTES, app.config.importMaxMb * 1024 * 1024);
      const upload = await readUpload(request, {
        maxBytes,
        missing: "Приложите файл PDF или JPEG",
        tooBig: `Скан больше ${megabytes(maxBytes)}: уменьшите разрешение или сожмите PDF`,
      });
      return attachScan(db, { actor, completionId: request.params.id, fileName: upload.fileName.slice(0, 255), file: upload.data });
    },
  );
  // Always a download, never shown inside the app's origin: the type is the one the bytes prove,
  // and the file may not run anything even if a browser opened it.
  app.get("/completions/:id/scan", { schema: { tags, summary: "Скан удостоверения (скачивание)", params: IdParams } }, async (request, reply) => {
    const scan = await readScan(db, { actor: requireActor(request), completionId: request.params.id });
    return reply
      .header("content-type", scan.mime)
      .header("content-disposition", attachment(scan.name))
      .header("content-security-policy", "default-src 'none'; sandbox")
      .send(scan.data);
  });

  // Lists to work from.
  app.get(
    "/status",
    {
      schema: {
        tags,
        summary: "Правило трёх лет: статус каждого педагога на дату",
        querystring: z.object({ asOf: isoDate("На дату").optional(), organizationId: z.coerce.number().int().positive().optional(), status: z.enum(PD_STATUSES).optional() }),
      },
    },
    async (request) => {
      const actor = requireActor(request);
      authorize(actor, "staff.export");
      return pdStatusList(db, { actor, asOf: request.query.asOf ?? todayIso(), organizationId: request.query.organizationId, status: request.query.status });
    },
  );
  app.get(
    "/reminders",
    { schema: { tags, summary: "Напоминания: кому скоро нужны курсы, какие курсы не подтверждены", querystring: z.object({ asOf: isoDate("На дату").optional(), months: z.coerce.number().int().min(1).max(24).default(6) }) } },
    async (request) => {
      const actor = requireActor(request);
      authorize(actor, "staff.export");
      return pdReminders(db, { actor, asOf: request.query.asOf ?? todayIso(), months: request.query.months });
    },
  );
  app.get("/retraining-needs", { schema: { tags, summary: "Нуждаются в переподготовке (нет педагогического образования)", querystring: AsOfQuery } }, async (request) => {
    const actor = requireActor(request);
    authorize(actor, "staff.export");
    return retrainingNeeds(db, { actor, asOf: request.query.asOf ?? todayIso() });
  });
  app.get("/management", { schema: { tags, summary: "Управленческие команды на курсах за период", querystring: PeriodQuery } }, async (request) => {
    const actor = requireActor(request);
    authorize(actor, "staff.export");
    const { from, to, asOf } = request.query;
    return managementTraining(db, { actor, from, to, asOf: asOf ?? to });
  });

  // The course plan and requests.
  const yearOf = (q: { academicYear?: number }) => q.academicYear ?? academicYearOf(todayIso()) + 1;
  app.get("/plan", { schema: { tags, summary: "План курсовой подготовки на учебный год", querystring: YearQuery } }, async (request) => {
    const actor = requireActor(request);
    authorize(actor, "staff.export");
    return coursePlan(db, { actor, academicYear: yearOf(request.query) });
  });
  app.get("/plan.xlsx", { schema: { tags, summary: "План курсовой подготовки в Excel", querystring: YearQuery } }, async (request, reply) => {
    const actor = requireActor(request);
    authorize(actor, "staff.export");
    const year = yearOf(request.query);
    return reply.header("content-type", XLSX_MIME).header("content-disposition", attachment(`План курсов ${year}-${year + 1}.xlsx`)).send(await coursePlanWorkbook(db, { actor, academicYear: year }));
  });
  app.get("/requests", { schema: { tags, summary: "Заявки организаций на курсы", querystring: YearQuery } }, async (request) => {
    const actor = requireActor(request);
    authorize(actor, "staff.export");
    return { items: await listRequests(db, { actor, academicYear: yearOf(request.query) }) };
  });
  app.put(
    "/requests/:organizationId/:academicYear",
    {
      schema: {
        tags,
        summary: "Заполнить заявку организации на учебный год",
        params: z.object({ organizationId: recordId, academicYear: z.coerce.number().int().min(2000).max(2100) }),
        body: z.object({ items: z.array(RequestItemInput).max(2000) }),
      },
    },
    async (request) => saveRequestItems(db, { actor: requireActor(request), ...request.params, items: request.body.items }),
  );
  app.post("/requests/:id/submit", { schema: { tags, summary: "Отправить заявку в муниципалитет", params: IdParams } }, async (request) =>
    moveRequest(db, { actor: requireActor(request), requestId: request.params.id, action: "submit" }),
  );
  app.post("/requests/:id/decision", { schema: { tags, summary: "Согласовать или вернуть заявку", params: IdParams, body: RequestDecisionInput } }, async (request) =>
    moveRequest(db, { actor: requireActor(request), requestId: request.params.id, action: request.body.decision, comment: request.body.comment }),
  );

  // The municipality's rule.
  app.get("/settings", { schema: { tags, summary: "Период и минимум часов правила трёх лет" } }, async (request) => {
    const actor = requireActor(request);
    const [m] = await db.select({ pdPeriodYears: municipalities.pdPeriodYears, pdMinHours: municipalities.pdMinHours }).from(municipalities).where(eq(municipalities.id, tenantOf(actor)));
    return m;
  });
  app.put("/settings", { schema: { tags, summary: "Изменить правило трёх лет", body: PdSettingsInput } }, async (request) => {
    const actor = requireActor(request);
    authorize(actor, "references.write");
    const [m] = await db.update(municipalities).set(request.body).where(eq(municipalities.id, tenantOf(actor))).returning({ pdPeriodYears: municipalities.pdPeriodYears, pdMinHours: municipalities.pdMinHours });
    return m;
  });

  // The yearly report of seed 003.
  app.get(
    "/report",
    { schema: { tags, summary: "Отчёт о повышении квалификации за период (json, xlsx, docx)", querystring: PeriodQuery.and(z.object({ format: z.enum(["json", "xlsx", "docx"]).default("json") })) } },
    async (request, reply) => {
      const actor = requireActor(request);
      authorize(actor, "reports.municipality");
      const { from, to, asOf, orgKind, format } = request.query;
      const municipalityId = staffScope(actor).municipalityId;
      const report = await pdSummary(db, { municipalityId, from, to, asOf: asOf ?? to, orgKind });
      const name = `Повышение квалификации ${from}—${to}`;
      if (format === "xlsx") return reply.header("content-type", XLSX_MIME).header("content-disposition", attachment(`${name}.xlsx`)).send(await pdSummaryWorkbook(report));
      if (format === "docx") {
        const [m] = await db.select({ name: municipalities.name }).from(municipalities).where(eq(municipalities.id, municipalityId));
        return reply.header("content-type", DOCX_MIME).header("content-disposition", attachment(`${name}.docx`)).send(await pdSummaryDocx(report, m.name));
      }
      return report;
    },
  );
};
