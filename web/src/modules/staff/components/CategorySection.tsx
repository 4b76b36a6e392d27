import { Badge, Group, Stack, Table, Text } from "@mantine/core";
import { useState } from "react";
import { CATEGORY_LABELS } from "../../../../../shared/domain.js";
import { CategoryInput } from "../../../../../shared/schemas.js";
import type { CategoryRecord, StaffCard } from "../../../api/types.js";
import { formatRuDate, todayIso } from "../../../ui/format.js";
import { RecordTable } from "../../../ui/RecordTable.js";
import { DeleteConfirm, RecordActions } from "../../../ui/RecordActions.js";
import { EmptyText, Section } from "../../../ui/Section.js";
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
      addLabel="Присвоить категорию"
      onAdd={editable ? () => setDialog({ mode: "edit", record: null }) : undefined}
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
            <EmptyText>Категория не присвоена</EmptyText>
          )}
        </div>
        {history.length > 0 ? (
          <>
            <Text size="sm" fw={500}>
              История
            </Text>
            <RecordTable
              records={history}
              minWidth={420}
              head={
                <>
                  <Table.Th>Категория</Table.Th>
                  <Table.Th>Дата присвоения</Table.Th>
                </>
              }
              cells={(c) => (
                <>
                  <Table.Td>{CATEGORY_LABELS[c.category]}</Table.Td>
                  <Table.Td>{formatRuDate(c.assignedOn)}</Table.Td>
                </>
              )}
              actions={
                editable ? (c) => (
                  <RecordActions
                    onEdit={() => setDialog({ mode: "edit", record: c })}
                    onDelete={() => setDialog({ mode: "delete", record: c })}
                  />
                ) : undefined
              }
            />
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
      <DeleteConfirm
        record={dialog?.mode === "delete" ? dialog.record : null}
        title="Удалить запись о категории?"
        message="Удаляйте только ошибочно внесённые записи. Удаление попадёт в журнал изменений."
        successMessage="Запись удалена"
        loading={deleteChild.isPending}
        onClose={close}
        onDelete={(record, onSuccess) => deleteChild.mutate({ path: "categories", id: record.id }, { onSuccess })}
      />
    </Section>
  );
}
