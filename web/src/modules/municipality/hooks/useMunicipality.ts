import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../api/client.js";
import type { Me, Municipality } from "../../../api/types.js";
import type { MunicipalityUpdateInput, SetupInput } from "../../../../../shared/schemas.js";
import { ME_KEY } from "../../auth/hooks/useMe.js";

export const SETUP_KEY = ["setup"] as const;

/** Whether the installation is empty and waits for its first-run set-up. */
export function useSetupStatus(enabled = true) {
  return useQuery({
    queryKey: SETUP_KEY,
    queryFn: () => api.get<{ needed: boolean }>("/setup"),
    staleTime: 60_000,
    retry: false,
    enabled,
  });
}

/** Creates the municipality and its admin; the server signs the admin in. */
export function useSetup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: SetupInput) => api.post<{ user: Me }>("/setup", input),
    meta: { silent: true },
    onSuccess: ({ user }) => {
      queryClient.clear();
      queryClient.setQueryData(SETUP_KEY, { needed: false });
      queryClient.setQueryData(ME_KEY, user);
    },
  });
}

const MUNICIPALITY_KEY = ["municipality"] as const;

export function useMunicipality() {
  return useQuery({ queryKey: MUNICIPALITY_KEY, queryFn: () => api.get<Municipality>("/municipality") });
}

export function useSaveMunicipality() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: MunicipalityUpdateInput) => api.put<Municipality>("/municipality", input),
    onSuccess: (m) => {
      queryClient.setQueryData(MUNICIPALITY_KEY, m);
      // The header shows the municipality's name.
      return queryClient.invalidateQueries({ queryKey: ME_KEY });
    },
  });
}
