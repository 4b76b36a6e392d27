import { OrganizationInput } from "../../../../../shared/schemas.js";
import type { Organization } from "../../../api/types.js";
import { FormModal } from "../../../ui/FormModal.js";
import { useZodForm } from "../../../ui/forms.js";
import { notifySuccess } from "../../../ui/notify.js";
import { useSaveOrganization } from "../hooks/useOrganizations.js";
import { OrganizationFields, emptyOrganization, organizationInputOf, organizationValuesOf } from "./OrganizationFields.js";

export function OrganizationModal({ organization, onClose, onSaved }: { organization: Organization | null; onClose: () => void; onSaved?: (o: Organization) => void }) {
  const save = useSaveOrganization();
  const form = useZodForm(OrganizationInput, organization ? organizationValuesOf(organization) : emptyOrganization, organizationInputOf);
  const submit = () => {
    const input = form.validate();
    if (!input) return;
    save.mutate(
      { id: organization?.id, input },
      {
        onSuccess: (saved) => {
          notifySuccess(organization ? "Организация сохранена" : "Организация добавлена");
          onClose();
          onSaved?.(saved);
        },
        onError: form.applyServerError,
      },
    );
  };
  return (
    <FormModal opened title={organization ? "Организация" : "Новая организация"} size="xl" onClose={onClose} onSubmit={submit} loading={save.isPending}>
      <OrganizationFields values={form.values} onChange={form.patch} errors={form.errors} />
    </FormModal>
  );
}
