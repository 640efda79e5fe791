// Hostile datasets and a soak: no script runs, nothing panics, a clear message, the page stays usable.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { serve, launch, openPage, waitForMatrix, FIXTURES } from "./harness.mjs";

const small = fs.readFileSync(path.join(FIXTURES, "small.json"), "utf8");
const PAYLOADS = [
  `<img src=x onerror="window.__xss=1">`,
  `<script>window.__xss=2</script>`,
  `"><svg onload="window.__xss=3">`,
];
const TEXT_KEYS = new Set(["title", "summary", "description", "definition", "note", "publisher",
  "citation", "licence", "unit", "topic", "partners", "caveats"]);

/** Every free-text field of the fixture with markup and script in it. */
function withMarkup() {
  let n = 0;
  const visit = (v, key, parentKey) => {
    if (Array.isArray(v)) return v.map((x) => visit(x, key, parentKey));
    if (v && typeof v === "object") {
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, visit(x, k, key)]));
    }
    const isName = key === "name" && parentKey !== "tactics";
    if (typeof v === "string" && (TEXT_KEYS.has(key) || isName)) return PAYLOADS[n++ % PAYLOADS.length] + v;
    return v;
  };
  const doc = JSON.parse(small);
  return JSON.stringify({ ...visit(doc, "", ""), tactics: doc.tactics.map((t) => ({ ...visit(t, "", "tactics"), name: t.name })) });
}

function mutate(change) {
  const doc = JSON.parse(small);
  change(doc);
  return JSON.stringify(doc, null, 2);
}

const HOSTILE = {
  "markup.json": { body: withMarkup(), expect: "data", text: "<img src=x" },
  "js-urls.json": {
    body: mutate((d) => {
      d.sources[0].url = "javascript:window.__xss=4";
      d.sources[1].url = "data:text/html,<script>window.__xss=5</script>";
      d.resources[0].url = "javascript:window.__xss=6";
      d.meta.exit_url = "javascript:window.__xss=7";
    }),
    expect: "data", text: "is not an http(s) URL",
  },
  "huge-numbers.json": {
    body: small.replace('"value": 74822', '"value": 1e400').replace('"value": 7,', '"value": 99999999999999999999999999,'),
    expect: "data", text: "whole number",
  },
  "deep.json": { body: `{"meta": ${"[".repeat(5000)}${"]".repeat(5000)}}`, expect: "error", text: "nesting deeper than 64" },
  "wrong-types.json": {
    body: mutate((d) => { d.jurisdictions = { a: 1 }; d.uses[0].first_year = "2016"; d.series[0].observations = "many"; }),
    expect: "error-or-data", text: "expected an array",
  },
  // The browser's UTF-8 decoding drops a byte order mark; the data must load as usual.
  "bom.json": { body: "\uFEFF" + small, expect: "data", text: "Gamma County" },
  "duplicate-keys.json": {
    body: small.replace('"name": "Alpha",', '"name": "Alpha", "name": "<b>Shadow</b>",'),
    expect: "data", text: "duplicate key \"name\"",
  },
  // Latin-1 instead of UTF-8: refused with the line and column of the first bad byte.
  "latin1.json": {
    body: Buffer.concat([Buffer.from('{\n  "meta": "caf'), Buffer.from([0xe9]), Buffer.from('"\n}')]),
    expect: "error", text: "not UTF-8 text: byte 16 is not valid UTF-8 (line 2, column 15)",
  },
  "not-json.json": { body: "<html><script>window.__xss=8</script></html>", expect: "error", text: "not valid JSON" },
  "huge.json": { body: null, expect: "error", text: "larger than the limit of 20 MB" },
};

