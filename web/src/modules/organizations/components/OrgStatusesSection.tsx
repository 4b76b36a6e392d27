import { Badge, Button, Group, Select, SimpleGrid, Table, Text, TextInput } from "@mantine/core";
import { useState } from "react";
import { LEVEL_LABELS, ORG_STATUS_LABELS } from "../../../../../shared/domain.js";
import { OrganizationStatusInput } from "../../../../../shared/schemas.js";
import type { OrganizationCard, OrganizationStatus } from "../../../api/types.js";
import { ConfirmModal } from "../../../ui/confirm.js";
import { DateField } from "../../../ui/DateField.js";
import { FormModal } from "../../../ui/FormModal.js";
import { formatPeriod, orDash, todayIso } from "../../../ui/format.js";
import { str, useZodForm } from "../../../ui/forms.js";
import { notifySuccess } from "../../../ui/notify.js";
import { optionsOf } from "../../../ui/options.js";
import { Section } from "../../../ui/Section.js";
import { useDeleteOrganizationStatus, useSaveOrganizationStatus } from "../hooks/useOrganizations.js";

type Dialog = { mode: "edit"; status: OrganizationStatus | null } | { mode: "delete"; status: OrganizationStatus } | null;

const isCurrent = (s: OrganizationStatus, today: string) => s.validFrom <= today && (!s.validTo || s.validTo >= today);

/** Periods in which an organisation is an innovation or internship site, ШНОР, etc. */
export function OrgStatusesSection({ organization, editable }: { organization: OrganizationCard; editable: boolean }) {
  const [dialog, setDialog] = useState<Dialog>(null);
  const remove = useDeleteOrganizationStatus();
  const close = () => setDialog(null);
  const today = todayIso();
  return (
    <Section
      title="Статусы организации"
      actions={
        editable ? (
          <Button size="xs" variant="light" onClick={() => setDialog({ mode: "edit", status: null })}>
            Добавить статус
          </Button>
        ) : null
      }
    >
      {organization.statuses.length === 0 ? (
        <Text c="dimmed" size="sm">
          Статусов нет
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Статус</Table.Th>
                <Table.Th>Уровень</Table.Th>
                <Table.Th>Период</Table.Th>
                <Table.Th>Примечание</Table.Th>
                {editable ? <Table.Th /> : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {organization.statuses.map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Td>
                    {ORG_STATUS_LABELS[s.kind]}{" "}
                    {isCurrent(s, today) ? (
                      <Badge size="xs" color="teal" variant="light">
                        действует
                      </Badge>
                    ) : null}
                  </Table.Td>
                  <Table.Td>{s.level ? LEVEL_LABELS[s.level] : "—"}</Table.Td>
                  <Table.Td>{formatPeriod(s.validFrom, s.validTo)}</Table.Td>
                  <Table.Td>{orDash(s.note)}</Table.Td>
                  {editable ? (
                    <Table.Td>
                      <Group gap={4} justify="flex-end" wrap="nowrap">
                        <Button size="compact-xs" variant="subtle" onClick={() => setDialog({ mode: "edit", status: s })}>
                          Изменить
                        </Button>
                        <Button size="compact-xs" variant="subtle" color="red" onClick={() => setDialog({ mode: "delete", status: s })}>
                          Удалить
                        </Button>
                      </Group>
                    </Table.Td>
                  ) : null}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {dialog?.mode === "edit" ? <OrgStatusModal organizationId={organization.id} status={dialog.status} onClose={close} /> : null}
      <ConfirmModal
        opened={dialog?.mode === "delete"}
        title="Удалить статус?"
        message="Удаляйте только ошибочно внесённые статусы: окончание статуса отмечайте датой «Действует по»."
        confirmLabel="Удалить"
        loading={remove.isPending}
        onClose={close}
        onConfirm={() => dialog?.mode === "delete" && remove.mutate(dialog.status.id, { onSuccess: () => (notifySuccess("Статус удалён"), close()) })}
      />
    </Section>
  );
}

type Values = { kind: string | null; level: string | null; validFrom: string | null; validTo: string | null; note: string };

function OrgStatusModal({ organizationId, status, onClose }: { organizationId: number; status: OrganizationStatus | null; onClose: () => void }) {
  const save = useSaveOrganizationStatus(organizationId);
  const initial: Values = status
    ? { kind: status.kind, level: status.level, validFrom: status.validFrom, validTo: status.validTo, note: str(status.note) }
    : { kind: null, level: null, validFrom: todayIso(), validTo: null, note: "" };
  const form = useZodForm(OrganizationStatusInput, initial, (v) => ({ ...v, kind: v.kind ?? undefined, validFrom: v.validFrom ?? undefined }));
  const { values, errors } = form;
  const submit = () => {
    const input = form.validate();
    if (!input) return;
    save.mutate(
      { id: status?.id, input },
      {
        onSuccess: () => {
          notifySuccess("Статус сохранён");
          onClose();
        },
        onError: form.applyServerError,
      },
    );
  };
  return (
    <FormModal opened title={status ? "Статус организации" : "Новый статус организации"} onClose={onClose} onSubmit={submit} loading={save.isPending}>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <Select label="Статус" withAsterisk data={optionsOf(ORG_STATUS_LABELS)} value={values.kind} error={errors.kind} onChange={(v) => form.set("kind", v)} />
        <Select label="Уровень" data={optionsOf(LEVEL_LABELS)} value={values.level} error={errors.level} clearable onChange={(v) => form.set("level", v)} />
        <DateField label="Действует с" withAsterisk value={values.validFrom} error={errors.validFrom} onChange={(v) => form.set("validFrom", v)} />
        <DateField label="Действует по" value={values.validTo} error={errors.validTo} onChange={(v) => form.set("validTo", v)} />
      </SimpleGrid>
      <TextInput label="Примечание (приказ, тема)" value={values.note} error={errors.note} onChange={(e) => form.set("note", e.currentTarget.value)} />
    </FormModal>
  );
}
