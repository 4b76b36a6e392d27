import { Anchor, Badge, Group, Table, Text } from "@mantine/core";
import { useState } from "react";
import { Link } from "react-router-dom";
import { DismissInput, EmploymentInput } from "../../../../../shared/schemas.js";
import type { Employment, Me, StaffCard } from "../../../api/types.js";
import { DateField } from "../../../ui/DateField.js";
import { FormModal } from "../../../ui/FormModal.js";
import { formatRuDate, todayIso } from "../../../ui/format.js";
import { useZodForm } from "../../../ui/forms.js";
import { notifySuccess } from "../../../ui/notify.js";
import { RecordTable } from "../../../ui/RecordTable.js";
import { RecordActions, RowAction } from "../../../ui/RecordActions.js";
import { EmptyText, Section } from "../../../ui/Section.js";
import { useStaffMutations } from "../hooks/useStaff.js";
import { EmploymentFields, employmentInputOf, employmentValuesOf, emptyEmployment } from "./EmploymentFields.js";

type Dialog = { mode: "edit"; employment: Employment | null } | { mode: "dismiss"; employment: Employment } | null;

export function EmploymentsSection({ card, me, editable }: { card: StaffCard; me: Me; editable: boolean }) {
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = () => setDialog(null);
  const canTouch = (e: Employment) => editable && (me.role === "municipal_admin" || me.organizationId === e.organizationId);
  return (
    <Section
      title="Места работы"
      addLabel="Добавить место работы"
      onAdd={editable ? () => setDialog({ mode: "edit", employment: null }) : undefined}
    >
      {card.employments.length === 0 ? (
        <EmptyText>Мест работы нет</EmptyText>
      ) : (
        <RecordTable
          records={card.employments}
          minWidth={720}
          rowColor={(e) => (e.active ? undefined : "dimmed")}
          head={
            <>
              <Table.Th>Организация</Table.Th>
              <Table.Th>Должность</Table.Th>
              <Table.Th>Предметы</Table.Th>
              <Table.Th>Принят</Table.Th>
              <Table.Th>Уволен</Table.Th>
            </>
          }
          cells={(e) => (
            <>
              <Table.Td>
                <Group gap={6} wrap="nowrap">
                  <Anchor component={Link} to={`/organizations/${e.organizationId}`} size="sm">
                    {e.organizationName}
                  </Anchor>
                  {!e.isMain ? (
                    <Badge size="xs" variant="outline" color="grape" title="Совместительство">
                      совм.
                    </Badge>
                  ) : null}
                  {!e.active ? (
                    <Badge size="xs" variant="light" color="gray">
                      {e.dismissalDate ? "уволен" : "не начато"}
                    </Badge>
                  ) : null}
                </Group>
              </Table.Td>
              <Table.Td>{e.positionName}</Table.Td>
              <Table.Td>{e.subjects.map((s) => s.name).join(", ") || "—"}</Table.Td>
              <Table.Td className="nowrap">{formatRuDate(e.hireDate) || "—"}</Table.Td>
              <Table.Td className="nowrap">{formatRuDate(e.dismissalDate) || "—"}</Table.Td>
            </>
          )}
          actions={
            editable
              ? (e) =>
                  canTouch(e) ? (
                    <RecordActions onEdit={() => setDialog({ mode: "edit", employment: e })}>
                      {!e.dismissalDate ? (
                        <RowAction danger onClick={() => setDialog({ mode: "dismiss", employment: e })}>
                          Уволить
                        </RowAction>
                      ) : null}
                    </RecordActions>
                  ) : null
              : undefined
          }
        />
      )}
      {dialog?.mode === "edit" ? (
        <EmploymentModal personId={card.id} employment={dialog.employment} me={me} onClose={close} />
      ) : null}
      {dialog?.mode === "dismiss" ? <DismissModal personId={card.id} employment={dialog.employment} onClose={close} /> : null}
    </Section>
  );
}

function EmploymentModal({ personId, employment, me, onClose }: { personId: number; employment: Employment | null; me: Me; onClose: () => void }) {
  const { saveEmployment } = useStaffMutations(personId);
  const coordinator = me.role === "org_coordinator";
  const form = useZodForm(
    EmploymentInput,
    employment ? employmentValuesOf(employment) : { ...emptyEmployment(coordinator ? me.organizationId : null), isMain: false },
    employmentInputOf,
  );
  const submit = () => {
    const input = form.validate();
    if (!input) return;
    saveEmployment.mutate(
      { id: employment?.id, input },
      {
        onSuccess: () => {
          notifySuccess(employment ? "Место работы изменено" : "Место работы добавлено");
          onClose();
        },
        onError: form.applyServerError,
      },
    );
  };
  return (
    <FormModal opened title={employment ? "Место работы" : "Новое место работы"} size="xl" onClose={onClose} onSubmit={submit} loading={saveEmployment.isPending}>
      <EmploymentFields values={form.values} onChange={form.patch} errors={form.errors} fixedOrganization={coordinator} withDismissal={!!employment?.dismissalDate} />
    </FormModal>
  );
}

function DismissModal({ personId, employment, onClose }: { personId: number; employment: Employment; onClose: () => void }) {
  const { dismiss } = useStaffMutations(personId);
  const form = useZodForm(DismissInput, { dismissalDate: todayIso() as string | null }, (v) => ({ dismissalDate: v.dismissalDate ?? undefined }));
  const submit = () => {
    const input = form.validate();
    if (!input) return;
    dismiss.mutate(
      { id: employment.id, dismissalDate: input.dismissalDate },
      {
        onSuccess: () => {
          notifySuccess("Увольнение оформлено");
          onClose();
        },
        onError: form.applyServerError,
      },
    );
  };
  return (
    <FormModal opened title="Уволить" size="md" submitLabel="Уволить" onClose={onClose} onSubmit={submit} loading={dismiss.isPending}>
      <Text size="sm">
        {employment.organizationName}, {employment.positionName}. Запись о месте работы сохранится в истории.
      </Text>
      <DateField label="Дата увольнения" withAsterisk value={form.values.dismissalDate} error={form.errors.dismissalDate} onChange={(v) => form.set("dismissalDate", v)} />
    </FormModal>
  );
}
