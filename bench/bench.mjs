// Performance benchmark (not a test): the explorer against a peer page (jQuery DataTables +
// Chart.js, bench/peer/) on the same dataset files, medians over cold loads in headless
// Chromium, one run, with the ratio explorer / peer. Run through scripts/bench, which builds the
// release site, the synthetic datasets and the hello-world baseline, and installs the peer's
// npm packages into .tools/peer first.
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { serve, launch, DIST, ROOT } from "../tests/e2e/harness.mjs";

const RUNS = Number(process.env.BENCH_RUNS || 7);
const PEER_DIR = path.join(ROOT, "bench/peer");
const PEER_MODULES = path.join(ROOT, ".tools/peer/node_modules");
/** The peer's vendor/ files, from the npm packages (never committed). */
const VENDOR = {
  "jquery.min.js": "jquery/dist/jquery.min.js",
  "dataTables.min.js": "datatables.net/js/dataTables.min.js",
  "dataTables.dataTables.min.js": "datatables.net-dt/js/dataTables.dataTables.min.js",
  "dataTables.dataTables.min.css": "datatables.net-dt/css/dataTables.dataTables.min.css",
  "chart.umd.min.js": "chart.js/dist/chart.umd.min.js",
};

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/**
 * Installed before any page script: records the first animation frame (just before a paint) in
 * which a matrix row can be seen: the app's, or the rows the build wrote into the page (hidden
 * when the URL asks for another view, so those are not counted then).
 */
function probe() {
  window.__firstRows = null;
  // Every wasm module's memory counts: the first view's and, once loaded, the app's.
  window.__wasms = [];
  const keep = (e) => window.__wasms.push(e.detail.wasm);
  addEventListener("TrunkApplicationStarted", keep);
  addEventListener("tactics-first-view-started", keep);
  const rows = "[data-testid=matrix-table] tbody tr, h1.hello";
  const look = () => {
    for (const el of document.querySelectorAll(rows)) {
      if (el.checkVisibility({ visibilityProperty: true, opacityProperty: true })) {
        window.__firstRows = performance.now();
        return;
      }
    }
    requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
}

/** Times one interaction: dispatch, let queued tasks run (setTimeout 0), force layout. */
const timed = (page, action) => page.evaluate(async (action) => {
  const el = document.querySelector(action.selector);
  if (!el) return null;
  const t0 = performance.now();
  if (action.kind === "click") el.click();
  if (action.kind === "type" || action.kind === "change") {
    el.value = action.value;
    el.dispatchEvent(new Event(action.kind === "type" ? "input" : "change", { bubbles: true }));
  }
  await new Promise((r) => setTimeout(r, 0));
  void document.body.offsetHeight;
  return performance.now() - t0;
}, action);

/** The interactions both pages have, then the explorer's chart redraw (the peer has none).
 * The explorer's search box (`#q`, the same element before and after the app loads). */
const ACTIONS = [
  ["click", { kind: "click", selector: "input[value=web-stings]" }],
  ["typing", { kind: "type", selector: "#q", value: "mi" }],
  ["chart", { kind: "change", selector: "input[name=from]", value: "2015" }],
];

/** Which of the explorer's modules answers now: the first view (no Leptos) or the app. */
const answering = (page) => page.evaluate(() =>
  document.documentElement.hasAttribute("data-app-shown") ? "app" : document.querySelector("#pre.live") ? "first view" : "none");

/** After an action: the network idle and, if the action asked for the app, the app shown. */
async function settle(page) {
  await page.waitForLoadState("networkidle");
  await page.waitForFunction(() => !document.documentElement.dataset.app || document.documentElement.hasAttribute("data-app-shown"), null, { timeout: 120000 });
}

/** JS heap plus the linear memory of every wasm module started, once the load has settled. */
const memory = (page) => page.evaluate(() =>
  (performance.memory?.usedJSHeapSize ?? 0) +
  (window.__wasms ?? []).reduce((sum, w) => sum + (w?.memory?.buffer?.byteLength ?? 0), 0));

async function measure(browser, url, { interactions = true } = {}) {
  const results = { firstRender: [], memory: [], click: [], typing: [], chart: [], by: {} };
  for (let i = 0; i < RUNS; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.addInitScript(probe);
    await page.goto(url);
    await page.waitForFunction(() => window.__firstRows !== null, null, { timeout: 120000 });
    results.firstRender.push(await page.evaluate(() => window.__firstRows));
    await page.waitForLoadState("networkidle");
    results.memory.push(await memory(page));
    if (interactions) {
      for (const [name, action] of ACTIONS) {
        const by = await answering(page);
        const ms = await timed(page, action);
        if (ms !== null) results[name].push(ms);
        (results.by[name] ??= new Set()).add(by);
        await settle(page);
      }
    }
    await context.close();
  }
  const out = {};
  for (const [k, v] of Object.entries(results)) if (v.length) out[k] = median(v);
  out.by = Object.fromEntries(Object.entries(results.by).map(([k, v]) => [k, [...v].join(" / ")]));
  return out;
}

/** Gzip (-9) bytes of every response of one load but the dataset: what a first visit fetches. */
async function firstLoadBytes(browser, url) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const bodies = [];
  page.on("response", (r) => {
    if (!new URL(r.url()).pathname.includes("/data/")) bodies.push(r.body().catch(() => Buffer.alloc(0)));
  });
  await page.addInitScript(probe);
  await page.goto(url);
  await page.waitForFunction(() => window.__firstRows !== null, null, { timeout: 120000 });
  await page.waitForLoadState("networkidle");
  const all = await Promise.all(bodies);
  await context.close();
  return all.reduce((sum, b) => sum + zlib.gzipSync(b, { level: 9 }).length, 0);
}

