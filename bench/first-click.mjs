// The first tactic click after a cold load, answered by the first-view module (crates/first-view)
// and by the app (loaded with the event "tactics-load-app"), with the browser's layout, style and script
// time of that click (CDP Performance metrics). Not a test; see docs/PERFORMANCE.md.
// Usage, after a release build in dist/: node bench/first-click.mjs [loads per module, 8]
import { serve, launch } from "../tests/e2e/harness.mjs";
import { timedTacticClick } from "./timing.mjs";

const LOADS = Number(process.argv[2] || 8);
const server = await serve();
const browser = await launch();
const results = { "first view": [], app: [] };
for (let i = 0; i < LOADS; i++) {
  for (const mode of Object.keys(results)) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(server.url());
    await page.waitForSelector("#pre.live");
    if (mode === "app") {
      await page.evaluate(() => dispatchEvent(new CustomEvent("tactics-load-app")));
      await page.waitForFunction(() => document.documentElement.hasAttribute("data-app-shown"));
    }
    await page.waitForLoadState("networkidle");
    const cdp = await context.newCDPSession(page);
    await cdp.send("Performance.enable");
    const metrics = async () =>
      Object.fromEntries((await cdp.send("Performance.getMetrics")).metrics.map((m) => [m.name, m.value]));
    const before = await metrics();
    const ms = await timedTacticClick(page);
    const after = await metrics();
    const d = (k) => (after[k] - before[k]) * 1000;
    results[mode].push({ ms, layout: d("LayoutDuration"), style: d("RecalcStyleDuration") });
    await context.close();
  }
}
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
for (const [mode, rs] of Object.entries(results)) {
  const m = (k) => median(rs.map((r) => r[k])).toFixed(1);
  console.log(`${mode.padEnd(10)} median ${m("ms")} ms | layout ${m("layout")} | style ${m("style")} | ${LOADS} cold loads`);
}
await browser.close();
await server.close();
