import { Alert, Anchor, Button, Center, Group, Loader, Paper, PasswordInput, Stack, Text, Title } from "@mantine/core";
import { z } from "zod";
import { Link, Navigate, useNavigate } from "react-router-dom";
import { PasswordChangeInput } from "../../../shared/schemas.js";
import { errorMessage } from "../api/client.js";
import { useLogout, useMe } from "../modules/auth/hooks/useMe.js";
import { useChangePassword } from "../modules/auth/hooks/usePassword.js";
import { homePath } from "../modules/auth/permissions.js";
import { useZodForm } from "../ui/forms.js";
import { notifySuccess } from "../ui/notify.js";

const PasswordForm = PasswordChangeInput.and(z.object({ repeat: z.string() })).refine((v) => v.newPassword === v.repeat, {
  error: "Пароли не совпадают",
  path: ["repeat"],
});

/**
 * «Смена пароля»: where a user signed in with a one-time password is sent (the API answers
 * nothing else until it is changed); anyone signed in may open it to change their password.
 */
export function PasswordChangePage() {
  const me = useMe();
  const change = useChangePassword();
  const logout = useLogout();
  const navigate = useNavigate();
  const form = useZodForm(PasswordForm, { currentPassword: "", newPassword: "", repeat: "" }, (v) => v);

  if (me.isPending) {
    return (
      <Center h="100vh">
        <Loader />
      </Center>
    );
  }
  if (!me.data) return <Navigate to="/login?next=%2Fpassword" replace />;
  const user = me.data;
  const forced = user.mustChangePassword;

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const parsed = form.validate();
    if (!parsed) return;
    change.mutate(
      { currentPassword: parsed.currentPassword, newPassword: parsed.newPassword },
      {
        onSuccess: ({ user: changed }) => {
          notifySuccess("Пароль изменён");
          navigate(homePath(changed), { replace: true });
        },
        onError: form.applyServerError,
      },
    );
  };

  return (
    <Center mih="100vh" p="md">
      <Paper withBorder shadow="sm" radius="md" p="xl" w={420} component="form" onSubmit={submit} noValidate>
        <Stack gap="md">
          <div>
            <Title order={2} c="blue.8">
              Смена пароля
            </Title>
            <Text c="dimmed" size="sm">
              {user.fullName} ({user.login})
            </Text>
          </div>
          {forced ? (
            <Alert color="yellow" data-testid="password-forced">
              Вы вошли с временным паролем. Придумайте свой пароль не короче 8 символов — до этого другие разделы недоступны.
            </Alert>
          ) : null}
          {change.isError && !Object.keys(form.errors).length ? <Alert color="red">{errorMessage(change.error)}</Alert> : null}
          <PasswordInput
            label={forced ? "Временный пароль" : "Текущий пароль"}
            autoComplete="current-password"
            autoFocus
            value={form.values.currentPassword}
            error={form.errors.currentPassword}
            onChange={(e) => form.set("currentPassword", e.currentTarget.value)}
          />
          <PasswordInput
            label="Новый пароль"
            autoComplete="new-password"
            value={form.values.newPassword}
            error={form.errors.newPassword}
            onChange={(e) => form.set("newPassword", e.currentTarget.value)}
          />
          <PasswordInput
            label="Повторите новый пароль"
            autoComplete="new-password"
            value={form.values.repeat}
            error={form.errors.repeat}
            onChange={(e) => form.set("repeat", e.currentTarget.value)}
          />
          <Button type="submit" loading={change.isPending} fullWidth>
            Сменить пароль
          </Button>
          <Group justify="space-between">
            {forced ? (
              <span />
            ) : (
              <Anchor component={Link} to={homePath(user)} size="sm">
                Отмена
              </Anchor>
            )}
            <Anchor
              component="button"
              type="button"
              size="sm"
              onClick={() => logout.mutate(undefined, { onSettled: () => navigate("/login", { replace: true }) })}
            >
              Выйти
            </Anchor>
          </Group>
        </Stack>
      </Paper>
    </Center>
  );
}
