// Certificate scans: sent as multipart/form-data (PDF or JPEG), read back through a plain link (a download).
import { api } from "../../api/client.js";

export const SCAN_MAX_BYTES = 10 * 1024 * 1024;
export const SCAN_ACCEPT = "application/pdf,image/jpeg,.pdf,.jpg,.jpeg";

export const scanUrl = (completionId: number) => `/api/pd/completions/${completionId}/scan`;

/** A reason to refuse a file before sending it, or null. The server checks the bytes again. */
export function scanProblem(file: File): string | null {
  if (file.size === 0) return "Файл пустой";
  if (file.size > SCAN_MAX_BYTES) return "Скан больше 10 МБ: уменьшите разрешение или сожмите PDF";
  const byType = file.type === "application/pdf" || file.type === "image/jpeg";
  const byName = /\.(pdf|jpe?g)$/i.test(file.name);
  if (!byType && !byName) return `Файл «${file.name}» не PDF и не JPEG: загрузите скан удостоверения в одном из этих форматов`;
  return null;
}

/** PUT /api/pd/completions/:id/scan with the file as multipart/form-data; the server's message in ApiError. */
export function uploadScan(completionId: number, file: File): Promise<{ ok: boolean; mime: string; size: number }> {
  return api.upload<{ ok: boolean; mime: string; size: number }>(`/pd/completions/${completionId}/scan`, file, "PUT");
}
