// The compare view and the one-page brief (issue 28): `?compare=` lists the peers of each group
// with the reason shown, adding and removing a place updates the table and the URL and Back
// restores the set, the "documented for a compared place, not here" list agrees with the data
// (computed here from public/data/dataset.json, not by the app's code), unknown ids get a
// notice, axe finds no serious or critical violation, the keyboard goes from the profile to the
// compare view and back, it works embedded under the CSP and on a phone, and the brief prints
// on one US Letter and one A4 page for every place of the bundled data.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import zlib from "node:zlib";
import { serve, launch, openPage, waitForMatrix, ARTIFACTS, ROOT, DIST } from "./harness.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const AXE = fs.readFileSync(path.join(here, "node_modules/axe-core/axe.min.js"), "utf8");
const DATA = JSON.parse(fs.readFileSync(path.join(ROOT, "public/data/dataset.json"), "utf8"));

let server, cspServer, browser;
before(async () => {
  server = await serve();
  cspServer = await serve({ csp: true });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
  await cspServer?.close();
});

const open = (opts = {}) => openPage(browser, { allowedOrigins: [server.origin, cspServer.origin], ...opts });
const byId = new Map(DATA.jurisdictions.map((j) => [j.id, j]));
const used = (place, tactic) =>
  DATA.uses.some((u) => u.place === place && u.tactic === tactic && u.status === "used");

