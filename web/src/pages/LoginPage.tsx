import { Alert, Button, Center, Loader, Paper, PasswordInput, Stack, Text, TextInput, Title } from "@mantine/core";
import { Navigate, useNavigate, useSearchParams } from "react-router-dom";
import { LoginInput } from "../../../shared/schemas.js";
import { errorMessage } from "../api/client.js";
import { useLogin, useMe } from "../modules/auth/hooks/useMe.js";
import { useSetupStatus } from "../modules/municipality/hooks/useMunicipality.js";
import { homePath } from "../modules/auth/permissions.js";
import { safeNextPath } from "../modules/auth/next.js";
import { useZodForm } from "../ui/forms.js";

export function LoginPage() {
  const me = useMe();
  const login = useLogin();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const form = useZodForm(LoginInput, { login: "", password: "" }, (v) => v);
  // Only a page of this app, never another site (a crafted link to the login page).
  const next = safeNextPath(params.get("next"));
  // An empty installation has nobody to sign in: the first-run set-up comes instead.
  const setup = useSetupStatus(!me.data && !me.isPending);

  if (me.data) return <Navigate to={next ?? homePath(me.data)} replace />;
  if (setup.data?.needed) return <Navigate to="/setup" replace />;
  if (me.isPending || setup.isPending) {
    return (
      <Center mih="100vh">
        <Loader />
      </Center>
    );
  }

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const input = form.validate();
    if (!input) return;
    login.mutate(input, {
      onSuccess: ({ user }) => navigate(next ?? homePath(user), { replace: true }),
      onError: form.applyServerError,
    });
  };

  return (
    <Center mih="100vh" p="md">
      <Paper withBorder shadow="sm" radius="md" p="xl" w={380} component="form" onSubmit={submit} noValidate>
        <Stack gap="md">
          <div>
            <Title order={2} c="blue.8">
              Методист
            </Title>
            <Text c="dimmed" size="sm">
              Информационная система муниципальной методической службы
            </Text>
          </div>
          {login.isError ? (
            <Alert color="red" data-testid="login-error">
              {errorMessage(login.error)}
            </Alert>
          ) : null}
          <TextInput
            label="Логин"
            autoComplete="username"
            autoFocus
            name="login"
            value={form.values.login}
            onChange={(e) => form.set("login", e.currentTarget.value)}
            error={form.errors.login}
          />
          <PasswordInput
            label="Пароль"
            autoComplete="current-password"
            name="password"
            value={form.values.password}
            onChange={(e) => form.set("password", e.currentTarget.value)}
            error={form.errors.password}
          />
          <Button type="submit" loading={login.isPending} fullWidth>
            Войти
          </Button>
        </Stack>
      </Paper>
    </Center>
  );
}
