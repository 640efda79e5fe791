// Embedding: the iframe and its resize messages, quick exit, strict CSP, data= origins, sub-paths.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { serve, launch, openPage, waitForMatrix, screenshot, FIXTURES, DIST, ROOT } from "./harness.mjs";

const EXIT = "https://www.weather.gov/";
let app, browser;
before(async () => {
  app = await serve({
    csp: true,
    extra: { "/fixtures/small.json": { file: path.join(FIXTURES, "small.json"), type: "application/json" } },
  });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await app?.close();
});

/** Answers the neutral exit site locally, so leaving works without the internet. */
async function fakeExitSite(p) {
  p.allow(new URL(EXIT).origin);
  await p.page.route(`${EXIT}**`, (route) => route.fulfill({ status: 200, contentType: "text/html", body: "<title>Weather</title>neutral" }));
}

test("a host page on another origin embeds ?embed=1, gets resize messages and resizes", async () => {
  const hostHtml = `<!doctype html><title>Task force</title><link rel="icon" href="data:,"><h1>Our county</h1>
    <iframe src="${app.url("?embed=1&place=missoula-mt")}" title="Explorer" data-tactics-explorer
      style="width:100%;height:300px;border:0"></iframe>
    <script>window.heights = []; addEventListener("message", (e) => {
      if (e.data && e.data.type === "tactics-explorer:resize") window.heights.push(e.data.height); });</script>
    <script src="${app.url("embed-host.js")}"></script>`;
  const host = await serve({ dir: FIXTURES, extra: { "/host.html": { body: hostHtml, type: "text/html" } } });
  const p = await openPage(browser, { width: 900, allowedOrigins: [host.origin, app.origin] });
  await p.page.goto(`${host.origin}/host.html`);
  await p.page.waitForFunction(() => window.heights.length > 0 && window.heights.at(-1) > 600, null, { timeout: 30000 });
  await p.page.waitForFunction(() => {
    const f = document.querySelector("iframe");
    return f.style.height === `${window.heights.at(-1)}px`;
  });
  const frame = p.page.frameLocator("iframe");
  await frame.locator("[data-testid=matrix-table] tbody tr").first().waitFor();
  // Embed mode: no masthead, a link to the full explorer, the data credit.
  assert.equal(await frame.locator("header.masthead").isVisible(), false);
  assert.equal(await frame.getByRole("link", { name: "Open full explorer" }).count(), 1);
  assert.match(await frame.getByTestId("credit").textContent(), /Data:/);
  assert.equal(await frame.getByTestId("quick-exit").count(), 1);
  // Messages carry the height only.
  const keys = await p.page.evaluate(() => new Promise((resolve) => {
    addEventListener("message", (e) => resolve(Object.keys(e.data).sort()), { once: true });
    document.querySelector("iframe").style.width = "600px";
  }));
  assert.deepEqual(keys, ["height", "type"]);
  await screenshot(p.page, "embed-host");
  p.assertClean(assert);
  await p.close();
  await host.close();
});

test("controls=0 hides the filter panel", async () => {
  const p = await openPage(browser, { allowedOrigins: [app.origin] });
  await p.page.goto(app.url("?embed=1&controls=0&tactics=web-stings"));
  await waitForMatrix(p.page);
  assert.equal(await p.page.getByTestId("filters").count(), 0);
  p.assertClean(assert);
  await p.close();
});

test("quick exit leaves with location.replace, so Back does not return", async () => {
  for (const how of ["button", "escape"]) {
    const p = await openPage(browser, { allowedOrigins: [app.origin] });
    await fakeExitSite(p);
    await p.page.goto(app.url());
    await waitForMatrix(p.page);
    const length = await p.page.evaluate(() => history.length);
    if (how === "button") {
      await p.page.getByTestId("quick-exit").click();
    } else {
      await p.page.keyboard.press("Escape");
      await p.page.keyboard.press("Escape");
    }
    await p.page.waitForURL(EXIT);
    assert.equal(await p.page.evaluate(() => history.length), length, `${how}: no new history entry`);
    p.assertClean(assert);
    await p.close();
  }
});

