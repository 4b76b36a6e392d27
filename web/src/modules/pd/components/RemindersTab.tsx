import { Anchor, Badge, Group, Paper, SegmentedControl, Stack, Table, Text, Title } from "@mantine/core";
import { Link } from "react-router-dom";
import { COMPLETION_STATUS_LABELS } from "../../../../../shared/domain.js";
import { formatRuDate, plural } from "../../../ui/format.js";
import { QueryState } from "../../../ui/QueryState.js";
import { dateOrDash } from "../format.js";
import { usePdReminders } from "../hooks/usePd.js";
import { useParam } from "../hooks/useParam.js";
import { PdStatusBadge } from "./PdStatusBadge.js";

const MONTHS = ["3", "6", "12"];

/** «Напоминания»: who falls due within N months, and courses whose end passed without confirmation. */
export function RemindersTab({ showOrganization }: { showOrganization: boolean }) {
  const [monthsParam, setMonths] = useParam("months", "6");
  const months = MONTHS.includes(monthsParam) ? Number(monthsParam) : 6;
  const reminders = usePdReminders(months);
  return (
    <Stack gap="md">
      <Paper withBorder radius="md" p="md">
        <Group gap="sm">
          <Text size="sm">Курсы нужны в ближайшие</Text>
          <SegmentedControl
            size="sm"
            value={String(months)}
            onChange={setMonths}
            data={MONTHS.map((m) => ({ value: m, label: `${m} мес.` }))}
            aria-label="Горизонт напоминаний"
          />
        </Group>
      </Paper>
      <QueryState query={reminders}>
        {(r) => (
          <Stack gap="md" style={{ opacity: reminders.isPlaceholderData ? 0.6 : 1 }}>
            <Paper withBorder radius="md" p="md">
              <Group justify="space-between" mb="sm">
                <Title order={4}>Скоро нужны курсы</Title>
                <Text size="sm" c="dimmed">
                  до {formatRuDate(addMonths(r.asOf, r.months))}: {r.dueSoon.length} {plural(r.dueSoon.length, ["педагог", "педагога", "педагогов"])}
                </Text>
              </Group>
              {r.dueSoon.length === 0 ? (
                <Text size="sm" c="dimmed">
                  Ни у кого не подходит срок курсов
                </Text>
              ) : (
                <Table.ScrollContainer minWidth={700}>
                  <Table striped data-testid="pd-due-soon">
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>ФИО</Table.Th>
                        {showOrganization ? <Table.Th>Организация</Table.Th> : null}
                        <Table.Th>Курсы нужны до</Table.Th>
                        <Table.Th>Статус</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {r.dueSoon.map((p) => (
                        <Table.Tr key={p.personId}>
                          <Table.Td>
                            <Anchor component={Link} to={`/staff/${p.personId}`} size="sm" className="table-link">
                              {p.fullName}
                            </Anchor>
                          </Table.Td>
                          {showOrganization ? <Table.Td>{p.organization}</Table.Td> : null}
                          <Table.Td className="nowrap">{p.dueDate ? formatRuDate(p.dueDate) : "курсов не было"}</Table.Td>
                          <Table.Td>
                            <PdStatusBadge status={p.status} size="sm" />
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              )}
            </Paper>
            <Paper withBorder radius="md" p="md">
              <Group justify="space-between" mb="sm">
                <Title order={4}>Курсы не подтверждены</Title>
                <Text size="sm" c="dimmed">
                  запланированы или идут, хотя дата окончания прошла
                </Text>
              </Group>
              {r.unconfirmed.length === 0 ? (
                <Text size="sm" c="dimmed">
                  Неподтверждённых курсов нет
                </Text>
              ) : (
                <Table.ScrollContainer minWidth={700}>
                  <Table striped data-testid="pd-unconfirmed">
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>ФИО</Table.Th>
                        <Table.Th>Программа</Table.Th>
                        <Table.Th>Окончание</Table.Th>
                        <Table.Th>Статус</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {r.unconfirmed.map((c) => (
                        <Table.Tr key={c.completionId}>
                          <Table.Td>
                            <Anchor component={Link} to={`/staff/${c.personId}`} size="sm" className="table-link">
                              {c.fullName}
                            </Anchor>
                          </Table.Td>
                          <Table.Td>{c.title}</Table.Td>
                          <Table.Td className="nowrap">{dateOrDash(c.dateTo)}</Table.Td>
                          <Table.Td>
                            <Badge size="sm" variant="light" color="orange">
                              {COMPLETION_STATUS_LABELS[c.status]}
                            </Badge>
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              )}
            </Paper>
          </Stack>
        )}
      </QueryState>
    </Stack>
  );
}

function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split("-").map(Number);
  const total = y * 12 + (m - 1) + months;
  const last = new Date(Date.UTC(Math.floor(total / 12), (total % 12) + 1, 0)).getUTCDate();
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`;
}
