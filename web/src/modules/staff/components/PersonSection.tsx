import { Button, SimpleGrid } from "@mantine/core";
import { useState } from "react";
import { GENDER_LABELS } from "../../../../../shared/domain.js";
import { PersonInput } from "../../../../../shared/schemas.js";
import type { StaffCard } from "../../../api/types.js";
import { Field } from "../../../ui/Field.js";
import { FormModal } from "../../../ui/FormModal.js";
import { formatRuDate } from "../../../ui/format.js";
import { useZodForm } from "../../../ui/forms.js";
import { notifySuccess } from "../../../ui/notify.js";
import { Section } from "../../../ui/Section.js";
import { useStaffMutations } from "../hooks/useStaff.js";
import { PersonFields, personValuesOf } from "./PersonFields.js";

export function PersonSection({ card, editable }: { card: StaffCard; editable: boolean }) {
  const [editing, setEditing] = useState(false);
  return (
    <Section
      title="Личные данные"
      actions={
        editable ? (
          <Button size="xs" variant="light" onClick={() => setEditing(true)}>
            Изменить
          </Button>
        ) : null
      }
    >
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="md">
        <Field label="Фамилия">{card.surname}</Field>
        <Field label="Имя">{card.name}</Field>
        <Field label="Отчество">{card.patronymic}</Field>
        <Field label="Дата рождения">{formatRuDate(card.birthDate)}</Field>
        <Field label="Пол">{card.gender ? GENDER_LABELS[card.gender] : null}</Field>
        <Field label="Начало педагогической деятельности">{formatRuDate(card.pedWorkStart)}</Field>
        <Field label="СНИЛС">{card.snils}</Field>
        <Field label="Телефон">{card.phone}</Field>
        <Field label="Электронная почта">{card.email}</Field>
      </SimpleGrid>
      {editing ? <PersonModal card={card} onClose={() => setEditing(false)} /> : null}
    </Section>
  );
}

function PersonModal({ card, onClose }: { card: StaffCard; onClose: () => void }) {
  const { updatePerson } = useStaffMutations(card.id);
  const form = useZodForm(PersonInput, personValuesOf(card), (v) => v);
  const submit = () => {
    const input = form.validate();
    if (!input) return;
    updatePerson.mutate(input, {
      onSuccess: () => {
        notifySuccess("Личные данные сохранены");
        onClose();
      },
      onError: form.applyServerError,
    });
  };
  return (
    <FormModal opened title="Личные данные" size="xl" onClose={onClose} onSubmit={submit} loading={updatePerson.isPending}>
      <PersonFields values={form.values} onChange={form.patch} errors={form.errors} />
    </FormModal>
  );
}
