// The map view (issue 16): a mark for every located place, strong marks = the matrix's rows,
// marks open profiles and get focus back, another state's dataset gets its own outline, the
// map-only embed, nothing loaded before the map is opened, no foreign request; screenshots.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { serve, launch, openPage, waitForMatrix, screenshot, FIXTURES, ARTIFACTS } from "./harness.mjs";

const MT = "/fixtures/map-mt.json";
const TX = "/fixtures/map-tx.json";
let server, browser;
before(async () => {
  const fixture = (name) => ({ file: path.join(FIXTURES, name), type: "application/json" });
  server = await serve({ csp: true, extra: { [MT]: fixture("map-mt.json"), [TX]: fixture("map-tx.json") } });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** Opens `query` and waits until the worker's map is in the page with `marks` marks. */
async function openMap(query, { width = 1280, height = 900, marks } = {}) {
  const p = await openPage(browser, { width, height, allowedOrigins: [server.origin] });
  await p.page.goto(server.url(query));
  await p.page.waitForFunction(
    (n) => document.querySelectorAll("[data-testid=map-box] svg .mark").length === n,
    marks,
    { timeout: 30000 },
  );
  return p;
}

const placesOf = (page, selector) =>
  page.$$eval(selector, (els) => els.map((e) => e.getAttribute("data-place")).sort());

const requested = (pattern) => server.requests.filter((r) => pattern.test(r));

test("?view=map shows a mark for every located place, the summary and the places not on the map", async () => {
  const before = server.requests.length;
  const p = await openMap(`?view=map&data=${MT}`, { marks: 6 });
  const page = p.page;
  assert.deepEqual(await placesOf(page, "[data-testid=map-box] .mark"), [
    "billings-mt", "boise-id", "kalispell-mt", "missoula-county-mt", "missoula-mt", "montana",
  ]);
  assert.equal(await page.locator("[data-testid=map-box] .mark.faint").count(), 0, "no filter: all strong");
  const label = await page.locator(".mark[data-place=missoula-mt]").getAttribute("aria-label");
  assert.equal(label, "Missoula (city): 3 tactics used");
  assert.match(await page.getByTestId("map-summary").textContent(), /7 places; .*1 place is not on the map\./);
  assert.deepEqual(await page.getByTestId("not-on-map").locator("li").allTextContents(), ["Helena"]);
  assert.match(await page.locator("[data-testid=map-box] svg").textContent(), /U\.S\. Census Bureau/);
  assert.equal(await page.getByTestId("pane-map").getAttribute("aria-pressed"), "true");
  const now = server.requests.slice(before);
  assert.ok(now.some((r) => r.endsWith("/geo/states.json")), now.join(" "));
  assert.ok(now.some((r) => r.endsWith("/geo/counties/30.json")), "Montana has a county in the data");
  assert.ok(!now.some((r) => /\/geo\/counties\/16\.json/.test(r)), "Idaho has no county in the data");
  p.assertClean(assert);
  await p.close();
});

test("with ?tactics=john-school only the places using John School are drawn strongly", async () => {
  const p = await openMap(`?tactics=john-school&view=map&data=${MT}`, { marks: 6 });
  assert.deepEqual(await placesOf(p.page, "[data-testid=map-box] .mark:not(.faint)"), ["boise-id", "missoula-mt"]);
  assert.equal(await p.page.locator("[data-testid=map-box] .mark.faint").count(), 4);
  assert.match(await p.page.getByTestId("map-summary").textContent(), /^3 of 7 places use the checked tactic/);
  // The same filter in the table shows the same places (Helena has no location).
  await p.page.getByTestId("pane-table").click();
  await waitForMatrix(p.page);
  const rows = await p.page.$$eval("[data-testid=matrix-table] tbody button.place", (b) => b.map((x) => x.dataset.place).sort());
  assert.deepEqual(rows, ["boise-id", "helena-mt", "missoula-mt"]);
  await p.page.waitForFunction(() => !location.search.includes("view=map")); // the switch writes the URL
  p.assertClean(assert);
  await p.close();
});

test("Enter on Missoula's mark opens its profile, Escape returns focus to the mark; arrows move between marks", async () => {
  const p = await openMap(`?view=map&data=${MT}`, { marks: 6 });
  const page = p.page;
  const focused = () => page.evaluate(() => document.activeElement?.getAttribute("data-place"));
  const order = await page.$$eval("[data-testid=map-box] .mark", (m) => m.map((x) => x.dataset.place));
  await page.locator(".mark[data-place=missoula-mt]").focus();
  const at = order.indexOf("missoula-mt");
  await page.keyboard.press("ArrowRight");
  assert.equal(await focused(), order[at + 1]);
  await page.keyboard.press("Home");
  assert.equal(await focused(), order[0]);
  await page.keyboard.press("End");
  assert.equal(await focused(), order[order.length - 1]);
  await page.locator(".mark[data-place=missoula-mt]").focus();
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.querySelector("#profile-title")?.textContent === "Missoula");
  await page.waitForFunction(() => location.search.includes("place=missoula-mt"));
  await page.waitForFunction(() => document.activeElement?.id === "profile-title");
  await page.keyboard.press("Escape");
  await page.waitForFunction(() => !document.querySelector("[data-testid=profile]"));
  await page.waitForFunction(() => document.activeElement?.getAttribute("data-place") === "missoula-mt");
  // A click on a mark opens the profile too.
  await page.locator(".mark[data-place=billings-mt]").click();
  await page.waitForFunction(() => document.querySelector("#profile-title")?.textContent === "Billings");
  p.assertClean(assert);
  await p.close();
});

test("a dataset from another state shows that state's outline and its counties", async () => {
  const before = server.requests.length;
  const p = await openMap(`?view=map&data=${TX}`, { marks: 3 });
  const svg = p.page.locator("[data-testid=map-box] svg");
  assert.equal(await svg.locator("path#map-s48").count(), 1, "Texas is drawn");
  assert.equal(await svg.locator("path#map-s30").count(), 0, "Montana is not");
  assert.ok(server.requests.slice(before).some((r) => r.endsWith("/geo/counties/48.json")));
  await screenshot(p.page, "map-texas-1280-light");
  p.assertClean(assert);
  await p.close();
});

test("the whole country's map fetches no county lines; zoomed in close enough, it fetches and draws those in view", async () => {
  const p = await openPage(browser, { allowedOrigins: [server.origin] });
  const before = server.requests.length;
  await p.page.goto(server.url("?view=map"));
  const svg = p.page.locator("[data-testid=map-box] svg");
  await p.page.waitForFunction(() => document.querySelectorAll("[data-testid=map-box] svg .mark").length > 100, null, { timeout: 30000 });
  const counties = () => server.requests.slice(before).filter((r) => r.includes("/geo/counties/"));
  assert.deepEqual(counties(), [], "no county file at the country's view");
  assert.equal(await svg.locator("g.counties").count(), 0);
  await svg.scrollIntoViewIfNeeded();
  await screenshot(p.page, "map-country-1280");
  // Zoom in (1.5 times a click) until the view is at most 4,000 units wide (COUNTY_VIEW_MAX_W).
  const width = async () => Number((await svg.getAttribute("viewBox")).split(/\s+/)[2]);
  for (let i = 0; i < 6 && (await width()) > 4000; i++) {
    const was = await svg.getAttribute("viewBox");
    await p.page.getByRole("button", { name: "Zoom in" }).click();
    await p.page.waitForFunction((v) => document.querySelector("[data-testid=map-box] svg")?.getAttribute("viewBox") !== v, was);
  }
  assert.ok((await width()) <= 4000, `zoomed in to ${await width()}`);
  await p.page.waitForSelector("[data-testid=map-box] svg g.counties", { timeout: 30000 });
  await screenshot(p.page, "map-zoomed-counties-1280");
  const fetched = counties();
  assert.ok(fetched.length > 0 && fetched.length < 25, `some states' county files, not all: ${fetched.join(" ")}`);
  p.assertClean(assert);
  await p.close();
});

test("the table view loads neither the worker nor the geometry; the switch loads them", async () => {
  const before = server.requests.length;
  const p = await openPage(browser, { allowedOrigins: [server.origin] });
  await p.page.goto(server.url(`?data=${MT}`));
  await waitForMatrix(p.page);
  assert.equal(await p.page.getByTestId("pane-table").getAttribute("aria-pressed"), "true");
  const early = server.requests.slice(before);
  assert.ok(!early.some((r) => /\/geo\/|tactics-worker/.test(r)), early.join(" "));
  await p.page.getByTestId("pane-map").click();
  await p.page.waitForFunction(() => document.querySelectorAll("[data-testid=map-box] .mark").length === 6);
  await p.page.waitForFunction(() => location.search.includes("view=map"));
  const later = server.requests.slice(before);
  assert.ok(later.some((r) => /tactics-worker/.test(r)) && later.some((r) => r.endsWith("/geo/states.json")));
  await p.page.goBack();
  await waitForMatrix(p.page);
  p.assertClean(assert);
  await p.close();
});

test("the bundled dataset's first load requests no geometry", async () => {
  const before = server.requests.length;
  const p = await openPage(browser, { allowedOrigins: [server.origin] });
  await p.page.goto(server.url(""));
  await waitForMatrix(p.page);
  assert.deepEqual(requested(/\/geo\//).filter((r) => server.requests.indexOf(r) >= before), []);
  p.assertClean(assert);
  await p.close();
});

test("view=map&embed=1 is the map alone", async () => {
  const p = await openMap(`?view=map&embed=1&data=${MT}`, { marks: 6 });
  const page = p.page;
  assert.equal(await page.getByTestId("matrix").count(), 0);
  assert.equal(await page.getByTestId("charts").count(), 0);
  assert.equal(await page.locator(".pane-switch").count(), 0);
  assert.equal(await page.locator("aside.filters, .filters").count(), 0);
  // No empty filters column beside it: at 1280 px the map takes the page's width.
  const box = await page.getByTestId("map-box").boundingBox();
  assert.ok(box.width > 1000, `the map is ${box.width} px wide`);
  p.assertClean(assert);
  await p.close();
});

for (const [width, theme] of [[1280, "light"], [1280, "dark"], [390, "light"], [390, "dark"]]) {
  test(`screenshot at ${width} px, ${theme}; the zoom buttons are usable`, async () => {
    const p = await openMap(`?tactics=john-school&view=map&theme=${theme}&data=${MT}`, { width, height: 844, marks: 6 });
    const page = p.page;
    const zoomIn = page.getByRole("button", { name: "Zoom in" });
    const box = await zoomIn.boundingBox();
    assert.ok(box.width >= 24 && box.height >= 24, `zoom button ${box.width}x${box.height}`);
    const svgWidth = await page.locator("[data-testid=map-box] svg").evaluate((s) => s.getBoundingClientRect().width);
    assert.ok(svgWidth <= width, `the map fits the page: ${svgWidth}`);
    await page.locator("#map-heading").scrollIntoViewIfNeeded();
    await screenshot(page, `map-${width}-${theme}`);
    const viewBox = () => page.locator("[data-testid=map-box] svg").getAttribute("viewBox");
    const fitted = await viewBox();
    await zoomIn.click();
    await page.waitForFunction((v) => document.querySelector("[data-testid=map-box] svg")?.getAttribute("viewBox") !== v, fitted);
    await page.getByRole("button", { name: "Fit" }).click();
    await page.waitForFunction((v) => document.querySelector("[data-testid=map-box] svg")?.getAttribute("viewBox") === v, fitted);
    if (width === 390) {
      // Keyboard focus (focus-visible), shown on the map section alone so the ring can be seen.
      await page.locator(".mark[data-place=boise-id]").focus();
      await page.keyboard.press("ArrowRight");
      await page.getByTestId("map").screenshot({ path: path.join(ARTIFACTS, `map-${width}-${theme}-focus.png`) });
    }
    p.assertClean(assert);
    await p.close();
  });
}

test("dragging the map moves it, and ctrl + wheel (a trackpad pinch) zooms it", async () => {
  const p = await openMap(`?view=map&data=${MT.slice(1)}`, { marks: 6 });
  const svg = p.page.locator("[data-testid=map-box] svg");
  const viewBox = () => svg.getAttribute("viewBox");
  const changed = (before) =>
    p.page.waitForFunction((b) => document.querySelector("[data-testid=map-box] svg").getAttribute("viewBox") !== b, before);
  await svg.scrollIntoViewIfNeeded();
  const box = await svg.boundingBox();
  // Start on the map's background, inside the viewport.
  const [x, y] = [box.x + box.width * 0.9, box.y + Math.min(box.height / 2, 200)];
  let before = await viewBox();
  await p.page.mouse.move(x, y);
  await p.page.mouse.down();
  await p.page.mouse.move(x - 120, y - 40, { steps: 4 });
  await p.page.mouse.up();
  await changed(before);
  const [bx, by, bw] = before.split(/\s+/).map(Number);
  const [ax, ay, aw] = (await viewBox()).split(/\s+/).map(Number);
  assert.ok(ax > bx && ay > by, `dragging left and up shows what lies right and below (${before} -> ${ax} ${ay})`);
  assert.equal(aw, bw, "a drag does not zoom");
  assert.equal(await p.page.getByTestId("profile").count(), 0, "a drag opens no profile");
  assert.equal(new URL(p.page.url()).searchParams.get("place"), null, "a drag writes no place");
  before = await viewBox();
  await p.page.mouse.move(x, y);
  await p.page.keyboard.down("Control");
  await p.page.mouse.wheel(0, -100);
  await p.page.keyboard.up("Control");
  await changed(before);
  assert.ok(Number((await viewBox()).split(/\s+/)[2]) < aw, "zoomed in: a narrower view");
  p.assertClean(assert);
  await p.close();
});
