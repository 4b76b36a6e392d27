import { PasswordInput, Text } from "@mantine/core";
import { z } from "zod";
import type { User } from "../../../api/types.js";
import { FormModal } from "../../../ui/FormModal.js";
import { useZodForm } from "../../../ui/forms.js";
import { notifySuccess } from "../../../ui/notify.js";
import { useSaveUser, userInputOf } from "../hooks/useUsers.js";

const PasswordForm = z
  .object({
    password: z.string().min(8, { error: "Пароль: не короче 8 символов" }).max(200),
    repeat: z.string(),
  })
  .refine((v) => v.password === v.repeat, { error: "Пароли не совпадают", path: ["repeat"] });

export function PasswordModal({ user, onClose }: { user: User; onClose: () => void }) {
  const save = useSaveUser();
  const form = useZodForm(PasswordForm, { password: "", repeat: "" }, (v) => v);
  const submit = () => {
    const input = form.validate();
    if (!input) return;
    save.mutate(
      { id: user.id, input: { ...userInputOf(user), password: input.password } },
      {
        onSuccess: () => {
          notifySuccess(`Пароль пользователя ${user.login} изменён`);
          onClose();
        },
        onError: form.applyServerError,
      },
    );
  };
  return (
    <FormModal opened title={`Новый пароль для ${user.login}`} size="md" submitLabel="Сменить пароль" onClose={onClose} onSubmit={submit} loading={save.isPending}>
      <Text size="sm" c="dimmed">
        Открытые сеансы пользователя завершатся; сообщите ему новый пароль.
      </Text>
      <PasswordInput label="Новый пароль" autoComplete="new-password" value={form.values.password} error={form.errors.password} onChange={(e) => form.set("password", e.currentTarget.value)} />
      <PasswordInput label="Повторите пароль" autoComplete="new-password" value={form.values.repeat} error={form.errors.repeat} onChange={(e) => form.set("repeat", e.currentTarget.value)} />
    </FormModal>
  );
}
