// The tactics matrix: filters in the URL, Back/Forward, the Missoula row, keyboard-only use.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { serve, launch, openPage, waitForMatrix, screenshot } from "./harness.mjs";

let server, browser;
before(async () => {
  server = await serve();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const placeNames = (page) => page.locator("tbody th[scope=row] button.place").allTextContents();
const query = (page) => new URL(page.url()).search;

test("?tactics=john-school shows only places that use John School", async () => {
  const p = await openPage(browser, { allowedOrigins: [server.origin] });
  await p.page.goto(server.url("?tactics=john-school"));
  await waitForMatrix(p.page);
  const col = await p.page.locator("thead th").evaluateAll((ths) =>
    ths.findIndex((th) => th.textContent.includes("John School")));
  assert.ok(col > 0, "a John School column");
  const rows = p.page.getByTestId("matrix-table").locator("tbody tr");
  const n = await rows.count();
  assert.ok(n >= 1, "at least one place uses John School");
  for (let i = 0; i < n; i++) {
    const cell = rows.nth(i).locator("th, td").nth(col);
    // The cell's words are its button's accessible name.
    assert.equal(await cell.getByRole("button", { name: /^Used/ }).count(), 1, `row ${i} uses John School`);
  }
  assert.equal(await p.page.getByRole("checkbox", { name: "John School" }).isChecked(), true);
  p.assertClean(assert);
  await p.close();
});

test("ticking Web Stings writes the URL and Back removes it", async () => {
  const p = await openPage(browser, { allowedOrigins: [server.origin] });
  await p.page.goto(server.url());
  await waitForMatrix(p.page);
  const before = await p.page.getByTestId("row-count").textContent();
  await p.page.getByRole("checkbox", { name: "Web Stings" }).check();
  await p.page.waitForFunction(() => location.search.includes("tactics=web-stings"));
  assert.equal(query(p.page), "?tactics=web-stings");
  await p.page.waitForFunction((b) => document.querySelector("[data-testid=row-count]").textContent !== b, before);
  await p.page.goBack();
  await p.page.waitForFunction(() => !location.search.includes("web-stings"));
  await p.page.waitForFunction(() => !document.querySelector("input[value=web-stings]").checked);
  assert.equal(await p.page.getByTestId("row-count").textContent(), before);
  await p.page.goForward();
  await p.page.waitForFunction(() => document.querySelector("input[value=web-stings]").checked);
  p.assertClean(assert);
  await p.close();
});

test("the Missoula row shows its documented cells and opens its profile", async () => {
  const p = await openPage(browser, { allowedOrigins: [server.origin] });
  await p.page.goto(server.url("?q=Missoula"));
  await waitForMatrix(p.page);
  const row = p.page.locator("tr[data-place=missoula-mt]");
  // Five tactics are documented for Missoula (tests/dataset.rs names them and their documents).
  const used = await row.locator("td.cell").getByRole("button", { name: /^Used/ }).count();
  assert.equal(used, 5, "cells whose accessible name starts with Used");
  assert.match(await row.locator("td.total").textContent(), /^5$/);
  assert.equal(await row.getByRole("button", { name: /^Not found/ }).count(), 1, "john school was searched");
  await row.getByRole("button", { name: "Missoula" }).click();
  await p.page.waitForFunction(() => location.search.includes("place=missoula-mt"));
  const profile = p.page.getByTestId("profile");
  await profile.waitFor();
  const text = await profile.textContent();
  assert.match(text, /Tactics documented \(5 of 15\)/);
  // Estimated publication dates read "about"; sources say they were read from stored copies.
  assert.match(text, /ABC FOX Montana, about 2019-01; read from a stored copy on 2026-11-22/);
  assert.match(text, /Montana Department of Justice \(via PublicNow\), 2024-10-25; read from a stored copy/);
  // The population has its year and source, and says where the profile's figure differs.
  assert.match(text, /73,489 \(2020; [^)]+\)\. The Demand Forum profile gives 74,822/);
  await screenshot(p.page, "profile-missoula-1280");
  // Keyboard users land on the profile's heading.
  await p.page.waitForFunction(() => document.activeElement?.id === "profile-title");
  // A reported figure opens in the charts section.
  await profile.getByRole("button", { name: "Sex trafficking cases investigated by Missoula police" }).click();
  await p.page.waitForFunction(() => new URLSearchParams(location.search).get("series") === "missoula-pd-cases");
  // Closing returns focus to the row's button.
  await profile.getByRole("button", { name: "Close profile" }).click();
  await p.page.waitForFunction(() => document.activeElement?.id === "row-missoula-mt");
  p.assertClean(assert);
  await p.close();
});

test("Chromium's accessibility tree gives each cell its words: not researched, used, not found", async () => {
  const p = await openPage(browser, { allowedOrigins: [server.origin] });
  await p.page.goto(server.url());
  await waitForMatrix(p.page);
  const table = p.page.getByTestId("matrix-table");
  // A row with a used cell and a "not researched" one; the words are no element of the page.
  const id = await table.locator("tbody tr").evaluateAll((trs) =>
    trs.find((tr) => tr.querySelector("td.cell-used") && tr.querySelector("td.cell-unknown"))?.dataset.place);
  assert.ok(id, "a row with both kinds of cell");
  const row = `[data-testid=matrix-table] tr[data-place="${id}"]`;
  assert.equal(await p.page.locator(`${row} td.cell .sr, ${row} td.cell span`).count(), 0);
  assert.equal(await p.page.locator(`${row} td.cell-unknown`).first().textContent(), "");

  // What Chromium itself exposes (CDP), not a computation of the test library's. The table is
  // a grid (one tab stop, keyboard.test.mjs), so its cells are grid cells.
  const cdp = await p.page.context().newCDPSession(p.page);
  const { root } = await cdp.send("DOM.getDocument", { depth: 0 });
  const ax = async (selector) => {
    const { nodeId } = await cdp.send("DOM.querySelector", { nodeId: root.nodeId, selector });
    assert.ok(nodeId, `no element ${selector}`);
    const { nodes } = await cdp.send("Accessibility.getPartialAXTree", { nodeId, fetchRelatives: false });
    return { role: nodes[0].role?.value, name: nodes[0].name?.value, ignored: nodes[0].ignored };
  };
  assert.deepEqual(await ax(`${row} td.cell-unknown`), { role: "gridcell", name: "Not researched", ignored: false });
  // Screen readers that read a cell's content, not its name (NVDA), find it blank: the
  // caption says what blank means.
  assert.match(
    await table.locator("caption").textContent(),
    /Sorted by place name, ascending\. A blank cell was not researched: it never means the tactic was not used\.$/,
  );
  const used = await ax(`${row} td.cell-used button`);
  assert.equal(used.role, "button");
  assert.match(used.name, /^Used ((since |by )?\d{4}([–,] ?\d{4})*|\(year unknown\)); documented by a primary source$/);
  // The used cell is announced with its button's words, not its glyph.
  assert.deepEqual(await ax(`${row} td.cell-used`), { role: "gridcell", name: used.name, ignored: false });
  const notFound = await p.page.locator("[data-testid=matrix-table] td.cell-notfound button").count();
  if (notFound > 0) assert.match((await ax("[data-testid=matrix-table] td.cell-notfound button")).name, /^Not found \(searched /);

  // Every "not researched" cell of the page, in the whole tree; no glyph is read out anywhere.
  const { nodes } = await cdp.send("Accessibility.getFullAXTree");
  const live = nodes.filter((n) => !n.ignored);
  const unknown = await table.locator("tbody td.cell-unknown").count();
  assert.ok(unknown > 0);
  assert.equal(live.filter((n) => n.role?.value === "gridcell" && n.name?.value === "Not researched").length, unknown);
  assert.equal(live.filter((n) => /^[·●◐○]$/.test(n.name?.value ?? "")).length, 0, "a glyph is read out");
  // The test library's role queries agree.
  const r = p.page.locator(row);
  assert.ok(await r.getByRole("gridcell", { name: "Not researched", exact: true }).count() >= 1);
  assert.ok(await r.getByRole("button", { name: /^Used/ }).count() >= 1);
  await cdp.detach();
  p.assertClean(assert);
  await p.close();
});

test("sorting by a column sets aria-sort on that column only", async () => {
  const p = await openPage(browser, { allowedOrigins: [server.origin] });
  await p.page.goto(server.url());
  await waitForMatrix(p.page);
  await p.page.locator("button[data-sort=population]").click();
  await p.page.waitForFunction(() => location.search.includes("sort=population"));
  const sorted = await p.page.locator("th[aria-sort]").allTextContents();
  assert.equal(sorted.length, 1);
  assert.match(sorted[0], /Population/);
  assert.equal(await p.page.locator("th[aria-sort]").getAttribute("aria-sort"), "descending");
  const pops = await p.page.getByTestId("matrix-table").locator("tbody tr td.num:not(.total)").allTextContents();
  const numbers = pops.map((t) => Number(t.replace(/,/g, ""))).filter((n) => !Number.isNaN(n));
  assert.deepEqual(numbers, [...numbers].sort((a, b) => b - a), "population descending");
  p.assertClean(assert);
  await p.close();
});

test("every filter works with the keyboard alone", async () => {
  const p = await openPage(browser, { allowedOrigins: [server.origin] });
  const { page } = p;
  await page.goto(server.url());
  await waitForMatrix(page);
  const tabTo = async (predicate, limit = 80) => {
    for (let i = 0; i < limit; i++) {
      if (await page.evaluate(predicate)) return;
      await page.keyboard.press("Tab");
    }
    throw new Error(`focus never reached ${predicate}`);
  };
  await tabTo(() => document.activeElement?.id === "q");
  await page.keyboard.type("bill");
  await page.waitForFunction(() => location.search === "?q=bill");
  assert.deepEqual(await placeNames(page), ["Billings"]);
  for (let i = 0; i < 4; i++) await page.keyboard.press("Backspace");
  await page.waitForFunction(() => location.search === "");

  await tabTo(() => document.activeElement?.getAttribute("value") === "any");
  await page.keyboard.press("ArrowDown");
  await page.waitForFunction(() => location.search.includes("match=all"));

  await tabTo(() => document.activeElement?.getAttribute("value") === "reverse-stings");
  await page.keyboard.press("Space");
  await page.waitForFunction(() => location.search.includes("tactics=reverse-stings"));

  await tabTo(() => document.activeElement?.getAttribute("name") === "from");
  await page.keyboard.type("2015");
  await page.keyboard.press("Tab");
  await page.waitForFunction(() => location.search.includes("from=2015"));
  await page.keyboard.type("2013");
  await page.keyboard.press("Tab");
  await page.waitForFunction(() => document.querySelector(".filters .error")?.textContent.includes("must not be after"));
  assert.ok(!query(page).includes("to=2013"), "an invalid range is not applied");

  // Uses of uncertain year are left out by default (the year rule); the box asks for them.
  await tabTo(() => document.activeElement?.getAttribute("name") === "undated");
  await page.keyboard.press("Space");
  await page.waitForFunction(() => location.search.includes("undated=1"));

  await tabTo(() => document.activeElement?.getAttribute("value") === "MT");
  await page.keyboard.press("Space");
  await page.waitForFunction(() => location.search.includes("state=MT"));

  await tabTo(() => document.activeElement?.getAttribute("value") === "city");
  await page.keyboard.press("Space");
  await page.waitForFunction(() => location.search.includes("kind=city"));

  await tabTo(() => document.activeElement?.id === "pop");
  // Type-ahead picks "Under 10,000" in the closed select.
  await page.keyboard.type("U");
  await page.waitForFunction(() => location.search.includes("pop="));

  await tabTo(() => document.activeElement?.dataset.testid === "clear-filters");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => location.search === "");
  // The panel follows the filter: every control shows the default, the refused year and its
  // message are gone.
  await page.waitForFunction(() => {
    const panel = document.querySelector(".filters");
    return panel.querySelector("input[name=from]").value === "" && panel.querySelector("input[name=to]").value === ""
      && !panel.querySelector("input[type=checkbox]:checked")
      && !panel.querySelector("input[name=undated]").checked && panel.querySelector("#pop").value === "4"
      && panel.querySelector(".error").textContent === "";
  });
  p.assertClean(assert);
  await p.close();
});

test("an empty result says so and offers to clear the filters", async () => {
  const p = await openPage(browser, { allowedOrigins: [server.origin] });
  await p.page.goto(server.url("?q=zzzz-no-such-place"));
  await p.page.getByTestId("empty").waitFor();
  assert.equal(await p.page.getByTestId("row-count").textContent().then((t) => t.startsWith("0 of")), true);
  await p.page.getByTestId("empty").getByRole("button", { name: "Clear all filters" }).click();
  await waitForMatrix(p.page);
  // The address follows after the frame.
  await p.page.waitForFunction(() => location.search === "");
  p.assertClean(assert);
  await p.close();
});

test("malformed URL values are ignored with a notice", async () => {
  const p = await openPage(browser, { allowedOrigins: [server.origin] });
  await p.page.goto(server.url("?tactics=%3Cimg%20src=x%20onerror=alert(1)%3E&from=abc&sort=web-stings"));
  await waitForMatrix(p.page);
  const notice = await p.page.getByTestId("url-notices").textContent();
  assert.match(notice, /Ignored/);
  assert.equal(await p.page.locator("img").count(), 0, "no markup from the URL");
  assert.equal(await p.page.locator("th[aria-sort]").textContent().then((t) => t.includes("Web Stings")), true);
  p.assertClean(assert);
  await p.close();
});

test("screenshots at 1280 and 390 px", async () => {
  for (const width of [1280, 390]) {
    const p = await openPage(browser, { width, allowedOrigins: [server.origin] });
    await p.page.goto(server.url("?place=missoula-mt"));
    await waitForMatrix(p.page);
    await screenshot(p.page, `matrix-${width}`);
    // On a phone the table scrolls sideways inside its box; the page itself does not.
    const overflow = await p.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `no page-level horizontal scroll at ${width}px (overflow ${overflow})`);
    p.assertClean(assert);
    await p.close();
  }
});

