// The staff list's filters live in the URL query string, with the same names as the API's.
import { STAFF_SORTS } from "../../../../shared/schemas.js";
import { toQuery } from "../../api/client.js";

export const FILTER_KEYS = [
  "q",
  "organizationId",
  "orgKind",
  "positionId",
  "subjectId",
  "category",
  "educationLevel",
  "young",
  "status",
  "asOf",
  "includeDismissed",
] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type StaffSort = (typeof STAFF_SORTS)[number];

export type StaffFilters = Record<FilterKey, string> & { sort: StaffSort; page: number; pageSize: number };

export const PAGE_SIZES = ["25", "50", "100"];

export function filtersFromParams(params: URLSearchParams): StaffFilters {
  const filters = Object.fromEntries(FILTER_KEYS.map((k) => [k, params.get(k) ?? ""])) as Record<FilterKey, string>;
  const sort = params.get("sort") ?? "name";
  const page = Number(params.get("page"));
  const pageSize = Number(params.get("pageSize"));
  return {
    ...filters,
    sort: (STAFF_SORTS as readonly string[]).includes(sort) ? (sort as StaffSort) : "name",
    page: Number.isInteger(page) && page > 0 ? page : 1,
    pageSize: PAGE_SIZES.includes(String(pageSize)) ? pageSize : 25,
  };
}

/** The query string of the filters without paging: the one the export shares with the list. */
export function filterQuery(f: StaffFilters): string {
  return toQuery({
    ...Object.fromEntries(FILTER_KEYS.map((k) => [k, f[k]])),
    sort: f.sort === "name" ? undefined : f.sort,
  });
}

export function listQuery(f: StaffFilters): string {
  const base = filterQuery(f);
  const paging = `page=${f.page}&pageSize=${f.pageSize}`;
  return base ? `${base}&${paging}` : `?${paging}`;
}

export const hasActiveFilters = (f: StaffFilters) => FILTER_KEYS.some((k) => k !== "q" && f[k] !== "");
