// Compare keys of names as people write them in files. Two names are the same when they differ
// only in case, quotes, spacing and punctuation — including the space after «с.», «им.», «№» and
// «д/с»: «им.А.С.Пушкина» = «им. А. С. Пушкина», «СОШ№3» = «СОШ № 3» = «СОШ N 03».
// `matchKey` keeps «ё», `foldKey` folds it to «е»: an exact spelling with «ё» is preferred, and
// two records that only folding makes equal are an ambiguity, never a silent pick.

const QUOTES = /["'«»„“”‘’‚‹›`]/g;

/** Compare key that keeps «ё»: lower case, no quotes or punctuation, «№ 3» spellings unified, single spaces. */
export function matchKey(s: string): string {
  return s
    .toLowerCase()
    .replace(QUOTES, " ")
    .replace(/(^|[^a-zа-яё0-9])(?:no|n)\.?\s*(?=\d)/g, "$1№") // «N 3», «No.3» → «№3»
    .replace(/#\s*(?=\d)/g, "№")
    .replace(/№\s*\.?\s*0*(?=\d)/g, " № ") // «№03», «№ 3» → « № 3»
    .replace(/[^a-zа-яё0-9№]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** The same key with «ё» folded to «е». */
export function foldKey(s: string): string {
  return matchKey(s).replace(/ё/g, "е");
}
