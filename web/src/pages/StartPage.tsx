import { Anchor, Group, Paper, Stack, Text } from "@mantine/core";
import { Link } from "react-router-dom";
import { useCurrentUser } from "../modules/auth/hooks/useMe.js";
import { RemindersTab } from "../modules/pd/components/RemindersTab.js";
import { PageHeader } from "../ui/PageHeader.js";

/**
 * A coordinator's start page: what needs attention in their organisation — who falls due for
 * courses soon and which courses are still unconfirmed — and the usual ways on.
 */
export function StartPage() {
  const me = useCurrentUser();
  return (
    <>
      <PageHeader title="Главная" description={`${me.organizationName ?? "Ваша организация"}: что требует внимания`} />
      <Stack gap="md">
        <Paper withBorder radius="md" p="md">
          <Group gap="lg">
            <Text size="sm" fw={500}>
              Быстрые ссылки:
            </Text>
            <Anchor component={Link} to="/pd?status=overdue" size="sm">
              Курсы просрочены
            </Anchor>
            <Anchor component={Link} to="/pd?tab=plan" size="sm">
              Заявка на курсы
            </Anchor>
            <Anchor component={Link} to="/imports?kind=completions" size="sm">
              Загрузить курсы из Excel
            </Anchor>
          </Group>
        </Paper>
        <RemindersTab showOrganization={false} />
      </Stack>
    </>
  );
}
