import { Badge, Group, Paper, SegmentedControl, Stack, Table, Text, Title } from "@mantine/core";
import { COMPLETION_STATUS_LABELS } from "../../../../../shared/domain.js";
import { formatRuDate, plural } from "../../../ui/format.js";
import { PersonLink } from "../../../ui/PersonLink.js";
import { QueryState } from "../../../ui/QueryState.js";
import { RecordTable } from "../../../ui/RecordTable.js";
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
                <RecordTable
                  striped
                  testId="pd-due-soon"
                  minWidth={700}
                  records={r.dueSoon.map((p) => ({ ...p, id: p.personId }))}
                  head={
                    <>
                      <Table.Th>ФИО</Table.Th>
                      {showOrganization ? <Table.Th>Организация</Table.Th> : null}
                      <Table.Th>Курсы нужны до</Table.Th>
                      <Table.Th>Статус</Table.Th>
                    </>
                  }
                  cells={(p) => (
                    <>
                      <Table.Td>
                        <PersonLink personId={p.personId} name={p.fullName} />
                      </Table.Td>
                      {showOrganization ? <Table.Td>{p.organization}</Table.Td> : null}
                      <Table.Td className="nowrap">{p.dueDate ? formatRuDate(p.dueDate) : "курсов не было"}</Table.Td>
                      <Table.Td>
                        <PdStatusBadge status={p.status} size="sm" />
                      </Table.Td>
                    </>
                  )}
                />
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
                <RecordTable
                  striped
                  testId="pd-unconfirmed"
                  minWidth={700}
                  records={r.unconfirmed.map((c) => ({ ...c, id: c.completionId }))}
                  head={
                    <>
                      <Table.Th>ФИО</Table.Th>
                      <Table.Th>Программа</Table.Th>
                      <Table.Th>Окончание</Table.Th>
                      <Table.Th>Статус</Table.Th>
                    </>
                  }
                  cells={(c) => (
                    <>
                      <Table.Td>
                        <PersonLink personId={c.personId} name={c.fullName} />
                      </Table.Td>
                      <Table.Td>{c.title}</Table.Td>
                      <Table.Td className="nowrap">{dateOrDash(c.dateTo)}</Table.Td>
                      <Table.Td>
                        <Badge size="sm" variant="light" color="orange">
                          {COMPLETION_STATUS_LABELS[c.status]}
                        </Badge>
                      </Table.Td>
                    </>
                  )}
                />
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
