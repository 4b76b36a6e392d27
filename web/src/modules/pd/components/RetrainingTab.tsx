import { Group, Paper, Stack, Table, Text } from "@mantine/core";
import { PersonLink } from "../../../ui/PersonLink.js";
import { Fragment } from "react";
import { EDUCATION_LEVEL_LABELS, type EducationLevel } from "../../../../../shared/domain.js";
import { DateField } from "../../../ui/DateField.js";
import { formatInt, formatRuDate, orDash, plural, todayIso } from "../../../ui/format.js";
import { QueryState } from "../../../ui/QueryState.js";
import { useRetrainingNeeds } from "../hooks/usePd.js";
import { useParam } from "../hooks/useParam.js";

/** «Переподготовка»: staff without pedagogical education and without pedagogical retraining, by organisation. */
export function RetrainingTab() {
  const [asOf, setAsOf] = useParam("asOf");
  const needs = useRetrainingNeeds(asOf || undefined);
  return (
    <Stack gap="md">
      <Paper withBorder radius="md" p="md">
        <Group align="flex-end" gap="sm">
          <DateField label="На дату" placeholder="сегодня" value={asOf || null} onChange={(v) => setAsOf(v && v !== todayIso() ? v : null)} w={170} />
          <Text size="sm" c="dimmed" mb={8}>
            Педагоги (кроме руководителей), у которых образование не педагогическое и нет завершённой педагогической переподготовки.
          </Text>
        </Group>
      </Paper>
      <QueryState query={needs}>
        {(n) => (
          <Paper withBorder radius="md" p="md" style={{ opacity: needs.isPlaceholderData ? 0.6 : 1 }}>
            <Text size="sm" mb="sm" data-testid="pd-retraining-total">
              На {formatRuDate(n.asOf)} нуждаются в переподготовке: <b>{formatInt(n.total)}</b> {plural(n.total, ["педагог", "педагога", "педагогов"])} в{" "}
              {n.organizations.length} {plural(n.organizations.length, ["организации", "организациях", "организациях"])}
            </Text>
            {n.total === 0 ? (
              <Text c="dimmed" size="sm">
                Таких педагогов нет
              </Text>
            ) : (
              <Table.ScrollContainer minWidth={800}>
                <Table data-testid="pd-retraining-table">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>ФИО</Table.Th>
                      <Table.Th>Должность</Table.Th>
                      <Table.Th>Образование (специальность)</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {n.organizations.map((o) => (
                      <Fragment key={o.organization}>
                        <Table.Tr bg="var(--mantine-color-gray-1)">
                          <Table.Td colSpan={3}>
                            <Text fw={600} size="sm">
                              {o.organization}{" "}
                              <Text span c="dimmed" size="sm" fw={400}>
                                — {o.persons.length} {plural(o.persons.length, ["педагог", "педагога", "педагогов"])}
                              </Text>
                            </Text>
                          </Table.Td>
                        </Table.Tr>
                        {o.persons.map((p) => (
                          <Table.Tr key={`${o.organization}-${p.personId}-${p.position}`}>
                            <Table.Td>
                              <PersonLink personId={p.personId} name={p.fullName} />
                            </Table.Td>
                            <Table.Td>{p.position}</Table.Td>
                            <Table.Td>{orDash(educationText(p.education))}</Table.Td>
                          </Table.Tr>
                        ))}
                      </Fragment>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
          </Paper>
        )}
      </QueryState>
    </Stack>
  );
}

/** The server lists specialities, or the institution, or the bare level («higher») when nothing else is known. */
function educationText(s: string | null): string | null {
  if (!s) return null;
  return s
    .split("; ")
    .map((part) => EDUCATION_LEVEL_LABELS[part as EducationLevel] ?? part)
    .join("; ");
}
