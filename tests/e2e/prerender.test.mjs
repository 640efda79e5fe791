// The first view in the HTML (crates/cli prerender): the built page shows the default view's
// rows before the wasm arrives and without JavaScript; the app mounts into it without a shift;
// a URL that asks for another view never shows the default rows as if they were that view.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { serve, launch, openPage, waitForMatrix, screenshot, DIST } from "./harness.mjs";

let server, browser;
before(async () => {
  server = await serve();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const PRE_ROWS = "#pre [data-testid=matrix-table] tbody tr";
// The first-view module's and the app's: held together, nothing of ours runs.
const WASM = /tactics-(explorer|first-view)-[0-9a-f]+_bg\.wasm$/;

/** Holds the app's wasm until `release()` is called; `requested` resolves when it is asked for. */
async function holdWasm(page) {
  let release;
  const released = new Promise((r) => (release = r));
  let requested;
  const asked = new Promise((r) => (requested = r));
  await page.route(WASM, async (route) => {
    requested();
    await released;
    await route.continue();
  });
  return { release, asked };
}

/** Row texts, the count and the totals of a matrix table (prerendered or the app's). */
function tableFacts(page, table, count) {
  return page.evaluate(
    ([table, count]) => {
      const t = document.querySelector(`[data-testid=${table}]`);
      const text = (el) => el.textContent.replace(/\s+/g, " ").trim();
      return {
        rows: [...t.querySelectorAll("tbody tr")].map(text),
        // Without the comment nodes the app's renderer leaves as markers.
        body: t.querySelector("tbody").innerHTML.replace(/<!--.*?-->/g, ""),
        head: [...t.querySelectorAll("thead th")].map(text),
        foot: [...t.querySelectorAll("tfoot tr")].map(text),
        caption: text(t.querySelector("caption")),
        count: text(document.querySelector(`[data-testid=${count}]`)),
      };
    },
    [table, count],
  );
}

test("the rows in the built page equal what the app renders for the default view", async () => {
  const html = fs.readFileSync(path.join(DIST, "index.html"), "utf8");
  assert.match(html, /<!--prerender-->/, "the build wrote a first view");
  const off = await browser.newContext({ javaScriptEnabled: false });
  const still = await off.newPage();
  await still.goto(server.url());
  const built = await tableFacts(still, "matrix-table", "row-count");
  await off.close();

  const p = await openPage(browser, { allowedOrigins: [server.origin] });
  await p.page.goto(server.url());
  await waitForMatrix(p.page);
  const app = await tableFacts(p.page, "matrix-table", "row-count");
  assert.ok(built.rows.length >= 1, "prerendered rows");
  assert.deepEqual(built.rows, app.rows, "the text of each row");
  assert.equal(built.body, app.body, "the same markup");
  assert.deepEqual(built.head, app.head, "the header");
  assert.deepEqual(built.foot, app.foot, "totals and national counts");
  assert.equal(built.caption, app.caption);
  assert.equal(built.count, app.count);
  // The app mounted into the page: its section holds the rows, the build's section is gone.
  assert.equal(await p.page.getByTestId("pre-matrix").count(), 0, "the build's section was adopted");
  assert.equal(await p.page.locator("#pre [data-testid=matrix]").count(), 1, "in the same page");
  p.assertClean(assert);
  await p.close();
});

test("?tactics=john-school never shows a row without John School, first paint included", async () => {
  const ds = JSON.parse(fs.readFileSync(path.join(DIST, "data/dataset.json"), "utf8"));
  const users = new Set(
    ds.uses.filter((u) => u.tactic === "john-school" && u.status === "used").map((u) => u.place),
  );
  const p = await openPage(browser, { allowedOrigins: [server.origin] });
  // Every animation frame from the start of the document: which rows can be seen.
  await p.page.addInitScript(() => {
    window.__seenRows = new Set();
    window.__frames = 0;
    const look = () => {
      window.__frames++;
      for (const tr of document.querySelectorAll("tr[data-place]")) {
        if (tr.checkVisibility({ visibilityProperty: true, opacityProperty: true })) {
          window.__seenRows.add(tr.dataset.place);
        }
      }
      requestAnimationFrame(look);
    };
    requestAnimationFrame(look);
  });
  const wasm = await holdWasm(p.page);
  await p.page.goto(server.url("?tactics=john-school"));
  await wasm.asked;
  // Before the app runs: the prerendered rows are in the page but hidden, the hotline is not.
  await p.page.getByText("Loading the view you asked for…").waitFor();
  assert.ok((await p.page.locator(PRE_ROWS).count()) > 0, "prerendered rows in the page");
  assert.equal(await p.page.locator(PRE_ROWS).first().isVisible(), false);
  assert.equal(await p.page.locator("#pre .hotline-line").isVisible(), true);
  assert.equal(await p.page.getByTestId("pre-credit").isVisible(), false, "no credit of the bundled data");
  await screenshot(p.page, "prerender-other-view-before-app");
  wasm.release();
  await waitForMatrix(p.page);
  await p.page.waitForFunction(() => window.__frames > 2);
  const seen = await p.page.evaluate(() => [...window.__seenRows]);
  assert.ok(seen.length >= 1, "the app's rows were seen");
  for (const id of seen) assert.ok(users.has(id), `${id} was shown but does not use John School`);
  p.assertClean(assert);
  await p.close();
});

for (const width of [1280, 390]) {
  test(`JavaScript off (${width} px): the default view, its sources and the hotline are readable`, async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width, height: 900 } });
    const page = await context.newPage();
    await page.goto(server.url());
    const rows = page.locator(PRE_ROWS);
    assert.ok((await rows.count()) >= 20, "the rows of the first page");
    assert.equal(await rows.first().isVisible(), true);
    assert.match(await page.locator("#pre [data-testid=row-count]").textContent(), /^\d+ of \d+ places$/);
    const hotline = page.locator("#pre .hotline-line a[href^='tel:']");
    assert.equal(await hotline.isVisible(), true);
    const exit = page.locator("#pre a.quick-exit");
    assert.equal(await exit.isVisible(), true);
    assert.match(await exit.getAttribute("href"), /^https:\/\//);
    const sources = page.locator("[data-testid=pre-sources] a[href^='http']");
    assert.ok((await sources.count()) >= 1, "source links");
    assert.equal(await sources.first().isVisible(), true);
    assert.equal(await page.locator("[data-testid=pre-charts] svg").first().isVisible(), true);
    assert.equal(await page.locator("[data-testid=pre-credit]").isVisible(), true);
    const note = page.locator("noscript p");
    assert.match(await note.textContent(), /filtering, the other charts and the map need JavaScript/);
    assert.equal(await note.isVisible(), true);
    // The app's placeholders take no room without the app.
    assert.equal(await page.locator("#pre .pre-js").first().isVisible(), false);
    assert.equal(await page.locator("#pre .filterbar").boundingBox(), null);
    await screenshot(page, `prerender-no-js-${width}`);
    await context.close();
  });

  test(`prerendered rows are on screen before the wasm arrives, and the app takes over without a shift (${width} px)`, async () => {
    const p = await openPage(browser, { width, allowedOrigins: [server.origin] });
    await p.page.addInitScript(() => {
      window.__shift = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shift += e.value;
      }).observe({ type: "layout-shift", buffered: true });
    });
    const wasm = await holdWasm(p.page);
    await p.page.goto(server.url());
    await wasm.asked;
    await p.page.locator(PRE_ROWS).first().waitFor();
    assert.equal(await p.page.evaluate(() => document.documentElement.hasAttribute("data-app-shown")), false, "the app is not shown yet");
    // Parts outside the slots are never replaced: the same nodes before and after.
    await p.page.evaluate(() => { window.__exit = document.querySelector("#pre a.quick-exit"); window.__title = document.querySelector("#pre h1"); });
    // A keyboard user on Quick exit, and a table scrolled sideways, keep their place.
    await p.page.locator("#pre a.quick-exit").focus();
    const scrolled = await p.page.locator("#pre .table-scroll").evaluate((el) => {
      el.scrollLeft = 40;
      return el.scrollLeft;
    });
    const place = await p.page.locator(PRE_ROWS).first().getAttribute("data-place");
    const where = (sel) => p.page.locator(sel).first().boundingBox();
    const before = {
      row: await where(`tr[data-place="${place}"]`),
      table: await where("#pre .table-scroll"),
      hotline: await where("#pre .hotline-line"),
      title: await where("#pre h1"),
    };
    await screenshot(p.page, `prerender-before-app-${width}`);
    wasm.release();
    await waitForMatrix(p.page);
    assert.equal(await p.page.evaluate(() => document.querySelector("#pre a.quick-exit") === window.__exit && document.querySelector("#pre h1") === window.__title), true, "the same top bar and masthead");
    const after = {
      row: await where(`[data-testid=matrix] tr[data-place="${place}"]`),
      table: await where("[data-testid=matrix] .table-scroll"),
      hotline: await where("#pre .hotline-line"),
      title: await where("#pre h1"),
    };
    for (const k of Object.keys(before)) {
      for (const d of ["x", "y", "width"]) {
        assert.ok(Math.abs(before[k][d] - after[k][d]) <= 1, `${k}.${d}: ${before[k][d]} then ${after[k][d]}`);
      }
    }
    assert.equal(await p.page.evaluate(() => document.activeElement === window.__exit), true);
    assert.equal(await p.page.locator("[data-testid=matrix] .table-scroll").evaluate((el) => el.scrollLeft), scrolled);
    const shift = await p.page.evaluate(() => window.__shift);
    assert.ok(shift < 0.01, `cumulative layout shift ${shift}`);
    await screenshot(p.page, `prerender-after-app-${width}`);
    p.assertClean(assert);
    await p.close();
  });
}

