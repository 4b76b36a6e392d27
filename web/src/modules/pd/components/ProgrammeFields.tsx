import { Checkbox, Group, MultiSelect, NumberInput, Select, SimpleGrid, Textarea, TextInput } from "@mantine/core";
import { PROGRAMME_KIND_LABELS, PROGRAMME_TOPICS, STUDY_FORM_LABELS } from "../../../../../shared/domain.js";
import { str, type FieldGroupProps } from "../../../ui/forms.js";
import { optionsOf } from "../../../ui/options.js";
import type { Programme, ProviderListItem } from "../types.js";

export type ProgrammeValues = {
  providerId: string | null;
  title: string;
  hours: number | string;
  kind: string | null;
  form: string | null;
  pedagogical: boolean;
  federalRegister: boolean;
  federalRegisterId: string;
  topics: string[];
};

export const emptyProgramme = (providerId: number | null = null): ProgrammeValues => ({
  providerId: providerId ? String(providerId) : null,
  title: "",
  hours: "",
  kind: "upgrade",
  form: null,
  pedagogical: false,
  federalRegister: false,
  federalRegisterId: "",
  topics: [],
});

export const programmeValuesOf = (p: Programme): ProgrammeValues => ({
  providerId: String(p.providerId),
  title: p.title,
  hours: p.hours ?? "",
  kind: p.kind,
  form: p.form,
  pedagogical: p.pedagogical,
  federalRegister: p.federalRegister,
  federalRegisterId: str(p.federalRegisterId),
  topics: p.topics,
});

export const programmeInputOf = (v: ProgrammeValues) => ({
  ...v,
  providerId: v.providerId ?? undefined,
  hours: v.hours === "" ? undefined : v.hours,
  kind: v.kind ?? undefined,
  form: v.form ?? undefined,
  pedagogical: v.kind === "retraining" && v.pedagogical,
  federalRegisterId: v.federalRegister ? v.federalRegisterId : null,
});

export const providerOptions = (providers: ProviderListItem[] | undefined, keep?: string | null) =>
  (providers ?? [])
    .filter((p) => !p.archived || String(p.id) === keep)
    .map((p) => ({ value: String(p.id), label: p.shortName }));

type Props = FieldGroupProps<ProgrammeValues> & {
  providers: ProviderListItem[] | undefined;
  /** The short form inside the course form leaves out the topics. */
  compact?: boolean;
};

/** A programme of additional professional education: provider, title, hours, kind, form, ФР ДПП. */
export function ProgrammeFields({ values, onChange, errors, providers, compact }: Props) {
  return (
    <>
      <Select
        label="Организация ДПО"
        withAsterisk
        searchable
        nothingFoundMessage="Ничего не найдено"
        data={providerOptions(providers, values.providerId)}
        value={values.providerId}
        error={errors.providerId}
        onChange={(v) => onChange({ providerId: v })}
      />
      <Textarea
        label="Название программы"
        withAsterisk
        autosize
        minRows={1}
        maxRows={4}
        value={values.title}
        error={errors.title}
        onChange={(e) => onChange({ title: e.currentTarget.value })}
      />
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        <NumberInput
          label="Количество часов"
          withAsterisk
          min={1}
          max={3000}
          allowDecimal={false}
          allowNegative={false}
          value={values.hours}
          error={errors.hours}
          onChange={(v) => onChange({ hours: v })}
        />
        <Select
          label="Вид программы"
          withAsterisk
          allowDeselect={false}
          data={optionsOf(PROGRAMME_KIND_LABELS)}
          value={values.kind}
          error={errors.kind}
          onChange={(v) => onChange({ kind: v, pedagogical: v === "retraining" ? values.pedagogical : false })}
        />
        <Select
          label="Форма обучения"
          withAsterisk
          data={optionsOf(STUDY_FORM_LABELS)}
          value={values.form}
          error={errors.form}
          onChange={(v) => onChange({ form: v })}
        />
      </SimpleGrid>
      <Group gap="lg" align="flex-start">
        <Checkbox
          mt={compact ? 0 : 8}
          label="Программа из федерального реестра (ФР ДПП)"
          checked={values.federalRegister}
          onChange={(e) => onChange({ federalRegister: e.currentTarget.checked })}
        />
        {values.kind === "retraining" ? (
          <Checkbox
            mt={compact ? 0 : 8}
            label="Даёт педагогическую квалификацию"
            checked={values.pedagogical}
            error={errors.pedagogical}
            onChange={(e) => onChange({ pedagogical: e.currentTarget.checked })}
          />
        ) : null}
      </Group>
      {values.federalRegister && !compact ? (
        <TextInput
          label="Номер в ФР ДПП"
          value={values.federalRegisterId}
          error={errors.federalRegisterId}
          onChange={(e) => onChange({ federalRegisterId: e.currentTarget.value })}
        />
      ) : null}
      {!compact ? (
        <MultiSelect
          label="Темы"
          placeholder={values.topics.length ? undefined : "Выберите темы"}
          data={[...new Set([...PROGRAMME_TOPICS, ...values.topics])]}
          value={values.topics}
          error={errors.topics}
          searchable
          clearable
          onChange={(v) => onChange({ topics: v })}
        />
      ) : null}
    </>
  );
}
