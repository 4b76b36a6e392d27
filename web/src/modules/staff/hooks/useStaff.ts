import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, toQuery } from "../../../api/client.js";
import type { CategoryRecord, Education, Employment, PersonData, PersonStatus, StaffCard, StaffPage } from "../../../api/types.js";
import type {
  CategoryInput,
  EducationInput,
  EmploymentInput,
  PersonInput,
  PersonStatusInput,
  StaffCreateInput,
} from "../../../../../shared/schemas.js";
import { listQuery, type StaffFilters } from "../filters.js";

export function useStaffList(filters: StaffFilters) {
  const query = listQuery(filters);
  return useQuery({
    queryKey: ["staff", "list", query],
    queryFn: () => api.get<StaffPage>(`/staff${query}`),
    placeholderData: keepPreviousData,
  });
}

/** Staff found by name, for pickers (e.g. binding a user to a teacher's card). */
export function useStaffSearch(q: string) {
  return useQuery({
    queryKey: ["staff", "search", q],
    queryFn: () => api.get<StaffPage>(`/staff${toQuery({ q, pageSize: 20, includeDismissed: "true" })}`),
    enabled: q.trim().length >= 2,
    placeholderData: keepPreviousData,
  });
}

export function useStaffCard(id: number, asOf?: string) {
  return useQuery({
    queryKey: ["staff", "card", id, asOf ?? ""],
    queryFn: () => api.get<StaffCard>(`/staff/${id}${toQuery({ asOf })}`),
    enabled: Number.isInteger(id) && id > 0,
  });
}

export function useCreateStaff() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: StaffCreateInput) => api.post<{ id: number }>("/staff", input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["staff"] }),
  });
}

type ChildPath = "educations" | "categories" | "statuses";
/** An education, category or status record to add (no id) or change. */
export type ChildChange =
  | { path: "educations"; id?: number; input: EducationInput }
  | { path: "categories"; id?: number; input: CategoryInput }
  | { path: "statuses"; id?: number; input: PersonStatusInput };
type ChildRecord = Education | CategoryRecord | PersonStatus;

/** Every change of a staff card; each refreshes the card, the lists and the audit log. */
export function useStaffMutations(personId: number) {
  const queryClient = useQueryClient();
  const onSuccess = () => {
    void queryClient.invalidateQueries({ queryKey: ["staff"] });
    void queryClient.invalidateQueries({ queryKey: ["audit"] });
    void queryClient.invalidateQueries({ queryKey: ["organizations", "list"] });
  };
  const updatePerson = useMutation({
    mutationFn: (input: PersonInput) => api.put<PersonData>(`/staff/${personId}`, input),
    onSuccess,
  });
  const saveEmployment = useMutation({
    mutationFn: ({ id, input }: { id?: number; input: EmploymentInput }) =>
      id ? api.put<Employment>(`/employments/${id}`, input) : api.post<Employment>(`/staff/${personId}/employments`, input),
    onSuccess,
  });
  const dismiss = useMutation({
    mutationFn: ({ id, dismissalDate }: { id: number; dismissalDate: string }) =>
      api.post<Employment>(`/employments/${id}/dismiss`, { dismissalDate }),
    onSuccess,
  });
  const saveChild = useMutation({
    mutationFn: ({ path, id, input }: ChildChange) =>
      id ? api.put<ChildRecord>(`/staff/${path}/${id}`, input) : api.post<ChildRecord>(`/staff/${personId}/${path}`, input),
    onSuccess,
  });
  const deleteChild = useMutation({
    mutationFn: ({ path, id }: { path: ChildPath; id: number }) => api.delete<{ ok: boolean }>(`/staff/${path}/${id}`),
    onSuccess,
  });
  return { updatePerson, saveEmployment, dismiss, saveChild, deleteChild };
}
