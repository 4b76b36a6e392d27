import { Badge, Group, Paper, SimpleGrid, Text } from "@mantine/core";
import { CATEGORY_LABELS, EDUCATION_LEVEL_LABELS } from "../../../../../shared/domain.js";
import type { StaffCard } from "../../../api/types.js";
import { Field } from "../../../ui/Field.js";
import { formatAge, formatExperience, formatRuDate } from "../../../ui/format.js";

/** Derived facts of a card on its date: age, experience, young teacher, category, education. */
export function StaffFacts({ card }: { card: StaffCard }) {
  return (
    <Paper withBorder radius="md" p="md">
      <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }} spacing="md">
        <Field label="Возраст">{formatAge(card.age)}</Field>
        <Field label="Педагогический стаж">{formatExperience(card.pedExperience)}</Field>
        <Field label="Образование">
          {card.educationLevel ? EDUCATION_LEVEL_LABELS[card.educationLevel] : null}
          {card.educationLevel && !card.pedagogicalEducation ? " (не педагогическое)" : ""}
        </Field>
        <Field label="Категория">
          {card.category ? (
            <>
              {CATEGORY_LABELS[card.category.category]}
              {card.category.validUntil ? (
                <Text span size="sm" c={card.category.expired ? "red" : undefined}>
                  {card.category.expired ? ", истекла " : " до "}
                  {formatRuDate(card.category.validUntil)}
                </Text>
              ) : null}
            </>
          ) : null}
        </Field>
        <Field label="Молодой педагог">
          {card.young ? (
            <Group gap={4}>
              <Badge color="green" variant="light">
                молодой педагог
              </Badge>
            </Group>
          ) : (
            "нет"
          )}
        </Field>
      </SimpleGrid>
    </Paper>
  );
}
