// The municipality's reference records as an import sees them: dictionaries loaded once per run,
// the values that missed, and the decisions a person (or --accept-suggestions) took about them —
// a value mapped to an existing record is remembered as an alias, so the next file matches by
// itself; a value turned into a new record creates it. Both are audited with the import and
// written in the import's transaction.
import { and, eq, isNull } from "drizzle-orm";
import type { Queryable, Tx } from "../db/client.js";
import {
  organizationAliases,
  organizations,
  positionAliases,
  positions,
  providerAliases,
  providers,
  subjectAliases,
  subjects,
} from "../db/schema.js";
import { hasPermission, type Actor } from "../auth/policies.js";
import { AppError, forbidden } from "../errors.js";
import { recordAuditBulk, type BulkAuditRow } from "../modules/audit/audit.js";
import type { ProviderKind } from "../../shared/domain.js";
import { matchKey } from "./match-key.js";
import { Dictionary, MissLog, REF_TARGET_LABELS, type Candidate, type DictionaryEntry, type Lookup, type RefTarget, type UnresolvedValue } from "./resolve.js";
import { guessOrgKind } from "./kinds/organizations.js";

/** What a person decided about one value of one column. */
export type Decision =
  | { field: string; value: string; action: "match"; targetId: number }
  // Several values with the same `name` become one new record, the others its aliases.
  | { field: string; value: string; action: "create"; name?: string }
  | { field: string; value: string; action: "reject" };

/** A column whose values name reference records. */
export type ReferenceField = { field: string; target: RefTarget };

async function loadEntries(db: Queryable, municipalityId: number, target: RefTarget): Promise<DictionaryEntry[]> {
  const byId = new Map<number, DictionaryEntry>();
  const addAlias = (id: number, alias: string) => byId.get(id)?.names.push(alias);
  switch (target) {
    case "organization": {
      for (const o of await db.select().from(organizations).where(eq(organizations.municipalityId, municipalityId))) {
        byId.set(o.id, { id: o.id, name: o.shortName, names: [o.fullName], archived: o.archivedAt !== null });
      }
      for (const a of await db.select().from(organizationAliases).where(eq(organizationAliases.municipalityId, municipalityId))) addAlias(a.organizationId, a.alias);
      break;
    }
    case "position": {
      const rows = await db.select().from(positions).where(and(eq(positions.municipalityId, municipalityId), isNull(positions.archivedAt)));
      for (const p of rows) byId.set(p.id, { id: p.id, name: p.name, names: [] });
      for (const a of await db.select().from(positionAliases).where(eq(positionAliases.municipalityId, municipalityId))) addAlias(a.positionId, a.alias);
      break;
    }
    case "subject": {
      const rows = await db.select().from(subjects).where(and(eq(subjects.municipalityId, municipalityId), isNull(subjects.archivedAt)));
      for (const s of rows) byId.set(s.id, { id: s.id, name: s.name, names: [] });
      for (const a of await db.select().from(subjectAliases).where(eq(subjectAliases.municipalityId, municipalityId))) addAlias(a.subjectId, a.alias);
      break;
    }
    case "provider": {
      const rows = await db.select().from(providers).where(and(eq(providers.municipalityId, municipalityId), isNull(providers.archivedAt)));
      for (const p of rows) byId.set(p.id, { id: p.id, name: p.shortName, names: [p.name] });
      for (const a of await db.select().from(providerAliases).where(eq(providerAliases.municipalityId, municipalityId))) addAlias(a.providerId, a.alias);
      break;
    }
  }
  return [...byId.values()];
}

/** Dictionaries of one run, loaded on first use, and the log of what missed. */
export class ReferenceBook {
  readonly misses = new MissLog();
  private readonly cache = new Map<RefTarget, Dictionary>();
  constructor(
    private readonly db: Queryable,
    private readonly municipalityId: number,
  ) {}

  async dictionary(target: RefTarget): Promise<Dictionary> {
    let dict = this.cache.get(target);
    if (!dict) {
      dict = new Dictionary(target, await loadEntries(this.db, this.municipalityId, target));
      this.cache.set(target, dict);
    }
    return dict;
  }

  /** Loads every dictionary the kind's columns need, so that row checks can stay synchronous. */
  async preload(targets: RefTarget[]) {
    for (const t of targets) await this.dictionary(t);
  }

