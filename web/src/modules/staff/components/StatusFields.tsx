import { Select, SimpleGrid, TextInput } from "@mantine/core";
import { EXPERT_AREA_LABELS, PERSON_STATUS_LABELS } from "../../../../../shared/domain.js";
import type { PersonStatus } from "../../../api/types.js";
import { DateField } from "../../../ui/DateField.js";
import { str, type FieldGroupProps } from "../../../ui/forms.js";
import { optionsOf } from "../../../ui/options.js";

export type StatusValues = { kind: string | null; expertArea: string | null; validFrom: string | null; validTo: string | null; note: string };

export const emptyStatus = (validFrom: string | null = null): StatusValues => ({ kind: null, expertArea: null, validFrom, validTo: null, note: "" });

export const statusValuesOf = (s: PersonStatus): StatusValues => ({
  kind: s.kind,
  expertArea: s.expertArea,
  validFrom: s.validFrom,
  validTo: s.validTo,
  note: str(s.note),
});

export const statusInputOf = (v: StatusValues) => ({
  ...v,
  kind: v.kind ?? undefined,
  expertArea: v.kind === "expert" ? v.expertArea : null,
  validFrom: v.validFrom ?? undefined,
});

export function StatusFields({ values, onChange, errors }: FieldGroupProps<StatusValues>) {
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
      <Select label="Статус" withAsterisk data={optionsOf(PERSON_STATUS_LABELS)} value={values.kind} error={errors.kind} onChange={(v) => onChange({ kind: v })} />
      <Select
        label="Направление экспертной деятельности"
        data={optionsOf(EXPERT_AREA_LABELS)}
        value={values.expertArea}
        error={errors.expertArea}
        disabled={values.kind !== "expert"}
        clearable
        onChange={(v) => onChange({ expertArea: v })}
      />
      <DateField label="Действует с" withAsterisk value={values.validFrom} error={errors.validFrom} onChange={(v) => onChange({ validFrom: v })} />
      <DateField label="Действует по" value={values.validTo} error={errors.validTo} onChange={(v) => onChange({ validTo: v })} />
      <TextInput label="Примечание (основание, приказ)" value={values.note} error={errors.note} onChange={(e) => onChange({ note: e.currentTarget.value })} />
    </SimpleGrid>
  );
}
