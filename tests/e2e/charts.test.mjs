// Charts: the year range drives the chart and its table; conflicts; events; downloads; screenshots.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { serve, launch, openPage, waitForMatrix, waitForCharts, screenshot, ARTIFACTS, DIST } from "./harness.mjs";

let server, browser;
before(async () => {
  server = await serve({ csp: true });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

async function openTable(page) {
  const details = page.locator("#charts [data-testid=chart] details.chart-table").first();
  await details.locator("summary").click();
  // The charts section's (a profile's one-page brief, shown only in print, has tables too).
  return page.locator("#charts").getByTestId("chart-table").first();
}

test("?from=2017&to=2019 shows only 2017–2019 in the chart's data table", async () => {
  const p = await openPage(browser, { allowedOrigins: [server.origin] });
  await p.page.goto(server.url("?from=2017&to=2019&place=missoula-mt"));
  await waitForMatrix(p.page);
  // The charts are drawn by the lazily loaded module once their section nears the viewport.
  await p.page.locator("#charts").scrollIntoViewIfNeeded();
  const table = await openTable(p.page);
  assert.match(await table.locator("caption").textContent(), /Missoula [Pp]olice/);
  const periods = await table.locator("tbody th[scope=row]").allTextContents();
  assert.ok(periods.length >= 2, `rows: ${periods}`);
  for (const period of periods) assert.ok(["2017", "2018", "2019"].includes(period), `period ${period}`);
  const svg = p.page.locator("[data-testid=chart] svg[role=img]").first();
  assert.match(await svg.locator("title").textContent(), /Missoula [Pp]olice/);
  assert.match(await svg.locator("desc").textContent(), /7 in 2017, 8 in 2018/);
  p.assertClean(assert);
  await p.close();
});

test("conflicting figures are both listed with their sources, and the year filter redraws the chart", async () => {
  const p = await openPage(browser, { allowedOrigins: [server.origin] });
  await p.page.goto(server.url("?series=mt-doj-cases"));
  await waitForMatrix(p.page);
  assert.match(await p.page.getByTestId("conflict-note").textContent(), /2021, 2023/);
  const table = await openTable(p.page);
  const rows2023 = table.locator("tbody tr", { has: p.page.locator("th", { hasText: /^2023$/ }) });
  assert.equal(await rows2023.count(), 2);
  const cells = await rows2023.allTextContents();
  assert.ok(cells.some((c) => c.includes("143")) && cells.some((c) => c.includes("147")));
  assert.equal(await rows2023.locator("a[href^='https://']").count(), 2, "each figure links to its source");
  // Typing a year range redraws the chart (the URL is the source of truth).
  await p.page.locator("input[name=from]").fill("2022");
  await p.page.locator("input[name=from]").press("Tab");
  await p.page.waitForFunction(() => location.search.includes("from=2022"));
  await p.page.waitForFunction(() => !document.querySelector("[data-testid=chart] svg desc").textContent.includes("2015"));
  p.assertClean(assert);
  await p.close();
});

test("event markers are reachable by keyboard and show the event", async () => {
  const p = await openPage(browser, { allowedOrigins: [server.origin] });
  await p.page.goto(server.url("?series=mt-doj-cases"));
  await waitForMatrix(p.page);
  const event = p.page.locator("button.event", { hasText: "HB 112" });
  await event.focus();
  await p.page.keyboard.press("Enter");
  const detail = p.page.locator("[data-testid=event-detail]:visible");
  await detail.waitFor();
  assert.match(await detail.textContent(), /HB 112/);
  p.assertClean(assert);
  await p.close();
});

test("downloads give non-empty SVG, PNG and CSV files with the source line", async () => {
  const p = await openPage(browser, { allowedOrigins: [server.origin] });
  await p.page.goto(server.url("?series=mt-doj-cases"));
  await waitForMatrix(p.page);
  const get = async (name) => {
    const [download] = await Promise.all([
      p.page.waitForEvent("download"),
      p.page.getByRole("button", { name }).first().click(),
    ]);
    return fs.readFileSync(await download.path());
  };
  const svg = (await get("Download SVG")).toString("utf8");
  assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="960" height="\d+"/);
  assert.match(svg, /<title id="[^"]+">[^<]*Montana DOJ[^<]*<\/title>/);
  // The file stands on its own: title, unit, sources, credit and as-of date are drawn text.
  const texts = await p.page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, "image/svg+xml");
    return [...doc.querySelectorAll("text")].map((t) => t.textContent);
  }, svg);
  const drawn = texts.join(" ");
  assert.match(drawn, /Human trafficking cases reported by the Montana DOJ/);
  assert.match(drawn, /Unit: cases/);
  assert.match(drawn, /Source: .*Montana/);
  assert.match(drawn, /Cite as: /);
  assert.match(drawn, /Data as of 2026-12-06, version /);
  const png = await get("Download PNG");
  assert.ok(png.length > 1000, `PNG of ${png.length} bytes`);
  assert.deepEqual([...png.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
  // Twice the picture's size, caption included (taller than the 420 px drawing).
  assert.equal(png.readUInt32BE(16), 1920);
  assert.ok(png.readUInt32BE(20) > 2 * 420 + 100, `PNG height ${png.readUInt32BE(20)}`);
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  fs.writeFileSync(path.join(ARTIFACTS, "chart-download.png"), png);
  const csv = (await get("Download CSV")).toString("utf8");
  assert.match(csv, /^period,series,value,unit,source,source_url,conflict,note/);
  assert.match(csv, /\r\n2023,[^,\r\n]*Montana DOJ[^,\r\n]*,143,/);
  assert.match(csv, /Cite as,/);
  const asOf = JSON.parse(fs.readFileSync(path.join(DIST, "data/dataset.json"), "utf8")).meta.as_of;
  assert.ok(csv.includes(`Data as of,${asOf}`), "the data's as-of date");
  p.assertClean(assert);
  await p.close();
});

