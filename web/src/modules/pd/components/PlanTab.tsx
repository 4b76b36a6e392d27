import { Accordion, Alert, Badge, Button, Checkbox, Group, Paper, Select, Stack, Table, Text, Textarea, TextInput } from "@mantine/core";
import { PersonLink } from "../../../ui/PersonLink.js";
import { useState } from "react";
import { REQUEST_STATUS_LABELS } from "../../../../../shared/domain.js";
import { compareNames } from "../../../../../shared/collation.js";
import { RequestDecisionInput, RequestItemInput } from "../../../../../shared/schemas.js";
import type { Me } from "../../../api/types.js";
import { FormModal } from "../../../ui/FormModal.js";
import { formatDateTime, formatInt, plural, todayIso } from "../../../ui/format.js";
import { useZodForm, zodFieldErrors } from "../../../ui/forms.js";
import { notifySuccess } from "../../../ui/notify.js";
import { QueryState } from "../../../ui/QueryState.js";
import { academicYearLabel, academicYearOf, dateOrDash, REQUEST_STATUS_COLORS } from "../format.js";
import { planXlsxUrl, useCoursePlan, useCourseRequests, useDecideRequest, useProgrammes, useSaveRequest } from "../hooks/usePd.js";
import { useParam } from "../hooks/useParam.js";
import type { CoursePlan, CourseRequest, CourseRequestListItem, PlanPerson } from "../types.js";
import { programmeOptions } from "./ProgrammePicker.js";

type PlanOrg = CoursePlan["organizations"][number];

function RequestBadge({ request }: { request: Pick<CourseRequest, "status"> | null }) {
  if (!request) {
    return (
      <Badge variant="light" color="gray" data-testid="pd-request-status">
        нет заявки
      </Badge>
    );
  }
  return (
    <Badge variant="light" color={REQUEST_STATUS_COLORS[request.status]} data-testid="pd-request-status">
      заявка {REQUEST_STATUS_LABELS[request.status]}
    </Badge>
  );
}

/** When the course is due, in red when it is overdue by the start of the plan's year. */
function DueCell({ person, academicYear }: { person: PlanPerson; academicYear: number }) {
  const overdue = person.status === "overdue";
  return (
    <Table.Td className="nowrap">
      <Text size="sm" c={overdue ? "red.7" : undefined}>
        {person.dueDate ? dateOrDash(person.dueDate) : "курсов не было"}
      </Text>
      <Text size="xs" c="dimmed">
        {overdue ? `просрочены к 01.09.${academicYear}` : "в течение года"}
      </Text>
    </Table.Td>
  );
}

