// Providers of additional professional education and their programmes.
import { and, asc, eq, ilike, inArray, isNull, sql } from "drizzle-orm";
import { queryRows, type Db, type Queryable } from "../../db/client.js";
import { programmes, providerAliases, providers } from "../../db/schema.js";
import { AppError, notFound } from "../../errors.js";
import type { Actor } from "../../auth/policies.js";
import { recordAudit } from "../audit/audit.js";
import { matchKey } from "../../imports/match-key.js";
import type { ProgrammeInput, ProviderInput } from "../../../shared/schemas.js";
import { sortByName } from "../../../shared/collation.js";

type Provider = typeof providers.$inferSelect;
type Programme = typeof programmes.$inferSelect;

const presentProvider = (p: Provider, aliases: { id: number; alias: string }[]) => ({
  id: p.id,
  name: p.name,
  shortName: p.shortName,
  kind: p.kind,
  inn: p.inn,
  region: p.region,
  archived: p.archivedAt !== null,
  aliases,
});

/**
 * The providers' register (seed 002, «учёт организаций, реализующих программы ДПО») with how
 * many people of the municipality each trained: all time, and within the period when given.
 */
export async function listProviders(db: Queryable, opts: { municipalityId: number; from?: string; to?: string }) {
  const rows = sortByName(await db.select().from(providers).where(eq(providers.municipalityId, opts.municipalityId)), (p) => p.shortName);
  const aliases = await db
    .select({ id: providerAliases.id, providerId: providerAliases.providerId, alias: providerAliases.alias })
    .from(providerAliases)
    .where(eq(providerAliases.municipalityId, opts.municipalityId))
    .orderBy(asc(providerAliases.alias));
  const inPeriod = opts.from && opts.to ? sql`and cc.date_to between ${opts.from}::date and ${opts.to}::date` : sql``;
  const trained = await queryRows<{ providerId: number; persons: number; programmes: number }>(
    db,
    sql`select pr.provider_id as "providerId", count(distinct cc.person_id)::int as persons,
          count(distinct pr.id)::int as programmes
        from course_completions cc join programmes pr on pr.id = cc.programme_id
        where cc.municipality_id = ${opts.municipalityId} and cc.status = 'completed' ${inPeriod}
        group by pr.provider_id`,
  );
  const count = new Map(trained.map((r) => [r.providerId, r]));
  return rows.map((p) => ({
    ...presentProvider(p, aliases.filter((a) => a.providerId === p.id).map(({ id, alias }) => ({ id, alias }))),
    trainedPersons: count.get(p.id)?.persons ?? 0,
    programmesUsed: count.get(p.id)?.programmes ?? 0,
  }));
}

/** Creates or changes a provider together with the set of other names it is known by. */
export async function saveProvider(db: Db, opts: { actor: Actor; municipalityId: number; id?: number; input: ProviderInput }) {
  const { input, municipalityId } = opts;
  return db.transaction(async (tx) => {
    let before: Provider | null = null;
    if (opts.id !== undefined) {
      [before] = await tx.select().from(providers).where(and(eq(providers.id, opts.id), eq(providers.municipalityId, municipalityId)));
      if (!before) throw notFound("provider");
    }
    const values = { name: input.name, shortName: input.shortName, kind: input.kind, inn: input.inn, region: input.region };
    const [row] = before
      ? await tx.update(providers).set(values).where(eq(providers.id, before.id)).returning()
      : await tx.insert(providers).values({ ...values, municipalityId }).returning();
    // The full name and short name match by themselves; aliases are the other spellings.
    const keys = new Map<string, string>();
    for (const alias of input.aliases) {
      const key = matchKey(alias);
      if (key && key !== matchKey(row.name) && key !== matchKey(row.shortName)) keys.set(key, alias);
    }
    // Guard against running an `in ()` query when there are no aliases.
    const clash = keys.size
      ? await tx
          .select({ alias: providerAliases.alias, providerId: providerAliases.providerId })
          .from(providerAliases)
          .where(and(eq(providerAliases.municipalityId, municipalityId), inArray(providerAliases.aliasKey, [...keys.keys()])))
      : [];
    const foreign = clash.find((c) => c.providerId !== row.id);
    if (foreign) throw new AppError("conflict", `Название «${foreign.alias}» уже закреплено за другой организацией ДПО`);
    await tx.delete(providerAliases).where(eq(providerAliases.providerId, row.id));
    if (keys.size) {
      await tx.insert(providerAliases).values([...keys].map(([aliasKey, alias]) => ({ municipalityId, providerId: row.id, alias, aliasKey })));
    }
    await recordAudit(tx, opts.actor, municipalityId, {
      entityType: "provider",
      entityId: row.id,
      action: before ? "update" : "create",
      before: before ? { ...presentProvider(before, []), aliases: undefined } : undefined,
      after: { ...presentProvider(row, []), aliases: [...keys.values()] },
    });
    return presentProvider(row, [...keys.values()].map((alias, i) => ({ id: i, alias })));
  });
}

