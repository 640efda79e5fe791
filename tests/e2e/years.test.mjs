// The year rule (docs/DATA.md): with a year range, a use counts only where its evidence falls in
// the range; an undated use and one dated only "by" a year after the range are of uncertain
// year, shown apart (their own mark and words, counted apart in the count line) and counted
// only when the visitor asks (`undated=1`). The view's CSV carries the filters, the year rule,
// the view's URL and each cell's years.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { serve, launch, openPage, waitForMatrix, screenshot, FIXTURES } from "./harness.mjs";

const oregon = JSON.parse(fs.readFileSync(path.join(FIXTURES, "oregon.json"), "utf8"));
// Web stings: Cedar County's in 2021 (in the range), Fernvale's undated, Oregon's only "by 2024".
const years = {
  ...oregon,
  uses: [
    ...oregon.uses,
    { place: "fernvale-or", tactic: "web-stings", status: "used", sources: ["src-a"] },
    { place: "oregon", tactic: "web-stings", status: "used", last_year: 2024, sources: ["src-a"] },
  ],
};

let server, browser;
before(async () => {
  server = await serve({
    csp: true,
    extra: { "/fixtures/years.json": { body: JSON.stringify(years), type: "application/json" } },
  });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const QUERY = "?data=/fixtures/years.json&tactics=web-stings&from=2020&to=2023";
const TABLE = "[data-testid=matrix-table]";

/** Place name → the web-sting cell's class and words, in row order. */
async function webCells(page) {
  return page.evaluate((table) => {
    const t = document.querySelector(table);
    const heads = [...t.querySelectorAll("thead tr:first-child th")];
    const col = heads.findIndex((h) => /Web Stings/.test(h.textContent + (h.getAttribute("aria-label") || "")));
    return [...t.querySelectorAll("tbody tr[data-place]")].map((tr) => {
      const cell = tr.children[col];
      return {
        name: tr.querySelector("button.place").textContent,
        cls: [...cell.classList].filter((c) => c.startsWith("cell-")).join(" "),
        words: cell.querySelector("button")?.getAttribute("aria-label") || cell.getAttribute("aria-label"),
      };
    });
  }, TABLE);
}

test("2020–2023: only the use dated in the range counts; undated and 'by 2024' are apart", async () => {
  const p = await openPage(browser, { allowedOrigins: [server.origin] });
  await p.page.goto(server.url(QUERY));
  await waitForMatrix(p.page);
  const count = p.page.getByTestId("row-count");
  await p.page.waitForFunction(() => /uncertain year/.test(document.querySelector("[data-testid=row-count]")?.textContent || ""));
  assert.equal(
    await count.textContent(),
    "1 of 3 places; not counted: 2 uses of uncertain year (2 more places with them)",
  );
  const cells = await webCells(p.page);
  assert.deepEqual(cells.map((c) => [c.name, c.cls]), [["Cedar County", "cell-used"]]);
  assert.match(cells[0].words, /^Used 2021; documented by a primary source$/);
  assert.match(await p.page.locator("section.matrix .legend").first().textContent(), /Used, year uncertain for the selected years/);
  p.assertClean(assert);
  await p.close();
});

test("asking for uses of uncertain year shows them with their own mark and words, and the CSV says each cell's years", async () => {
  const p = await openPage(browser, { allowedOrigins: [server.origin] });
  await p.page.goto(server.url(`${QUERY}&undated=1`));
  await waitForMatrix(p.page);
  await p.page.waitForFunction(() => /including 2 uses/.test(document.querySelector("[data-testid=row-count]")?.textContent || ""));
  assert.equal(await p.page.getByTestId("row-count").textContent(), "3 of 3 places; including 2 uses of uncertain year");
  assert.ok(await p.page.locator("input[name=undated]").isChecked(), "the box says they are included");
  const cells = await webCells(p.page);
  const by = Object.fromEntries(cells.map((c) => [c.name, c]));
  assert.equal(by["Cedar County"].cls, "cell-used");
  for (const name of ["Fernvale", "Oregon"]) {
    assert.equal(by[name].cls, "cell-uncertain", name);
    assert.match(by[name].words, /may or may not fall in the selected years: counted because uses of uncertain year are included/, name);
  }
  assert.match(by.Fernvale.words, /year unknown/);
  assert.match(by.Oregon.words, /by 2024/);
  await screenshot(p.page, "years-uncertain");

  // Unticking the box leaves them out again, and the address follows.
  await p.page.locator("input[name=undated]").uncheck();
  await p.page.waitForFunction(() => !location.search.includes("undated"));
  await p.page.waitForFunction(() => document.querySelectorAll("[data-testid=matrix-table] tbody tr[data-place]").length === 1);
  await p.page.locator("input[name=undated]").check();
  await p.page.waitForFunction(() => location.search.includes("undated=1"));
  await p.page.waitForFunction(() => document.querySelectorAll("[data-testid=matrix-table] tbody tr[data-place]").length === 3);

  const [d] = await Promise.all([p.page.waitForEvent("download"), p.page.getByTestId("download-view").click()]);
  const text = fs.readFileSync(await d.path(), "utf8").replace(/^\uFEFF/, "");
  assert.match(text, /#,Filters: Web Stings; Years 2020–2023; Including uses of uncertain year\n/);
  assert.match(text, /#,"?Year rule: with a year range, a use counts when a year with evidence lies in the range/);
  assert.match(text, /#,"?Data as of 2026-11-01, version 0\.1\.0"?\n/);
  const view = text.match(/#,"?View: ([^"\n]+)/);
  assert.ok(view, text);
  const url = new URL(view[1]);
  assert.equal(url.searchParams.get("tactics"), "web-stings");
  assert.equal(url.searchParams.get("from"), "2020");
  assert.equal(url.searchParams.get("to"), "2023");
  assert.equal(url.searchParams.get("undated"), "1");
  assert.equal(url.searchParams.get("data"), "/fixtures/years.json");
  const rows = text.split(/\r?\n/).filter((l) => l && !l.startsWith("#"));
  const line = (name) => rows.find((l) => l.startsWith(name) || l.startsWith(`"${name}`)) || "";
  assert.match(line("Cedar County"), /,"?Used, 2021; documented by a primary source"?(,|$)/);
  assert.match(line("Fernvale"), /Used, year unknown, year uncertain for the selected years, counted/);
  assert.match(line("Oregon"), /Used, by 2024, year uncertain for the selected years, counted/);
  p.assertClean(assert);
  await p.close();
});
