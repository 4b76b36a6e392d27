import { Badge, Group, Table } from "@mantine/core";
import { useState } from "react";
import { EDUCATION_LEVEL_LABELS } from "../../../../../shared/domain.js";
import { EducationInput } from "../../../../../shared/schemas.js";
import type { Education, StaffCard } from "../../../api/types.js";
import { orDash } from "../../../ui/format.js";
import { RecordTable } from "../../../ui/RecordTable.js";
import { DeleteConfirm, RecordActions } from "../../../ui/RecordActions.js";
import { EmptyText, Section } from "../../../ui/Section.js";
import { useStaffMutations } from "../hooks/useStaff.js";
import { ChildRecordModal } from "./ChildRecordModal.js";
import { EducationFields, educationInputOf, educationValuesOf, emptyEducation } from "./EducationFields.js";

type Dialog = { mode: "edit"; record: Education | null } | { mode: "delete"; record: Education } | null;

export function EducationSection({ card, editable }: { card: StaffCard; editable: boolean }) {
  const [dialog, setDialog] = useState<Dialog>(null);
  const { deleteChild } = useStaffMutations(card.id);
  const close = () => setDialog(null);
  return (
    <Section
      title="Образование"
      addLabel="Добавить образование"
      onAdd={editable ? () => setDialog({ mode: "edit", record: null }) : undefined}
    >
      {card.educations.length === 0 ? (
        <EmptyText>Сведений об образовании нет</EmptyText>
      ) : (
        <RecordTable
          records={card.educations}
          minWidth={640}
          head={
            <>
              <Table.Th>Уровень</Table.Th>
              <Table.Th>Учебное заведение</Table.Th>
              <Table.Th>Год окончания</Table.Th>
              <Table.Th>Специальность</Table.Th>
            </>
          }
          cells={(e) => (
            <>
              <Table.Td>
                <Group gap={6}>
                  {EDUCATION_LEVEL_LABELS[e.level]}
                  {e.isPedagogical ? (
                    <Badge size="xs" variant="light">
                      педагогическое
                    </Badge>
                  ) : null}
                </Group>
              </Table.Td>
              <Table.Td>{orDash(e.institution)}</Table.Td>
              <Table.Td>{orDash(e.graduationYear)}</Table.Td>
              <Table.Td>{orDash(e.speciality)}</Table.Td>
            </>
          )}
          actions={
            editable ? (e) => (
              <RecordActions
                onEdit={() => setDialog({ mode: "edit", record: e })}
                onDelete={() => setDialog({ mode: "delete", record: e })}
              />
            ) : undefined
          }
        />
      )}
      {dialog?.mode === "edit" ? (
        <ChildRecordModal
          personId={card.id}
          change={(input) => ({ path: "educations", id: dialog.record?.id, input })}
          title={dialog.record ? "Образование" : "Новая запись об образовании"}
          schema={EducationInput}
          initial={dialog.record ? educationValuesOf(dialog.record) : emptyEducation}
          toInput={educationInputOf}
          Fields={EducationFields}
          successMessage="Сведения об образовании сохранены"
          onClose={close}
        />
      ) : null}
      <DeleteConfirm
        record={dialog?.mode === "delete" ? dialog.record : null}
        title="Удалить запись об образовании?"
        message="Удаляйте только ошибочно внесённые записи. Удаление попадёт в журнал изменений."
        successMessage="Запись удалена"
        loading={deleteChild.isPending}
        onClose={close}
        onDelete={(record, onSuccess) => deleteChild.mutate({ path: "educations", id: record.id }, { onSuccess })}
      />
    </Section>
  );
}
