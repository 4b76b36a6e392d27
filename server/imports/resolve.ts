// Resolving the values of reference-like columns (organisation, position, subject, provider)
// against the municipality's records. Pure functions over in-memory dictionaries: the lists are
// small (hundreds of organisations, dozens of positions), and a file names each value many times.
//
// Lookup tiers, first hit wins:
//   1. the exact spelling (case, quotes, spacing and punctuation aside; «ё» kept);
//   2. the same with «ё» folded — when that makes two records equal, it is an ambiguity;
//   3. for positions and subjects only, the same words in another grammatical case
//      («учителя» / «учитель», «начальных классов» / «начальные классы»).
// Whatever misses all three gets suggestions: abbreviations expanded («СОШ», «д/с», «с.»),
// informative words weighted above common ones, differing numbers penalised, acronyms
// («ИРО ПК» ~ «Институт развития образования Пермского края»).
import { foldKey, matchKey } from "./match-key.js";

export type RefTarget = "organization" | "position" | "subject" | "provider";

export const REF_TARGET_LABELS: Record<RefTarget, string> = {
  organization: "Организация",
  position: "Должность",
  subject: "Предмет",
  provider: "Организация ДПО",
};

/** One record and every name it is known by (full, short, aliases). */
export type DictionaryEntry = { id: number; name: string; names: string[]; archived?: boolean };

export type Lookup =
  | { kind: "match"; id: number; name: string; archived: boolean }
  | { kind: "ambiguous"; candidates: { id: number; name: string }[] }
  | { kind: "unknown" };

export type Candidate = { id: number; name: string; score: number };

// Words in a grammatical case differ in the ending: a long common start is the same word.
function sameStem(a: string, b: string): boolean {
  if (a === b) return true;
  if (/\d/.test(a) || /\d/.test(b)) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i >= 3 && i >= Math.max(a.length, b.length) - 3;
}

export class Dictionary {
  readonly target: RefTarget;
  readonly entries: DictionaryEntry[];
  private readonly exact = new Map<string, Set<number>>();
  private readonly folded = new Map<string, Set<number>>();
  private readonly byId = new Map<number, DictionaryEntry>();
  private readonly stems: { id: number; words: string[] }[] = [];
  private tokenWeights: Weights | null = null;
  private tokenized: { entry: DictionaryEntry; tokens: string[][] }[] | null = null;

  constructor(target: RefTarget, entries: DictionaryEntry[]) {
    this.target = target;
    this.entries = entries;
    for (const e of entries) {
      this.byId.set(e.id, e);
      for (const n of new Set([e.name, ...e.names])) {
        add(this.exact, matchKey(n), e.id);
        add(this.folded, foldKey(n), e.id);
        if (this.allowsStems()) this.stems.push({ id: e.id, words: foldKey(n).split(" ") });
      }
    }
  }

  private allowsStems() {
    return this.target === "position" || this.target === "subject";
  }

  /** The record a value names, an ambiguity, or nothing. */
  lookup(text: string): Lookup {
    const exact = this.exact.get(matchKey(text));
    if (exact?.size === 1) return this.matchOf([...exact][0]);
    const folded = this.folded.get(foldKey(text));
    const ids = exact && exact.size > 1 ? exact : folded;
    if (ids?.size === 1) return this.matchOf([...ids][0]);
    if (ids && ids.size > 1) return { kind: "ambiguous", candidates: [...ids].map((id) => ({ id, name: this.nameOf(id) })) };
    if (this.allowsStems()) {
      const words = foldKey(text).split(" ");
      const hits = new Set(this.stems.filter((s) => s.words.length === words.length && s.words.every((w, i) => sameStem(w, words[i]))).map((s) => s.id));
      if (hits.size === 1) return this.matchOf([...hits][0]);
    }
    return { kind: "unknown" };
  }

  nameOf(id: number): string {
    return this.byId.get(id)?.name ?? String(id);
  }

  has(id: number): boolean {
    return this.byId.has(id);
  }

  private matchOf(id: number): Lookup {
    return { kind: "match", id, name: this.nameOf(id), archived: this.byId.get(id)?.archived ?? false };
  }

  /** The best few records a value may mean, best first, each with a score from 0 to 1. */
  suggest(text: string, limit = 3): Candidate[] {
    const { weights, tokenized } = this.index();
    const query = tokensOf(text);
    if (query.length === 0) return [];
    const best = new Map<number, number>();
    for (const { entry, tokens } of tokenized) {
      if (entry.archived) continue;
      for (const t of tokens) {
        const s = similarity(query, t, weights, this.allowsStems());
        if (s > (best.get(entry.id) ?? 0)) best.set(entry.id, s);
      }
    }
    return [...best]
      .filter(([, s]) => s > 0.2)
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([id, score]) => ({ id, name: this.nameOf(id), score: Math.round(score * 100) / 100 }));
  }

  private index() {
    if (!this.tokenized || !this.tokenWeights) {
      this.tokenized = this.entries.map((entry) => ({ entry, tokens: [...new Set([entry.name, ...entry.names])].map(tokensOf) }));
      this.tokenWeights = idfWeights(this.tokenized.map((t) => new Set(t.tokens.flat())));
    }
    return { weights: this.tokenWeights, tokenized: this.tokenized };
  }
}

