import { SimpleGrid, TextInput } from "@mantine/core";
import type { FieldGroupProps } from "../../../ui/forms.js";

/** The requisites of the education department as a form's text fields. */
export type RequisitesValues = {
  departmentName: string;
  address: string;
  phone: string;
  email: string;
  inn: string;
  signatoryTitle: string;
  signatoryName: string;
};

export const EMPTY_REQUISITES: RequisitesValues = {
  departmentName: "",
  address: "",
  phone: "",
  email: "",
  inn: "",
  signatoryTitle: "",
  signatoryName: "",
};

/** Fields of the requisites; `errors` are keyed by field name. */
export function RequisitesFields({ values, onChange, errors }: FieldGroupProps<RequisitesValues>) {
  const text = (key: keyof RequisitesValues, label: string, props: { placeholder?: string; description?: string; autoComplete?: string } = {}) => (
    <TextInput label={label} value={values[key]} error={errors[key]} onChange={(e) => onChange({ [key]: e.currentTarget.value })} {...props} />
  );
  return (
    <>
      {text("departmentName", "Орган управления образованием", {
        placeholder: "Управление образования администрации …",
        description: "Так он называется в шапке документов",
      })}
      {text("address", "Адрес", { placeholder: "Индекс, город, улица, дом" })}
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        {text("phone", "Телефон", { placeholder: "+7 (000) 000-00-00" })}
        {text("email", "Электронная почта", { placeholder: "uo@example.ru" })}
        {text("inn", "ИНН", { placeholder: "10 цифр" })}
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        {text("signatoryTitle", "Должность подписывающего", { placeholder: "Начальник управления образования" })}
        {text("signatoryName", "ФИО подписывающего", { placeholder: "Фамилия Имя Отчество" })}
      </SimpleGrid>
    </>
  );
}
