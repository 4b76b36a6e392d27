import { Alert, Button, Group, Modal, Stack, Text } from "@mantine/core";
import { ApiError, errorMessage } from "../../../api/client.js";
import { notifySuccess } from "../../../ui/notify.js";
import { useUndoImport } from "../hooks/useImports.js";

/** Asks before undoing an import; a refusal (something newer changed the records) stays in the dialog. */
export function UndoImportModal({ importId, fileName, onClose }: { importId: number; fileName: string; onClose: () => void }) {
  const undo = useUndoImport();
  // A refusal (409) will not change on a second try: only closing is left.
  const refused = undo.error instanceof ApiError && undo.error.status === 409;
  return (
    <Modal opened onClose={onClose} title="Отменить загрузку?" centered>
      <Stack gap="md">
        <Text size="sm">
          Всё, что внесла загрузка файла «{fileName}», вернётся к прежнему виду: добавленные ею записи будут удалены, изменённые —
          восстановлены. Если после загрузки эти карточки правили вручную или другой загрузкой, отменить её нельзя.
        </Text>
        {undo.isError ? (
          <Alert color="red" title="Загрузку не удалось отменить" data-testid="undo-error">
            {errorMessage(undo.error)}
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {undo.isError ? "Закрыть" : "Не отменять"}
          </Button>
          {refused ? null : (
            <Button
              color="red"
              loading={undo.isPending}
              onClick={() =>
                undo.mutate(importId, {
                  onSuccess: () => {
                    notifySuccess(`Загрузка файла «${fileName}» отменена`);
                    onClose();
                  },
                })
              }
            >
              Отменить загрузку
            </Button>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}
