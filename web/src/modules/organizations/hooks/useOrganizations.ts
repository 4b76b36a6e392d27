import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, toQuery } from "../../../api/client.js";
import type { Items, Organization, OrganizationAlias, OrganizationCard, OrganizationListItem, OrganizationStatus } from "../../../api/types.js";
import type { OrgKind } from "../../../../../shared/domain.js";
import type { OrganizationInput, OrganizationStatusInput } from "../../../../../shared/schemas.js";
import { compareOrganizations } from "../../../../../shared/collation.js";

export type OrganizationFilter = { kind?: OrgKind | ""; q?: string; includeArchived?: boolean };

export function useOrganizations(filter: OrganizationFilter = {}, enabled = true) {
  return useQuery({
    queryKey: ["organizations", "list", filter],
    queryFn: () =>
      api.get<Items<OrganizationListItem>>(
        `/organizations${toQuery({ kind: filter.kind, q: filter.q, includeArchived: filter.includeArchived ? "true" : undefined })}`,
      ),
    select: (d) => d.items,
    placeholderData: (prev) => prev,
    enabled,
  });
}

/** All organisations including archived ones, for names and select options. */
export function useAllOrganizations(enabled = true) {
  return useOrganizations({ includeArchived: true }, enabled);
}

/** Options of an organisation picker, in the order of the registry (kind, then name naturally). */
export function organizationOptions(items: OrganizationListItem[] | undefined, keep: (number | string | null | undefined)[] = []) {
  const kept = new Set(keep.map(String));
  return (items ?? [])
    .filter((o) => !o.archivedAt || kept.has(String(o.id)))
    .sort(compareOrganizations)
    .map((o) => ({ value: String(o.id), label: o.archivedAt ? `${o.shortName} (архив)` : o.shortName }));
}

export function useOrganization(id: number) {
  return useQuery({
    queryKey: ["organizations", "card", id],
    queryFn: () => api.get<OrganizationCard>(`/organizations/${id}`),
  });
}

function useInvalidateOrganizations() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: ["organizations"] });
    void queryClient.invalidateQueries({ queryKey: ["audit"] });
  };
}

export function useSaveOrganization() {
  const invalidate = useInvalidateOrganizations();
  return useMutation({
    mutationFn: ({ id, input }: { id?: number; input: OrganizationInput }) =>
      id ? api.put<Organization>(`/organizations/${id}`, input) : api.post<Organization>("/organizations", input),
    onSuccess: invalidate,
  });
}

export function useArchiveOrganization() {
  const invalidate = useInvalidateOrganizations();
  return useMutation({
    mutationFn: ({ id, archived }: { id: number; archived: boolean }) =>
      api.post<Organization>(`/organizations/${id}/${archived ? "archive" : "restore"}`),
    onSuccess: invalidate,
  });
}

export function useSaveOrganizationStatus(organizationId: number) {
  const invalidate = useInvalidateOrganizations();
  return useMutation({
    mutationFn: ({ id, input }: { id?: number; input: OrganizationStatusInput }) =>
      id
        ? api.put<OrganizationStatus>(`/organizations/statuses/${id}`, input)
        : api.post<OrganizationStatus>(`/organizations/${organizationId}/statuses`, input),
    onSuccess: invalidate,
  });
}

export function useDeleteOrganizationStatus() {
  const invalidate = useInvalidateOrganizations();
  return useMutation({
    mutationFn: (id: number) => api.delete<{ ok: boolean }>(`/organizations/statuses/${id}`),
    onSuccess: invalidate,
  });
}

/** Other names of an organisation, by which import files may call it. */
export function useAddOrganizationAlias(organizationId: number) {
  const invalidate = useInvalidateOrganizations();
  return useMutation({
    mutationFn: (alias: string) => api.post<OrganizationAlias>(`/organizations/${organizationId}/aliases`, { alias }),
    meta: { silent: true },
    onSuccess: invalidate,
  });
}

export function useDeleteOrganizationAlias() {
  const invalidate = useInvalidateOrganizations();
  return useMutation({
    mutationFn: (aliasId: number) => api.delete<{ ok: boolean }>(`/organizations/aliases/${aliasId}`),
    onSuccess: invalidate,
  });
}
