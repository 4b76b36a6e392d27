// A tiny typed fetch client: JSON in, JSON out, the server's Russian message in ApiError.
import { loginPath } from "../modules/auth/next.js";

export type ErrorDetail = { field?: string; message: string };

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
    this.name = "ApiError";
  }
}

type ErrorBody = { error?: { code?: string; message?: string; details?: ErrorDetail[] } };

let onUnauthorized: () => void = () => {
  // The first-run set-up page is for visitors without a session too.
  if (!["/login", "/setup"].some((p) => window.location.pathname.startsWith(p))) window.location.assign(loginPath(window.location.pathname + window.location.search));
};

/** Lets the app decide what a 401 does (by default: go to the login page). */
export function setUnauthorizedHandler(handler: () => void) {
  onUnauthorized = handler;
}

export type QueryValue = string | number | boolean | null | undefined;

/** Builds a query string, leaving out empty values. */
export function toQuery(params: Record<string, QueryValue>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === "") continue;
    search.set(key, String(value));
  }
  const s = search.toString();
  return s ? `?${s}` : "";
}

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  let response: Response;
  const headers: Record<string, string> = { accept: "application/json" };
  // A FormData body sets its own multipart/form-data type with the boundary.
  if (body !== undefined && !(body instanceof FormData)) headers["content-type"] = "application/json";
  try {
    response = await fetch(`/api${path}`, {
      method,
      credentials: "same-origin",
      headers,
      body: body instanceof FormData ? body : body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, "network", "Сервер недоступен. Проверьте подключение и повторите попытку.");
  }
  const text = await response.text();
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!response.ok) {
    const error = (data as ErrorBody | null)?.error;
    const apiError = new ApiError(
      response.status,
      error?.code ?? "http_error",
      error?.message ?? `Ошибка сервера (${response.status})`,
      error?.details ?? [],
    );
    // A failed login is a 401 too, but it is an answer for the form, not a lost session.
    if (response.status === 401 && path !== "/auth/login") onUnauthorized();
    // A one-time password still in use: nothing works until it is changed.
    if (apiError.code === "password_change_required" && window.location.pathname !== "/password") window.location.assign("/password");
    throw apiError;
  }
  return data as T;
}

export const api = {
  get: <T>(path: string) => request<T>("GET", path),
  post: <T>(path: string, body: unknown = {}) => request<T>("POST", path, body),
  put: <T>(path: string, body: unknown) => request<T>("PUT", path, body),
  delete: <T>(path: string) => request<T>("DELETE", path),
  /** Sends one file as multipart/form-data in the field «file» (its name goes with it), e.g. a spreadsheet to import. */
  upload: <T>(path: string, file: File, method: "POST" | "PUT" = "POST") => {
    const form = new FormData();
    form.append("file", file, file.name);
    return request<T>(method, path, form);
  },
};

/** The message to show for any error a query or mutation throws. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return error.message;
  return "Неизвестная ошибка";
}
