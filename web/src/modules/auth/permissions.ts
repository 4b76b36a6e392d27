// What the web app offers to each role; the server checks the same rules again.
import type { Role } from "../../../../shared/domain.js";
import type { Me } from "../../api/types.js";

export const canEditStaff = (me: Me) => me.role === "municipal_admin" || me.role === "org_coordinator";
export const canSeeStaffList = canEditStaff;
export const canSeeOrganizations = (me: Me) => me.role !== "region_viewer";
export const isAdmin = (me: Me) => me.role === "municipal_admin";
export const canSeeReports = (me: Me) => me.role === "municipal_admin" || me.role === "region_viewer";
export const canEditOrganization = (me: Me, organizationId: number) =>
  me.role === "municipal_admin" || (me.role === "org_coordinator" && me.organizationId === organizationId);

/** Where a user lands after signing in. */
export function homePath(me: Me): string {
  const byRole: Record<Role, string> = {
    municipal_admin: "/staff",
    // The start page shows the coordinator what needs attention (courses due, unconfirmed).
    org_coordinator: "/start",
    teacher: "/profile",
    association_leader: "/profile",
    region_viewer: "/reports/composition",
  };
  return byRole[me.role];
}