function add(map: Map<string, Set<number>>, key: string, id: number) {
  if (!key) return;
  const set = map.get(key) ?? new Set<number>();
  set.add(id);
  map.set(key, set);
}

// ---------------------------------------------------------------------------------------------
// Similarity

// Abbreviations of names of organisations and places, expanded before words are compared.
const ABBREVIATIONS: [RegExp, string][] = [
  [/(^|[^а-яё])д\s*\/\s*с(?![а-яё])/g, "$1 детский сад "],
  [/(^|[^а-яё])с\s*\/\s*ш(?![а-яё])/g, "$1 средняя школа "],
  [/(^|[^а-яё])им\.\s*/g, "$1имени "],
  [/(^|[^а-яё])с\.\s*/g, "$1село "],
  [/(^|[^а-яё])(п|пос)\.\s*/g, "$1поселок "],
  [/(^|[^а-яё])ст\.\s*/g, "$1станица "],
  [/(^|[^а-яё])г\.\s*/g, "$1город "],
  [/(^|[^а-яё])х\.\s*/g, "$1хутор "],
  [/(^|[^а-яё])д\.\s*/g, "$1деревня "],
];
const WORD_ABBREVIATIONS: Record<string, string> = {
  сош: "средняя общеобразовательная школа",
  оош: "основная общеобразовательная школа",
  нош: "начальная общеобразовательная школа",
  доу: "дошкольное образовательное учреждение",
  дс: "детский сад",
  црр: "центр развития ребенка",
  ддт: "дом детского творчества",
  цдт: "центр детского творчества",
  дюсш: "детско юношеская спортивная школа",
  дши: "детская школа искусств",
  гимн: "гимназия",
  пос: "поселок",
  ст: "станица",
  мбоу: "муниципальное бюджетное общеобразовательное учреждение",
  маоу: "муниципальное автономное общеобразовательное учреждение",
  мкоу: "муниципальное казенное общеобразовательное учреждение",
  мбдоу: "муниципальное бюджетное дошкольное образовательное учреждение",
  мадоу: "муниципальное автономное дошкольное образовательное учреждение",
  мкдоу: "муниципальное казенное дошкольное образовательное учреждение",
  мбудо: "муниципальное бюджетное учреждение дополнительного образования",
  маудо: "муниципальное автономное учреждение дополнительного образования",
  мбу: "муниципальное бюджетное учреждение",
  дпо: "дополнительного профессионального образования",
  во: "высшего образования",
  гаоу: "государственное автономное образовательное учреждение",
  гбоу: "государственное бюджетное образовательное учреждение",
  гбу: "государственное бюджетное учреждение",
  фгбоу: "федеральное государственное бюджетное образовательное учреждение",
  фгаоу: "федеральное государственное автономное образовательное учреждение",
  фгбу: "федеральное государственное бюджетное учреждение",
  ано: "автономная некоммерческая организация",
  яз: "язык",
};
// Legal forms say little about which record a name means; their letters stay out of acronyms.
const LEGAL_FORMS = new Set(["гау", "гку", "гаоу", "гапоу", "гбпоу", "огау", "огбу", "кгау", "кгбу", "фгаоу", "фгбну", "мбоу", "маоу", "мкоу", "мбдоу", "мадоу", "мкдоу", "мбудо", "маудо", "мбу", "дпо", "во", "гаоу", "гбоу", "гбу", "фгбоу", "фгаоу", "фгбу", "ано", "гоу", "моу", "мдоу", "ооо", "чоу"]);

// Words of legal forms written out: as uninformative as the abbreviations themselves.
const LEGAL_WORDS = new Set([
  "муниципальное", "муниципальный", "бюджетное", "автономное", "казенное", "государственное", "федеральное", "учреждение",
  "автономная", "некоммерческая", "организация", "общеобразовательное", "дополнительного", "профессионального", "высшего",
]);

/** Words of a value for comparing: folded, abbreviations expanded, legal forms left out. */
export function tokensOf(text: string): string[] {
  let s = text.toLowerCase().replace(/ё/g, "е");
  for (const [re, to] of ABBREVIATIONS) s = s.replace(re, to);
  const words = foldKey(s).split(" ").filter((w) => w && !LEGAL_FORMS.has(w));
  return words.flatMap((w) => (WORD_ABBREVIATIONS[w] ? WORD_ABBREVIATIONS[w].split(" ") : [w])).filter((w) => w !== "№" && !LEGAL_WORDS.has(w));
}

