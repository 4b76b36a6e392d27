// The route table of a running app, for tests generated from it (fuzz, access matrix).
//
// Fastify keeps no public list of its routes, and buildApp registers them all before it returns,
// so a test file wraps the fastify factory to add an onRoute hook to every app it builds:
//
//   vi.mock("fastify", async (importOriginal) => withRouteTable(await importOriginal()));
//
// The hook sees every route the app registers — hidden ones (swagger UI, openapi.json) and
// the HEAD twins of GET routes included — with the schemas (zod) exactly as the route declared them.
import type { FastifyInstance, RouteOptions } from "fastify";

export type RouteEntry = {
  method: string;
  url: string;
  /** "GET /api/staff/:id": the key of expectation tables. */
  key: string;
  schema: {
    params?: unknown;
    querystring?: unknown;
    body?: unknown;
    response?: Record<string, unknown>;
    hide?: boolean;
  };
};

const tables = new WeakMap<object, RouteEntry[]>();

function record(app: FastifyInstance): void {
  const list: RouteEntry[] = [];
  tables.set(app, list);
  app.addHook("onRoute", (route: RouteOptions) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      const url = route.url;
      const schema = (route.schema ?? {}) as RouteEntry["schema"];
      list.push({ method, url, key: `${method} ${url}`, schema });
    }
  });
}

/** Every route the app registered, in registration order, without the automatic HEAD twins. */
export function routeTable(app: FastifyInstance): RouteEntry[] {
  const list = tables.get(app);
  if (!list) throw new Error("routeTable: the test file must wrap fastify with withRouteTable (see server/testing/route-table.ts)");
  const bare = (url: string) => url.replace(/\/$/, "");
  const gets = new Set(list.filter((r) => r.method === "GET").map((r) => bare(r.url)));
  return list.filter((r) => !(r.method === "HEAD" && gets.has(bare(r.url))));
}

/** The fastify module with a factory that records the routes of every app it builds. */
export function withRouteTable<M extends { default: unknown }>(actual: M): M {
  const original = actual.default as (...args: unknown[]) => FastifyInstance;
  const factory = Object.assign((...args: unknown[]) => {
    const app = original(...args);
    record(app);
    return app;
  }, original);
  return { ...actual, default: factory, fastify: factory };
}
