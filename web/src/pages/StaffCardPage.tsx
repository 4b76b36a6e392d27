import { useParams } from "react-router-dom";
import { StaffCardView } from "../modules/staff/components/StaffCardView.js";
import { NotFoundPage } from "./NotFoundPage.js";

export function StaffCardPage() {
  const id = Number(useParams().id);
  if (!Number.isInteger(id) || id <= 0) return <NotFoundPage />;
  return <StaffCardView key={id} personId={id} />;
}
