// Imported first by main.tsx, before any module that builds a schema: zod decides at schema
// construction whether to generate code with `Function`, and the Content-Security-Policy forbids
// eval (server/security.ts), so the probe alone would be reported as a violation.
import { z } from "zod";

z.config({ jitless: true });
