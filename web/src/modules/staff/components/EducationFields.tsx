import { Checkbox, Select, SimpleGrid, TextInput } from "@mantine/core";
import { EDUCATION_LEVEL_LABELS } from "../../../../../shared/domain.js";
import type { Education } from "../../../api/types.js";
import { str, type FieldGroupProps } from "../../../ui/forms.js";
import { optionsOf } from "../../../ui/options.js";

export type EducationValues = {
  level: string | null;
  isPedagogical: boolean;
  institution: string;
  graduationYear: string;
  speciality: string;
};

export const emptyEducation: EducationValues = { level: null, isPedagogical: true, institution: "", graduationYear: "", speciality: "" };

export const educationValuesOf = (e: Education): EducationValues => ({
  level: e.level,
  isPedagogical: e.isPedagogical,
  institution: str(e.institution),
  graduationYear: str(e.graduationYear),
  speciality: str(e.speciality),
});

export const educationInputOf = (v: EducationValues) => ({
  ...v,
  level: v.level ?? undefined,
  graduationYear: v.graduationYear.trim() === "" ? null : v.graduationYear.trim(),
});

export function EducationFields({ values, onChange, errors }: FieldGroupProps<EducationValues>) {
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
      <Select
        label="Уровень образования"
        withAsterisk
        data={optionsOf(EDUCATION_LEVEL_LABELS)}
        value={values.level}
        error={errors.level}
        onChange={(v) => onChange({ level: v })}
      />
      <Checkbox
        mt={{ sm: 30 }}
        label="Педагогическое образование"
        checked={values.isPedagogical}
        onChange={(e) => onChange({ isPedagogical: e.currentTarget.checked })}
      />
      <TextInput label="Учебное заведение" value={values.institution} error={errors.institution} onChange={(e) => onChange({ institution: e.currentTarget.value })} />
      <TextInput
        label="Год окончания"
        inputMode="numeric"
        value={values.graduationYear}
        error={errors.graduationYear}
        onChange={(e) => onChange({ graduationYear: e.currentTarget.value })}
      />
      <TextInput label="Специальность" value={values.speciality} error={errors.speciality} onChange={(e) => onChange({ speciality: e.currentTarget.value })} />
    </SimpleGrid>
  );
}
