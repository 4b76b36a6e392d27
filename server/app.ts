import fs from "node:fs";
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import cookie from "@fastify/cookie";
import multipart from "@fastify/multipart";
import fastifyStatic from "@fastify/static";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import { z } from "zod";
import { trustProxyOption, type Config } from "./config.js";
import { isConnectionLost, type Database } from "./db/client.js";
import { AppError, type ErrorDetail } from "./errors.js";
import { webDist } from "./paths.js";
import { clientErrorHandler, frameworkErrors } from "./framework-errors.js";
import { sendMethodNotAllowed, trackRouteMethods } from "./methods.js";
import { registerSecurity } from "./security.js";
import { tooLargeMessage } from "./uploads.js";
import { requirePasswordChanged, type Actor } from "./auth/policies.js";
import { resolveSession, SESSION_COOKIE } from "./auth/sessions.js";
import { authRoutes } from "./auth/routes.js";
import { organizationRoutes } from "./modules/organizations/routes.js";
import { staffRoutes } from "./modules/staff/routes.js";
import { referenceRoutes } from "./modules/references/routes.js";
import { userRoutes } from "./modules/users/routes.js";
import { auditRoutes } from "./modules/audit/routes.js";
import { reportRoutes } from "./modules/reports/routes.js";
import { importRoutes } from "./imports/routes.js";
import { pdRoutes } from "./modules/pd/routes.js";
import { municipalityRoutes, setupRoutes } from "./modules/municipalities/routes.js";

// Zod's own messages (for fields without a custom one) speak Russian too.
z.config(z.locales.ru());

declare module "fastify" {
  interface FastifyInstance {
    database: Database;
    config: Config;
  }
  interface FastifyRequest {
    actor: Actor | null;
  }
}

export type App = FastifyInstance;
export type ZodApp = ReturnType<FastifyInstance["withTypeProvider"]> & FastifyInstance;


/** Builds the HTTP application on an open database. */
export async function buildApp(opts: { database: Database; config: Config; logger?: boolean }): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ? { level: "info" } : false,
    // Off unless TRUST_PROXY names the proxies: request.ip (login limits) must not be forgeable.
    trustProxy: trustProxyOption(opts.config.trustProxy),
    bodyLimit: 25 * 1024 * 1024,
    // What Fastify and Node refuse before any route (bad %-escapes, oversized headers): the app's error shape too.
    frameworkErrors,
    clientErrorHandler,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate("database", opts.database);
  app.decorate("config", opts.config);
  app.decorateRequest("actor", null);
  // Before any route is registered: the route table that tells 405 from 404.
  const methodsOf = trackRouteMethods(app);

  // Headers, no-store on the API, and the origin / body-type check come before anything reads the request.
  await registerSecurity(app, opts.config);
  await app.register(cookie);
  // Files come as multipart/form-data (server/uploads.ts); each route reads its one file with its limit.
  await app.register(multipart, {
    limits: { fileSize: opts.config.importMaxMb * 1024 * 1024, files: 1, fields: 20, fieldSize: 64 * 1024, parts: 25, headerPairs: 100 },
    throwFileSizeLimit: true,
  });
  await app.register(swagger, {
    openapi: {
      info: { title: "Metodist API", version: "0.1.0", description: "API информационной системы методической службы" },
      components: { securitySchemes: { session: { type: "apiKey", in: "cookie", name: SESSION_COOKIE } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: "/api/docs" });

  app.addHook("onRequest", async (request) => {
    if (request.url.startsWith("/api/")) {
      // The progress of an import is answered from memory while the embedded database is held by
      // that import's transaction: a session known a moment ago is good enough for it.
      const progress = request.method === "GET" && PROGRESS_PATH.test(request.url);
      request.actor = await resolveSession(opts.database.db, request.cookies[SESSION_COOKIE], { allowStale: progress });
      requirePasswordChanged(request.actor, request.url.split("?")[0]);
    }
  });

  app.setErrorHandler((error, request, reply) => sendError(error, request, reply));
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith("/api/") && sendMethodNotAllowed(request, reply, methodsOf)) return reply;
    if (request.url.startsWith("/api/") || !fs.existsSync(webDist)) {
      return reply.status(404).send({ error: { code: "not_found", message: "Адрес не найден", details: [] } });
    }
    // Client-side routes of the single-page app all load index.html.
    return reply.type("text/html").sendFile("index.html");
  });

  app.get("/api/health", { schema: { tags: ["system"], security: [] } }, async () => {
    await opts.database.db.execute("select 1");
    return { status: "ok", database: opts.database.kind };
  });
  app.get("/api/openapi.json", { schema: { hide: true } }, async () => app.swagger());

  const api = app.withTypeProvider<ZodTypeProvider>();
  await api.register(authRoutes, { prefix: "/api/auth" });
  await api.register(organizationRoutes, { prefix: "/api/organizations" });
  await api.register(staffRoutes, { prefix: "/api" });
  await api.register(referenceRoutes, { prefix: "/api/references" });
  await api.register(userRoutes, { prefix: "/api/users" });
  await api.register(auditRoutes, { prefix: "/api/audit" });
  await api.register(reportRoutes, { prefix: "/api/reports" });
  await api.register(importRoutes, { prefix: "/api/imports" });
  await api.register(pdRoutes, { prefix: "/api/pd" });
  await api.register(setupRoutes, { prefix: "/api/setup" });
  await api.register(municipalityRoutes, { prefix: "/api/municipality" });

  if (fs.existsSync(webDist)) {
    // wildcard: files rebuilt while the server runs are served without a restart.
    await app.register(fastifyStatic, { root: webDist, wildcard: true });
  }
  return app;
}

