// The first load without Leptos (crates/first-view): the prerendered matrix's own controls
// answer without the app; the app is loaded when a visitor asks for more, takes the page over
// with the same view (the URL), and does what was asked.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { serve, launch, openPage, waitForFirstView, waitForCharts, screenshot, matrixShown } from "./harness.mjs";

let server, browser;
before(async () => {
  server = await serve({ csp: true });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** The first view's matrix section (the charts section has tables too). */
const PRE = "#pre section.matrix";
const appRequests = () => server.requests.filter((r) => r.includes("tactics-explorer-"));

const shown = matrixShown;

/** The column of a tactic's cells in the matrix (place, population, total come first). */
async function tacticColumn(page, root, id) {
  return page.evaluate(
    ([r, t]) => [...document.querySelectorAll(`${r} thead th`)].findIndex((th) => th.querySelector(`[data-sort="${t}"]`)),
    [root, id],
  );
}

test("the first view answers filters, search, sorting and chips without loading the app", async () => {
  // A phone (the wide window's journey to the charts is the next test's).
  const p = await openPage(browser, { width: 390, height: 844, allowedOrigins: [server.origin] });
  server.requests.length = 0;
  await p.page.goto(server.url());
  const pre = await waitForFirstView(p.page);
  const all = await shown(p.page, PRE);
  // The panel starts closed on phones; its toggle opens it. A tactic by its label.
  const toggle = pre.locator(".filters-toggle");
  assert.equal(await toggle.getAttribute("aria-expanded"), "false");
  assert.equal(await pre.locator("#filters-panel").isHidden(), true);
  await toggle.click();
  assert.equal(await toggle.getAttribute("aria-expanded"), "true");
  assert.equal(await pre.getByRole("button", { name: "Clear all filters" }).isDisabled(), true);
  await pre.getByRole("checkbox", { name: "Reverse Stings" }).check();
  await p.page.waitForFunction((b) => document.querySelector("#pre .count").textContent !== b, all.count);
  assert.equal(await pre.getByRole("button", { name: "Clear all filters" }).isDisabled(), false);
  assert.equal(await pre.locator("section.matrix .count").getAttribute("role"), "status", "the count is announced");
  assert.match(p.page.url(), /\?tactics=reverse-stings$/);
  const col = await tacticColumn(p.page, PRE, "reverse-stings");
  const used = await p.page.$$eval(`${PRE} tbody tr`, (rows, c) => rows.map((r) => r.children[c].className), col);
  const places = (count) => Number(count.split(" of ")[0]);
  const now = await p.page.locator("#pre .count").textContent();
  assert.ok(used.length > 0 && places(now) < places(all.count), `fewer places (${now})`);
  for (const cls of used) assert.match(cls, /cell-(used|compiled)/, "every row uses Reverse Stings");
  const indexes = await p.page.$$eval(`${PRE} tbody tr`, (rows) => rows.map((r) => r.getAttribute("aria-rowindex")));
  assert.deepEqual(indexes, used.map((_, i) => String(i + 2)), "the kept rows are renumbered");
  await assert.doesNotReject(pre.getByRole("button", { name: /Remove filter: Reverse Stings/ }).waitFor());
  assert.equal(await toggle.textContent(), "Filters (1)");
  // The prerendered chart drew no tactic's events: it is hidden until the app draws this one.
  assert.equal(await pre.locator("section.charts .chart-panels").isVisible(), false);
  await pre.getByRole("button", { name: "Close filters" }).click();
  assert.equal(await p.page.evaluate(() => document.activeElement.className), "filters-toggle");
  // Sorting by a column: the caption, aria-sort and the URL follow.
  await pre.locator("button.sort[data-sort=total]").click();
  await p.page.waitForFunction(() => document.querySelector("#pre caption").textContent.includes("number of tactics used"));
  assert.equal(await pre.locator("th[aria-sort]").count(), 1);
  assert.equal(await pre.locator("th[aria-sort=descending] button").getAttribute("data-sort"), "total");
  assert.match(p.page.url(), /sort=total&dir=desc/);
  // Typing replaces the history entry; the search box is labelled.
  const depth = await p.page.evaluate(() => history.length);
  await pre.getByLabel("Search places").fill("mis");
  await p.page.waitForFunction(() => /q=mis/.test(location.search));
  assert.equal(await p.page.evaluate(() => history.length), depth, "typing adds no history entry");
  // Removing the chip clears the tactic and moves focus to the panel's toggle.
  await pre.getByRole("button", { name: /Remove filter: Reverse Stings/ }).click();
  await p.page.waitForFunction(() => !/tactics=/.test(location.search));
  assert.equal(await p.page.evaluate(() => document.activeElement.className), "filters-toggle");
  // Nothing asked for the app.
  assert.deepEqual(appRequests(), [], "the app is not requested");
  assert.equal(await p.page.getByTestId("pre-matrix").count(), 1);
  await screenshot(p.page, "first-view-filtered");
  p.assertClean(assert);
  await p.close();
});

/**
 * Resolves once the browser has reported `selector` as intersecting the viewport (what an
 * IntersectionObserver of the page would see), two frames later: anything such an observer
 * started has started by then.
 */
const seenOnScreen = (page, selector) =>
  page.evaluate(
    (sel) =>
      new Promise((resolve) => {
        const io = new IntersectionObserver((entries) => {
          if (!entries.some((e) => e.isIntersecting)) return;
          io.disconnect();
          requestAnimationFrame(() => requestAnimationFrame(resolve));
        });
        io.observe(document.querySelector(sel));
      }),
    selector,
  );

test("at 1280 x 900 a tactic click and the charts scrolled into view load no app; the charts' button does", async () => {
  const p = await openPage(browser, { width: 1280, height: 900, allowedOrigins: [server.origin] });
  server.requests.length = 0;
  await p.page.goto(server.url());
  const pre = await waitForFirstView(p.page);
  const ask = pre.locator("section.charts button[data-action=charts]");
  const all = await shown(p.page, PRE);
  await pre.getByRole("checkbox", { name: "Reverse Stings", exact: true }).check();
  await p.page.waitForFunction((b) => document.querySelector("#pre .count").textContent !== b, all.count);
  await pre.locator("section.charts").scrollIntoViewIfNeeded();
  await seenOnScreen(p.page, "#pre section.charts");
  // The loader's start of the app is synchronous (the root element's data-app), and no request went out.
  assert.equal(await p.page.evaluate(() => document.documentElement.dataset.app !== undefined), false, "the app was not started");
  assert.deepEqual(appRequests(), [], "the app is not requested");
  assert.deepEqual(server.requests.filter((r) => r.includes("tactics-worker")), [], "nor the chart module");
  // What the visitor can ask for: more charts of the default view, the chart for a filter.
  await pre.getByRole("button", { name: /Remove filter: Reverse Stings/ }).click();
  await p.page.waitForFunction(() => !/tactics=/.test(location.search));
  await p.page.waitForFunction(() => !document.querySelector("#pre section.charts.stale"));
  assert.equal(await ask.textContent(), "More charts: other series, lines or bars");
  assert.equal(await pre.locator("section.charts .chart-panels").isVisible(), true, "the default view's chart");
  await pre.getByRole("checkbox", { name: "Reverse Stings", exact: true }).check();
  await p.page.waitForFunction(() => document.querySelector("#pre section.charts.stale"));
  // The default view's chart marks no tactic's events: hidden, with what the visitor can ask for.
  assert.equal(await pre.locator("section.charts .chart-panels").isVisible(), false);
  assert.match(await pre.locator("section.charts .stale-note").textContent(), /chosen tactics/);
  assert.equal(await ask.textContent(), "Draw the chart for these filters");
  await screenshot(p.page, "first-view-charts-asked");
  await ask.click();
  await p.page.waitForFunction(() => document.documentElement.hasAttribute("data-app-shown"));
  // The app's charts section, drawn by the worker (the prerendered chart went with #pre).
  await waitForCharts(p.page);
  assert.equal(await p.page.getByTestId("charts").locator("[data-testid=chart] svg[role=img]").count() > 0, true);
  assert.match(p.page.url(), /\?tactics=reverse-stings$/, "with the same view");
  assert.ok(appRequests().length > 0, "the app was loaded");
  p.assertClean(assert);
  await p.close();
});

test("for the same URL the first view shows the same rows, count and totals as the app", async () => {
  for (const q of ["?tactics=john-school,web-stings&match=all", "?q=county&sort=total&dir=desc", "?state=MT&kind=city&sort=population&dir=asc", "?from=2019&to=2021&undated=1", "?tactics=web-stings&from=2020&to=2023"]) {
    const p = await openPage(browser, { allowedOrigins: [server.origin] });
    // The app is held back, so the first view's rows are read before the app shows its own.
    await p.page.route(/tactics-explorer-/, (r) => r.abort());
    await p.page.goto(server.url(q));
    await waitForFirstView(p.page);
    const first = await shown(p.page, PRE);
    const years = (root) => p.page.evaluate((r) => [...document.querySelectorAll(`${r} input[name=from], ${r} input[name=to]`)].map((i) => `${i.min}-${i.max}`), root);
    first.years = await years("#filters-panel");
    await p.close();
    const a = await openPage(browser, { allowedOrigins: [server.origin] });
    await a.page.goto(server.url(q));
    await waitForFirstView(a.page);
    await a.page.evaluate(() => dispatchEvent(new CustomEvent("tactics-load-app")));
    await a.page.waitForSelector("[data-testid=matrix-table] tbody tr, [data-testid=empty]");
    await a.page.waitForFunction(() => document.documentElement.hasAttribute("data-app-shown"));
    const app = await shown(a.page, "[data-testid=matrix]");
    app.years = await a.page.evaluate(() => [...document.querySelectorAll("#filters-panel input[name=from], #filters-panel input[name=to]")].map((i) => `${i.min}-${i.max}`));
    assert.deepEqual(first, app, `same view for ${q}`);
    const params = (u) => [...new URLSearchParams(u).entries()].sort().join("&");
    assert.equal(params(new URL(a.page.url()).search), params(q), "the app kept the view of the URL");
    a.assertClean(assert);
    await a.close();
  }
});

test("a place's name loads the app, which opens its profile and moves focus to it, in view", async () => {
  const p = await openPage(browser, { width: 390, height: 844, allowedOrigins: [server.origin] });
  await p.page.goto(server.url());
  const pre = await waitForFirstView(p.page);
  const button = pre.locator("tbody button.place").nth(1);
  const id = await button.getAttribute("data-place");
  await button.focus();
  await p.page.keyboard.press("Enter");
  await p.page.waitForSelector("[data-testid=profile]");
  assert.equal(await p.page.getByTestId("pre-matrix").count(), 0, "the app's pieces are in the page");
  assert.match(p.page.url(), new RegExp(`place=${id}`));
  // As when the app opens a profile: focus on its heading, brought into view (on a phone the
  // profile is under a page of rows).
  await p.page.waitForFunction(() => document.activeElement?.id === "profile-title");
  const top = await p.page.evaluate(() => document.querySelector("#profile-title").getBoundingClientRect().top);
  assert.ok(top >= 0 && top < 844 / 2, `the heading is at the top of the screen (${top} px)`);
  // Closing the profile gives focus back to that place's row.
  await p.page.getByRole("button", { name: "Close profile" }).click();
  await p.page.waitForFunction((place) => document.activeElement?.dataset.place === place, id);
  p.assertClean(assert);
  await p.close();
});

test("on a phone, the filter panel the visitor opened in the first view stays open in the app", async () => {
  for (const opened of [true, false]) {
    const p = await openPage(browser, { width: 390, height: 844, allowedOrigins: [server.origin] });
    await p.page.goto(server.url());
    const pre = await waitForFirstView(p.page);
    if (opened) {
      await pre.locator(".filterbar .filters-toggle").click();
      await p.page.locator("#filters-panel:not([hidden])").waitFor();
    }
    await pre.locator("tbody button.place").first().click();
    await p.page.waitForSelector("[data-testid=profile]");
    assert.equal(await p.page.getByTestId("pre-matrix").count(), 0, "the app's pieces are in the page");
    const shown = await p.page.evaluate(() => document.getElementById("filters-panel").checkVisibility());
    assert.equal(shown, opened, opened ? "open, as left" : "closed, as phones start");
    const expanded = await p.page.locator(".filterbar .filters-toggle").getAttribute("aria-expanded");
    assert.equal(expanded, String(opened));
    p.assertClean(assert);
    await p.close();
  }
});

test("the filter bar and panel are the first view's nodes in the app: a focused checkbox keeps focus and answers the app", async () => {
  const p = await openPage(browser, { allowedOrigins: [server.origin] });
  await p.page.goto(server.url());
  await waitForFirstView(p.page);
  const box = p.page.locator("#filters-panel input[name=tactic]").first();
  const tactic = await box.getAttribute("value");
  await box.check();
  await p.page.waitForFunction((t) => new URLSearchParams(location.search).get("tactics") === t, tactic);
  await box.focus();
  await p.page.evaluate(() => {
    window.__box = document.activeElement;
    window.__search = document.getElementById("q");
    dispatchEvent(new CustomEvent("tactics-load-app"));
  });
  await p.page.waitForFunction(() => document.documentElement.hasAttribute("data-app-shown"));
  // Focus is given back after the pieces have adopted their nodes (the next frame).
  await p.page.waitForFunction(() => document.activeElement === window.__box);
  assert.equal(await p.page.evaluate(() => document.getElementById("q") === window.__search), true, "the same search box");
  assert.equal(await p.page.locator("#filters-panel").count(), 1, "one panel");
  // The same checkbox now answers the app: unticking it clears the filter and the chip.
  await p.page.keyboard.press("Space");
  await p.page.waitForFunction(() => !/tactics=/.test(location.search));
  assert.equal(await p.page.getByTestId("chips").isVisible(), false);
  assert.equal(await p.page.locator(".filterbar .filters-toggle").textContent(), "Filters (0)");
  p.assertClean(assert);
  await p.close();
});

test("a cell's sources and the map switch are done by the app once it has loaded", async () => {
  const p = await openPage(browser, { allowedOrigins: [server.origin] });
  await p.page.goto(server.url());
  const pre = await waitForFirstView(p.page);
  const cell = pre.locator("tbody button.cell-btn").first();
  const ref = await cell.getAttribute("data-cell");
  await cell.click();
  await p.page.waitForSelector("[data-testid=sources-panel]");
  // Focus moves into the dialog; Escape closes it and gives focus back to the same cell.
  await p.page.waitForFunction(() => document.activeElement.id === "sources-title");
  await p.page.keyboard.press("Escape");
  await p.page.waitForSelector("[data-testid=sources-panel]", { state: "detached" });
  assert.equal(await p.page.evaluate(() => document.activeElement.dataset.cell), ref);
  p.assertClean(assert);
  await p.close();

  const m = await openPage(browser, { allowedOrigins: [server.origin] });
  await m.page.goto(server.url());
  const pre2 = await waitForFirstView(m.page);
  await pre2.getByRole("button", { name: "Map" }).click();
  await m.page.waitForFunction(() => /view=map/.test(location.search));
  await m.page.waitForSelector("[data-testid=pane-map][aria-pressed=true]");
  m.assertClean(assert);
  await m.close();
});

test("Back and Forward move between the first view's states, and the app's failure leaves the table working", async () => {
  const p = await openPage(browser, { height: 600, allowedOrigins: [server.origin] });
  await p.page.route(/tactics-explorer-/, (r) => r.abort());
  await p.page.goto(server.url());
  const pre = await waitForFirstView(p.page);
  const all = (await shown(p.page, PRE)).count;
  await pre.locator("button.sort[data-sort=population]").click();
  await p.page.waitForFunction(() => /sort=population/.test(location.search));
  await p.page.goBack();
  await p.page.waitForFunction(() => document.querySelector("#pre caption").textContent.includes("place name"));
  await p.page.goForward();
  await p.page.waitForFunction(() => document.querySelector("#pre caption").textContent.includes("population"));
  assert.equal((await shown(p.page, PRE)).count, all);
  // Asking for the app when it cannot load: a message, and the first view still answers.
  await pre.locator("tbody button.place").first().click();
  await p.page.waitForSelector("#app-failed[role=alert]");
  await p.page.waitForFunction(() => !/place=/.test(location.search));
  await pre.locator("button.sort[data-sort=name]").click();
  await p.page.waitForFunction(() => document.querySelector("#pre caption").textContent.includes("place name, ascending"));
  assert.equal(new URL(p.page.url()).search, "", "the URL says what is shown: no profile");
  p.ignore(/tactics-explorer-|Failed to fetch dynamically imported module|net::ERR_FAILED/);
  p.assertClean(assert);
  await p.close();
});

test("under a sub-path the first view loads its module and data and answers", async () => {
  const sub = await serve({ base: "/tools/tactics/", csp: true });
  const p = await openPage(browser, { width: 390, height: 844, allowedOrigins: [sub.origin] });
  await p.page.goto(`${sub.origin}/tools/tactics/`);
  const pre = await waitForFirstView(p.page);
  await pre.locator("button.sort[data-sort=population]").click();
  await p.page.waitForFunction(() => location.pathname === "/tools/tactics/" && /sort=population/.test(location.search));
  assert.match(await pre.locator("caption").first().textContent(), /population, descending/);
  assert.ok(sub.requests.some((r) => /^\/tools\/tactics\/data\/first-view-[0-9a-f]+\.json$/.test(r)), "its data under the sub-path");
  p.assertClean(assert);
  await p.close();
  await sub.close();
});

test("changes made while the app loads are the view it takes over with; unknown names are the app's", async () => {
  const p = await openPage(browser, { width: 390, height: 844, allowedOrigins: [server.origin] });
  let release;
  const held = new Promise((r) => (release = r));
  // The app's dataset is held: the app has started and read the URL, but not taken over.
  await p.page.route(/\/data\/dataset\.json$/, async (r) => {
    await held;
    await r.continue();
  });
  await p.page.goto(server.url());
  const pre = await waitForFirstView(p.page);
  await p.page.evaluate(() => {
    dispatchEvent(new CustomEvent("tactics-load-app"));
  });
  await p.page.waitForFunction(() => window.wasmBindings !== undefined);
  await pre.locator("button.sort[data-sort=population]").click();
  await p.page.waitForFunction(() => /sort=population/.test(location.search));
  release();
  await p.page.waitForFunction(() => document.documentElement.hasAttribute("data-app-shown"));
  await p.page.getByTestId("matrix-table").waitFor();
  assert.match(await p.page.locator("[data-testid=matrix] caption").textContent(), /population, descending/);
  assert.match(p.page.url(), /sort=population&dir=desc/);
  p.assertClean(assert);
  await p.close();

  const z = await openPage(browser, { allowedOrigins: [server.origin] });
  await z.page.goto(server.url("?state=ZZ"));
  await z.page.getByText(/ZZ/).first().waitFor();
  await z.page.waitForFunction(() => document.documentElement.hasAttribute("data-app-shown"));
  assert.ok((await z.page.locator(".notice, [role=status]").filter({ hasText: "ZZ" }).count()) >= 1, "the app's notice names ZZ");
  z.assertClean(assert);
  await z.close();
});

test("a search too long for the box gets the app's notice however its key is spelled (?%71=)", async () => {
  // One rule (url_state::parse) for the first view's gate and the app's notice: the first view
  // hands such a URL to the app, which cuts the search and says so.
  for (const query of [`?%71=${"b".repeat(101)}`, `?q=${"b".repeat(101)}`]) {
    const p = await openPage(browser, { allowedOrigins: [server.origin] });
    await p.page.goto(server.url(query));
    await p.page.waitForFunction(() =>
      document.querySelector("[data-testid=url-notices]")?.textContent.includes("search text was cut"),
    );
    assert.match(await p.page.getByTestId("url-notices").textContent(), /cut to its first 100 characters/, query);
    assert.equal((await p.page.locator("#q").inputValue()).length, 100, query);
    p.assertClean(assert);
    await p.close();
  }
});

test("one matrix: the app adopts the first view's table (the same tbody node) and Back walks every step", async () => {
  const p = await openPage(browser, { allowedOrigins: [server.origin] });
  await p.page.goto(server.url());
  const pre = await waitForFirstView(p.page);
  const places = () => p.page.$$eval("section.matrix tbody tr", (rows) => rows.map((r) => r.dataset.place));
  await p.page.evaluate(() => { window.__testBody = document.querySelector("#pre section.matrix tbody"); });
  const sameBody = () => p.page.evaluate(() => document.querySelector("section.matrix tbody") === window.__testBody);
  const atDefault = await places();
  const url0 = p.page.url();
  // No hand-over through window globals: the page's early fetch (__tacticsData) is the only
  // one, and the first view has taken it by the time it is live.
  const globals = () => p.page.evaluate(() => Object.keys(window).filter((k) => k.startsWith("__tactics")));
  assert.deepEqual(await globals(), [], "no __tactics* globals in the first view");
  // 1. A tactic in the first view (the app is not loaded).
  const tactics = pre.locator("#filters-panel input[name=tactic]");
  const first = await tactics.nth(0).getAttribute("value");
  await tactics.nth(0).check();
  await p.page.waitForFunction((t) => new URLSearchParams(location.search).get("tactics") === t, first);
  const oneTactic = await places();
  assert.notDeepEqual(oneTactic, atDefault, "the tactic filtered the rows");
  const url1 = p.page.url();
  // 2. A place's profile: the app loads and adopts the table; focus goes to the profile.
  const button = pre.locator("tbody button.place").first();
  const id = await button.getAttribute("data-place");
  await button.focus();
  await p.page.keyboard.press("Enter");
  await p.page.waitForSelector("[data-testid=profile]");
  assert.equal(await p.page.getByTestId("pre-matrix").count(), 0, "the app's pieces are in the page");
  assert.ok(await sameBody(), "the matrix's tbody is the same node after the app loaded");
  assert.deepEqual(await globals(), [], "no __tactics* globals once the app is in");
  // Focus goes to the profile the visitor opened, as when the app opens one.
  await p.page.waitForFunction(() => document.activeElement?.id === "profile-title");
  assert.deepEqual(await places(), oneTactic, "the same rows");
  const url2 = p.page.url();
  assert.match(url2, new RegExp(`place=${id}`));
  // 3. Another tactic, in the app.
  const second = await p.page.locator("#filters-panel input[name=tactic]").nth(1).getAttribute("value");
  await p.page.locator("#filters-panel input[name=tactic]").nth(1).check();
  await p.page.waitForFunction((t) => (new URLSearchParams(location.search).get("tactics") || "").split(",").includes(t), second);
  assert.ok(await sameBody(), "the app patches the same tbody");
  // 4. Back three times: each step's URL and rows, in the same tbody.
  for (const [url, rows, what] of [[url2, oneTactic, "the profile"], [url1, oneTactic, "one tactic"], [url0, atDefault, "the default view"]]) {
    await p.page.goBack();
    await p.page.waitForFunction((u) => location.href === u, url);
    await p.page.waitForFunction(
      (want) => JSON.stringify([...document.querySelectorAll("section.matrix tbody tr")].map((r) => r.dataset.place)) === want,
      JSON.stringify(rows),
    );
    assert.ok(await sameBody(), `the same tbody at ${what}`);
  }
  p.assertClean(assert);
  await p.close();
});
