import { Badge, Button, Group, Table, Text } from "@mantine/core";
import { useState } from "react";
import { EDUCATION_LEVEL_LABELS } from "../../../../../shared/domain.js";
import { EducationInput } from "../../../../../shared/schemas.js";
import type { Education, StaffCard } from "../../../api/types.js";
import { ConfirmModal } from "../../../ui/confirm.js";
import { orDash } from "../../../ui/format.js";
import { notifySuccess } from "../../../ui/notify.js";
import { Section } from "../../../ui/Section.js";
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
      actions={
        editable ? (
          <Button size="xs" variant="light" onClick={() => setDialog({ mode: "edit", record: null })}>
            Добавить образование
          </Button>
        ) : null
      }
    >
      {card.educations.length === 0 ? (
        <Text c="dimmed" size="sm">
          Сведений об образовании нет
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Уровень</Table.Th>
                <Table.Th>Учебное заведение</Table.Th>
                <Table.Th>Год окончания</Table.Th>
                <Table.Th>Специальность</Table.Th>
                {editable ? <Table.Th /> : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {card.educations.map((e) => (
                <Table.Tr key={e.id}>
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
                  {editable ? (
                    <Table.Td>
                      <Group gap={4} justify="flex-end" wrap="nowrap">
                        <Button size="compact-xs" variant="subtle" onClick={() => setDialog({ mode: "edit", record: e })}>
                          Изменить
                        </Button>
                        <Button size="compact-xs" variant="subtle" color="red" onClick={() => setDialog({ mode: "delete", record: e })}>
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
      <ConfirmModal
        opened={dialog?.mode === "delete"}
        title="Удалить запись об образовании?"
        message="Удаляйте только ошибочно внесённые записи. Удаление попадёт в журнал изменений."
        confirmLabel="Удалить"
        loading={deleteChild.isPending}
        onClose={close}
        onConfirm={() =>
          dialog?.mode === "delete" &&
          deleteChild.mutate(
            { path: "educations", id: dialog.record.id },
            {
              onSuccess: () => {
                notifySuccess("Запись удалена");
                close();
              },
            },
          )
        }
      />
    </Section>
  );
}
