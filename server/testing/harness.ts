// Test harness: the real app over real HTTP on PGlite, and on PostgreSQL when
// TEST_DATABASE_URL is set (CI points it at the server on 127.0.0.1:5432).
import crypto from "node:crypto";
import pg from "pg";
import type { FastifyInstance } from "fastify";
import { openDatabase, type Database } from "../db/client.js";
import { buildApp } from "../app.js";
import { loadConfig } from "../config.js";

export type DbTarget = "pglite" | "postgres";

/** The databases every database test runs on. */
export const DB_TARGETS: DbTarget[] = process.env.TEST_DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];

/** A fresh, migrated database: in-memory PGlite, or a new database on the PostgreSQL server. */
export async function openTestDatabase(target: DbTarget): Promise<Database> {
  if (target === "pglite") return openDatabase({ dataDir: null });
  const adminUrl = process.env.TEST_DATABASE_URL as string;
  const name = `metodist_t_${crypto.randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), dataDir: null });
  return {
    ...database,
    close: async () => {
      await database.close();
      const again = new pg.Client({ connectionString: adminUrl });
      await again.connect();
      await again.query(`drop database if exists ${name} with (force)`);
      await again.end();
    },
  };
}

export type TestServer = { url: string; app: FastifyInstance; database: Database; close(): Promise<void> };

/** Starts the whole application on a random loopback port. */
export async function startTestServer(database: Database, env: Record<string, string> = {}): Promise<TestServer> {
  const config = loadConfig({ DATA_DIR: "/nonexistent", ...env });
  const app = await buildApp({ database, config });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  if (!address || typeof address === "string") throw new Error("no address");
  return { url: `http://127.0.0.1:${address.port}`, app, database, close: () => app.close() };
}

/** A minimal HTTP client that keeps its session cookie, like a browser tab. */
export class Client {
  private cookie = "";
  constructor(private readonly baseUrl: string) {}

  async request(method: string, path: string, body?: unknown) {
    const res = await fetch(this.baseUrl + path, {
      method,
      headers: {
        ...(body !== undefined ? { "content-type": "application/json" } : {}),
        ...(this.cookie ? { cookie: this.cookie } : {}),
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const setCookie = res.headers.get("set-cookie");
    if (setCookie) this.cookie = setCookie.split(";")[0];
    const type = res.headers.get("content-type") ?? "";
    // Tests read whatever JSON came back and assert on it field by field.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const json: any = type.includes("json") ? await res.json() : null;
    return { status: res.status, json, res };
  }

  /** The session cookie, for tools that send requests themselves (the benchmark's wrk). */
  get cookieHeader(): string {
    return this.cookie;
  }

  /** Sends a body exactly as given, for malformed-input tests. */
  sendRaw(method: string, path: string, body: string | Uint8Array, contentType: string) {
    return fetch(this.baseUrl + path, {
      method,
      headers: { "content-type": contentType, cookie: this.cookie },
      body: typeof body === "string" ? body : new Blob([new Uint8Array(body)]),
    });
  }

  /** Sends one file as multipart/form-data, as the web app does; the reply as `request` gives it. */
  async uploadFile(path: string, fieldName: string, buffer: Uint8Array, fileName: string, method = "POST") {
    const form = new FormData();
    form.append(fieldName, new Blob([new Uint8Array(buffer)]), fileName);
    const res = await fetch(this.baseUrl + path, { method, headers: this.cookie ? { cookie: this.cookie } : {}, body: form });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const json: any = (res.headers.get("content-type") ?? "").includes("json") ? await res.json() : null;
    return { status: res.status, json, res };
  }

  get = (path: string) => this.request("GET", path);
  post = (path: string, body?: unknown) => this.request("POST", path, body ?? {});
  put = (path: string, body: unknown) => this.request("PUT", path, body);
  delete = (path: string) => this.request("DELETE", path);

  async login(login: string, password: string) {
    const r = await this.post("/api/auth/login", { login, password });
    if (r.status !== 200) throw new Error(`login ${login}: ${r.status} ${JSON.stringify(r.json)}`);
    return this;
  }
}
