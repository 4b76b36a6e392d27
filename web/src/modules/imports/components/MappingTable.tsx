import { Badge, Group, Select, Table, Text } from "@mantine/core";
import type { ColumnMapping, ImportDescription } from "../../../api/types.js";
import { columnLetter } from "../labels.js";
import type { MappingCheck } from "../mapping.js";

// Mantine's Select keeps "" for «nothing chosen»; this is an explicit choice instead.
const SKIP = "__skip__";

/**
 * The file's columns side by side, as in Excel: the header text, the field it goes to, and the
 * first rows of data under it. Columns that are not loaded are greyed out.
 */
export function MappingTable({
  description: d,
  mapping,
  check,
  disabled,
  onChange,
}: {
  description: ImportDescription;
  mapping: ColumnMapping;
  check: MappingCheck;
  disabled?: boolean;
  onChange: (columnIndex: number, field: string | null) => void;
}) {
  const options = [{ value: SKIP, label: "— не загружать —" }, ...d.fields.map((f) => ({ value: f.key, label: f.label }))];
  const skipped = (index: number) => !mapping[String(index)];
  const cellStyle = (index: number) => ({
    minWidth: 190,
    maxWidth: 280,
    verticalAlign: "top" as const,
    background: skipped(index) ? "var(--mantine-color-gray-1)" : undefined,
  });
  // The row captions stay in view while a wide file scrolls sideways.
  const captionStyle = {
    verticalAlign: "top" as const,
    position: "sticky" as const,
    left: 0,
    zIndex: 1,
    background: "var(--mantine-color-body)",
    boxShadow: "inset -1px 0 0 var(--mantine-color-gray-3)",
  };

  return (
    <Table.ScrollContainer minWidth={160 + d.columns.length * 190}>
      <Table withColumnBorders withTableBorder highlightOnHover={false} data-testid="mapping-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={150} miw={130} style={captionStyle}>
              <Text size="xs" c="dimmed" fw={400}>
                Заголовок в файле
              </Text>
            </Table.Th>
            {d.columns.map((c) => (
              <Table.Th key={c.index} style={cellStyle(c.index)}>
                <Group gap={6} wrap="nowrap" align="flex-start">
                  <Badge size="xs" variant="outline" color="gray" title={`Столбец ${columnLetter(c.index)} в файле`}>
                    {columnLetter(c.index)}
                  </Badge>
                  <Text size="sm" fw={600} c={skipped(c.index) ? "dimmed" : undefined} style={{ whiteSpace: "pre-line", overflowWrap: "break-word" }}>
                    {c.header || "(без заголовка)"}
                  </Text>
                </Group>
              </Table.Th>
            ))}
          </Table.Tr>
          <Table.Tr>
            <Table.Th style={captionStyle}>
              <Text size="xs" c="dimmed" fw={400}>
                Поле в системе
              </Text>
            </Table.Th>
            {d.columns.map((c) => {
              const value = mapping[String(c.index)] ?? null;
              return (
                <Table.Th key={c.index} style={cellStyle(c.index)}>
                  <Select
                    size="xs"
                    aria-label={`Поле для столбца «${c.header || columnLetter(c.index)}»`}
                    data={options}
                    value={value ?? SKIP}
                    allowDeselect={false}
                    disabled={disabled}
                    searchable
                    nothingFoundMessage="Нет такого поля"
                    error={check.duplicates.has(c.index) ? "Это поле выбрано и для другого столбца" : undefined}
                    onChange={(v) => onChange(c.index, !v || v === SKIP ? null : v)}
                    styles={{ input: { fontWeight: value ? 500 : 400, color: value ? undefined : "var(--mantine-color-dimmed)" } }}
                  />
                </Table.Th>
              );
            })}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {d.sample.length === 0 ? (
            <Table.Tr>
              <Table.Td colSpan={d.columns.length + 1}>
                <Text size="sm" c="dimmed">
                  Под заголовком нет строк с данными
                </Text>
              </Table.Td>
            </Table.Tr>
          ) : (
            d.sample.map((row, r) => (
              <Table.Tr key={r}>
                <Table.Td style={captionStyle}>
                  <Text size="xs" c="dimmed">
                    {r === 0 ? "Первые строки" : ""}
                  </Text>
                </Table.Td>
                {d.columns.map((c, i) => (
                  <Table.Td key={c.index} style={cellStyle(c.index)}>
                    <Text size="sm" c={skipped(c.index) ? "dimmed" : undefined} lineClamp={2} title={row[i] ?? ""} style={{ overflowWrap: "break-word" }}>
                      {row[i] ?? ""}
                    </Text>
                  </Table.Td>
                ))}
              </Table.Tr>
            ))
          )}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
