import { Select, SimpleGrid, TextInput } from "@mantine/core";
import { EXEMPTION_REASON_LABELS } from "../../../../../shared/domain.js";
import { ExemptionInput } from "../../../../../shared/schemas.js";
import { DateField } from "../../../ui/DateField.js";
import { FormModal } from "../../../ui/FormModal.js";
import { str, useZodForm } from "../../../ui/forms.js";
import { todayIso } from "../../../ui/format.js";
import { notifySuccess } from "../../../ui/notify.js";
import { optionsOf } from "../../../ui/options.js";
import { useSaveExemption } from "../hooks/usePd.js";
import type { Exemption } from "../types.js";

type Values = { reason: string | null; note: string; validFrom: string | null; validTo: string | null };

/** Adds, changes or ends («Завершить» sets today as the end) an exemption from the three-year rule. */
export function ExemptionModal({ personId, exemption, end, onClose }: { personId: number; exemption: Exemption | null; end?: boolean; onClose: () => void }) {
  const save = useSaveExemption(personId);
  const initial: Values = exemption
    ? { reason: exemption.reason, note: str(exemption.note), validFrom: exemption.validFrom, validTo: end ? todayIso() : exemption.validTo }
    : { reason: null, note: "", validFrom: todayIso(), validTo: null };
  const form = useZodForm(ExemptionInput, initial, (v: Values) => ({ ...v, reason: v.reason ?? undefined, validFrom: v.validFrom ?? undefined }));
  const { values, errors } = form;
  const submit = () => {
    const input = form.validate();
    if (!input) return;
    save.mutate(
      { id: exemption?.id, input },
      {
        onSuccess: () => {
          notifySuccess(end ? "Освобождение завершено" : "Освобождение сохранено");
          onClose();
        },
        onError: form.applyServerError,
      },
    );
  };
  return (
    <FormModal
      opened
      title={end ? "Завершить освобождение" : exemption ? "Освобождение от правила трёх лет" : "Новое освобождение"}
      submitLabel={end ? "Завершить" : undefined}
      onClose={onClose}
      onSubmit={submit}
      loading={save.isPending}
      formError={errors._form}
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <Select label="Причина" withAsterisk data={optionsOf(EXEMPTION_REASON_LABELS)} value={values.reason} error={errors.reason} onChange={(v) => form.set("reason", v)} />
        <TextInput label="Примечание (основание, приказ)" value={values.note} error={errors.note} onChange={(e) => form.set("note", e.currentTarget.value)} />
        <DateField label="Действует с" withAsterisk value={values.validFrom} error={errors.validFrom} onChange={(v) => form.set("validFrom", v)} />
        <DateField label="Действует по" value={values.validTo} error={errors.validTo} onChange={(v) => form.set("validTo", v)} />
      </SimpleGrid>
    </FormModal>
  );
}
