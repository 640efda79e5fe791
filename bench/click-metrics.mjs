// Per-click browser work (layout, style, script) for a tactic click, from CDP Performance metrics
// over 16 clicks; optional CSS variants to compare. Not a test; see docs/PERFORMANCE.md.
// Usage: CSSES='["", "table{table-layout:fixed}"]' node bench/click-metrics.mjs "?data=data/synthetic-3000.json"
import { serve, launch, waitForMatrix } from "../tests/e2e/harness.mjs";
import { timedTacticClick } from "./timing.mjs";
const server = await serve();
const browser = await launch();
const metric = async (cdp) => Object.fromEntries((await cdp.send("Performance.getMetrics")).metrics.map((m) => [m.name, m.value]));
for (const css of JSON.parse(process.env.CSSES || '[""]')) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Performance.enable");
  await page.goto(server.url(process.argv[2] || ""));
  // The app's matrix (for a URL the first-view module answers, the app is loaded first;
  // bench/first-click.mjs measures the first view).
  await waitForMatrix(page);
  if (css) await page.addStyleTag({ content: css });
  await page.waitForTimeout(1500);
  const a = await metric(cdp);
  const xs = [];
  for (let i = 0; i < 16; i++) {
    xs.push(await timedTacticClick(page));
    await page.waitForTimeout(100);
  }
  const b = await metric(cdp);
  const per = (k) => ((b[k] - a[k]) * 1000 / 16).toFixed(1);
  xs.sort((x, y) => x - y);
  console.log(`median ${xs[8].toFixed(1)} | per click: layout ${per("LayoutDuration")} style ${per("RecalcStyleDuration")} script ${per("ScriptDuration")} task ${per("TaskDuration")} | ${css}`);
  await context.close();
}
await browser.close(); await server.close();