test("a page the build wrote no view into (a dataset with problems) is written by the app from the same core page", async () => {
  const built = fs.readFileSync(path.join(DIST, "index.html"), "utf8");
  const start = built.indexOf("<!--prerender-->");
  const end = built.indexOf("<!--/prerender-->") + "<!--/prerender-->".length;
  assert.ok(start > 0 && end > start, "the build wrote a view to take out");
  // As `prerender` leaves the page when the dataset fails its checks (crates/cli, `remove`).
  const bare = built.slice(0, start) + '<div id="pre" class="pre"></div>' + built.slice(end);
  const own = await serve({ extra: { "/": { body: bare, type: "text/html" }, "/index.html": { body: bare, type: "text/html" } } });
  const p = await openPage(browser, { allowedOrigins: [own.origin] });
  await p.page.goto(own.url());
  await waitForMatrix(p.page);
  // The page's parts are core's, as in a built page: top bar, help panel, masthead, slots.
  assert.equal(await p.page.locator("#pre .topbar a.quick-exit").isVisible(), true);
  assert.equal(await p.page.locator("#pre header.masthead h1").isVisible(), true);
  assert.ok((await p.page.locator("[data-testid=matrix] tbody tr[data-place]").count()) >= 20, "the app's rows");
  assert.equal(await p.page.getByTestId("pre-matrix").count(), 0, "no prerendered section");
  assert.equal(await p.page.locator("#main").count(), 1, "one main element");
  await p.page.locator("button.help-toggle").click();
  await p.page.locator("#help-panel:not([hidden])").waitFor();
  assert.equal(await p.page.locator("button.help-toggle").getAttribute("aria-expanded"), "true");
  await screenshot(p.page, "page-written-by-the-app");
  p.assertClean(assert);
  await p.close();
  await own.close();
});
