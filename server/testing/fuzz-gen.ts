// Request generator of the HTTP fuzz test (server/testing/fuzz.test.ts): valid, boundary and
// invalid requests made from the routes' own zod schemas (as JSON Schema, z.toJSONSchema), with
// ids from records of the test world. Deterministic: one seed, one list of requests.
import { z } from "zod";
import type { RouteEntry } from "./route-table.js";

// ------------------------------------------------------------------------------------------------
// PRNG

export type Rng = {
  next(): number;
  int(lo: number, hi: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
  shuffle<T>(items: T[]): T[];
};

/** mulberry32: small, fast, good enough to pick test values. */
export function makeRng(seed: number): Rng {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const rng: Rng = {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (items) => items[Math.floor(next() * items.length)],
    chance: (p) => next() < p,
    shuffle: (items) => {
      for (let i = items.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [items[i], items[j]] = [items[j], items[i]];
      }
      return items;
    },
  };
  return rng;
}

// ------------------------------------------------------------------------------------------------
// Requests

export type Identity = "admin" | "coordinator" | "anonymous";

export type FuzzBody =
  | { kind: "none" }
  | { kind: "json"; value: unknown }
  | { kind: "raw"; type: string; data: string | Uint8Array }
  | { kind: "multipart"; files: { field: string; name: string; data: Uint8Array }[]; fields: Record<string, string> };

export type FuzzRequest = {
  n: number;
  route: RouteEntry;
  identity: Identity;
  method: string;
  /** Path with the query string, as sent. */
  path: string;
  body: FuzzBody;
  headers: Record<string, string>;
  /** What was done to the valid request: "valid", "body.person.surname ← …", "content-type text/plain"… */
  mutation: string;
  /** Whether the route's zod schemas accept params, query and body; null when another route answers. */
  schemaValid: boolean | null;
  /** The transport itself is refused (foreign origin, body type, malformed JSON): the route never runs. */
  transportRefused: boolean;
};

/** Ids of real records per resource (own organisation, other organisation, other municipality). */
export type Pools = Record<string, number[]>;

export type GenContext = {
  rng: Rng;
  pools: Pools;
  /** Files an upload may carry: name → bytes. */
  files: { valid: Record<string, { name: string; data: Uint8Array }[]>; odd: { name: string; data: Uint8Array }[] };
};

// ------------------------------------------------------------------------------------------------
// JSON Schema of a zod schema

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type JS = Record<string, any>;

const jsonSchemaCache = new WeakMap<object, JS>();
export function toJs(schema: unknown): JS | null {
  if (!schema || typeof schema !== "object") return null;
  const cached = jsonSchemaCache.get(schema);
  if (cached) return cached;
  const js = z.toJSONSchema(schema as z.ZodType, { io: "input", unrepresentable: "any" }) as JS;
  jsonSchemaCache.set(schema, js);
  return js;
}

/** Accepts a value the way the route's validator does. */
export function accepts(schema: unknown, value: unknown): boolean {
  if (!schema) return true;
  return (schema as z.ZodType).safeParse(value).success;
}

// ------------------------------------------------------------------------------------------------
// Values

const SURNAMES = ["Петров", "Кузнецова", "Семёнов", "Ёлкина", "Иванов-Петров", "Д'Артаньян", "Ли"];
const NAMES = ["Иван", "Анна", "Пётр", "Мария", "Олег"];
const WORDS = ["учитель", "математика", "кубановедение", "методист", "школа", "курс", "ФГОС", "Программа «Цифра»", "№ 5", "д/с"];
const DATE_KEY = /(^asOf$|^from$|^to$|date|Date|^validFrom$|^validTo$|^assignedOn$|^pedWorkStart$)/;

const text = (rng: Rng, words = 2) => Array.from({ length: words }, () => rng.pick(WORDS)).join(" ");
const validDate = (rng: Rng) => {
  const y = rng.int(1960, 2027);
  const m = rng.int(1, 12);
  const d = rng.int(1, 28);
  return `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
};

/** Ids for a key of a body or query, from the pools; null when the key names no id. */
function idPoolFor(key: string, pools: Pools): number[] | null {
  const k = key.replace(/Ids?$/, "").replace(/s$/, "");
  const map: Record<string, string> = {
    organization: "organization",
    position: "position",
    targetPosition: "position",
    subject: "subject",
    person: "person",
    programme: "programme",
    provider: "provider",
    target: "position",
  };
  const pool = map[k] ? pools[map[k]] : undefined;
  return pool ?? null;
}

/** A plausible value for a field by its name, as a user would type it; undefined: no hint. */
function hint(key: string, ctx: GenContext): unknown {
  const { rng } = ctx;
  if (DATE_KEY.test(key)) return validDate(rng);
  switch (key) {
    case "surname":
      return rng.pick(SURNAMES);
    case "name":
    case "patronymic":
      return rng.pick(NAMES);
    case "fullName":
      return `${rng.pick(SURNAMES)} ${rng.pick(NAMES)} ${rng.pick(NAMES)}ович`;
    case "shortName":
      return `МБОУ СОШ № ${rng.int(1, 99)}`;
    case "login":
      return `fuzz.user${rng.int(1, 1_000_000)}`;
    case "password":
    case "newPassword":
    case "currentPassword":
      return `secret-${rng.int(100000, 999999)}`;
    case "snils":
      return rng.pick(["112-233-445 95", "11223344595", null]);
    case "inn":
      return rng.pick(["7707083893", null]);
    case "ogrn":
      return rng.pick(["1027700132195", null]);
    case "phone":
      return "+7 (861) 234-56-78";
    case "email":
      return "test@example.ru";
    case "code":
      return `m${rng.int(1, 99999)}`;
    case "regionCode":
      return "23";
    case "alias":
      return `вариант ${rng.int(1, 1_000_000)}`;
    case "text":
      return rng.pick(["учитель\nпреподаватель; препод", `должность ${rng.int(1, 99999)}`, "", "математика; матем.\nфизика"]);
    case "title":
      return `Программа ${text(rng)} ${rng.int(1, 99999)}`;
    case "fileName":
      return rng.pick(["скан.pdf", "удостоверение.jpg", "list.csv"]);
    case "academicYear":
      return rng.int(2024, 2028);
    case "q":
      return rng.pick(["Сем", "сош", "№ 1", "ё"]);
    case "page":
      return rng.int(1, 3);
    case "hours":
      return rng.pick([16, 36, 72, 144]);
    case "field":
      return rng.pick(["position", "subjects", "organization"]);
    case "value":
      return rng.pick(["учитель", "матем.", "СОШ 1"]);
  }
  const pool = idPoolFor(key, ctx.pools);
  if (pool && !key.endsWith("s")) return rng.pick(pool);
  return undefined;
}

function typesOf(s: JS): string[] {
  if (Array.isArray(s.type)) return s.type;
  if (typeof s.type === "string") return [s.type];
  return [];
}

/** A valid value for a JSON Schema (zod's refinements aside), field names giving the meaning. */
export function validValue(schema: JS | undefined, key: string, ctx: GenContext, depth = 0): unknown {
  const { rng } = ctx;
  if (!schema || depth > 8) return null;
  if (schema.const !== undefined) return schema.const;
  if (Array.isArray(schema.enum)) return rng.pick(schema.enum);
  const branches: JS[] | undefined = schema.anyOf ?? schema.oneOf;
  if (branches) {
    const nonNull = branches.filter((b) => !typesOf(b).includes("null") && b.const !== "");
    return validValue(nonNull.length && rng.chance(0.85) ? rng.pick(nonNull) : rng.pick(branches), key, ctx, depth + 1);
  }
  if (Array.isArray(schema.allOf)) {
    const merged: JS = { type: "object", properties: {}, required: [] };
    for (const part of schema.allOf as JS[]) {
      Object.assign(merged.properties, part.properties ?? {});
      merged.required.push(...(part.required ?? []));
    }
    return validValue(merged, key, ctx, depth + 1);
  }
  const types = typesOf(schema);
  const type = types.find((t) => t !== "null") ?? types[0] ?? (schema.properties ? "object" : undefined);
  const h = type === "string" || type === "integer" || type === "number" ? hint(key, ctx) : undefined;
  if (h === null && types.includes("null")) return null;
  if (typeof h === "number" && type === "string") return String(h);
  if (h !== undefined && h !== null && typeof h === (type === "string" ? "string" : "number")) return h;
  switch (type) {
    case "object": {
      const out: Record<string, unknown> = {};
      const required = new Set<string>(schema.required ?? []);
      for (const [k, s] of Object.entries((schema.properties ?? {}) as Record<string, JS>)) {
        if (required.has(k) || rng.chance(0.6)) out[k] = validValue(s, k, ctx, depth + 1);
      }
      if (schema.additionalProperties && typeof schema.additionalProperties === "object" && !schema.properties) {
        const n = rng.int(0, 3);
        for (let i = 0; i < n; i++) out[String(i)] = validValue(schema.additionalProperties, "field", ctx, depth + 1);
      }
      return out;
    }
    case "array": {
      const min = schema.minItems ?? 0;
      const max = Math.min(schema.maxItems ?? 3, 3);
      const n = rng.int(Math.min(min, max), Math.max(min, max));
      const pool = idPoolFor(key, ctx.pools);
      return Array.from({ length: n }, () => (pool ? rng.pick(pool) : validValue(schema.items, key.replace(/s$/, ""), ctx, depth + 1)));
    }
    case "string": {
      const min = schema.minLength ?? 0;
      const max = schema.maxLength ?? 60;
      if (schema.pattern === "^\\d+$") return String(rng.int(0, 9));
      let s = text(rng, rng.int(1, 3));
      if (s.length > max) s = s.slice(0, max);
      while (s.length < min) s += "я";
      return s;
    }
    case "integer":
    case "number": {
      const lo = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : 0);
      const hi = Math.min(schema.maximum ?? lo + 100, lo + 100);
      return rng.int(lo, hi);
    }
    case "boolean":
      return rng.chance(0.5);
    case "null":
      return null;
    default:
      return rng.pick(["x", 1, true]);
  }
}

/** Odd values of every type: the catalogue a field is replaced from. */
export const ODD_VALUES: unknown[] = [
  "", " ", "  \t\n ", "a", "0", "-1", "null", "undefined", "true", "NaN",
  "я".repeat(1001), "x".repeat(5001),
  "Юникод 🦔 \u202eRTL\u202c e\u0301 𝔘", "\u0000", "a\u0000b", "\ud800", "\uFEFFБОМ", "\u200b",
  "'; drop table persons; --", "<script>alert(1)</script>", "../../../etc/passwd", "%00", "${7*7}", "{{7*7}}",
  0, -1, 1, 1.5, -0.5, 2147483647, 2147483648, -2147483649, 9007199254740990, 9007199254740991, 1e21, 1e308, -1e308,
  true, false, null, [], [1], ["a"], [null], {}, { a: 1 }, [[[]]], { id: 1 },
  "2026-02-30", "2024-02-29", "2023-02-29", "0000-00-00", "0001-01-01", "9999-12-31", "2026-13-01", "2026-1-1",
  "01.02.2026", "2026-02-28T10:00:00Z", "20260228", "2026-02-28 ", "+02026-02-28", "-2026-02-28",
];

/** Values at and just past the limits the schema itself states. */
function boundaryValues(schema: JS | undefined): unknown[] {
  if (!schema) return [];
  const out: unknown[] = [];
  const branches: JS[] = schema.anyOf ?? schema.oneOf ?? [schema];
  for (const s of branches) {
    if (typeof s.maxLength === "number") out.push("ж".repeat(s.maxLength), "ж".repeat(s.maxLength + 1));
    if (typeof s.minLength === "number" && s.minLength > 0) out.push("ж".repeat(s.minLength - 1), "ж".repeat(s.minLength));
    if (typeof s.maximum === "number" && s.maximum < 1e15) out.push(s.maximum, s.maximum + 1);
    if (typeof s.minimum === "number") out.push(s.minimum, s.minimum - 1);
    if (typeof s.exclusiveMinimum === "number") out.push(s.exclusiveMinimum, s.exclusiveMinimum + 1);
    if (typeof s.maxItems === "number" && s.maxItems <= 5000) out.push(Array.from({ length: s.maxItems + 1 }, (_, i) => i + 1));
    if (Array.isArray(s.enum)) out.push(String(s.enum[0]).toUpperCase(), `${s.enum[0]} `, "не из списка");
  }
  return out;
}

/** The JSON Schema of a path inside a value (loosely: through anyOf and allOf). */
function schemaAt(schema: JS | undefined, path: (string | number)[]): JS | undefined {
  let s = schema;
  for (const p of path) {
    if (!s) return undefined;
    const options: JS[] = [s, ...(s.anyOf ?? []), ...(s.oneOf ?? []), ...(s.allOf ?? [])];
    let nextSchema: JS | undefined;
    for (const o of options) {
      if (typeof p === "number" && o.items) nextSchema = o.items;
      else if (typeof p === "string" && o.properties?.[p]) nextSchema = o.properties[p];
      else if (typeof p === "string" && typeof o.additionalProperties === "object") nextSchema = o.additionalProperties;
      if (nextSchema) break;
    }
    s = nextSchema;
  }
  return s;
}

/** Every path into a value (objects and arrays), and the optional properties the schema knows but the value lacks. */
function pathsOf(value: unknown, schema: JS | undefined, prefix: (string | number)[] = [], depth = 0): (string | number)[][] {
  const out: (string | number)[][] = [];
  if (depth > 6) return out;
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      out.push([...prefix, i]);
      out.push(...pathsOf(v, schemaAt(schema, [i]), [...prefix, i], depth + 1));
    });
  } else if (value && typeof value === "object") {
    const keys = new Set(Object.keys(value));
    for (const [k, v] of Object.entries(value)) {
      out.push([...prefix, k]);
      out.push(...pathsOf(v, schemaAt(schema, [k]), [...prefix, k], depth + 1));
    }
    const props = { ...(schema?.properties ?? {}) };
    for (const o of [...(schema?.anyOf ?? []), ...(schema?.allOf ?? [])] as JS[]) Object.assign(props, o.properties ?? {});
    for (const k of Object.keys(props)) if (!keys.has(k)) out.push([...prefix, k]);
  }
  return out;
}

function setAt(root: unknown, path: (string | number)[], value: unknown, remove = false): unknown {
  if (path.length === 0) return value;
  const copy: unknown = structuredClone(root);
  let cur = copy as Record<string | number, unknown>;
  for (const p of path.slice(0, -1)) {
    if (cur[p] === null || typeof cur[p] !== "object") cur[p] = typeof p === "number" ? [] : {};
    cur = cur[p] as Record<string | number, unknown>;
  }
  const last = path[path.length - 1];
  if (remove) {
    if (Array.isArray(cur) && typeof last === "number") cur.splice(last, 1);
    else delete cur[last];
  } else cur[last] = value;
  return copy;
}

const show = (v: unknown) => {
  const s = typeof v === "string" ? JSON.stringify(v) : JSON.stringify(v) ?? String(v);
  return s.length > 60 ? `${s.slice(0, 57)}…(${s.length})` : s;
};

// ------------------------------------------------------------------------------------------------
// Query strings and paths

export type Query = Record<string, unknown>;

/** The query as fastify hands it to the validator: strings, and arrays of strings for repeated keys. */
export function queryAsParsed(query: Query): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined) continue;
    // What the query string can say: no key for an empty list, a plain value for a list of one.
    if (Array.isArray(v) && v.length === 0) continue;
    out[k] = Array.isArray(v) ? (v.length === 1 ? queryScalar(v[0]) : v.map(queryScalar)) : queryScalar(v);
  }
  return out;
}
const queryScalar = (v: unknown) => (v === null ? "" : typeof v === "object" ? JSON.stringify(v) : String(v));

/** encodeURIComponent that lets a lone surrogate through as the (invalid UTF-8) bytes ED A0 80. */
function encode(s: string): string {
  try {
    return encodeURIComponent(s);
  } catch {
    return Array.from(s, (ch) => {
      try {
        return encodeURIComponent(ch);
      } catch {
        return "%ED%A0%80";
      }
    }).join("");
  }
}

export function queryString(query: Query): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(queryAsParsed(query))) {
    for (const one of Array.isArray(v) ? v : [v]) parts.push(`${encode(k)}=${encode(one)}`);
  }
  return parts.length ? `?${parts.join("&")}` : "";
}

/** Resource of a path parameter: the pool its valid ids come from. */
function resourceOf(url: string, param: string, params: Record<string, string>): string {
  if (param === "statusId") return "orgStatus";
  if (param === "aliasId") return url.startsWith("/api/organizations") ? "orgAlias" : params.kind === "subjects" ? "subjectAlias" : "positionAlias";
  if (param === "organizationId") return "organization";
  const segments = url.split("/");
  const before = segments[segments.indexOf(`:${param}`) - 1];
  const byUrl: Record<string, string> = {
    organizations: "organization",
    staff: "person",
    employments: "employment",
    educations: "education",
    categories: "category",
    statuses: "personStatus",
    exemptions: "exemption",
    providers: "provider",
    programmes: "programme",
    completions: "completion",
    requests: "courseRequest",
    imports: "import",
    users: "user",
  };
  if (before === ":kind") return params.kind === "subjects" ? "subject" : "position";
  return byUrl[before] ?? "any";
}

/** Path parameter values a fuzzer tries instead of a valid id. */
export const ODD_PARAMS = [
  "", "0", "-1", "1.5", "9007199254740990", "9007199254740991", "99999999999999999999999", "2147483648",
  "abc", "1abc", " 1", "1e3", "0x10", "Infinity", "NaN", "null", "١٢", "ё", "%", "%00", "..", "../1", "1;drop", "🦔", "1".repeat(150),
];

/** A path parameter that moves the request to another route (or out of the API) once the URL is resolved. */
const reroutes = (v: string) => v === "" || v === "." || v === ".." || v.includes("/");

// ------------------------------------------------------------------------------------------------
// The generator

/** Routes whose body is a file (multipart/form-data, field «file»). */
export function isUploadRoute(route: RouteEntry): boolean {
  if (route.schema.body || (route.method !== "POST" && route.method !== "PUT")) return false;
  const consumes = (route.schema as { consumes?: string[] }).consumes ?? [];
  return consumes.includes("multipart/form-data") || /\/scan$|\/bulk\.xlsx$|^\/api\/imports$/.test(route.url);
}

type Parts = { params: Record<string, string>; query: Query; body: unknown };

function validParts(route: RouteEntry, ctx: GenContext): Parts {
  const { rng, pools } = ctx;
  const params: Record<string, string> = {};
  const paramsJs = toJs(route.schema.params);
  const names = [...route.url.matchAll(/:(\w+)/g)].map((m) => m[1]);
  // The kind of reference list first: the id's pool depends on it.
  names.sort((x, y) => (x === "kind" ? -1 : y === "kind" ? 1 : 0));
  for (const name of names) {
    const s = paramsJs?.properties?.[name] as JS | undefined;
    if (s?.enum) {
      params[name] = String(rng.pick(s.enum));
      continue;
    }
    if (name === "academicYear") {
      params[name] = String(rng.int(2024, 2028));
      continue;
    }
    const pool = pools[resourceOf(route.url, name, params)] ?? pools.any;
    params[name] = String(rng.pick(pool));
  }
  if (route.url.endsWith("*")) params["*"] = rng.pick(["index.html", "swagger-initializer.js", "swagger-ui.css", "nope.js"]);
  const queryJs = toJs(route.schema.querystring);
  const query = queryJs ? (validValue(queryJs, "query", ctx) as Query) : {};
  const bodyJs = toJs(route.schema.body);
  const body = bodyJs ? validValue(bodyJs, "body", ctx) : undefined;
  return { params, query, body };
}

function buildPath(url: string, params: Record<string, string>, rawParams = false): string {
  return url
    .replace(/:(\w+)/g, (_, name: string) => (rawParams ? params[name] : encode(params[name] ?? "")))
    .replace(/\*$/, () => (rawParams ? params["*"] : (params["*"] ?? "").split("/").map(encode).join("/")));
}

function schemaValidity(route: RouteEntry, parts: Parts): boolean {
  const { params, query, body } = parts;
  const p = route.schema.params ? accepts(route.schema.params, params) : true;
  const q = route.schema.querystring ? accepts(route.schema.querystring, queryAsParsed(query)) : true;
  const bodyAsSent = body === undefined ? undefined : JSON.parse(JSON.stringify(body) ?? "null");
  const b = route.schema.body ? accepts(route.schema.body, bodyAsSent) : true;
  return p && q && b;
}

const ALL_METHODS = ["GET", "POST", "PUT", "DELETE", "PATCH"];

/** One request for a route: valid, or with one kind of damage, chosen by the PRNG. */
export function generateRequest(n: number, route: RouteEntry, identity: Identity, ctx: GenContext): FuzzRequest {
  const { rng } = ctx;
  const parts = validParts(route, ctx);
  const upload = isUploadRoute(route);
  const bodyJs = toJs(route.schema.body) ?? undefined;
  const queryJs = toJs(route.schema.querystring) ?? undefined;
  const headers: Record<string, string> = {};
  let method = route.method;
  let mutation = "valid";
  let rawPath: string | null = null;
  let transportRefused = false;
  let schemaValid: boolean | null = null;
  let body: FuzzBody = { kind: "none" };

  const mutateField = (where: "body" | "query" | "params") => {
    if (where === "params") {
      const names = Object.keys(parts.params);
      if (!names.length) return false;
      const name = rng.pick(names);
      parts.params[name] = rng.pick(ODD_PARAMS);
      mutation = `params.${name} ← ${show(parts.params[name])}`;
      return true;
    }
    const root = where === "body" ? parts.body : parts.query;
    const js = where === "body" ? bodyJs : queryJs;
    if (!js) return false;
    const paths = pathsOf(root, js);
    const path = paths.length && rng.chance(0.92) ? rng.pick(paths) : [];
    const roll = rng.next();
    let next: unknown;
    let what: string;
    if (path.length && roll < 0.15) {
      next = setAt(root, path, undefined, true);
      what = "removed";
    } else {
      const candidates = [...boundaryValues(schemaAt(js, path)), ...ODD_VALUES];
      const v = rng.chance(0.02) ? "ы".repeat(100_000) : rng.pick(candidates);
      next = setAt(root, path, v);
      what = `← ${show(v)}`;
    }
    if (where === "body") parts.body = next;
    else parts.query = (next && typeof next === "object" && !Array.isArray(next) ? next : { q: next }) as Query;
    mutation = `${where}${path.length ? "." + path.join(".") : ""} ${what}`;
    return true;
  };

  const roll = rng.next();
  if (roll < 0.4) {
    // valid
  } else if (roll < 0.78) {
    const where = rng.pick(["body", "body", "query", "params"] as const);
    if (!mutateField(where)) mutateField(rng.pick(["body", "query", "params"] as const)) || (mutation = "valid");
  } else if (roll < 0.86) {
    // Several fields at once, and an unknown one.
    const changed: string[] = [];
    for (let i = 0; i < rng.int(2, 4); i++) if (mutateField(rng.pick(["body", "query", "params"] as const))) changed.push(mutation);
    if (parts.body && typeof parts.body === "object" && !Array.isArray(parts.body)) {
      parts.body = { ...(parts.body as object), [rng.pick(["extra", "id", "municipalityId", "role", "isAdmin"])]: rng.pick(ODD_VALUES) };
      changed.push("body + unknown field");
    }
    mutation = changed.join("; ") || "valid";
  } else {
    // The transport: headers, body encoding, method, URL.
    const t = rng.int(0, 9);
    if (t === 0 && method !== "GET") {
      headers.origin = rng.pick(["https://evil.example", "null", "http://127.0.0.1.evil.example"]);
      mutation = `origin ${headers.origin}`;
      transportRefused = true;
    } else if (t === 1 && method !== "GET") {
      body = { kind: "raw", type: rng.pick(["text/plain", "application/x-www-form-urlencoded", "application/xml", "application/octet-stream"]), data: JSON.stringify(parts.body ?? {}) };
      mutation = `content-type ${body.type}`;
      transportRefused = true;
    } else if (t === 2 && method !== "GET") {
      body = { kind: "raw", type: "application/json", data: rng.pick(["{", "", "nul", "{\"a\":}", "[1,2", "\"\\u12\"", "{\"__proto__\":{\"x\":1}}", "{\"constructor\":{\"prototype\":{\"x\":1}}}"]) };
      mutation = `malformed JSON ${show(body.data)}`;
      transportRefused = true;
    } else if (t === 3 && method !== "GET") {
      const depth = rng.pick([100, 5000, 50000]);
      body = { kind: "raw", type: "application/json", data: "[".repeat(depth) + "]".repeat(depth) };
      mutation = `JSON nested ${depth} deep`;
      schemaValid = route.schema.body ? false : null;
    } else if (t === 4) {
      const others = ALL_METHODS.filter((m) => m !== route.method);
      method = rng.pick(others);
      mutation = `method ${method} instead of ${route.method}`;
    } else if (t === 5) {
      const names = Object.keys(parts.params);
      if (names.length) {
        const raw = { ...parts.params, [rng.pick(names)]: rng.pick(["%", "%E0%A4%A", "%00", "%2F..%2F", "a%zz"]) };
        rawPath = buildPath(route.url, raw, true);
        mutation = `raw path ${rawPath}`;
      } else {
        parts.query = { ...parts.query, [rng.pick(["asOf", "page", "q", "kind"])]: ["1", "2026-01-01"] };
        mutation = "repeated query key";
      }
    } else if (t === 6 && method !== "GET" && !upload) {
      body = {
        kind: "multipart",
        files: [{ field: "file", name: "x.csv", data: new TextEncoder().encode("a;b\n1;2\n") }],
        fields: { json: JSON.stringify(parts.body ?? {}) },
      };
      mutation = "multipart instead of JSON";
    } else if (t === 7) {
      parts.query = { ...parts.query, ["q".repeat(rng.int(1, 3))]: "я".repeat(rng.int(500, 1500)) };
      mutation = "long query string";
    } else if (t === 8 && method !== "GET") {
      body = { kind: "json", value: rng.pick([[], "text", 42, null, true, [parts.body]]) };
      mutation = `body is ${show(body.value)}`;
      schemaValid = route.schema.body ? false : null;
    } else {
      headers["x-forwarded-for"] = rng.pick(["1.2.3.4", "::1", "not-an-ip", "1.1.1.1, 2.2.2.2"]);
      headers["accept-language"] = "en";
      mutation = `headers ${JSON.stringify(headers)}`;
    }
  }

  // The body as sent, unless the transport branch chose one.
  if (body.kind === "none" && method !== "GET" && method !== "HEAD") {
    if (upload && method === route.method) {
      body = uploadBody(route, ctx);
      if (mutation === "valid" && body.files[0]?.field !== "file") mutation = "upload without «file»";
    } else if (parts.body !== undefined) {
      body = { kind: "json", value: parts.body };
    } else if (rng.chance(0.3)) {
      body = { kind: "json", value: rng.pick([{}, { x: 1 }, []]) };
    }
  }
  if (schemaValid === null && !transportRefused && method === route.method && rawPath === null) {
    schemaValid = schemaValidity(route, parts);
  }
  if (method !== route.method || rawPath !== null || Object.values(parts.params).some(reroutes)) schemaValid = null;
  const path = (rawPath ?? buildPath(route.url, parts.params)) + queryString(parts.query);
  return { n, route, identity, method, path, body, headers, mutation, schemaValid, transportRefused };
}

function uploadBody(route: RouteEntry, ctx: GenContext): Extract<FuzzBody, { kind: "multipart" }> {
  const { rng, files } = ctx;
  const valid = files.valid[route.url] ?? [];
  const file = valid.length && rng.chance(0.5) ? rng.pick(valid) : rng.pick(files.odd);
  const roll = rng.next();
  const field = roll < 0.85 ? "file" : rng.pick(["upload", "files", ""]);
  const out: Extract<FuzzBody, { kind: "multipart" }> = { kind: "multipart", files: [{ field, ...file }], fields: {} };
  if (rng.chance(0.05)) out.files.push({ field: "file", ...rng.pick(files.odd) });
  if (rng.chance(0.1)) out.files = [];
  if (rng.chance(0.1)) out.fields = { kind: "staff", note: "поле" };
  return out;
}