export function presentProgramme(p: Programme & { providerName?: string }) {
  return {
    id: p.id,
    providerId: p.providerId,
    providerName: p.providerName,
    title: p.title,
    hours: p.hours,
    kind: p.kind,
    pedagogical: p.pedagogical,
    form: p.form,
    federalRegister: p.federalRegister,
    federalRegisterId: p.federalRegisterId,
    topics: p.topics,
    targetPositionIds: p.targetPositionIds,
    archived: p.archivedAt !== null,
  };
}

/**
 * A coordinator may correct a programme (a typo in its title) only while no one outside their
 * organisation took it: it is shared by the whole municipality afterwards.
 */
async function requireOwnProgramme(db: Queryable, actor: Actor, programmeId: number) {
  const [{ n }] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from course_completions cc
        where cc.programme_id = ${programmeId}
          and not exists (select 1 from employments e where e.person_id = cc.person_id and e.organization_id = ${actor.organizationId})`,
  );
  if (n > 0) throw new AppError("forbidden", "Программу уже проходили работники других организаций: исправить её может методист муниципалитета");
}

export async function listProgrammes(db: Queryable, opts: { municipalityId: number; providerId?: number; q?: string; kind?: string }) {
  const rows = await db
    .select({ programme: programmes, providerName: providers.shortName })
    .from(programmes)
    .innerJoin(providers, eq(providers.id, programmes.providerId))
    .where(
      and(
        eq(programmes.municipalityId, opts.municipalityId),
        isNull(programmes.archivedAt),
        opts.providerId ? eq(programmes.providerId, opts.providerId) : undefined,
        opts.kind ? eq(programmes.kind, opts.kind) : undefined,
        opts.q ? ilike(programmes.title, `%${opts.q.replace(/[%_\\]/g, "\\$&")}%`) : undefined,
      ),
    )
    .orderBy(asc(programmes.title))
    .limit(500);
  return rows.map((r) => presentProgramme({ ...r.programme, providerName: r.providerName }));
}

export async function saveProgramme(db: Db, opts: { actor: Actor; municipalityId: number; id?: number; input: ProgrammeInput }) {
  const { input, municipalityId } = opts;
  const [provider] = await db
    .select({ id: providers.id })
    .from(providers)
    .where(and(eq(providers.id, input.providerId), eq(providers.municipalityId, municipalityId)));
  if (!provider) throw new AppError("validation", "Организация ДПО не найдена", [{ field: "providerId", message: "Организация ДПО не найдена" }]);
  return db.transaction(async (tx) => {
    let before: Programme | null = null;
    if (opts.id !== undefined) {
      [before] = await tx.select().from(programmes).where(and(eq(programmes.id, opts.id), eq(programmes.municipalityId, municipalityId)));
      if (!before) throw notFound("programme");
      if (opts.actor.role === "org_coordinator") await requireOwnProgramme(tx, opts.actor, before.id);
    }
    const [row] = before
      ? await tx.update(programmes).set(input).where(eq(programmes.id, before.id)).returning()
      : await tx.insert(programmes).values({ ...input, municipalityId }).returning();
    await recordAudit(tx, opts.actor, municipalityId, {
      entityType: "programme",
      entityId: row.id,
      action: before ? "update" : "create",
      before: before ? presentProgramme(before) : undefined,
      after: presentProgramme(row),
    });
    return presentProgramme(row);
  });
}
