// A small seeded PRNG and calendar helpers for the demo-data generator. Everything here is
// pure: no Date.now, no Math.random, no local time zone, so one seed always gives one data set.

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of an ISO date 'YYYY-MM-DD' (computed in UTC, so no zone can shift it). */
export function isoToDays(iso: string): number {
  const [y, m, d] = parseIso(iso);
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

/**
 * ISO date 'YYYY-MM-DD' of a day number from isoToDays. Plain arithmetic (Hinnant's
 * civil_from_days) rather than a Date: the generator converts a few hundred thousand of them.
 */
export function daysToIso(days: number): string {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return `${String(year).padStart(4, "0")}-${pad2(month)}-${pad2(day)}`;
}

/** The ISO date `n` days after `iso` (before it when negative). */
export function addDays(iso: string, n: number): string {
  return daysToIso(isoToDays(iso) + n);
}

/** The same calendar day `n` years later (earlier when negative); 29 February becomes the 28th. */
export function addYears(iso: string, n: number): string {
  const [y, m, d] = parseIso(iso);
  const year = y + n;
  const day = Math.min(d, daysInMonth(year, m));
  return `${String(year).padStart(4, "0")}-${pad2(m)}-${pad2(day)}`;
}

/** The year of an ISO date. */
export function yearOf(iso: string): number {
  return parseIso(iso)[0];
}

/** The later of two ISO dates (they compare as strings). */
export function maxIso(a: string, b: string): string {
  return a > b ? a : b;
}

/** The earlier of two ISO dates. */
export function minIso(a: string, b: string): string {
  return a < b ? a : b;
}

function parseIso(iso: string): [number, number, number] {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) throw new Error(`Not an ISO date: ${iso}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function pad2(n: number): string {
  return String(n).padStart(2, "0");
}

/**
 * Mixes a seed with a stream number into a well-spread seed of its own (murmur3's 32-bit
 * finaliser), so that neighbouring streams such as municipalities 7 and 8 do not correlate.
 */
export function deriveSeed(seed: number, stream: number): number {
  let h = (seed ^ Math.imul(stream + 1, 0x9e3779b9)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** mulberry32: tiny, fast and good enough for synthetic data (not for anything secret). */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }

  /** An integer in [min, max], both ends included. */
  int(min: number, max: number): number {
    if (max < min) throw new Error(`Empty range ${min}..${max}`);
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** A float in [min, max). */
  float(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error("pick from an empty array");
    return items[this.int(0, items.length - 1)];
  }

  /** One element, chosen with probability proportional to its weight. */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    const total = items.reduce((sum, [, w]) => sum + w, 0);
    let r = this.next() * total;
    for (const [item, w] of items) {
      r -= w;
      if (r < 0) return item;
    }
    return items[items.length - 1][0];
  }

  /** Shuffles the array in place (Fisher–Yates) and returns it. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(0, i);
      [items[i], items[j]] = [items[j], items[i]];
    }
    return items;
  }

  /** `count` distinct elements in random order (fewer when the array is shorter). */
  sample<T>(items: readonly T[], count: number): T[] {
    return this.shuffle([...items]).slice(0, count);
  }

  /** An ISO date between `from` and `to`, both included. */
  date(from: string, to: string): string {
    return daysToIso(this.int(isoToDays(from), isoToDays(to)));
  }
}
