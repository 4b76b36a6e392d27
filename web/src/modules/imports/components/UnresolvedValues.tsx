import { Badge, Group, Select, Stack, Table, Text } from "@mantine/core";
import type { ImportDecision, RefTarget, UnresolvedValue } from "../../../api/types.js";
import { formatInt, plural } from "../../../ui/format.js";

const TARGET_LABELS: Record<RefTarget, string> = {
  organization: "организация",
  position: "должность",
  subject: "предмет",
  provider: "организация ДПО",
};

/** The key a value is decided under: its column's field and the value as written. */
export const decisionKey = (d: { field: string; value: string }) => `${d.field}|${d.value}`;

/** The decision Metodist proposes for a value; without a proposal its rows stay rejected. */
export function proposedDecision(u: UnresolvedValue): ImportDecision {
  if (u.proposal?.action === "match") return { field: u.field, value: u.value, action: "match", targetId: u.proposal.targetId };
  if (u.proposal?.action === "create") return { field: u.field, value: u.value, action: "create", name: u.proposal.name };
  return { field: u.field, value: u.value, action: "reject" };
}

const optionOf = (d: ImportDecision) => (d.action === "match" ? `m:${d.targetId}` : d.action === "create" ? `c:${d.name ?? d.value}` : "r");

function decisionOf(u: UnresolvedValue, option: string): ImportDecision {
  if (option.startsWith("m:")) return { field: u.field, value: u.value, action: "match", targetId: Number(option.slice(2)) };
  if (option.startsWith("c:")) return { field: u.field, value: u.value, action: "create", name: option.slice(2) };
  return { field: u.field, value: u.value, action: "reject" };
}

/**
 * Every value of a reference column that matched no record, once, with the rows it affects:
 * the person maps it to a record (remembered for the next file), creates a record, or leaves
 * its rows out.
 */
export function UnresolvedValues({
  values,
  decisions,
  onChange,
  disabled,
}: {
  values: UnresolvedValue[];
  decisions: Map<string, ImportDecision>;
  onChange: (d: ImportDecision) => void;
  disabled?: boolean;
}) {
  return (
    <Stack gap="xs" data-testid="unresolved-values">
      <Text size="sm">
        Этих значений нет в справочниках. Решите один раз для каждого значения: сопоставьте с существующей записью (название запомнится, и следующий файл
        сопоставится сам), создайте новую запись или оставьте строки незагруженными. Затем проверьте файл снова.
      </Text>
      <Table.ScrollContainer minWidth={820}>
        <Table withTableBorder striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={170}>Столбец</Table.Th>
              <Table.Th>Значение в файле</Table.Th>
              <Table.Th w={90}>Строк</Table.Th>
              <Table.Th w={420}>Решение</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {values.map((u) => {
              const key = decisionKey(u);
              const current = decisions.get(key) ?? proposedDecision(u);
              const createName = u.proposal?.action === "create" ? u.proposal.name : u.value;
              const options = [
                ...u.candidates.map((c) => ({
                  value: `m:${c.id}`,
                  label: u.status === "ambiguous" ? `Это «${c.name}»` : `Это «${c.name}» — сходство ${Math.round(c.score * 100)} %`,
                })),
                ...(u.creatable ? [{ value: `c:${createName}`, label: `Создать: ${TARGET_LABELS[u.target]} «${createName}»` }] : []),
                { value: "r", label: "Не загружать эти строки" },
              ];
              // A proposal may name a candidate that is not among the three shown.
              const selected = options.some((o) => o.value === optionOf(current)) ? optionOf(current) : "r";
              return (
                <Table.Tr key={key} data-testid="unresolved-row" data-value={u.value}>
                  <Table.Td>
                    <Text size="sm">{u.column}</Text>
                    <Text size="xs" c="dimmed">
                      {TARGET_LABELS[u.target]}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={6}>
                      <Text size="sm" ff="monospace" style={{ whiteSpace: "pre-wrap" }}>
                        {u.value}
                      </Text>
                      {u.status === "ambiguous" ? (
                        <Badge color="orange" variant="light" size="sm">
                          неоднозначно
                        </Badge>
                      ) : null}
                    </Group>
                  </Table.Td>
                  <Table.Td title={`Строки: ${u.rows.slice(0, 20).join(", ")}${u.rows.length > 20 ? "…" : ""}`}>
                    {formatInt(u.rows.length)} {plural(u.rows.length, ["строка", "строки", "строк"])}
                  </Table.Td>
                  <Table.Td>
                    <Select
                      aria-label={`Решение для «${u.value}»`}
                      data={options}
                      value={selected}
                      allowDeselect={false}
                      disabled={disabled}
                      onChange={(v) => v && onChange(decisionOf(u, v))}
                      comboboxProps={{ withinPortal: true }}
                    />
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
