import { PasswordInput, Select, SimpleGrid, TextInput } from "@mantine/core";
import { ROLE_LABELS, ROLES } from "../../../../../shared/domain.js";
import { UserInput } from "../../../../../shared/schemas.js";
import type { User } from "../../../api/types.js";
import { FormModal } from "../../../ui/FormModal.js";
import { useZodForm } from "../../../ui/forms.js";
import { notifySuccess } from "../../../ui/notify.js";
import { optionsOf } from "../../../ui/options.js";
import { organizationOptions, useAllOrganizations } from "../../organizations/hooks/useOrganizations.js";
import { PersonPicker } from "../../staff/components/PersonPicker.js";
import { useSaveUser } from "../hooks/useUsers.js";

// Region viewers are created from the command line: they belong to no municipality.
const ROLE_OPTIONS = optionsOf(ROLE_LABELS, ROLES.filter((r) => r !== "region_viewer"));

type Values = {
  login: string;
  fullName: string;
  role: string | null;
  password: string;
  organizationId: string | null;
  personId: number | null;
  disabled: boolean;
};

const needsPerson = (role: string | null) => role === "teacher" || role === "association_leader";

export function UserModal({ user, onClose }: { user: User | null; onClose: () => void }) {
  const save = useSaveUser();
  const organizations = useAllOrganizations();
  const initial: Values = {
    login: user?.login ?? "",
    fullName: user?.fullName ?? "",
    role: user?.role ?? null,
    password: "",
    organizationId: user?.organizationId ? String(user.organizationId) : null,
    personId: user?.personId ?? null,
    disabled: user?.disabled ?? false,
  };
  const form = useZodForm(
    UserInput,
    initial,
    (v: Values) => ({
      ...v,
      role: v.role ?? undefined,
      password: user ? undefined : v.password,
      organizationId: v.role === "org_coordinator" ? v.organizationId : null,
      personId: needsPerson(v.role) ? v.personId : null,
    }),
  );
  const { values, errors } = form;
  const submit = () => {
    const input = form.validate();
    if (!input) return;
    if (!user && !values.password) {
      form.setErrors({ password: "Задайте пароль (не короче 8 символов)" });
      return;
    }
    save.mutate(
      { id: user?.id, input },
      {
        onSuccess: () => {
          notifySuccess(user ? "Пользователь сохранён" : "Пользователь создан");
          onClose();
        },
        onError: form.applyServerError,
      },
    );
  };
  return (
    <FormModal opened title={user ? `Пользователь ${user.login}` : "Новый пользователь"} onClose={onClose} onSubmit={submit} loading={save.isPending} formError={errors._form}>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <TextInput label="Логин" withAsterisk autoComplete="off" value={values.login} error={errors.login} onChange={(e) => form.set("login", e.currentTarget.value)} />
        <Select
          label="Роль"
          withAsterisk
          data={ROLE_OPTIONS}
          value={values.role}
          error={errors.role}
          allowDeselect={false}
          onChange={(v) => form.set("role", v)}
        />
      </SimpleGrid>
      <TextInput label="ФИО" withAsterisk value={values.fullName} error={errors.fullName} onChange={(e) => form.set("fullName", e.currentTarget.value)} />
      {values.role === "org_coordinator" ? (
        <Select
          label="Организация"
          withAsterisk
          searchable
          nothingFoundMessage="Ничего не найдено"
          data={organizationOptions(organizations.data, [values.organizationId])}
          value={values.organizationId}
          error={errors.organizationId}
          onChange={(v) => form.set("organizationId", v)}
        />
      ) : null}
      {needsPerson(values.role) ? (
        <PersonPicker
          label="Карточка педагога"
          withAsterisk={values.role === "teacher"}
          value={values.personId}
          error={errors.personId}
          onChange={(id, name) => {
            form.set("personId", id);
            if (name && !values.fullName) form.set("fullName", name);
          }}
        />
      ) : null}
      {!user ? (
        <PasswordInput
          label="Пароль"
          description="Не короче 8 символов"
          withAsterisk
          autoComplete="new-password"
          value={values.password}
          error={errors.password}
          onChange={(e) => form.set("password", e.currentTarget.value)}
        />
      ) : null}
    </FormModal>
  );
}
