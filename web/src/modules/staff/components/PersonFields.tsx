import { Select, SimpleGrid, TextInput } from "@mantine/core";
import { GENDER_LABELS } from "../../../../../shared/domain.js";
import type { PersonData } from "../../../api/types.js";
import { DateField } from "../../../ui/DateField.js";
import { str, type FieldGroupProps } from "../../../ui/forms.js";
import { optionsOf } from "../../../ui/options.js";

export type PersonValues = {
  surname: string;
  name: string;
  patronymic: string;
  birthDate: string | null;
  gender: string | null;
  snils: string;
  phone: string;
  email: string;
  pedWorkStart: string | null;
};

export const emptyPerson: PersonValues = {
  surname: "",
  name: "",
  patronymic: "",
  birthDate: null,
  gender: null,
  snils: "",
  phone: "",
  email: "",
  pedWorkStart: null,
};

export const personValuesOf = (p: PersonData): PersonValues => ({
  surname: p.surname,
  name: p.name,
  patronymic: str(p.patronymic),
  birthDate: p.birthDate,
  gender: p.gender,
  snils: str(p.snils),
  phone: str(p.phone),
  email: str(p.email),
  pedWorkStart: p.pedWorkStart,
});

/** The personal data of a staff member. */
export function PersonFields({ values, onChange, errors }: FieldGroupProps<PersonValues>) {
  return (
    <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
      <TextInput label="Фамилия" withAsterisk value={values.surname} error={errors.surname} onChange={(e) => onChange({ surname: e.currentTarget.value })} />
      <TextInput label="Имя" withAsterisk value={values.name} error={errors.name} onChange={(e) => onChange({ name: e.currentTarget.value })} />
      <TextInput label="Отчество" value={values.patronymic} error={errors.patronymic} onChange={(e) => onChange({ patronymic: e.currentTarget.value })} />
      <DateField label="Дата рождения" value={values.birthDate} error={errors.birthDate} onChange={(v) => onChange({ birthDate: v })} />
      <Select
        label="Пол"
        data={optionsOf(GENDER_LABELS)}
        value={values.gender}
        error={errors.gender}
        clearable
        onChange={(v) => onChange({ gender: v })}
      />
      <DateField
        label="Педагогический стаж с"
        value={values.pedWorkStart}
        error={errors.pedWorkStart}
        onChange={(v) => onChange({ pedWorkStart: v })}
      />
      <TextInput label="СНИЛС" placeholder="123-456-789 01" value={values.snils} error={errors.snils} onChange={(e) => onChange({ snils: e.currentTarget.value })} />
      <TextInput label="Телефон" value={values.phone} error={errors.phone} onChange={(e) => onChange({ phone: e.currentTarget.value })} />
      <TextInput label="Электронная почта" value={values.email} error={errors.email} onChange={(e) => onChange({ email: e.currentTarget.value })} />
    </SimpleGrid>
  );
}
