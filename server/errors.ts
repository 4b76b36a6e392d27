/** Error codes the application throws, each mapped to one HTTP status. */
const STATUS_BY_CODE = {
  validation: 400,
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  // A one-time password must be replaced first (the web app opens «Смена пароля»).
  password_change_required: 403,
  not_found: 404,
  conflict: 409,
  too_many_attempts: 429,
  data_dir_locked: 503,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof STATUS_BY_CODE;

export type ErrorDetail = { field?: string; row?: number; value?: unknown; message: string };

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
    this.name = "AppError";
  }

  get status(): number {
    return STATUS_BY_CODE[this.code];
  }
}

export const notFound = (what: string) => new AppError("not_found", `${what} не найден(а)`);
export const forbidden = (message = "Недостаточно прав для этого действия") => new AppError("forbidden", message);
export const validationError = (details: ErrorDetail[]) =>
  new AppError("validation", details.map((d) => d.message).join("; "), details);
