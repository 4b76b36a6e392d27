// Uploaded files: multipart/form-data with the file in the field «file» (@fastify/multipart).
import type { FastifyRequest } from "fastify";
import { AppError } from "./errors.js";

export const UPLOAD_FIELD = "file";
const MB = 1024 * 1024;

/** «20 МБ», «0,5 МБ». */
export const megabytes = (bytes: number) => `${String(Math.round((bytes / MB) * 10) / 10).replace(".", ",")} МБ`;

/** The message of a 413: the file or the request is over the limit. */
export const tooLargeMessage = (maxBytes: number) => `Файл или запрос слишком большой: файлы принимаются до ${megabytes(maxBytes)}`;

/**
 * Reads the one file of a multipart request into memory: its bytes and the name the browser
 * gave it. Over `maxBytes` → 413 (`tooBig` or the general message); not multipart → 415; no file
 * in the field «file» → 400 with `missing`.
 */
export async function readUpload(
  request: FastifyRequest,
  opts: { maxBytes: number; missing: string; tooBig?: string },
): Promise<{ data: Buffer; fileName: string }> {
  if (!request.isMultipart()) {
    throw new AppError("unsupported_media_type", "Файл отправляется как multipart/form-data в поле «file»");
  }
  let part;
  try {
    part = await request.file({ limits: { fileSize: opts.maxBytes, files: 1 }, throwFileSizeLimit: true });
  } catch (error) {
    throw translate(error, opts);
  }
  if (!part || part.fieldname !== UPLOAD_FIELD) throw new AppError("bad_request", opts.missing);
  try {
    const data = await part.toBuffer();
    // The plugin may miss the limit when it falls on the last chunk: a truncated file is too large too.
    if (part.file.truncated || data.length > opts.maxBytes) throw Object.assign(new Error("too large"), { code: "FST_REQ_FILE_TOO_LARGE" });
    return { data, fileName: part.filename || "файл" };
  } catch (error) {
    throw translate(error, opts);
  }
}

function translate(error: unknown, opts: { maxBytes: number; tooBig?: string }): unknown {
  const code = (error as { code?: string }).code;
  if (code === "FST_REQ_FILE_TOO_LARGE") return new AppError("too_large", opts.tooBig ?? tooLargeMessage(opts.maxBytes));
  if (code === "FST_FILES_LIMIT" || code === "FST_PARTS_LIMIT" || code === "FST_FIELDS_LIMIT") {
    return new AppError("bad_request", "Отправьте один файл в поле «file»");
  }
  if (code === "FST_INVALID_MULTIPART_CONTENT_TYPE") {
    return new AppError("unsupported_media_type", "Файл отправляется как multipart/form-data в поле «file»");
  }
  // busboy's own complaints about a malformed body ("Unexpected end of form", a missing boundary).
  if (error instanceof Error && !(error instanceof AppError) && !("statusCode" in error)) {
    return new AppError("bad_request", "Файл передан не полностью или в неверном формате: отправьте его ещё раз");
  }
  return error;
}