  /** The already-loaded dictionary of a target (after preload). */
  loaded(target: RefTarget): Dictionary {
    const dict = this.cache.get(target);
    if (!dict) throw new Error(`Dictionary ${target} is not loaded`);
    return dict;
  }

  /** Looks a value up and, when it misses, remembers it with its row and candidates. */
  lookup(target: RefTarget, at: { field: string; column: string; value: string; row: number }): Lookup {
    const dict = this.loaded(target);
    const found = dict.lookup(at.value);
    if (found.kind !== "match") this.miss(target, at, found);
    return found;
  }

  miss(target: RefTarget, at: { field: string; column: string; value: string; row: number }, found?: Lookup) {
    const dict = this.loaded(target);
    const result = found ?? dict.lookup(at.value);
    this.misses.record({
      target,
      field: at.field,
      column: at.column,
      value: at.value,
      row: at.row,
      status: result.kind === "ambiguous" ? "ambiguous" : "unknown",
      candidates: () => (result.kind === "ambiguous" ? result.candidates.map((c) => ({ ...c, score: 1 })) : dict.suggest(at.value)),
    });
  }
}

/** The message a row gets for a value that named no record, or several. */
export function missMessage(target: RefTarget, value: string, found: Lookup): string {
  const what = REF_TARGET_LABELS[target];
  if (found.kind === "ambiguous") {
    return `${what} «${value}» подходит к нескольким записям (${found.candidates.map((c) => `«${c.name}»`).join(", ")}): выберите нужную на шаге проверки`;
  }
  return `${what} «${value}» ${NOT_FOUND[target]}: сопоставьте значение с существующей записью или создайте новую на шаге проверки`;
}
const NOT_FOUND: Record<RefTarget, string> = {
  organization: "не найдена в реестре",
  position: "не найдена в справочнике должностей",
  subject: "не найден в справочнике предметов",
  provider: "не найдена в реестре организаций ДПО",
};

// ---------------------------------------------------------------------------------------------
// Proposals

export type Proposal = { action: "match"; targetId: number; name: string; score: number } | { action: "create"; name: string } | null;
export type UnresolvedWithProposal = UnresolvedValue & { proposal: Proposal; creatable: boolean };

/** Below this, the best candidate is no candidate: a new record is proposed instead. */
const NO_CANDIDATE = 0.5;

/**
 * What Metodist would do with each value: the record it most likely means when the score reaches
 * `confidence`; a new record when nothing comes close (never a new organisation); otherwise
 * nothing — a person decides. Spellings of one new provider are proposed as one record.
 */
export function proposeResolutions(unresolved: UnresolvedValue[], opts: { confidence: number; canCreate: (t: RefTarget) => boolean }): UnresolvedWithProposal[] {
  const out = unresolved.map((u): UnresolvedWithProposal => {
    const creatable = opts.canCreate(u.target);
    const best = u.candidates[0] as Candidate | undefined;
    if (u.status === "ambiguous") return { ...u, proposal: null, creatable };
    if (best && best.score >= opts.confidence) return { ...u, proposal: { action: "match", targetId: best.id, name: best.name, score: best.score }, creatable };
    if (creatable && u.target !== "organization" && (!best || best.score < NO_CANDIDATE)) return { ...u, proposal: { action: "create", name: u.value }, creatable };
    return { ...u, proposal: null, creatable };
  });
  groupNewRecords(out, opts.confidence);
  return out;
}

// One new provider written four ways becomes one record named by its longest spelling.
function groupNewRecords(list: UnresolvedWithProposal[], confidence: number) {
  // Values with no likely record: new ones, and those only half like an existing record.
  const fresh = list.filter((u) => u.status === "unknown" && u.creatable && u.target !== "organization" && u.proposal?.action !== "match");
  const byTarget = new Map<RefTarget, UnresolvedWithProposal[]>();
  for (const u of fresh) byTarget.set(u.target, [...(byTarget.get(u.target) ?? []), u]);
  for (const [target, values] of byTarget) {
    if (values.length < 2) continue;
    const dict = new Dictionary(target, values.map((v, i) => ({ id: i, name: v.value, names: [] })));
    const parent = values.map((_, i) => i);
    const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i])));
    values.forEach((v, i) => {
      for (const c of dict.suggest(v.value, values.length)) if (c.id !== i && c.score >= confidence) parent[root(c.id)] = root(i);
    });
    const groups = new Map<number, number[]>();
    values.forEach((_, i) => groups.set(root(i), [...(groups.get(root(i)) ?? []), i]));
    for (const members of groups.values()) {
      // A group is proposed as new when one of its spellings is clearly new.
      if (members.length < 2 || !members.some((i) => values[i].proposal?.action === "create")) continue;
      const name = members.map((i) => values[i].value).sort((a, b) => b.length - a.length)[0];
      for (const i of members) values[i].proposal = { action: "create", name };
    }
  }
}

