import { eq } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { municipalities, organizations } from "../db/schema.js";
import { ROLE_LABELS } from "../../shared/domain.js";
import type { Actor } from "./policies.js";

/** What the web app learns about the signed-in user: enough to build the navigation. */
export async function presentActor(db: Db, actor: Actor) {
  const [municipality] = actor.municipalityId
    ? await db.select({ name: municipalities.name, code: municipalities.code }).from(municipalities).where(eq(municipalities.id, actor.municipalityId))
    : [];
  const [organization] = actor.organizationId
    ? await db.select({ shortName: organizations.shortName }).from(organizations).where(eq(organizations.id, actor.organizationId))
    : [];
  return {
    id: actor.userId,
    login: actor.login,
    fullName: actor.fullName,
    role: actor.role,
    roleLabel: ROLE_LABELS[actor.role],
    municipality: municipality ?? null,
    regionCode: actor.regionCode,
    organizationId: actor.organizationId,
    organizationName: organization?.shortName ?? null,
    personId: actor.personId,
    // A one-time password: the web app opens «Смена пароля» and the API refuses everything else.
    mustChangePassword: actor.mustChangePassword ?? false,
  };
}
