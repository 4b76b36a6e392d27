// Form state validated with the shared zod schemas; server errors land on the same fields.
import { useState } from "react";
import type { z } from "zod";
import { ApiError } from "../api/client.js";

/** Error messages by field path, e.g. "person.surname" or "organizationId". */
export type FieldErrors = Record<string, string>;

export function zodFieldErrors(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".") || "_form";
    if (!errors[key]) errors[key] = issue.message;
  }
  return errors;
}

export function serverFieldErrors(error: unknown, prefix = ""): FieldErrors {
  const errors: FieldErrors = {};
  if (!(error instanceof ApiError)) return errors;
  for (const d of error.details) {
    if (!d.field) continue;
    const key = d.field.startsWith(prefix) ? d.field : `${prefix}${d.field}`;
    if (!errors[key]) errors[key] = d.message;
  }
  return errors;
}

/** Errors under a prefix with the prefix cut off: sub("person.") of {"person.name": …} → {name: …}. */
export function subErrors(errors: FieldErrors, prefix: string): FieldErrors {
  const out: FieldErrors = {};
  for (const [k, v] of Object.entries(errors)) if (k.startsWith(prefix)) out[k.slice(prefix.length)] = v;
  return out;
}

/**
 * Values of a form, its field errors and a validate() that parses the values with a shared
 * schema: returns the parsed input or null after showing the errors next to the fields.
 */
export function useZodForm<V extends object, S extends z.ZodType>(schema: S, initial: V, toInput: (v: V) => unknown) {
  const [values, setValues] = useState<V>(initial);
  const [errors, setErrors] = useState<FieldErrors>({});

  const clearErrors = (keys: string[]) =>
    setErrors((e) => {
      if (!keys.some((k) => e[k])) return e;
      const next = { ...e };
      for (const k of keys) delete next[k];
      return next;
    });

  /** Changes some fields of a flat form. */
  const patch = (p: Partial<V>) => {
    setValues((v) => ({ ...v, ...p }));
    clearErrors(Object.keys(p));
  };
  const set = <K extends keyof V>(key: K, value: V[K]) => {
    const p: Partial<V> = {};
    p[key] = value;
    patch(p);
  };

  /** Changes some fields of a nested group, e.g. patchGroup("person", { surname }). */
  const patchGroup = <G extends keyof V>(group: G, p: Partial<V[G]>) => {
    setValues((v) => ({ ...v, [group]: { ...v[group], ...p } }));
    clearErrors(Object.keys(p).map((k) => `${String(group)}.${k}`));
  };

  const validate = (): z.output<S> | null => {
    const result = schema.safeParse(toInput(values));
    if (!result.success) {
      setErrors(zodFieldErrors(result.error));
      return null;
    }
    setErrors({});
    return result.data;
  };

  const applyServerError = (error: unknown) => setErrors(serverFieldErrors(error));

  const reset = (next: V) => {
    setValues(next);
    setErrors({});
  };

  return { values, setValues, set, patch, patchGroup, errors, setErrors, validate, applyServerError, reset };
}

/** '' for null, for controlled text inputs. */
export const str = (v: string | number | null | undefined) => (v === null || v === undefined ? "" : String(v));

/** Props of a group of fields that edits part of a form. */
export type FieldGroupProps<V> = { values: V; onChange: (patch: Partial<V>) => void; errors: FieldErrors };
