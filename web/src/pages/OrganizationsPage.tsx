import { Anchor, Badge, Button, Checkbox, Group, Paper, Select, Table, Text, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router-dom";
import { ORG_KIND_LABELS, ORG_KIND_SHORT, ORG_KINDS, type OrgKind } from "../../../shared/domain.js";
import { useCurrentUser } from "../modules/auth/hooks/useMe.js";
import { isAdmin } from "../modules/auth/permissions.js";
import { OrganizationModal } from "../modules/organizations/components/OrganizationModal.js";
import { useOrganizations } from "../modules/organizations/hooks/useOrganizations.js";
import { formatInt, orDash } from "../ui/format.js";
import { optionsOf } from "../ui/options.js";
import { PageHeader } from "../ui/PageHeader.js";
import { QueryState } from "../ui/QueryState.js";

export function OrganizationsPage() {
  const me = useCurrentUser();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const kindParam = params.get("kind");
  const kind: OrgKind | "" = ORG_KINDS.find((k) => k === kindParam) ?? "";
  const includeArchived = params.get("includeArchived") === "true";
  const [search, setSearch] = useState(params.get("q") ?? "");
  const [q] = useDebouncedValue(search.trim(), 300);
  const [creating, setCreating] = useState(false);
  const list = useOrganizations({ kind, q, includeArchived });

  const setParam = (key: string, value: string) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );

  return (
    <>
      <PageHeader
        title="Организации"
        actions={isAdmin(me) ? <Button onClick={() => setCreating(true)}>Добавить организацию</Button> : null}
      />
      <Paper withBorder radius="md" p="md" mb="md">
        <Group align="flex-end" gap="sm" wrap="wrap">
          <TextInput
            label="Поиск по наименованию"
            placeholder="Например: СОШ № 5"
            value={search}
            onChange={(e) => {
              setSearch(e.currentTarget.value);
              setParam("q", e.currentTarget.value.trim());
            }}
            w={320}
          />
          <Select
            label="Тип"
            placeholder="Все"
            data={optionsOf(ORG_KIND_LABELS)}
            value={kind || null}
            clearable
            onChange={(v) => setParam("kind", v ?? "")}
            w={340}
          />
          <Checkbox
            mb={8}
            label="Показывать архивные"
            checked={includeArchived}
            onChange={(e) => setParam("includeArchived", e.currentTarget.checked ? "true" : "")}
          />
        </Group>
      </Paper>
      <QueryState query={list}>
        {(items) => (
          <Paper withBorder radius="md" p="md">
            <Text size="sm" mb="sm">
              Организаций: <b>{items.length}</b>, педагогов в них: <b>{formatInt(items.reduce((s, o) => s + o.staffCount, 0))}</b>
            </Text>
            {items.length === 0 ? (
              <Text c="dimmed" ta="center" py="lg">
                Ничего не найдено
              </Text>
            ) : (
              <Table.ScrollContainer minWidth={860}>
                <Table striped data-testid="organizations-table">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Наименование</Table.Th>
                      <Table.Th>Тип</Table.Th>
                      <Table.Th>Руководитель</Table.Th>
                      <Table.Th>Телефон</Table.Th>
                      <Table.Th ta="right">Педагогов</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {items.map((o) => (
                      <Table.Tr key={o.id}>
                        <Table.Td>
                          <Anchor component={Link} to={`/organizations/${o.id}`} size="sm" className="table-link">
                            {o.shortName}
                          </Anchor>
                          {o.archivedAt ? (
                            <Badge size="xs" color="gray" ml={6}>
                              архив
                            </Badge>
                          ) : null}
                          <Text size="xs" c="dimmed" lineClamp={1} title={o.fullName}>
                            {o.fullName}
                          </Text>
                        </Table.Td>
                        <Table.Td title={ORG_KIND_LABELS[o.kind]}>{ORG_KIND_SHORT[o.kind]}</Table.Td>
                        <Table.Td>{orDash(o.headName)}</Table.Td>
                        <Table.Td className="nowrap">{orDash(o.phone)}</Table.Td>
                        <Table.Td ta="right">{formatInt(o.staffCount)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
          </Paper>
        )}
      </QueryState>
      {creating ? <OrganizationModal organization={null} onClose={() => setCreating(false)} onSaved={(o) => navigate(`/organizations/${o.id}`)} /> : null}
    </>
  );
}