/** The proposals as decisions: what --accept-suggestions takes. */
export const proposalsAsDecisions = (list: UnresolvedWithProposal[]): Decision[] =>
  list.flatMap((u): Decision[] =>
    u.proposal?.action === "match"
      ? [{ field: u.field, value: u.value, action: "match", targetId: u.proposal.targetId }]
      : u.proposal?.action === "create"
        ? [{ field: u.field, value: u.value, action: "create", name: u.proposal.name }]
        : [],
  );

// ---------------------------------------------------------------------------------------------
// Applying decisions

const PROVIDER_KIND_RULES: [RegExp, ProviderKind][] = [
  [/цнппм|центр непрерывного/, "cnppm"],
  [/(^|[^а-я])(иро|ирр|иро[а-я]{0,2}|ипк|ипкро)([^а-я]|$)|институт развития|институт повышения квалификации|развития образования/, "regional_institute"],
  [/университет|(^|[^а-я])(гпу|пгу|гу|вгу|мпгу|ргпу)([^а-я]|$)|фгбоу во|академи/, "university"],
  [/федеральн|фиоко|минпросвещения/, "federal"],
];
export function guessProviderKind(name: string): ProviderKind {
  const s = name.toLowerCase().replace(/ё/g, "е");
  return PROVIDER_KIND_RULES.find(([re]) => re.test(s))?.[1] ?? "other";
}

/** Who may create what: organisations only the admin; reference values anyone who imports. */
export function canCreate(actor: Actor, target: RefTarget): boolean {
  return target === "organization" ? hasPermission(actor, "organizations.create") : true;
}

type Written = { field: string; target: RefTarget; value: string; action: "matched" | "created"; targetId: number; name: string };

/**
 * Writes the decisions in the import's transaction: aliases for matched values, new records
 * (with the other spellings as aliases) for created ones. Audited with the import, so undo
 * removes them with it.
 */
