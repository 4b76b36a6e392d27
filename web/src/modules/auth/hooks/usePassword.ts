import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../api/client.js";
import type { Me } from "../../../api/types.js";
import type { PasswordChangeInput } from "../../../../../shared/schemas.js";
import { ME_KEY } from "./useMe.js";

/** Changes the signed-in user's own password (and clears a one-time password's flag). */
export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: PasswordChangeInput) => api.post<{ user: Me }>("/auth/password", input),
    meta: { silent: true },
    onSuccess: ({ user }) => {
      queryClient.clear();
      queryClient.setQueryData(ME_KEY, user);
    },
  });
}
