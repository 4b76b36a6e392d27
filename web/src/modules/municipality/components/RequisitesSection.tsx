import { Button, Group, Paper, SimpleGrid, Stack, Text, TextInput } from "@mantine/core";
import { MunicipalityUpdateInput } from "../../../../../shared/schemas.js";
import type { Municipality } from "../../../api/types.js";
import { str, useZodForm } from "../../../ui/forms.js";
import { notifySuccess } from "../../../ui/notify.js";
import { QueryState } from "../../../ui/QueryState.js";
import { useMunicipality, useSaveMunicipality } from "../hooks/useMunicipality.js";
import { RequisitesFields, type RequisitesValues } from "./RequisitesFields.js";

/** «Реквизиты»: the municipality's name and its education department's requisites for documents. */
export function RequisitesSection() {
  const municipality = useMunicipality();
  return <QueryState query={municipality}>{(m) => <RequisitesForm key={m.id} municipality={m} />}</QueryState>;
}

function RequisitesForm({ municipality: m }: { municipality: Municipality }) {
  const save = useSaveMunicipality();
  const initial: RequisitesValues & { name: string } = {
    name: m.name,
    departmentName: str(m.departmentName),
    address: str(m.address),
    phone: str(m.phone),
    email: str(m.email),
    inn: str(m.inn),
    signatoryTitle: str(m.signatoryTitle),
    signatoryName: str(m.signatoryName),
  };
  const form = useZodForm(MunicipalityUpdateInput, initial, (v) => v);
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const input = form.validate();
    if (!input) return;
    save.mutate(input, { onSuccess: () => notifySuccess("Реквизиты сохранены"), onError: form.applyServerError });
  };
  return (
    <Paper withBorder radius="md" p="md" component="form" onSubmit={submit} noValidate maw={900}>
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput
            label="Название муниципалитета"
            value={form.values.name}
            error={form.errors.name}
            onChange={(e) => form.set("name", e.currentTarget.value)}
            style={{ gridColumn: "span 2" }}
          />
          <Group grow>
            <TextInput label="Код" value={m.code} readOnly variant="filled" description="не меняется" />
            <TextInput label="Регион" value={m.regionCode} readOnly variant="filled" description="код" />
          </Group>
        </SimpleGrid>
        <RequisitesFields values={form.values} onChange={form.patch} errors={form.errors} />
        <Group justify="space-between">
          <Text size="xs" c="dimmed">
            Реквизиты органа управления образованием — для документов и отчётов муниципалитета.
          </Text>
          <Button type="submit" loading={save.isPending}>
            Сохранить
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
