import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, toQuery } from "../../../api/client.js";
import type { Items } from "../../../api/types.js";
import type { OrgKind, PdStatus } from "../../../../../shared/domain.js";
import type { CompletionInput, ExemptionInput, ProgrammeInput, ProviderInput, RequestItemInput } from "../../../../../shared/schemas.js";
import { uploadScan } from "../scan.js";
import type {
  Completion,
  CoursePlan,
  CourseRequest,
  CourseRequestListItem,
  Exemption,
  ManagementTraining,
  PdCard,
  PdReminders,
  PdReport,
  PdSettings,
  PdStatusList,
  Programme,
  Provider,
  ProviderListItem,
  RetrainingNeeds,
} from "../types.js";

/** Every professional-development answer lives under ["pd", …]; every change refreshes them all. */
function useInvalidatePd() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: ["pd"] });
    void queryClient.invalidateQueries({ queryKey: ["audit"] });
  };
}

// Providers and programmes.

export function useProviders(period: { from?: string; to?: string } = {}) {
  return useQuery({
    queryKey: ["pd", "providers", period.from ?? "", period.to ?? ""],
    queryFn: () => api.get<Items<ProviderListItem>>(`/pd/providers${toQuery(period)}`),
    select: (d) => d.items,
    placeholderData: keepPreviousData,
  });
}

export function useProgrammes(filter: { providerId?: number } = {}, enabled = true) {
  return useQuery({
    queryKey: ["pd", "programmes", filter.providerId ?? 0],
    queryFn: () => api.get<Items<Programme>>(`/pd/programmes${toQuery({ providerId: filter.providerId })}`),
    select: (d) => d.items,
    staleTime: 60_000,
    enabled,
  });
}

export function useSaveProvider() {
  const invalidate = useInvalidatePd();
  return useMutation({
    mutationFn: ({ id, input }: { id?: number; input: ProviderInput }) =>
      id ? api.put<Provider>(`/pd/providers/${id}`, input) : api.post<Provider>("/pd/providers", input),
    onSuccess: invalidate,
  });
}

export function useSaveProgramme() {
  const invalidate = useInvalidatePd();
  return useMutation({
    mutationFn: ({ id, input }: { id?: number; input: ProgrammeInput }) =>
      id ? api.put<Programme>(`/pd/programmes/${id}`, input) : api.post<Programme>("/pd/programmes", input),
    onSuccess: invalidate,
  });
}

// A person's courses and exemptions.

export function usePdCard(personId: number) {
  return useQuery({
    queryKey: ["pd", "card", personId],
    queryFn: () => api.get<PdCard>(`/pd/staff/${personId}`),
  });
}

export type CompletionSave = { id?: number; input: CompletionInput; scan?: File | null };

/**
 * Saves a course and then uploads the scan. A failed upload leaves the saved course and reports
 * `scanError`, so the form can say what happened.
 */
export function useSaveCompletion(personId: number) {
  const invalidate = useInvalidatePd();
  return useMutation({
    mutationFn: async ({ id, input, scan }: CompletionSave) => {
      const saved = id ? await api.put<Completion>(`/pd/completions/${id}`, input) : await api.post<Completion>(`/pd/staff/${personId}/completions`, input);
      let scanError: unknown = null;
      if (scan) {
        try {
          await uploadScan(saved.id, scan);
        } catch (e) {
          scanError = e;
        }
      }
      return { saved, scanError };
    },
    onSettled: invalidate,
  });
}

export function useDeleteCompletion() {
  const invalidate = useInvalidatePd();
  return useMutation({
    mutationFn: (id: number) => api.delete<{ ok: boolean }>(`/pd/completions/${id}`),
    onSuccess: invalidate,
  });
}

export function useAddGroupCompletion() {
  const invalidate = useInvalidatePd();
  return useMutation({
    mutationFn: ({ personIds, completion }: { personIds: number[]; completion: CompletionInput }) =>
      api.post<{ created: number }>("/pd/completions/bulk", { personIds, completion }),
    onSuccess: invalidate,
  });
}

export function useSaveExemption(personId: number) {
  const invalidate = useInvalidatePd();
  return useMutation({
    mutationFn: ({ id, input }: { id?: number; input: ExemptionInput }) =>
      id ? api.put<Exemption>(`/staff/exemptions/${id}`, input) : api.post<Exemption>(`/staff/${personId}/exemptions`, input),
    onSuccess: invalidate,
  });
}