test("a cell's tooltip shows its years and sources on hover and focus, and Escape hides it", async () => {
  const p = await openPage(browser, { allowedOrigins: [server.origin] });
  await p.page.goto(server.url("?q=Missoula"));
  await waitForMatrix(p.page);
  const tip = p.page.getByTestId("cell-tip");
  assert.equal(await tip.isVisible(), false);
  const cell = p.page.locator("tr[data-place=missoula-mt] td.cell-used").first();
  const expected = await cell.getAttribute("data-tip");
  assert.ok(expected && expected.length > 10, "the cell carries its tooltip text");
  await cell.hover();
  await tip.waitFor({ state: "visible" });
  assert.equal(await tip.textContent(), expected);
  // The tooltip sits under the cell.
  const [c, t] = [await cell.boundingBox(), await tip.boundingBox()];
  assert.ok(Math.abs(t.y - (c.y + c.height)) < 2, `tooltip top ${t.y} under cell bottom ${c.y + c.height}`);
  await p.page.keyboard.press("Escape");
  await tip.waitFor({ state: "hidden" });
  // Keyboard: focusing the cell's button shows it too.
  await cell.locator("button").focus();
  await tip.waitFor({ state: "visible" });
  assert.equal(await tip.textContent(), expected);
  p.assertClean(assert);
  await p.close();
});
