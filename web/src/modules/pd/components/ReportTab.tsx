import { Button, Group, Paper, Select, SimpleGrid, Stack, Table, Text } from "@mantine/core";
import { ORG_KIND_LABELS, ORG_KINDS } from "../../../../../shared/domain.js";
import { PeriodQuery } from "../../../../../shared/schemas.js";
import { DateField } from "../../../ui/DateField.js";
import { zodFieldErrors } from "../../../ui/forms.js";
import { formatInt, formatPercent, formatRuDate } from "../../../ui/format.js";
import { optionsOf } from "../../../ui/options.js";
import { QueryState } from "../../../ui/QueryState.js";
import { decimal, lastCompletedAcademicYear } from "../format.js";
import { reportUrl, usePdReport, type ReportParams } from "../hooks/usePd.js";
import { useParam } from "../hooks/useParam.js";
import type { BreakdownRow, PdReport } from "../types.js";
import { CountBarChart } from "./CountBarChart.js";

const REGIONAL = "#228be6";
const OTHER = "#40c057";

function Figure({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <Paper withBorder radius="md" p="md">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fz={26} fw={700} lh={1.2}>
        {value}
      </Text>
      {hint ? (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      ) : null}
    </Paper>
  );
}

/** The sentence of the seed-003 letter, with the report's own numbers. */
export function reportSentence(r: PdReport): string {
  return (
    `Всего на ${formatRuDate(r.asOf)} — ${formatInt(r.staffTotal)} педагогических работников, прошли курсовую подготовку ${formatInt(r.trainedPersons)} чел.` +
    (r.trainedPersons ? `, ${formatInt(r.regionalInstitutePersons)} — в региональном институте, ${formatInt(r.otherProvidersPersons)} — в других` : "") +
    `, что составляет ${decimal(r.share)}\u00a0%.`
  );
}

function BreakdownTable({ rows, first, testId, total }: { rows: (BreakdownRow & { name: string })[]; first: string; testId: string; total?: BreakdownRow }) {
  if (rows.length === 0) return <Text c="dimmed" size="sm">Нет данных</Text>;
  return (
    <Table.ScrollContainer minWidth={420} maxHeight={620}>
      <Table striped withTableBorder stickyHeader data-testid={testId}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{first}</Table.Th>
            <Table.Th ta="right">Педагогов</Table.Th>
            <Table.Th ta="right">Прошли курсы</Table.Th>
            <Table.Th ta="right">Доля</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.name}>
              <Table.Td>{r.name || "—"}</Table.Td>
              <Table.Td ta="right">{formatInt(r.staff)}</Table.Td>
              <Table.Td ta="right">{formatInt(r.trained)}</Table.Td>
              <Table.Td ta="right" className="nowrap">
                {formatPercent(r.share)}
              </Table.Td>
            </Table.Tr>
          ))}
          {total ? (
            // A part-time worker counts in each organisation but once in the total.
            <Table.Tr fw={700} bg="var(--mantine-color-gray-1)">
              <Table.Td>Всего</Table.Td>
              <Table.Td ta="right">{formatInt(total.staff)}</Table.Td>
              <Table.Td ta="right">{formatInt(total.trained)}</Table.Td>
              <Table.Td ta="right" className="nowrap">
                {formatPercent(total.share)}
              </Table.Td>
            </Table.Tr>
          ) : null}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** «Отчёт»: the yearly professional-development report of seed 003, on screen and as .docx / .xlsx. */