const PROGRESS_PATH = /^\/api\/imports\/\d+\/progress(\?|$)/;

/** The actor of an authenticated request; 401 otherwise. */
export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError("unauthenticated", "Войдите в систему");
  return request.actor;
}

function sendError(error: unknown, request: FastifyRequest, reply: FastifyReply) {
  if (hasZodFastifySchemaValidationErrors(error)) {
    const details: ErrorDetail[] = error.validation.map((v) => {
      const field = v.instancePath.replace(/^\//, "").replace(/\//g, ".");
      const message = String(v.message);
      // Our schemas name the field in «»; zod's generic messages get the path in front.
      return { field: field || undefined, message: message.includes("«") || !field ? message : `${field}: ${message}` };
    });
    return reply.status(400).send({
      error: { code: "validation", message: details.map((d) => d.message).join("; ") || "Неверные данные", details },
    });
  }
  if (error instanceof AppError) {
    return reply.status(error.status).headers(error.headers).send({ error: { code: error.code, message: error.message, details: error.details } });
  }
  if (isConnectionLost(error)) {
    request.log.warn({ err: error }, "database connection lost");
    return reply.status(503).header("retry-after", "1").send({
      error: { code: "database_unavailable", message: "Связь с базой данных прервалась: изменения не сохранены. Повторите действие через несколько секунд", details: [] },
    });
  }
  const pgError = findPgError(error);
  if (pgError?.code === "23505") {
    return reply.status(409).send({
      error: { code: "conflict", message: UNIQUE_MESSAGES[pgError.constraint ?? ""] ?? "Такая запись уже существует", details: [] },
    });
  }
  // Class 22 is "data exception": a NUL byte in text, a number out of range, a malformed value.
  if (pgError?.code.startsWith("22")) {
    return reply.status(400).send({
      error: { code: "bad_request", message: "Недопустимое значение в запросе (например, служебный символ в тексте или слишком большое число)", details: [] },
    });
  }
  if (pgError?.code === "23503") {
    return reply
      .status(400)
      .send({ error: { code: "bad_request", message: "Ссылка на несуществующую запись", details: [] } });
  }
  const e = error as { statusCode?: number; message?: string };
  if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
    const message = e.statusCode === 413 ? tooLargeMessage(request.server.config.importMaxMb * 1024 * 1024) : REQUEST_MESSAGES[e.statusCode];
    return reply.status(e.statusCode).send({
      error: { code: "bad_request", message: message ?? "Неверный запрос", details: [] },
    });
  }
  request.log.error(error);
  return reply.status(500).send({ error: { code: "internal", message: "Внутренняя ошибка сервера", details: [] } });
}

const REQUEST_MESSAGES: Record<number, string> = {
  400: "Неверный запрос: проверьте формат данных",
  415: "Неподдерживаемый тип содержимого",
};

const UNIQUE_MESSAGES: Record<string, string> = {
  persons_snils_uq: "Педагог с таким СНИЛС уже есть в реестре муниципалитета",
  users_login_uq: "Пользователь с таким логином уже существует",
  municipalities_code_unique: "Муниципалитет с таким кодом уже есть",
  positions_name_uq: "Такая должность уже есть в справочнике",
  subjects_name_uq: "Такой предмет уже есть в справочнике",
};

// drizzle wraps driver errors; the PostgreSQL error with its code sits in `cause`.
function findPgError(error: unknown): { code: string; constraint?: string } | null {
  let e: unknown = error;
  for (let i = 0; i < 4 && e && typeof e === "object"; i++) {
    const candidate = e as { code?: unknown; constraint?: string; cause?: unknown };
    // SQLSTATE: five digits or capitals (22P02 is malformed JSON input, e.g. a lone surrogate «\ud800»).
    if (typeof candidate.code === "string" && /^[0-9A-Z]{5}$/.test(candidate.code)) {
      return { code: candidate.code, constraint: candidate.constraint };
    }
    e = candidate.cause;
  }
  return null;
}
