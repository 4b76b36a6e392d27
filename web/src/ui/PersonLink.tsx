import { Anchor } from "@mantine/core";
import { Link } from "react-router-dom";

/** A person's name linking to their card, as every list of people shows it. */
export function PersonLink({ personId, name }: { personId: number; name: string }) {
  return (
    <Anchor component={Link} to={`/staff/${personId}`} size="sm" className="table-link">
      {name}
    </Anchor>
  );
}
