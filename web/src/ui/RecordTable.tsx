import type { ReactNode } from "react";
import { Table } from "@mantine/core";

/**
 * A card section's table of records: `head` gives the header cells, `cells` a row's cells; with
 * `actions` a last, unnamed column holds each row's actions (leave it out where the user may not edit).
 */
export function RecordTable<T extends { id: number }>({
  records,
  minWidth,
  head,
  cells,
  actions,
  testId,
  rowTestId,
  rowColor,
  striped,
}: {
  records: T[];
  minWidth: number;
  head: ReactNode;
  cells: (record: T) => ReactNode;
  actions?: (record: T) => ReactNode;
  testId?: string;
  rowTestId?: string;
  rowColor?: (record: T) => string | undefined;
  striped?: boolean;
}) {
  return (
    <Table.ScrollContainer minWidth={minWidth}>
      <Table data-testid={testId} striped={striped}>
        <Table.Thead>
          <Table.Tr>
            {head}
            {actions ? <Table.Th /> : null}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {records.map((r) => (
            <Table.Tr key={r.id} data-testid={rowTestId} c={rowColor?.(r)}>
              {cells(r)}
              {actions ? <Table.Td>{actions(r)}</Table.Td> : null}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