test("the page runs under the strict CSP with no violations", async () => {
  const p = await openPage(browser, { allowedOrigins: [app.origin] });
  const violations = [];
  await p.page.exposeFunction("reportViolation", (v) => violations.push(v));
  await p.page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => window.reportViolation(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const response = await p.page.goto(app.url("?accent=ffcc00&theme=dark"));
  assert.match(response.headers()["content-security-policy"], /script-src 'self' 'wasm-unsafe-eval'/);
  await waitForMatrix(p.page);
  assert.deepEqual(violations, []);
  p.assertClean(assert);
  await p.close();
});

test("the page's scripts are files: the checked-in loader and guard, and the manifest the build wrote", () => {
  const html = fs.readFileSync(path.join(DIST, "index.html"), "utf8");
  const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
  const inline = scripts.filter(([, attrs, body]) => !/\ssrc=/.test(attrs) && !/type="?application\/json/.test(attrs) && body.trim());
  assert.deepEqual(inline.map(([tag]) => tag.slice(0, 80)), [], "no inline script (the strict CSP would refuse it)");
  // The shipped copies are the checked-in files without their whole comment lines.
  const shipped = (name) => {
    const m = html.match(new RegExp(`src="\\./(${name}-[0-9a-f]{16}\\.js)"`));
    assert.ok(m, `index.html links ${name}`);
    return fs.readFileSync(path.join(DIST, m[1]), "utf8");
  };
  for (const name of ["loader", "pre-guard"]) {
    const source = fs.readFileSync(path.join(ROOT, "public", `${name}.js`), "utf8").replace(/^\s*\/\/.*\n/gm, "");
    assert.equal(shipped(name), source, `${name} is public/${name}.js`);
  }
  const json = html.match(/<script type="?application\/json"? id="?tactics-manifest"?>([^<]*)<\/script>/);
  assert.ok(json, "the manifest is in the page");
  const manifest = JSON.parse(json[1]);
  for (const module of ["app", "firstView", "dataView"]) {
    for (const part of ["js", "wasm"]) assert.ok(fs.existsSync(path.join(DIST, manifest[module][part])), `${module}.${part} is built`);
  }
  assert.ok(manifest.matrixKeys.includes("tactics") && !manifest.matrixKeys.includes("place"), "the matrix's URL keys");
});

test("a foreign data= is refused and not fetched; a same-origin one loads", async () => {
  const evil = await serve({ dir: FIXTURES });
  const p = await openPage(browser, { allowedOrigins: [app.origin] });
  await p.page.goto(app.url(`?data=${encodeURIComponent(`${evil.origin}/small.json`)}`));
  await waitForMatrix(p.page);
  assert.match(await p.page.getByTestId("url-notices").textContent(), /another site/);
  assert.deepEqual(evil.requests, [], "nothing was requested from the other origin");
  assert.ok(!(await p.page.getByTestId("matrix-table").locator("tbody").textContent()).includes("Alpha"), "the bundled data is shown");
  await p.page.goto(app.url("?data=/fixtures/small.json"));
  await waitForMatrix(p.page);
  assert.deepEqual(await p.page.locator("tbody th button.place").allTextContents(), ["Alpha", "Beta", "Gamma County"]);
  p.assertClean(assert);
  await p.close();
  await evil.close();
});

test("the same dist/ works under a sub-path", async () => {
  const sub = await serve({ base: "/tools/tactics/", csp: true });
  const p = await openPage(browser, { allowedOrigins: [sub.origin] });
  await p.page.goto(sub.url("?place=missoula-mt"));
  await waitForMatrix(p.page);
  assert.ok(sub.requests.includes("/tools/tactics/data/dataset.json"));
  await p.page.getByTestId("profile").waitFor();
  p.assertClean(assert);
  await p.close();
  await sub.close();
});

test("the embed dialog gives an iframe snippet for the current view", async () => {
  const p = await openPage(browser, { allowedOrigins: [app.origin] });
  // John School's uses have no known year: with a year range they count when asked for.
  await p.page.goto(app.url("?tactics=john-school&from=2015&undated=1"));
  await waitForMatrix(p.page);
  // The task forces' tools are in a small menu in the masthead.
  await p.page.getByText("For task forces: embed, use your own data").click();
  await p.page.getByRole("button", { name: "Embed this view" }).click();
  // The snippet is built once the panel is open.
  await p.page.waitForFunction(() => document.querySelector("[data-testid=embed-code]").value !== "");
  const code = await p.page.getByTestId("embed-code").inputValue();
  assert.match(code, /^<iframe src="http:\/\/127\.0\.0\.1:\d+\/\?tactics=john-school&amp;from=2015&amp;undated=1&amp;embed=1"/);
  assert.match(code, /title="[^"]+"/);
  assert.match(code, /loading="lazy"/);
  assert.match(code, /width="100%"/);
  assert.match(code, /embed-host\.js/);
  const toggle = p.page.getByRole("button", { name: "Embed this view" });
  assert.equal(await toggle.getAttribute("aria-expanded"), "true");
  // Without the auto-height script, and following the view while open.
  await p.page.getByLabel("Include the auto-height script (the frame grows with its content)").uncheck();
  assert.doesNotMatch(await p.page.getByTestId("embed-code").inputValue(), /<script/);
  const first = await p.page.locator("[data-testid=matrix-table] tbody tr").first().getAttribute("data-place");
  await p.page.locator(`#row-${first}`).click();
  await p.page.waitForFunction(
    (id) => document.querySelector("#embed-code").value.includes(`place=${id}&amp;embed=1`),
    first,
  );
  await toggle.click();
  assert.equal(await toggle.getAttribute("aria-expanded"), "false");
  assert.ok(await p.page.locator("#embed-panel").isHidden());
  p.assertClean(assert);
  await p.close();
});
