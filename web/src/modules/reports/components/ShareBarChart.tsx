import { ChartFrame, GridLine, type LegendItem } from "../../../ui/BarChart.js";

export type ChartSeries = LegendItem;
export type ChartGroup = { label: string; title?: string; values: (number | null)[] };

const number = new Intl.NumberFormat("ru-RU", { minimumFractionDigits: 1, maximumFractionDigits: 1 });

const HEIGHT = 260;
const TOP = 24;
const BOTTOM = 36;
const LEFT = 44;
const RIGHT = 8;
const BAR = 26;
const BAR_GAP = 4;
const GROUP_GAP = 40;

/** Grouped bars of shares (0–100 %), one group per category, one bar per series. */
export function ShareBarChart({ groups, series, title }: { groups: ChartGroup[]; series: ChartSeries[]; title: string }) {
  const groupWidth = series.length * BAR + (series.length - 1) * BAR_GAP;
  const width = LEFT + RIGHT + groups.length * groupWidth + (groups.length + 1) * GROUP_GAP;
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const y = (v: number) => TOP + plotHeight * (1 - Math.min(100, Math.max(0, v)) / 100);
  return (
    <ChartFrame title={title} width={width} height={HEIGHT} legend={series}>
      {[0, 25, 50, 75, 100].map((t) => (
        <GridLine key={t} zero={t === 0} line={{ x1: LEFT, x2: width - RIGHT, y1: y(t), y2: y(t) }} at={{ x: LEFT - 6, y: y(t) + 4, anchor: "end" }}>
          {t}&nbsp;%
        </GridLine>
      ))}
      {groups.map((g, gi) => {
        const x0 = LEFT + GROUP_GAP + gi * (groupWidth + GROUP_GAP);
        return (
          <g key={g.label}>
            <title>{g.title ?? g.label}</title>
            {g.values.map((v, si) => {
              const x = x0 + si * (BAR + BAR_GAP);
              if (v === null) {
                return (
                  <text key={si} x={x + BAR / 2} y={y(0) - 4} textAnchor="middle" fontSize={10} fill="var(--mantine-color-dimmed)">
                    —
                  </text>
                );
              }
              return (
                <g key={si}>
                  <rect x={x} y={y(v)} width={BAR} height={Math.max(0, y(0) - y(v))} rx={2} fill={series[si].color}>
                    <title>{`${g.title ?? g.label}: ${series[si].label} — ${number.format(v)} %`}</title>
                  </rect>
                  <text x={x + BAR / 2} y={y(v) - 4} textAnchor="middle" fontSize={10} fill="var(--mantine-color-text)">
                    {number.format(v)}
                  </text>
                </g>
              );
            })}
            <text x={x0 + groupWidth / 2} y={HEIGHT - BOTTOM + 18} textAnchor="middle" fontSize={12} fontWeight={500} fill="var(--mantine-color-text)">
              {g.label.length > 16 ? `${g.label.slice(0, 15)}…` : g.label}
            </text>
          </g>
        );
      })}
    </ChartFrame>
  );
}
