import { Select, SimpleGrid } from "@mantine/core";
import { CATEGORY_LABELS } from "../../../../../shared/domain.js";
import { DateField } from "../../../ui/DateField.js";
import type { FieldGroupProps } from "../../../ui/forms.js";
import { optionsOf } from "../../../ui/options.js";

export type CategoryValues = { category: string | null; assignedOn: string | null };

export const emptyCategory = (assignedOn: string | null = null): CategoryValues => ({ category: null, assignedOn });

export const categoryInputOf = (v: CategoryValues) => ({ category: v.category ?? undefined, assignedOn: v.assignedOn ?? undefined });

export function CategoryFields({ values, onChange, errors }: FieldGroupProps<CategoryValues>) {
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
      <Select
        label="Квалификационная категория"
        withAsterisk
        data={optionsOf(CATEGORY_LABELS)}
        value={values.category}
        error={errors.category}
        onChange={(v) => onChange({ category: v })}
      />
      <DateField label="Дата присвоения" withAsterisk value={values.assignedOn} error={errors.assignedOn} onChange={(v) => onChange({ assignedOn: v })} />
    </SimpleGrid>
  );
}
