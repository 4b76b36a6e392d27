#!/usr/bin/env node
// The `metodist` command: runs the TypeScript CLI through tsx's loader.
import path from "node:path";
import { fileURLToPath } from "node:url";

const { register } = await import("tsx/esm/api");
register();
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
await import(path.join(root, "server", "cli", "main.ts"));
