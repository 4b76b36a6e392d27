// The local control channel of a process that holds an embedded data folder: a Unix socket
// `metodist.sock` in the folder, mode 0600 (only the folder's OS user may connect). The embedded
// database serves one process, so `metodist backup` asks that process for a snapshot instead of
// opening the folder itself. One command: "snapshot" (see snapshot.ts). Newline-delimited JSON.
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import { removeStaleSnapshots, snapshotDataDir, type SnapshotMeta } from "./snapshot.js";

export const CONTROL_SOCKET = "metodist.sock";
// sun_path holds 108 bytes on Linux, the terminating zero included.
const MAX_SOCKET_PATH = 107;

export const controlSocketPath = (dataDir: string) => path.join(dataDir, CONTROL_SOCKET);

export type ControlChannel = { close(): Promise<void> };

/** Serves the control channel of `dataDir` (whose lock this process holds) until closed. */
export async function serveControl(dataDir: string, client: PGlite): Promise<ControlChannel> {
  const socketPath = controlSocketPath(dataDir);
  if (Buffer.byteLength(socketPath) > MAX_SOCKET_PATH) {
    console.warn(`Путь ${socketPath} длиннее ${MAX_SOCKET_PATH} байт: резервное копирование при работающем сервере недоступно (сократите DATA_DIR).`);
    return { close: async () => {} };
  }
  // This process holds the folder's lock: a socket file there is a leftover of an ended process.
  fs.rmSync(socketPath, { force: true });
  removeStaleSnapshots(dataDir);
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
    handle(socket, dataDir, client);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    // The socket is created by bind() inside listen(): a umask of 0177 makes it 0600 from the
    // first moment (workers cannot change the umask; the chmod below covers them).
    let previous: number | null = null;
    try {
      previous = process.umask(0o177);
    } catch {
      previous = null;
    }
    try {
      server.listen(socketPath, () => {
        server.off("error", reject);
        resolve();
      });
    } finally {
      if (previous !== null) process.umask(previous);
    }
  });
  fs.chmodSync(socketPath, 0o600);
  // The channel must not keep a process alive that has nothing else to do.
  server.unref();
  return {
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      fs.rmSync(socketPath, { force: true });
    },
  };
}

function handle(socket: net.Socket, dataDir: string, client: PGlite) {
  let snapshotFile: string | null = null;
  let input = "";
  const reply = (message: object) => socket.write(`${JSON.stringify(message)}\n`);
  socket.setEncoding("utf8");
  socket.on("error", () => undefined);
  // The snapshot lives until its reader hangs up, however the connection ends.
  socket.once("close", () => {
    if (snapshotFile) fs.rmSync(snapshotFile, { force: true });
  });
  socket.on("data", async (chunk: string) => {
    input += chunk;
    const newline = input.indexOf("\n");
    if (newline < 0) {
      if (input.length > 10_000) socket.destroy();
      return;
    }
    const line = input.slice(0, newline);
    input = input.slice(newline + 1);
    let command: unknown;
    try {
      command = (JSON.parse(line) as { command?: unknown }).command;
    } catch {
      command = null;
    }
    if (command === "snapshot" && !snapshotFile) {
      try {
        const { file, meta, heldMs } = await snapshotDataDir(client, dataDir);
        if (socket.destroyed) fs.rmSync(file, { force: true });
        else {
          snapshotFile = file;
          reply({ ok: true, file, meta, heldMs, pid: process.pid });
        }
      } catch (err) {
        reply({ ok: false, message: `Не удалось сделать снимок базы: ${err instanceof Error ? err.message : String(err)}` });
      }
    } else if (command === "ping") {
      reply({ ok: true, pid: process.pid });
    } else {
      reply({ ok: false, message: "Неизвестная команда" });
    }
  });
}

export class ControlUnavailable extends Error {}

/**
 * Asks the process that holds `dataDir` for a snapshot. Resolves with the snapshot's tar file and
 * `release()`, which hangs up (the server then removes the file).
 */
export async function requestSnapshot(
  dataDir: string,
  timeoutMs = 10 * 60_000,
): Promise<{ file: string; meta: SnapshotMeta; heldMs: number; pid: number; release(): void }> {
  const socketPath = controlSocketPath(dataDir);
  // A server that is starting holds the lock before its channel listens: wait a little for it.
  let socket: net.Socket | null = null;
  let lastError: unknown = null;
  for (let attempt = 0; attempt < 20 && !socket; attempt++) {
    try {
      socket = await new Promise<net.Socket>((resolve, reject) => {
        const s = net.connect(socketPath);
        s.once("connect", () => {
          s.off("error", reject);
          resolve(s);
        });
        s.once("error", reject);
      });
    } catch (err) {
      lastError = err;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  if (!socket) throw new ControlUnavailable(`${socketPath}: ${(lastError as Error)?.message ?? "нет ответа"}`);
  const s = socket;
  s.setEncoding("utf8");
  s.write(`${JSON.stringify({ command: "snapshot" })}\n`);
  const answer = await new Promise<string>((resolve, reject) => {
    let input = "";
    const timer = setTimeout(() => reject(new Error(`нет ответа за ${Math.round(timeoutMs / 1000)} с`)), timeoutMs);
    s.on("data", (chunk: string) => {
      input += chunk;
      const newline = input.indexOf("\n");
      if (newline >= 0) {
        clearTimeout(timer);
        resolve(input.slice(0, newline));
      }
    });
    s.once("error", (err) => {
      clearTimeout(timer);
      reject(err);
    });
    s.once("close", () => {
      clearTimeout(timer);
      reject(new Error("соединение закрыто без ответа"));
    });
  }).catch((err: Error) => {
    s.destroy();
    throw new ControlUnavailable(`${socketPath}: ${err.message}`);
  });
  const parsed = JSON.parse(answer) as { ok: boolean; message?: string; file?: string; meta?: SnapshotMeta; heldMs?: number; pid?: number };
  if (!parsed.ok || !parsed.file || !parsed.meta) {
    s.destroy();
    throw new Error(parsed.message ?? "Сервер не сделал снимок базы");
  }
  return { file: parsed.file, meta: parsed.meta, heldMs: parsed.heldMs ?? 0, pid: parsed.pid ?? 0, release: () => s.destroy() };
}
