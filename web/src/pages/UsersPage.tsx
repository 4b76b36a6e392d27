import { Anchor, Badge, Button, Paper, Table, Text } from "@mantine/core";
import { useMemo, useState } from "react";
import { Link } from "react-router-dom";
import type { User } from "../api/types.js";
import { useCurrentUser } from "../modules/auth/hooks/useMe.js";
import { useAllOrganizations } from "../modules/organizations/hooks/useOrganizations.js";
import { PasswordModal } from "../modules/users/components/PasswordModal.js";
import { UserModal } from "../modules/users/components/UserModal.js";
import { useSaveUser, useUsers, userInputOf } from "../modules/users/hooks/useUsers.js";
import { notifySuccess } from "../ui/notify.js";
import { PageHeader } from "../ui/PageHeader.js";
import { QueryState } from "../ui/QueryState.js";
import { RecordActions, RowAction } from "../ui/RecordActions.js";

type Dialog = { mode: "edit"; user: User | null } | { mode: "password"; user: User } | null;

export function UsersPage() {
  const me = useCurrentUser();
  const users = useUsers();
  const organizations = useAllOrganizations();
  const save = useSaveUser();
  const [dialog, setDialog] = useState<Dialog>(null);
  const orgNames = useMemo(() => new Map((organizations.data ?? []).map((o) => [o.id, o.shortName])), [organizations.data]);
  const toggle = (u: User) =>
    save.mutate(
      { id: u.id, input: { ...userInputOf(u), disabled: !u.disabled } },
      { onSuccess: () => notifySuccess(u.disabled ? `Пользователь ${u.login} включён` : `Пользователь ${u.login} отключён`) },
    );

  return (
    <>
      <PageHeader title="Пользователи" actions={<Button onClick={() => setDialog({ mode: "edit", user: null })}>Создать пользователя</Button>} />
      <QueryState query={users}>
        {(items) => (
          <Paper withBorder radius="md" p="md">
            <Table.ScrollContainer minWidth={900}>
              <Table striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Логин</Table.Th>
                    <Table.Th>ФИО</Table.Th>
                    <Table.Th>Роль</Table.Th>
                    <Table.Th>Организация / карточка</Table.Th>
                    <Table.Th>Состояние</Table.Th>
                    <Table.Th />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((u) => (
                    <Table.Tr key={u.id} c={u.disabled ? "dimmed" : undefined}>
                      <Table.Td fw={500}>{u.login}</Table.Td>
                      <Table.Td>{u.fullName}</Table.Td>
                      <Table.Td>{u.roleLabel}</Table.Td>
                      <Table.Td>
                        {u.organizationId ? (
                          <Anchor component={Link} to={`/organizations/${u.organizationId}`} size="sm">
                            {orgNames.get(u.organizationId) ?? `№ ${u.organizationId}`}
                          </Anchor>
                        ) : u.personId ? (
                          <Anchor component={Link} to={`/staff/${u.personId}`} size="sm">
                            карточка педагога
                          </Anchor>
                        ) : (
                          <Text size="sm" c="dimmed">
                            —
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td className="nowrap">{u.disabled ? <Badge color="gray">отключён</Badge> : <Badge color="teal" variant="light">активен</Badge>}</Table.Td>
                      <Table.Td>
                        <RecordActions onEdit={() => setDialog({ mode: "edit", user: u })}>
                          <RowAction onClick={() => setDialog({ mode: "password", user: u })}>Сбросить пароль</RowAction>
                          {u.id !== me.id ? (
                            <Button size="compact-xs" variant="subtle" color={u.disabled ? "blue" : "red"} onClick={() => toggle(u)}>
                              {u.disabled ? "Включить" : "Отключить"}
                            </Button>
                          ) : null}
                        </RecordActions>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Paper>
        )}
      </QueryState>
      {dialog?.mode === "edit" ? <UserModal user={dialog.user} onClose={() => setDialog(null)} /> : null}
      {dialog?.mode === "password" ? <PasswordModal user={dialog.user} onClose={() => setDialog(null)} /> : null}
    </>
  );
}
