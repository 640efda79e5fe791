// Foundation: the built site loads the bundled dataset and shows it; load failures are clear.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { serve, launch, openPage, waitForMatrix, screenshot, FIXTURES, DIST } from "./harness.mjs";

let server, browser;
before(async () => {
  server = await serve({
    extra: { "/fixtures/malformed.json": { file: path.join(FIXTURES, "malformed.json"), type: "application/json" } },
  });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test("the bundled dataset loads and its places are listed", async () => {
  const p = await openPage(browser, { allowedOrigins: [server.origin] });
  await p.page.goto(server.url());
  await waitForMatrix(p.page);
  // The first page is the first 25 places by name, of every place in the file.
  const data = JSON.parse(fs.readFileSync(path.join(DIST, "data/dataset.json"), "utf8"));
  const key = (j) => [j.name.toLowerCase(), j.id];
  const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
  const byName = [...data.jurisdictions]
    .sort((a, b) => cmp(key(a)[0], key(b)[0]) || cmp(key(a)[1], key(b)[1]))
    .map((j) => j.name);
  let names = await p.page.locator("tbody th[scope=row] button.place").allTextContents();
  assert.deepEqual(names, byName.slice(0, 25));
  const n = data.jurisdictions.length;
  assert.equal(await p.page.getByTestId("row-count").textContent(), `${n} of ${n} places`);
  await p.page.goto(server.url("?state=MT"));
  await waitForMatrix(p.page);
  await p.page.waitForFunction(
    (total) => !document.querySelector("[data-testid=row-count]")?.textContent.startsWith(`${total} of`),
    n,
  );
  names = await p.page.locator("tbody th[scope=row] button.place").allTextContents();
  for (const place of ["Missoula", "Missoula County", "Billings", "Montana"]) {
    assert.ok(names.includes(place), `${place} is listed (got ${names.join(", ")})`);
  }
  assert.ok(server.requests.some((r) => r.endsWith("/data/dataset.json")), "dataset fetched over HTTP");
  await screenshot(p.page, "desktop-1280");
  p.assertClean(assert);
  await p.close();
});

test("a missing dataset shows a clear message, not a blank page", async () => {
  const p = await openPage(browser, { allowedOrigins: [server.origin] });
  await p.page.goto(server.url("?data=missing.json"));
  const error = p.page.getByTestId("load-error");
  await error.waitFor();
  const text = await error.textContent();
  assert.match(text, /could not be loaded/);
  assert.match(text, /404/);
  assert.match(text, /missing\.json/);
  // The rest of the page still works: help and quick exit are there.
  assert.equal(await p.page.getByTestId("quick-exit").isVisible(), true);
  p.ignore(/404|Failed to load resource/);
  p.assertClean(assert);
  await p.close();
});

test("a malformed dataset names the problem and where it is", async () => {
  const p = await openPage(browser, { allowedOrigins: [server.origin] });
  server.requests.length = 0;
  await p.page.goto(server.url("?data=/fixtures/malformed.json"));
  const error = p.page.getByTestId("load-error");
  await error.waitFor();
  const text = await error.textContent();
  assert.match(text, /not valid JSON/);
  assert.match(text, /line 5, column 27/);
  // The problems are listed by the worker, from the file the app fetched, not from a fetch of
  // its own: two fetches, the data view's (which reads a ?data= file first and keeps no copy
  // for the app when it hands it over, crates/first-view/src/data.rs) and the app's.
  assert.ok(server.requests.some((r) => r.includes("tactics-worker")), "the worker listed them");
  assert.equal(server.requests.filter((r) => r.startsWith("/fixtures/malformed.json")).length, 2);
  p.assertClean(assert);
  await p.close();
});
