import { Spoiler, Text } from "@mantine/core";
import { CompletionInput } from "../../../../../shared/schemas.js";
import { FormModal } from "../../../ui/FormModal.js";
import { useZodForm } from "../../../ui/forms.js";
import { plural } from "../../../ui/format.js";
import { notifySuccess } from "../../../ui/notify.js";
import { useAddGroupCompletion } from "../hooks/usePd.js";
import { CompletionFields, completionInputOf, emptyCompletion } from "./CompletionFields.js";
import { ProgrammePicker, useNewProgramme, useProgrammeOfForm } from "./ProgrammePicker.js";

/** One course for several people at once (a school sent on one programme): all or none. */
export function GroupCompletionModal({ persons, onClose, onDone }: { persons: { id: number; fullName: string }[]; onClose: () => void; onDone: () => void }) {
  const add = useAddGroupCompletion();
  const newProgramme = useNewProgramme();
  const creating = newProgramme.values.creating;
  const form = useZodForm(CompletionInput, emptyCompletion(), (v) => completionInputOf(v, creating ? 1 : undefined));
  const n = persons.length;
  const programme = useProgrammeOfForm(newProgramme, (id) => form.set("programmeId", id));

  const submit = async () => {
    const input = form.validate();
    const typed = creating ? newProgramme.validate() : undefined;
    if (!input || typed === null) return;
    const programmeId = await programme.resolve(input.programmeId);
    if (programmeId === null) return;
    add.mutate(
      { personIds: persons.map((p) => p.id), completion: { ...input, programmeId, certificateNumber: null, certificateDate: null } },
      {
        onSuccess: (r) => {
          notifySuccess(`Курс добавлен: ${r.created} ${plural(r.created, ["педагогу", "педагогам", "педагогам"])}`);
          onDone();
        },
        onError: form.applyServerError,
      },
    );
  };

  return (
    <FormModal
      opened
      size="xl"
      title="Один курс для группы"
      submitLabel={`Добавить ${n} ${plural(n, ["педагогу", "педагогам", "педагогам"])}`}
      onClose={onClose}
      onSubmit={() => void submit()}
      loading={add.isPending || programme.pending}
      formError={form.errors._form ?? newProgramme.errors._form}
    >
      <div>
        <Text size="sm" fw={500}>
          {n} {plural(n, ["педагог", "педагога", "педагогов"])}:
        </Text>
        <Spoiler maxHeight={44} showLabel="Показать всех" hideLabel="Свернуть">
          <Text size="sm" c="dimmed">
            {persons.map((p) => p.fullName).join(", ")}
          </Text>
        </Spoiler>
      </div>
      <ProgrammePicker value={form.values.programmeId} onChange={(v) => form.set("programmeId", v)} error={form.errors.programmeId} newProgramme={newProgramme} />
      <CompletionFields values={form.values} onChange={form.patch} errors={form.errors} group />
      <Text size="xs" c="dimmed">
        Номера удостоверений и сканы у каждого свои: их вносят в карточке педагога.
      </Text>
    </FormModal>
  );
}
