// CPU profile of one load and one tactic click in headless Chromium (Chrome DevTools Protocol),
// summarised as self time per function. For finding causes, not for figures: the figures come
// from bench.mjs. Usage: DIST_DIR=<dist with a name-keeping wasm> node bench/profile.mjs [query]
import { serve, launch, waitForMatrix } from "../tests/e2e/harness.mjs";
import { timedTacticClick } from "./timing.mjs";

const query = process.argv[2] || "";
const server = await serve();
const browser = await launch();
const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
const page = await context.newPage();
const cdp = await context.newCDPSession(page);
await cdp.send("Profiler.enable");
await cdp.send("Profiler.setSamplingInterval", { interval: 100 });

function summarise(label, profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const dt = profile.timeDeltas;
  profile.samples.forEach((id, i) => {
    const n = byId.get(id);
    const name = n.callFrame.functionName || `(${n.callFrame.url.split("/").pop() || "program"})`;
    self.set(name, (self.get(name) || 0) + (dt[i] || 0) / 1000);
  });
  // Inclusive time: a sample counts for its function and every caller above it (once each).
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children || []) parent.set(c, n.id);
  const inclusive = new Map();
  profile.samples.forEach((id, i) => {
    const seen = new Set();
    for (let at = id; at !== undefined; at = parent.get(at)) {
      const name = byId.get(at).callFrame.functionName;
      if (!name || seen.has(name)) continue;
      seen.add(name);
      inclusive.set(name, (inclusive.get(name) || 0) + (dt[i] || 0) / 1000);
    }
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  console.log(`\n## ${label}: ${total.toFixed(1)} ms sampled`);
  for (const [name, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 40)) {
    console.log(`${ms.toFixed(1).padStart(8)} ms  ${name.slice(0, 150)}`);
  }
  console.log(`-- inclusive`);
  for (const [name, ms] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, 30)) {
    console.log(`${ms.toFixed(1).padStart(8)} ms  ${name.slice(0, 150)}`);
  }
}

await cdp.send("Profiler.start");
await page.goto(server.url(query));
// The app's matrix (for a URL the first-view module answers, the app is loaded first;
// bench/first-click.mjs measures the first view).
await waitForMatrix(page);
await page.waitForFunction(() => document.querySelector("figure svg, .chart svg"), null, { timeout: 120000 }).catch(() => {});
summarise("load", (await cdp.send("Profiler.stop")).profile);

await cdp.send("Profiler.start");
const ms = await timedTacticClick(page);
summarise(`tactic click (${ms.toFixed(1)} ms)`, (await cdp.send("Profiler.stop")).profile);
await browser.close();
await server.close();
