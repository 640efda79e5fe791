// Performance benchmark (not a test): medians over cold loads in headless Chromium.
// Run through scripts/bench, which builds the release site and the synthetic datasets first.
import fs from "node:fs";
import path from "node:path";
import { serve, launch, DIST, ROOT } from "../tests/e2e/harness.mjs";

const RUNS = Number(process.env.BENCH_RUNS || 7);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Installed before any page script: records when the first matrix row appears. */
function probe() {
  window.__firstRows = null;
  addEventListener("TrunkApplicationStarted", (e) => { window.__wasm = e.detail.wasm; });
  new MutationObserver((_, obs) => {
    if (document.querySelector("[data-testid=matrix-table] tbody tr, h1.hello")) {
      window.__firstRows = performance.now();
      obs.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });
}

/** Times one interaction: dispatch, let queued tasks run (setTimeout 0), force layout. */
const timed = (page, action) => page.evaluate(async (action) => {
  const t0 = performance.now();
  if (action.kind === "click") document.querySelector(action.selector).click();
  if (action.kind === "type") {
    const el = document.querySelector(action.selector);
    el.value = action.value;
    el.dispatchEvent(new Event("input", { bubbles: true }));
  }
  if (action.kind === "change") {
    const el = document.querySelector(action.selector);
    el.value = action.value;
    el.dispatchEvent(new Event("change", { bubbles: true }));
  }
  await new Promise((r) => setTimeout(r, 0));
  void document.body.offsetHeight;
  return performance.now() - t0;
}, action);

async function measure(browser, url, { interactions = true } = {}) {
  const results = { firstRender: [], click: [], typing: [], chart: [], memory: [] };
  for (let i = 0; i < RUNS; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.addInitScript(probe);
    await page.goto(url);
    await page.waitForFunction(() => window.__firstRows !== null, null, { timeout: 120000 });
    results.firstRender.push(await page.evaluate(() => window.__firstRows));
    if (interactions) {
      results.click.push(await timed(page, { kind: "click", selector: "input[value=web-stings]" }));
      results.typing.push(await timed(page, { kind: "type", selector: "#q", value: "mi" }));
      results.chart.push(await timed(page, { kind: "change", selector: "input[name=from]", value: "2015" }));
    }
    results.memory.push(await page.evaluate(() =>
      (performance.memory?.usedJSHeapSize ?? 0) + (window.__wasm?.memory?.buffer?.byteLength ?? 0)));
    await context.close();
  }
  const out = {};
  for (const [k, v] of Object.entries(results)) if (v.length) out[k] = median(v);
  return out;
}

const server = await serve();
const browser = await launch();
const rows = [];
const cases = [
  ["bundled data", server.url()],
  ["3,000 places", server.url("?data=data/synthetic-3000.json")],
  ["30,000 places", server.url("?data=data/synthetic-30000.json")],
];
for (const [name, url] of cases) rows.push([name, await measure(browser, url)]);
const helloDir = path.join(ROOT, "bench/hello/dist");
if (fs.existsSync(helloDir)) {
  const hello = await serve({ dir: helloDir });
  rows.push(["hello-world Leptos (baseline)", await measure(browser, hello.url(), { interactions: false })]);
  await hello.close();
}
await browser.close();
await server.close();

const ms = (x) => (x === undefined ? "–" : `${x.toFixed(1)} ms`);
const mb = (x) => (x === undefined ? "–" : `${(x / 1048576).toFixed(1)} MB`);
console.log(`\nMedians of ${RUNS} cold loads (fresh browser context each), Chromium headless, ${new Date().toISOString().slice(0, 10)}`);
console.log("| case | first rows | filter click | typing | chart redraw | JS heap + wasm |");
console.log("| --- | --- | --- | --- | --- | --- |");
for (const [name, r] of rows) {
  console.log(`| ${name} | ${ms(r.firstRender)} | ${ms(r.click)} | ${ms(r.typing)} | ${ms(r.chart)} | ${mb(r.memory)} |`);
}
