import type { ReactNode } from "react";
import { Stack, Text } from "@mantine/core";

/** A read-only label and value pair. */
export function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" component="div">
        {children === null || children === undefined || children === "" ? "—" : children}
      </Text>
    </Stack>
  );
}
