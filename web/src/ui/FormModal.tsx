import type { ReactNode } from "react";
import { Alert, Button, Group, Modal, Stack } from "@mantine/core";

/** A modal form with «Сохранить» and «Отмена»; `formError` shows errors not tied to a field. */
export function FormModal(props: {
  opened: boolean;
  title: string;
  onClose: () => void;
  onSubmit: () => void;
  loading?: boolean;
  submitLabel?: string;
  size?: string;
  formError?: string;
  children: ReactNode;
}) {
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={props.title} size={props.size ?? "lg"} centered>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          props.onSubmit();
        }}
      >
        <Stack gap="md">
          {props.formError ? <Alert color="red">{props.formError}</Alert> : null}
          {props.children}
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={props.onClose}>
              Отмена
            </Button>
            <Button type="submit" loading={props.loading}>
              {props.submitLabel ?? "Сохранить"}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
