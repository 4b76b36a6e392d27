import { Badge, Select, SimpleGrid, Table, TextInput } from "@mantine/core";
import { useState } from "react";
import { LEVEL_LABELS, ORG_STATUS_LABELS } from "../../../../../shared/domain.js";
import { OrganizationStatusInput } from "../../../../../shared/schemas.js";
import type { OrganizationCard, OrganizationStatus } from "../../../api/types.js";
import { DateField } from "../../../ui/DateField.js";
import { FormModal } from "../../../ui/FormModal.js";
import { formatPeriod, orDash, todayIso } from "../../../ui/format.js";
import { str, useZodForm } from "../../../ui/forms.js";
import { notifySuccess } from "../../../ui/notify.js";
import { optionsOf } from "../../../ui/options.js";
import { RecordTable } from "../../../ui/RecordTable.js";
import { DeleteConfirm, RecordActions } from "../../../ui/RecordActions.js";
import { EmptyText, Section } from "../../../ui/Section.js";
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
      addLabel="Добавить статус"
      onAdd={editable ? () => setDialog({ mode: "edit", status: null }) : undefined}
    >
      {organization.statuses.length === 0 ? (
        <EmptyText>Статусов нет</EmptyText>
      ) : (
        <RecordTable
          records={organization.statuses}
          minWidth={640}
          head={
            <>
              <Table.Th>Статус</Table.Th>
              <Table.Th>Уровень</Table.Th>
              <Table.Th>Период</Table.Th>
              <Table.Th>Примечание</Table.Th>
            </>
          }
          cells={(s) => (
            <>
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
            </>
          )}
          actions={
            editable ? (s) => (
              <RecordActions
                onEdit={() => setDialog({ mode: "edit", status: s })}
                onDelete={() => setDialog({ mode: "delete", status: s })}
              />
            ) : undefined
          }
        />
      )}
      {dialog?.mode === "edit" ? <OrgStatusModal organizationId={organization.id} status={dialog.status} onClose={close} /> : null}
      <DeleteConfirm
        record={dialog?.mode === "delete" ? dialog.status : null}
        title="Удалить статус?"
        message="Удаляйте только ошибочно внесённые статусы: окончание статуса отмечайте датой «Действует по»."
        successMessage="Статус удалён"
        loading={remove.isPending}
        onClose={close}
        onDelete={(status, onSuccess) => remove.mutate(status.id, { onSuccess })}
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
