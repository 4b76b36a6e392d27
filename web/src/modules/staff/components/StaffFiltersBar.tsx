import { Box, Button, Checkbox, Group, Paper, Select, SimpleGrid, TextInput } from "@mantine/core";
import { useDebouncedValue, useDisclosure } from "@mantine/hooks";
import { useEffect, useState } from "react";
import { CATEGORY_LABELS, EDUCATION_LEVEL_LABELS, ORG_KIND_LABELS, PERSON_STATUS_LABELS } from "../../../../../shared/domain.js";
import type { Me } from "../../../api/types.js";
import { DateField } from "../../../ui/DateField.js";
import { optionsOf } from "../../../ui/options.js";
import { organizationOptions, useAllOrganizations } from "../../organizations/hooks/useOrganizations.js";
import { referenceOptions, useReferences } from "../../references/hooks/useReferences.js";
import { FILTER_KEYS, hasActiveFilters, type FilterKey, type StaffFilters } from "../filters.js";

type Props = { filters: StaffFilters; me: Me; onChange: (patch: Partial<Record<FilterKey, string>>) => void };

const YOUNG_OPTIONS = [
  { value: "true", label: "Да" },
  { value: "false", label: "Нет" },
];

/** Search and filters of the staff list; every change goes to the URL. */
export function StaffFiltersBar({ filters, me, onChange }: Props) {
  const [search, setSearch] = useState(filters.q);
  const [debounced] = useDebouncedValue(search, 350);
  const organizations = useAllOrganizations(me.role === "municipal_admin");
  const positions = useReferences("positions");
  const subjects = useReferences("subjects");
  // On a phone the filters fold away behind a button; on wider screens they are always shown.
  const [unfolded, { toggle }] = useDisclosure(false);
  const active = hasActiveFilters(filters);

  // Typing waits for a pause; a change of the URL from outside (back button) resets the box.
  useEffect(() => {
    if (debounced.trim() !== filters.q) onChange({ q: debounced.trim() });
  }, [debounced]);
  useEffect(() => {
    setSearch((s) => (s.trim() === filters.q ? s : filters.q));
  }, [filters.q]);

  const select = (key: FilterKey) => ({
    value: filters[key] || null,
    onChange: (v: string | null) => onChange({ [key]: v ?? "" }),
    clearable: true,
  });

  return (
    <Paper withBorder radius="md" p="md" mb="md">
      <TextInput
        label="Поиск по ФИО"
        placeholder="Например: Семенов Иван"
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
        mb="sm"
        data-testid="staff-search"
      />
      <Button variant="light" size="xs" hiddenFrom="sm" mb="sm" onClick={toggle}>
        {unfolded ? "Скрыть фильтры" : active ? "Фильтры (заданы)" : "Фильтры"}
      </Button>
      <Box display={{ base: unfolded ? "block" : "none", sm: "block" }}>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3, xl: 5 }} spacing="sm">
        {me.role === "municipal_admin" ? (
          <Select
            label="Организация"
            placeholder="Все"
            searchable
            nothingFoundMessage="Ничего не найдено"
            data={organizationOptions(organizations.data, [filters.organizationId])}
            {...select("organizationId")}
          />
        ) : null}
        {me.role === "municipal_admin" ? (
          <Select label="Тип организации" placeholder="Все" data={optionsOf(ORG_KIND_LABELS)} {...select("orgKind")} />
        ) : null}
        <Select
          label="Должность"
          placeholder="Все"
          searchable
          nothingFoundMessage="Ничего не найдено"
          data={referenceOptions(positions.data, [filters.positionId])}
          {...select("positionId")}
        />
        <Select
          label="Предмет"
          placeholder="Все"
          searchable
          nothingFoundMessage="Ничего не найдено"
          data={referenceOptions(subjects.data, [filters.subjectId])}
          {...select("subjectId")}
        />
        <Select label="Категория" placeholder="Любая" data={optionsOf(CATEGORY_LABELS)} {...select("category")} />
        <Select label="Образование" placeholder="Любое" data={optionsOf(EDUCATION_LEVEL_LABELS)} {...select("educationLevel")} />
        <Select label="Молодой педагог" placeholder="Все" data={YOUNG_OPTIONS} {...select("young")} />
        <Select label="Статус" placeholder="Любой" data={optionsOf(PERSON_STATUS_LABELS)} {...select("status")} />
        <DateField label="На дату" placeholder="сегодня" value={filters.asOf || null} onChange={(v) => onChange({ asOf: v ?? "" })} />
        <Checkbox
          mt={{ xs: 30 }}
          label="Показывать уволенных"
          checked={filters.includeDismissed === "true"}
          onChange={(e) => onChange({ includeDismissed: e.currentTarget.checked ? "true" : "" })}
        />
      </SimpleGrid>
      </Box>
      {active || filters.q ? (
        <Group justify="flex-end" mt="sm">
          <Button
            variant="subtle"
            size="xs"
            onClick={() => {
              setSearch("");
              onChange(Object.fromEntries(FILTER_KEYS.map((k) => [k, ""])));
            }}
          >
            Сбросить фильтры
          </Button>
        </Group>
      ) : null}
    </Paper>
  );
}