export function useDeleteExemption() {
  const invalidate = useInvalidatePd();
  return useMutation({
    mutationFn: (id: number) => api.delete<{ ok: boolean }>(`/staff/exemptions/${id}`),
    onSuccess: invalidate,
  });
}

// Lists to work from.

export function usePdStatus(filter: { asOf?: string; organizationId?: string; status?: PdStatus | "" }) {
  const query = toQuery({ asOf: filter.asOf, organizationId: filter.organizationId, status: filter.status });
  return useQuery({
    queryKey: ["pd", "status", query],
    queryFn: () => api.get<PdStatusList>(`/pd/status${query}`),
    placeholderData: keepPreviousData,
  });
}

export function usePdReminders(months: number) {
  return useQuery({
    queryKey: ["pd", "reminders", months],
    queryFn: () => api.get<PdReminders>(`/pd/reminders${toQuery({ months })}`),
    placeholderData: keepPreviousData,
  });
}

export function useRetrainingNeeds(asOf?: string) {
  return useQuery({
    queryKey: ["pd", "retraining", asOf ?? ""],
    queryFn: () => api.get<RetrainingNeeds>(`/pd/retraining-needs${toQuery({ asOf })}`),
    placeholderData: keepPreviousData,
  });
}

export function useManagementTraining(period: { from: string; to: string }, enabled: boolean) {
  return useQuery({
    queryKey: ["pd", "management", period.from, period.to],
    queryFn: () => api.get<ManagementTraining>(`/pd/management${toQuery(period)}`),
    placeholderData: keepPreviousData,
    enabled,
  });
}

// The plan and the requests.

export function useCoursePlan(academicYear: number) {
  return useQuery({
    queryKey: ["pd", "plan", academicYear],
    queryFn: () => api.get<CoursePlan>(`/pd/plan${toQuery({ academicYear })}`),
    placeholderData: keepPreviousData,
  });
}

export function useCourseRequests(academicYear: number) {
  return useQuery({
    queryKey: ["pd", "requests", academicYear],
    queryFn: () => api.get<Items<CourseRequestListItem>>(`/pd/requests${toQuery({ academicYear })}`),
    select: (d) => d.items,
    placeholderData: keepPreviousData,
  });
}

export const planXlsxUrl = (academicYear: number) => `/api/pd/plan.xlsx${toQuery({ academicYear })}`;

/** Saves an organisation's request; with `submit`, sends it to the municipality right after. */
export function useSaveRequest() {
  const invalidate = useInvalidatePd();
  return useMutation({
    mutationFn: async ({ organizationId, academicYear, items, submit }: { organizationId: number; academicYear: number; items: RequestItemInput[]; submit: boolean }) => {
      const saved = await api.put<CourseRequest>(`/pd/requests/${organizationId}/${academicYear}`, { items });
      return submit ? api.post<CourseRequest>(`/pd/requests/${saved.id}/submit`) : saved;
    },
    onSettled: invalidate,
  });
}

export function useDecideRequest() {
  const invalidate = useInvalidatePd();
  return useMutation({
    mutationFn: ({ id, decision, comment }: { id: number; decision: "approve" | "return"; comment: string | null }) =>
      api.post<CourseRequest>(`/pd/requests/${id}/decision`, { decision, comment }),
    onSuccess: invalidate,
  });
}

// The rule's settings and the report.

export function usePdSettings() {
  return useQuery({ queryKey: ["pd", "settings"], queryFn: () => api.get<PdSettings>("/pd/settings") });
}

export function useSavePdSettings() {
  const invalidate = useInvalidatePd();
  return useMutation({ mutationFn: (input: PdSettings) => api.put<PdSettings>("/pd/settings", input), onSuccess: invalidate });
}

export type ReportParams = { from: string; to: string; asOf?: string; orgKind?: OrgKind | "" };

export function usePdReport(params: ReportParams, enabled: boolean) {
  const query = toQuery(params);
  return useQuery({
    queryKey: ["pd", "report", query],
    queryFn: () => api.get<PdReport>(`/pd/report${query}`),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export const reportUrl = (params: ReportParams, format: "xlsx" | "docx") => `/api/pd/report${toQuery({ ...params, format })}`;
