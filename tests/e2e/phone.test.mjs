// A phone journey in a few taps (issue 26): at 390 x 844 with touch, from the first screen of
// the release build, Missoula's profile, one of its cells' sources and Montana's 2023 reported
// cases are each reached in at most 10 actions. The test counts its actions (taps, typed
// strings, swipes) and asserts the counts. A Quick exit in reach at every scroll position is
// safety.test.mjs's (default view, a profile, embeds).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { serve, launch, openPage, waitForFirstView, waitForCharts, screenshot } from "./harness.mjs";

const W = 390;
const H = 844;
const MOST = 10;
let app, browser;
before(async () => {
  app = await serve({ csp: true });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await app?.close();
});

/** A visitor on a phone: every tap, typed string and swipe is counted. */
async function phone(query = "") {
  const p = await openPage(browser, { width: W, height: H, touch: true, allowedOrigins: [app.origin] });
  await p.page.goto(app.url(query));
  const v = {
    p,
    page: p.page,
    actions: 0,
    async tap(locator) {
      v.actions += 1;
      await locator.tap();
    },
    async type(locator, text) {
      v.actions += 1;
      await locator.fill(text);
    },
    /** One swipe up by most of a screen (a finger moves the page, not the table). */
    async swipe() {
      v.actions += 1;
      await p.page.evaluate((h) => window.scrollBy(0, Math.round(h * 0.8)), H);
    },
  };
  return v;
}

/** Whether the element's top part (at least `min` px of it, or all of it) is in the viewport. */
async function inView(locator, min = 40) {
  const box = await locator.boundingBox();
  if (!box) return false;
  const top = Math.max(box.y, 0);
  const bottom = Math.min(box.y + box.height, H);
  return bottom - top >= Math.min(min, box.height) && box.y < H;
}

/** Waits until `locator` is in the viewport (it follows focus and scrolling by a frame or two). */
async function waitInView(page, locator, what) {
  const end = Date.now() + 15000;
  while (!(await inView(locator))) {
    assert.ok(Date.now() < end, `${what} comes into view`);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r())));
  }
}

/** The search box of whichever view is live (the first view's, or the app's once it took over). */
function search(page) {
  return page.getByRole("searchbox", { name: "Search places" }).first();
}

/** The row of the place `id` in the live matrix (the app's, else the first view's). */
function row(page, id) {
  return page.locator(`tr[data-place=${id}]:visible`).first();
}

test("390x844 touch: Missoula's profile in at most 10 actions, leading with what it documented", async () => {
  const v = await phone();
  await waitForFirstView(v.page);
  await v.tap(search(v.page));
  await v.type(search(v.page), "Missoula");
  await v.tap(row(v.page, "missoula-mt").getByRole("button", { name: "Missoula", exact: true }));
  const profile = v.page.getByTestId("profile");
  await profile.waitFor({ timeout: 30000 });
  const title = profile.locator("#profile-title");
  await waitInView(v.page, title, "the profile's heading");
  assert.ok(v.actions <= MOST, `${v.actions} actions`);
  assert.equal(v.actions, 3, "search, type, tap the place");
  // It leads with the tactics documented (with years and evidence), after jump links.
  const headings = await profile.locator("h3").allTextContents();
  assert.match(headings[0], /^Tactics documented \(5 of 15\)$/);
  const jumps = await profile.getByRole("navigation", { name: "Parts of this profile" }).getByRole("link").allTextContents();
  assert.deepEqual(jumps, ["Tactics", "Timeline", "Charts", "Sources"]);
  const first = await profile.locator(".tactic-list li").first().textContent();
  assert.match(first, /\(\d{4}.*; documented by (a primary source|a compilation only)\)/);
  // A source of several tactics is listed once, with the tactics it backs.
  const listed = await profile.locator("#profile-sources + ol > li a[href^=http]").evaluateAll((as) => as.map((a) => a.href));
  assert.equal(new Set(listed).size, listed.length, "each source once");
  assert.ok(await profile.locator(".backs", { hasText: "," }).count() >= 1, "a source backs several tactics");
  // A source number jumps to its source, in view, without a history entry.
  const before = await v.page.evaluate(() => history.length);
  await v.tap(profile.locator(".tactic-list .refs a").first());
  await waitInView(v.page, profile.locator("#profile-src-1"), "source 1");
  assert.equal(await v.page.evaluate(() => document.activeElement.id), "profile-src-1");
  assert.equal(await v.page.evaluate(() => history.length), before, "no history entry");
  // The charts: Missoula's series with Montana's headline beside them, and the page says so.
  await v.tap(profile.getByRole("link", { name: "Charts" }));
  await waitInView(v.page, v.page.locator("#charts-title"), "the charts");
  await waitForCharts(v.page);
  await v.page.getByTestId("beside-note").waitFor();
  assert.match(await v.page.getByTestId("beside-note").textContent(), /Missoula.*Montana.*headline series/);
  const captions = await v.page.locator("[data-testid=charts] figcaption").allTextContents();
  assert.ok(captions.some((c) => /Montana DOJ/.test(c)), `the state's headline is drawn: ${captions}`);
  assert.ok(captions.some((c) => /Missoula/.test(c)), `the place's own series are drawn: ${captions}`);
  assert.ok(v.actions <= MOST, `${v.actions} actions`);
  await screenshot(v.page, "phone-profile-390");
  v.p.assertClean(assert);
  await v.p.close();
});

