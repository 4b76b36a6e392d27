import { Anchor, FileInput, Text } from "@mantine/core";
import { useState } from "react";
import { CompletionInput } from "../../../../../shared/schemas.js";
import { FormModal } from "../../../ui/FormModal.js";
import { useZodForm } from "../../../ui/forms.js";
import { notifyError, notifySuccess } from "../../../ui/notify.js";
import { useSaveCompletion } from "../hooks/usePd.js";
import { SCAN_ACCEPT, scanProblem, scanUrl } from "../scan.js";
import type { CardCompletion } from "../types.js";
import { CompletionFields, completionInputOf, completionValuesOf, emptyCompletion } from "./CompletionFields.js";
import { ProgrammePicker, useNewProgramme, useProgrammeOfForm } from "./ProgrammePicker.js";

/** Adds or changes a course of a person, with a new programme typed in on the spot and the certificate scan. */
export function CompletionModal({ personId, completion, onClose }: { personId: number; completion: CardCompletion | null; onClose: () => void }) {
  const save = useSaveCompletion(personId);
  const newProgramme = useNewProgramme();
  const creating = newProgramme.values.creating;
  // While a new programme is typed in, any id passes the course's own check; the real one comes after it is created.
  const form = useZodForm(CompletionInput, completion ? completionValuesOf(completion) : emptyCompletion(), (v) => completionInputOf(v, creating ? 1 : undefined));
  const [scan, setScan] = useState<File | null>(null);
  const [scanError, setScanError] = useState<string | undefined>();
  const programme = useProgrammeOfForm(newProgramme, (id) => form.set("programmeId", id));

  const submit = async () => {
    const input = form.validate();
    const typed = creating ? newProgramme.validate() : undefined;
    if (!input || typed === null) return;
    const problem = scan ? scanProblem(scan) : null;
    if (problem) {
      setScanError(problem);
      return;
    }
    const programmeId = await programme.resolve(input.programmeId);
    if (programmeId === null) return;
    save.mutate(
      { id: completion?.id, input: { ...input, programmeId }, scan },
      {
        onSuccess: ({ scanError: failed }) => {
          if (failed) notifyError(failed, "Курс сохранён, но скан не загружен");
          else notifySuccess(completion ? "Курс сохранён" : "Курс добавлен");
          onClose();
        },
        onError: form.applyServerError,
      },
    );
  };

  return (
    <FormModal
      opened
      size="xl"
      title={completion ? "Курс" : "Добавить курс"}
      onClose={onClose}
      onSubmit={() => void submit()}
      loading={save.isPending || programme.pending}
      formError={form.errors._form ?? newProgramme.errors._form}
    >
      <ProgrammePicker
        value={form.values.programmeId}
        onChange={(v) => form.set("programmeId", v)}
        error={form.errors.programmeId}
        newProgramme={newProgramme}
        keep={completion ? { id: completion.programmeId, label: `${completion.programme.title} · ${completion.programme.hours ?? "—"} ч` } : null}
      />
      <CompletionFields values={form.values} onChange={form.patch} errors={form.errors} />
      <div>
        <FileInput
          label="Скан удостоверения или диплома"
          description={
            completion?.hasScan ? (
              <>
                Скан уже загружен (
                <Anchor href={scanUrl(completion.id)} download size="xs">
                  открыть
                </Anchor>
                ) — выберите файл, чтобы заменить его. PDF или JPEG, до 10 МБ.
              </>
            ) : (
              "PDF или JPEG, до 10 МБ. Файл загрузится после сохранения курса."
            )
          }
          placeholder="Выберите файл"
          accept={SCAN_ACCEPT}
          clearable
          value={scan}
          error={scanError}
          onChange={(file) => {
            setScan(file);
            setScanError(file ? (scanProblem(file) ?? undefined) : undefined);
          }}
          data-testid="scan-input"
        />
        {scan && !scanError ? (
          <Text size="xs" c="dimmed" mt={4}>
            {Math.max(1, Math.round(scan.size / 1024))} КБ
          </Text>
        ) : null}
      </div>
    </FormModal>
  );
}
