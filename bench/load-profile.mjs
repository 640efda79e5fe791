// CPU profile of one load, stopped when a row of the app's matrix is visible (not a test).
// Prints self and inclusive time per function, the first..last sample time of the loading
// steps, and a 50 ms timeline. Usage: DIST_DIR=<dist whose wasm keeps names> node
// bench/load-profile.mjs "?data=data/synthetic-30000.json" (docs/PERFORMANCE.md, "Loading large
// files").
import { serve, launch } from "../tests/e2e/harness.mjs";
const query = process.argv[2] || "";
const server = await serve();
const browser = await launch();
const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
const page = await context.newPage();
const cdp = await context.newCDPSession(page);
await cdp.send("Profiler.enable");
await cdp.send("Profiler.setSamplingInterval", { interval: 100 });
await cdp.send("Profiler.start");
const t0 = Date.now();
await page.goto(server.url(query));
await page.waitForFunction(() => { const r = document.querySelector("[data-testid=matrix] [data-testid=matrix-table] tbody tr"); return r && r.checkVisibility(); }, null, { timeout: 120000, polling: "raf" });
const wall = Date.now() - t0;
const { profile } = await cdp.send("Profiler.stop");
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children || []) parent.set(c, n.id);
const self = new Map(), incl = new Map();
const dt = profile.timeDeltas;
// timeline: first and last sample time of each interesting function
const span = new Map();
let t = profile.startTime;
profile.samples.forEach((id, i) => {
  t += dt[i] || 0;
  const n = byId.get(id);
  const name = n.callFrame.functionName || `(${n.callFrame.url.split("/").pop() || "program"})`;
  self.set(name, (self.get(name) || 0) + (dt[i] || 0) / 1000);
  const seen = new Set();
  for (let at = id; at !== undefined; at = parent.get(at)) {
    const nm = byId.get(at).callFrame.functionName;
    if (!nm || seen.has(nm)) continue;
    seen.add(nm);
    incl.set(nm, (incl.get(nm) || 0) + (dt[i] || 0) / 1000);
    const s = span.get(nm) || [t, t]; s[1] = t; span.set(nm, s);
  }
});
const clean = (s) => s.replace(/::h[0-9a-f]{16}/g, "").slice(0, 140);
console.log(`wall ${wall} ms; sampled ${[...self.values()].reduce((a, b) => a + b, 0).toFixed(0)} ms`);
console.log("## self");
for (const [n, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 45)) console.log(ms.toFixed(1).padStart(8), clean(n));
console.log("## inclusive (start..end ms after profile start)");
for (const [n, ms] of [...incl].sort((a, b) => b[1] - a[1]).slice(0, 70)) {
  const s = span.get(n);
  console.log(ms.toFixed(1).padStart(8), `${((s[0]-profile.startTime)/1000).toFixed(0)}..${((s[1]-profile.startTime)/1000).toFixed(0)}`.padStart(11), clean(n));
}
console.log("## phases (inclusive ms, first..last sample)");
const want = [/prototypesetcall/, /^serde_json::de::from_str/, /validate::accept$/, /accept::\{\{closure\}\}$/, /between_entries/, /load::loaded$/, /filter::states/, /set_scrollLeft/, /insertBefore$/, /^decodeText$/, /counts::count$/, /utf8/];
for (const [n, ms] of incl) if (want.some((r) => r.test(n.replace(/::h[0-9a-f]{16}$/, "")))) {
  const s = span.get(n);
  console.log(ms.toFixed(1).padStart(8), `${((s[0]-profile.startTime)/1000).toFixed(0)}..${((s[1]-profile.startTime)/1000).toFixed(0)}`.padStart(11), clean(n));
}
// timeline: per 50 ms bucket, the top three self-time functions
const buckets = new Map();
let tt = profile.startTime;
profile.samples.forEach((id, i) => {
  tt += dt[i] || 0;
  const b = Math.floor((tt - profile.startTime) / 50000);
  const n = byId.get(id);
  const name = clean(n.callFrame.functionName || `(${n.callFrame.url.split("/").pop() || "program"})`).slice(0, 60);
  const m = buckets.get(b) || new Map();
  m.set(name, (m.get(name) || 0) + (dt[i] || 0) / 1000);
  buckets.set(b, m);
});
console.log("## timeline");
for (const [b, m] of [...buckets].sort((a, c) => a[0] - c[0])) {
  console.log(String(b * 50).padStart(5), [...m].sort((a, c) => c[1] - a[1]).slice(0, 3).map(([n, v]) => `${v.toFixed(0)} ${n}`).join(" | "));
}
await browser.close();
process.exit(0);
