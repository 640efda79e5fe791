// The first view of a `?data=` page (crates/first-view/src/data_view.rs): a URL that names a
// dataset file and only the matrix's state is shown from that file, checked as the app checks
// it, without loading the app; no part of the bundled dataset is shown as the file's. Files the
// app must explain (problems, another site) and anything beyond the matrix load the app.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { serve, launch, openPage, waitForFirstView, screenshot, FIXTURES, matrixShown } from "./harness.mjs";

const oregon = JSON.parse(fs.readFileSync(path.join(FIXTURES, "oregon.json"), "utf8"));
// The same file with its tactics in another order: its columns are not the prerendered ones.
const reordered = { ...oregon, tactics: [...oregon.tactics].reverse() };
// A file of 43 places (a table longer than the window, so the charts stay out of view and the
// app is not needed) with a neutral site of its own for Quick exit.
const towns = Array.from({ length: 40 }, (_, i) => ({ ...oregon.jurisdictions[0], id: `town-${i}-or`, name: `Town ${i}` }));
const own = {
  ...oregon,
  meta: { ...oregon.meta, exit_url: "https://www.example.org/news" },
  jurisdictions: [...oregon.jurisdictions, ...towns],
  uses: [...oregon.uses, ...towns.filter((_, i) => i % 3 === 0).map((t) => ({ ...oregon.uses[0], place: t.id }))],
};

let server, browser;
before(async () => {
  server = await serve({
    csp: true,
    extra: {
      "/fixtures/oregon.json": { file: path.join(FIXTURES, "oregon.json"), type: "application/json" },
      "/fixtures/malformed.json": { file: path.join(FIXTURES, "malformed.json"), type: "application/json" },
      "/fixtures/reordered.json": { body: JSON.stringify(reordered), type: "application/json" },
      "/fixtures/own.json": { body: JSON.stringify(own), type: "application/json" },
      // The same file with one byte that is not UTF-8 in a place's name.
      "/fixtures/latin1.json": {
        body: Buffer.from(JSON.stringify(oregon).replace("Fernvale", "Fern\u00e9vale"), "latin1"),
        type: "application/json",
      },
    },
  });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const PRE = "#pre section.matrix";
const appRequests = () => server.requests.filter((r) => r.includes("tactics-explorer-"));
const dataViewRequests = () => server.requests.filter((r) => r.includes("tactics-data-view-"));

const shown = matrixShown;

test("a ?data= file is shown from that file without the app, with the file's credit, help, counts and exit", async () => {
  server.requests.length = 0;
  const p = await openPage(browser, { allowedOrigins: [server.origin] });
  // In every frame: the bundled data's chart and its local places to get help are never shown.
  await p.page.addInitScript(() => {
    window.__bundledSeen = [];
    const look = () => {
      const chart = document.querySelector("#pre section.charts .chart-panels");
      if (chart?.checkVisibility({ visibilityProperty: true })) window.__bundledSeen.push("chart");
      const help = document.querySelector("#help-panel .resources");
      if (help?.checkVisibility() && /Missoula|LifeGuard/.test(help.textContent)) window.__bundledSeen.push("help");
      if (!document.querySelector("#pre.live") || window.__bundledLook) requestAnimationFrame(look);
    };
    window.__look = look;
    requestAnimationFrame(look);
  });
  await p.page.goto(server.url("?data=/fixtures/own.json"));
  await waitForFirstView(p.page);
  const view = await shown(p.page, PRE);
  const ids = new Set(own.jurisdictions.map((j) => j.id));
  assert.equal(view.ids.length, 25, "a page of the file's places");
  assert.ok(view.ids.every((id) => ids.has(id)), "only the file's places");
  assert.equal(view.count, `${ids.size} of ${ids.size} places`);
  const texts = await p.page.evaluate(() => ({
    credit: document.querySelector("#pre footer.credit").textContent,
    help: document.querySelector("#help-panel").textContent,
    exit: document.querySelector("#pre a.quick-exit").getAttribute("href"),
    sources: document.querySelector("#pre section.pre-sources") !== null,
    chartShown: [...document.querySelectorAll("#pre section.charts .chart-panels")].some((c) => c.checkVisibility({ visibilityProperty: true })),
    page: document.getElementById("pre").innerText,
  }));
  assert.match(texts.credit, new RegExp(oregon.meta.title));
  assert.match(texts.help, /Confidential help\./, "the file's own resources");
  assert.equal(texts.exit, own.meta.exit_url);
  assert.equal(texts.sources, false, "the bundled rows' sources list is gone");
  assert.equal(texts.chartShown, false, "the bundled data's chart is not shown as this file's");
  // A few frames after the first view went live, too.
  await p.page.evaluate(() => { window.__bundledLook = true; requestAnimationFrame(window.__look); });
  await p.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => requestAnimationFrame(r)))));
  await p.page.evaluate(() => { window.__bundledLook = false; });
  assert.deepEqual(await p.page.evaluate(() => [...new Set(window.__bundledSeen)]), [], "never painted as the file's");
  for (const bundled of ["Missoula", "Billings", "Montana DOJ", "LifeGuard"]) {
    assert.ok(!texts.page.includes(bundled), `no "${bundled}" from the bundled dataset`);
  }
  // A filter answers without the app, and the URL keeps the file.
  const used = own.uses.find((u) => u.status === "used").tactic;
  await p.page.locator(`#filters-panel input[value=${used}]`).check();
  await p.page.waitForFunction(() => new URL(location.href).searchParams.has("tactics"));
  const url = new URL(p.page.url());
  assert.equal(url.searchParams.get("data"), "/fixtures/own.json");
  assert.equal(url.searchParams.get("tactics"), used);
  const filtered = await shown(p.page, PRE);
  const users = new Set(own.uses.filter((u) => u.tactic === used && u.status === "used").map((u) => u.place));
  assert.ok(filtered.ids.length > 0 && filtered.ids.every((id) => users.has(id)), "only places using the tactic");
  await screenshot(p.page, "data-view-oregon");
  // Back shows the file's whole list again, still without the app.
  await p.page.goBack();
  await p.page.waitForFunction((n) => document.querySelector("#pre section.matrix .count").textContent === `${n} of ${n} places`, ids.size);
  assert.equal(new URL(p.page.url()).searchParams.get("data"), "/fixtures/own.json");
  assert.equal(dataViewRequests().length > 0, true, "the data view answered");
  const fetches = server.requests.filter((r) => r === "/fixtures/own.json");
  assert.equal(fetches.length, 1, "the file was fetched once: the data view took the loader's fetch");
  assert.equal(await p.page.evaluate(() => "__tacticsData" in window), false, "taken");
  assert.deepEqual(appRequests(), [], "the app was not loaded");
  p.assertClean(assert);
  await p.close();
});

