import { Navigate } from "react-router-dom";
import { useCurrentUser } from "../modules/auth/hooks/useMe.js";
import { homePath } from "../modules/auth/permissions.js";

export function HomeRedirect() {
  return <Navigate to={homePath(useCurrentUser())} replace />;
}
