/** Error codes the application throws, each mapped to one HTTP status. */
const STATUS_BY_CODE = {
  validation: 400,
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  // A one-time password must be replaced first (the web app opens «Смена пароля»).
  password_change_required: 403,
  // A state-changing request from another site's page (server/security.ts).
  foreign_origin: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  unsupported_media_type: 415,
  too_many_attempts: 429,
  data_dir_locked: 503,
  // The database connection died mid-request: nothing was written; the next request works.
  database_unavailable: 503,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof STATUS_BY_CODE;

export type ErrorDetail = { field?: string; row?: number; value?: unknown; message: string };

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetail[] = [],
    /** Response headers that go with the error, e.g. Retry-After of a 429. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "AppError";
  }

  get status(): number {
    return STATUS_BY_CODE[this.code];
  }
}

/**
 * What «not found» says: one fixed message per kind of record. A record outside the actor's scope
 * and a record that does not exist answer the same 404 word for word, and the message never
 * carries the id, so nothing can be learnt by probing ids (ARCHITECTURE.md, uniform not-found).
 */
const NOT_FOUND_MESSAGES = {
  route: "Адрес не найден",
  person: "Педагог не найден",
  employment: "Место работы не найдено",
  education: "Запись об образовании не найдена",
  category: "Квалификационная категория не найдена",
  personStatus: "Статус педагога не найден",
  exemption: "Освобождение от правила трёх лет не найдено",
  course: "Курс не найден",
  scan: "Скан удостоверения не найден",
  provider: "Организация ДПО не найдена",
  programme: "Программа не найдена",
  courseRequest: "Заявка не найдена",
  organization: "Организация не найдена",
  organizationAlias: "Другое название организации не найдено",
  organizationStatus: "Статус организации не найден",
  referenceValue: "Значение справочника не найдено",
  referenceAlias: "Написание не найдено",
  user: "Пользователь не найден",
  municipality: "Муниципалитет не найден",
  import: "Загрузка не найдена",
} as const;

export type NotFoundEntity = keyof typeof NOT_FOUND_MESSAGES;

export const notFound = (entity: NotFoundEntity) => new AppError("not_found", NOT_FOUND_MESSAGES[entity]);
export const forbidden = (message = "Недостаточно прав для этого действия") => new AppError("forbidden", message);
export const validationError = (details: ErrorDetail[]) =>
  new AppError("validation", details.map((d) => d.message).join("; "), details);
