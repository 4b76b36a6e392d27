import { Loader, Select } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useState } from "react";
import { formatRuDate } from "../../../ui/format.js";
import { useStaffCard, useStaffSearch } from "../hooks/useStaff.js";

type Props = {
  label: string;
  value: number | null;
  onChange: (personId: number | null, fullName: string | null) => void;
  error?: string;
  withAsterisk?: boolean;
};

/** Picks a staff member by typing part of the name; the server does the search (case and ё/е folded). */
export function PersonPicker({ label, value, onChange, error, withAsterisk }: Props) {
  const [search, setSearch] = useState("");
  const [q] = useDebouncedValue(search, 300);
  const results = useStaffSearch(q);
  const selected = useStaffCard(value ?? 0);
  const options = (results.data?.items ?? []).map((p) => ({
    value: String(p.id),
    label: `${p.fullName}${p.birthDate ? `, ${formatRuDate(p.birthDate)}` : ""}`,
  }));
  if (value !== null && !options.some((o) => o.value === String(value))) {
    options.unshift({ value: String(value), label: selected.data?.fullName ?? `№ ${value}` });
  }
  return (
    <Select
      label={label}
      withAsterisk={withAsterisk}
      placeholder="Начните вводить фамилию"
      searchable
      clearable
      data={options}
      value={value === null ? null : String(value)}
      searchValue={search}
      onSearchChange={setSearch}
      // The server has already matched; the list must not be filtered again by spelling.
      filter={({ options: all }) => all}
      nothingFoundMessage={q.trim().length < 2 ? "Введите хотя бы две буквы" : results.isFetching ? "Ищу…" : "Никого не нашлось"}
      rightSection={results.isFetching ? <Loader size="xs" /> : undefined}
      error={error}
      onChange={(v, option) => onChange(v ? Number(v) : null, option ? option.label.split(",")[0] : null)}
    />
  );
}
