import type { ReactNode } from "react";
import { Button, Group } from "@mantine/core";
import { ConfirmModal } from "./confirm.js";
import { notifySuccess } from "./notify.js";

/** A small subtle button in a table row; `danger` makes it red. */
export function RowAction({ danger, onClick, children }: { danger?: boolean; onClick: () => void; children: ReactNode }) {
  return (
    <Button size="compact-xs" variant="subtle" color={danger ? "red" : undefined} onClick={onClick}>
      {children}
    </Button>
  );
}

/**
 * The actions of a record's row, right-aligned: «Завершить», «Изменить», «Удалить» (each shown when
 * its handler is given), then any further actions passed as children.
 */
export function RecordActions({
  onEnd,
  onEdit,
  onDelete,
  children,
}: {
  onEnd?: () => void;
  onEdit?: () => void;
  onDelete?: () => void;
  children?: ReactNode;
}) {
  return (
    <Group gap={4} justify="flex-end" wrap="nowrap">
      {onEnd ? <RowAction onClick={onEnd}>Завершить</RowAction> : null}
      {onEdit ? <RowAction onClick={onEdit}>Изменить</RowAction> : null}
      {onDelete ? (
        <RowAction danger onClick={onDelete}>
          Удалить
        </RowAction>
      ) : null}
      {children}
    </Group>
  );
}

/**
 * Asks before deleting `record` (open while it is not null). `onDelete` starts the deletion and calls
 * `onSuccess` when it is done; then `successMessage` is shown and the modal closes.
 */
export function DeleteConfirm<T>({
  record,
  title,
  message,
  successMessage,
  loading,
  onDelete,
  onClose,
}: {
  record: T | null;
  title: string;
  message: ReactNode;
  successMessage: string;
  loading?: boolean;
  onDelete: (record: T, onSuccess: () => void) => void;
  onClose: () => void;
}) {
  return (
    <ConfirmModal
      opened={record !== null}
      title={title}
      message={message}
      confirmLabel="Удалить"
      loading={loading}
      onClose={onClose}
      onConfirm={() =>
        record !== null &&
        onDelete(record, () => {
          notifySuccess(successMessage);
          onClose();
        })
      }
    />
  );
}
