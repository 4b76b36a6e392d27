import { Badge, type BadgeProps } from "@mantine/core";
import { PD_STATUS_LABELS, type PdStatus } from "../../../../../shared/domain.js";
import { PD_STATUS_COLORS } from "../format.js";

/** Badges in table cells keep their whole text: the column widens instead of cutting it with «…». */
export const UNCLIPPED = { root: { overflow: "visible" }, label: { overflow: "visible" } } as const;

/** The three-year rule's status as a coloured badge. */
export function PdStatusBadge({ status, ...rest }: { status: PdStatus } & Omit<BadgeProps, "color" | "children">) {
  return (
    <Badge color={PD_STATUS_COLORS[status]} variant="light" styles={UNCLIPPED} {...rest}>
      {PD_STATUS_LABELS[status]}
    </Badge>
  );
}
