import { Button, Checkbox, Group, Pagination, Paper, Select, SimpleGrid, Table, Text, TextInput, UnstyledButton } from "@mantine/core";
import { PersonLink } from "../../../ui/PersonLink.js";
import { useState } from "react";
import { PD_STATUS_LABELS, PD_STATUSES, type PdStatus } from "../../../../../shared/domain.js";
import type { Me } from "../../../api/types.js";
import { DateField } from "../../../ui/DateField.js";
import { foldName } from "../../../../../shared/validators.js";
import { formatInt, formatRuDate, plural, todayIso } from "../../../ui/format.js";
import { optionsOf } from "../../../ui/options.js";
import { QueryState } from "../../../ui/QueryState.js";
import { organizationOptions, useAllOrganizations } from "../../organizations/hooks/useOrganizations.js";
import { dateOrDash, PD_STATUS_COLORS } from "../format.js";
import { usePdStatus } from "../hooks/usePd.js";
import { useParam } from "../hooks/useParam.js";
import type { PdStatusItem } from "../types.js";
import { GroupCompletionModal } from "./GroupCompletionModal.js";
import { PdStatusBadge } from "./PdStatusBadge.js";

const PAGE_SIZE = 50;

/** Counts by status; a click filters the table by that status. */
function StatusCounts({ counts, active, onPick }: { counts: Record<PdStatus, number>; active: string; onPick: (s: PdStatus | null) => void }) {
  return (
    <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm" mb="md">
      {PD_STATUSES.map((s) => (
        <UnstyledButton key={s} onClick={() => onPick(active === s ? null : s)} aria-pressed={active === s}>
          <Paper
            withBorder
            radius="md"
            p="md"
            data-testid={`pd-count-${s}`}
            style={{
              borderLeftWidth: 4,
              borderLeftColor: `var(--mantine-color-${PD_STATUS_COLORS[s]}-6)`,
              boxShadow: active === s ? `0 0 0 2px var(--mantine-color-${PD_STATUS_COLORS[s]}-4)` : undefined,
            }}
          >
            <Text size="sm" c="dimmed">
              {PD_STATUS_LABELS[s]}
            </Text>
            <Text fz={28} fw={700} lh={1.2}>
              {formatInt(counts[s])}
            </Text>
            <Text size="xs" c="dimmed">
              {plural(counts[s], ["педагог", "педагога", "педагогов"])}
            </Text>
          </Paper>
        </UnstyledButton>
      ))}
    </SimpleGrid>
  );
}