test("390x844 touch: one of Missoula's cells' sources in at most 10 actions, in view, no tooltip left over", async () => {
  const v = await phone();
  await waitForFirstView(v.page);
  await v.tap(search(v.page));
  await v.type(search(v.page), "Missoula");
  const cell = () => row(v.page, "missoula-mt").getByRole("button", { name: /^Used/ }).first();
  // The app is held back until the first view has been looked at while it loads.
  let release;
  const held = new Promise((r) => { release = r; });
  await v.page.route(/tactics-explorer-[0-9a-f]+_bg\.wasm$/, async (route) => { await held; await route.continue(); });
  await v.tap(cell());
  await v.page.getByText("Opening the sources…").first().waitFor();
  // The tap showed the cell's tooltip (focus, mouseover): it does not stay over the next row.
  assert.equal(await v.page.locator(".tip:visible").count(), 0, "no tooltip while the app loads");
  release();
  const panel = v.page.getByTestId("sources-panel");
  await panel.waitFor({ timeout: 30000 });
  await waitInView(v.page, panel, "the sources panel");
  assert.equal(v.actions, 3, "search, type, tap the cell");
  assert.ok(v.actions <= MOST, `${v.actions} actions`);
  assert.ok(await v.page.evaluate(() => document.activeElement?.closest("[data-testid=sources-panel]") !== null), "focus is in the panel");
  // The panel shows its sources, and its close button is in view too.
  assert.ok(await panel.locator(".sources li").count() >= 1);
  await waitInView(v.page, panel.getByRole("button", { name: "Close sources" }), "the close button");
  // No tooltip stays over the table after the tap.
  const tips = await v.page.locator(".tip:visible").count();
  assert.equal(tips, 0, "no cell tooltip is left showing");
  // Closing gives focus back to the cell.
  await v.tap(panel.getByRole("button", { name: "Close sources" }));
  await v.page.waitForFunction(() => document.activeElement?.closest("td.cell") !== null);
  // Another cell, tapped in the app: the tap's tooltip does not stay over the next row either.
  await v.tap(row(v.page, "missoula-mt").getByRole("button", { name: /^Used/ }).last());
  await panel.waitFor();
  await waitInView(v.page, panel, "the sources panel");
  assert.equal(await v.page.locator(".tip:visible").count(), 0, "no cell tooltip after a tap in the app");
  // A tap on a blank cell (not researched) opens nothing: its tooltip does not stay over the
  // next row either (it showed on the tap's focus and mouseover, and nothing moved it away).
  await v.tap(panel.getByRole("button", { name: "Close sources" }));
  await v.tap(row(v.page, "missoula-mt").locator("td.cell-unknown").first());
  await v.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));
  assert.equal(await v.page.locator(".tip:visible").count(), 0, "no cell tooltip after a tap on a blank cell");
  assert.ok(v.actions <= MOST, `${v.actions} actions`);
  v.p.assertClean(assert);
  await v.p.close();
});

test("390x844 touch: Montana's 2023 reported cases in at most 10 actions", async () => {
  const v = await phone();
  await waitForFirstView(v.page);
  const table = () => v.page.locator("table.data-table:visible", { hasText: "Montana DOJ" }).first();
  const year = () => table().locator("tbody tr", { has: v.page.locator("th", { hasText: /^2023$/ }) }).first();
  // Swipe down until the headline chart's data table can be opened, open it, swipe on to 2023.
  const opener = () => v.page.locator("details.chart-table:visible > summary").first();
  while (!(await opener().isVisible().catch(() => false)) || !(await inView(opener()))) {
    assert.ok(v.actions < MOST, "the chart's data table within reach");
    await v.swipe();
    // Near the charts the app takes the page over and draws them: wait for that to settle.
    if (await v.page.evaluate(() => document.querySelector("#charts, #pre .charts")?.getBoundingClientRect().top < innerHeight + 150)) {
      await waitForCharts(v.page);
    }
  }
  if (!(await table().isVisible())) await v.tap(opener());
  while (!(await inView(year(), 10))) {
    assert.ok(v.actions < MOST, "2023 within reach");
    await v.swipe();
  }
  assert.ok(v.actions <= MOST, `${v.actions} actions`);
  assert.ok(v.actions >= 2, `swipes and a tap (${v.actions})`);
  const text = await year().textContent();
  assert.match(text, /2023/);
  assert.match(text, /\d/);
  await screenshot(v.page, "phone-montana-2023-390");
  v.p.assertClean(assert);
  await v.p.close();
});

