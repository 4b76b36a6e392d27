import { MutationCache, QueryClient } from "@tanstack/react-query";
import { ApiError } from "../api/client.js";
import { notifyError } from "../ui/notify.js";

declare module "@tanstack/react-query" {
  interface Register {
    // `silent` mutations show their errors themselves (e.g. the login form).
    mutationMeta: { silent?: boolean };
  }
}

export function createQueryClient() {
  return new QueryClient({
    mutationCache: new MutationCache({
      onError: (error, _vars, _ctx, mutation) => {
        if (mutation.meta?.silent) return;
        if (error instanceof ApiError && error.status === 401) return;
        notifyError(error);
      },
    }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        retry: (count, error) => !(error instanceof ApiError && error.status > 0 && error.status < 500) && count < 2,
      },
    },
  });
}
