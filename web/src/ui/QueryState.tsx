import type { ReactNode } from "react";
import { Alert, Anchor, Center, Loader, Text } from "@mantine/core";
import type { UseQueryResult } from "@tanstack/react-query";
import { Link } from "react-router-dom";
import { ApiError, errorMessage } from "../api/client.js";

/** Renders a loader, the server's error, or the data of a query. */
export function QueryState<T>({ query, children }: { query: UseQueryResult<T>; children: (data: T) => ReactNode }) {
  if (query.isPending) {
    return (
      <Center py="xl">
        <Loader />
      </Center>
    );
  }
  if (query.isError) return <ErrorAlert error={query.error} />;
  return <>{children(query.data)}</>;
}

export function ErrorAlert({ error }: { error: unknown }) {
  const status = error instanceof ApiError ? error.status : 0;
  if (status === 404 || status === 403) {
    return (
      <Alert color="yellow" title={status === 404 ? "Не найдено" : "Нет доступа"} my="md">
        <Text size="sm">{errorMessage(error)}</Text>
        <Text size="sm" c="dimmed" mt={4}>
          {status === 404 ? "Запись не существует или не входит в то, что видит ваша роль. " : ""}
          <Anchor component={Link} to="/" size="sm">
            Перейти на главную
          </Anchor>
        </Text>
      </Alert>
    );
  }
  return (
    <Alert color="red" title="Ошибка" my="md">
      {errorMessage(error)}
    </Alert>
  );
}
