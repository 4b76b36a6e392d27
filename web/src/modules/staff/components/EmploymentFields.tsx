import { Checkbox, MultiSelect, Select, SimpleGrid } from "@mantine/core";
import type { Employment } from "../../../api/types.js";
import { DateField } from "../../../ui/DateField.js";
import type { FieldGroupProps } from "../../../ui/forms.js";
import { organizationOptions, useAllOrganizations } from "../../organizations/hooks/useOrganizations.js";
import { referenceOptions, useReferences } from "../../references/hooks/useReferences.js";

export type EmploymentValues = {
  organizationId: string | null;
  positionId: string | null;
  subjectIds: string[];
  isMain: boolean;
  hireDate: string | null;
  dismissalDate: string | null;
};

export const emptyEmployment = (organizationId: number | null = null): EmploymentValues => ({
  organizationId: organizationId === null ? null : String(organizationId),
  positionId: null,
  subjectIds: [],
  isMain: true,
  hireDate: null,
  dismissalDate: null,
});

export const employmentValuesOf = (e: Employment): EmploymentValues => ({
  organizationId: String(e.organizationId),
  positionId: String(e.positionId),
  subjectIds: e.subjectIds.map(String),
  isMain: e.isMain,
  hireDate: e.hireDate,
  dismissalDate: e.dismissalDate,
});

export const employmentInputOf = (v: EmploymentValues) => ({
  ...v,
  organizationId: v.organizationId ?? "",
  positionId: v.positionId ?? "",
  subjectIds: v.subjectIds.map(Number),
});

/** A place of work: organisation, position, subjects, main or part-time, dates. */
export function EmploymentFields({
  values,
  onChange,
  errors,
  fixedOrganization = false,
  withDismissal = false,
}: FieldGroupProps<EmploymentValues> & { fixedOrganization?: boolean; withDismissal?: boolean }) {
  const organizations = useAllOrganizations();
  const positions = useReferences("positions");
  const subjects = useReferences("subjects");
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
      <Select
        label="Организация"
        withAsterisk
        searchable
        nothingFoundMessage="Ничего не найдено"
        data={organizationOptions(organizations.data, [values.organizationId])}
        value={values.organizationId}
        disabled={fixedOrganization}
        error={errors.organizationId}
        onChange={(v) => onChange({ organizationId: v })}
      />
      <Select
        label="Должность"
        withAsterisk
        searchable
        nothingFoundMessage="Ничего не найдено"
        data={referenceOptions(positions.data, [values.positionId])}
        value={values.positionId}
        error={errors.positionId}
        onChange={(v) => onChange({ positionId: v })}
      />
      <MultiSelect
        label="Преподаваемые предметы"
        searchable
        clearable
        nothingFoundMessage="Ничего не найдено"
        data={referenceOptions(subjects.data, values.subjectIds)}
        value={values.subjectIds}
        error={errors.subjectIds}
        onChange={(v) => onChange({ subjectIds: v })}
      />
      <DateField label="Дата приёма" value={values.hireDate} error={errors.hireDate} onChange={(v) => onChange({ hireDate: v })} />
      {withDismissal ? (
        <DateField label="Дата увольнения" value={values.dismissalDate} error={errors.dismissalDate} onChange={(v) => onChange({ dismissalDate: v })} />
      ) : null}
      <Checkbox
        mt={{ sm: 30 }}
        label="Основное место работы (не совместительство)"
        checked={values.isMain}
        onChange={(e) => onChange({ isMain: e.currentTarget.checked })}
      />
    </SimpleGrid>
  );
}
