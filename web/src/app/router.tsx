import { createBrowserRouter, Navigate } from "react-router-dom";
import { AuthenticatedLayout } from "./Layout.js";
import { RequireRole } from "./RequireRole.js";
import { LoginPage } from "../pages/LoginPage.js";
import { SetupPage } from "../pages/SetupPage.js";
import { PasswordChangePage } from "../pages/PasswordChangePage.js";
import { HomeRedirect } from "../pages/HomeRedirect.js";
import { StaffListPage } from "../pages/StaffListPage.js";
import { StaffCardPage } from "../pages/StaffCardPage.js";
import { StaffNewPage } from "../pages/StaffNewPage.js";
import { MyProfilePage } from "../pages/MyProfilePage.js";
import { StartPage } from "../pages/StartPage.js";
import { OrganizationsPage } from "../pages/OrganizationsPage.js";
import { OrganizationPage } from "../pages/OrganizationPage.js";
import { ReferencesPage } from "../pages/ReferencesPage.js";
import { UsersPage } from "../pages/UsersPage.js";
import { CompositionReportPage } from "../pages/CompositionReportPage.js";
import { ImportsPage } from "../pages/ImportsPage.js";
import { PdPage } from "../pages/PdPage.js";
import { NotFoundPage } from "../pages/NotFoundPage.js";

const staffEditors = ["municipal_admin", "org_coordinator"] as const;
const orgReaders = ["municipal_admin", "org_coordinator", "teacher", "association_leader"] as const;

export const router = createBrowserRouter([
  { path: "/login", element: <LoginPage /> },
  { path: "/setup", element: <SetupPage /> },
  { path: "/password", element: <PasswordChangePage /> },
  {
    element: <AuthenticatedLayout />,
    children: [
      { index: true, element: <HomeRedirect /> },
      { path: "staff", element: <RequireRole roles={staffEditors}><StaffListPage /></RequireRole> },
      { path: "staff/new", element: <RequireRole roles={staffEditors}><StaffNewPage /></RequireRole> },
      { path: "staff/:id", element: <RequireRole roles={orgReaders}><StaffCardPage /></RequireRole> },
      { path: "profile", element: <MyProfilePage /> },
      { path: "start", element: <RequireRole roles={["org_coordinator"]}><StartPage /></RequireRole> },
      { path: "organizations", element: <RequireRole roles={orgReaders}><OrganizationsPage /></RequireRole> },
      { path: "organizations/:id", element: <RequireRole roles={orgReaders}><OrganizationPage /></RequireRole> },
      { path: "imports", element: <RequireRole roles={staffEditors}><ImportsPage /></RequireRole> },
      { path: "pd", element: <RequireRole roles={staffEditors}><PdPage /></RequireRole> },
      { path: "references", element: <RequireRole roles={["municipal_admin"]}><ReferencesPage /></RequireRole> },
      { path: "users", element: <RequireRole roles={["municipal_admin"]}><UsersPage /></RequireRole> },
      {
        path: "reports/composition",
        element: <RequireRole roles={["municipal_admin", "region_viewer"]}><CompositionReportPage /></RequireRole>,
      },
      { path: "reports", element: <Navigate to="/reports/composition" replace /> },
      { path: "*", element: <NotFoundPage /> },
    ],
  },
]);
