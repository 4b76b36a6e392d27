// Checksums of Russian identifiers and date helpers shared by the server and the web app.

const digitsOf = (s: string) => s.replace(/[\s-]/g, "");

/** Normalises a СНИЛС to 'XXX-XXX-XXX YY', or returns null when it is not 11 digits. */
export function formatSnils(raw: string): string | null {
  const d = digitsOf(raw);
  if (!/^\d{11}$/.test(d)) return null;
  return `${d.slice(0, 3)}-${d.slice(3, 6)}-${d.slice(6, 9)} ${d.slice(9)}`;
}

/** True when the СНИЛС has 11 digits and a correct control number. */
export function isValidSnils(raw: string): boolean {
  const d = digitsOf(raw);
  if (!/^\d{11}$/.test(d)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(d[i]) * (9 - i);
  let control = sum;
  if (sum > 101) control = sum % 101;
  if (control === 100 || control === 101) control = 0;
  return control === Number(d.slice(9));
}

function innControl(d: string, weights: number[]): number {
  const sum = weights.reduce((acc, w, i) => acc + w * Number(d[i]), 0);
  return (sum % 11) % 10;
}

/** True for a 10-digit (organisation) or 12-digit (person) ИНН with correct check digits. */
export function isValidInn(raw: string): boolean {
  const d = raw.trim();
  if (/^\d{10}$/.test(d)) return innControl(d, [2, 4, 10, 3, 5, 9, 4, 6, 8]) === Number(d[9]);
  if (/^\d{12}$/.test(d)) {
    return (
      innControl(d, [7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) === Number(d[10]) &&
      innControl(d, [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) === Number(d[11])
    );
  }
  return false;
}

/** True for a 13-digit ОГРН or 15-digit ОГРНИП with a correct check digit. */
export function isValidOgrn(raw: string): boolean {
  const d = raw.trim();
  if (/^\d{13}$/.test(d)) return Number(BigInt(d.slice(0, 12)) % 11n % 10n) === Number(d[12]);
  if (/^\d{15}$/.test(d)) return Number(BigInt(d.slice(0, 14)) % 13n % 10n) === Number(d[14]);
  return false;
}

/** True for a real calendar date written as 'YYYY-MM-DD' (rejects 1980-02-31). */
export function isIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === mo - 1 && dt.getUTCDate() === d;
}

/** 'YYYY-MM-DD' → 'dd.mm.yyyy', the way Russian users read dates. */
export function formatRuDate(iso: string | null | undefined): string {
  if (!iso) return "";
  const [y, m, d] = iso.slice(0, 10).split("-");
  return `${d}.${m}.${y}`;
}

/** Folds case and ё so that «Семёнов», «семенов» and «СЕМЕНОВ» compare equal. */
export function foldName(s: string): string {
  return s.toLowerCase().replace(/ё/g, "е").replace(/\s+/g, " ").trim();
}
