import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api, toQuery } from "../../../api/client.js";
import type { CompositionReport } from "../../../api/types.js";

export function useComposition(asOf: string) {
  return useQuery({
    queryKey: ["reports", "staff-composition", asOf],
    queryFn: () => api.get<CompositionReport>(`/reports/staff-composition${toQuery({ asOf })}`),
    placeholderData: keepPreviousData,
  });
}

export const compositionXlsxUrl = (asOf: string) => `/api/reports/staff-composition${toQuery({ asOf, format: "xlsx" })}`;
