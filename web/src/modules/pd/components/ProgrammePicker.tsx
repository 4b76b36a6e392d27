import { Anchor, Button, Group, Paper, Select, Stack, Text } from "@mantine/core";
import { PROGRAMME_KIND_LABELS, STUDY_FORM_LABELS } from "../../../../../shared/domain.js";
import { ProgrammeInput } from "../../../../../shared/schemas.js";
import { compareNames } from "../../../../../shared/collation.js";
import { useZodForm } from "../../../ui/forms.js";
import { useCurrentUser } from "../../auth/hooks/useMe.js";
import { useProgrammes, useProviders, useSaveProgramme } from "../hooks/usePd.js";
import type { Programme } from "../types.js";
import { emptyProgramme, ProgrammeFields, programmeInputOf } from "./ProgrammeFields.js";

/** Options of a programme select grouped by provider: «Функциональная грамотность · 72 ч». */
export function programmeOptions(items: Programme[] | undefined, keep?: { id: number; label: string } | null) {
  const groups = new Map<string, { value: string; label: string }[]>();
  for (const p of items ?? []) {
    const group = p.providerName ?? "Без организации";
    const kind = p.kind === "retraining" ? ", переподготовка" : "";
    groups.set(group, [...(groups.get(group) ?? []), { value: String(p.id), label: `${p.title} · ${p.hours === null ? "часы не указаны" : `${p.hours} ч`}${kind}` }]);
  }
  // A programme chosen earlier but no longer listed (archived) keeps its name.
  if (keep && !(items ?? []).some((p) => p.id === keep.id)) groups.set("Выбрано ранее", [{ value: String(keep.id), label: keep.label }]);
  return [...groups].sort(([a], [b]) => compareNames(a, b)).map(([group, options]) => ({ group, items: options }));
}

/** The form of a programme typed in on the spot, and whether it is being typed. */
export function useNewProgramme() {
  return useZodForm(ProgrammeInput, { ...emptyProgramme(), creating: false }, programmeInputOf);
}
export type NewProgrammeForm = ReturnType<typeof useNewProgramme>;

/**
 * The programme of a course form: the chosen one, or the one typed in, created first. Once
 * created, the form switches to it, so that a failure of the course itself never creates the
 * programme twice. Null when the typed programme is invalid or could not be created.
 */
export function useProgrammeOfForm(newProgramme: NewProgrammeForm, choose: (id: string) => void) {
  const save = useSaveProgramme();
  const resolve = async (chosen: number): Promise<number | null> => {
    if (!newProgramme.values.creating) return chosen;
    const input = newProgramme.validate();
    if (!input) return null;
    try {
      const created = await save.mutateAsync({ input });
      newProgramme.reset({ ...emptyProgramme(), creating: false });
      choose(String(created.id));
      return created.id;
    } catch (e) {
      newProgramme.applyServerError(e);
      return null;
    }
  };
  return { resolve, pending: save.isPending };
}

type Props = {
  value: string | null;
  onChange: (value: string | null) => void;
  error?: string;
  newProgramme: NewProgrammeForm;
  /** The programme of an edited course, so that its name shows even if it left the list. */
  keep?: { id: number; label: string } | null;
};

/**
 * A searchable programme select grouped by provider, with «Новая программа» for a programme
 * that is not in the list yet (the admin and coordinators may add one).
 */
export function ProgrammePicker({ value, onChange, error, newProgramme, keep }: Props) {
  const me = useCurrentUser();
  const programmes = useProgrammes();
  const providers = useProviders();
  const creating = newProgramme.values.creating;
  const noProviders = providers.data !== undefined && providers.data.length === 0;
  const chosen = value ? programmes.data?.find((p) => String(p.id) === value) : undefined;

  if (creating) {
    return (
      <Paper withBorder radius="sm" p="sm" bg="gray.0">
        <Stack gap="sm">
          <Group justify="space-between">
            <Text fw={600} size="sm">
              Новая программа
            </Text>
            <Anchor component="button" type="button" size="sm" onClick={() => newProgramme.set("creating", false)}>
              Выбрать из списка
            </Anchor>
          </Group>
          {noProviders ? (
            <Text size="sm" c="red">
              В реестре нет ни одной организации ДПО.{" "}
              {me.role === "municipal_admin" ? "Добавьте её на вкладке «Организации ДПО»." : "Попросите методиста муниципалитета добавить её."}
            </Text>
          ) : null}
          <ProgrammeFields values={newProgramme.values} onChange={newProgramme.patch} errors={newProgramme.errors} providers={providers.data} compact />
        </Stack>
      </Paper>
    );
  }
  return (
    <Group align="flex-start" gap="sm" wrap="nowrap">
      <Select
        label="Программа"
        withAsterisk
        description={
          chosen
            ? `${chosen.providerName ?? ""} · ${PROGRAMME_KIND_LABELS[chosen.kind]} · ${STUDY_FORM_LABELS[chosen.form]}${chosen.federalRegister ? " · ФР ДПП" : ""}`
            : "Программы сгруппированы по организациям ДПО"
        }
        searchable
        placeholder={programmes.isPending ? "Загрузка…" : "Начните вводить название"}
        nothingFoundMessage="Нет такой программы — нажмите «Новая программа»"
        data={programmeOptions(programmes.data, keep)}
        value={value}
        error={error}
        onChange={onChange}
        maxDropdownHeight={320}
        style={{ flex: 1 }}
        comboboxProps={{ withinPortal: true }}
      />
      <Button variant="light" mt={44} onClick={() => newProgramme.set("creating", true)}>
        Новая программа
      </Button>
    </Group>
  );
}
