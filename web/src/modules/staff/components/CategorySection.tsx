import { Badge, Button, Group, Stack, Table, Text } from "@mantine/core";
import { useState } from "react";
import { CATEGORY_LABELS } from "../../../../../shared/domain.js";
import { CategoryInput } from "../../../../../shared/schemas.js";
import type { CategoryRecord, StaffCard } from "../../../api/types.js";
import { ConfirmModal } from "../../../ui/confirm.js";
import { formatRuDate, todayIso } from "../../../ui/format.js";
import { notifySuccess } from "../../../ui/notify.js";
import { Section } from "../../../ui/Section.js";
import { useStaffMutations } from "../hooks/useStaff.js";
import { CategoryFields, categoryInputOf, emptyCategory, type CategoryValues } from "./CategoryFields.js";
import { ChildRecordModal } from "./ChildRecordModal.js";

type Dialog = { mode: "edit"; record: CategoryRecord | null } | { mode: "delete"; record: CategoryRecord } | null;

export function CategorySection({ card, editable }: { card: StaffCard; editable: boolean }) {
  const [dialog, setDialog] = useState<Dialog>(null);
  const { deleteChild } = useStaffMutations(card.id);
  const close = () => setDialog(null);
  const history = [...card.categories].sort((a, b) => (a.assignedOn < b.assignedOn ? 1 : a.assignedOn > b.assignedOn ? -1 : b.id - a.id));
  const current = card.category;
  return (
    <Section
      title="Квалификационная категория"
      actions={
        editable ? (
          <Button size="xs" variant="light" onClick={() => setDialog({ mode: "edit", record: null })}>
            Присвоить категорию
          </Button>
        ) : null
      }
    >
      <Stack gap="sm">
        <div data-testid="current-category">
          {current ? (
            <Group gap="sm" align="baseline">
              <Text fw={600}>{CATEGORY_LABELS[current.category]}</Text>
              <Text size="sm" c="dimmed">
                присвоена {formatRuDate(current.assignedOn)}
                {current.validUntil ? `, действует до ${formatRuDate(current.validUntil)}` : ""}
              </Text>
              {current.expired ? (
                <Badge color="red" variant="light">
                  срок истёк
                </Badge>
              ) : null}
            </Group>
          ) : (
            <Text c="dimmed" size="sm">
              Категория не присвоена
            </Text>
          )}
        </div>
        {history.length > 0 ? (
          <>
            <Text size="sm" fw={500}>
              История
            </Text>
            <Table.ScrollContainer minWidth={420}>
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Категория</Table.Th>
                    <Table.Th>Дата присвоения</Table.Th>
                    {editable ? <Table.Th /> : null}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {history.map((c) => (
                    <Table.Tr key={c.id}>
                      <Table.Td>{CATEGORY_LABELS[c.category]}</Table.Td>
                      <Table.Td>{formatRuDate(c.assignedOn)}</Table.Td>
                      {editable ? (
                        <Table.Td>
                          <Group gap={4} justify="flex-end" wrap="nowrap">
                            <Button size="compact-xs" variant="subtle" onClick={() => setDialog({ mode: "edit", record: c })}>
                              Изменить
                            </Button>
                            <Button size="compact-xs" variant="subtle" color="red" onClick={() => setDialog({ mode: "delete", record: c })}>
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
          </>
        ) : null}
      </Stack>
      {dialog?.mode === "edit" ? (
        <ChildRecordModal<CategoryValues, typeof CategoryInput>
          personId={card.id}
          change={(input) => ({ path: "categories", id: dialog.record?.id, input })}
          title={dialog.record ? "Запись о категории" : "Присвоить категорию"}
          submitLabel={dialog.record ? "Сохранить" : "Присвоить"}
          schema={CategoryInput}
          initial={dialog.record ? { category: dialog.record.category, assignedOn: dialog.record.assignedOn } : emptyCategory(todayIso())}
          toInput={categoryInputOf}
          Fields={CategoryFields}
          successMessage="Категория сохранена"
          onClose={close}
        />
      ) : null}
      <ConfirmModal
        opened={dialog?.mode === "delete"}
        title="Удалить запись о категории?"
        message="Удаляйте только ошибочно внесённые записи. Удаление попадёт в журнал изменений."
        confirmLabel="Удалить"
        loading={deleteChild.isPending}
        onClose={close}
        onConfirm={() =>
          dialog?.mode === "delete" &&
          deleteChild.mutate({ path: "categories", id: dialog.record.id }, { onSuccess: () => (notifySuccess("Запись удалена"), close()) })
        }
      />
    </Section>
  );
}
