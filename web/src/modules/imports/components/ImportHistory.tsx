import { Anchor, Badge, Button, Paper, Stack, Table, Text } from "@mantine/core";
import { useState } from "react";
import { Link } from "react-router-dom";
import type { ImportHistoryItem } from "../../../api/types.js";
import { formatDateTime, formatInt } from "../../../ui/format.js";
import { QueryState } from "../../../ui/QueryState.js";
import { useImportHistory } from "../hooks/useImports.js";
import { IMPORT_KIND_LABELS, IMPORT_STATUS_COLORS, IMPORT_STATUS_LABELS, rejectedHref } from "../labels.js";
import { UndoImportModal } from "./UndoImportModal.js";

const num = (n: number) => (n === 0 ? <Text span size="sm" c="dimmed">0</Text> : formatInt(n));

/** Every upload of the municipality (a coordinator: own uploads), newest first, with undo. */
export function ImportHistory() {
  const history = useImportHistory();
  const [undoing, setUndoing] = useState<ImportHistoryItem | null>(null);
  return (
    <QueryState query={history}>
      {(items) => (
        <Paper withBorder radius="md" p="md">
          {items.length === 0 ? (
            <Text c="dimmed" ta="center" py="lg">
              Файлов ещё не загружали
            </Text>
          ) : (
            <Table.ScrollContainer minWidth={1080}>
              <Table striped data-testid="import-history">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Файл</Table.Th>
                    <Table.Th>Что</Table.Th>
                    <Table.Th>Кто</Table.Th>
                    <Table.Th>Когда</Table.Th>
                    <Table.Th>Статус</Table.Th>
                    <Table.Th ta="right">Строк</Table.Th>
                    <Table.Th ta="right">Создано</Table.Th>
                    <Table.Th ta="right">Обновлено</Table.Th>
                    <Table.Th ta="right" title="Строк без изменений">
                      Без изм.
                    </Table.Th>
                    <Table.Th ta="right">Ошибок</Table.Th>
                    <Table.Th />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((i) => (
                    <Table.Tr key={i.id} data-testid="import-history-row">
                      <Table.Td miw={170} style={{ overflowWrap: "anywhere" }}>
                        <Anchor component={Link} to={`/imports?id=${i.id}`} size="sm" className="table-link">
                          {i.fileName}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>{IMPORT_KIND_LABELS[i.kind]}</Table.Td>
                      <Table.Td>{i.userName ?? "—"}</Table.Td>
                      <Table.Td className="nowrap">{formatDateTime(i.createdAt)}</Table.Td>
                      <Table.Td>
                        <Stack gap={2}>
                          <Badge color={IMPORT_STATUS_COLORS[i.status]} variant="light">
                            {IMPORT_STATUS_LABELS[i.status]}
                          </Badge>
                          {i.status === "committed" && i.committedAt ? (
                            <Text size="xs" c="dimmed" className="nowrap">
                              {formatDateTime(i.committedAt)}
                            </Text>
                          ) : null}
                          {i.status === "undone" && i.undoneAt ? (
                            <Text size="xs" c="dimmed" className="nowrap">
                              {formatDateTime(i.undoneAt)}
                            </Text>
                          ) : null}
                        </Stack>
                      </Table.Td>
                      <Table.Td ta="right">{formatInt(i.totalRows)}</Table.Td>
                      <Table.Td ta="right">{num(i.created)}</Table.Td>
                      <Table.Td ta="right">{num(i.updated)}</Table.Td>
                      <Table.Td ta="right">{num(i.skipped)}</Table.Td>
                      <Table.Td ta="right">{i.rejectedCount > 0 ? <Text span size="sm" c="red.8">{formatInt(i.rejectedCount)}</Text> : num(0)}</Table.Td>
                      <Table.Td>
                        <Stack gap={2} align="flex-end">
                          <Button component={Link} to={`/imports?id=${i.id}`} size="compact-xs" variant="subtle">
                            Открыть
                          </Button>
                          {i.rejectedCount > 0 ? (
                            <Button component="a" href={rejectedHref(i.id)} download size="compact-xs" variant="subtle" title="Строки с ошибками (.xlsx)">
                              Отклонённые строки
                            </Button>
                          ) : null}
                          {i.status === "committed" ? (
                            <Button size="compact-xs" variant="subtle" color="red" onClick={() => setUndoing(i)}>
                              Отменить загрузку
                            </Button>
                          ) : null}
                        </Stack>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
          {undoing ? <UndoImportModal importId={undoing.id} fileName={undoing.fileName} onClose={() => setUndoing(null)} /> : null}
        </Paper>
      )}
    </QueryState>
  );
}
