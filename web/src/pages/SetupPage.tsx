import { Alert, Anchor, Button, Center, Divider, Loader, Paper, PasswordInput, SimpleGrid, Stack, Text, TextInput, Title } from "@mantine/core";
import { z } from "zod";
import { Link, Navigate, useNavigate } from "react-router-dom";
import { SetupInput } from "../../../shared/schemas.js";
import { ApiError, errorMessage } from "../api/client.js";
import { useMe } from "../modules/auth/hooks/useMe.js";
import { homePath } from "../modules/auth/permissions.js";
import { EMPTY_REQUISITES, RequisitesFields, type RequisitesValues } from "../modules/municipality/components/RequisitesFields.js";
import { useSetup, useSetupStatus } from "../modules/municipality/hooks/useMunicipality.js";
import { subErrors, useZodForm } from "../ui/forms.js";

const SetupForm = SetupInput.extend({ repeat: z.string() }).refine((v) => v.admin.password === v.repeat, {
  error: "Пароли не совпадают",
  path: ["repeat"],
});

type Values = {
  municipality: RequisitesValues & { code: string; name: string; regionCode: string };
  admin: { login: string; fullName: string; password: string };
  repeat: string;
};

const INITIAL: Values = {
  municipality: { code: "", name: "", regionCode: "", ...EMPTY_REQUISITES },
  admin: { login: "", fullName: "", password: "" },
  repeat: "",
};

/**
 * «Первый запуск»: an empty installation (started with DEMO=0) has nobody who could sign in, so
 * instead of the login page it asks for the municipality and its first admin.
 */
export function SetupPage() {
  const me = useMe();
  const status = useSetupStatus(!me.data);
  const setup = useSetup();
  const navigate = useNavigate();
  const form = useZodForm(SetupForm, INITIAL, (v) => v);

  if (me.data) return <Navigate to={homePath(me.data)} replace />;
  if (status.isPending || me.isPending) {
    return (
      <Center h="100vh">
        <Loader />
      </Center>
    );
  }
  if (status.data && !status.data.needed && !setup.isPending) return <Navigate to="/login" replace />;

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const parsed = form.validate();
    if (!parsed) return;
    const { repeat: _repeat, ...input } = parsed;
    setup.mutate(input, {
      onSuccess: ({ user }) => navigate(homePath(user), { replace: true }),
      onError: form.applyServerError,
    });
  };
  const municipalityErrors = subErrors(form.errors, "municipality.");
  const adminErrors = subErrors(form.errors, "admin.");
  const m = form.values.municipality;
  const field = (key: "name" | "code" | "regionCode", label: string, props: { placeholder?: string; description?: string } = {}) => (
    <TextInput
      label={label}
      required
      value={m[key]}
      error={municipalityErrors[key]}
      onChange={(e) => form.patchGroup("municipality", { [key]: e.currentTarget.value })}
      {...props}
    />
  );
  const conflict = setup.error instanceof ApiError && setup.error.status === 409 && setup.error.details.length === 0;

  return (
    <Center mih="100vh" p="md">
      <Paper withBorder shadow="sm" radius="md" p="xl" w={760} component="form" onSubmit={submit} noValidate>
        <Stack gap="md">
          <div>
            <Title order={2} c="blue.8">
              Первый запуск
            </Title>
            <Text c="dimmed" size="sm">
              База пуста. Укажите муниципалитет и его администратора — справочники должностей, предметов и федеральных
              организаций ДПО заполнятся сами. Остальное можно дополнить позже в разделе «Справочники».
            </Text>
          </div>
          {setup.isError ? (
            <Alert color="red" data-testid="setup-error">
              {errorMessage(setup.error)}
              {conflict ? (
                <>
                  {" "}
                  <Anchor component={Link} to="/login">
                    Перейти ко входу
                  </Anchor>
                </>
              ) : null}
            </Alert>
          ) : null}

          <Divider label="Муниципалитет" labelPosition="left" />
          {field("name", "Название муниципалитета", { placeholder: "Лесной муниципальный округ" })}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {field("code", "Код муниципалитета", { placeholder: "lesnoy", description: "Латиницей; нужен для командной строки" })}
            {field("regionCode", "Код региона", { placeholder: "66", description: "Две цифры" })}
          </SimpleGrid>

          <Divider label="Орган управления образованием" labelPosition="left" />
          <RequisitesFields values={m} onChange={(p) => form.patchGroup("municipality", p)} errors={municipalityErrors} />

          <Divider label="Администратор муниципалитета" labelPosition="left" />
          <TextInput
            label="ФИО"
            required
            value={form.values.admin.fullName}
            error={adminErrors.fullName}
            onChange={(e) => form.patchGroup("admin", { fullName: e.currentTarget.value })}
          />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput
              label="Логин"
              required
              autoComplete="username"
              value={form.values.admin.login}
              error={adminErrors.login}
              onChange={(e) => form.patchGroup("admin", { login: e.currentTarget.value })}
            />
            <PasswordInput
              label="Пароль"
              required
              autoComplete="new-password"
              description="Не короче 8 символов"
              value={form.values.admin.password}
              error={adminErrors.password}
              onChange={(e) => form.patchGroup("admin", { password: e.currentTarget.value })}
            />
            <PasswordInput
              label="Повторите пароль"
              required
              autoComplete="new-password"
              value={form.values.repeat}
              error={form.errors.repeat}
              onChange={(e) => form.set("repeat", e.currentTarget.value)}
            />
          </SimpleGrid>
          <Button type="submit" loading={setup.isPending} size="md">
            Создать муниципалитет и войти
          </Button>
        </Stack>
      </Paper>
    </Center>
  );
}