export function ReportTab() {
  const fallback = lastCompletedAcademicYear();
  const [from, setFrom] = useParam("from", fallback.from);
  const [to, setTo] = useParam("to", fallback.to);
  const [asOf, setAsOf] = useParam("asOf");
  const [orgKind, setOrgKind] = useParam("orgKind");
  const parsed = PeriodQuery.safeParse({ from, to, asOf: asOf || undefined, orgKind: orgKind || undefined });
  const errors = parsed.success ? {} : zodFieldErrors(parsed.error);
  const params: ReportParams = { from, to, asOf: asOf || undefined, orgKind: ORG_KINDS.find((k) => k === orgKind) ?? "" };
  const report = usePdReport(params, parsed.success);

  return (
    <Stack gap="md">
      <Paper withBorder radius="md" p="md">
        <Group justify="space-between" align="flex-end">
          <Group align="flex-end" gap="sm" wrap="wrap">
            <DateField label="Период с" value={from} clearable={false} error={errors.from} onChange={(v) => setFrom(v)} w={160} />
            <DateField label="по" value={to} clearable={false} error={errors.to} onChange={(v) => setTo(v)} w={160} />
            <DateField label="Педагоги на дату" placeholder={to ? formatRuDate(to) : "конец периода"} value={asOf || null} error={errors.asOf} onChange={(v) => setAsOf(v)} w={180} />
            <Select
              label="Тип организаций"
              placeholder="Все"
              clearable
              data={optionsOf(ORG_KIND_LABELS)}
              value={params.orgKind || null}
              onChange={(v) => setOrgKind(v)}
              w={320}
            />
          </Group>
          <Group gap="sm">
            <Button component="a" href={parsed.success ? reportUrl(params, "docx") : undefined} disabled={!parsed.success} variant="default" download>
              Скачать .docx
            </Button>
            <Button component="a" href={parsed.success ? reportUrl(params, "xlsx") : undefined} disabled={!parsed.success} variant="default" download>
              Скачать .xlsx
            </Button>
          </Group>
        </Group>
      </Paper>
      {parsed.success ? (
        <QueryState query={report}>
          {(r) => (
            <Stack gap="md" style={{ opacity: report.isPlaceholderData ? 0.6 : 1 }}>
              <Paper withBorder radius="md" p="md">
                <Text fw={600} mb="xs">
                  Повышение квалификации педагогических работников{r.orgKind ? ` (${ORG_KIND_LABELS[r.orgKind].toLowerCase()})` : ""} с {formatRuDate(r.from)} по{" "}
                  {formatRuDate(r.to)}
                </Text>
                <Text size="md" data-testid="pd-report-sentence">
                  {reportSentence(r)}
                </Text>
                <Text size="sm" c="dimmed" mt="xs">
                  Человек считается один раз, сколько бы курсов он ни прошёл; в расчёт — педагоги, работающие на {formatRuDate(r.asOf)}.
                </Text>
              </Paper>
              <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
                <Figure label="Прошли курсы повышения квалификации" value={`${formatInt(r.trainedPersons)} чел.`} hint={`${decimal(r.share)} % от ${formatInt(r.staffTotal)}`} />
                <Figure label="По программам из ФР ДПП" value={`${formatInt(r.federalRegisterPersons)} чел.`} />
                <Figure label="Дистанционно" value={`${formatInt(r.distancePersons)} чел.`} />
                <Figure label="Профессиональная переподготовка" value={`${formatInt(r.retrainingPersons)} чел.`} />
              </SimpleGrid>
              <Paper withBorder radius="md" p="md">
                {r.byProvider.length === 0 ? (
                  <Text c="dimmed" size="sm">
                    За период никто не завершил курсы повышения квалификации
                  </Text>
                ) : (
                  <CountBarChart
                    title="Прошли курсы по организациям ДПО, чел."
                    bars={r.byProvider.map((p) => ({ label: p.provider, value: p.persons, color: p.regionalInstitute ? REGIONAL : OTHER }))}
                    legend={[
                      { label: "региональный институт", color: REGIONAL },
                      { label: "другие организации", color: OTHER },
                    ]}
                  />
                )}
              </Paper>
              <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
                <Paper withBorder radius="md" p="md">
                  <Text fw={600} mb="sm">
                    По образовательным организациям
                  </Text>
                  <BreakdownTable rows={r.byOrganization.map((o) => ({ ...o, name: o.organization }))} first="Организация" testId="pd-report-orgs" total={{ staff: r.staffTotal, trained: r.trainedPersons, share: r.share }} />
                </Paper>
                <Paper withBorder radius="md" p="md">
                  <Text fw={600} mb="sm">
                    По предметам
                  </Text>
                  <BreakdownTable rows={r.bySubject.map((s) => ({ ...s, name: s.subject }))} first="Предмет" testId="pd-report-subjects" />
                </Paper>
              </SimpleGrid>
            </Stack>
          )}
        </QueryState>
      ) : null}
    </Stack>
  );
}
