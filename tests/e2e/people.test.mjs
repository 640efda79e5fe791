// People first (issue 14): on a phone the data comes first, active filters are chips that remove
// in one tap, all columns fit at 1280 px, the hotline is always in sight, odd input gets clear
// words, and long names stay inside their cells.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { serve, launch, openPage, waitForMatrix, screenshot, FIXTURES } from "./harness.mjs";

const small = fs.readFileSync(path.join(FIXTURES, "small.json"), "utf8");
const LONG_NAME = "Ll".repeat(150);

function mutate(change) {
  const doc = JSON.parse(small);
  change(doc);
  return JSON.stringify(doc, null, 2);
}

const FILES = {
  // No places at all (and so nothing that refers to one).
  "no-places.json": mutate((d) => {
    d.jurisdictions = []; d.uses = []; d.series = []; d.events = [];
  }),
  // A 300-character place name without a single space.
  "long-name.json": mutate((d) => { d.jurisdictions[0].name = LONG_NAME; }),
  // Thousands of problems: 3,000 uses of places that do not exist, beside the valid entries.
  "many-problems.json": mutate((d) => {
    for (let i = 0; i < 3000; i++) {
      d.uses.push({ place: `nowhere-${i}`, tactic: "cameras", status: "used", sources: ["src-a"] });
    }
  }),
};

