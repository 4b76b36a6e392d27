import { Button, Group, Stack, Table, Text, TextInput } from "@mantine/core";
import { useState } from "react";
import { errorMessage } from "../../../api/client.js";
import type { OrganizationCard } from "../../../api/types.js";
import { notifySuccess } from "../../../ui/notify.js";
import { Section } from "../../../ui/Section.js";
import { useAddOrganizationAlias, useDeleteOrganizationAlias } from "../hooks/useOrganizations.js";

/** Names by which schools' files call the organisation («СОШ 5», «Школа № 5»), so that imports find it. */
export function OrgAliasesSection({ organization }: { organization: OrganizationCard }) {
  const add = useAddOrganizationAlias(organization.id);
  const remove = useDeleteOrganizationAlias();
  const [alias, setAlias] = useState("");
  const [error, setError] = useState<string | undefined>();

  const submit = () => {
    const value = alias.trim();
    if (value.length < 2) {
      setError("Укажите название");
      return;
    }
    add.mutate(value, {
      onSuccess: () => {
        notifySuccess(`Название «${value}» добавлено`);
        setAlias("");
      },
      onError: (e) => setError(errorMessage(e)),
    });
  };

  return (
    <Section title="Другие названия (для загрузки файлов)">
      <Stack gap="sm" data-testid="org-aliases">
        <Text size="sm" c="dimmed">
          Так организацию называют в присылаемых таблицах. Строки с этими названиями в столбце «ОО» или «Место работы» загрузятся в эту
          организацию. Регистр, кавычки, буква «ё» и пробелы значения не имеют.
        </Text>
        {organization.aliases.length === 0 ? (
          <Text size="sm" c="dimmed">
            Других названий нет
          </Text>
        ) : (
          <Table maw={720}>
            <Table.Tbody>
              {organization.aliases.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td>{a.alias}</Table.Td>
                  <Table.Td w={100}>
                    <Group justify="flex-end">
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        color="red"
                        loading={remove.isPending && remove.variables === a.id}
                        onClick={() => remove.mutate(a.id, { onSuccess: () => notifySuccess(`Название «${a.alias}» удалено`) })}
                      >
                        Удалить
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <Group align="flex-start" gap="sm">
            <TextInput
              aria-label="Другое название"
              placeholder="Например: Школа № 5"
              value={alias}
              error={error}
              maxLength={500}
              w={420}
              onChange={(e) => {
                setAlias(e.currentTarget.value);
                setError(undefined);
              }}
            />
            <Button type="submit" variant="light" loading={add.isPending}>
              Добавить название
            </Button>
          </Group>
        </form>
      </Stack>
    </Section>
  );
}
