import { Group, Pagination, Paper, SimpleGrid, Table, Text } from "@mantine/core";
import { useState } from "react";
import type { RowError } from "../../../api/types.js";
import { formatInt } from "../../../ui/format.js";

const PAGE_SIZE = 20;

export type Tile = { label: string; value: number; color?: string; testId?: string };

/** Big numbers in a row: «будет создано», «обновлено», … */
export function CountTiles({ tiles }: { tiles: Tile[] }) {
  return (
    <SimpleGrid cols={{ base: 2, sm: tiles.length }} spacing="sm">
      {tiles.map((t) => (
        <Paper key={t.label} withBorder radius="md" p="sm" data-testid={t.testId}>
          <Text fz={28} fw={700} lh={1.2} c={t.value > 0 ? t.color : "dimmed"}>
            {formatInt(t.value)}
          </Text>
          <Text size="sm" c="dimmed">
            {t.label}
          </Text>
        </Paper>
      ))}
    </SimpleGrid>
  );
}

/**
 * Every problem as the user finds it in Excel: row number, column header, the value as it is
 * in the file (plain text), and what is wrong.
 */
export function RowErrorsTable({ errors, warnings = false }: { errors: RowError[]; warnings?: boolean }) {
  const [page, setPage] = useState(1);
  const pages = Math.max(1, Math.ceil(errors.length / PAGE_SIZE));
  const current = Math.min(page, pages);
  const shown = errors.slice((current - 1) * PAGE_SIZE, current * PAGE_SIZE);
  return (
    <>
      <Table.ScrollContainer minWidth={760}>
        <Table striped withTableBorder data-testid={warnings ? "import-warnings" : "import-errors"}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={80}>Строка</Table.Th>
              <Table.Th w={200}>Столбец</Table.Th>
              <Table.Th w={240}>Значение</Table.Th>
              <Table.Th>{warnings ? "Предупреждение" : "Ошибка"}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((e, i) => (
              <Table.Tr key={`${e.row}-${e.column}-${i}`}>
                <Table.Td>{e.row}</Table.Td>
                <Table.Td>{e.column}</Table.Td>
                <Table.Td style={{ overflowWrap: "anywhere" }}>
                  {e.value === "" ? (
                    <Text span size="sm" c="dimmed">
                      (пусто)
                    </Text>
                  ) : (
                    <Text span size="sm" ff="monospace" style={{ whiteSpace: "pre-wrap" }}>
                      {e.value}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{e.message}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {pages > 1 ? (
        <Group justify="space-between" mt="sm">
          <Pagination total={pages} value={current} onChange={setPage} size="sm" />
          <Text size="sm" c="dimmed">
            {warnings ? "Предупреждений" : "Ошибок"}: {formatInt(errors.length)}
          </Text>
        </Group>
      ) : null}
    </>
  );
}
