import { Select, SimpleGrid, TagsInput, Text, TextInput } from "@mantine/core";
import { PROVIDER_KIND_LABELS } from "../../../../../shared/domain.js";
import { ProgrammeInput, ProviderInput } from "../../../../../shared/schemas.js";
import { FormModal } from "../../../ui/FormModal.js";
import { str, useZodForm } from "../../../ui/forms.js";
import { notifySuccess } from "../../../ui/notify.js";
import { optionsOf } from "../../../ui/options.js";
import { useProviders, useSaveProgramme, useSaveProvider } from "../hooks/usePd.js";
import type { Programme, Provider } from "../types.js";
import { emptyProgramme, ProgrammeFields, programmeInputOf, programmeValuesOf } from "./ProgrammeFields.js";

type ProviderValues = { name: string; shortName: string; kind: string | null; inn: string; region: string; aliases: string[] };

/** Adds or changes a provider of additional professional education with the other names it goes by. */
export function ProviderModal({ provider, onClose }: { provider: Provider | null; onClose: () => void }) {
  const save = useSaveProvider();
  const initial: ProviderValues = provider
    ? { name: provider.name, shortName: provider.shortName, kind: provider.kind, inn: str(provider.inn), region: str(provider.region), aliases: provider.aliases.map((a) => a.alias) }
    : { name: "", shortName: "", kind: null, inn: "", region: "", aliases: [] };
  const form = useZodForm(ProviderInput, initial, (v: ProviderValues) => ({ ...v, kind: v.kind ?? undefined }));
  const { values, errors } = form;
  // Errors of single aliases come as "aliases.2": show them under the tag input.
  const aliasError = errors.aliases ?? Object.entries(errors).find(([k]) => k.startsWith("aliases."))?.[1];
  const submit = () => {
    const input = form.validate();
    if (!input) return;
    save.mutate(
      { id: provider?.id, input },
      {
        onSuccess: () => {
          notifySuccess(provider ? "Организация ДПО сохранена" : "Организация ДПО добавлена");
          onClose();
        },
        onError: form.applyServerError,
      },
    );
  };
  return (
    <FormModal opened title={provider ? provider.shortName : "Новая организация ДПО"} onClose={onClose} onSubmit={submit} loading={save.isPending} formError={errors._form}>
      <TextInput label="Полное наименование" withAsterisk value={values.name} error={errors.name} onChange={(e) => form.set("name", e.currentTarget.value)} />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <TextInput label="Краткое наименование" withAsterisk value={values.shortName} error={errors.shortName} onChange={(e) => form.set("shortName", e.currentTarget.value)} />
        <Select label="Вид организации" withAsterisk data={optionsOf(PROVIDER_KIND_LABELS)} value={values.kind} error={errors.kind} onChange={(v) => form.set("kind", v)} />
        <TextInput label="ИНН" value={values.inn} error={errors.inn} onChange={(e) => form.set("inn", e.currentTarget.value)} />
        <TextInput label="Регион" value={values.region} error={errors.region} onChange={(e) => form.set("region", e.currentTarget.value)} />
      </SimpleGrid>
      <TagsInput
        label="Другие названия"
        description="Как организацию пишут в удостоверениях и файлах школ («ИРО», «Институт развития образования»). Введите название и нажмите Enter."
        placeholder={values.aliases.length ? "" : "Например: ИРО"}
        value={values.aliases}
        error={aliasError}
        clearable
        splitChars={[";"]}
        onChange={(v) => form.set("aliases", v)}
      />
      <Text size="xs" c="dimmed">
        Полное и краткое наименования узнаются сами; регистр, кавычки и «ё» значения не имеют.
      </Text>
    </FormModal>
  );
}

/** Adds or changes a programme; the provider comes preselected when the programme is added from its row. */
export function ProgrammeModal({ programme, providerId, onClose }: { programme: Programme | null; providerId?: number; onClose: () => void }) {
  const save = useSaveProgramme();
  const providers = useProviders();
  const form = useZodForm(ProgrammeInput, programme ? programmeValuesOf(programme) : emptyProgramme(providerId ?? null), programmeInputOf);
  const submit = () => {
    const input = form.validate();
    if (!input) return;
    save.mutate(
      { id: programme?.id, input },
      {
        onSuccess: () => {
          notifySuccess(programme ? "Программа сохранена" : "Программа добавлена");
          onClose();
        },
        onError: form.applyServerError,
      },
    );
  };
  return (
    <FormModal opened title={programme ? "Программа" : "Новая программа"} onClose={onClose} onSubmit={submit} loading={save.isPending} formError={form.errors._form}>
      <ProgrammeFields values={form.values} onChange={form.patch} errors={form.errors} providers={providers.data} />
    </FormModal>
  );
}
