import { z } from "zod";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { requireActor } from "../app.js";
import { authorize, staffScope, type Actor } from "../auth/policies.js";
import { attachment, XLSX_MIME } from "../spreadsheets/xlsx.js";
import {
  createImport,
  describeImport,
  IMPORT_KINDS,
  importProgressFor,
  listImports,
  mappingTemplates,
  rejectedWorkbook,
  runImport,
  saveMapping,
  undoImport,
} from "./engine.js";
import { templateWorkbook } from "./template.js";
import { IdParams } from "../params.js";
import { readUpload } from "../uploads.js";

const tags = ["imports"];
const Kind = z.enum(["staff", "organizations", "completions"]);
const Mapping = z.record(z.string().regex(/^\d+$/), z.string().nullable());
const DecidedValue = { field: z.string().min(1).max(50), value: z.string().min(1).max(1000) };
const Decision = z.discriminatedUnion("action", [
  z.object({ ...DecidedValue, action: z.literal("match"), targetId: z.number().int().positive() }),
  z.object({ ...DecidedValue, action: z.literal("create"), name: z.string().trim().min(1).max(500).optional() }),
  z.object({ ...DecidedValue, action: z.literal("reject") }),
]);

/** Staff and courses may be imported by the admin and by coordinators (own organisation); organisations by the admin. */
function authorizeKind(actor: Actor, kind: z.infer<typeof Kind>) {
  authorize(actor, kind === "organizations" ? "organizations.create" : "staff.write");
}

export const importRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database.db;
  const maxBytes = app.config.importMaxMb * 1024 * 1024;

  app.get("/", { schema: { tags, summary: "История загрузок" } }, async (request) => {
    const actor = requireActor(request);
    authorize(actor, "staff.write");
    return { items: await listImports(db, { actor }) };
  });

  app.post(
    "/",
    {
      schema: {
        tags,
        summary: "Загрузить файл .xlsx или .csv (multipart/form-data, поле file; имя файла — из него)",
        consumes: ["multipart/form-data"],
        querystring: z.object({ kind: Kind, organizationId: z.coerce.number().int().positive().optional() }),
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      authorizeKind(actor, request.query.kind);
      const upload = await readUpload(request, { maxBytes, missing: "Приложите файл .xlsx или .csv" });
      const described = await createImport(db, {
        actor,
        kind: request.query.kind,
        fileName: upload.fileName.slice(0, 255),
        file: upload.data,
        organizationId: request.query.organizationId ?? null,
        maxBytes,
      });
      return reply.status(201).send(described);
    },
  );

  app.get(
    "/templates/:kind",
    { schema: { tags, summary: "Пустой шаблон .xlsx для загрузки", params: z.object({ kind: Kind }) } },
    async (request, reply) => {
      const actor = requireActor(request);
      authorizeKind(actor, request.params.kind);
      const kind = IMPORT_KINDS[request.params.kind];
      const buffer = await templateWorkbook(db, kind, staffScope(actor).municipalityId);
      return reply.header("content-type", XLSX_MIME).header("content-disposition", attachment(`Шаблон — ${kind.title}.xlsx`)).send(buffer);
    },
  );

  app.get("/:id", { schema: { tags, summary: "Загрузка: столбцы, сопоставление, результат", params: IdParams } }, async (request) => {
    const actor = requireActor(request);
    authorize(actor, "staff.write");
    return describeImport(db, { actor, importId: request.params.id });
  });

  // Answered from memory while this process runs the import (the embedded database is busy),
  // for the same people who may open the import.
  app.get("/:id/progress", { schema: { tags, summary: "Ход выполнения загрузки", params: IdParams } }, async (request) => {
    const actor = requireActor(request);
    authorize(actor, "staff.write");
    return { progress: await importProgressFor(db, { actor, importId: request.params.id }) };
  });

  app.post(
    "/:id/run",
    {
      schema: {
        tags,
        summary: "Проверить (dryRun) или выполнить загрузку",
        params: IdParams,
        body: z.object({
          mapping: Mapping.optional(),
          dryRun: z.boolean().default(false),
          skipInvalid: z.boolean().default(false),
          // Decisions about values of reference columns that matched no record (the check step).
          decisions: z.array(Decision).max(5000).optional(),
          // The organisation of rows without an organisation column, chosen on the mapping step.
          organizationId: z.number().int().positive().nullable().optional(),
          // The web app starts the run and polls /progress; the API answers when it is done.
          background: z.boolean().default(false),
        }),
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      authorize(actor, "staff.write");
      const { background, ...opts } = request.body;
      const run = runImport(db, { actor, importId: request.params.id, ...opts });
      if (!background) return run;
      run.catch((err: unknown) => request.log.warn({ err }, "import failed"));
      return reply.status(202).send({ started: true });
    },
  );

  app.post("/:id/undo", { schema: { tags, summary: "Отменить загрузку целиком", params: IdParams } }, async (request) => {
    const actor = requireActor(request);
    authorize(actor, "staff.write");
    return undoImport(db, { actor, importId: request.params.id });
  });

  app.get("/:id/rejected.xlsx", { schema: { tags, summary: "Отклонённые строки с колонкой ошибок", params: IdParams } }, async (request, reply) => {
    const actor = requireActor(request);
    authorize(actor, "staff.write");
    const buffer = await rejectedWorkbook(db, { actor, importId: request.params.id });
    return reply.header("content-type", XLSX_MIME).header("content-disposition", attachment(`Отклонённые строки ${request.params.id}.xlsx`)).send(buffer);
  });

  app.get("/:id/mappings", { schema: { tags, summary: "Сохранённые сопоставления столбцов", params: IdParams } }, async (request) => {
    const actor = requireActor(request);
    authorize(actor, "staff.write");
    return { items: await mappingTemplates(db, { actor, importId: request.params.id }) };
  });

  app.post(
    "/:id/mappings",
    { schema: { tags, summary: "Сохранить сопоставление как шаблон", params: IdParams, body: z.object({ name: z.string().trim().min(1, { error: "Укажите название шаблона" }).max(100), mapping: Mapping }) } },
    async (request) => {
      const actor = requireActor(request);
      authorize(actor, "staff.write");
      return saveMapping(db, { actor, importId: request.params.id, ...request.body });
    },
  );
};
