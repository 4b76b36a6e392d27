import { Badge, Button, Group, Paper, Stack, Table, Text } from "@mantine/core";
import { Fragment, useState } from "react";
import { PROGRAMME_KIND_LABELS, PROVIDER_KIND_LABELS, STUDY_FORM_LABELS } from "../../../../../shared/domain.js";
import { DateField } from "../../../ui/DateField.js";
import { formatInt } from "../../../ui/format.js";
import { QueryState } from "../../../ui/QueryState.js";
import { RowAction } from "../../../ui/RecordActions.js";
import { formatDateRange, lastCompletedAcademicYear } from "../format.js";
import { useProgrammes, useProviders } from "../hooks/usePd.js";
import { useParam } from "../hooks/useParam.js";
import type { Programme, Provider } from "../types.js";
import { ProgrammeModal, ProviderModal } from "./ProviderModal.js";

type Dialog = { kind: "provider"; provider: Provider | null } | { kind: "programme"; programme: Programme | null; providerId?: number } | null;

/** A provider's programmes, loaded when its row is opened. */
function ProgrammesOf({ providerId, editable, onEdit, onAdd }: { providerId: number; editable: boolean; onEdit: (p: Programme) => void; onAdd: () => void }) {
  const programmes = useProgrammes({ providerId });
  return (
    <Stack gap="xs" p="xs">
      <QueryState query={programmes}>
        {(items) =>
          items.length === 0 ? (
            <Text size="sm" c="dimmed">
              Программ нет
            </Text>
          ) : (
            <Table withTableBorder data-testid="pd-programmes-table" bg="var(--mantine-color-body)">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Программа</Table.Th>
                  <Table.Th ta="right">Часов</Table.Th>
                  <Table.Th>Вид</Table.Th>
                  <Table.Th>Форма</Table.Th>
                  <Table.Th>ФР ДПП</Table.Th>
                  {editable ? <Table.Th /> : null}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((p) => (
                  <Table.Tr key={p.id}>
                    <Table.Td>
                      <Text size="sm">{p.title}</Text>
                      {p.topics.length ? (
                        <Text size="xs" c="dimmed">
                          {p.topics.join(", ")}
                        </Text>
                      ) : null}
                    </Table.Td>
                    <Table.Td ta="right">{p.hours ?? "—"}</Table.Td>
                    <Table.Td>
                      {PROGRAMME_KIND_LABELS[p.kind]}
                      {p.pedagogical ? (
                        <Text size="xs" c="dimmed">
                          педагогическая
                        </Text>
                      ) : null}
                    </Table.Td>
                    <Table.Td>{STUDY_FORM_LABELS[p.form]}</Table.Td>
                    <Table.Td>
                      {p.federalRegister ? (
                        <Badge size="sm" variant="light" color="indigo">
                          да{p.federalRegisterId ? `, ${p.federalRegisterId}` : ""}
                        </Badge>
                      ) : (
                        <Text size="sm" c="dimmed">
                          нет
                        </Text>
                      )}
                    </Table.Td>
                    {editable ? (
                      <Table.Td>
                        <Group justify="flex-end">
                          <RowAction onClick={() => onEdit(p)}>Изменить</RowAction>
                        </Group>
                      </Table.Td>
                    ) : null}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )
        }
      </QueryState>
      {editable ? (
        <Group>
          <Button size="xs" variant="light" onClick={onAdd}>
            Добавить программу
          </Button>
        </Group>
      ) : null}
    </Stack>
  );
}

/** «Организации ДПО»: the providers' register and their programmes; the admin edits, coordinators read. */
export function ProvidersTab({ editable }: { editable: boolean }) {
  const fallback = lastCompletedAcademicYear();
  const [from, setFrom] = useParam("from", fallback.from);
  const [to, setTo] = useParam("to", fallback.to);
  const valid = !!from && !!to && from <= to;
  const providers = useProviders(valid ? { from, to } : {});
  const [open, setOpen] = useState<Set<number>>(new Set());
  const [dialog, setDialog] = useState<Dialog>(null);
  const toggle = (id: number) =>
    setOpen((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const columns = 6;

  return (
    <Stack gap="md">
      <Paper withBorder radius="md" p="md">
        <Group justify="space-between" align="flex-end">
          <Group align="flex-end" gap="sm">
            <DateField label="Обучены с" value={from} clearable={false} onChange={(v) => setFrom(v)} w={170} />
            <DateField label="по" value={to} clearable={false} error={!valid ? "Конец периода раньше начала" : undefined} onChange={(v) => setTo(v)} w={170} />
          </Group>
          {editable ? <Button onClick={() => setDialog({ kind: "provider", provider: null })}>Добавить организацию ДПО</Button> : null}
        </Group>
      </Paper>
      <QueryState query={providers}>
        {(items) => (
          <Paper withBorder radius="md" p="md" style={{ opacity: providers.isPlaceholderData ? 0.6 : 1 }}>
            <Text size="sm" mb="sm">
              Организаций ДПО: <b>{items.length}</b>
              {valid ? `; обучены — педагоги, завершившие курсы ${formatDateRange(from, to)}` : ""}
            </Text>
            {items.length === 0 ? (
              <Text c="dimmed" ta="center" py="lg">
                Реестр пуст{editable ? ": добавьте организации, где педагоги проходят курсы" : ""}
              </Text>
            ) : (
              <Table.ScrollContainer minWidth={960}>
                <Table data-testid="pd-providers-table">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Организация ДПО</Table.Th>
                      <Table.Th>Вид</Table.Th>
                      <Table.Th>Другие названия</Table.Th>
                      <Table.Th ta="right">Обучено, чел.</Table.Th>
                      <Table.Th ta="right">Программ с курсами</Table.Th>
                      <Table.Th />
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {items.map((p) => (
                      <Fragment key={p.id}>
                        <Table.Tr data-testid="pd-provider-row">
                          <Table.Td maw={360}>
                            <Text size="sm" fw={500}>
                              {p.shortName}
                            </Text>
                            <Text size="xs" c="dimmed" lineClamp={2} title={p.name}>
                              {p.name}
                            </Text>
                          </Table.Td>
                          <Table.Td>{PROVIDER_KIND_LABELS[p.kind]}</Table.Td>
                          <Table.Td maw={280}>
                            <Group gap={4}>
                              {p.aliases.length ? (
                                p.aliases.map((a) => (
                                  <Badge key={a.id} size="sm" variant="outline" color="gray" title={a.alias} maw={260}>
                                    {a.alias}
                                  </Badge>
                                ))
                              ) : (
                                <Text size="sm" c="dimmed">
                                  —
                                </Text>
                              )}
                            </Group>
                          </Table.Td>
                          <Table.Td ta="right">{formatInt(p.trainedPersons)}</Table.Td>
                          <Table.Td ta="right">{formatInt(p.programmesUsed)}</Table.Td>
                          <Table.Td>
                            <Group gap={4} justify="flex-end" wrap="nowrap">
                              <Button size="compact-xs" variant={open.has(p.id) ? "light" : "subtle"} onClick={() => toggle(p.id)}>
                                {open.has(p.id) ? "Скрыть программы" : "Программы"}
                              </Button>
                              {editable ? (
                                <RowAction onClick={() => setDialog({ kind: "provider", provider: p })}>Изменить</RowAction>
                              ) : null}
                            </Group>
                          </Table.Td>
                        </Table.Tr>
                        {open.has(p.id) ? (
                          <Table.Tr bg="var(--mantine-color-gray-0)">
                            <Table.Td colSpan={columns}>
                              <ProgrammesOf
                                providerId={p.id}
                                editable={editable}
                                onEdit={(programme) => setDialog({ kind: "programme", programme })}
                                onAdd={() => setDialog({ kind: "programme", programme: null, providerId: p.id })}
                              />
                            </Table.Td>
                          </Table.Tr>
                        ) : null}
                      </Fragment>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
          </Paper>
        )}
      </QueryState>
      {dialog?.kind === "provider" ? <ProviderModal provider={dialog.provider} onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === "programme" ? <ProgrammeModal programme={dialog.programme} providerId={dialog.providerId} onClose={() => setDialog(null)} /> : null}
    </Stack>
  );
}