test("Choose series: the checkboxes are built when opened, reflect the URL and add a chart", async () => {
  const p = await openPage(browser, { allowedOrigins: [server.origin] });
  await p.page.goto(server.url("?series=mt-doj-cases"));
  await waitForMatrix(p.page);
  await waitForCharts(p.page, 1);
  const box = p.page.locator("details.series-picker-box");
  assert.equal(await box.locator("input[name=series]").count(), 0, "not built before it is opened");
  await box.locator("summary").click();
  const doj = box.locator("input[name=series][value=mt-doj-cases]");
  await doj.waitFor();
  assert.ok(await doj.isChecked(), "the series named in the URL is ticked");
  const calls = box.locator("input[name=series][value=nhth-montana-calls]");
  assert.equal(await calls.isChecked(), false);
  await calls.check();
  await p.page.waitForFunction(() => new URLSearchParams(location.search).get("series") === "mt-doj-cases,nhth-montana-calls");
  await waitForCharts(p.page, 2);
  assert.equal(await p.page.getByTestId("chart").count(), 2);
  p.assertClean(assert);
  await p.close();
});

test("chart screenshots at 1280 and 390 px", async () => {
  for (const width of [1280, 390]) {
    const p = await openPage(browser, { width, allowedOrigins: [server.origin] });
    await p.page.goto(server.url("?series=mt-doj-cases,nhth-montana-calls"));
    await waitForMatrix(p.page);
    await waitForCharts(p.page, 2);
    const charts = p.page.getByTestId("chart");
    assert.equal(await charts.count(), 2, "cases and calls get separate panels");
    await charts.first().screenshot({ path: `${(await screenshot(p.page, `charts-page-${width}`)).replace(/charts-page/, "chart")}` });
    p.assertClean(assert);
    await p.close();
  }
});
