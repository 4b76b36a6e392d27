import type { ReactNode } from "react";
import { Alert } from "@mantine/core";
import type { Role } from "../../../shared/domain.js";
import { useCurrentUser } from "../modules/auth/hooks/useMe.js";

/** Shows the page only to the roles that have it in their navigation. */
export function RequireRole({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const me = useCurrentUser();
  if (!roles.includes(me.role)) {
    return (
      <Alert color="yellow" title="Нет доступа">
        Этот раздел недоступен для роли «{me.roleLabel}».
      </Alert>
    );
  }
  return <>{children}</>;
}
