import { describe, expect, it } from "vitest";
import { Dictionary, similarity, tokensOf } from "./resolve.js";
import { foldKey, matchKey } from "./match-key.js";
import { proposeResolutions } from "./reference-book.js";

const orgs = new Dictionary("organization", [
  { id: 1, name: "МБОУ СОШ № 5 с. Ивановка", names: ["Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № 5» с. Ивановка"] },
  { id: 2, name: "МБОУ СОШ № 15 с. Ивановка", names: [] },
  { id: 3, name: "МБОУ СОШ № 5 с. Иваново", names: [] },
  { id: 4, name: "МБДОУ д/с № 3 «Солнышко»", names: [] },
  { id: 5, name: "МБОУ «Гимназия им. А. С. Пушкина»", names: [] },
  { id: 6, name: "МБОУ ООШ с. Озерки", names: [] },
  { id: 7, name: "МБОУ ООШ с. Озёрки", names: [] },
  { id: 8, name: "Зелёные Озерки", names: [] },
  { id: 9, name: "Зеленые Озёрки", names: [] },
]);

describe("compare keys", () => {
  it("ignore case, quotes, spacing and punctuation, and keep «ё» until folded", () => {
    expect(matchKey("им.А.С.Пушкина")).toBe(matchKey("им. А. С. Пушкина"));
    expect(matchKey("СОШ№03")).toBe(matchKey("«СОШ  № 3»"));
    expect(matchKey("СОШ N 3")).toBe(matchKey("СОШ № 3"));
    expect(matchKey("с.Ивановка")).toBe(matchKey("с. Ивановка"));
    expect(matchKey("д/с")).toBe(matchKey("д / с"));
    expect(matchKey("Озёрки")).not.toBe(matchKey("Озерки"));
    expect(foldKey("Озёрки")).toBe(foldKey("Озерки"));
  });
});

describe("a dictionary lookup", () => {
  it("matches spellings that differ only in case, quotes, spacing and punctuation", () => {
    expect(orgs.lookup("мбоу сош №5 с.ивановка")).toMatchObject({ kind: "match", id: 1 });
    expect(orgs.lookup('МБОУ "Гимназия им.А.С.Пушкина"')).toMatchObject({ kind: "match", id: 5 });
  });

  it("prefers the exact «ё» spelling, and calls it ambiguous when only folding would decide", () => {
    expect(orgs.lookup("МБОУ ООШ с.Озёрки")).toMatchObject({ kind: "match", id: 7 });
    expect(orgs.lookup("МБОУ ООШ с.Озерки")).toMatchObject({ kind: "match", id: 6 });
    // Neither record is spelt this way; folding «ё» makes both equal to it.
    const both = orgs.lookup("Зелёные Озёрки");
    expect(both.kind).toBe("ambiguous");
    expect(both.kind === "ambiguous" && both.candidates.map((c) => c.id).sort()).toEqual([8, 9]);
  });

  it("reads a position or subject in another grammatical case, but never an organisation", () => {
    const subjects = new Dictionary("subject", [
      { id: 1, name: "русский язык", names: [] },
      { id: 2, name: "начальные классы", names: [] },
      { id: 3, name: "химия", names: [] },
    ]);
    expect(subjects.lookup("русского языка")).toMatchObject({ kind: "match", id: 1 });
    expect(subjects.lookup("начальных классов")).toMatchObject({ kind: "match", id: 2 });
    expect(subjects.lookup("химии")).toMatchObject({ kind: "match", id: 3 });
    expect(orgs.lookup("МБОУ СОШ № 5 с. Ивановке").kind).toBe("unknown");
  });
});

describe("suggestions", () => {
  it("expand abbreviations and rank the meant record first", () => {
    expect(tokensOf("д/с № 3")).toEqual(["детский", "сад", "3"]);
    expect(orgs.suggest("СОШ 5 Ивановка")[0]).toMatchObject({ id: 1 });
    expect(orgs.suggest("СОШ 5 Ивановка")[0].score).toBeGreaterThanOrEqual(0.85);
    expect(orgs.suggest("детский сад №3 Солнышко")[0]).toMatchObject({ id: 4 });
  });

  it("keep a clearly unknown organisation below any confidence", () => {
    for (const name of ["МБОУ СОШ № 99 с. Неизвестное", "МБОУ СОШ № 5 с. Иваново-Вознесенское", "МБОУ СОШ № 25 с. Ивановка"]) {
      expect(orgs.suggest(name)[0]?.score ?? 0, name).toBeLessThan(0.85);
    }
  });

  it("see an acronym in the full name", () => {
    const w = { byToken: new Map<string, number>(), unseen: 1 };
    expect(similarity(tokensOf("ИРО СК"), tokensOf("Институт развития образования Северного края"), w)).toBeGreaterThanOrEqual(0.9);
    expect(similarity(tokensOf("ГАУ ДПО ИРО СК"), tokensOf("ИРО СК"), w)).toBe(1);
    expect(similarity(tokensOf("ИРО ЮК"), tokensOf("Институт развития образования Северного края"), w)).toBeLessThan(0.5);
  });

  it("propose one new provider for its several spellings, and no new organisation", () => {
    const unresolved = ["ГАУ ДПО «Институт развития образования Северного края»", "ИРО СК", "ГАУ ДПО ИРО СК", "ООО «Горизонт»"].map((value, i) => ({
      target: "provider" as const,
      field: "provider",
      column: "Место прохождения",
      value,
      rows: [i + 2],
      status: "unknown" as const,
      candidates: [],
    }));
    const proposals = proposeResolutions(
      [...unresolved, { ...unresolved[3], target: "organization", field: "organization", value: "МБОУ СОШ № 99" }],
      { confidence: 0.85, canCreate: () => true },
    );
    expect(proposals.slice(0, 3).map((p) => p.proposal)).toEqual(Array(3).fill({ action: "create", name: "ГАУ ДПО «Институт развития образования Северного края»" }));
    expect(proposals[3].proposal).toEqual({ action: "create", name: "ООО «Горизонт»" });
    expect(proposals[4].proposal).toBeNull();
  });
});
