import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compact, screenshot, startHarness, type Harness } from "./harness.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

describe("[REPORTS]", () => {
  it("[ADMIN][REPORTS]: admin opens «Кадровый состав» and sees 1631 staff in the total row", async () => {
    const page = await h.loginAs("admin");
    await page.getByRole("link", { name: "Кадровый состав" }).click();
    await page.getByTestId("composition-table").waitFor();
    expect(compact(await page.getByTestId("composition-total-staff").textContent())).toBe("1631");
    const total = compact(await page.getByTestId("composition-total").textContent());
    expect(total).toMatch(/^Всего81/);
    // Shares read with a decimal comma.
    expect(total).toMatch(/\d+,\d%/);
    expect(await page.getByRole("img", { name: /Доли педагогов/ }).count()).toBe(1);
    const download = page.getByRole("link", { name: "Скачать .xlsx" });
    expect(await download.getAttribute("href")).toMatch(/^\/api\/reports\/staff-composition\?asOf=\d{4}-\d{2}-\d{2}&format=xlsx$/);
    await screenshot(page, "admin-report-composition");
    expect(h.consoleErrors).toEqual([]);
  });

  it("[REGION][REPORTS]: the region viewer sees only «Кадровый состав» with a row per municipality", async () => {
    const page = await h.loginAs("region");
    await page.getByTestId("composition-table").waitFor();
    expect(new URL(page.url()).pathname).toBe("/reports/composition");
    const nav = await page.getByRole("navigation").or(page.locator("nav")).first().textContent();
    expect(nav).toContain("Кадровый состав");
    expect(nav).not.toContain("Педагоги");
    const rows = await page.getByTestId("composition-row").allTextContents();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain("Заречный район");
    await screenshot(page, "region-report-composition");
    expect(h.consoleErrors).toEqual([]);
  });
});
