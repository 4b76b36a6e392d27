import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../api/client.js";
import type { Items, ReferenceItem, ReferenceKind } from "../../../api/types.js";
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