test("390x844 touch: an embed that names a place opens on its profile, in view", async () => {
  const v = await phone("?embed=1&place=missoula-mt");
  const profile = v.page.getByTestId("profile");
  await profile.waitFor({ timeout: 30000 });
  await waitInView(v.page, profile.locator("#profile-title"), "the profile's heading");
  const box = await profile.boundingBox();
  assert.ok(box.y < H / 2, `the profile starts in the first half of the screen (${box.y} px)`);
  assert.equal(v.actions, 0);
  // Closing it shows the matrix again.
  await v.tap(profile.getByRole("button", { name: "Close profile" }));
  await v.page.getByTestId("matrix").waitFor();
  v.p.assertClean(assert);
  await v.p.close();
});

test("390x844 touch: the first screen leads with the data; the task forces' tools are in a small menu", async () => {
  const v = await phone();
  const pre = await waitForFirstView(v.page);
  // The first rows of the matrix are on the first screen.
  const first = pre.locator("tbody tr").first();
  const box = await first.boundingBox();
  assert.ok(box && box.y + box.height <= H, `the first row ends on the first screen (${box?.y} px)`);
  // "Embed this view" and "Use your own data" are not on it until the menu is opened.
  for (const name of ["Embed this view", "Use your own data"]) {
    assert.equal(await v.page.getByRole("button", { name }).filter({ visible: true }).count(), 0, name);
  }
  await v.tap(pre.getByText("For task forces: embed, use your own data"));
  await v.page.getByRole("button", { name: "Use your own data" }).filter({ visible: true }).waitFor();
  v.p.assertClean(assert);
  await v.p.close();
});

test("390x844 touch: overlapping map marks open a chooser; a vertical swipe on the map scrolls the page", async () => {
  const v = await phone("?view=map");
  const mark = v.page.locator("[data-testid=map-box] .mark[data-place=missoula-mt]");
  await mark.waitFor({ timeout: 30000 });
  // The city's mark is drawn clear of the county's, with a dot at its true place, on the
  // county's mark: a tap there lists both.
  await mark.scrollIntoViewIfNeeded();
  const county = await v.page.locator("[data-testid=map-box] .mark[data-place=missoula-county-mt] circle.hit").boundingBox();
  v.actions += 1;
  await v.page.touchscreen.tap(county.x + county.width / 2, county.y + county.height / 2);
  const chooser = v.page.getByTestId("map-chooser");
  await chooser.waitFor();
  const names = await chooser.getByRole("button").allTextContents();
  assert.ok(names.includes("Missoula") && names.includes("Missoula County"), `${names}`);
  assert.ok(await v.page.evaluate(() => document.activeElement?.closest("[data-testid=map-chooser]") !== null), "focus is in the chooser");
  assert.equal(new URLSearchParams(await v.page.evaluate(() => location.search)).get("place"), null, "no profile opened yet");
  await v.tap(chooser.getByRole("button", { name: "Missoula", exact: true }));
  await v.page.waitForFunction(() => new URLSearchParams(location.search).get("place") === "missoula-mt");
  assert.ok(v.actions <= MOST);
  // The city's own mark, clear of the county's, opens the city at once.
  const city = await mark.locator("circle.hit").boundingBox();
  v.actions += 1;
  await v.page.touchscreen.tap(city.x + city.width / 2, city.y + city.height / 2);
  await v.page.waitForFunction(() => document.querySelector("#profile-title")?.textContent === "Missoula");
  assert.equal(await chooser.isVisible(), false);
  // Every mark has a name, shown in words when it has focus.
  assert.equal(await v.page.locator("[data-testid=map-box] .mark:not([aria-label])").count(), 0);
  await mark.focus();
  assert.match(await v.page.getByTestId("map-focused").textContent(), /^Missoula/);
  // One finger moving up on the map scrolls the page (with `touch-action: pinch-zoom` alone, the
  // map took the gesture and the page stayed put).
  const svg = v.page.locator("[data-testid=map-box] svg");
  await svg.scrollIntoViewIfNeeded();
  const s = await svg.boundingBox();
  const x = Math.round(s.x + s.width / 2);
  const y = Math.round(Math.min(s.y + s.height / 2, H - 250));
  assert.equal(await v.page.evaluate(([px, py]) => document.elementFromPoint(px, py)?.closest("svg") !== null, [x, y]), true, "the finger is on the map");
  const y0 = await v.page.evaluate(() => scrollY);
  const cdp = await v.p.context.newCDPSession(v.page);
  v.actions += 1;
  await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: [{ x, y }] });
  for (let i = 1; i <= 10; i++) await cdp.send("Input.dispatchTouchEvent", { type: "touchMove", touchPoints: [{ x, y: y - i * 20 }] });
  await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
  await v.page.waitForFunction((y) => scrollY > y + 50, y0);
  v.p.assertClean(assert);
  await v.p.close();
});
