import { Badge, Table, Text } from "@mantine/core";
import { useMemo } from "react";
import type { AuditItem } from "../../../api/types.js";
import { formatDateTime } from "../../../ui/format.js";
import { QueryState } from "../../../ui/QueryState.js";
import { Section } from "../../../ui/Section.js";
import { useAllOrganizations } from "../../organizations/hooks/useOrganizations.js";
import { useReferences } from "../../references/hooks/useReferences.js";
import { useAudit } from "../hooks/useAudit.js";
import { ACTION_LABELS, ENTITY_LABELS, HIDDEN_FIELDS, fieldLabel, formatAuditValue, type NameLookups } from "../labels.js";

const TOP = { verticalAlign: "top" } as const;

const ACTION_COLORS: Record<AuditItem["action"], string> = {
  create: "teal",
  update: "blue",
  archive: "gray",
  restore: "gray",
  dismiss: "orange",
  delete: "red",
};

/** «Журнал изменений» of a card: when, who, what field from → to. */
export function AuditLog({ subjectType, subjectId }: { subjectType: "person" | "organization"; subjectId: number }) {
  const audit = useAudit(subjectType, subjectId);
  const organizations = useAllOrganizations();
  const positions = useReferences("positions");
  const subjects = useReferences("subjects");
  const names = useMemo<NameLookups>(
    () => ({
      organizations: new Map((organizations.data ?? []).map((o) => [o.id, o.shortName])),
      positions: new Map((positions.data ?? []).map((p) => [p.id, p.name])),
      subjects: new Map((subjects.data ?? []).map((s) => [s.id, s.name])),
    }),
    [organizations.data, positions.data, subjects.data],
  );
  return (
    <Section title="Журнал изменений">
      <QueryState query={audit}>
        {(items) =>
          items.length === 0 ? (
            <Text c="dimmed" size="sm">
              Изменений пока нет
            </Text>
          ) : (
            <Table.ScrollContainer minWidth={720}>
              <Table data-testid="audit-log" verticalSpacing={6}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={130}>Когда</Table.Th>
                    <Table.Th w={180}>Кто</Table.Th>
                    <Table.Th w={220}>Что</Table.Th>
                    <Table.Th>Изменения</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((item) => {
                    // A new record lists only the fields that were filled in.
                    const changes = item.changes.filter(
                      (c) => !HIDDEN_FIELDS.has(c.field) && !(item.action === "create" && formatAuditValue(item.entityType, c.field, c.to, names) === "—"),
                    );
                    return (
                      <Table.Tr key={item.id}>
                        <Table.Td className="nowrap" style={TOP}>
                          {formatDateTime(item.at)}
                        </Table.Td>
                        <Table.Td style={TOP}>{item.userName ?? (item.userLogin ? item.userLogin : "система")}</Table.Td>
                        <Table.Td style={TOP}>
                          <Text size="sm">{ENTITY_LABELS[item.entityType] ?? item.entityType}</Text>
                          <Badge size="xs" variant="light" color={ACTION_COLORS[item.action]}>
                            {ACTION_LABELS[item.action]}
                          </Badge>
                        </Table.Td>
                        <Table.Td style={TOP}>
                          {changes.length === 0 ? (
                            <Text size="sm" c="dimmed">
                              —
                            </Text>
                          ) : (
                            changes.map((c) => (
                              <Text size="sm" key={c.field}>
                                <Text span fw={500} size="sm">
                                  {fieldLabel(c.field)}:
                                </Text>{" "}
                                {item.action === "create" ? (
                                  formatAuditValue(item.entityType, c.field, c.to, names)
                                ) : item.action === "delete" ? (
                                  <Text span td="line-through" size="sm">
                                    {formatAuditValue(item.entityType, c.field, c.from, names)}
                                  </Text>
                                ) : (
                                  <>
                                    {formatAuditValue(item.entityType, c.field, c.from, names)} →{" "}
                                    {formatAuditValue(item.entityType, c.field, c.to, names)}
                                  </>
                                )}
                              </Text>
                            ))
                          )}
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )
        }
      </QueryState>
    </Section>
  );
}
