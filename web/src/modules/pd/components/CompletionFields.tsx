import { Select, SimpleGrid, Textarea, TextInput } from "@mantine/core";
import { CERTIFICATE_KIND_LABELS, COMPLETION_STATUS_LABELS } from "../../../../../shared/domain.js";
import { DateField } from "../../../ui/DateField.js";
import { str, type FieldGroupProps } from "../../../ui/forms.js";
import { optionsOf } from "../../../ui/options.js";
import type { CardCompletion } from "../types.js";

export type CompletionValues = {
  programmeId: string | null;
  dateFrom: string | null;
  dateTo: string | null;
  status: string | null;
  certificateKind: string | null;
  certificateNumber: string;
  certificateDate: string | null;
  orderNumber: string;
  orderDate: string | null;
  motivation: string;
};

export const emptyCompletion = (): CompletionValues => ({
  programmeId: null,
  dateFrom: null,
  dateTo: null,
  status: "completed",
  certificateKind: "certificate",
  certificateNumber: "",
  certificateDate: null,
  orderNumber: "",
  orderDate: null,
  motivation: "",
});

export const completionValuesOf = (c: CardCompletion): CompletionValues => ({
  programmeId: String(c.programmeId),
  dateFrom: c.dateFrom,
  dateTo: c.dateTo,
  status: c.status,
  certificateKind: c.certificateKind,
  certificateNumber: str(c.certificateNumber),
  certificateDate: c.certificateDate,
  orderNumber: str(c.orderNumber),
  orderDate: c.orderDate,
  motivation: str(c.motivation),
});

/** The form's values as the shared CompletionInput expects them; `programmeId` may stand in for one being created. */
export const completionInputOf = (v: CompletionValues, programmeId?: number) => ({
  ...v,
  programmeId: programmeId ?? v.programmeId ?? undefined,
  status: v.status ?? undefined,
});

/**
 * Dates, status, certificate and order of a course. `group` leaves out what differs from person
 * to person (the certificate's number and date) when one course is entered for several people.
 */
export function CompletionFields({ values, onChange, errors, group }: FieldGroupProps<CompletionValues> & { group?: boolean }) {
  return (
    <>
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        <DateField label="Начало обучения" value={values.dateFrom} error={errors.dateFrom} onChange={(v) => onChange({ dateFrom: v })} />
        <DateField
          label="Окончание обучения"
          withAsterisk={values.status === "completed"}
          value={values.dateTo}
          error={errors.dateTo}
          onChange={(v) => onChange({ dateTo: v })}
        />
        <Select
          label="Статус"
          withAsterisk
          allowDeselect={false}
          data={optionsOf(COMPLETION_STATUS_LABELS)}
          value={values.status}
          error={errors.status}
          onChange={(v) => onChange({ status: v })}
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: group ? 2 : 3 }} spacing="sm">
        <Select
          label="Документ"
          clearable
          data={optionsOf(CERTIFICATE_KIND_LABELS)}
          value={values.certificateKind}
          error={errors.certificateKind}
          onChange={(v) => onChange({ certificateKind: v })}
        />
        {!group ? (
          <>
            <TextInput
              label="Номер документа"
              value={values.certificateNumber}
              error={errors.certificateNumber}
              onChange={(e) => onChange({ certificateNumber: e.currentTarget.value })}
            />
            <DateField label="Дата выдачи" value={values.certificateDate} error={errors.certificateDate} onChange={(v) => onChange({ certificateDate: v })} />
          </>
        ) : null}
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        <TextInput
          label="Номер приказа"
          value={values.orderNumber}
          error={errors.orderNumber}
          onChange={(e) => onChange({ orderNumber: e.currentTarget.value })}
        />
        <DateField label="Дата приказа" value={values.orderDate} error={errors.orderDate} onChange={(v) => onChange({ orderDate: v })} />
      </SimpleGrid>
      <Textarea
        label="Основание (дефицит, образовательный маршрут)"
        autosize
        minRows={1}
        maxRows={4}
        value={values.motivation}
        error={errors.motivation}
        onChange={(e) => onChange({ motivation: e.currentTarget.value })}
      />
    </>
  );
}