/** The peer page, its vendor files from .tools/peer and the data files of dist/. */
function servePeer() {
  const extra = {};
  for (const [name, rel] of Object.entries(VENDOR)) {
    const file = path.join(PEER_MODULES, rel);
    if (!fs.existsSync(file)) throw new Error(`${file} is missing: run scripts/bench (it installs the peer's packages)`);
    extra[`/vendor/${name}`] = { file };
  }
  for (const name of fs.readdirSync(path.join(DIST, "data"))) {
    extra[`/data/${name}`] = { file: path.join(DIST, "data", name) };
  }
  return serve({ dir: PEER_DIR, extra });
}

const CASES = [
  ["bundled data", ""],
  ["3,000 places", "?data=data/synthetic-3000.json"],
  ["30,000 places", "?data=data/synthetic-30000.json"],
];
// BENCH_CASES=3000,30000 (a comma list of words in the case names) measures only those cases.
const only = (process.env.BENCH_CASES || "").split(",").filter(Boolean);
const cases = CASES.filter(([name]) => !only.length || only.some((w) => name.replace(",", "").includes(w)));
const FIGURES = [
  ["firstRender", "navigation to first matrix rows", "ms"],
  ["click", "tactic click to DOM updated and laid out", "ms"],
  ["typing", "typing in search (one input event)", "ms"],
  ["chart", "year range change (explorer only)", "ms"],
  ["memory", "memory after load (JS heap + wasm)", "MB"],
];

const explorer = await serve();
const peer = await servePeer();
const browser = await launch();
const rows = [];
for (const [name, query] of cases) {
  const p = await measure(browser, peer.url(query));
  const e = await measure(browser, explorer.url(query));
  rows.push([name, p, e]);
}
const bytes = [await firstLoadBytes(browser, peer.url()), await firstLoadBytes(browser, explorer.url())];
let hello;
const helloDir = path.join(ROOT, "bench/hello/dist");
if (fs.existsSync(helloDir)) {
  const server = await serve({ dir: helloDir });
  hello = await measure(browser, server.url(), { interactions: false });
  await server.close();
}
await browser.close();
await peer.close();
await explorer.close();

const fmt = (x, unit) => (x === undefined ? "–" : unit === "MB" ? `${(x / 1048576).toFixed(1)} MB` : `${x.toFixed(1)} ms`);
const ratio = (e, p) => (e === undefined || p === undefined || p === 0 ? "–" : (e / p).toFixed(2));
console.log(`\nMedians of ${RUNS} cold loads (fresh browser context each), Chromium headless, one run, ${new Date().toISOString().slice(0, 10)}`);
console.log("| case | figure | peer (DataTables + Chart.js) | explorer | explorer / peer |");
console.log("| --- | --- | --- | --- | --- |");
for (const [name, p, e] of rows) {
  for (const [key, label, unit] of FIGURES) {
    const by = e.by?.[key] && e.by[key] !== "none" ? ` (${e.by[key]})` : "";
    console.log(`| ${name} | ${label} | ${fmt(p[key], unit)} | ${fmt(e[key], unit)}${by} | ${ratio(e[key], p[key])} |`);
  }
}
const kb = (b) => `${(b / 1024).toFixed(1)} KB`;
console.log(`| all | bytes fetched by one load until the network is idle (gzip -9, without the dataset) | ${kb(bytes[0])} | ${kb(bytes[1])} | ${ratio(bytes[1], bytes[0])} |`);
if (hello) {
  console.log(`| hello-world Leptos (baseline) | navigation to first element | – | ${fmt(hello.firstRender, "ms")} | – |`);
  console.log(`| hello-world Leptos (baseline) | memory after load | – | ${fmt(hello.memory, "MB")} | – |`);
}