/** Great-circle kilometres, written here apart from the app's code. */
function km(a, b) {
  const r = (d) => (d * Math.PI) / 180;
  const h = Math.sin(r(b.lat - a.lat) / 2) ** 2 + Math.cos(r(a.lat)) * Math.cos(r(b.lat)) * Math.sin(r(b.lon - a.lon) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}

async function openCompare(page, q) {
  await page.goto(server.url(`?${q}`));
  await page.getByTestId("compare-table").waitFor();
}

/** The places of the table's columns after the place itself. */
const columns = (page) =>
  page.$$eval("[data-testid=compare-table] thead th[data-place]", (ths) => ths.map((th) => th.dataset.place).slice(1));

async function axeProblems(page) {
  await page.addScriptTag({ content: AXE });
  return page.evaluate(async () => {
    const r = await window.axe.run(document.querySelector("[data-testid=compare]"), { resultTypes: ["violations"] });
    return r.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`);
  });
}

test("?compare=missoula-mt lists the peers of each group with its reason; the nearest are the nearest", async () => {
  const p = await open();
  await openCompare(p.page, "compare=missoula-mt");
  const groups = await p.page.$$eval("[data-testid=peer-groups] fieldset", (fs) =>
    fs.map((f) => ({
      id: f.dataset.group,
      reason: f.querySelector("legend").textContent,
      places: [...f.querySelectorAll("input[data-peer]")].map((i) => i.dataset.peer),
    })));
  assert.deepEqual(groups.map((g) => g.id), ["near", "state", "population"]);
  for (const g of groups) assert.ok(g.places.length >= 1 && g.places.length <= 5, `${g.id}: ${g.places}`);
  assert.match(groups[0].reason, /Nearest by distance/);
  assert.match(groups[1].reason, /same state \(MT\)/);
  assert.match(groups[2].reason, /Similar population \(within a factor of two/);
  // The five nearest cities and counties, computed here.
  const m = byId.get("missoula-mt");
  const nearest = DATA.jurisdictions
    .filter((j) => j.id !== m.id && j.location && (j.kind === "city" || j.kind === "county"))
    .map((j) => [km(m.location, j.location), j.id])
    .sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : 1))
    .slice(0, 5)
    .map(([, id]) => id);
  assert.deepEqual(groups[0].places, nearest);
  // Same state and similar population, by the data.
  for (const id of groups[1].places) assert.equal(byId.get(id).state, "MT", id);
  const pop = m.population.value;
  for (const id of groups[2].places) {
    const q = byId.get(id).population.value;
    assert.ok(q >= pop / 2 && q <= pop * 2, `${id}: ${q}`);
  }
  // Every proposed place is a column, each with its reason.
  const all = groups.flatMap((g) => g.places);
  assert.deepEqual(await columns(p.page), all);
  const why = await p.page.$$eval("[data-testid=compare-table] thead th[data-place] .why", (els) => els.map((e) => e.textContent));
  assert.equal(why[0], "this place");
  assert.ok(why.slice(1).every((w) => /nearby|same state|similar population/.test(w)), why.join(" | "));
  p.assertClean(assert);
  await p.close();
});

test("adding and removing a place updates the table and the URL, and Back restores the set", async () => {
  const p = await open();
  await openCompare(p.page, "compare=missoula-mt");
  const proposed = await columns(p.page);
  // Remove the first proposed place.
  const first = proposed[0];
  await p.page.locator(`[data-testid=group-near] input[data-peer="${first}"]`).uncheck();
  await p.page.waitForFunction((id) => !document.querySelector(`[data-testid=compare-table] th[data-place="${id}"]`), first);
  await p.page.waitForFunction(() => new URL(location.href).searchParams.has("with"));
  const without = proposed.slice(1);
  assert.deepEqual(await columns(p.page), without);
  assert.equal(new URL(p.page.url()).searchParams.get("with"), without.join(","));
  // Focus stays on the checkbox that was used.
  await p.page.waitForFunction((id) => document.activeElement?.dataset?.peer === id, first);
  // Add Portland, Oregon.
  await p.page.getByTestId("peer-add").selectOption("portland-or");
  await p.page.getByTestId("peer-add-button").click();
  await p.page.waitForSelector('[data-testid=compare-table] th[data-place="portland-or"]');
  await p.page.waitForFunction(() => (new URL(location.href).searchParams.get("with") || "").endsWith("portland-or"));
  assert.deepEqual(await columns(p.page), [...without, "portland-or"]);
  assert.match(await p.page.getByTestId("group-added").textContent(), /Portland, OR/);
  // Back: Portland goes; Back again: the proposed set.
  await p.page.goBack();
  await p.page.waitForFunction(() => !document.querySelector('[data-testid=compare-table] th[data-place="portland-or"]'));
  assert.deepEqual(await columns(p.page), without);
  await p.page.goBack();
  await p.page.waitForFunction((id) => !!document.querySelector(`[data-testid=compare-table] th[data-place="${id}"]`), first);
  assert.deepEqual(await columns(p.page), proposed);
  await p.page.waitForFunction(() => location.search === "?compare=missoula-mt");
  // Forward, and the whole view is in the link: a fresh load of it shows the same columns.
  await p.page.goForward();
  await p.page.waitForFunction((id) => !document.querySelector(`[data-testid=compare-table] th[data-place="${id}"]`), first);
  const link = p.page.url();
  const q = await open();
  await q.page.goto(link);
  await q.page.getByTestId("compare-table").waitFor();
  assert.deepEqual(await columns(q.page), without);
  q.assertClean(assert);
  await q.close();
  p.assertClean(assert);
  await p.close();
});

test("removing an added place leaves focus on the heading; the proposed places come back in one click", async () => {
  const p = await open();
  await openCompare(p.page, "compare=missoula-mt&with=portland-or");
  assert.deepEqual(await columns(p.page), ["portland-or"]);
  // A click, not uncheck(): the box goes with its group as the view is redrawn.
  await p.page.locator('[data-testid=group-added] input[data-peer="portland-or"]').click();
  await p.page.waitForFunction(() => location.search === "?compare=missoula-mt&with=");
  assert.deepEqual(await columns(p.page), []);
  await p.page.waitForFunction(() => document.activeElement?.id === "compare-title");
  await p.page.getByTestId("reset-peers").click();
  await p.page.waitForFunction(() => location.search === "?compare=missoula-mt");
  assert.equal((await columns(p.page)).length, 15);
  p.assertClean(assert);
  await p.close();
});

test("the list of tactics documented for a compared place and not here agrees with the data", async () => {
  const p = await open();
  for (const q of ["compare=missoula-mt", "compare=missoula-mt&with=portland-or,seattle-wa,bozeman-mt", "compare=portland-or"]) {
    await openCompare(p.page, q);
    const place = new URL(p.page.url()).searchParams.get("compare");
    const peers = await columns(p.page);
    const expected = DATA.tactics
      .filter((t) => !used(place, t.id) && peers.some((peer) => used(peer, t.id)))
      .map((t) => ({ tactic: t.id, peers: peers.filter((peer) => used(peer, t.id)) }));
    const shown = await p.page.$$eval("[data-testid=gaps] > li", (lis) =>
      lis.map((li) => ({ tactic: li.dataset.tactic, peers: [...li.querySelectorAll("[data-peer]")].map((s) => s.dataset.peer) })));
    assert.deepEqual(shown, expected, q);
    // The words: never "does not use", never a ranking.
    const text = (await p.page.getByTestId("compare").textContent()).toLowerCase();
    for (const banned of ["does not use", "doesn't use", "better", "worse"]) assert.ok(!text.includes(banned), `${q}: ${banned}`);
    if (expected.length) {
      const li = p.page.locator("[data-testid=gaps] > li").first();
      assert.match(await li.textContent(), /no record found|not researched|searched/);
      assert.ok(await li.locator("a[href^=http]").count() >= 1, "links to the sources");
    }
  }
  p.assertClean(assert);
  await p.close();
});

test("an unknown place in compare= or with= gets a notice naming it, and the rest works", async () => {
  const p = await open();
  await p.page.goto(server.url("?compare=nowhere-xx"));
  await waitForMatrix(p.page);
  await p.page.getByTestId("url-notices").waitFor();
  assert.match(await p.page.getByTestId("url-notices").textContent(), /No place “nowhere-xx” in this dataset \(compare=\)/);
  assert.equal(await p.page.getByTestId("compare").count(), 0);
  await openCompare(p.page, "compare=missoula-mt&with=bozeman-mt,nowhere-yy");
  await p.page.getByTestId("url-notices").waitFor();
  assert.match(await p.page.getByTestId("url-notices").textContent(), /No place “nowhere-yy” in this dataset \(with=\)/);
  assert.deepEqual(await columns(p.page), ["bozeman-mt"]);
  p.assertClean(assert);
  await p.close();
});

test("axe finds no serious or critical violation; the keyboard goes from the profile to the compare view and back", async () => {
  const p = await open({ bypassCSP: true });
  await p.page.goto(server.url("?place=missoula-mt"));
  await p.page.getByTestId("profile").waitFor();
  await p.page.getByTestId("open-compare").focus();
  await p.page.keyboard.press("Enter");
  await p.page.getByTestId("compare-table").waitFor();
  await p.page.waitForFunction(() => document.activeElement?.id === "compare-title");
  await p.page.waitForFunction(() => location.search === "?compare=missoula-mt");
  assert.equal(await p.page.getByTestId("profile").count(), 0, "the compare view stands in for the profile");
  assert.deepEqual(await axeProblems(p.page), []);
  // Tab reaches "Back to Missoula's profile" next.
  await p.page.keyboard.press("Tab");
  assert.equal(await p.page.evaluate(() => document.activeElement?.dataset?.testid), "compare-profile");
  await p.page.keyboard.press("Enter");
  await p.page.getByTestId("profile").waitFor();
  await p.page.waitForFunction(() => document.activeElement?.id === "profile-title");
  await p.page.waitForFunction(() => location.search === "?place=missoula-mt");
  // Back returns to the compare view.
  await p.page.goBack();
  await p.page.getByTestId("compare-table").waitFor();
  p.assertClean(assert);
  await p.close();
});

test("embedded under the strict CSP and on a phone: the table scrolls within itself, the place's column stays", async () => {
  const p = await open({ width: 390, height: 844, touch: true });
  await p.page.goto(cspServer.url("?compare=missoula-mt&embed=1"));
  await p.page.getByTestId("compare-table").waitFor();
  const box = p.page.locator(".compare-scroll");
  const [scrollW, clientW] = await box.evaluate((el) => [el.scrollWidth, el.clientWidth]);
  assert.ok(scrollW > clientW, `the table is wider than its box (${scrollW} > ${clientW})`);
  const pageW = await p.page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(pageW <= 390, `the page does not scroll sideways (${pageW})`);
  // The table near the top of the screen (the fixed Quick exit sits at the bottom).
  await box.evaluate((el) => window.scrollBy(0, el.getBoundingClientRect().top - 80));
  const hereCol = p.page.locator("[data-testid=compare-table] thead th.here-col");
  const before = await hereCol.boundingBox();
  await box.evaluate((el) => { el.scrollLeft = 400; });
  await p.page.waitForFunction(() => document.querySelector(".compare-scroll").scrollLeft > 0);
  const afterScroll = await hereCol.boundingBox();
  assert.equal(Math.round(afterScroll.x), Math.round(before.x), "the place's column stays in view");
  // And it is on top: the header cells and the cells that scroll pass under it and the tactics.
  const onTop = await p.page.evaluate(() => {
    const at = (el) => {
      const r = el.getBoundingClientRect();
      return document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2)?.closest("th, td");
    };
    const head = document.querySelector("[data-testid=compare-table] thead th.here-col");
    const tactic = document.querySelector("[data-testid=compare-table] thead th.cmp-tactic");
    const cell = document.querySelector("[data-testid=compare-table] tbody tr:first-child td.here-col");
    return [at(head) === head, at(tactic) === tactic, at(cell) === cell];
  });
  assert.deepEqual(onTop, [true, true, true], "header, tactic and place cells stay visible");
  // Controls are at least 24 px.
  const small = await p.page.$$eval("[data-testid=compare] :is(button, select, input)", (els) =>
    els.map((e) => e.getBoundingClientRect()).filter((r) => r.width > 0 && (r.width < 24 || r.height < 24)).length);
  assert.equal(small, 0);
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await p.page.screenshot({ path: path.join(ARTIFACTS, "compare-phone.png") });
  p.assertClean(assert);
  await p.close();
});

test("what opening the compare view costs: from a profile, at most the worker module (for the brief's chart); the stylesheet comes with the app", async () => {
  const p = await open();
  const seen = [];
  p.page.on("response", async (r) => {
    const u = new URL(r.url());
    if (u.origin !== server.origin) return;
    seen.push({ file: u.pathname.slice(1) || "index.html", bytes: (await r.body().catch(() => Buffer.alloc(0))).length });
  });
  await p.page.goto(server.url("?place=missoula-mt"));
  await p.page.getByTestId("profile").waitFor();
  await p.page.waitForSelector("[data-testid=brief]", { state: "attached" });
  assert.ok(seen.some((s) => s.file === "lazy/compare.css"), "the compare stylesheet is loaded with the app");
  const before = seen.length;
  await p.page.getByTestId("open-compare").click();
  await p.page.waitForSelector("[data-testid=brief][data-ready=true]", { state: "attached" });
  // The browser asks for the icon when it likes: not the view's cost.
  const opened = seen.slice(before).filter((s) => !s.file.startsWith("favicon"));
  const gz = (f) => zlib.gzipSync(fs.readFileSync(path.join(DIST, f)), { level: 9 }).length;
  const files = opened.map((s) => s.file);
  assert.ok(files.every((f) => f.startsWith("tactics-worker")), files.join(", "));
  console.log(`opening the compare view from a profile fetched: ${opened.map((s) => `${s.file} ${s.bytes} B raw, ${gz(s.file)} B gzip`).join("; ") || "nothing"}`);
  console.log(`lazy/compare.css with the app: ${fs.statSync(path.join(DIST, "lazy/compare.css")).size} B raw, ${gz("lazy/compare.css")} B gzip`);
  p.assertClean(assert);
  await p.close();
});

test("a profile's Print or save as PDF prints the brief once its chart is drawn; in the dark theme it prints black on white", async () => {
  const p = await open();
  await p.page.goto(server.url("?place=missoula-mt&theme=dark"));
  await p.page.getByTestId("profile").waitFor();
  await p.page.waitForSelector("[data-testid=brief][data-place=missoula-mt]", { state: "attached" });
  // The browser's print dialog cannot be driven headless: count the calls instead.
  await p.page.evaluate(() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; });
  await p.page.getByTestId("profile").getByTestId("print-brief").click();
  await p.page.waitForFunction(() => window.__printed === 1);
  assert.ok(await p.page.$(".brief .brief-chart svg"), "the state chart was drawn before printing");
  await p.page.emulateMedia({ media: "print" });
  const colours = await p.page.evaluate(() => {
    const brief = document.querySelector(".brief");
    return [getComputedStyle(brief).color, getComputedStyle(document.documentElement).backgroundColor, brief.innerText.includes("Missoula, MT")];
  });
  assert.deepEqual(colours, ["rgb(0, 0, 0)", "rgb(255, 255, 255)", true]);
  const pdf = await p.page.pdf({ format: "Letter" });
  assert.equal(pageCount(pdf), 1);
  p.assertClean(assert);
  await p.close();
});

/** Pages of a PDF produced by Chromium: its page objects. */
function pageCount(pdf) {
  return (pdf.toString("latin1").match(/\/Type\s*\/Page(?![s\w])/g) || []).length;
}

/** Shows the brief of `id` through the app's own navigation (no reload) and waits for it. */
async function showBrief(page, id) {
  await page.evaluate((q) => {
    history.pushState(null, "", `?compare=${q}`);
    dispatchEvent(new PopStateEvent("popstate"));
  }, id);
  await page.waitForFunction(
    (q) => document.querySelector(`[data-testid=brief][data-place="${q}"][data-ready=true]`),
    id,
    { timeout: 30000 },
  );
}

test("the brief prints on one US Letter and one A4 page for every place, with no controls", { timeout: 1_500_000 }, async () => {
  const p = await open();
  await openCompare(p.page, "compare=missoula-mt");
  await p.page.waitForSelector("[data-testid=brief][data-ready=true]", { state: "attached" });
  await p.page.emulateMedia({ media: "print" });
  // Printed: the brief alone, no control, the chart with its figures table and the hotline.
  const shown = await p.page.evaluate(() => {
    const visible = (e) => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== "hidden";
    return {
      controls: [...document.querySelectorAll("button, input, select, summary")].filter(visible).length,
      outside: [...document.querySelectorAll("body *")].filter((e) => visible(e) && !e.closest(".brief") && !e.querySelector(".brief")).length,
      svg: !!document.querySelector(".brief .brief-chart svg"),
      table: !!document.querySelector(".brief .brief-chart table"),
      text: document.querySelector(".brief").innerText,
    };
  });
  assert.equal(shown.controls, 0, "no control is printed");
  assert.equal(shown.outside, 0, "nothing but the brief is printed");
  assert.ok(shown.svg && shown.table, "the state chart and its figures");
  assert.match(shown.text, /1-888-373-7888/);
  assert.match(shown.text, new RegExp(`data as of ${DATA.meta.as_of}`));
  assert.match(shown.text, /Cite as:/);
  const most = [...byId.keys()]
    .map((id) => [DATA.uses.filter((u) => u.place === id && u.status === "used").length, id])
    .sort((a, b) => b[0] - a[0] || (a[1] < b[1] ? -1 : 1))[0][1];
  const over = [];
  const pdfs = {};
  for (const j of DATA.jurisdictions) {
    await showBrief(p.page, j.id);
    for (const format of ["Letter", "A4"]) {
      const pdf = await p.page.pdf({ format, printBackground: false });
      const n = pageCount(pdf);
      if (n !== 1) over.push(`${j.id} ${format}: ${n} pages`);
      if (j.id === "missoula-mt" || j.id === most) pdfs[`brief-${j.id}-${format.toLowerCase()}`] = pdf;
    }
  }
  assert.deepEqual(over, [], "every brief is one page");
  // Kept for a look: PNGs of the pages (pdftoppm, from poppler-utils) in artifacts/.
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  for (const [name, pdf] of Object.entries(pdfs)) {
    const file = path.join(ARTIFACTS, `${name}.pdf`);
    fs.writeFileSync(file, pdf);
    try {
      execFileSync("pdftoppm", ["-png", "-r", "60", "-singlefile", file, path.join(ARTIFACTS, name)]);
      if (name.endsWith("letter")) {
        execFileSync("pdftoppm", ["-png", "-gray", "-r", "60", "-singlefile", file, path.join(ARTIFACTS, `${name}-gray`)]);
      }
    } catch (e) {
      console.log(`pdftoppm unavailable (${e.code || e.message}): ${file} kept as PDF only`);
    }
  }
  p.assertClean(assert);
  await p.close();
});
