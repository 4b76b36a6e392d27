import { ChartFrame, GridLine, type LegendItem } from "../../../ui/BarChart.js";

export type CountBar = { label: string; value: number; color: string };

const integer = new Intl.NumberFormat("ru-RU", { maximumFractionDigits: 0 });

const LABEL = 300;
const RIGHT = 48;
const TOP = 8;
const BOTTOM = 24;
const BAR = 22;
const GAP = 10;
const PLOT = 520;

/** Round gridline steps: 1, 2, 5, 10, 20, 50 … so that about five lines fit. */
function step(max: number): number {
  const raw = Math.max(1, max / 5);
  const power = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? raw;
}

/**
 * Horizontal bars of counts, one per category (hand-written SVG in the manner of the composition
 * report's chart): names on the left, the number at the end of each bar.
 */
export function CountBarChart({ bars, title, legend }: { bars: CountBar[]; title: string; legend?: LegendItem[] }) {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const s = step(max);
  const top = Math.ceil(max / s) * s;
  const ticks = Array.from({ length: Math.round(top / s) + 1 }, (_, i) => i * s);
  const width = LABEL + PLOT + RIGHT;
  const height = TOP + bars.length * (BAR + GAP) + BOTTOM;
  const x = (v: number) => LABEL + (PLOT * v) / top;
  return (
    <ChartFrame title={title} width={width} height={height} legend={legend}>
      {ticks.map((t) => (
        <GridLine key={t} zero={t === 0} line={{ x1: x(t), x2: x(t), y1: TOP, y2: height - BOTTOM }} at={{ x: x(t), y: height - BOTTOM + 16, anchor: "middle" }}>
          {integer.format(t)}
        </GridLine>
      ))}
      {bars.map((b, i) => {
        const y = TOP + i * (BAR + GAP) + GAP / 2;
        const label = b.label.length > 40 ? `${b.label.slice(0, 39)}…` : b.label;
        return (
          <g key={`${b.label}-${i}`}>
            <title>{`${b.label}: ${integer.format(b.value)} чел.`}</title>
            <text x={LABEL - 8} y={y + BAR / 2 + 4} textAnchor="end" fontSize={12} fill="var(--mantine-color-text)">
              {label}
            </text>
            <rect x={LABEL} y={y} width={Math.max(0, x(b.value) - LABEL)} height={BAR} rx={2} fill={b.color} />
            <text x={x(b.value) + 6} y={y + BAR / 2 + 4} fontSize={11} fontWeight={500} fill="var(--mantine-color-text)">
              {integer.format(b.value)}
            </text>
          </g>
        );
      })}
    </ChartFrame>
  );
}
