// The column mapping as the user edits it: what is missing and what is chosen twice.
import type { ColumnMapping, ImportDescription } from "../../api/types.js";

export const mappingOf = (d: ImportDescription): ColumnMapping => Object.fromEntries(d.columns.map((c) => [String(c.index), c.field]));

export type MappingCheck = {
  /** Required groups none of whose fields is chosen for a column. */
  missing: ImportDescription["requiredGroups"];
  /** Columns whose field is chosen for another column too. */
  duplicates: Set<number>;
  ok: boolean;
};

export function checkMapping(d: ImportDescription, mapping: ColumnMapping, organizationId: number | null = d.organizationId): MappingCheck {
  const columnsByField = new Map<string, number[]>();
  for (const c of d.columns) {
    const field = mapping[String(c.index)];
    if (field) columnsByField.set(field, [...(columnsByField.get(field) ?? []), c.index]);
  }
  const duplicates = new Set<number>();
  for (const indexes of columnsByField.values()) if (indexes.length > 1) for (const i of indexes) duplicates.add(i);
  // «Организация» is also satisfied by one organisation chosen for the whole file.
  const missing = d.requiredGroups.filter((g) => !g.fields.some((f) => columnsByField.has(f)) && !(g.orFileOrganization && organizationId !== null));
  return { missing, duplicates, ok: missing.length === 0 && duplicates.size === 0 };
}

/** Two mappings choose the same field for every column. */
export const sameMapping = (a: ColumnMapping, b: ColumnMapping) =>
  Object.keys({ ...a, ...b }).every((k) => (a[k] ?? null) === (b[k] ?? null));
