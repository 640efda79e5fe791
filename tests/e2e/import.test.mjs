// "Use your own data": CSV templates and a dataset JSON previewed in the page with no request,
// problems placed by file, row and column, and the downloads (dataset.json, the matrix view).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { serve, launch, openPage, waitForMatrix, waitForCharts, screenshot, ROOT, FIXTURES, ARTIFACTS, DIST } from "./harness.mjs";

/** A picture of the region from the top of `first` to the bottom of `last`, for docs/DATA.md. */
async function shoot(page, first, last, name) {
  await page.evaluate(() => window.scrollTo(0, 0));
  const a = await first.boundingBox();
  const b = await last.boundingBox();
  const x = Math.max(0, Math.min(a.x, b.x) - 8);
  const clip = { x, y: Math.max(0, a.y - 8), width: Math.max(a.x + a.width, b.x + b.width) + 8 - x, height: b.y + b.height - a.y + 16 };
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), clip });
}

const TEMPLATES = path.join(ROOT, "public", "templates");
const templateFiles = () =>
  fs.readdirSync(TEMPLATES).filter((n) => n.endsWith(".csv")).sort().reverse()
    .map((n) => path.join(TEMPLATES, n));

let server, browser;
before(async () => {
  server = await serve();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const placeNames = (page) => page.locator("tbody th[scope=row] button.place").allTextContents();

/** Opens ?import=1 and waits until the panel and the published matrix are shown. */
async function openImport(p, query = "import=1") {
  await p.page.goto(server.url(`?${query}`));
  await waitForMatrix(p.page);
  await p.page.getByTestId("import-panel").waitFor();
}

async function choose(p, files) {
  await p.page.getByLabel("Choose files").setInputFiles(files);
  await p.page.getByTestId("import-outcome").waitFor();
}

async function download(p, testid) {
  const [d] = await Promise.all([p.page.waitForEvent("download"), p.page.getByTestId(testid).click()]);
  return { name: d.suggestedFilename(), bytes: fs.readFileSync(await d.path()) };
}

test("the template CSV files show their places under the preview banner, with no request", async () => {
  const p = await openPage(browser, { allowedOrigins: [server.origin] });
  const methods = [];
  p.context.on("request", (r) => methods.push(r.method()));
  await openImport(p);
  const before = server.requests.length;
  await choose(p, templateFiles());
  await p.page.getByTestId("preview-banner").waitFor();
  assert.match(await p.page.getByTestId("preview-banner").textContent(), /Preview of your files — not published/);
  assert.match(await p.page.getByTestId("import-outcome").textContent(), /13 file\(s\) read\. Your data is shown below, with no errors\./);
  await waitForMatrix(p.page);
  // Every place is shown: the templates are the export of the bundled dataset.
  const places = JSON.parse(fs.readFileSync(path.join(DIST, "data/dataset.json"), "utf8")).jurisdictions.length;
  assert.equal(await p.page.getByTestId("row-count").textContent(), `${places} of ${places} places`);
  await p.page.getByTestId("charts").scrollIntoViewIfNeeded();
  await waitForCharts(p.page);
  // The panel starts the lazily loaded module (and it loads the published data) when it opens;
  // if that is still under way, those are the only requests, and all are plain GETs of the
  // page's own files: the person's files are never sent.
  const own = /^\/(tactics-worker-[0-9a-f]+(_loader\.js|\.js|_bg\.wasm)|data\/dataset\.json)$/;
  assert.deepEqual(server.requests.slice(before).filter((r) => !own.test(r)), [], "choosing files makes no request");
  assert.ok(methods.every((m) => m === "GET"), `only GET requests: ${methods}`);
  await screenshot(p.page, "import-templates");
  await shoot(p.page, p.page.getByTestId("preview-banner"), p.page.getByTestId("import-panel"), "doc-import-panel");
  await p.page.getByTestId("back-to-published").click();
  await p.page.getByTestId("preview-banner").waitFor({ state: "detached" });
  await waitForMatrix(p.page);
  p.assertClean(assert);
  await p.close();
});

test("a CSV with an error lists file, row and column, and the page keeps working", async () => {
  const p = await openPage(browser, { allowedOrigins: [server.origin] });
  await openImport(p);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "import-"));
  const files = templateFiles().map((f) => {
    const out = path.join(dir, path.basename(f));
    let text = fs.readFileSync(f, "utf8");
    if (path.basename(f) === "places.csv") text = text.replace(",City,MT,", ",Town,MT,");
    fs.writeFileSync(out, text);
    return out;
  });
  await choose(p, files);
  const problems = p.page.getByTestId("import-problems");
  await problems.waitFor();
  const text = await problems.textContent();
  assert.match(text, /places\.csv: 1 error\(s\)/);
  assert.match(text, /places\.csv, row \d+, column 3 "Kind" \(C\)/);
  assert.match(await p.page.getByTestId("import-outcome").textContent(), /error\(s\) were found and those entries are left out/);
  await screenshot(p.page, "import-error");
  // Many problems: the groups start closed and open with a click.
  const group = p.page.locator("details.import-group.errors");
  assert.equal(await group.getAttribute("open"), null, "closed when there are many problems");
  await group.locator("summary").click();
  await p.page.waitForFunction(() => document.querySelector("details.import-group.errors").open);
  assert.ok(await group.locator("li").first().isVisible());
  await p.page.getByTestId("import-report").screenshot({ path: path.join(ARTIFACTS, "doc-import-problems.png") });
  // The rest of the page still works: a filter narrows the preview's matrix.
  await p.page.getByRole("checkbox", { name: "John School" }).check();
  await p.page.waitForFunction(() => location.search.includes("tactics=john-school"));
  await waitForMatrix(p.page);
  p.assertClean(assert);
  await p.close();
});

