// Certificate scans: sent as the raw request body (PDF or JPEG), read back through a plain link.
import { ApiError } from "../../api/client.js";

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

function contentType(file: File): string {
  if (file.type === "application/pdf" || /\.pdf$/i.test(file.name)) return "application/pdf";
  if (file.type === "image/jpeg" || /\.jpe?g$/i.test(file.name)) return "image/jpeg";
  return "application/octet-stream";
}

/** PUT /api/pd/completions/:id/scan with the file as the body; the server's message in ApiError. */
export async function uploadScan(completionId: number, file: File): Promise<{ ok: boolean; mime: string; size: number }> {
  let response: Response;
  try {
    response = await fetch(`${scanUrl(completionId)}?fileName=${encodeURIComponent(file.name.slice(0, 255))}`, {
      method: "PUT",
      credentials: "same-origin",
      headers: { accept: "application/json", "content-type": contentType(file) },
      body: file,
    });
  } catch {
    throw new ApiError(0, "network", "Сервер недоступен. Проверьте подключение и повторите попытку.");
  }
  const text = await response.text();
  let data: unknown = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!response.ok) {
    const error = (data as { error?: { code?: string; message?: string } } | null)?.error;
    throw new ApiError(response.status, error?.code ?? "http_error", error?.message ?? `Ошибка сервера (${response.status})`);
  }
  return data as { ok: boolean; mime: string; size: number };
}
