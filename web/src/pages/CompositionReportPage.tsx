import { Button, Group, Paper, Stack, Text } from "@mantine/core";
import { useSearchParams } from "react-router-dom";
import { ORG_KIND_SHORT } from "../../../shared/domain.js";
import type { CompositionReport, CompositionRow } from "../api/types.js";
import { useCurrentUser } from "../modules/auth/hooks/useMe.js";
import { CompositionTable, type LabelledRow } from "../modules/reports/components/CompositionTable.js";
import { ShareBarChart, type ChartGroup, type ChartSeries } from "../modules/reports/components/ShareBarChart.js";
import { compositionXlsxUrl, useComposition } from "../modules/reports/hooks/useComposition.js";
import { DateField } from "../ui/DateField.js";
import { formatRuDate, todayIso } from "../ui/format.js";
import { PageHeader } from "../ui/PageHeader.js";
import { QueryState } from "../ui/QueryState.js";

const SERIES: ChartSeries[] = [
  { label: "с высшим образованием", color: "#228be6" },
  { label: "с первой или высшей категорией", color: "#40c057" },
  { label: "моложе 35 лет", color: "#fab005" },
];

const sharesOf = (r: CompositionRow) => [r.higherEducationShare, r.categoryShare, r.under35Share];

/** «Муниципальное образование Заречный район» → «Заречный район», for chart labels. */
const shortMunicipality = (name: string) => name.replace(/^муниципальное образование\s+/i, "");

const share = (part: number, whole: number) => (whole === 0 ? null : Math.round((part * 1000) / whole) / 10);

/** Sums municipalities' totals into the region's line. */
function regionTotal(report: CompositionReport): CompositionRow {
  const sum = (f: (r: CompositionRow) => number) => report.municipalities.reduce((s, m) => s + f(m.total), 0);
  const staff = sum((r) => r.staff);
  const higherEducation = sum((r) => r.higherEducation);
  const category = sum((r) => r.category);
  const under35 = sum((r) => r.under35);
  return {
    kind: "total",
    label: "Всего",
    organizations: sum((r) => r.organizations),
    staff,
    higherEducation,
    category,
    under35,
    higherEducationShare: share(higherEducation, staff),
    categoryShare: share(category, staff),
    under35Share: share(under35, staff),
  };
}

export function CompositionReportPage() {
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const asOf = params.get("asOf") || todayIso();
  const report = useComposition(asOf);
  const region = me.role === "region_viewer";

  return (
    <>
      <PageHeader
        title="Кадровый состав"
        description={
          region
            ? "Образование, квалификационные категории и возраст педагогических работников по муниципалитетам региона"
            : "Образование, квалификационные категории и возраст педагогических работников по типам организаций"
        }
        actions={
          <Button component="a" href={compositionXlsxUrl(asOf)} variant="default" download>
            Скачать .xlsx
          </Button>
        }
      />
      <Paper withBorder radius="md" p="md" mb="md">
        <Group align="flex-end">
          <DateField
            label="На дату"
            value={asOf}
            clearable={false}
            onChange={(v) => setParams(v && v !== todayIso() ? { asOf: v } : {}, { replace: true })}
            w={200}
          />
          <Text size="sm" c="dimmed" mb={8}>
            Учитываются работающие на эту дату; совместитель считается в каждом типе организаций, но один раз в итоге.
          </Text>
        </Group>
      </Paper>
      <QueryState query={report}>
        {(data) => {
          let rows: LabelledRow[];
          let groups: ChartGroup[];
          if (region) {
            const total = regionTotal(data);
            const several = data.municipalities.length > 1;
            rows = [
              ...data.municipalities.map((m) => ({ key: String(m.id), label: m.name, row: m.total })),
              ...(several ? [{ key: "total", label: "Всего по региону", row: total, total: true }] : []),
            ];
            groups = [
              ...data.municipalities.map((m) => ({ label: shortMunicipality(m.name), title: m.name, values: sharesOf(m.total) })),
              ...(several ? [{ label: "Регион", values: sharesOf(total) }] : []),
            ];
          } else {
            const m = data.municipalities[0];
            rows = m
              ? [
                  ...m.rows.map((r) => ({ key: r.kind, label: r.label, row: r })),
                  { key: "total", label: "Всего", row: m.total, total: true },
                ]
              : [];
            groups = m
              ? [
                  ...m.rows.map((r) => ({ label: r.kind === "total" ? "Всего" : ORG_KIND_SHORT[r.kind], title: r.label, values: sharesOf(r) })),
                  { label: "Всего", values: sharesOf(m.total) },
                ]
              : [];
          }
          return (
            <Stack gap="md" style={{ opacity: report.isPlaceholderData ? 0.6 : 1 }}>
              <Paper withBorder radius="md" p="md">
                <Text fw={600} mb="sm">
                  {region ? "Муниципалитеты" : (data.municipalities[0]?.name ?? "")} на {formatRuDate(data.asOf)}
                </Text>
                {rows.length === 0 ? (
                  <Text c="dimmed">Нет данных</Text>
                ) : (
                  <CompositionTable rows={rows} firstColumn={region ? "Муниципалитет" : "Тип организаций"} />
                )}
              </Paper>
              {groups.length > 0 ? (
                <Paper withBorder radius="md" p="md">
                  <ShareBarChart title={region ? "Доли педагогов по муниципалитетам, %" : "Доли педагогов по типам организаций, %"} groups={groups} series={SERIES} />
                </Paper>
              ) : null}
            </Stack>
          );
        }}
      </QueryState>
    </>
  );
}