test("a dataset JSON from another region shows its places and series; its download validates", async () => {
  const p = await openPage(browser, { allowedOrigins: [server.origin] });
  await openImport(p);
  await choose(p, [path.join(FIXTURES, "oregon.json")]);
  await p.page.getByTestId("preview-banner").waitFor();
  await p.page.waitForFunction(() => document.querySelector("tbody th[scope=row] button.place")?.textContent !== "Missoula");
  assert.deepEqual((await placeNames(p.page)).sort(), ["Cedar County", "Fernvale", "Oregon"]);
  await p.page.getByTestId("charts").scrollIntoViewIfNeeded();
  await waitForCharts(p.page);
  const charts = await p.page.getByTestId("charts").textContent();
  assert.match(charts, /Buyer arrests in Fernvale \(made up\)/);
  // The credit and citation under the page name the preview, never the published data.
  await p.page.waitForFunction(() => document.querySelector("[data-testid=credit]")?.textContent.includes("Made-up Oregon test data"));
  const { name, bytes } = await download(p, "download-json");
  assert.equal(name, "dataset.json");
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "import-")), "dataset.json");
  fs.writeFileSync(file, bytes);
  const out = execFileSync("cargo", ["run", "-q", "--bin", "validate", "--", file], { cwd: ROOT, encoding: "utf8" });
  assert.match(out, /0 errors; 3 places/);
  await screenshot(p.page, "import-oregon");
  p.assertClean(assert);
  await p.close();
});

test("the matrix CSV download holds exactly the rows and columns on screen", async () => {
  const p = await openPage(browser, { allowedOrigins: [server.origin] });
  await p.page.goto(server.url("?tactics=john-school&sort=population&dir=desc"));
  await waitForMatrix(p.page);
  const shown = await placeNames(p.page);
  const heads = await p.page.locator("thead tr").first().locator("th").allTextContents();
  const { name, bytes } = await download(p, "download-view");
  assert.equal(name, "tactics-view.csv");
  const text = bytes.toString("utf8").replace(/^\uFEFF/, "");
  assert.match(text, /^#,.+\n#,"Data as of \d{4}-\d{2}-\d{2}, version [^"]+"\n#,"Cite as: .+"\n#,This view: \d+ of \d+ places\n/);
  const lines = text.split(/\r?\n/).filter((l) => l && !l.startsWith("#"));
  const firstCell = (l) => (l.startsWith('"') ? l.slice(1, l.indexOf('"', 1)) : l.split(",")[0]);
  // Every place of the view, in the order on screen (the first page is what is shown).
  const count = Number((await p.page.getByTestId("row-count").textContent()).split(" of ")[0]);
  assert.equal(lines.length - 1, count, "one line per place of the view");
  assert.deepEqual(lines.slice(1, 1 + shown.length).map(firstCell), shown, "the same places in the same order");
  const tactics = lines[0].split(",").slice(4);
  assert.equal(tactics.length, 15);
  for (const t of tactics) assert.ok(heads.some((h) => h.includes(t)), `column ${t} is on screen`);
  p.assertClean(assert);
  await p.close();
});
