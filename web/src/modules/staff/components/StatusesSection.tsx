import { Badge, Group, Table } from "@mantine/core";
import { useState } from "react";
import { EXPERT_AREA_LABELS, PERSON_STATUS_LABELS } from "../../../../../shared/domain.js";
import { PersonStatusInput } from "../../../../../shared/schemas.js";
import type { PersonStatus, StaffCard } from "../../../api/types.js";
import { formatPeriod, orDash, todayIso } from "../../../ui/format.js";
import { RecordTable } from "../../../ui/RecordTable.js";
import { DeleteConfirm, RecordActions } from "../../../ui/RecordActions.js";
import { EmptyText, Section } from "../../../ui/Section.js";
import { useStaffMutations } from "../hooks/useStaff.js";
import { ChildRecordModal } from "./ChildRecordModal.js";
import { StatusFields, emptyStatus, statusInputOf, statusValuesOf } from "./StatusFields.js";

type Dialog =
  | { mode: "edit"; record: PersonStatus | null }
  | { mode: "end"; record: PersonStatus }
  | { mode: "delete"; record: PersonStatus }
  | null;

const isCurrent = (s: PersonStatus, asOf: string) => s.validFrom <= asOf && (!s.validTo || s.validTo >= asOf);

export function StatusesSection({ card, editable }: { card: StaffCard; editable: boolean }) {
  const [dialog, setDialog] = useState<Dialog>(null);
  const { deleteChild } = useStaffMutations(card.id);
  const close = () => setDialog(null);
  return (
    <Section title="Статусы" addLabel="Добавить статус" onAdd={editable ? () => setDialog({ mode: "edit", record: null }) : undefined}>
      {card.statuses.length === 0 ? (
        <EmptyText>Статусов нет (методист, эксперт, тьютор, наставник…)</EmptyText>
      ) : (
        <RecordTable
          records={card.statuses}
          minWidth={640}
          head={
            <>
              <Table.Th>Статус</Table.Th>
              <Table.Th>Период</Table.Th>
              <Table.Th>Примечание</Table.Th>
            </>
          }
          cells={(s) => (
            <>
              <Table.Td>
                <Group gap={6}>
                  <span>
                    {PERSON_STATUS_LABELS[s.kind]}
                    {s.expertArea ? ` (${EXPERT_AREA_LABELS[s.expertArea]})` : ""}
                  </span>
                  {isCurrent(s, card.asOf) ? (
                    <Badge size="xs" color="teal" variant="light">
                      действует
                    </Badge>
                  ) : null}
                </Group>
              </Table.Td>
              <Table.Td>{formatPeriod(s.validFrom, s.validTo)}</Table.Td>
              <Table.Td>{orDash(s.note)}</Table.Td>
            </>
          )}
          actions={
            editable ? (s) => (
              <RecordActions
                onEnd={!s.validTo ? () => setDialog({ mode: "end", record: s }) : undefined}
                onEdit={() => setDialog({ mode: "edit", record: s })}
                onDelete={() => setDialog({ mode: "delete", record: s })}
              />
            ) : undefined
          }
        />
      )}
      {dialog?.mode === "edit" || dialog?.mode === "end" ? (
        <ChildRecordModal
          personId={card.id}
          change={(input) => ({ path: "statuses", id: dialog.record?.id, input })}
          title={dialog.mode === "end" ? "Завершить статус" : dialog.record ? "Статус" : "Новый статус"}
          submitLabel={dialog.mode === "end" ? "Завершить" : undefined}
          schema={PersonStatusInput}
          initial={
            dialog.record
              ? { ...statusValuesOf(dialog.record), validTo: dialog.mode === "end" ? todayIso() : dialog.record.validTo }
              : emptyStatus(todayIso())
          }
          toInput={statusInputOf}
          Fields={StatusFields}
          successMessage={dialog.mode === "end" ? "Статус завершён" : "Статус сохранён"}
          onClose={close}
        />
      ) : null}
      <DeleteConfirm
        record={dialog?.mode === "delete" ? dialog.record : null}
        title="Удалить статус?"
        message="Чтобы статус остался в истории, лучше завершить его датой. Удаляйте только ошибочные записи."
        successMessage="Статус удалён"
        loading={deleteChild.isPending}
        onClose={close}
        onDelete={(record, onSuccess) => deleteChild.mutate({ path: "statuses", id: record.id }, { onSuccess })}
      />
    </Section>
  );
}
