// 405 Method Not Allowed: Fastify answers 404 to a known path asked with a method it does not
// have; the route table collected here tells the two apart.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";

type RouteShape = { pattern: RegExp; methods: Set<string> };

/** A Fastify path (`/api/staff/:id`, `/api/docs/*`) as a regular expression over request paths. */
function compile(url: string): RegExp {
  const source = url
    .split(/(:[A-Za-z0-9_]+(?:\([^)]*\))?|\*)/)
    .map((part) => (part === "*" ? ".*" : part.startsWith(":") ? "[^/]+" : part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
    .join("");
  return new RegExp(`^${source}$`);
}

/**
 * Records every API route the app registers from now on (an onRoute hook: call before
 * registering routes) and gives the methods a request path has, in the order the routes declared
 * them. Only `/api/` routes: the web app's catch-all `/*` (static files) would match every path.
 */
export function trackRouteMethods(app: FastifyInstance): (path: string) => string[] {
  const byUrl = new Map<string, RouteShape>();
  app.addHook("onRoute", (route) => {
    if (!route.url.startsWith("/api/")) return;
    const shape = byUrl.get(route.url) ?? { pattern: compile(route.url), methods: new Set<string>() };
    for (const method of [route.method].flat()) shape.methods.add(method.toUpperCase());
    byUrl.set(route.url, shape);
  });
  return (path) => {
    const methods = new Set<string>();
    for (const shape of byUrl.values()) if (shape.pattern.test(path)) for (const m of shape.methods) methods.add(m);
    return [...methods];
  };
}

/** Answers 405 with `Allow` when the path exists for other methods; false when it does not exist at all. */
export function sendMethodNotAllowed(request: FastifyRequest, reply: FastifyReply, methodsOf: (path: string) => string[]): boolean {
  const allowed = methodsOf(request.url.split("?")[0]);
  if (allowed.length === 0 || allowed.includes(request.method)) return false;
  const allow = allowed.join(", ");
  void reply
    .status(405)
    .header("allow", allow)
    .send({ error: { code: "method_not_allowed", message: `Метод ${request.method} не поддерживается по этому адресу. Допустимые методы: ${allow}`, details: [] } });
  return true;
}