let server, browser;
before(async () => {
  const extra = {};
  for (const [name, body] of Object.entries(FILES)) extra[`/people/${name}`] = { body, type: "application/json" };
  server = await serve({ extra });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const query = (page) => new URL(page.url()).search;
const open = (opts = {}) => openPage(browser, { allowedOrigins: [server.origin], ...opts });

test("at 390 px a matrix row is in the first screen and the filter panel starts closed", async () => {
  const p = await open({ width: 390, height: 844 });
  await p.page.goto(server.url());
  await waitForMatrix(p.page);
  const row = await p.page.locator("[data-testid=matrix-table] tbody tr").first().boundingBox();
  assert.ok(row.y + row.height <= 844, `first row ends at ${row.y + row.height}px, inside the 844px screen`);
  assert.equal(await p.page.getByTestId("filters").isVisible(), false, "panel closed on a phone");
  const toggle = p.page.getByTestId("filters-toggle");
  assert.equal(await toggle.textContent(), "Filters (0)");
  assert.equal(await toggle.getAttribute("aria-expanded"), "false");
  await toggle.click();
  await p.page.getByTestId("filters").waitFor({ state: "visible" });
  assert.equal(await toggle.getAttribute("aria-expanded"), "true");
  // The place names stay in view while the table scrolls sideways.
  const scroller = p.page.locator(".table-scroll");
  await scroller.evaluate((el) => { el.scrollLeft = 400; });
  const [box, name] = [await scroller.boundingBox(), await p.page.locator("tbody th.place-col").first().boundingBox()];
  assert.ok(Math.abs(name.x - box.x) <= 2, `sticky place column at ${name.x}, box at ${box.x}`);
  p.assertClean(assert);
  await p.close();
});

test("active filters are chips; one tap removes one filter", async () => {
  const p = await open({ width: 390, height: 844 });
  await p.page.goto(server.url("?tactics=web-stings&state=MT&q=m"));
  await waitForMatrix(p.page);
  const toggle = p.page.getByTestId("filters-toggle");
  assert.equal(await toggle.textContent(), "Filters (3)");
  const chips = p.page.getByTestId("chips");
  const chip = chips.getByRole("button", { name: "Remove filter: Web Stings" });
  assert.ok(await chip.isVisible(), "a Web Stings chip is in sight without opening the panel");
  const box = await chip.boundingBox();
  assert.ok(box.height >= 24 && box.width >= 24, `chip is at least 24x24 (${box.width}x${box.height})`);
  await chip.click();
  await p.page.waitForFunction(() => !location.search.includes("tactics="));
  assert.equal(query(p.page), "?state=MT&q=m");
  assert.equal(await toggle.textContent(), "Filters (2)");
  await chips.getByRole("button", { name: "Remove filter: State: MT" }).click();
  await p.page.waitForFunction(() => location.search === "?q=m");
  // Back restores the removed filter (a removal is a history entry).
  await p.page.goBack();
  await p.page.waitForFunction(() => location.search.includes("state=MT"));
  await p.page.getByTestId("chips-clear").click();
  await p.page.waitForFunction(() => location.search === "");
  assert.equal(await p.page.getByTestId("chips").isVisible(), false);
  p.assertClean(assert);
  await p.close();
});

test("at 1280 px all 15 tactic columns fit without a horizontal scroll", async () => {
  const p = await open({ width: 1280, height: 900 });
  await p.page.goto(server.url());
  await waitForMatrix(p.page);
  assert.equal(await p.page.getByTestId("filters").isVisible(), true, "panel open beside the table");
  const { scroll, client } = await p.page.locator(".table-scroll").evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
  assert.ok(scroll <= client, `table ${scroll}px fits its ${client}px box`);
  const headers = p.page.locator("thead th.tactic-col");
  assert.equal(await headers.count(), 15);
  // A short visible label; the full name is the accessible name and the tooltip.
  const auto = p.page.getByRole("button", { name: "Auto Seizure", exact: true });
  assert.equal(await auto.count(), 1);
  assert.equal(await auto.locator(".label").textContent(), "Auto");
  assert.equal(await headers.first().getAttribute("title"), "Auto Seizure");
  p.assertClean(assert);
  await p.close();
});

test("the hotline number and text number are on the page without a click, embed included", async () => {
  for (const q of ["", "?embed=1", "?embed=1&controls=0"]) {
    const p = await open({ width: 390, height: 844 });
    await p.page.goto(server.url(q));
    await waitForMatrix(p.page);
    const line = p.page.getByTestId("hotline");
    assert.ok(await line.isVisible(), `hotline line visible at ${q || "default"}`);
    const text = await line.textContent();
    assert.match(text, /1-888-373-7888/);
    assert.match(text, /233733/);
    assert.equal(await line.getByRole("link", { name: "1-888-373-7888" }).getAttribute("href"), "tel:+18883737888");
    assert.equal(await line.getByRole("link", { name: "233733" }).getAttribute("href"), "sms:233733");
    assert.equal(await p.page.locator("#help-panel").isHidden(), true, "the fuller panel is still behind Get help");
    p.assertClean(assert);
    await p.close();
  }
});

test("unknown place and series, and a clipped search, each get a notice", async () => {
  const p = await open();
  const longQ = "x".repeat(150);
  await p.page.goto(server.url(`?place=nowhere-xy&series=no-such-series&q=${longQ}`));
  await p.page.waitForFunction(() => document.querySelector("[data-testid=url-notices]")?.textContent.includes("No place"));
  const data = await p.page.getByTestId("url-notices").textContent();
  assert.match(data, /No place “nowhere-xy” in this dataset/);
  assert.match(data, /No series “no-such-series” in this dataset/);
  assert.match(data, /search text was cut to its first 100 characters/);
  assert.equal((await p.page.locator("#q").inputValue()).length, 100);
  // A known place gives no notice, and following it hides the old one.
  await p.page.goto(server.url("?place=missoula-mt"));
  await waitForMatrix(p.page);
  assert.equal(await p.page.getByTestId("url-notices").count(), 0);
  p.assertClean(assert);
  await p.close();
});

test("a dataset with no places says so, not that no place matches", async () => {
  const p = await open();
  await p.page.goto(server.url("?data=/people/no-places.json"));
  const empty = p.page.getByTestId("empty");
  await empty.waitFor();
  assert.match(await empty.textContent(), /This dataset has no places/);
  assert.doesNotMatch(await empty.textContent(), /No place matches/);
  p.assertClean(assert);
  await p.close();
});

test("thousands of problems: a short summary by kind, a searchable list, the table in view", async () => {
  const p = await open({ width: 1280, height: 900 });
  await p.page.goto(server.url("?data=/people/many-problems.json"));
  await waitForMatrix(p.page);
  const box = p.page.getByTestId("problems");
  assert.match(await box.locator("h2").textContent(), /3000 problems/);
  assert.match(await p.page.getByTestId("problem-kinds").textContent(), /jurisdiction "…" does not exist/);
  const height = (await box.boundingBox()).height;
  assert.ok(height < 500, `problems box is ${height}px tall`);
  const table = await p.page.getByTestId("matrix-table").boundingBox();
  assert.ok(table.y < 900, `the matrix starts at ${table.y}px, in the first screen`);
  // The full list is collapsed, then searchable.
  const all = p.page.getByTestId("problem-all");
  assert.equal(await all.getAttribute("open"), null);
  await all.locator("summary").click();
  await p.page.getByTestId("problem-search").fill("nowhere-2999");
  await p.page.waitForFunction(() => document.querySelector("[data-testid=problem-count]").textContent.startsWith("Showing 0 of 0")
    || document.querySelectorAll("[data-testid=problem-list] li").length <= 2);
  await p.page.getByTestId("problem-search").fill("uses[12");
  await p.page.waitForFunction(() => /Showing \d+ of \d+/.test(document.querySelector("[data-testid=problem-count]").textContent)
    && document.querySelectorAll("[data-testid=problem-list] li").length < 200);
  p.assertClean(assert);
  await p.close();
});

test("a 300-character unbroken place name stays inside its cell and its profile", async () => {
  for (const width of [390, 1280]) {
    const p = await open({ width, height: 900 });
    await p.page.goto(server.url("?data=/people/long-name.json"));
    await waitForMatrix(p.page);
    const cell = p.page.locator("tr[data-place=alpha-mt] th.place-col");
    const name = cell.locator("button.place");
    const [c, n] = [await cell.boundingBox(), await name.boundingBox()];
    assert.ok(n.x >= c.x - 1 && n.x + n.width <= c.x + c.width + 1, `name ${n.x}+${n.width} inside cell ${c.x}+${c.width} at ${width}px`);
    assert.ok(n.y >= c.y - 1 && n.y + n.height <= c.y + c.height + 1, `name inside the cell's height at ${width}px`);
    assert.ok(c.width < 200, `place column ${c.width}px wide`);
    assert.equal(await name.getAttribute("title"), LONG_NAME, "the full name is the tooltip");
    await name.click();
    const profile = p.page.getByTestId("profile");
    await profile.waitFor();
    const pb = await profile.boundingBox();
    assert.ok(pb.width <= width, `profile ${pb.width}px wide at ${width}px`);
    const overflow = await p.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `no page-level horizontal scroll (${overflow})`);
    await screenshot(p.page, `people-long-name-${width}`);
    p.assertClean(assert);
    await p.close();
  }
});

test("screenshots: default view, profile and embed at 390 and 1280 px, light and dark", async () => {
  const views = { default: "", profile: "place=missoula-mt", embed: "embed=1" };
  for (const theme of ["light", "dark"]) {
    for (const width of [390, 1280]) {
      for (const [name, q] of Object.entries(views)) {
        const p = await open({ width, height: width === 390 ? 844 : 900 });
        await p.page.goto(server.url(`?${[q, `theme=${theme}`].filter(Boolean).join("&")}`));
        await waitForMatrix(p.page);
        if (name === "profile") await p.page.getByTestId("profile").waitFor();
        const overflow = await p.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 1, `${name} ${theme} ${width}: no page-level horizontal scroll (${overflow})`);
        await screenshot(p.page, `people-${name}-${theme}-${width}`);
        p.assertClean(assert);
        await p.close();
      }
    }
  }
});
