// Errors Fastify and Node answer before any route or error handler runs — a malformed %-escape
// in the path, an over-long path segment, a request line or headers over Node's limit — in the
// app's shape {error:{code,message,details}} with a Russian message, like every other error.
// (Found by the HTTP fuzz test: they came as {"error":"Bad Request","code":"FST_ERR_BAD_URL",…}.)
import http from "node:http";
import type { Socket } from "node:net";
import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";

const FRAMEWORK_MESSAGES: Record<string, { status: number; message: string }> = {
  FST_ERR_BAD_URL: { status: 400, message: "Неверный адрес запроса: в нём недопустимая последовательность символов" },
  FST_ERR_MAX_PARAM_LENGTH: { status: 414, message: "Слишком длинный адрес запроса" },
};

/** Fastify's `frameworkErrors`: bad URLs and over-long path parameters. */
export function frameworkErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const known = FRAMEWORK_MESSAGES[error.code] ?? { status: 400, message: "Неверный запрос" };
  reply.status(known.status).send({ error: { code: "bad_request", message: known.message, details: [] } });
}

/** Fastify's `clientErrorHandler`: what Node's HTTP parser refuses (headers too large, garbage, timeouts). */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  // A reset connection has nobody to answer.
  if (error.code === "ECONNRESET" || socket.destroyed) return;
  const [status, message] =
    error.code === "HPE_HEADER_OVERFLOW"
      ? [431, "Слишком длинный адрес или заголовки запроса"]
      : error.code === "ERR_HTTP_REQUEST_TIMEOUT"
        ? [408, "Запрос не был получен полностью вовремя"]
        : [400, "Неверный HTTP-запрос"];
  const body = JSON.stringify({ error: { code: "bad_request", message, details: [] } });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
