import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../api/client.js";
import type { Items, User } from "../../../api/types.js";
import type { UserInput } from "../../../../../shared/schemas.js";

export function useUsers() {
  return useQuery({
    queryKey: ["users"],
    queryFn: () => api.get<Items<User>>("/users"),
    select: (d) => d.items,
  });
}

export function useSaveUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id?: number; input: UserInput }) => (id ? api.put<User>(`/users/${id}`, input) : api.post<User>("/users", input)),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["users"] }),
  });
}

/** The body of PUT /users/:id that keeps everything of a user as is. */
export const userInputOf = (u: User): UserInput => ({
  login: u.login,
  fullName: u.fullName,
  role: u.role,
  organizationId: u.organizationId,
  personId: u.personId,
  disabled: u.disabled,
});
