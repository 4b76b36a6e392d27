import { Alert, Badge, Button, FileInput, Group, List, Modal, ScrollArea, Stack, Table, Text, Textarea } from "@mantine/core";
import { useState } from "react";
import { ApiError, errorMessage } from "../../../api/client.js";
import type { ReferenceBulkResult, ReferenceKind } from "../../../api/types.js";
import { notifySuccess } from "../../../ui/notify.js";
import { useBulkReferences, type BulkSource } from "../hooks/useReferences.js";

export type BulkMode = "paste" | "xlsx";

const ACTION: Record<ReferenceBulkResult["rows"][number]["action"], { label: string; color: string }> = {
  create: { label: "новое значение", color: "teal" },
  aliases: { label: "добавятся написания", color: "blue" },
  exists: { label: "уже есть", color: "gray" },
};

const EXAMPLE = {
  positions: "учитель-логопед; логопед; учитель логопед\nпедагог-наставник\nтьютор; тьютер",
  subjects: "кубановедение; кубановед.\nастрономия; астрономии\nИЗО",
};

/**
 * «Вставить список» / «Загрузить из .xlsx»: one value per line (or row), other spellings after
 * «;» (or in the next columns). First a preview of what will be created, added or is already
 * there; then «Применить» writes it all in one transaction.
 */
export function BulkReferenceModal({ kind, mode, onClose }: { kind: ReferenceKind; mode: BulkMode; onClose: () => void }) {
  const bulk = useBulkReferences(kind);
  const [text, setText] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<ReferenceBulkResult | null>(null);
  const source: BulkSource | null = mode === "paste" ? (text.trim() ? { text } : null) : file ? { file } : null;

  const check = (s: BulkSource | null = source) => {
    setPreview(null);
    if (s) bulk.mutate({ source: s, apply: false }, { onSuccess: setPreview });
  };
  const apply = () => {
    if (!source) return;
    bulk.mutate(
      { source, apply: true },
      {
        onSuccess: (r) => {
          notifySuccess(`Справочник обновлён: новых значений ${r.summary.created}, новых написаний ${r.summary.aliasesAdded}`);
          onClose();
        },
      },
    );
  };
  const nothingToDo = preview !== null && preview.summary.created === 0 && preview.summary.aliasesAdded === 0;
  const details = bulk.error instanceof ApiError ? bulk.error.details : [];

  return (
    <Modal opened onClose={onClose} title={mode === "paste" ? "Вставить список" : "Загрузить список из .xlsx"} size="xl" centered>
      <Stack gap="sm">
        {mode === "paste" ? (
          <>
            <Text size="sm" c="dimmed">
              Одно значение в строке. Другие написания — через точку с запятой: «Название; другое написание; ещё одно». Можно
              вставить столбцы, скопированные из Excel. Значения, которые уже есть, не повторяются.
            </Text>
            <Textarea
              aria-label="Список"
              placeholder={EXAMPLE[kind]}
              autosize
              minRows={8}
              maxRows={18}
              value={text}
              onChange={(e) => {
                setText(e.currentTarget.value);
                setPreview(null);
              }}
              styles={{ input: { fontFamily: "var(--mantine-font-family-monospace)" } }}
            />
          </>
        ) : (
          <>
            <Text size="sm" c="dimmed">
              Первый столбец — значение, следующие столбцы — другие написания. Строка заголовка («Наименование») пропускается.
            </Text>
            <FileInput
              label="Файл .xlsx или .csv"
              placeholder="Выберите файл"
              accept=".xlsx,.csv"
              clearable
              value={file}
              onChange={(f) => {
                setFile(f);
                if (f) check({ file: f });
                else setPreview(null);
              }}
            />
          </>
        )}

        {bulk.isError ? (
          <Alert color="red" title="Список не принят, ничего не записано" data-testid="bulk-error">
            {details.length > 0 ? (
              <List size="sm" spacing={2}>
                {details.slice(0, 20).map((d, i) => (
                  <List.Item key={i}>{d.message}</List.Item>
                ))}
                {details.length > 20 ? <List.Item>… и ещё {details.length - 20}</List.Item> : null}
              </List>
            ) : (
              errorMessage(bulk.error)
            )}
          </Alert>
        ) : null}

        {preview ? (
          <>
            <Group gap="xs" data-testid="bulk-summary">
              <Badge color="teal" variant="light">
                новых значений: {preview.summary.created}
              </Badge>
              <Badge color="blue" variant="light">
                новых написаний: {preview.summary.aliasesAdded}
              </Badge>
              <Badge color="gray" variant="light">
                уже есть: {preview.summary.unchanged}
              </Badge>
            </Group>
            <ScrollArea.Autosize mah={360}>
              <Table striped fz="sm">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={70}>Строка</Table.Th>
                    <Table.Th>Значение</Table.Th>
                    <Table.Th>Что будет</Table.Th>
                    <Table.Th>Другие написания</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {preview.rows.map((r) => (
                    <Table.Tr key={r.line}>
                      <Table.Td>{r.line}</Table.Td>
                      <Table.Td>
                        {r.name}
                        {r.matchedByAlias ? (
                          <Text size="xs" c="dimmed">
                            это «{r.value}»
                          </Text>
                        ) : null}
                      </Table.Td>
                      <Table.Td>
                        <Badge size="sm" color={ACTION[r.action].color} variant="light">
                          {ACTION[r.action].label}
                        </Badge>
                        {r.archived ? (
                          <Badge size="sm" color="gray" ml={4}>
                            в архиве
                          </Badge>
                        ) : null}
                      </Table.Td>
                      <Table.Td>
                        {r.newAliases.map((a) => (
                          <Badge key={a} size="sm" variant="outline" mr={4} style={{ textTransform: "none" }}>
                            + {a}
                          </Badge>
                        ))}
                        {r.knownAliases.map((a) => (
                          <Badge key={a} size="sm" color="gray" variant="outline" mr={4} style={{ textTransform: "none" }}>
                            {a} (уже есть)
                          </Badge>
                        ))}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollArea.Autosize>
          </>
        ) : null}

        <Group justify="flex-end" mt="xs">
          <Button variant="default" onClick={onClose}>
            Отмена
          </Button>
          {mode === "paste" ? (
            <Button variant="light" onClick={() => check()} disabled={!source} loading={bulk.isPending && !preview}>
              Проверить
            </Button>
          ) : null}
          <Button onClick={apply} disabled={!preview || nothingToDo} loading={bulk.isPending && preview !== null}>
            {nothingToDo ? "Добавлять нечего" : "Применить"}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
