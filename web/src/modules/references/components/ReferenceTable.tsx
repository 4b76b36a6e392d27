import { ActionIcon, Badge, Button, Checkbox, CloseButton, Group, Paper, Switch, Table, Text, TextInput } from "@mantine/core";
import { useState } from "react";
import { AliasInput, ReferenceInput } from "../../../../../shared/schemas.js";
import type { ReferenceItem, ReferenceKind } from "../../../api/types.js";
import { FormModal } from "../../../ui/FormModal.js";
import { useZodForm } from "../../../ui/forms.js";
import { notifySuccess } from "../../../ui/notify.js";
import { QueryState } from "../../../ui/QueryState.js";
import { useAliases, useReferences, useSaveReference } from "../hooks/useReferences.js";
import { BulkReferenceModal, type BulkMode } from "./BulkReferenceModal.js";

const FLAG: Record<ReferenceKind, { key: "isManagement" | "isRegional"; label: string; badge: string }> = {
  positions: { key: "isManagement", label: "Руководящая должность", badge: "руководящая" },
  subjects: { key: "isRegional", label: "Региональный предмет", badge: "региональный" },
};

/** One reference list: add, rename, flag, archive and restore values. */
export function ReferenceTable({ kind }: { kind: ReferenceKind }) {
  const list = useReferences(kind);
  const save = useSaveReference(kind);
  const [showArchived, setShowArchived] = useState(false);
  const [editing, setEditing] = useState<ReferenceItem | null>(null);
  const [aliasFor, setAliasFor] = useState<ReferenceItem | null>(null);
  const [bulkMode, setBulkMode] = useState<BulkMode | null>(null);
  const aliases = useAliases(kind);
  const flag = FLAG[kind];
  const form = useZodForm(ReferenceInput, { name: "", flag: false }, (v) => ({ name: v.name, [flag.key]: v.flag }));

  const add = (e: React.FormEvent) => {
    e.preventDefault();
    const input = form.validate();
    if (!input) return;
    save.mutate(
      { input },
      {
        onSuccess: () => {
          notifySuccess("Значение добавлено");
          form.reset({ name: "", flag: false });
        },
        onError: form.applyServerError,
      },
    );
  };
  const update = (item: ReferenceItem, patch: { archived?: boolean; flag?: boolean }, message: string) =>
    save.mutate(
      { id: item.id, input: { name: item.name, ...(patch.archived !== undefined ? { archived: patch.archived } : {}), ...(patch.flag !== undefined ? { [flag.key]: patch.flag } : {}) } },
      { onSuccess: () => notifySuccess(message) },
    );

  return (
    <Paper withBorder radius="md" p="md">
      <form onSubmit={add} noValidate>
        <Group align="flex-start" gap="sm" mb="md" wrap="wrap">
          <TextInput
            placeholder={kind === "positions" ? "Новая должность" : "Новый предмет"}
            aria-label="Наименование"
            value={form.values.name}
            error={form.errors.name}
            onChange={(e) => form.set("name", e.currentTarget.value)}
            w={340}
          />
          <Checkbox mt={8} label={flag.label} checked={form.values.flag} onChange={(e) => form.set("flag", e.currentTarget.checked)} />
          <Button type="submit" loading={save.isPending && !editing}>
            Добавить
          </Button>
          <Group gap="xs" ml="auto">
            <Button variant="light" onClick={() => setBulkMode("paste")}>
              Вставить список
            </Button>
            <Button variant="light" onClick={() => setBulkMode("xlsx")}>
              Загрузить из .xlsx
            </Button>
          </Group>
        </Group>
      </form>
      <QueryState query={list}>
        {(items) => {
          const visible = items.filter((i) => showArchived || !i.archived);
          const archivedCount = items.filter((i) => i.archived).length;
          return (
            <>
              <Group justify="space-between" mb="xs">
                <Text size="sm" c="dimmed">
                  Значений: {items.length - archivedCount}
                  {archivedCount ? `, в архиве: ${archivedCount}` : ""}
                </Text>
                <Switch size="sm" label="Показывать архивные" checked={showArchived} onChange={(e) => setShowArchived(e.currentTarget.checked)} />
              </Group>
              <Table striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Наименование</Table.Th>
                    <Table.Th>Другие написания</Table.Th>
                    <Table.Th w={200}>{flag.label}</Table.Th>
                    <Table.Th w={260} />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {visible.map((item) => (
                    <Table.Tr key={item.id} c={item.archived ? "dimmed" : undefined}>
                      <Table.Td>
                        {item.name}
                        {item.archived ? (
                          <Badge size="xs" color="gray" ml={6}>
                            архив
                          </Badge>
                        ) : null}
                      </Table.Td>
                      <Table.Td>
                        <Group gap={4} wrap="wrap">
                          {item.aliases.map((a) => (
                            <Badge
                              key={a.id}
                              variant="light"
                              color="gray"
                              style={{ textTransform: "none" }}
                              pr={2}
                              rightSection={
                                <CloseButton
                                  size="xs"
                                  aria-label={`Удалить написание «${a.alias}»`}
                                  onClick={() => aliases.remove.mutate({ id: item.id, aliasId: a.id }, { onSuccess: () => notifySuccess(`Написание «${a.alias}» удалено`) })}
                                />
                              }
                            >
                              {a.alias}
                            </Badge>
                          ))}
                          <ActionIcon size="sm" variant="subtle" aria-label={`Новое написание для «${item.name}»`} title="Другое написание" onClick={() => setAliasFor(item)}>
                            +
                          </ActionIcon>
                        </Group>
                      </Table.Td>
                      <Table.Td>
                        <Checkbox
                          aria-label={flag.label}
                          checked={!!item[flag.key]}
                          onChange={(e) => update(item, { flag: e.currentTarget.checked }, "Сохранено")}
                        />
                      </Table.Td>
                      <Table.Td>
                        <Group gap={4} justify="flex-end" wrap="nowrap">
                          <Button size="compact-xs" variant="subtle" onClick={() => setEditing(item)}>
                            Переименовать
                          </Button>
                          <Button
                            size="compact-xs"
                            variant="subtle"
                            color={item.archived ? "blue" : "gray"}
                            onClick={() => update(item, { archived: !item.archived }, item.archived ? "Значение возвращено из архива" : "Значение убрано в архив")}
                          >
                            {item.archived ? "Вернуть" : "В архив"}
                          </Button>
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </>
          );
        }}
      </QueryState>
      {editing ? <RenameModal kind={kind} item={editing} onClose={() => setEditing(null)} /> : null}
      {aliasFor ? <AliasModal kind={kind} item={aliasFor} onClose={() => setAliasFor(null)} /> : null}
      {bulkMode ? <BulkReferenceModal kind={kind} mode={bulkMode} onClose={() => setBulkMode(null)} /> : null}
    </Paper>
  );
}

function RenameModal({ kind, item, onClose }: { kind: ReferenceKind; item: ReferenceItem; onClose: () => void }) {
  const save = useSaveReference(kind);
  const form = useZodForm(ReferenceInput, { name: item.name }, (v) => v);
  const submit = () => {
    const input = form.validate();
    if (!input) return;
    save.mutate(
      { id: item.id, input },
      {
        onSuccess: () => {
          notifySuccess("Значение переименовано");
          onClose();
        },
        onError: form.applyServerError,
      },
    );
  };
  return (
    <FormModal opened title="Переименовать" size="md" onClose={onClose} onSubmit={submit} loading={save.isPending}>
      <TextInput label="Наименование" data-autofocus value={form.values.name} error={form.errors.name} onChange={(e) => form.set("name", e.currentTarget.value)} />
      <Text size="xs" c="dimmed">
        Новое наименование появится во всех карточках, где используется это значение.
      </Text>
    </FormModal>
  );
}

function AliasModal({ kind, item, onClose }: { kind: ReferenceKind; item: ReferenceItem; onClose: () => void }) {
  const { add } = useAliases(kind);
  const form = useZodForm(AliasInput, { alias: "" }, (v) => v);
  const submit = () => {
    const input = form.validate();
    if (!input) return;
    add.mutate(
      { id: item.id, alias: input.alias },
      {
        onSuccess: () => {
          notifySuccess(`Написание «${input.alias}» добавлено`);
          onClose();
        },
        onError: form.applyServerError,
      },
    );
  };
  return (
    <FormModal opened title={`Другое написание: «${item.name}»`} size="md" submitLabel="Добавить" onClose={onClose} onSubmit={submit} loading={add.isPending}>
      <TextInput
        label="Другое написание"
        placeholder={kind === "positions" ? "например, зам. директора" : "например, ИЗО"}
        data-autofocus
        value={form.values.alias}
        error={form.errors.alias}
        onChange={(e) => form.set("alias", e.currentTarget.value)}
      />
      <Text size="xs" c="dimmed">
        Так значение пишут в файлах: при загрузке из Excel оно будет узнано само. Регистр, кавычки и знаки препинания не важны.
      </Text>
    </FormModal>
  );
}
