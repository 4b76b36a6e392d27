import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, toQuery } from "../../../api/client.js";
import type { Items, ReferenceBulkResult, ReferenceItem, ReferenceKind } from "../../../api/types.js";
import type { ReferenceInput } from "../../../../../shared/schemas.js";

export function useReferences(kind: ReferenceKind, enabled = true) {
  return useQuery({
    queryKey: ["references", kind],
    queryFn: () => api.get<Items<ReferenceItem>>(`/references/${kind}`),
    select: (d) => d.items,
    staleTime: 5 * 60_000,
    enabled,
  });
}

/** Options for a select: active values, plus the archived one already chosen. */
export function referenceOptions(items: ReferenceItem[] | undefined, keep: (string | number | null | undefined)[] = []) {
  const kept = new Set(keep.filter((v) => v !== null && v !== undefined && v !== "").map(String));
  return (items ?? [])
    .filter((i) => !i.archived || kept.has(String(i.id)))
    .map((i) => ({ value: String(i.id), label: i.archived ? `${i.name} (архив)` : i.name }));
}

export function useSaveReference(kind: ReferenceKind) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id?: number; input: ReferenceInput }) =>
      id ? api.put<ReferenceItem>(`/references/${kind}/${id}`, input) : api.post<ReferenceItem>(`/references/${kind}`, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["references", kind] }),
  });
}

/** Adds or removes another spelling of a value. */
export function useAliases(kind: ReferenceKind) {
  const queryClient = useQueryClient();
  const onSuccess = () => queryClient.invalidateQueries({ queryKey: ["references", kind] });
  return {
    add: useMutation({
      mutationFn: ({ id, alias }: { id: number; alias: string }) => api.post<{ id: number; alias: string }>(`/references/${kind}/${id}/aliases`, { alias }),
      meta: { silent: true },
      onSuccess,
    }),
    remove: useMutation({
      mutationFn: ({ id, aliasId }: { id: number; aliasId: number }) => api.delete<{ ok: boolean }>(`/references/${kind}/${id}/aliases/${aliasId}`),
      onSuccess,
    }),
  };
}

/** A pasted list (text) or an uploaded .xlsx: previewed without `apply`, written with it. */
export type BulkSource = { text: string } | { file: File };

export function useBulkReferences(kind: ReferenceKind) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ source, apply }: { source: BulkSource; apply: boolean }) =>
      "text" in source
        ? api.post<ReferenceBulkResult>(`/references/${kind}/bulk`, { text: source.text, apply })
        : api.upload<ReferenceBulkResult>(`/references/${kind}/bulk.xlsx${toQuery({ apply: apply ? 1 : 0 })}`, source.file),
    meta: { silent: true },
    onSuccess: (result) => (result.applied ? queryClient.invalidateQueries({ queryKey: ["references", kind] }) : undefined),
  });
}