export async function applyDecisions(
  tx: Tx,
  opts: { actor: Actor; municipalityId: number; importId: number; fields: ReferenceField[]; decisions: Decision[] },
): Promise<Written[]> {
  const book = new ReferenceBook(tx, opts.municipalityId);
  const targetOf = new Map(opts.fields.map((f) => [f.field, f.target]));
  const written: Written[] = [];
  const audit: BulkAuditRow[] = [];
  const aliasesToWrite: { target: RefTarget; targetId: number; alias: string }[] = [];
  const toCreate = new Map<string, { target: RefTarget; name: string; values: { field: string; value: string }[] }>();

  for (const d of opts.decisions) {
    const target = targetOf.get(d.field);
    if (!target) throw new AppError("validation", `Столбец «${d.field}» не сопоставляется со справочником`);
    if (d.action === "reject") continue;
    if (d.action === "match") {
      const dict = await book.dictionary(target);
      if (!dict.has(d.targetId)) throw new AppError("validation", `${REF_TARGET_LABELS[target]} для значения «${d.value}» не найдена`);
      if (target === "organization" && opts.actor.role === "org_coordinator" && d.targetId !== opts.actor.organizationId) {
        throw new AppError("validation", `Значение «${d.value}» можно сопоставить только со своей организацией`);
      }
      const found = dict.lookup(d.value);
      if (!(found.kind === "match" && found.id === d.targetId)) aliasesToWrite.push({ target, targetId: d.targetId, alias: d.value });
      written.push({ field: d.field, target, value: d.value, action: "matched", targetId: d.targetId, name: dict.nameOf(d.targetId) });
      continue;
    }
    if (!canCreate(opts.actor, target)) throw forbidden(`Новую организацию «${d.value}» может создать только методист муниципалитета`);
    const name = (d.name ?? d.value).replace(/\s+/g, " ").trim();
    const key = `${target}|${matchKey(name)}`;
    const group = toCreate.get(key) ?? { target, name, values: [] };
    group.values.push({ field: d.field, value: d.value });
    toCreate.set(key, group);
  }

  for (const group of toCreate.values()) {
    const id = await createRecord(tx, opts.municipalityId, group.target, group.name);
    audit.push({ entityType: group.target, entityId: id, subjectId: id, action: "create", before: null, after: { id, name: group.name } });
    for (const v of group.values) {
      if (matchKey(v.value) !== matchKey(group.name)) aliasesToWrite.push({ target: group.target, targetId: id, alias: v.value });
      written.push({ field: v.field, target: group.target, value: v.value, action: "created", targetId: id, name: group.name });
    }
  }
  const seen = new Set<string>();
  for (const a of aliasesToWrite) {
    const key = `${a.target}|${matchKey(a.alias)}`;
    if (seen.has(key) || !matchKey(a.alias)) continue;
    seen.add(key);
    const aliasId = await insertAlias(tx, opts.municipalityId, a.target, a.targetId, a.alias);
    if (aliasId !== null) {
      audit.push({ entityType: `${a.target}_alias`, entityId: aliasId, subjectId: a.targetId, action: "create", before: null, after: { id: aliasId, alias: a.alias } });
    }
  }
  for (const target of new Set(audit.map((a) => (a.entityType.endsWith("_alias") ? a.entityType.slice(0, -6) : a.entityType)))) {
    await recordAuditBulk(tx, {
      municipalityId: opts.municipalityId,
      userId: opts.actor.userId,
      importId: opts.importId,
      subjectType: target,
      rows: audit.filter((a) => a.entityType === target || a.entityType === `${target}_alias`),
    });
  }
  return written;
}

async function createRecord(tx: Tx, municipalityId: number, target: RefTarget, name: string): Promise<number> {
  switch (target) {
    case "organization": {
      const [row] = await tx
        .insert(organizations)
        .values({ municipalityId, kind: guessOrgKind(name) ?? "other", fullName: name, shortName: name })
        .returning({ id: organizations.id });
      return row.id;
    }
    case "position": {
      const [row] = await tx.insert(positions).values({ municipalityId, name }).onConflictDoNothing().returning({ id: positions.id });
      if (row) return row.id;
      // The same name archived earlier: bring it back rather than fail on the unique name.
      const [old] = await tx.update(positions).set({ archivedAt: null }).where(and(eq(positions.municipalityId, municipalityId), eq(positions.name, name))).returning({ id: positions.id });
      return old.id;
    }
    case "subject": {
      const [row] = await tx.insert(subjects).values({ municipalityId, name }).onConflictDoNothing().returning({ id: subjects.id });
      if (row) return row.id;
      const [old] = await tx.update(subjects).set({ archivedAt: null }).where(and(eq(subjects.municipalityId, municipalityId), eq(subjects.name, name))).returning({ id: subjects.id });
      return old.id;
    }
    case "provider": {
      const [row] = await tx
        .insert(providers)
        .values({ municipalityId, name, shortName: name, kind: guessProviderKind(name) })
        .returning({ id: providers.id });
      return row.id;
    }
  }
}

async function insertAlias(tx: Tx, municipalityId: number, target: RefTarget, targetId: number, alias: string): Promise<number | null> {
  const aliasKey = matchKey(alias);
  const rows =
    target === "organization"
      ? await tx.insert(organizationAliases).values({ municipalityId, organizationId: targetId, alias, aliasKey }).onConflictDoNothing().returning({ id: organizationAliases.id })
      : target === "position"
        ? await tx.insert(positionAliases).values({ municipalityId, positionId: targetId, alias, aliasKey }).onConflictDoNothing().returning({ id: positionAliases.id })
        : target === "subject"
          ? await tx.insert(subjectAliases).values({ municipalityId, subjectId: targetId, alias, aliasKey }).onConflictDoNothing().returning({ id: subjectAliases.id })
          : await tx.insert(providerAliases).values({ municipalityId, providerId: targetId, alias, aliasKey }).onConflictDoNothing().returning({ id: providerAliases.id });
  return rows[0]?.id ?? null;
}
