// The lazily loaded module (crates/worker): not part of the first view, fetched when the app's
// charts near the viewport, working under the strict CSP, in embed mode and under a sub-path,
// and the data tables still readable when it cannot be loaded.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { serve, launch, openPage, waitForMatrix, waitForCharts, DIST } from "./harness.mjs";

let server, browser;
before(async () => {
  server = await serve({ csp: true });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const workerRequests = (srv) => srv.requests.filter((r) => r.includes("tactics-worker"));

/** The worker loader's path, as the build wrote it into index.html. */
function loaderName() {
  const html = fs.readFileSync(path.join(DIST, "index.html"), "utf8");
  const m = html.match(/<meta name="?tactics-worker"? content="?\.\/([^">]+)"?>/);
  assert.ok(m, "index.html names the worker loader");
  return m[1];
}

async function headlineChart(page) {
  await page.locator("#charts").scrollIntoViewIfNeeded();
  await waitForCharts(page);
  const chart = page.getByTestId("chart").first();
  assert.match(await chart.locator("svg[role=img] title").textContent(), /\S/);
  assert.ok((await chart.getByTestId("chart-table").locator("tbody tr").count()) > 0, "a data table with rows");
}

test("the first view answers a tactic click without fetching the chart module", async () => {
  const p = await openPage(browser, { height: 600, allowedOrigins: [server.origin] });
  server.requests.length = 0;
  await p.page.goto(server.url());
  await waitForMatrix(p.page);
  // The app's charts, once it is loaded, fetch the module when they come within 150 px of the
  // viewport; the first view never does (first-view.test.mjs scrolls to them).
  const top = await p.page.evaluate(() => document.querySelector("#charts").getBoundingClientRect().top);
  assert.ok(top > 600 + 150, `the charts are well below the first screen (top ${top})`);
  const before = await p.page.getByTestId("row-count").textContent();
  await p.page.getByRole("checkbox", { name: "John School" }).check();
  await p.page.waitForFunction((b) => document.querySelector("[data-testid=row-count]").textContent !== b, before);
  assert.deepEqual(workerRequests(server), [], "the module is not requested by the first view");
  p.assertClean(assert);
  await p.close();
});

test("scrolling to the charts loads the module and draws the headline chart with its table", async () => {
  const p = await openPage(browser, { height: 600, allowedOrigins: [server.origin] });
  server.requests.length = 0;
  await p.page.goto(server.url());
  await waitForMatrix(p.page);
  assert.deepEqual(workerRequests(server), []);
  await headlineChart(p.page);
  const fetched = workerRequests(server);
  assert.ok(fetched.some((r) => r.endsWith("_loader.js")), `loader fetched: ${fetched}`);
  assert.ok(fetched.some((r) => r.endsWith("_bg.wasm")), `wasm fetched: ${fetched}`);
  // The worker draws from the dataset the app fetched: the page downloads it once.
  assert.deepEqual(server.requests.filter((r) => r.startsWith("/data/dataset.json")), ["/data/dataset.json"]);
  p.assertClean(assert); // includes CSP violations, reported as console errors
  await p.close();
});

test("charts draw in embed mode and under a sub-path", async () => {
  const sub = await serve({ base: "/tools/tactics/", csp: true });
  const p = await openPage(browser, { allowedOrigins: [sub.origin] });
  await p.page.goto(sub.url("?embed=1"));
  await waitForMatrix(p.page);
  await headlineChart(p.page);
  assert.ok(sub.requests.some((r) => r.startsWith("/tools/tactics/tactics-worker-")));
  p.assertClean(assert);
  await p.close();
  await sub.close();
});

test("when the module cannot be loaded, the data tables are still shown", async () => {
  const broken = await serve({
    csp: true,
    extra: { [`/${loaderName()}`]: { status: 404, body: "gone", type: "text/plain" } },
  });
  const p = await openPage(browser, { allowedOrigins: [broken.origin] });
  await p.page.goto(broken.url("?series=mt-doj-cases"));
  await waitForMatrix(p.page);
  const failed = p.page.getByTestId("chart-failed");
  await failed.waitFor();
  const table = p.page.getByTestId("chart-table").first();
  assert.ok((await table.locator("tbody tr").count()) > 5, "the figures are listed");
  assert.match(await table.locator("caption").textContent(), /Montana DOJ/);
  assert.ok((await table.locator("a[href^='https://']").count()) > 0, "with their sources");
  // The provoked 404 (and the browser's note about the failed worker script) are expected.
  p.ignore(/404|Failed to load|worker/i);
  p.assertClean(assert);
  await p.close();
  await broken.close();
});
