// Keyboard and focus (issue 26): the matrix is one tab stop with arrow keys between its cells
// (the ARIA grid pattern, crates/dom/src/grid.rs, in the first view and the app alike), a link
// skips it, Enter on a cell opens its sources, which take focus and give it back on close or
// Escape; switching to the map moves focus to it; "Use your own data" is a tab stop before the
// app loads; axe finds no serious or critical violation. Screenshots land in artifacts/.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { serve, launch, openPage, waitForFirstView, ARTIFACTS } from "./harness.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const AXE = fs.readFileSync(path.join(here, "node_modules/axe-core/axe.min.js"), "utf8");

let server, browser;
before(async () => {
  server = await serve({ csp: true });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const appRequests = () => server.requests.filter((r) => r.includes("tactics-explorer-"));
/** The matrix on screen: the first view's, or the app's once it has taken over (the charts
 * coming near load it, and moving focus down the table may bring them near). */
const M = "section.matrix";

/** Where focus is in a matrix grid: [row, cell] of the focused cell (its button's), the body's
 * rows from 0 and the header row as -1; or null. */
async function focusCell(page) {
  return page.evaluate(() => {
    const a = document.activeElement;
    const cell = a && a.closest("table[role=grid] > :is(thead, tbody) > tr > *");
    if (!cell) return null;
    const tr = cell.parentElement;
    const row = tr.parentElement.tagName === "THEAD" ? -1 : [...tr.parentElement.children].indexOf(tr);
    return [row, [...tr.children].indexOf(cell)];
  });
}

/** The grid's elements in the tab order (tabindex 0 or a button without tabindex -1), header
 * and body. */
async function tabStops(page, table) {
  return page.$$eval(`${table} :is(thead, tbody) :is([tabindex], button)`, (els) =>
    els.filter((e) => e.getAttribute("tabindex") !== "-1").map((e) => e.outerHTML.slice(0, 60)));
}

/** Serious and critical axe violations of the page as it is now (axe-core, from node_modules). */
async function axeProblems(page) {
  // The page's CSP refuses inline scripts: the page is opened with `bypassCSP` (the test's
  // script, never the site's, and never from the network).
  await page.addScriptTag({ content: AXE });
  const result = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ["violations"] });
    return r.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`);
  });
  return result;
}

async function shot(page, name) {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`) });
}

/** Tabs from the table's scrolling region, just before the grid: the header and the body are
 * one stop, and the next Tab leaves them. */
async function assertOneStop(page, table) {
  assert.deepEqual((await tabStops(page, table)).length, 1, "one element of the grid is in the tab order");
  await page.locator(`${table} .table-scroll`).focus();
  await page.keyboard.press("Tab");
  assert.deepEqual(await focusCell(page), [0, 0], "Tab enters the grid at its first cell");
  await page.keyboard.press("Tab");
  assert.equal(await focusCell(page), null, "the next Tab leaves the grid");
  await page.keyboard.press("Shift+Tab");
  assert.deepEqual(await focusCell(page), [0, 0], "Shift+Tab comes back to the same stop");
}

/** Arrows, Home, End and Ctrl+Home/End from the first cell; each move leaves one tab stop. */
async function assertArrows(page, table) {
  const rows = await page.locator(`${table} tbody tr`).count();
  const cols = await page.locator(`${table} tbody tr:first-child > *`).count();
  const moves = [
    ["ArrowRight", [0, 1]], ["ArrowRight", [0, 2]], ["ArrowRight", [0, 3]], ["ArrowDown", [1, 3]],
    ["ArrowDown", [2, 3]], ["ArrowLeft", [2, 2]], ["ArrowUp", [1, 2]], ["End", [1, cols - 1]],
    ["ArrowRight", [1, cols - 1]], ["Home", [1, 0]], ["ArrowLeft", [1, 0]], ["Control+End", [rows - 1, cols - 1]],
    ["ArrowDown", [rows - 1, cols - 1]], ["Control+Home", [-1, 0]], ["ArrowUp", [-1, 0]],
    ["ArrowRight", [-1, 1]], ["ArrowDown", [0, 1]], ["Home", [0, 0]],
  ];
  for (const [key, at] of moves) {
    await page.keyboard.press(key);
    assert.deepEqual(await focusCell(page), at, `${key} moves to ${at}`);
    const stops = await tabStops(page, table);
    assert.equal(stops.length, 1, `one tab stop after ${key}`);
  }
}

