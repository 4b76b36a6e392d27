import { Button, Select, TextInput } from "@mantine/core";
import { useState } from "react";
import { errorMessage } from "../../../api/client.js";
import type { ColumnMapping } from "../../../api/types.js";
import { FormModal } from "../../../ui/FormModal.js";
import { notifySuccess } from "../../../ui/notify.js";
import { useMappingTemplates, useSaveMappingTemplate } from "../hooks/useImports.js";

/** Saved mappings to apply to this file, and saving the current one under a name. */
export function MappingTemplates({
  importId,
  mapping,
  selected,
  disabled,
  onApply,
}: {
  importId: number;
  mapping: ColumnMapping;
  selected: string | null;
  disabled?: boolean;
  onApply: (templateId: string, mapping: ColumnMapping) => void;
}) {
  const templates = useMappingTemplates(importId);
  const [saving, setSaving] = useState(false);
  const items = templates.data ?? [];
  return (
    <>
      <Select
        size="xs"
        w={260}
        aria-label="Шаблоны сопоставления"
        placeholder={items.length ? "Шаблоны сопоставления" : "Сохранённых шаблонов нет"}
        disabled={disabled || items.length === 0}
        data={items.map((t) => ({ value: String(t.id), label: t.name }))}
        value={selected}
        onChange={(v) => {
          const t = items.find((i) => String(i.id) === v);
          if (t) onApply(String(t.id), t.mapping);
        }}
        allowDeselect={false}
      />
      <Button size="xs" variant="light" onClick={() => setSaving(true)}>
        Сохранить сопоставление как шаблон
      </Button>
      {saving ? <SaveTemplateModal importId={importId} mapping={mapping} onClose={() => setSaving(false)} /> : null}
    </>
  );
}

function SaveTemplateModal({ importId, mapping, onClose }: { importId: number; mapping: ColumnMapping; onClose: () => void }) {
  const save = useSaveMappingTemplate(importId);
  const [name, setName] = useState("");
  const [error, setError] = useState<string | undefined>();
  const submit = () => {
    if (!name.trim()) {
      setError("Укажите название шаблона");
      return;
    }
    save.mutate(
      { name: name.trim(), mapping },
      {
        onSuccess: () => {
          notifySuccess(`Шаблон «${name.trim()}» сохранён`);
          onClose();
        },
        onError: (e) => setError(errorMessage(e)),
      },
    );
  };
  return (
    <FormModal opened title="Сохранить сопоставление как шаблон" onClose={onClose} onSubmit={submit} loading={save.isPending} size="md">
      <TextInput
        label="Название шаблона"
        description="Шаблон с тем же названием будет заменён. При загрузке похожего файла выберите его в списке «Шаблоны сопоставления»."
        placeholder="Например: Форма отдела кадров"
        value={name}
        error={error}
        maxLength={100}
        data-autofocus
        onChange={(e) => {
          setName(e.currentTarget.value);
          setError(undefined);
        }}
      />
    </FormModal>
  );
}
