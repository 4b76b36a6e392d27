// `npm start`: builds the web app and the server when their sources are newer than the builds,
// then runs the compiled server.
import path from "node:path";
import { ensureServerBuild, ensureWebBuild } from "./build.mjs";

ensureWebBuild();
await import(path.join(await ensureServerBuild(), "main.mjs"));
