import { useEffect, useState } from "react";
import { AppShell, Badge, Burger, Button, Center, Group, Loader, NavLink, Stack, Text, Title } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { useQueryClient } from "@tanstack/react-query";
import { Link, Navigate, Outlet, useLocation, useNavigate } from "react-router-dom";
import { setUnauthorizedHandler } from "../api/client.js";
import type { Me } from "../api/types.js";
import { ME_KEY, useLogout, useMe } from "../modules/auth/hooks/useMe.js";
import { loginPath } from "../modules/auth/next.js";
import { ErrorAlert } from "../ui/QueryState.js";

type NavItem = { to: string; label: string };

function navItems(me: Me): NavItem[] {
  switch (me.role) {
    case "municipal_admin":
      return [
        { to: "/staff", label: "Педагоги" },
        { to: "/organizations", label: "Организации" },
        { to: "/imports", label: "Загрузка из Excel" },
        { to: "/pd", label: "Курсы ПК" },
        { to: "/reports/composition", label: "Кадровый состав" },
        { to: "/references", label: "Справочники" },
        { to: "/users", label: "Пользователи" },
      ];
    case "org_coordinator":
      return [
        { to: "/start", label: "Главная" },
        { to: "/staff", label: "Педагоги" },
        { to: "/organizations", label: "Организации" },
        { to: "/imports", label: "Загрузка из Excel" },
        { to: "/pd", label: "Курсы ПК" },
      ];
    case "teacher":
    case "association_leader":
      return [
        { to: "/profile", label: "Мой профиль" },
        { to: "/organizations", label: "Организации" },
      ];
    case "region_viewer":
      return [{ to: "/reports/composition", label: "Кадровый состав" }];
  }
}

/** The frame of every page after sign-in: header with the user, navigation by role. */
export function AuthenticatedLayout() {
  const me = useMe();
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const logout = useLogout();
  // Set by «Выйти»: the next person at the computer starts from their own home page, not ours.
  const [signingOut, setSigningOut] = useState(false);
  const [opened, { toggle, close }] = useDisclosure();

  useEffect(() => {
    setUnauthorizedHandler(() => {
      queryClient.setQueryData(ME_KEY, null);
    });
  }, [queryClient]);

  useEffect(close, [location.pathname, close]);

  if (me.isPending) {
    return (
      <Center h="100vh">
        <Loader />
      </Center>
    );
  }
  if (me.isError) return <ErrorAlert error={me.error} />;
  if (!me.data) {
    // A visit without a session (or a session that ended) returns to its page after login.
    return <Navigate to={signingOut ? loginPath() : loginPath(location.pathname + location.search)} replace />;
  }
  const user = me.data;
  // A one-time password: the API refuses everything until it is changed.
  if (user.mustChangePassword) return <Navigate to="/password" replace />;
  const place = user.municipality?.name ?? (user.regionCode ? `Регион ${user.regionCode}` : "");

  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 230, breakpoint: "sm", collapsed: { mobile: !opened } }} padding="lg">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Меню" />
            <Title order={3} c="blue.8">
              Методист
            </Title>
            {place ? (
              <Text c="dimmed" size="sm" visibleFrom="md" truncate>
                {place}
              </Text>
            ) : null}
          </Group>
          <Group gap="md" wrap="nowrap">
            <Stack gap={0} align="flex-end" visibleFrom="sm">
              <Text size="sm" fw={500} data-testid="current-user">
                {user.fullName}
              </Text>
              <Text size="xs" c="dimmed">
                {user.roleLabel}
                {user.organizationName ? `, ${user.organizationName}` : ""}
              </Text>
            </Stack>
            <Button
              variant="default"
              size="xs"
              loading={logout.isPending}
              onClick={() => {
                setSigningOut(true);
                logout.mutate(undefined, { onSettled: () => navigate(loginPath(), { replace: true }) });
              }}
            >
              Выйти
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm">
        {navItems(user).map((item) => (
          <NavLink
            key={item.to}
            component={Link}
            to={item.to}
            label={item.label}
            active={location.pathname === item.to || location.pathname.startsWith(`${item.to}/`)}
            variant="filled"
            mb={4}
            style={{ borderRadius: "var(--mantine-radius-sm)" }}
          />
        ))}
        {user.role === "org_coordinator" && user.organizationName ? (
          <Badge variant="light" mt="md" size="lg" style={{ textTransform: "none" }} fullWidth>
            {user.organizationName}
          </Badge>
        ) : null}
      </AppShell.Navbar>
      <AppShell.Main>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
