import { Select, SimpleGrid, TextInput } from "@mantine/core";
import { ORG_KIND_LABELS } from "../../../../../shared/domain.js";
import type { Organization } from "../../../api/types.js";
import { str, type FieldGroupProps } from "../../../ui/forms.js";
import { optionsOf } from "../../../ui/options.js";

export type OrganizationValues = {
  kind: string | null;
  fullName: string;
  shortName: string;
  inn: string;
  ogrn: string;
  address: string;
  headName: string;
  phone: string;
  email: string;
};

export const emptyOrganization: OrganizationValues = {
  kind: null,
  fullName: "",
  shortName: "",
  inn: "",
  ogrn: "",
  address: "",
  headName: "",
  phone: "",
  email: "",
};

export const organizationValuesOf = (o: Organization): OrganizationValues => ({
  kind: o.kind,
  fullName: o.fullName,
  shortName: o.shortName,
  inn: str(o.inn),
  ogrn: str(o.ogrn),
  address: str(o.address),
  headName: str(o.headName),
  phone: str(o.phone),
  email: str(o.email),
});

export const organizationInputOf = (v: OrganizationValues) => ({ ...v, kind: v.kind ?? undefined });

export function OrganizationFields({ values, onChange, errors }: FieldGroupProps<OrganizationValues>) {
  const text = (key: Exclude<keyof OrganizationValues, "kind">, label: string, required = false) => (
    <TextInput label={label} withAsterisk={required} value={values[key]} error={errors[key]} onChange={(e) => onChange({ [key]: e.currentTarget.value })} />
  );
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
      <Select label="Тип организации" withAsterisk data={optionsOf(ORG_KIND_LABELS)} value={values.kind} error={errors.kind} onChange={(v) => onChange({ kind: v })} />
      {text("shortName", "Краткое наименование", true)}
      <div style={{ gridColumn: "1 / -1" }}>{text("fullName", "Полное наименование", true)}</div>
      {text("inn", "ИНН")}
      {text("ogrn", "ОГРН")}
      <div style={{ gridColumn: "1 / -1" }}>{text("address", "Адрес")}</div>
      {text("headName", "Руководитель")}
      {text("phone", "Телефон")}
      {text("email", "Электронная почта")}
    </SimpleGrid>
  );
}
