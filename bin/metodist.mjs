#!/usr/bin/env node
// The `metodist` command: runs the compiled CLI, compiling it first when its sources changed.
import path from "node:path";
import { ensureServerBuild } from "../scripts/build.mjs";

await import(path.join(await ensureServerBuild(), "cli.mjs"));
