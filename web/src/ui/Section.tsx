import type { ReactNode } from "react";
import { Button, Group, Paper, Text, Title } from "@mantine/core";

/**
 * A titled block of a card page with its own actions. With `addLabel` and `onAdd` it shows an add
 * button first among the actions (leave `onAdd` out where the user may not add).
 */
export function Section({
  title,
  actions,
  addLabel,
  onAdd,
  children,
}: {
  title: ReactNode;
  actions?: ReactNode;
  addLabel?: string;
  onAdd?: () => void;
  children: ReactNode;
}) {
  const add =
    addLabel && onAdd ? (
      <Button size="xs" variant="light" onClick={onAdd}>
        {addLabel}
      </Button>
    ) : null;
  return (
    <Paper withBorder radius="md" p="md">
      <Group justify="space-between" mb="sm" wrap="wrap" gap="xs">
        <Title order={4}>{title}</Title>
        {add || actions ? (
          <Group gap="xs">
            {add}
            {actions}
          </Group>
        ) : null}
      </Group>
      {children}
    </Paper>
  );
}

/** The dimmed line a section shows when it has no records. */
export function EmptyText({ children }: { children: ReactNode }) {
  return (
    <Text c="dimmed" size="sm">
      {children}
    </Text>
  );
}
