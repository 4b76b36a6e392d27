import { Anchor, Badge, Button, Group, Stack, Table, Text } from "@mantine/core";
import { useState } from "react";
import {
  CERTIFICATE_KIND_LABELS,
  COMPLETION_STATUS_LABELS,
  EXEMPTION_REASON_LABELS,
  PROGRAMME_KIND_LABELS,
  STUDY_FORM_LABELS,
  type CompletionStatus,
} from "../../../../../shared/domain.js";
import { ConfirmModal } from "../../../ui/confirm.js";
import { formatPeriod, formatRuDate, orDash, plural, yearsWord } from "../../../ui/format.js";
import { notifySuccess } from "../../../ui/notify.js";
import { QueryState } from "../../../ui/QueryState.js";
import { Section } from "../../../ui/Section.js";
import { formatDateRange } from "../format.js";
import { useDeleteCompletion, useDeleteExemption, usePdCard } from "../hooks/usePd.js";
import { scanUrl } from "../scan.js";
import type { CardCompletion, Exemption, PdCard } from "../types.js";
import { CompletionModal } from "./CompletionModal.js";
import { ExemptionModal } from "./ExemptionModal.js";
import { PdStatusBadge, UNCLIPPED } from "./PdStatusBadge.js";

const COMPLETION_COLORS: Record<CompletionStatus, string> = { planned: "gray", enrolled: "blue", completed: "teal", not_completed: "red" };

type Dialog =
  | { kind: "course"; record: CardCompletion | null }
  | { kind: "delete-course"; record: CardCompletion }
  | { kind: "exemption"; record: Exemption | null; end?: boolean }
  | { kind: "delete-exemption"; record: Exemption }
  | null;

/** One line about the rule: status badge, last course, when the next one is due. */
function RuleStatus({ card }: { card: PdCard }) {
  const { status, lastCourse, dueDate } = card.status;
  const { periodYears, minHours } = card.rule;
  return (
    <Stack gap={4}>
      <Group gap="sm" align="center">
        <PdStatusBadge status={status} size="lg" data-testid="pd-status" />
        <Text size="sm" data-testid="pd-due">
          {lastCourse ? `последние курсы ${formatRuDate(lastCourse)}` : "курсов повышения квалификации не было"}
          {dueDate ? ` · следующие курсы до ${formatRuDate(dueDate)}${status === "overdue" ? " (срок прошёл)" : ""}` : ""}
        </Text>
      </Group>
      <Text size="xs" c="dimmed">
        Правило: курсы повышения квалификации не реже раза в {periodYears === 1 ? "год" : `${periodYears} ${yearsWord(periodYears)}`}, не меньше {minHours}{" "}
        {plural(minHours, ["часа", "часов", "часов"])}. Статус на {formatRuDate(card.asOf)}.
      </Text>
    </Stack>
  );
}

function Certificate({ c }: { c: CardCompletion }) {
  if (!c.certificateKind && !c.certificateNumber) return <Text size="sm">—</Text>;
  return (
    <Text size="sm">
      {c.certificateKind ? CERTIFICATE_KIND_LABELS[c.certificateKind] : "документ"}
      {c.certificateNumber ? ` №\u00a0${c.certificateNumber}` : ""}
      {c.certificateDate ? (
        <Text span size="xs" c="dimmed">
          {" "}
          от {formatRuDate(c.certificateDate)}
        </Text>
      ) : null}
    </Text>
  );
}

