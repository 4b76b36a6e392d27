// Response headers and the guard against forged requests (issue «Trust»). See ARCHITECTURE.md.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import helmet from "@fastify/helmet";
import type { Config } from "./config.js";

/** Methods that change something: they must come from the app's own pages (only the API has such routes). */
const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** Body types the API takes. A browser cannot send JSON to another site without a CORS preflight, which this app never grants. */
export const ACCEPTED_TYPES = ["application/json", "multipart/form-data"];

/** API paths that carry nothing personal and may be cached: the API description and its viewer. */
const PUBLIC_API = [/^\/api\/docs(\/|$)/, /^\/api\/openapi\.json$/];

/**
 * The policy of the web app: its own scripts only (no inline, no eval), its own styles plus the
 * style elements and attributes Mantine writes at run time, `data:` images (the favicon, Mantine's
 * icons in CSS), no frames, no plugins, forms and requests only to itself.
 */
export function contentSecurityPolicy(opts: { https: boolean }) {
  return {
    useDefaults: false,
    directives: {
      "default-src": ["'self'"],
      "base-uri": ["'self'"],
      "script-src": ["'self'"],
      "script-src-attr": ["'none'"],
      "style-src": ["'self'", "'unsafe-inline'"],
      "img-src": ["'self'", "data:"],
      "font-src": ["'self'", "data:"],
      "connect-src": ["'self'"],
      "form-action": ["'self'"],
      "frame-ancestors": ["'none'"],
      "frame-src": ["'none'"],
      "object-src": ["'none'"],
      "worker-src": ["'self'"],
      "manifest-src": ["'self'"],
      // Only behind HTTPS: on a plain-HTTP intranet address it would break every asset.
      ...(opts.https ? { "upgrade-insecure-requests": [] } : {}),
    },
  };
}

/** Where a state-changing request came from: the origin of `Origin`, else of `Referer`; null when neither is sent. */
export function requestSource(request: FastifyRequest): string | null {
  const origin = request.headers.origin;
  if (typeof origin === "string" && origin !== "") return origin;
  const referer = request.headers.referer;
  if (typeof referer === "string" && referer !== "") {
    try {
      return new URL(referer).origin;
    } catch {
      return "invalid";
    }
  }
  return null;
}

/** Whether an origin is the app's own: PUBLIC_URL's origin, or (not configured) the request's own host, any scheme. */
export function isOwnOrigin(source: string, request: FastifyRequest, publicOrigin: string | undefined): boolean {
  let url: URL;
  try {
    url = new URL(source);
  } catch {
    return false; // "null" (sandboxed frames, file://), garbage
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return false;
  if (publicOrigin) return url.origin === publicOrigin;
  // request.host honours X-Forwarded-Host behind a proxy (trustProxy); a page cannot set it on a simple request.
  return url.host.toLowerCase() === stripDefaultPort(request.host.toLowerCase(), url.protocol);
}

function stripDefaultPort(host: string, protocol: string) {
  if (protocol === "http:" && host.endsWith(":80")) return host.slice(0, -3);
  if (protocol === "https:" && host.endsWith(":443")) return host.slice(0, -4);
  return host;
}

const mediaType = (request: FastifyRequest) => (request.headers["content-type"] ?? "").split(";")[0].trim().toLowerCase();

function hasBody(request: FastifyRequest) {
  const length = request.headers["content-length"];
  return request.headers["transfer-encoding"] !== undefined || (length !== undefined && length !== "0");
}

function refuse(reply: FastifyReply, status: number, code: string, message: string) {
  return reply.status(status).send({ error: { code, message, details: [] } });
}

/**
 * Security headers on every reply, `Cache-Control: no-store` on the API, and the check of
 * state-changing API requests: their origin and their body type. Registered before anything
 * else reads the request (the session, the body).
 */
export async function registerSecurity(app: FastifyInstance, config: Config) {
  const https = config.publicOrigin?.startsWith("https:") ?? false;
  await app.register(helmet, {
    contentSecurityPolicy: contentSecurityPolicy({ https }),
    frameguard: { action: "deny" },
    referrerPolicy: { policy: "same-origin" },
    // HSTS only where the app is known to be served over HTTPS (PUBLIC_URL), and for this host only.
    strictTransportSecurity: https ? { maxAge: 180 * 24 * 3600, includeSubDomains: false } : false,
    // Files and pages of this app are for this app's pages only.
    crossOriginResourcePolicy: { policy: "same-origin" },
  });

  app.addHook("onRequest", async (request, reply) => {
    // Every path, not only those spelled "/api/…": the router also matches percent-encoded spellings.
    if (!STATE_CHANGING.has(request.method)) return;
    const source = requestSource(request);
    if (source !== null && !isOwnOrigin(source, request, config.publicOrigin)) {
      request.log.warn({ origin: source, url: request.url }, "state-changing request from another origin refused");
      return refuse(reply, 403, "foreign_origin", "Запрос отправлен с другого сайта и отклонён. Откройте систему по её адресу и повторите действие");
    }
    const type = mediaType(request);
    if (type === "" ? hasBody(request) : !ACCEPTED_TYPES.includes(type)) {
      return refuse(
        reply,
        415,
        "unsupported_media_type",
        type === ""
          ? "Не указан тип содержимого запроса: данные принимаются как application/json, файлы — как multipart/form-data"
          : `Тип содержимого «${type}» не принимается: данные отправляются как application/json, файлы — как multipart/form-data`,
      );
    }
    // No Origin, no Referer: a program, not a browser page (browsers send Origin with every such
    // request). It passes with a JSON or multipart body, or with none, as checked above.
  });

  app.addHook("onSend", async (request, reply, payload) => {
    const path = request.url.split("?")[0];
    if (path.startsWith("/api/") && !PUBLIC_API.some((re) => re.test(path))) {
      reply.header("cache-control", "no-store");
    }
    return payload;
  });
}
