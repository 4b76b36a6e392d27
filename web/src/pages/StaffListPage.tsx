import { Button, Group, Pagination, Paper, Select, Text } from "@mantine/core";
import { Link, useSearchParams } from "react-router-dom";
import { useCurrentUser } from "../modules/auth/hooks/useMe.js";
import { StaffFiltersBar } from "../modules/staff/components/StaffFiltersBar.js";
import { StaffTable } from "../modules/staff/components/StaffTable.js";
import { filterQuery, filtersFromParams, PAGE_SIZES, type StaffSort } from "../modules/staff/filters.js";
import { useStaffList } from "../modules/staff/hooks/useStaff.js";
import { formatInt, formatRuDate, plural } from "../ui/format.js";
import { PageHeader } from "../ui/PageHeader.js";
import { QueryState } from "../ui/QueryState.js";

export function StaffListPage() {
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const filters = filtersFromParams(params);
  const list = useStaffList(filters);

  const update = (patch: Partial<Record<string, string>>, resetPage = true) => {
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(patch)) {
          if (v) next.set(k, v);
          else next.delete(k);
        }
        if (resetPage) next.delete("page");
        return next;
      },
      { replace: true },
    );
  };

  const description =
    me.role === "org_coordinator" && me.organizationName
      ? `${me.organizationName}${filters.asOf ? `, на ${formatRuDate(filters.asOf)}` : ""}`
      : filters.asOf
        ? `На ${formatRuDate(filters.asOf)}`
        : undefined;

  return (
    <>
      <PageHeader
        title="Педагогические работники"
        description={description}
        actions={
          <>
            <Button component="a" href={`/api/staff/export.xlsx${filterQuery(filters)}`} variant="default" download>
              Выгрузить в Excel
            </Button>
            <Button component={Link} to="/staff/new">
              Добавить педагога
            </Button>
          </>
        }
      />
      <StaffFiltersBar filters={filters} me={me} onChange={update} />
      <QueryState query={list}>
        {(data) => (
          <Paper withBorder radius="md" p="md" style={{ opacity: list.isPlaceholderData ? 0.6 : 1 }}>
            <Group justify="space-between" mb="sm">
              <Text size="sm" data-testid="staff-total">
                Найдено: <b>{formatInt(data.total)}</b> {plural(data.total, ["педагог", "педагога", "педагогов"])}
              </Text>
            </Group>
            {data.items.length === 0 ? (
              <Text c="dimmed" ta="center" py="xl">
                Никого не нашлось. Измените поиск или фильтры.
              </Text>
            ) : (
              <StaffTable items={data.items} sort={filters.sort} onSort={(sort: StaffSort) => update({ sort: sort === "name" ? "" : sort })} />
            )}
            <Group justify="space-between" mt="md">
              <Pagination
                total={Math.max(1, Math.ceil(data.total / filters.pageSize))}
                value={filters.page}
                onChange={(page) => update({ page: page === 1 ? "" : String(page) }, false)}
                size="sm"
              />
              <Group gap="xs">
                <Text size="sm" c="dimmed">
                  На странице
                </Text>
                <Select
                  w={80}
                  size="xs"
                  data={PAGE_SIZES}
                  value={String(filters.pageSize)}
                  allowDeselect={false}
                  onChange={(v) => update({ pageSize: v === "25" || !v ? "" : v })}
                />
              </Group>
            </Group>
          </Paper>
        )}
      </QueryState>
    </>
  );
}
