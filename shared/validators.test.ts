import { describe, expect, it } from "vitest";
import { foldName, formatRuDate, formatSnils, isIsoDate, isValidInn, isValidOgrn, isValidSnils } from "./validators.js";

describe("СНИЛС", () => {
  it("accepts correct control numbers in any spacing", () => {
    expect(isValidSnils("112-233-445 95")).toBe(true);
    expect(isValidSnils("11223344595")).toBe(true);
  });
  it("rejects a wrong control number, wrong length and letters", () => {
    expect(isValidSnils("112-233-445 96")).toBe(false);
    expect(isValidSnils("1122334459")).toBe(false);
    expect(isValidSnils("112-233-44a 95")).toBe(false);
  });
  it("gives control 00 for weighted sums of 100 and 101, and takes the rest mod 101 above", () => {
    expect(sumOf("920000100")).toBe(100);
    expect(isValidSnils("920-000-100 00")).toBe(true);
    expect(sumOf("920000101")).toBe(101);
    expect(isValidSnils("920-000-101 00")).toBe(true);
    expect(isValidSnils("920-000-101 01")).toBe(false);
    expect(isValidSnils("920-000-102 01")).toBe(true);
  });
  it("formats as XXX-XXX-XXX YY", () => {
    expect(formatSnils("11223344595")).toBe("112-233-445 95");
    expect(formatSnils("123")).toBeNull();
  });
});

const sumOf = (d: string) => [...d].reduce((acc, c, i) => acc + Number(c) * (9 - i), 0);

describe("ИНН and ОГРН", () => {
  it("validates 10- and 12-digit ИНН", () => {
    expect(isValidInn("7707083893")).toBe(true);
    expect(isValidInn("7707083894")).toBe(false);
    expect(isValidInn("500100732259")).toBe(true);
    expect(isValidInn("500100732250")).toBe(false);
    expect(isValidInn("77070838")).toBe(false);
  });
  it("validates 13-digit ОГРН and 15-digit ОГРНИП", () => {
    expect(isValidOgrn("1027700132195")).toBe(true);
    expect(isValidOgrn("1027700132196")).toBe(false);
    expect(isValidOgrn("304500116000157")).toBe(true);
    expect(isValidOgrn("102770013219")).toBe(false);
  });
});

describe("dates and names", () => {
  it("rejects impossible calendar dates", () => {
    expect(isIsoDate("1980-02-31")).toBe(false);
    expect(isIsoDate("2023-02-29")).toBe(false);
    expect(isIsoDate("2024-02-29")).toBe(true);
    expect(isIsoDate("24.02.2020")).toBe(false);
  });
  it("prints dates the Russian way", () => {
    expect(formatRuDate("2020-09-01")).toBe("01.09.2020");
    expect(formatRuDate(null)).toBe("");
  });
  it("folds case and ё", () => {
    expect(foldName("  СЕМЁНОВ   Пётр ")).toBe("семенов петр");
  });
});