test("for the same ?data= URL the data view shows the same rows, counts and year bounds as the app", async () => {
  const used = oregon.uses.find((u) => u.status === "used").tactic;
  for (const q of ["?data=/fixtures/oregon.json&sort=population&dir=desc", `?data=/fixtures/oregon.json&tactics=${used}`, "?data=/fixtures/oregon.json&q=cedar"]) {
    const years = (page, root) => page.evaluate((r) => [...document.querySelectorAll(`${r} input[name=from], ${r} input[name=to]`)].map((i) => `${i.min}-${i.max}`), root);
    const p = await openPage(browser, { allowedOrigins: [server.origin] });
    await p.page.route(/tactics-explorer-/, (r) => r.abort());
    await p.page.goto(server.url(q));
    await waitForFirstView(p.page);
    const first = await shown(p.page, PRE);
    first.years = await years(p.page, "#filters-panel");
    await p.close();
    const a = await openPage(browser, { allowedOrigins: [server.origin] });
    await a.page.goto(server.url(q));
    await waitForFirstView(a.page);
    await a.page.evaluate(() => dispatchEvent(new CustomEvent("tactics-load-app")));
    await a.page.waitForSelector("[data-testid=matrix-table] tbody tr, [data-testid=empty]");
    await a.page.waitForFunction(() => document.documentElement.hasAttribute("data-app-shown"));
    const app = await shown(a.page, "[data-testid=matrix]");
    app.years = await years(a.page, "#filters-panel");
    assert.deepEqual(first, app, `same view for ${q}`);
    a.assertClean(assert);
    await a.close();
  }
});

