// The evidence rule on screen, with the bundled dataset: a cell backed by a primary source is
// drawn apart from one backed only by a compilation, the legend says what each mark and a blank
// mean, a cell's sources say which kind each is, and a state filter shows that state's places.
// Screenshots at 1280 and 390 px land in artifacts/ (evidence-*.png).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { serve, launch, openPage, screenshot, waitForMatrix, DIST } from "./harness.mjs";

const dataset = JSON.parse(fs.readFileSync(path.join(DIST, "data/dataset.json"), "utf8"));
const kindOf = new Map(dataset.sources.map((s) => [s.id, s.kind]));
const evidence = (u) => (u.sources.some((s) => kindOf.get(s) === "primary") ? "primary" : "compilation");
const use = (place, tactic) => dataset.uses.find((u) => u.place === place && u.tactic === tactic);

let server;
let browser;
before(async () => {
  server = await serve();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

for (const [width, height] of [[1280, 900], [390, 844]]) {
  test(`the legend and the marks tell primary from compilation at ${width} px`, async () => {
    const p = await openPage(browser, { width, height, allowedOrigins: [server.origin] });
    await p.page.goto(server.url());
    const legend = await p.page.locator("#pre .legend").textContent();
    assert.match(legend, /Used, primary source/);
    assert.match(legend, /Used, compilation only/);
    assert.match(legend, /Blank: not researched, never “not used”/);
    assert.match(await p.page.locator("#pre .legend-kinds").textContent(), /A primary source is the police, a court/);
    // The prerendered first page: each used cell's class is the kind its data says.
    const cells = await p.page.$$eval("#pre tbody td.cell-used, #pre tbody td.cell-compiled", (tds) =>
      tds.map((td) => ({ cls: td.className, label: td.querySelector("button").getAttribute("aria-label") })),
    );
    assert.ok(cells.some((c) => c.cls.includes("cell-used")), "a primary cell on the first page");
    assert.ok(cells.some((c) => c.cls.includes("cell-compiled")), "a compilation-only cell on the first page");
    for (const c of cells) {
      const primary = c.cls.includes("cell-used");
      assert.match(c.label, primary ? /documented by a primary source/ : /documented by a compilation only/);
    }
    await screenshot(p.page, `evidence-default-${width}`);
    p.assertClean(assert);
    await p.close();
  });

  test(`a state filter shows that state's places at ${width} px`, async () => {
    const p = await openPage(browser, { width, height, allowedOrigins: [server.origin] });
    await p.page.goto(server.url("?state=WA"));
    await waitForMatrix(p.page);
    const wa = dataset.jurisdictions.filter((j) => j.state === "WA");
    await p.page.waitForFunction(
      (n) => document.querySelector("[data-testid=row-count]")?.textContent.startsWith(`${n} of`),
      wa.length,
    );
    const kinds = await p.page.$$eval("[data-testid=matrix-table] tbody tr .kind", (ks) => ks.map((k) => k.textContent));
    assert.ok(kinds.length > 0 && kinds.every((k) => k.endsWith(", WA")), kinds.join("|"));
    await screenshot(p.page, `evidence-washington-${width}`);
    p.assertClean(assert);
    await p.close();
  });
}

test("a cell's sources say which kind each source is", async () => {
  // Missoula's web stings rest on a news report (primary); its identity disclosure on the
  // Demand Forum narrative alone (compilation): the data says so, and the page must agree.
  const cases = [["web-stings", "primary"], ["identity-disclosure", "compilation"]];
  for (const [tactic, kind] of cases) {
    const u = use("missoula-mt", tactic);
    assert.equal(evidence(u), kind, `the data: Missoula ${tactic}`);
    for (const [width, height] of [[1280, 900], [390, 844]]) {
      const p = await openPage(browser, { width, height, allowedOrigins: [server.origin] });
      await p.page.goto(server.url("?q=missoula"));
      await waitForMatrix(p.page);
      const t = dataset.tactics.findIndex((x) => x.id === tactic);
      const row = p.page.locator("[data-testid=matrix-table] tbody tr[data-place=missoula-mt]");
      const cell = row.locator("td.cell").nth(t);
      assert.match(await cell.getAttribute("class"), kind === "primary" ? /cell-used/ : /cell-compiled/);
      await cell.locator("button").click();
      const panel = p.page.locator("[data-testid=sources-panel]");
      await panel.waitFor();
      const items = await panel.locator("ul.sources li").allTextContents();
      assert.equal(items.length, u.sources.length);
      for (const id of u.sources) {
        const s = dataset.sources.find((x) => x.id === id);
        const item = items.find((i) => i.includes(s.title));
        assert.ok(item, `${s.title} listed`);
        assert.match(item, s.kind === "primary" ? /\(primary source\)/ : /\(compilation\)/);
      }
      await panel.scrollIntoViewIfNeeded();
      await screenshot(p.page, `evidence-sources-${kind}-${width}`);
      p.assertClean(assert);
      await p.close();
    }
  }
});
