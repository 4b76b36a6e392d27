import type { ComponentType } from "react";
import type { z } from "zod";
import { FormModal } from "../../../ui/FormModal.js";
import { useZodForm, type FieldGroupProps } from "../../../ui/forms.js";
import { notifySuccess } from "../../../ui/notify.js";
import { useStaffMutations, type ChildChange } from "../hooks/useStaff.js";

type Props<V extends object, S extends z.ZodType> = {
  personId: number;
  /** The request for the parsed input: which kind of record, new or which one. */
  change: (input: z.output<S>) => ChildChange;
  title: string;
  schema: S;
  initial: V;
  toInput: (v: V) => unknown;
  Fields: ComponentType<FieldGroupProps<V>>;
  successMessage: string;
  submitLabel?: string;
  onClose: () => void;
};

/** Adds or changes an education, category or status record of a card. */
export function ChildRecordModal<V extends object, S extends z.ZodType>(props: Props<V, S>) {
  const { saveChild } = useStaffMutations(props.personId);
  const form = useZodForm(props.schema, props.initial, props.toInput);
  const submit = () => {
    const input = form.validate();
    if (!input) return;
    saveChild.mutate(props.change(input), {
      onSuccess: () => {
        notifySuccess(props.successMessage);
        props.onClose();
      },
      onError: form.applyServerError,
    });
  };
  const { Fields } = props;
  return (
    <FormModal
      opened
      title={props.title}
      submitLabel={props.submitLabel}
      onClose={props.onClose}
      onSubmit={submit}
      loading={saveChild.isPending}
      formError={form.errors._form}
    >
      <Fields values={form.values} onChange={form.patch} errors={form.errors} />
    </FormModal>
  );
}
