import { describe, expect, it } from "vitest";
import { ageOn, categoryOn, categoryValidUntil, isYoungTeacher, pedExperienceOn, yearsAndMonthsBetween } from "./derived.js";

describe("age and experience on a date", () => {
  it("turns a year older on the birthday, not the day before", () => {
    expect(ageOn("1991-11-23", "2026-11-22")).toBe(34);
    expect(ageOn("1991-11-23", "2026-11-23")).toBe(35);
  });
  it("treats 29 February birthdays as 1 March in common years", () => {
    expect(ageOn("1992-02-29", "2027-02-28")).toBe(34);
    expect(ageOn("1992-02-29", "2027-03-01")).toBe(35);
  });
  it("counts experience in years and months", () => {
    expect(pedExperienceOn("2020-09-01", "2026-08-31")).toEqual({ years: 5, months: 11 });
    expect(pedExperienceOn("2020-09-01", "2026-09-01")).toEqual({ years: 6, months: 0 });
    expect(pedExperienceOn(null, "2026-09-01")).toBeNull();
    expect(yearsAndMonthsBetween("2026-09-02", "2026-09-01")).toBeNull();
  });
});

describe("young teacher", () => {
  const p = { birthDate: "1995-05-10", pedWorkStart: "2024-09-01" };
  it("is under 35 with fewer than 3 years of work", () => {
    expect(isYoungTeacher(p, "2027-08-31")).toBe(true);
    expect(isYoungTeacher(p, "2027-09-01")).toBe(false);
  });
  it("stops being young on the 35th birthday", () => {
    const q = { birthDate: "1992-10-01", pedWorkStart: "2026-09-01" };
    expect(isYoungTeacher(q, "2027-09-30")).toBe(true);
    expect(isYoungTeacher(q, "2027-10-01")).toBe(false);
  });
  it("is not young when a date is unknown", () => {
    expect(isYoungTeacher({ birthDate: null, pedWorkStart: "2025-09-01" }, "2026-01-01")).toBe(false);
    expect(isYoungTeacher({ birthDate: "2000-01-01", pedWorkStart: null }, "2026-01-01")).toBe(false);
  });
});

describe("qualification category", () => {
  it("first and highest are valid five years, to the day before the anniversary", () => {
    expect(categoryValidUntil("highest", "2021-12-24")).toBe("2026-12-23");
    expect(categoryValidUntil("first", "2020-02-29")).toBe("2025-02-28");
    expect(categoryValidUntil("conformity", "2021-12-24")).toBeNull();
  });
  it("uses the latest assignment made by the date and marks expiry", () => {
    const history = [
      { category: "first" as const, assignedOn: "2016-03-01" },
      { category: "highest" as const, assignedOn: "2021-12-24" },
    ];
    expect(categoryOn(history, "2021-12-23")).toMatchObject({ category: "first", expired: true });
    expect(categoryOn(history, "2026-12-23")).toMatchObject({ category: "highest", expired: false });
    expect(categoryOn(history, "2026-12-24")).toMatchObject({ category: "highest", expired: true });
    expect(categoryOn(history, "2010-01-01")).toBeNull();
  });
});