/** «Правило трёх лет»: who is up to date, due or overdue on a date; one course for a group. */
export function RuleTab({ me }: { me: Me }) {
  const admin = me.role === "municipal_admin";
  const [organizationId, setOrganizationId] = useParam("org");
  const [status, setStatus] = useParam("status");
  const [asOf, setAsOf] = useParam("asOf");
  const [search, setSearch] = useState("");
  const [page, setPage] = useState(1);
  const [selected, setSelected] = useState<Map<number, string>>(new Map());
  const [grouping, setGrouping] = useState(false);
  const organizations = useAllOrganizations(admin);
  const statusFilter = PD_STATUSES.find((s) => s === status) ?? "";
  const list = usePdStatus({ asOf: asOf || undefined, organizationId: organizationId || undefined, status: statusFilter });

  const filter = (patch: () => void) => {
    patch();
    setPage(1);
  };
  const toggle = (rows: PdStatusItem[], on: boolean) =>
    setSelected((prev) => {
      const next = new Map(prev);
      for (const r of rows) {
        if (on) next.set(r.personId, r.fullName);
        else next.delete(r.personId);
      }
      return next;
    });

  return (
    <>
      <Paper withBorder radius="md" p="md" mb="md">
        <Group align="flex-end" gap="sm" wrap="wrap">
          {admin ? (
            <Select
              label="Организация"
              placeholder="Все"
              searchable
              clearable
              nothingFoundMessage="Ничего не найдено"
              data={organizationOptions(organizations.data, [organizationId])}
              value={organizationId || null}
              onChange={(v) => filter(() => setOrganizationId(v))}
              w={280}
            />
          ) : null}
          <Select
            label="Статус"
            placeholder="Любой"
            clearable
            data={optionsOf(PD_STATUS_LABELS)}
            value={statusFilter || null}
            onChange={(v) => filter(() => setStatus(v))}
            w={300}
          />
          <DateField label="На дату" placeholder="сегодня" value={asOf || null} onChange={(v) => filter(() => setAsOf(v && v !== todayIso() ? v : null))} w={170} />
          <TextInput
            label="Поиск по ФИО"
            placeholder="Например: Семенова"
            value={search}
            onChange={(e) => {
              setSearch(e.currentTarget.value);
              setPage(1);
            }}
            w={240}
          />
        </Group>
      </Paper>
      <QueryState query={list}>
        {(data) => {
          const q = foldName(search.trim());
          const rows = q ? data.items.filter((r) => foldName(r.fullName).includes(q)) : data.items;
          const shown = new Set(rows.map((r) => r.personId)).size;
          const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
          const current = Math.min(page, pages);
          const visible = rows.slice((current - 1) * PAGE_SIZE, current * PAGE_SIZE);
          const allOnPage = visible.length > 0 && visible.every((r) => selected.has(r.personId));
          const someOnPage = visible.some((r) => selected.has(r.personId));
          return (
            <div style={{ opacity: list.isPlaceholderData ? 0.6 : 1 }}>
              <StatusCounts counts={data.counts} active={statusFilter} onPick={(s) => filter(() => setStatus(s))} />
              <Paper withBorder radius="md" p="md">
                <Group justify="space-between" mb="sm" wrap="wrap" gap="sm">
                  <Text size="sm" data-testid="pd-status-total">
                    На {formatRuDate(data.asOf)} в списке: <b>{formatInt(shown)}</b> из {formatInt(data.persons)}{" "}
                    {plural(data.persons, ["педагога", "педагогов", "педагогов"])}
                    {rows.length > shown ? ` (строк: ${formatInt(rows.length)} — совместитель показан в каждой организации)` : ""}. Правило: раз в{" "}
                    {data.rule.periodYears} {plural(data.rule.periodYears, ["год", "года", "лет"])}, от {data.rule.minHours} ч.
                  </Text>
                  <Group gap="sm">
                    {selected.size > 0 ? (
                      <Button variant="subtle" size="xs" onClick={() => setSelected(new Map())}>
                        Снять выбор ({selected.size})
                      </Button>
                    ) : null}
                    <Button size="sm" disabled={selected.size === 0} onClick={() => setGrouping(true)} title={selected.size === 0 ? "Отметьте педагогов в таблице" : undefined}>
                      Один курс для группы{selected.size ? ` (${selected.size})` : ""}
                    </Button>
                  </Group>
                </Group>
                {rows.length === 0 ? (
                  <Text c="dimmed" ta="center" py="xl">
                    Никого не нашлось
                  </Text>
                ) : (
                  <Table.ScrollContainer minWidth={900}>
                    <Table striped data-testid="pd-status-table">
                      <Table.Thead>
                        <Table.Tr>
                          <Table.Th w={40}>
                            <Checkbox
                              aria-label="Выбрать всех на странице"
                              checked={allOnPage}
                              indeterminate={someOnPage && !allOnPage}
                              onChange={(e) => toggle(visible, e.currentTarget.checked)}
                            />
                          </Table.Th>
                          <Table.Th>ФИО</Table.Th>
                          {admin ? <Table.Th>Организация</Table.Th> : null}
                          <Table.Th>Должность</Table.Th>
                          <Table.Th>Последние курсы</Table.Th>
                          <Table.Th>Курсы нужны до</Table.Th>
                          <Table.Th>Статус</Table.Th>
                        </Table.Tr>
                      </Table.Thead>
                      <Table.Tbody>
                        {visible.map((r) => (
                          <Table.Tr key={`${r.personId}-${r.organizationId}-${r.position}`} data-testid="pd-status-row">
                            <Table.Td>
                              <Checkbox
                                aria-label={`Выбрать: ${r.fullName}`}
                                checked={selected.has(r.personId)}
                                onChange={(e) => toggle([r], e.currentTarget.checked)}
                              />
                            </Table.Td>
                            <Table.Td>
                              <PersonLink personId={r.personId} name={r.fullName} />
                            </Table.Td>
                            {admin ? <Table.Td>{r.organization}</Table.Td> : null}
                            <Table.Td>{r.position}</Table.Td>
                            <Table.Td className="nowrap">{dateOrDash(r.lastCourse)}</Table.Td>
                            <Table.Td className="nowrap">{dateOrDash(r.dueDate)}</Table.Td>
                            <Table.Td>
                              <PdStatusBadge status={r.status} size="sm" />
                            </Table.Td>
                          </Table.Tr>
                        ))}
                      </Table.Tbody>
                    </Table>
                  </Table.ScrollContainer>
                )}
                {pages > 1 ? <Pagination mt="md" size="sm" total={pages} value={current} onChange={setPage} /> : null}
              </Paper>
            </div>
          );
        }}
      </QueryState>
      {grouping ? (
        <GroupCompletionModal
          persons={[...selected].map(([id, fullName]) => ({ id, fullName }))}
          onClose={() => setGrouping(false)}
          onDone={() => {
            setGrouping(false);
            setSelected(new Map());
          }}
        />
      ) : null}
    </>
  );
}
