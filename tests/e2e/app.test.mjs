// Foundation: the built site loads the bundled dataset and shows it; load failures are clear.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { serve, launch, openPage, waitForMatrix, screenshot, FIXTURES } from "./harness.mjs";

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
  const names = await p.page.locator("tbody th[scope=row] button.place").allTextContents();
  for (const place of ["Missoula", "Missoula County", "Billings", "Montana", "United States"]) {
    assert.ok(names.includes(place), `${place} is listed (got ${names.join(", ")})`);
  }
  assert.match(await p.page.getByTestId("row-count").textContent(), /^\d+ of \d+ places$/);
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
  await p.page.goto(server.url("?data=/fixtures/malformed.json"));
  const error = p.page.getByTestId("load-error");
  await error.waitFor();
  const text = await error.textContent();
  assert.match(text, /not valid JSON/);
  assert.match(text, /line 5, column 27/);
  p.assertClean(assert);
  await p.close();
});
