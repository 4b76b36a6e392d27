// Ids in URLs: one schema for every route's path parameters.
import { z } from "zod";

/** The largest id a record can have: ids are PostgreSQL `integer` identity columns. */
export const MAX_RECORD_ID = 2_147_483_647;

/** An id no record has (identities start at 1), standing for ids beyond `MAX_RECORD_ID`. */
const NO_SUCH_ID = -1;

const message = "Номер записи — целое положительное число";

/**
 * A record id in a URL. Any positive integer is accepted, however long. One beyond the `integer`
 * range names no record: it becomes an id that matches nothing, so the route answers its usual
 * 404 — the same body as for any other missing record — instead of a database range error.
 */
export const recordId = z
  .string()
  .regex(/^0*[1-9]\d*$/, { error: message })
  .transform((s) => {
    const n = Number(s);
    return n > MAX_RECORD_ID ? NO_SUCH_ID : n;
  });

/** `/:id` of a route. */
export const IdParams = z.object({ id: recordId });
