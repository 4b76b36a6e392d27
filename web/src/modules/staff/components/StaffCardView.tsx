import { Anchor, Badge, Group, Stack, Text } from "@mantine/core";
import { Link } from "react-router-dom";
import { useCurrentUser } from "../../auth/hooks/useMe.js";
import { canEditStaff, isAdmin } from "../../auth/permissions.js";
import { AuditLog } from "../../audit/components/AuditLog.js";
import { PageHeader } from "../../../ui/PageHeader.js";
import { QueryState } from "../../../ui/QueryState.js";
import { useStaffCard } from "../hooks/useStaff.js";
import { CategorySection } from "./CategorySection.js";
import { EducationSection } from "./EducationSection.js";
import { EmploymentsSection } from "./EmploymentsSection.js";
import { PersonSection } from "./PersonSection.js";
import { StaffFacts } from "./StaffFacts.js";
import { StatusesSection } from "./StatusesSection.js";
import { PdSection } from "../../pd/components/PdSection.js";

/** The card of a staff member with all its sections; editable for the admin and coordinators. */
export function StaffCardView({ personId }: { personId: number }) {
  const me = useCurrentUser();
  const card = useStaffCard(personId);
  const editable = canEditStaff(me);
  return (
    <QueryState query={card}>
      {(c) => (
        <Stack gap="md">
          {canEditStaff(me) ? (
            <Anchor component={Link} to="/staff" size="sm">
              ← К списку педагогов
            </Anchor>
          ) : null}
          <PageHeader
            title={
              <Group gap="sm">
                <span data-testid="staff-name">{c.fullName}</span>
                {c.young ? (
                  <Badge color="green" variant="light">
                    молодой педагог
                  </Badge>
                ) : null}
              </Group>
            }
            description={
              c.employments.filter((e) => e.active).length > 0 ? (
                <Text span size="sm">
                  {c.employments
                    .filter((e) => e.active)
                    .map((e) => `${e.positionName}, ${e.organizationName}${e.isMain ? "" : " (совм.)"}`)
                    .join("; ")}
                </Text>
              ) : (
                "Нет действующих мест работы"
              )
            }
          />
          <StaffFacts card={c} />
          <PersonSection card={c} editable={editable} />
          <EmploymentsSection card={c} me={me} editable={editable} />
          <EducationSection card={c} editable={editable} />
          <CategorySection card={c} editable={editable} />
          <StatusesSection card={c} editable={editable} />
          <PdSection personId={c.id} editable={editable} />
          {isAdmin(me) ? <AuditLog subjectType="person" subjectId={c.id} /> : null}
        </Stack>
      )}
    </QueryState>
  );
}
