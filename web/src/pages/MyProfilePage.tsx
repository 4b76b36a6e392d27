import { Alert } from "@mantine/core";
import { useCurrentUser } from "../modules/auth/hooks/useMe.js";
import { StaffCardView } from "../modules/staff/components/StaffCardView.js";

/** A teacher's or an association leader's own card. */
export function MyProfilePage() {
  const me = useCurrentUser();
  if (me.personId === null) {
    return (
      <Alert color="yellow" title="Профиль не найден">
        Учётная запись не связана с карточкой педагога. Обратитесь к администратору.
      </Alert>
    );
  }
  return <StaffCardView personId={me.personId} />;
}