test("the pager pages through a file of more than 25 places, in the data view and in the app", async () => {
  const pager = (page, root) => page.evaluate((r) => {
    const nav = document.querySelector(`${r} .pager`);
    const [prev, next] = nav.querySelectorAll("button");
    // Its elements' words, and whether the bar holds any other text.
    const parts = [...nav.children].map((c) => c.textContent.trim()).join("|");
    const stray = nav.textContent.replace(/\s+/g, "") !== parts.replace(/[|\s]+/g, "");
    return { parts, stray, prev: prev.disabled, next: next.disabled,
      first: document.querySelector(`${r} tbody tr`)?.dataset.place };
  }, root);
  const both = [];
  for (const app of [false, true]) {
    const p = await openPage(browser, { allowedOrigins: [server.origin] });
    // The app is held off while the data view's pager is looked at (page 2 is shorter and
    // brings the charts into view, which does not load the app, as first-view.test.mjs checks).
    if (!app) await p.page.route(/tactics-explorer-/, (r) => r.abort());
    await p.page.goto(server.url("?data=/fixtures/own.json"));
    await waitForFirstView(p.page);
    if (app) {
      await p.page.evaluate(() => dispatchEvent(new CustomEvent("tactics-load-app")));
      await p.page.waitForFunction(() => document.documentElement.hasAttribute("data-app-shown"));
    }
    const root = app ? "[data-testid=matrix]" : PRE;
    if (!app) assert.equal(await p.page.locator("#pre.live").count(), 1, "the data view answers, the app held off");
    await p.page.waitForSelector(`${root} tbody tr >> nth=0`);
    await p.page.waitForSelector(`${root} .pager`);
    const one = await pager(p.page, root);
    // The whole bar is its three controls' words: no stray text, Next enabled.
    assert.deepEqual({ ...one, first: undefined }, { parts: "Previous|Page 1 of 2|Next", stray: false, prev: true, next: false, first: undefined });
    await p.page.locator(`${root} .pager button`, { hasText: "Next" }).click();
    await p.page.waitForFunction((r) => document.querySelector(`${r} .pager`).textContent.includes("Page 2 of 2"), root);
    const two = await pager(p.page, root);
    assert.equal(two.prev, false);
    assert.equal(two.next, true);
    assert.notEqual(two.first, one.first, "page 2 shows other places");
    both.push([one, two]);
    if (app) p.assertClean(assert);
    await p.close();
  }
  assert.deepEqual(both[0], both[1], "the same pages in the data view and the app");
});

test("a missing file is the app's to report, from the loader's one fetch", async () => {
  server.requests.length = 0;
  const p = await openPage(browser, { allowedOrigins: [server.origin] });
  await p.page.goto(server.url("?data=/fixtures/missing.json"));
  const error = p.page.getByTestId("load-error");
  await error.waitFor();
  assert.match(await error.textContent(), /missing\.json/);
  assert.equal(server.requests.filter((r) => r === "/fixtures/missing.json").length, 1, "the data view left the early fetch to the app");
  p.ignore(/404|Failed to load resource/);
  p.assertClean(assert);
  await p.close();
});

test("a file that is not UTF-8 is the app's to report, with where", async () => {
  const p = await openPage(browser, { allowedOrigins: [server.origin] });
  await p.page.goto(server.url("?data=/fixtures/latin1.json"));
  const error = p.page.getByTestId("load-error");
  await error.waitFor();
  assert.match(await error.textContent(), /not UTF-8 text: byte \d+ is not valid UTF-8/);
  assert.equal(await p.page.getByTestId("pre-matrix").count(), 0, "the app's pieces are in the page");
  p.assertClean(assert);
  await p.close();
});

test("a file with problems, another site's file or other columns are shown by the app", async () => {
  // Problems: the app names them, with where.
  const bad = await openPage(browser, { allowedOrigins: [server.origin] });
  await bad.page.goto(server.url("?data=/fixtures/malformed.json"));
  const error = bad.page.getByTestId("load-error");
  await error.waitFor();
  assert.match(await error.textContent(), /line 5, column 27/);
  assert.equal(await bad.page.getByTestId("pre-matrix").count(), 0, "the app's pieces are in the page");
  bad.assertClean(assert);
  await bad.close();
  // Tactic columns in another order than the prerendered header: the app draws its own.
  const other = await openPage(browser, { allowedOrigins: [server.origin] });
  await other.page.goto(server.url("?data=/fixtures/reordered.json"));
  await other.page.waitForSelector("[data-testid=matrix-table] tbody tr");
  await other.page.waitForFunction(() => document.documentElement.hasAttribute("data-app-shown"));
  const firstColumn = await other.page.evaluate(() => document.querySelector("[data-testid=matrix-table] thead th.tactic-col button.sort").dataset.sort);
  assert.equal(firstColumn, reordered.tactics[0].id);
  other.assertClean(assert);
  await other.close();
  // Another site's file is refused by the app, with its notice, and the bundled data shown.
  const away = await openPage(browser, { allowedOrigins: [server.origin] });
  await away.page.goto(server.url("?data=https://example.org/data.json"));
  await away.page.getByText("points to another site").waitFor();
  away.ignore(/example\.org/);
  away.assertClean(assert);
  await away.close();
});
