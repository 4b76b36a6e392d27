import { Group, Paper, SegmentedControl, SimpleGrid, Stack, Table, Text } from "@mantine/core";
import { PersonLink } from "../../../ui/PersonLink.js";
import { Fragment } from "react";
import { ORG_KIND_SHORT, ORG_KIND_LABELS } from "../../../../../shared/domain.js";
import { DateField } from "../../../ui/DateField.js";
import { formatInt, plural } from "../../../ui/format.js";
import { QueryState } from "../../../ui/QueryState.js";
import { formatDateRange, lastCompletedAcademicYear } from "../format.js";
import { useManagementTraining } from "../hooks/usePd.js";
import { useParam } from "../hooks/useParam.js";

function Figure({ label, value, testId }: { label: string; value: number; testId?: string }) {
  return (
    <Paper withBorder radius="md" p="md">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fz={28} fw={700} lh={1.2} data-testid={testId}>
        {formatInt(value)}
      </Text>
    </Paper>
  );
}

/** «Управленческие команды»: how many organisations sent their heads and deputies on courses in a period. */
export function ManagementTab() {
  const fallback = lastCompletedAcademicYear();
  const [from, setFrom] = useParam("from", fallback.from);
  const [to, setTo] = useParam("to", fallback.to);
  const [show, setShow] = useParam("show", "all");
  const valid = !!from && !!to && from <= to;
  const report = useManagementTraining({ from, to }, valid);
  return (
    <Stack gap="md">
      <Paper withBorder radius="md" p="md">
        <Group align="flex-end" gap="sm">
          <DateField label="С" value={from} clearable={false} onChange={(v) => setFrom(v)} w={170} />
          <DateField label="По" value={to} clearable={false} error={!valid ? "Конец периода раньше начала" : undefined} onChange={(v) => setTo(v)} w={170} />
          <SegmentedControl
            mb={2}
            value={show}
            onChange={setShow}
            data={[
              { value: "all", label: "Все организации" },
              { value: "sent", label: "Направили" },
              { value: "missing", label: "Не направили" },
            ]}
          />
        </Group>
      </Paper>
      {valid ? (
        <QueryState query={report}>
          {(r) => {
            const items = r.items.filter((o) => (show === "sent" ? o.persons.length > 0 : show === "missing" ? o.persons.length === 0 : true));
            return (
              <Stack gap="md" style={{ opacity: report.isPlaceholderData ? 0.6 : 1 }}>
                <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
                  <Figure label="Организаций" value={r.organizations} testId="pd-mgmt-orgs" />
                  <Figure label="Направили управленческую команду на курсы" value={r.organizationsWithTrainedManagement} testId="pd-mgmt-sent" />
                  <Figure label="Руководителей и заместителей прошли курсы" value={r.managersTrained} />
                </SimpleGrid>
                <Paper withBorder radius="md" p="md">
                  <Text size="sm" mb="sm">
                    Курсы, завершённые {formatDateRange(r.from, r.to)}: {items.length} {plural(items.length, ["организация", "организации", "организаций"])}
                  </Text>
                  <Table.ScrollContainer minWidth={900}>
                    <Table data-testid="pd-mgmt-table">
                      <Table.Thead>
                        <Table.Tr>
                          <Table.Th miw={200}>Организация</Table.Th>
                          <Table.Th>Тип</Table.Th>
                          <Table.Th miw={240}>ФИО</Table.Th>
                          <Table.Th miw={160}>Должность</Table.Th>
                          <Table.Th>Курсы</Table.Th>
                        </Table.Tr>
                      </Table.Thead>
                      <Table.Tbody>
                        {items.map((o) =>
                          o.persons.length === 0 ? (
                            <Table.Tr key={o.organizationId}>
                              <Table.Td>{o.organization}</Table.Td>
                              <Table.Td title={ORG_KIND_LABELS[o.kind]}>{ORG_KIND_SHORT[o.kind]}</Table.Td>
                              <Table.Td colSpan={3}>
                                <Text size="sm" c="red.7">
                                  не направила
                                </Text>
                              </Table.Td>
                            </Table.Tr>
                          ) : (
                            <Fragment key={o.organizationId}>
                              {o.persons.map((p, i) => (
                                <Table.Tr key={`${o.organizationId}-${p.personId}-${p.position}`}>
                                  {i === 0 ? (
                                    <>
                                      <Table.Td rowSpan={o.persons.length} style={{ verticalAlign: "top" }}>
                                        {o.organization}
                                      </Table.Td>
                                      <Table.Td rowSpan={o.persons.length} style={{ verticalAlign: "top" }} title={ORG_KIND_LABELS[o.kind]}>
                                        {ORG_KIND_SHORT[o.kind]}
                                      </Table.Td>
                                    </>
                                  ) : null}
                                  <Table.Td>
                                    <PersonLink personId={p.personId} name={p.fullName} />
                                  </Table.Td>
                                  <Table.Td>{p.position}</Table.Td>
                                  <Table.Td>{p.courses}</Table.Td>
                                </Table.Tr>
                              ))}
                            </Fragment>
                          ),
                        )}
                      </Table.Tbody>
                    </Table>
                  </Table.ScrollContainer>
                </Paper>
              </Stack>
            );
          }}
        </QueryState>
      ) : null}
    </Stack>
  );
}
