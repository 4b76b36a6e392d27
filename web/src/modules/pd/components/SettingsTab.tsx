import { Button, Group, NumberInput, Paper, Stack, Text } from "@mantine/core";
import { PdSettingsInput } from "../../../../../shared/schemas.js";
import { useZodForm } from "../../../ui/forms.js";
import { notifySuccess } from "../../../ui/notify.js";
import { QueryState } from "../../../ui/QueryState.js";
import { usePdSettings, useSavePdSettings } from "../hooks/usePd.js";
import type { PdSettings } from "../types.js";

function SettingsForm({ settings }: { settings: PdSettings }) {
  const save = useSavePdSettings();
  const form = useZodForm(PdSettingsInput, { pdPeriodYears: settings.pdPeriodYears as number | string, pdMinHours: settings.pdMinHours as number | string }, (v) => ({
    pdPeriodYears: v.pdPeriodYears === "" ? undefined : v.pdPeriodYears,
    pdMinHours: v.pdMinHours === "" ? undefined : v.pdMinHours,
  }));
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const input = form.validate();
    if (!input) return;
    save.mutate(input, { onSuccess: () => notifySuccess("Правило сохранено: статусы пересчитаны"), onError: form.applyServerError });
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md" maw={560}>
        <Text size="sm" c="dimmed">
          Педагог должен проходить курсы повышения квалификации не реже одного раза за указанный период; курсы короче минимума часов правило не засчитывает.
          Статусы не хранятся, а считаются на дату, поэтому новое правило сразу действует во всех списках и отчётах.
        </Text>
        <Group align="flex-start" gap="md">
          <NumberInput
            label="Период, лет"
            withAsterisk
            min={1}
            max={10}
            allowDecimal={false}
            allowNegative={false}
            value={form.values.pdPeriodYears}
            error={form.errors.pdPeriodYears}
            onChange={(v) => form.set("pdPeriodYears", v)}
            w={180}
          />
          <NumberInput
            label="Минимум часов"
            withAsterisk
            min={1}
            max={500}
            allowDecimal={false}
            allowNegative={false}
            value={form.values.pdMinHours}
            error={form.errors.pdMinHours}
            onChange={(v) => form.set("pdMinHours", v)}
            w={180}
          />
        </Group>
        <Group>
          <Button type="submit" loading={save.isPending}>
            Сохранить
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** «Настройки»: the period and the minimum hours of the three-year rule, for the municipality. */
export function SettingsTab() {
  const settings = usePdSettings();
  return (
    <Paper withBorder radius="md" p="md">
      <QueryState query={settings}>{(s) => <SettingsForm settings={s} />}</QueryState>
    </Paper>
  );
}
