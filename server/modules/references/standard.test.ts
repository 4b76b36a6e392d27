import { describe, expect, it } from "vitest";
import { matchKey } from "../../imports/match-key.js";
import { STANDARD_POSITIONS, STANDARD_PROVIDERS, STANDARD_SUBJECTS, type StandardValue } from "./standard.js";

/** Every compare key of a list (names, short names, aliases) with the values that claim it. */
function claims(list: readonly (StandardValue & { shortName?: string })[]) {
  const owners = new Map<string, string[]>();
  for (const v of list) {
    const own = new Set([v.name, ...(v.shortName ? [v.shortName] : []), ...v.aliases].map(matchKey));
    for (const key of own) owners.set(key, [...(owners.get(key) ?? []), v.name]);
  }
  return owners;
}

describe("standard reference lists", () => {
  const lists = { positions: STANDARD_POSITIONS, subjects: STANDARD_SUBJECTS, providers: STANDARD_PROVIDERS };

  it.each(Object.entries(lists))("no key of %s means two values", (_name, list) => {
    const clashes = [...claims(list)].filter(([, owners]) => owners.length > 1);
    expect(clashes).toEqual([]);
  });

  it.each(Object.entries(lists))("every alias of %s is a spelling of its own, not the name again", (_name, list) => {
    for (const v of list as readonly (StandardValue & { shortName?: string })[]) {
      const keys = v.aliases.map(matchKey);
      expect(keys.every((k) => k.length > 0), v.name).toBe(true);
      expect(new Set(keys).size, `${v.name}: repeated alias`).toBe(keys.length);
      expect(keys, v.name).not.toContain(matchKey(v.name));
      if (v.shortName) expect(keys, v.name).not.toContain(matchKey(v.shortName));
    }
  });

  it("no subject spelling is also a position spelling", () => {
    const positions = claims(STANDARD_POSITIONS);
    const shared = [...claims(STANDARD_SUBJECTS).keys()].filter((k) => positions.has(k));
    expect(shared).toEqual([]);
  });

  it("holds the federal nomenclature, the curricula and the usual short forms", () => {
    expect(STANDARD_POSITIONS).toHaveLength(29);
    expect(STANDARD_POSITIONS.filter((p) => p.isManagement).map((p) => p.name)).toEqual(["руководитель", "заместитель руководителя"]);
    expect(STANDARD_SUBJECTS).toHaveLength(32);
    const bySpelling = (list: readonly StandardValue[], spelling: string) =>
      list.find((v) => [v.name, ...v.aliases].some((s) => matchKey(s) === matchKey(spelling)))?.name;
    expect(bySpelling(STANDARD_POSITIONS, "Зам. директора по УВР")).toBe("заместитель руководителя");
    expect(bySpelling(STANDARD_POSITIONS, "педагог психолог")).toBe("педагог-психолог");
    expect(bySpelling(STANDARD_POSITIONS, "ПДО")).toBe("педагог дополнительного образования");
    expect(bySpelling(STANDARD_SUBJECTS, "начальных классов")).toBe("начальные классы");
    expect(bySpelling(STANDARD_SUBJECTS, "физической культуры")).toBe("физическая культура");
    expect(bySpelling(STANDARD_SUBJECTS, "ИЗО")).toBe("изобразительное искусство");
    expect(bySpelling(STANDARD_SUBJECTS, "ОБЖ")).toBe("основы безопасности и защиты Родины");
    expect(bySpelling(STANDARD_PROVIDERS, "Академия Минпросвещения")).toMatch(/^ФГАОУ ДПО «Академия реализации/);
    expect(STANDARD_PROVIDERS.every((p) => p.kind === "federal" || p.kind === "university")).toBe(true);
  });
});