/** Rare words weigh more: «Ивановка» tells two schools apart, «общеобразовательная» does not. */
function idfWeights(docs: Set<string>[]): Weights {
  const df = new Map<string, number>();
  for (const d of docs) for (const t of d) df.set(t, (df.get(t) ?? 0) + 1);
  const n = Math.max(docs.length, 1);
  return { byToken: new Map([...df].map(([t, f]) => [t, Math.log(1 + n / f)])), unseen: Math.log(1 + n) };
}

/** How much each word tells records apart; a word no record has weighs the most. */
export type Weights = { byToken: Map<string, number>; unseen: number };

function tokenMatch(a: string, b: string, stems: boolean): number {
  if (a === b) return 1;
  const numeric = /^\d+$/;
  if (numeric.test(a) || numeric.test(b)) return 0;
  // «матем» for «математика», «рус» for «русский»: an abbreviation is the start of the word.
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (short.length >= 3 && long.startsWith(short)) return 0.85;
  if (stems && sameStem(a, b)) return 0.85;
  return 0;
}

/** Weighted agreement of two word lists, from 0 to 1. */
export function similarity(a: string[], b: string[], weights: Weights, stems = false): number {
  if (a.length === 0 || b.length === 0) return 0;
  const w = (t: string) => weights.byToken.get(t) ?? weights.unseen;
  let missedInformative = false;
  const side = (from: string[], to: string[]) => {
    let total = 0;
    let matched = 0;
    for (const t of from) {
      const m = Math.max(0, ...to.map((u) => tokenMatch(t, u, stems)));
      total += w(t);
      matched += w(t) * m;
      if (m === 0 && w(t) >= weights.unseen * 0.6) missedInformative = true;
    }
    return { total, matched };
  };
  const x = side(a, b);
  const y = side(b, a);
  let score = (x.matched + y.matched) / (x.total + y.total);
  // A rare word on either side that the other lacks («Вознесенское») means another record.
  if (missedInformative) score = Math.min(score, 0.7);
  // «СОШ № 5» is not «СОШ № 15», however alike the rest.
  const numsA = a.filter((t) => /^\d+$/.test(t));
  const numsB = b.filter((t) => /^\d+$/.test(t));
  if (numsA.length && numsB.length && numsA.join() !== numsB.join()) score *= 0.3;
  else if (numsA.length !== numsB.length && (numsA.length || numsB.length)) score *= 0.7;
  return Math.max(score, acronymScore(a, b), acronymScore(b, a));
}

/**
 * «ИРО ПК» against «Институт развития образования Пермского края»: once the words both share
 * are set aside, the short side's words (abbreviations, at most 6 letters) spell the initials of
 * the long side's words, in order.
 */
function acronymScore(short: string[], long: string[]): number {
  const s = short.filter((t) => !LEGAL_FORMS.has(t) && !long.includes(t));
  const l = long.filter((t) => !LEGAL_FORMS.has(t) && !short.includes(t));
  if (s.length === 0 || l.length < 2 || s.some((t) => t.length > 6 || /\d/.test(t))) return 0;
  if (l.some((t) => t.length < 4 && !/^(и|по|в|на|для)$/.test(t))) return 0;
  const letters = s.join("");
  const initials = l.filter((t) => !/^(и|по|в|на|для)$/.test(t)).map((t) => t[0]).join("");
  if (letters.length < 2 || letters !== initials) return 0;
  const shared = short.filter((t) => long.includes(t)).length;
  return shared > 0 || s.length > 0 ? 0.9 : 0;
}

// ---------------------------------------------------------------------------------------------
// What a run found: every value that did not match, once, with its rows

export type UnresolvedValue = {
  target: RefTarget;
  /** The import field the value came from. */
  field: string;
  /** The header of its column in the file. */
  column: string;
  value: string;
  rows: number[];
  status: "unknown" | "ambiguous";
  candidates: Candidate[];
};

/** Collects the values of reference columns that did not match, once per value. */
export class MissLog {
  private readonly misses = new Map<string, UnresolvedValue>();

  record(miss: Omit<UnresolvedValue, "rows" | "candidates"> & { row: number; candidates: () => Candidate[] }) {
    const key = `${miss.field}|${matchKey(miss.value)}`;
    const known = this.misses.get(key);
    if (known) {
      if (!known.rows.includes(miss.row)) known.rows.push(miss.row);
      return;
    }
    const { row, candidates, ...rest } = miss;
    this.misses.set(key, { ...rest, rows: [row], candidates: candidates() });
  }

  list(): UnresolvedValue[] {
    return [...this.misses.values()];
  }
}