/** The people of the plan: read-only, with what the request says about each. */
function PlanPersonsTable({ persons, academicYear }: { persons: PlanPerson[]; academicYear: number }) {
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>ФИО</Table.Th>
            <Table.Th>Должность</Table.Th>
            <Table.Th>Курсы нужны до</Table.Th>
            <Table.Th>Программа</Table.Th>
            <Table.Th>Желаемый период</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {persons.map((p) => (
            <Table.Tr key={p.personId}>
              <Table.Td>
                <PersonLink personId={p.personId} name={p.fullName} />
              </Table.Td>
              <Table.Td>{p.position}</Table.Td>
              <DueCell person={p} academicYear={academicYear} />
              <Table.Td>
                {p.item?.programmeTitle ?? (
                  <Text span c="dimmed" size="sm">
                    {p.item ? "не выбрана" : "не в заявке"}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{p.item?.preferredPeriod ?? "—"}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

type Row = { included: boolean; programmeId: string | null; preferredPeriod: string };

/** The coordinator fills the request: who goes, on which programme, when; saves it and sends it. */
function RequestEditor({ org, academicYear }: { org: PlanOrg; academicYear: number }) {
  const programmes = useProgrammes();
  const save = useSaveRequest();
  const request = org.request;
  const editable = !request || request.status === "draft" || request.status === "returned";
  const [rows, setRows] = useState<Record<number, Row>>(() =>
    Object.fromEntries(
      org.persons.map((p) => [
        p.personId,
        { included: request ? p.item !== null : true, programmeId: p.item?.programmeId ? String(p.item.programmeId) : null, preferredPeriod: p.item?.preferredPeriod ?? "" },
      ]),
    ),
  );
  const [error, setError] = useState<string | undefined>();
  const options = programmeOptions(programmes.data);
  const patch = (personId: number, p: Partial<Row>) => {
    setRows((r) => ({ ...r, [personId]: { ...r[personId], ...p } }));
    setError(undefined);
  };

  const send = (submit: boolean) => {
    const items = [];
    for (const p of org.persons) {
      const row = rows[p.personId];
      if (!row?.included) continue;
      const parsed = RequestItemInput.safeParse({ personId: p.personId, programmeId: row.programmeId, preferredPeriod: row.preferredPeriod });
      if (!parsed.success) {
        setError(`${p.fullName}: ${Object.values(zodFieldErrors(parsed.error))[0]}`);
        return;
      }
      items.push(parsed.data);
    }
    if (submit && items.length === 0) {
      setError("В заявке никого нет: отметьте педагогов, которых направляете на курсы");
      return;
    }
    save.mutate(
      { organizationId: org.organizationId, academicYear, items, submit },
      { onSuccess: () => notifySuccess(submit ? "Заявка отправлена в муниципалитет" : "Заявка сохранена") },
    );
  };
  const included = org.persons.filter((p) => rows[p.personId]?.included).length;

  return (
    <Stack gap="sm">
      {request?.status === "returned" && request.comment ? (
        <Alert color="orange" title="Заявку вернули на доработку">
          {request.comment}
        </Alert>
      ) : null}
      {request?.status === "approved" ? (
        <Alert color="teal" title="Заявка согласована">
          {request.comment ?? "Муниципалитет согласовал заявку."}
        </Alert>
      ) : null}
      {request?.status === "submitted" ? (
        <Alert color="blue" title="Заявка отправлена">
          {request.submittedAt ? `Отправлена ${formatDateTime(request.submittedAt)}. ` : ""}Изменить её можно, если муниципалитет вернёт её на доработку.
        </Alert>
      ) : null}
      <Table.ScrollContainer minWidth={1100}>
        <Table striped data-testid="pd-request-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={90} className="nowrap">
                В заявке
              </Table.Th>
              <Table.Th miw={260}>ФИО</Table.Th>
              <Table.Th>Курсы нужны до</Table.Th>
              <Table.Th w={420}>Программа</Table.Th>
              <Table.Th w={220}>Желаемый период</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {org.persons.map((p) => {
              const row = rows[p.personId];
              return (
                <Table.Tr key={p.personId} data-testid="pd-request-row">
                  <Table.Td>
                    <Checkbox
                      aria-label={`Включить в заявку: ${p.fullName}`}
                      checked={row.included}
                      disabled={!editable}
                      onChange={(e) => patch(p.personId, { included: e.currentTarget.checked })}
                    />
                  </Table.Td>
                  <Table.Td>
                    <PersonLink personId={p.personId} name={p.fullName} />
                    <Text size="xs" c="dimmed">
                      {p.position}
                    </Text>
                  </Table.Td>
                  <DueCell person={p} academicYear={academicYear} />
                  <Table.Td>
                    <Select
                      aria-label={`Программа: ${p.fullName}`}
                      placeholder={row.included ? "Выберите программу" : ""}
                      searchable
                      clearable
                      nothingFoundMessage="Нет такой программы"
                      data={p.item?.programmeId ? programmeOptions(programmes.data, { id: p.item.programmeId, label: p.item.programmeTitle ?? "" }) : options}
                      value={row.programmeId}
                      disabled={!editable || !row.included}
                      onChange={(v) => patch(p.personId, { programmeId: v })}
                      size="xs"
                    />
                  </Table.Td>
                  <Table.Td>
                    <TextInput
                      aria-label={`Желаемый период: ${p.fullName}`}
                      placeholder="например, октябрь–ноябрь"
                      value={row.preferredPeriod}
                      disabled={!editable || !row.included}
                      maxLength={200}
                      onChange={(e) => patch(p.personId, { preferredPeriod: e.currentTarget.value })}
                      size="xs"
                    />
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {error ? (
        <Text c="red" size="sm">
          {error}
        </Text>
      ) : null}
      {editable ? (
        <Group justify="space-between">
          <Text size="sm" c="dimmed">
            В заявке: {included} из {org.persons.length}
          </Text>
          <Group gap="sm">
            <Button variant="default" loading={save.isPending && save.variables?.submit === false} onClick={() => send(false)}>
              Сохранить заявку
            </Button>
            <Button loading={save.isPending && save.variables?.submit === true} onClick={() => send(true)}>
              Отправить в муниципалитет
            </Button>
          </Group>
        </Group>
      ) : null}
    </Stack>
  );
}

/** «Вернуть» asks what to fix: the comment is required. */
function ReturnModal({ request, organization, onClose }: { request: CourseRequest; organization: string; onClose: () => void }) {
  const decide = useDecideRequest();
  const form = useZodForm(RequestDecisionInput, { comment: "" }, (v) => ({ decision: "return", comment: v.comment }));
  const submit = () => {
    const input = form.validate();
    if (!input) return;
    if (!input.comment) {
      form.setErrors({ comment: "Напишите, что исправить в заявке" });
      return;
    }
    decide.mutate(
      { id: request.id, decision: "return", comment: input.comment },
      {
        onSuccess: () => {
          notifySuccess(`Заявка ${organization} возвращена на доработку`);
          onClose();
        },
        onError: form.applyServerError,
      },
    );
  };
  return (
    <FormModal opened title={`Вернуть заявку: ${organization}`} submitLabel="Вернуть" size="md" onClose={onClose} onSubmit={submit} loading={decide.isPending}>
      <Textarea
        label="Что исправить"
        withAsterisk
        autosize
        minRows={3}
        data-autofocus
        value={form.values.comment}
        error={form.errors.comment}
        onChange={(e) => form.set("comment", e.currentTarget.value)}
      />
    </FormModal>
  );
}

/** The admin: each organisation's request, approve or return; the people behind it. */
function RequestsReview({ plan, requests }: { plan: CoursePlan; requests: CourseRequestListItem[] }) {
  const decide = useDecideRequest();
  const [returning, setReturning] = useState<{ request: CourseRequest; organization: string } | null>(null);
  const byOrg = new Map(requests.map((r) => [r.organizationId, r]));
  const orgs: PlanOrg[] = [
    ...plan.organizations,
    ...requests
      .filter((r) => !plan.organizations.some((o) => o.organizationId === r.organizationId))
      .map((r) => ({ organizationId: r.organizationId, organization: r.organization, request: r, persons: [] })),
  ];
  // What waits for a decision comes first, then returned, drafts, approved, and organisations without a request.
  const order = { submitted: 0, returned: 1, draft: 2, approved: 3 } as const;
  const rank = (o: PlanOrg) => {
    const r = byOrg.get(o.organizationId) ?? o.request;
    return r ? order[r.status] : 4;
  };
  orgs.sort((a, b) => rank(a) - rank(b) || compareNames(a.organization, b.organization));
  const counts = { submitted: requests.filter((r) => r.status === "submitted").length, approved: requests.filter((r) => r.status === "approved").length };
  return (
    <>
      <Text size="sm" mb="sm">
        Организаций, где нужны курсы: <b>{plan.organizations.length}</b>; заявок отправлено на рассмотрение: <b>{counts.submitted}</b>, согласовано:{" "}
        <b>{counts.approved}</b>.
      </Text>
      <Accordion variant="separated" multiple keepMounted={false}>
        {orgs.map((o) => {
          const request = byOrg.get(o.organizationId) ?? o.request;
          return (
            <Accordion.Item key={o.organizationId} value={String(o.organizationId)} data-testid="pd-plan-org">
              <Accordion.Control>
                <Group justify="space-between" wrap="nowrap" pr="sm">
                  <Text fw={500}>{o.organization}</Text>
                  <Group gap="sm" wrap="nowrap">
                    <Text size="sm" c="dimmed" className="nowrap">
                      {o.persons.length} {plural(o.persons.length, ["педагог", "педагога", "педагогов"])}
                    </Text>
                    <RequestBadge request={request} />
                  </Group>
                </Group>
              </Accordion.Control>
              <Accordion.Panel>
                <Stack gap="sm">
                  {request?.comment ? (
                    <Text size="sm">
                      <Text span c="dimmed" size="sm">
                        Комментарий:{" "}
                      </Text>
                      {request.comment}
                    </Text>
                  ) : null}
                  {request?.status === "submitted" ? (
                    <Group gap="sm">
                      <Button
                        color="teal"
                        size="xs"
                        loading={decide.isPending && decide.variables?.id === request.id}
                        onClick={() =>
                          decide.mutate({ id: request.id, decision: "approve", comment: null }, { onSuccess: () => notifySuccess(`Заявка ${o.organization} согласована`) })
                        }
                      >
                        Согласовать
                      </Button>
                      <Button color="orange" variant="light" size="xs" onClick={() => setReturning({ request, organization: o.organization })}>
                        Вернуть
                      </Button>
                      {request.submittedAt ? (
                        <Text size="xs" c="dimmed">
                          отправлена {formatDateTime(request.submittedAt)}
                        </Text>
                      ) : null}
                    </Group>
                  ) : null}
                  {o.persons.length ? <PlanPersonsTable persons={o.persons} academicYear={plan.academicYear} /> : <Text size="sm" c="dimmed">Никому не нужны курсы</Text>}
                </Stack>
              </Accordion.Panel>
            </Accordion.Item>
          );
        })}
      </Accordion>
      {returning ? <ReturnModal request={returning.request} organization={returning.organization} onClose={() => setReturning(null)} /> : null}
    </>
  );
}

/** «План на учебный год»: who needs courses by the end of the year, the requests and their review. */
export function PlanTab({ me }: { me: Me }) {
  const current = academicYearOf(todayIso());
  const [yearParam, setYear] = useParam("year", String(current + 1));
  const year = Number(yearParam) || current + 1;
  const plan = useCoursePlan(year);
  const requests = useCourseRequests(year);
  const admin = me.role === "municipal_admin";
  const years = [current - 1, current, current + 1, current + 2].map((y) => ({ value: String(y), label: academicYearLabel(y) }));

  return (
    <Stack gap="md">
      <Paper withBorder radius="md" p="md">
        <Group justify="space-between" align="flex-end">
          <Group align="flex-end" gap="sm">
            <Select label="Учебный год" data={years} value={String(year)} allowDeselect={false} onChange={(v) => setYear(v)} w={240} />
            <Text size="sm" c="dimmed" mb={8}>
              В плане — те, у кого курсы просрочены или истекают до 31.08.{year + 1} (кроме освобождённых).
            </Text>
          </Group>
          <Button component="a" href={planXlsxUrl(year)} variant="default" download>
            Скачать план (.xlsx)
          </Button>
        </Group>
      </Paper>
      <QueryState query={plan}>
        {(p) => (
          <Paper withBorder radius="md" p="md" style={{ opacity: plan.isPlaceholderData ? 0.6 : 1 }}>
            <Text fw={600} mb="sm" data-testid="pd-plan-title">
              План курсовой подготовки на {p.label}: {formatInt(p.persons)} {plural(p.persons, ["педагог", "педагога", "педагогов"])}
            </Text>
            {admin ? (
              <QueryState query={requests}>{(items) => <RequestsReview plan={p} requests={items} />}</QueryState>
            ) : p.organizations.length === 0 ? (
              <Text c="dimmed" size="sm">
                В этом учебном году никому в организации не нужны курсы.
              </Text>
            ) : (
              p.organizations.map((o) => (
                <Stack key={o.organizationId} gap="xs">
                  <Group gap="sm">
                    <Text fw={500}>{o.organization}</Text>
                    <RequestBadge request={o.request} />
                  </Group>
                  <RequestEditor key={`${year}-${o.request?.id ?? 0}-${o.request?.status ?? ""}`} org={o} academicYear={year} />
                </Stack>
              ))
            )}
          </Paper>
        )}
      </QueryState>
    </Stack>
  );
}
