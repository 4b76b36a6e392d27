import { Anchor, Badge, Button, Group, SimpleGrid, Stack } from "@mantine/core";
import { useState } from "react";
import { Link, useParams } from "react-router-dom";
import { ORG_KIND_LABELS } from "../../../shared/domain.js";
import { useCurrentUser } from "../modules/auth/hooks/useMe.js";
import { canEditOrganization, isAdmin } from "../modules/auth/permissions.js";
import { AuditLog } from "../modules/audit/components/AuditLog.js";
import { OrganizationModal } from "../modules/organizations/components/OrganizationModal.js";
import { OrgAliasesSection } from "../modules/organizations/components/OrgAliasesSection.js";
import { OrgStatusesSection } from "../modules/organizations/components/OrgStatusesSection.js";
import { useAllOrganizations, useArchiveOrganization, useOrganization } from "../modules/organizations/hooks/useOrganizations.js";
import { ConfirmModal } from "../ui/confirm.js";
import { Field } from "../ui/Field.js";
import { formatDateTime, formatInt } from "../ui/format.js";
import { notifySuccess } from "../ui/notify.js";
import { PageHeader } from "../ui/PageHeader.js";
import { QueryState } from "../ui/QueryState.js";
import { Section } from "../ui/Section.js";
import { NotFoundPage } from "./NotFoundPage.js";

export function OrganizationPage() {
  const id = Number(useParams().id);
  if (!Number.isInteger(id) || id <= 0) return <NotFoundPage />;
  return <OrganizationView key={id} id={id} />;
}

function OrganizationView({ id }: { id: number }) {
  const me = useCurrentUser();
  const organization = useOrganization(id);
  // The list carries the staff count on today's date.
  const all = useAllOrganizations();
  const staffCount = all.data?.find((o) => o.id === id)?.staffCount;
  const archive = useArchiveOrganization();
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const canSeeStaff = me.role === "municipal_admin" || (me.role === "org_coordinator" && me.organizationId === id);

  return (
    <QueryState query={organization}>
      {(o) => (
        <Stack gap="md">
          <Anchor component={Link} to="/organizations" size="sm">
            ← К списку организаций
          </Anchor>
          <PageHeader
            title={
              <Group gap="sm">
                <span>{o.shortName}</span>
                {o.archivedAt ? <Badge color="gray">в архиве</Badge> : null}
              </Group>
            }
            description={ORG_KIND_LABELS[o.kind]}
            actions={
              <>
                {canSeeStaff ? (
                  <Button component={Link} to={`/staff?organizationId=${o.id}`} variant="default">
                    Педагоги организации{staffCount !== undefined ? ` (${formatInt(staffCount)})` : ""}
                  </Button>
                ) : null}
                {canEditOrganization(me, o.id) ? <Button onClick={() => setEditing(true)}>Изменить</Button> : null}
                {isAdmin(me) ? (
                  <Button variant="light" color={o.archivedAt ? "blue" : "gray"} onClick={() => setConfirming(true)}>
                    {o.archivedAt ? "Вернуть из архива" : "В архив"}
                  </Button>
                ) : null}
              </>
            }
          />
          <Section title="Сведения">
            <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
              <div style={{ gridColumn: "1 / -1" }}>
                <Field label="Полное наименование">{o.fullName}</Field>
              </div>
              <Field label="ИНН">{o.inn}</Field>
              <Field label="ОГРН">{o.ogrn}</Field>
              <Field label="Педагогов на сегодня">{staffCount === undefined ? null : formatInt(staffCount)}</Field>
              <Field label="Адрес">{o.address}</Field>
              <Field label="Руководитель">{o.headName}</Field>
              <Field label="Телефон">{o.phone}</Field>
              <Field label="Электронная почта">{o.email}</Field>
              {o.archivedAt ? <Field label="В архиве с">{formatDateTime(o.archivedAt)}</Field> : null}
            </SimpleGrid>
          </Section>
          <OrgStatusesSection organization={o} editable={isAdmin(me)} />
          {isAdmin(me) ? <OrgAliasesSection organization={o} /> : null}
          {isAdmin(me) ? <AuditLog subjectType="organization" subjectId={o.id} /> : null}
          {editing ? <OrganizationModal organization={o} onClose={() => setEditing(false)} /> : null}
          <ConfirmModal
            opened={confirming}
            title={o.archivedAt ? "Вернуть организацию из архива?" : "Перевести организацию в архив?"}
            message={
              o.archivedAt
                ? "Организация снова появится в списках и отчётах."
                : "Организация пропадёт из списков и отчётов на даты после архивации, но её история и сотрудники сохранятся."
            }
            confirmLabel={o.archivedAt ? "Вернуть" : "В архив"}
            color={o.archivedAt ? "blue" : "red"}
            loading={archive.isPending}
            onClose={() => setConfirming(false)}
            onConfirm={() =>
              archive.mutate(
                { id: o.id, archived: !o.archivedAt },
                {
                  onSuccess: () => {
                    notifySuccess(o.archivedAt ? "Организация возвращена из архива" : "Организация переведена в архив");
                    setConfirming(false);
                  },
                },
              )
            }
          />
        </Stack>
      )}
    </QueryState>
  );
}