/** The «Повышение квалификации» section of a staff card: the three-year rule, courses, exemptions. */
export function PdSection({ personId, editable }: { personId: number; editable: boolean }) {
  const card = usePdCard(personId);
  const [dialog, setDialog] = useState<Dialog>(null);
  const deleteCourse = useDeleteCompletion();
  const deleteExemption = useDeleteExemption();
  const close = () => setDialog(null);

  return (
    <Section
      title="Повышение квалификации"
      actions={
        editable ? (
          <>
            <Button size="xs" variant="light" onClick={() => setDialog({ kind: "course", record: null })}>
              Добавить курс
            </Button>
            <Button size="xs" variant="default" onClick={() => setDialog({ kind: "exemption", record: null })}>
              Освобождение
            </Button>
          </>
        ) : null
      }
    >
      <QueryState query={card}>
        {(c) => (
          <Stack gap="md" data-testid="pd-section">
            <RuleStatus card={c} />
            {c.completions.length === 0 ? (
              <Text c="dimmed" size="sm">
                Курсов нет
              </Text>
            ) : (
              <Table.ScrollContainer minWidth={980}>
                <Table data-testid="pd-courses">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Программа</Table.Th>
                      <Table.Th ta="right">Часов</Table.Th>
                      <Table.Th>Форма</Table.Th>
                      <Table.Th>Даты</Table.Th>
                      <Table.Th>Статус</Table.Th>
                      <Table.Th>Документ</Table.Th>
                      <Table.Th>Скан</Table.Th>
                      {editable ? <Table.Th /> : null}
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {c.completions.map((x) => (
                      <Table.Tr key={x.id} data-testid="pd-course">
                        <Table.Td maw={380}>
                          <Text size="sm">{x.programme.title}</Text>
                          <Group gap={6}>
                            <Text size="xs" c="dimmed">
                              {x.programme.providerName}
                              {x.programme.kind === "retraining" ? ` · ${PROGRAMME_KIND_LABELS.retraining}` : ""}
                            </Text>
                            {x.programme.federalRegister ? (
                              <Badge size="xs" variant="outline" color="indigo" title="Программа из федерального реестра ДПП">
                                ФР ДПП
                              </Badge>
                            ) : null}
                          </Group>
                        </Table.Td>
                        <Table.Td ta="right">{x.programme.hours}</Table.Td>
                        <Table.Td>{STUDY_FORM_LABELS[x.programme.form]}</Table.Td>
                        <Table.Td className="nowrap">{formatDateRange(x.dateFrom, x.dateTo)}</Table.Td>
                        <Table.Td>
                          <Badge size="sm" variant="light" color={COMPLETION_COLORS[x.status]} styles={UNCLIPPED}>
                            {COMPLETION_STATUS_LABELS[x.status]}
                          </Badge>
                        </Table.Td>
                        <Table.Td>
                          <Certificate c={x} />
                        </Table.Td>
                        <Table.Td>
                          {x.hasScan ? (
                            <Anchor href={scanUrl(x.id)} target="_blank" size="sm" data-testid="pd-scan-link">
                              открыть
                            </Anchor>
                          ) : (
                            <Text size="sm" c="dimmed">
                              нет
                            </Text>
                          )}
                        </Table.Td>
                        {editable ? (
                          <Table.Td>
                            <Group gap={4} justify="flex-end" wrap="nowrap">
                              <Button size="compact-xs" variant="subtle" onClick={() => setDialog({ kind: "course", record: x })}>
                                Изменить
                              </Button>
                              <Button size="compact-xs" variant="subtle" color="red" onClick={() => setDialog({ kind: "delete-course", record: x })}>
                                Удалить
                              </Button>
                            </Group>
                          </Table.Td>
                        ) : null}
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
            {c.exemptions.length > 0 ? (
              <div>
                <Text size="sm" fw={500} mb={4}>
                  Освобождения от правила
                </Text>
                <Table.ScrollContainer minWidth={600}>
                  <Table data-testid="pd-exemptions">
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>Причина</Table.Th>
                        <Table.Th>Период</Table.Th>
                        <Table.Th>Примечание</Table.Th>
                        {editable ? <Table.Th /> : null}
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {c.exemptions.map((e) => (
                        <Table.Tr key={e.id}>
                          <Table.Td>{EXEMPTION_REASON_LABELS[e.reason]}</Table.Td>
                          <Table.Td>{formatPeriod(e.validFrom, e.validTo)}</Table.Td>
                          <Table.Td>{orDash(e.note)}</Table.Td>
                          {editable ? (
                            <Table.Td>
                              <Group gap={4} justify="flex-end" wrap="nowrap">
                                {!e.validTo ? (
                                  <Button size="compact-xs" variant="subtle" onClick={() => setDialog({ kind: "exemption", record: e, end: true })}>
                                    Завершить
                                  </Button>
                                ) : null}
                                <Button size="compact-xs" variant="subtle" onClick={() => setDialog({ kind: "exemption", record: e })}>
                                  Изменить
                                </Button>
                                <Button size="compact-xs" variant="subtle" color="red" onClick={() => setDialog({ kind: "delete-exemption", record: e })}>
                                  Удалить
                                </Button>
                              </Group>
                            </Table.Td>
                          ) : null}
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              </div>
            ) : null}
          </Stack>
        )}
      </QueryState>
      {dialog?.kind === "course" ? <CompletionModal personId={personId} completion={dialog.record} onClose={close} /> : null}
      {dialog?.kind === "exemption" ? <ExemptionModal personId={personId} exemption={dialog.record} end={dialog.end} onClose={close} /> : null}
      <ConfirmModal
        opened={dialog?.kind === "delete-course"}
        title="Удалить курс?"
        message="Удаляйте только ошибочно внесённые курсы: удаление попадёт в журнал изменений, а скан удостоверения перестанет открываться вместе с курсом."
        confirmLabel="Удалить"
        loading={deleteCourse.isPending}
        onClose={close}
        onConfirm={() =>
          dialog?.kind === "delete-course" && deleteCourse.mutate(dialog.record.id, { onSuccess: () => (notifySuccess("Курс удалён"), close()) })
        }
      />
      <ConfirmModal
        opened={dialog?.kind === "delete-exemption"}
        title="Удалить освобождение?"
        message="Чтобы освобождение осталось в истории, лучше завершить его датой. Удаляйте только ошибочные записи."
        confirmLabel="Удалить"
        loading={deleteExemption.isPending}
        onClose={close}
        onConfirm={() =>
          dialog?.kind === "delete-exemption" &&
          deleteExemption.mutate(dialog.record.id, { onSuccess: () => (notifySuccess("Освобождение удалено"), close()) })
        }
      />
    </Section>
  );
}
