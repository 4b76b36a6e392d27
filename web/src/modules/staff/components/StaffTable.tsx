import { Badge, Group, Stack, Table, Text, UnstyledButton } from "@mantine/core";
import { PersonLink } from "../../../ui/PersonLink.js";
import type { ReactNode } from "react";
import { CATEGORY_LABELS, EDUCATION_LEVEL_LABELS } from "../../../../../shared/domain.js";
import type { Employment, StaffListItem } from "../../../api/types.js";
import { formatExperience, formatRuDate } from "../../../ui/format.js";
import type { StaffSort } from "../filters.js";

/** A sortable column: «ascending» is what the header says (younger first for age, shorter first for experience). */
type SortColumn = { asc: StaffSort; desc: StaffSort; hint: string };
const SORT_COLUMNS = {
  name: { asc: "name", desc: "-name", hint: "Сортировать по ФИО" },
  // A later birth date is a lower age; a later start is less experience.
  age: { asc: "-birthDate", desc: "birthDate", hint: "Сортировать по возрасту (дате рождения)" },
  experience: { asc: "-pedWorkStart", desc: "pedWorkStart", hint: "Сортировать по педагогическому стажу" },
} satisfies Record<string, SortColumn>;

function SortHeader({ label, column, sort, onSort }: { label: string; column: SortColumn; sort: StaffSort; onSort: (s: StaffSort) => void }) {
  const asc = sort === column.asc;
  const desc = sort === column.desc;
  return (
    <Table.Th>
      <UnstyledButton onClick={() => onSort(asc ? column.desc : column.asc)} title={column.hint} fw={700} fz="sm" className="nowrap">
        {label} {asc ? "▲" : desc ? "▼" : <Text span c="dimmed" fz="xs">↕</Text>}
      </UnstyledButton>
    </Table.Th>
  );
}

/** One line per place of work, so that organisation, position and subjects line up. */
function PerEmployment({ employments, render }: { employments: Employment[]; render: (e: Employment) => ReactNode }) {
  if (employments.length === 0) return <Text c="dimmed" size="sm">—</Text>;
  return (
    <Stack gap={4}>
      {employments.map((e) => (
        <div key={e.id}>{render(e)}</div>
      ))}
    </Stack>
  );
}

export function StaffTable({ items, sort, onSort }: { items: StaffListItem[]; sort: StaffSort; onSort: (s: StaffSort) => void }) {
  return (
    <Table.ScrollContainer minWidth={1100}>
      <Table striped data-testid="staff-table">
        <Table.Thead>
          <Table.Tr>
            <SortHeader label="ФИО" column={SORT_COLUMNS.name} sort={sort} onSort={onSort} />
            <Table.Th>Место работы</Table.Th>
            <Table.Th>Должность</Table.Th>
            <Table.Th>Предметы</Table.Th>
            <Table.Th>Образование</Table.Th>
            <Table.Th>Категория</Table.Th>
            <SortHeader label="Возраст" column={SORT_COLUMNS.age} sort={sort} onSort={onSort} />
            <SortHeader label="Стаж" column={SORT_COLUMNS.experience} sort={sort} onSort={onSort} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((p) => (
            <Table.Tr key={p.id} data-testid="staff-row">
              <Table.Td>
                <PersonLink personId={p.id} name={p.fullName} />
                {p.young ? (
                  <div>
                    <Badge size="xs" color="green" variant="light">
                      молодой педагог
                    </Badge>
                  </div>
                ) : null}
              </Table.Td>
              <Table.Td>
                <PerEmployment
                  employments={p.employments}
                  render={(e) => (
                    <Group gap={4} wrap="nowrap">
                      <Text size="sm" data-testid="staff-org" c={e.active ? undefined : "dimmed"}>
                        {e.organizationName}
                      </Text>
                      {!e.isMain ? (
                        <Badge size="xs" variant="outline" color="grape" title="Совместительство">
                          совм.
                        </Badge>
                      ) : null}
                      {!e.active && e.dismissalDate ? (
                        <Badge size="xs" variant="light" color="gray" title={`Уволен ${formatRuDate(e.dismissalDate)}`}>
                          уволен
                        </Badge>
                      ) : null}
                    </Group>
                  )}
                />
              </Table.Td>
              <Table.Td>
                <PerEmployment employments={p.employments} render={(e) => <Text size="sm">{e.positionName}</Text>} />
              </Table.Td>
              <Table.Td>
                <PerEmployment
                  employments={p.employments}
                  render={(e) => <Text size="sm">{e.subjects.map((s) => s.name).join(", ") || "—"}</Text>}
                />
              </Table.Td>
              <Table.Td>
                <Text size="sm">{p.educationLevel ? EDUCATION_LEVEL_LABELS[p.educationLevel] : "—"}</Text>
                {p.educationLevel && !p.pedagogicalEducation ? (
                  <Text size="xs" c="dimmed">
                    не педагогическое
                  </Text>
                ) : null}
              </Table.Td>
              <Table.Td>
                {p.category ? (
                  <>
                    <Text size="sm">{CATEGORY_LABELS[p.category.category]}</Text>
                    {p.category.validUntil ? (
                      <Text size="xs" c={p.category.expired ? "red" : "dimmed"}>
                        {p.category.expired ? "истекла " : "до "}
                        {formatRuDate(p.category.validUntil)}
                      </Text>
                    ) : null}
                  </>
                ) : (
                  <Text size="sm" c="dimmed">
                    —
                  </Text>
                )}
              </Table.Td>
              <Table.Td className="nowrap">{p.age ?? "—"}</Table.Td>
              <Table.Td className="nowrap">{formatExperience(p.pedExperience)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