/** Moves focus with ArrowRight from the row's first cell to its first cell with sources. */
async function arrowToFirstSourceCell(page, table) {
  const col = await page.$eval(`${table} tbody tr:first-child`, (tr) =>
    [...tr.children].findIndex((c) => c.querySelector("button.cell-btn")));
  assert.ok(col > 2, "the first row has a cell with sources");
  await page.keyboard.press("Home");
  for (let i = 0; i < col; i++) await page.keyboard.press("ArrowRight");
  return page.evaluate(() => document.activeElement.dataset.cell);
}

for (const [width, height] of [[1280, 900], [390, 844]]) {
  test(`at ${width} px the matrix is one tab stop with arrow keys, and Enter opens a cell's sources, which take focus and give it back`, async () => {
    const p = await openPage(browser, { width, height, allowedOrigins: [server.origin] });
    server.requests.length = 0;
    await p.page.goto(server.url());
    await waitForFirstView(p.page);
    assert.equal(await p.page.locator("#pre section.matrix table").getAttribute("role"), "grid");
    await assertOneStop(p.page, M);
    await assertArrows(p.page, M);
    // Enter on a place would open its profile (first-view.test.mjs); here, its sources.
    const ref = await arrowToFirstSourceCell(p.page, M);
    assert.ok(ref, "focus is on a cell's button");
    await shot(p.page, `keyboard-grid-focus-${width}`);
    await p.page.keyboard.press("Enter");
    const panel = p.page.locator("[data-testid=sources-panel]");
    await panel.waitFor();
    await p.page.waitForFunction(() => document.activeElement?.closest("[data-testid=sources-panel]"));
    const box = await panel.boundingBox();
    assert.ok(box.y >= 0 && box.y < height, `the panel is in view (top at ${box.y})`);
    await shot(p.page, `keyboard-sources-open-${width}`);
    await p.page.keyboard.press("Escape");
    await panel.waitFor({ state: "detached" });
    assert.equal(await p.page.evaluate(() => document.activeElement.dataset.cell), ref, "Escape gives focus back to the cell");
    assert.match(p.page.url(), new RegExp(`^${server.origin}`), "Escape closed the panel, it did not leave");
    // In the app: the same grid, Enter again, and the close button gives focus back too.
    const APP = "[data-testid=matrix]";
    assert.equal(await p.page.locator(`${APP} table`).getAttribute("role"), "grid");
    assert.equal((await tabStops(p.page, APP)).length, 1, "the app's body is one tab stop");
    await p.page.keyboard.press("ArrowRight");
    const next = await focusCell(p.page);
    await p.page.keyboard.press("ArrowLeft");
    assert.equal(await p.page.evaluate(() => document.activeElement.dataset.cell), ref, `the app's arrows move (via ${next})`);
    await p.page.keyboard.press("Enter");
    await panel.waitFor();
    await p.page.waitForFunction(() => document.activeElement?.closest("[data-testid=sources-panel]"));
    // One Escape closes the panel; a second within the Quick exit window must not leave.
    await p.page.keyboard.press("Escape");
    await p.page.keyboard.press("Escape");
    await panel.waitFor({ state: "detached" });
    assert.match(p.page.url(), new RegExp(`^${server.origin}`), "the Escape that closed the panel did not count toward Escape twice");
    await p.page.keyboard.press("Enter");
    await panel.waitFor();
    await panel.getByRole("button", { name: "Close sources" }).click();
    await panel.waitFor({ state: "detached" });
    assert.equal(await p.page.evaluate(() => document.activeElement.dataset.cell), ref, "Close gives focus back to the cell");
    p.assertClean(assert);
    await p.close();
  });
}