let server, browser;
before(async () => {
  const extra = {};
  for (const [name, h] of Object.entries(HOSTILE)) {
    const body = h.body ?? Buffer.alloc(50 * 1024 * 1024, 0x20);
    extra[`/hostile/${name}`] = { body, type: "application/json" };
  }
  extra["/fixtures/small.json"] = { body: small, type: "application/json" };
  server = await serve({ csp: true, extra });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

for (const [name, h] of Object.entries(HOSTILE)) {
  test(`hostile dataset ${name}: no script, no panic, a clear message, still usable`, async () => {
    const p = await openPage(browser, { allowedOrigins: [server.origin] });
    await p.page.goto(server.url(`?data=/hostile/${name}`));
    const app = "[data-testid=matrix-table] tbody tr, [data-testid=empty], [data-testid=load-error]";
    await p.page.waitForSelector(`${app}, #pre.live`, { timeout: 30000 });
    if (await p.page.locator("#pre.live").count()) {
      // The first view of a ?data= file shows a clean file itself: its text is text there too.
      assert.equal(await p.page.evaluate(() => window.__xss), undefined, "no injected script ran in the first view");
      assert.equal(await p.page.locator("#pre img, #pre script, a[href^='javascript:'], a[href^='data:']").count(), 0);
      await p.page.evaluate(() => dispatchEvent(new CustomEvent("tactics-load-app")));
    }
    await p.page.waitForSelector(app, { timeout: 30000 });
    const shown = (await p.page.getByTestId("load-error").count()) ? "error" : "data";
    if (h.expect !== "error-or-data") assert.equal(shown, h.expect);
    const body = await p.page.locator("body").textContent();
    assert.ok(body.includes(h.text), `the page says ${JSON.stringify(h.text)}`);
    assert.equal(await p.page.evaluate(() => window.__xss), undefined, "no injected script ran");
    assert.equal(await p.page.locator("main img, main script, main svg[onload], a[href^='javascript:'], a[href^='data:']").count(), 0);
    // Still usable: help opens, filters (when data is shown) still filter.
    await p.page.getByRole("button", { name: "Get help" }).click();
    await p.page.locator("#help-panel:not([hidden])").waitFor();
    if (shown === "data") {
      await p.page.locator("#q").fill("zzz");
      await p.page.getByTestId("empty").waitFor();
    }
    p.assertClean(assert);
    await p.close();
  });
}

test("soak: 1,000 random filter changes, no errors, memory stays bounded", async () => {
  const p = await openPage(browser, { allowedOrigins: [server.origin] });
  await p.page.addInitScript(() => {
    addEventListener("TrunkApplicationStarted", (e) => { window.__wasm = e.detail.wasm; });
  });
  await p.page.goto(server.url());
  await waitForMatrix(p.page);
  const run = (count, seed) => p.page.evaluate(async ({ count, seed }) => {
    let s = seed;
    const rnd = (n) => { s = (s * 1103515245 + 12345) % 2147483648; return s % n; };
    const tick = () => new Promise((r) => setTimeout(r, 0));
    for (let i = 0; i < count; i++) {
      const boxes = [...document.querySelectorAll(".filters input[type=checkbox], .filters input[type=radio]")];
      const action = rnd(10);
      if (action < 6 && boxes.length) {
        boxes[rnd(boxes.length)].click();
      } else if (action < 8) {
        const q = document.querySelector("#q");
        q.value = ["", "m", "mi", "bil", "county", "zz"][rnd(6)];
        q.dispatchEvent(new Event("input", { bubbles: true }));
      } else if (action < 9) {
        const sorts = [...document.querySelectorAll("button.sort")];
        sorts[rnd(sorts.length)].click();
      } else {
        const clear = document.querySelector("[data-testid=clear-filters]");
        if (!clear.disabled) clear.click();
      }
      await tick();
    }
    const heap = performance.memory ? performance.memory.usedJSHeapSize : 0;
    const wasm = window.__wasm?.memory?.buffer?.byteLength ?? 0;
    return { heap, wasm };
  }, { count, seed });
  const first = await run(500, 7);
  const second = await run(500, 11);
  const growth = (second.heap + second.wasm) - (first.heap + first.wasm);
  console.log(`soak memory after 500: heap ${first.heap} wasm ${first.wasm}; after 1000: heap ${second.heap} wasm ${second.wasm}`);
  assert.ok(growth < 16 * 1024 * 1024, `memory grew by ${growth} bytes over the second 500 changes`);
  await waitForMatrix(p.page).catch(() => p.page.getByTestId("empty").waitFor());
  p.assertClean(assert);
  await p.close();
});

test("the worker answers a malformed message with an error that says what was wrong, and keeps answering", async () => {
  const p = await openPage(browser, { allowedOrigins: [server.origin] });
  await p.page.goto(server.url());
  // A worker of its own, started from the build's loader as the app starts it
  // (messages: crates/core/src/query/worker_protocol.rs).
  const replies = await p.page.evaluate(async () => {
    const url = document.querySelector("meta[name=tactics-worker]").content;
    const worker = new Worker(url, { type: "module" });
    const next = () => new Promise((resolve) => { worker.onmessage = (e) => resolve(e.data); });
    const ready = await next();
    const ask = (message) => { const reply = next(); worker.postMessage(message); return reply; };
    const out = {
      ready,
      notAnArray: await ask({ id: 3, op: "charts" }),
      unknown: await ask([JSON.stringify({ id: 4, request: "frobnicate" })]),
      wrongType: await ask([JSON.stringify({ id: 5, request: { charts: { series: "mt" } } })]),
      missingFile: await ask([JSON.stringify({ id: 6, request: { import: { names: ["a.csv"], max_year: 2027 } } })]),
      start: await ask([JSON.stringify({ id: 7, request: "start" })]),
    };
    worker.terminate();
    return out;
  });
  const envelope = (m) => {
    assert.ok(Array.isArray(m) && typeof m[0] === "string", `a message is an array with the text first: ${JSON.stringify(m)}`);
    return JSON.parse(m[0]);
  };
  assert.equal(envelope(replies.ready), "ready");
  const error = (m, id) => {
    const { reply } = envelope(m);
    assert.equal(reply.id, id);
    assert.equal(typeof reply.reply.Err, "string", JSON.stringify(reply));
    return reply.reply.Err;
  };
  assert.match(error(replies.notAnArray, 0), /not a request/);
  assert.match(error(replies.unknown, 4), /unknown variant `frobnicate`, expected one of `data`/);
  assert.match(error(replies.wrongType, 5), /invalid type: string "mt", expected a sequence/);
  assert.equal(error(replies.missingFile, 6), "The “import” request came with 0 file(s) where it names 1.");
  assert.deepEqual(envelope(replies.start), { reply: { id: 7, reply: { Ok: "done" } } });
  p.assertClean(assert);
  await p.close();
});
