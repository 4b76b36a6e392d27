import type { ReactNode } from "react";
import { Group, Stack, Text } from "@mantine/core";

export type LegendItem = { label: string; color: string };

/**
 * The frame of a hand-written SVG chart: the title above, the SVG (scrolls sideways when wider than
 * the page, named by the title for screen readers), the legend of colours below when given.
 */
export function ChartFrame({
  title,
  width,
  height,
  legend,
  children,
}: {
  title: string;
  width: number;
  height: number;
  legend?: LegendItem[];
  children: ReactNode;
}) {
  return (
    <Stack gap="xs">
      <Text fw={600} size="sm">
        {title}
      </Text>
      <div style={{ overflowX: "auto" }}>
        <svg role="img" aria-label={title} viewBox={`0 0 ${width} ${height}`} width={width} height={height} style={{ display: "block", fontFamily: "inherit" }}>
          {children}
        </svg>
      </div>
      {legend ? (
        <Group gap="lg">
          {legend.map((s) => (
            <Group gap={6} key={s.label}>
              <span style={{ width: 12, height: 12, borderRadius: 2, background: s.color, display: "inline-block" }} />
              <Text size="sm">{s.label}</Text>
            </Group>
          ))}
        </Group>
      ) : null}
    </Stack>
  );
}

/**
 * One gridline of a chart with its value label: solid at zero, dashed elsewhere. `line` is where the
 * line runs, `at` where its label stands and how it is anchored.
 */
export function GridLine({
  zero,
  line,
  at,
  children,
}: {
  zero: boolean;
  line: { x1: number; x2: number; y1: number; y2: number };
  at: { x: number; y: number; anchor: "middle" | "end" };
  children: ReactNode;
}) {
  return (
    <g>
      <line x1={line.x1} x2={line.x2} y1={line.y1} y2={line.y2} stroke="var(--mantine-color-gray-3)" strokeDasharray={zero ? undefined : "3 3"} />
      <text x={at.x} y={at.y} textAnchor={at.anchor} fontSize={11} fill="var(--mantine-color-dimmed)">
        {children}
      </text>
    </g>
  );
}
