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
import { formatPeriod, formatRuDate, orDash, plural, yearsWord } from "../../../ui/format.js";
import { QueryState } from "../../../ui/QueryState.js";
import { RecordTable } from "../../../ui/RecordTable.js";
import { DeleteConfirm, RecordActions } from "../../../ui/RecordActions.js";
import { EmptyText, Section } from "../../../ui/Section.js";
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
      addLabel="Добавить курс"
      onAdd={editable ? () => setDialog({ kind: "course", record: null }) : undefined}
      actions={
        editable ? (
          <Button size="xs" variant="default" onClick={() => setDialog({ kind: "exemption", record: null })}>
            Освобождение
          </Button>
        ) : null
      }
    >
      <QueryState query={card}>
        {(c) => (
          <Stack gap="md" data-testid="pd-section">
            <RuleStatus card={c} />
            {c.completions.length === 0 ? (
              <EmptyText>Курсов нет</EmptyText>
            ) : (
              <RecordTable
                records={c.completions}
                minWidth={980}
                testId="pd-courses"
                rowTestId="pd-course"
                head={
                  <>
                    <Table.Th>Программа</Table.Th>
                    <Table.Th ta="right">Часов</Table.Th>
                    <Table.Th>Форма</Table.Th>
                    <Table.Th>Даты</Table.Th>
                    <Table.Th>Статус</Table.Th>
                    <Table.Th>Документ</Table.Th>
                    <Table.Th>Скан</Table.Th>
                  </>
                }
                cells={(x) => (
                  <>
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
                    <Table.Td ta="right">{x.programme.hours ?? "—"}</Table.Td>
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
                        <Anchor href={scanUrl(x.id)} download size="sm" data-testid="pd-scan-link">
                          открыть
                        </Anchor>
                      ) : (
                        <Text size="sm" c="dimmed">
                          нет
                        </Text>
                      )}
                    </Table.Td>
                  </>
                )}
                actions={
                  editable ? (x) => (
                    <RecordActions
                      onEdit={() => setDialog({ kind: "course", record: x })}
                      onDelete={() => setDialog({ kind: "delete-course", record: x })}
                    />
                  ) : undefined
                }
              />
            )}
            {c.exemptions.length > 0 ? (
              <div>
                <Text size="sm" fw={500} mb={4}>
                  Освобождения от правила
                </Text>
                <RecordTable
                  records={c.exemptions}
                  minWidth={600}
                  testId="pd-exemptions"
                  head={
                    <>
                      <Table.Th>Причина</Table.Th>
                      <Table.Th>Период</Table.Th>
                      <Table.Th>Примечание</Table.Th>
                    </>
                  }
                  cells={(e) => (
                    <>
                      <Table.Td>{EXEMPTION_REASON_LABELS[e.reason]}</Table.Td>
                      <Table.Td>{formatPeriod(e.validFrom, e.validTo)}</Table.Td>
                      <Table.Td>{orDash(e.note)}</Table.Td>
                    </>
                  )}
                  actions={
                    editable ? (e) => (
                      <RecordActions
                        onEnd={!e.validTo ? () => setDialog({ kind: "exemption", record: e, end: true }) : undefined}
                        onEdit={() => setDialog({ kind: "exemption", record: e })}
                        onDelete={() => setDialog({ kind: "delete-exemption", record: e })}
                      />
                    ) : undefined
                  }
                />
              </div>
            ) : null}
          </Stack>
        )}
      </QueryState>
      {dialog?.kind === "course" ? <CompletionModal personId={personId} completion={dialog.record} onClose={close} /> : null}
      {dialog?.kind === "exemption" ? <ExemptionModal personId={personId} exemption={dialog.record} end={dialog.end} onClose={close} /> : null}
      <DeleteConfirm
        record={dialog?.kind === "delete-course" ? dialog.record : null}
        title="Удалить курс?"
        message="Удаляйте только ошибочно внесённые курсы: удаление попадёт в журнал изменений, а скан удостоверения перестанет открываться вместе с курсом."
        successMessage="Курс удалён"
        loading={deleteCourse.isPending}
        onClose={close}
        onDelete={(record, onSuccess) => deleteCourse.mutate(record.id, { onSuccess })}
      />
      <DeleteConfirm
        record={dialog?.kind === "delete-exemption" ? dialog.record : null}
        title="Удалить освобождение?"
        message="Чтобы освобождение осталось в истории, лучше завершить его датой. Удаляйте только ошибочные записи."
        successMessage="Освобождение удалено"
        loading={deleteExemption.isPending}
        onClose={close}
        onDelete={(record, onSuccess) => deleteExemption.mutate(record.id, { onSuccess })}
      />
    </Section>
  );
}
