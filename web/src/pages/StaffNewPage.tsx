import { Alert, Button, Checkbox, Group, Paper, Stack, Title } from "@mantine/core";
import { useNavigate } from "react-router-dom";
import { StaffCreateInput } from "../../../shared/schemas.js";
import { useCurrentUser } from "../modules/auth/hooks/useMe.js";
import { CategoryFields, categoryInputOf, emptyCategory, type CategoryValues } from "../modules/staff/components/CategoryFields.js";
import { EducationFields, educationInputOf, emptyEducation, type EducationValues } from "../modules/staff/components/EducationFields.js";
import { EmploymentFields, employmentInputOf, emptyEmployment, type EmploymentValues } from "../modules/staff/components/EmploymentFields.js";
import { PersonFields, emptyPerson, type PersonValues } from "../modules/staff/components/PersonFields.js";
import { useCreateStaff } from "../modules/staff/hooks/useStaff.js";
import { subErrors, useZodForm } from "../ui/forms.js";
import { todayIso } from "../ui/format.js";
import { notifySuccess } from "../ui/notify.js";
import { PageHeader } from "../ui/PageHeader.js";

type Values = {
  person: PersonValues;
  employment: EmploymentValues;
  withEducation: boolean;
  education: EducationValues;
  withCategory: boolean;
  category: CategoryValues;
};

const toInput = (v: Values) => ({
  person: v.person,
  employment: employmentInputOf(v.employment),
  education: v.withEducation ? educationInputOf(v.education) : null,
  category: v.withCategory ? categoryInputOf(v.category) : null,
});

/** A new staff member: personal data, the first place of work, optionally education and category. */
export function StaffNewPage() {
  const me = useCurrentUser();
  const navigate = useNavigate();
  const create = useCreateStaff();
  const coordinator = me.role === "org_coordinator";
  const initial: Values = {
    person: emptyPerson,
    employment: { ...emptyEmployment(coordinator ? me.organizationId : null), hireDate: todayIso() },
    withEducation: true,
    education: emptyEducation,
    withCategory: false,
    category: emptyCategory(),
  };
  const form = useZodForm(StaffCreateInput, initial, toInput);
  const { values, errors } = form;

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const input = form.validate();
    if (!input) return;
    create.mutate(input, {
      onSuccess: ({ id }) => {
        notifySuccess("Педагог добавлен в реестр");
        navigate(`/staff/${id}`);
      },
      onError: form.applyServerError,
    });
  };

  const hasErrors = Object.keys(errors).length > 0;
  return (
    <form onSubmit={submit} noValidate>
      <PageHeader title="Новый педагог" description="Если педагог уже есть в реестре и работает по совместительству, добавьте место работы в его карточке." />
      <Stack gap="md" maw={1100}>
        <Paper withBorder radius="md" p="md">
          <Title order={4} mb="sm">
            Личные данные
          </Title>
          <PersonFields values={values.person} onChange={(p) => form.patchGroup("person", p)} errors={subErrors(errors, "person.")} />
        </Paper>
        <Paper withBorder radius="md" p="md">
          <Title order={4} mb="sm">
            Место работы
          </Title>
          <EmploymentFields
            values={values.employment}
            onChange={(p) => form.patchGroup("employment", p)}
            errors={subErrors(errors, "employment.")}
            fixedOrganization={coordinator}
          />
        </Paper>
        <Paper withBorder radius="md" p="md">
          <Checkbox
            label={<Title order={4}>Образование</Title>}
            checked={values.withEducation}
            onChange={(e) => form.set("withEducation", e.currentTarget.checked)}
            mb={values.withEducation ? "sm" : 0}
          />
          {values.withEducation ? (
            <EducationFields values={values.education} onChange={(p) => form.patchGroup("education", p)} errors={subErrors(errors, "education.")} />
          ) : null}
        </Paper>
        <Paper withBorder radius="md" p="md">
          <Checkbox
            label={<Title order={4}>Квалификационная категория</Title>}
            checked={values.withCategory}
            onChange={(e) => form.set("withCategory", e.currentTarget.checked)}
            mb={values.withCategory ? "sm" : 0}
          />
          {values.withCategory ? (
            <CategoryFields values={values.category} onChange={(p) => form.patchGroup("category", p)} errors={subErrors(errors, "category.")} />
          ) : null}
        </Paper>
        {hasErrors ? <Alert color="red">Проверьте поля, отмеченные красным.</Alert> : null}
        <Group>
          <Button type="submit" loading={create.isPending}>
            Добавить педагога
          </Button>
          <Button variant="default" onClick={() => navigate(-1)}>
            Отмена
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
