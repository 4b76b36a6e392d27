import net from "node:net";
import path from "node:path";
import { z } from "zod";

/**
 * Which proxies' X-Forwarded-For (and -Host, -Proto) to believe: off (not set, `0`, `false`); a
 * list of proxy addresses and subnets, `127.0.0.1,10.0.0.0/8` (also `loopback`, `linklocal`,
 * `uniquelocal`) — the safe form; a hop count (`1` — the one reverse proxy in front); `true` —
 * every hop. The last two believe whoever connects, so only when the app cannot be reached but
 * through the proxy. Off by default: anyone could otherwise send a forged X-Forwarded-For and
 * pass for another address, which the login limits count by.
 */
export type TrustProxy = boolean | number | string[];

/**
 * The `trustProxy` option of Fastify for a setting. Fastify takes addresses and `true` as they
 * are, but refuses to trust anyone for a bare number (it cannot check the peer), so a hop count
 * becomes a function that trusts that many hops, as Express does.
 */
export function trustProxyOption(t: TrustProxy): boolean | string[] | ((address: string, hop: number) => boolean) {
  return typeof t === "number" ? (_address, hop) => hop < t : t;
}

const PROXY_NAMES = new Set(["loopback", "linklocal", "uniquelocal"]);

function isProxyAddress(entry: string): boolean {
  if (PROXY_NAMES.has(entry)) return true;
  const [address, prefix, ...rest] = entry.split("/");
  const version = net.isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  // A mask written as an address (10.0.0.0/255.0.0.0) or as a prefix length.
  if (net.isIP(prefix) === version) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128);
}

const TrustProxySchema = z
  .string()
  .trim()
  .transform((v, ctx): TrustProxy => {
    const lower = v.toLowerCase();
    if (lower === "false" || lower === "0") return false;
    if (lower === "true") return true;
    if (/^\d+$/.test(v)) return Number(v);
    const list = v.split(",").map((x) => x.trim()).filter(Boolean);
    const wrong = list.find((x) => !isProxyAddress(x));
    if (wrong !== undefined || list.length === 0) {
      ctx.addIssue({
        code: "custom",
        message: `«${wrong ?? v}» — не адрес прокси: укажите true, число прокси перед приложением или адреса через запятую (127.0.0.1,10.0.0.0/8)`,
      });
      return z.NEVER;
    }
    return list;
  });

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  DATA_DIR: z.string().default("./data"),
  DATABASE_URL: z.string().url().optional(),
  // "0" turns off filling an empty embedded database with the demo municipality.
  DEMO: z.enum(["0", "1"]).optional(),
  SESSION_DAYS: z.coerce.number().int().min(1).max(90).default(14),
  // Login back-off (server/auth/throttle.ts): failures in a row a login may have without waiting
  // (an address: four times as many); the quiet time after which a run of failures is forgotten;
  // the longest wait.
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(3),
  LOGIN_WINDOW_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
  LOGIN_MAX_DELAY_SECONDS: z.coerce.number().int().min(1).max(3600).default(300),
  TRUST_PROXY: TrustProxySchema.default(false),
  COOKIE_SECURE: z.enum(["0", "1"]).default("0"),
  // The address people open the app at (https://metodist.example.ru): state-changing API requests
  // must come from this origin. Not set: the origin must equal the request's own host.
  PUBLIC_URL: z
    .string()
    .url()
    .refine((v) => /^https?:\/\//i.test(v), { message: "адрес должен начинаться с http:// или https://" })
    .optional(),
  // The largest uploaded file (imports, reference lists; a certificate scan is capped at 10 MB).
  IMPORT_MAX_MB: z.coerce.number().positive().max(1024).default(20),
});

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  demo: boolean | undefined;
  sessionDays: number;
  loginMaxFailures: number;
  loginWindowMinutes: number;
  loginMaxDelaySeconds: number;
  trustProxy: TrustProxy;
  cookieSecure: boolean;
  /** The origin (scheme://host[:port]) of PUBLIC_URL, or undefined. */
  publicOrigin: string | undefined;
  importMaxMb: number;
};

/** Reads the configuration from the environment once, at start-up. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable means "not set", as in shells and .env files.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ""));
  const parsed = EnvSchema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Неверная настройка ${issue?.path.join(".")}: ${issue?.message}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    demo: e.DEMO === undefined ? undefined : e.DEMO === "1",
    sessionDays: e.SESSION_DAYS,
    loginMaxFailures: e.LOGIN_MAX_FAILURES,
    loginWindowMinutes: e.LOGIN_WINDOW_MINUTES,
    loginMaxDelaySeconds: e.LOGIN_MAX_DELAY_SECONDS,
    trustProxy: e.TRUST_PROXY,
    cookieSecure: e.COOKIE_SECURE === "1",
    publicOrigin: e.PUBLIC_URL === undefined ? undefined : new URL(e.PUBLIC_URL).origin,
    importMaxMb: e.IMPORT_MAX_MB,
  };
}
