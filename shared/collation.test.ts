import { describe, expect, it } from "vitest";
import { compareNames, compareOrganizations, sortByName } from "./collation.js";

const sorted = (names: string[]) => [...names].sort(compareNames);

describe("natural order of names", () => {
  it("compares numbers as numbers", () => {
    expect(sorted(["МБОУ СОШ № 40", "МБОУ СОШ № 5", "МБОУ СОШ № 12"])).toEqual(["МБОУ СОШ № 5", "МБОУ СОШ № 12", "МБОУ СОШ № 40"]);
    expect(sorted(["д/с № 100", "д/с № 9", "д/с № 10"])).toEqual(["д/с № 9", "д/с № 10", "д/с № 100"]);
    expect(compareNames("СОШ № 5", "СОШ № 5а")).toBeLessThan(0);
    expect(compareNames("СОШ № 5б", "СОШ № 6")).toBeLessThan(0);
  });

  it("reads «№5» as «№ 5»: spaces and punctuation do not move a name", () => {
    expect(sorted(["СОШ № 12", "СОШ №5", "СОШ № 40", "СОШ № 4"])).toEqual(["СОШ № 4", "СОШ №5", "СОШ № 12", "СОШ № 40"]);
    expect(sorted(["МБДОУ «Радуга»", "МБДОУ «Берёзка»", "МБДОУ Василёк"])).toEqual(["МБДОУ «Берёзка»", "МБДОУ Василёк", "МБДОУ «Радуга»"]);
    // Separate numbers stay separate: «№ 1 2» is not «№ 12».
    expect(compareNames("СОШ № 1 2", "СОШ № 12")).toBeLessThan(0);
  });

  it("ignores case and ё, and keeps й a letter of its own", () => {
    expect(sorted(["Ёлочка", "елка", "Ежик", "ель"])).toEqual(["Ежик", "елка", "Ёлочка", "ель"]);
    expect(sorted(["гимназия № 2", "Гимназия № 10", "ГИМНАЗИЯ № 3"])).toEqual(["гимназия № 2", "ГИМНАЗИЯ № 3", "Гимназия № 10"]);
    expect(compareNames("Ёжикова", "Ежикова")).not.toBe(0); // ordered, but next to each other
    expect(sorted(["Ежикова", "Ёжикова", "Ежов"])).toEqual(["Ежикова", "Ёжикова", "Ежов"]);
    expect(compareNames("Й", "И")).toBeGreaterThan(0);
  });

  it("orders names that read the same by their exact text, whatever the input order", () => {
    expect(sorted(["№5", "№ 5"])).toEqual(sorted(["№ 5", "№5"]));
    expect(compareNames("Ель", "ель")).not.toBe(0);
    expect(compareNames(null, "А")).toBeLessThan(0);
  });

  it("sorts copies stably and organisations by kind, then by name", () => {
    const rows = [
      { org: "СОШ № 10", person: "Андреева" },
      { org: "СОШ № 9", person: "Борисова" },
      { org: "СОШ № 10", person: "Власова" },
      { org: "СОШ № 9", person: "Антонова" },
    ];
    expect(sortByName(rows, (r) => r.org).map((r) => r.person)).toEqual(["Борисова", "Антонова", "Андреева", "Власова"]);
    expect(rows[0].person).toBe("Андреева");
    const orgs = [
      { kind: "school", shortName: "МБОУ СОШ № 40" },
      { kind: "preschool", shortName: "МБДОУ д/с № 7" },
      { kind: "school", shortName: "МБОУ СОШ № 5" },
    ];
    expect([...orgs].sort(compareOrganizations).map((o) => o.shortName)).toEqual(["МБДОУ д/с № 7", "МБОУ СОШ № 5", "МБОУ СОШ № 40"]);
  });
});
