// What a visitor downloads on a real journey (issue 25), not a test: at 1280 x 900, the bytes
// the server sent (each file counted as gzip -9 of its content, as scripts/size-budget counts),
// cumulative after each step: open the page; tick one tactic; scroll to the charts; open
// Missoula's profile; switch to the map. Counted on the server, so the worker's own fetches
// are in too, and a file fetched twice counts twice. Each step waits for what it asked for
// and then until the server has had no request for a second. The tactic is
// JOURNEY_TACTIC (default Public Education, whose places fit on the first page with
// Missoula's; for another, Missoula is found with the search box before its profile opens). Run through scripts/bench, or alone after a release
// build: `node bench/journey.mjs` (DIST_DIR=<dir> for another build).
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { serve, launch, DIST } from "../tests/e2e/harness.mjs";

const TACTIC = process.env.JOURNEY_TACTIC || "Public Education";
const PLACE = "missoula-mt";

const sizes = new Map();
/** Gzip -9 bytes of the file a request was answered with (0 for what the server did not have). */
function gzipped(request) {
  const rel = decodeURIComponent(new URL(request, "http://x").pathname).replace(/^\//, "") || "index.html";
  if (!sizes.has(rel)) {
    const file = path.join(DIST, rel);
    const ok = file.startsWith(DIST) && fs.existsSync(file) && fs.statSync(file).isFile();
    sizes.set(rel, ok ? zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length : 0);
  }
  return sizes.get(rel);
}

const server = await serve();
const browser = await launch();
const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
const page = await context.newPage();
const problems = [];
page.on("pageerror", (e) => problems.push(String(e)));

const steps = [];
/**
 * Until the server has had no new request for a second (Playwright's "networkidle" is reached
 * once per page load, so it does not wait for what a later step starts). A bench's wait, not a
 * test's: what a step starts later than that would be counted in the next step.
 */
async function quiet() {
  for (let n = -1; n !== server.requests.length; ) {
    n = server.requests.length;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

async function step(name, act) {
  await act();
  await quiet();
  const total = server.requests.reduce((sum, r) => sum + gzipped(r), 0);
  const files = server.requests.map((r) => new URL(r, "http://x").pathname.split("/").pop());
  steps.push({ name, total, files });
}

await step("open the page", async () => {
  await page.goto(server.url());
  await page.waitForSelector("#pre.live, [data-testid=matrix-table] tbody tr", { timeout: 60000 });
});
await step(`tick one tactic (${TACTIC})`, async () => {
  await page.getByRole("checkbox", { name: TACTIC, exact: true }).first().check();
  await page.waitForFunction(() => /[?&]tactics=/.test(location.search));
});
await step("scroll to the charts", async () => {
  await page.locator("section.charts:visible").first().scrollIntoViewIfNeeded();
});
await step("open Missoula's profile", async () => {
  const place = page.locator(`button.place[data-place=${PLACE}]:visible`).first();
  // Not among the tactic's rows on the first page: found by the search box first.
  if ((await place.count()) === 0) await page.getByLabel("Search places").first().fill("Missoula");
  await place.click();
  await page.waitForFunction(() => document.querySelector("#profile-title")?.textContent === "Missoula", null, {
    timeout: 60000,
  });
});
await step("switch to the map", async () => {
  await page.getByTestId("pane-map").click();
  await page.waitForSelector("[data-testid=map-box] svg .mark", { timeout: 60000 });
});
await browser.close();
await server.close();

const kb = (b) => `${(b / 1024).toFixed(1)} KB`;
console.log(`\nA visitor's journey at 1280 x 900, bytes over the network (gzip -9), cumulative, ${new Date().toISOString().slice(0, 10)}`);
console.log("| step | cumulative | files fetched in this step |");
console.log("| --- | --- | --- |");
let seen = 0;
for (const s of steps) {
  const added = s.files.slice(seen);
  seen = s.files.length;
  console.log(`| ${s.name} | ${kb(s.total)} | ${added.join(", ") || "–"} |`);
}
if (problems.length) {
  console.error("page errors:", problems);
  process.exitCode = 1;
}
