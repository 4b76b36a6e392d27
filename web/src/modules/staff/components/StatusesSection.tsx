import { Badge, Button, Group, Table, Text } from "@mantine/core";
import { useState } from "react";
import { EXPERT_AREA_LABELS, PERSON_STATUS_LABELS } from "../../../../../shared/domain.js";
import { PersonStatusInput } from "../../../../../shared/schemas.js";
import type { PersonStatus, StaffCard } from "../../../api/types.js";
import { ConfirmModal } from "../../../ui/confirm.js";
import { formatPeriod, orDash, todayIso } from "../../../ui/format.js";
import { notifySuccess } from "../../../ui/notify.js";
import { Section } from "../../../ui/Section.js";
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
    <Section
      title="Статусы"
      actions={
        editable ? (
          <Button size="xs" variant="light" onClick={() => setDialog({ mode: "edit", record: null })}>
            Добавить статус
          </Button>
        ) : null
      }
    >
      {card.statuses.length === 0 ? (
        <Text c="dimmed" size="sm">
          Статусов нет (методист, эксперт, тьютор, наставник…)
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Статус</Table.Th>
                <Table.Th>Период</Table.Th>
                <Table.Th>Примечание</Table.Th>
                {editable ? <Table.Th /> : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {card.statuses.map((s) => (
                <Table.Tr key={s.id}>
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
                  {editable ? (
                    <Table.Td>
                      <Group gap={4} justify="flex-end" wrap="nowrap">
                        {!s.validTo ? (
                          <Button size="compact-xs" variant="subtle" onClick={() => setDialog({ mode: "end", record: s })}>
                            Завершить
                          </Button>
                        ) : null}
                        <Button size="compact-xs" variant="subtle" onClick={() => setDialog({ mode: "edit", record: s })}>
                          Изменить
                        </Button>
                        <Button size="compact-xs" variant="subtle" color="red" onClick={() => setDialog({ mode: "delete", record: s })}>
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
      <ConfirmModal
        opened={dialog?.mode === "delete"}
        title="Удалить статус?"
        message="Чтобы статус остался в истории, лучше завершить его датой. Удаляйте только ошибочные записи."
        confirmLabel="Удалить"
        loading={deleteChild.isPending}
        onClose={close}
        onConfirm={() =>
          dialog?.mode === "delete" &&
          deleteChild.mutate({ path: "statuses", id: dialog.record.id }, { onSuccess: () => (notifySuccess("Статус удалён"), close()) })
        }
      />
    </Section>
  );
}
