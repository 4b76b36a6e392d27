import { useQuery } from "@tanstack/react-query";
import { api, toQuery } from "../../../api/client.js";
import type { AuditItem, Items } from "../../../api/types.js";

export function useAudit(subjectType: "person" | "organization", subjectId: number, enabled = true) {
  return useQuery({
    queryKey: ["audit", subjectType, subjectId],
    queryFn: () => api.get<Items<AuditItem>>(`/audit${toQuery({ subjectType, subjectId })}`),
    select: (d) => d.items,
    enabled,
  });
}
