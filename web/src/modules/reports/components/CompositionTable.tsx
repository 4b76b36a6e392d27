import { Table, Text } from "@mantine/core";
import type { CompositionRow } from "../../../api/types.js";
import { formatInt, formatPercent } from "../../../ui/format.js";

export type LabelledRow = { key: string; label: string; row: CompositionRow; total?: boolean };

function Share({ share, count }: { share: number | null; count: number }) {
  return (
    <>
      <Text size="sm" span fw={500}>
        {formatPercent(share)}
      </Text>
      <Text size="xs" c="dimmed">
        {formatInt(count)} чел.
      </Text>
    </>
  );
}

/** The staff composition of seed 002 §2: organisations, staff and three shares per line. */
export function CompositionTable({ rows, firstColumn }: { rows: LabelledRow[]; firstColumn: string }) {
  return (
    <Table.ScrollContainer minWidth={820}>
      <Table data-testid="composition-table" withTableBorder withColumnBorders>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{firstColumn}</Table.Th>
            <Table.Th ta="right">Организаций</Table.Th>
            <Table.Th ta="right">Педагогов</Table.Th>
            <Table.Th ta="right">С высшим образованием</Table.Th>
            <Table.Th ta="right">С первой или высшей категорией</Table.Th>
            <Table.Th ta="right">Моложе 35 лет</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map(({ key, label, row, total }) => (
            <Table.Tr key={key} fw={total ? 700 : undefined} bg={total ? "var(--mantine-color-gray-1)" : undefined} data-testid={total ? "composition-total" : "composition-row"}>
              <Table.Td>{label}</Table.Td>
              <Table.Td ta="right">{formatInt(row.organizations)}</Table.Td>
              <Table.Td ta="right" data-testid={total ? "composition-total-staff" : undefined}>
                {formatInt(row.staff)}
              </Table.Td>
              <Table.Td ta="right">
                <Share share={row.higherEducationShare} count={row.higherEducation} />
              </Table.Td>
              <Table.Td ta="right">
                <Share share={row.categoryShare} count={row.category} />
              </Table.Td>
              <Table.Td ta="right">
                <Share share={row.under35Share} count={row.under35} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
