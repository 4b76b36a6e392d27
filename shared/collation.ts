// The one order of names people expect in every list, plan and document: numbers compared as
// numbers («СОШ № 5» before «СОШ № 12» before «СОШ № 40»), case and ё ignored, spaces and
// punctuation ignored («№5» = «№ 5», quotes around a name do not move it). The databases sort
// text by code points or by their own locale, so lists of names are ordered here, after the query.

const collator = new Intl.Collator("ru", { numeric: true, sensitivity: "base", ignorePunctuation: true });
/** Tells apart what the first one takes as equal: е before ё, lower case before upper case. */
const tieBreaker = new Intl.Collator("ru", { numeric: true, sensitivity: "variant" });

/**
 * Compares two names naturally. Names that read the same (differ only by case, ё, spaces or
 * punctuation) are then told apart by the letters and finally by their exact text, so a sort
 * never depends on the input order.
 */
export function compareNames(a: string | null | undefined, b: string | null | undefined): number {
  const x = a ?? "";
  const y = b ?? "";
  return collator.compare(x, y) || tieBreaker.compare(x, y) || (x < y ? -1 : x > y ? 1 : 0);
}

/** A comparator of items by a name: `rows.sort(byName((r) => r.organization))`. */
export const byName =
  <T>(name: (item: T) => string | null | undefined) =>
  (a: T, b: T) =>
    compareNames(name(a), name(b));

/**
 * A copy of the items sorted by a name. The sort is stable, so items of the same name keep the
 * order they came in (e.g. people by surname within an organisation, as the query gave them).
 */
export const sortByName = <T>(items: readonly T[], name: (item: T) => string | null | undefined): T[] => [...items].sort(byName(name));

/**
 * Organisations in the order of the registry: by kind (as the list always grouped them), then
 * by short name naturally.
 */
export const compareOrganizations = (a: { kind: string; shortName: string }, b: { kind: string; shortName: string }) =>
  (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0) || compareNames(a.shortName, b.shortName);