test("after a filter, a sort or a page, the grid keeps one tab stop: the focused cell, else the first", async () => {
  const p = await openPage(browser, { allowedOrigins: [server.origin] });
  await p.page.goto(server.url());
  await waitForFirstView(p.page);
  await p.page.locator(`${M} tbody tr:first-child button.place`).focus();
  await p.page.keyboard.press("ArrowDown");
  await p.page.keyboard.press("ArrowDown");
  assert.deepEqual(await focusCell(p.page), [2, 0]);
  const panel = "#filters-panel";
  for (const act of [
    () => p.page.locator(`${M} thead button[data-sort=population]`).click(),
    () => p.page.locator(M).getByRole("button", { name: "Next" }).click(),
    () => p.page.locator(`${panel} input[type=checkbox]`).first().check(),
  ]) {
    const before = await p.page.$eval(`${M} tbody`, (b) => b.textContent);
    await act();
    await p.page.waitForFunction(([t, b]) => document.querySelector(`${t} tbody`).textContent !== b, [M, before]);
    const stops = await tabStops(p.page, M);
    assert.equal(stops.length, 1, `one tab stop: ${stops}`);
    // The stop is where focus is when that is in the grid (the sort button just used), else the
    // first cell.
    const inGrid = await focusCell(p.page);
    const stop = inGrid ? "thead button[data-sort=population]" : "tbody tr:first-child button.place";
    assert.equal(await p.page.$eval(`${M} ${stop}`, (b) => b.getAttribute("tabindex")), "0", `the stop is ${stop}`);
  }
  p.assertClean(assert);
  await p.close();
});

test("Use your own data is a tab stop before the app loads, and the skip link passes the table", async () => {
  // A phone: the charts stay far below, so nothing loads the app before the first check.
  const p = await openPage(browser, { width: 390, height: 844, allowedOrigins: [server.origin] });
  server.requests.length = 0;
  await p.page.goto(server.url());
  const pre = await waitForFirstView(p.page);
  // The task forces' tools are in a small menu (a phone's first screen leads with the data):
  // its summary is a tab stop, Enter opens it, and Tab reaches both tools.
  await pre.locator("details.tools-menu > summary").focus();
  await p.page.keyboard.press("Enter");
  await p.page.keyboard.press("Tab");
  assert.equal(await p.page.evaluate(() => document.activeElement.textContent), "Embed this view");
  await p.page.keyboard.press("Tab");
  assert.equal(await p.page.evaluate(() => document.activeElement.textContent), "Use your own data");
  assert.deepEqual(appRequests(), [], "the app is not loaded");
  const skip = pre.getByRole("link", { name: "Skip the table" });
  await skip.focus();
  assert.ok(await skip.isVisible(), "the skip link shows when focused");
  const entries = await p.page.evaluate(() => history.length);
  await p.page.keyboard.press("Enter");
  await p.page.waitForFunction(() => document.activeElement?.id === "table-end");
  // No history entry (it would cut Quick exit's walk short): public/pre-guard.js answers it.
  assert.equal(await p.page.evaluate(() => history.length), entries, "the skip link adds no history entry");
  assert.equal(await p.page.evaluate(() => location.hash), "");
  await p.page.keyboard.press("Tab");
  assert.equal(await focusCell(p.page), null, "the next Tab is after the table");
  p.assertClean(assert);
  await p.close();
});

test("switching to the map moves focus to the map", async () => {
  const p = await openPage(browser, { allowedOrigins: [server.origin] });
  await p.page.goto(server.url());
  await waitForFirstView(p.page);
  await p.page.evaluate(() => dispatchEvent(new CustomEvent("tactics-load-app")));
  await p.page.waitForSelector("[data-testid=matrix-table] tbody tr");
  await p.page.locator("[data-testid=pane-map]").focus();
  await p.page.keyboard.press("Enter");
  await p.page.waitForFunction(() => document.activeElement?.dataset.testid === "map");
  p.assertClean(assert);
  await p.close();
});

test("axe finds no serious or critical violation on the default view and with a cell's sources open", async () => {
  const p = await openPage(browser, { allowedOrigins: [server.origin], bypassCSP: true });
  await p.page.goto(server.url());
  await waitForFirstView(p.page);
  assert.deepEqual(await axeProblems(p.page), [], "the first view");
  await p.page.locator("#pre tbody button.cell-btn").first().click();
  await p.page.locator("[data-testid=sources-panel]").waitFor();
  assert.deepEqual(await axeProblems(p.page), [], "the app with a cell's sources open");
  p.assertClean(assert);
  await p.close();
});
