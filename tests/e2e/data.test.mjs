// The data path: a `data=` file is fetched once, by the loader while the wasm downloads, and the
// app takes that fetch; a file with problems is read on the fast path, which refuses it, and the
// lazily loaded module lists its problems with their lines; if that module cannot be loaded,
// the message still names the file.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { serve, launch, openPage, waitForMatrix, screenshot, FIXTURES, DIST } from "./harness.mjs";

const small = fs.readFileSync(path.join(FIXTURES, "small.json"), "utf8");
const doc = JSON.parse(small);
doc.uses[0].place = "nowhere";
const bad = JSON.stringify(doc, null, 2);
const FILES = {
  "/data/own.json": { body: small, type: "application/json" },
  "/data/bad.json": { body: bad, type: "application/json" },
};

let server, browser;
before(async () => {
  server = await serve({ csp: true, extra: FILES });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const fetchesOf = (srv, file) => srv.requests.filter((r) => r.startsWith(file));

test("a data= file is fetched once: the app takes the loader's early fetch", async () => {
  // A short window: the charts (whose module fetches the file itself) stay out of reach.
  const p = await openPage(browser, { height: 600, allowedOrigins: [server.origin] });
  server.requests.length = 0;
  await p.page.addInitScript(() => {
    let early;
    Object.defineProperty(window, "__tacticsData", {
      configurable: true,
      get: () => early,
      set: (v) => { early = v; window.__earlyUrl = v?.url; },
    });
  });
  // A theme is the app's (with the matrix's state only, the data view would answer: it takes the
  // early fetch itself, tests/e2e/data-view.test.mjs).
  await p.page.goto(server.url("?data=data/own.json&theme=light"));
  await waitForMatrix(p.page);
  assert.match(await p.page.getByTestId("matrix-table").textContent(), /Gamma County/);
  assert.equal(fetchesOf(server, "/data/own.json").length, 1, "one fetch of the file");
  // The page's guard script started it (the app deletes the promise when it takes it): with one request
  // in all, the app used the loader's fetch instead of its own.
  assert.match(await p.page.evaluate(() => window.__earlyUrl ?? ""), /\/data\/own\.json$/);
  assert.equal(await p.page.evaluate(() => "__tacticsData" in window), false, "taken by the app");
  p.assertClean(assert);
  await p.close();
});

test("a file with problems is shown with the located list from the module", async () => {
  const p = await openPage(browser, { allowedOrigins: [server.origin] });
  await p.page.goto(server.url("?data=data/bad.json"));
  await waitForMatrix(p.page);
  const box = p.page.getByTestId("problems");
  await box.waitFor();
  const kinds = await p.page.getByTestId("problem-kinds").textContent();
  assert.match(kinds, /jurisdiction "…" does not exist: \$\.uses\[…\]\.place/);
  const line = bad.split("\n").findIndex((l) => l.includes('"nowhere"')) + 1;
  assert.match(kinds, new RegExp(`\\$\\.uses\\[0\\]\\.place \\(line ${line}, column \\d+\\)`));
  await screenshot(p.page, "data-problems-from-module");
  p.assertClean(assert);
  await p.close();
});

test("when the module cannot be loaded, a file with problems is named", async () => {
  const html = fs.readFileSync(path.join(DIST, "index.html"), "utf8");
  const loader = html.match(/<meta name="?tactics-worker"? content="?\.\/([^">]+)"?>/)[1];
  const broken = await serve({
    csp: true,
    extra: { ...FILES, [`/${loader}`]: { status: 404, body: "gone", type: "text/plain" } },
  });
  const p = await openPage(browser, { allowedOrigins: [broken.origin] });
  await p.page.goto(broken.url("?data=data/bad.json"));
  const error = p.page.getByTestId("load-error");
  await error.waitFor();
  assert.match(await error.textContent(), /The file \S*data\/bad\.json has problems/);
  await screenshot(p.page, "data-problems-module-failed");
  p.ignore(/404|Failed to load|worker/i);
  p.assertClean(assert);
  await p.close();
  await broken.close();
});
