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
  assert.match(await p.page.getByTestId("import-outcome").textContent(), /Your data is shown below without 1 place.* \(listed below\): 1 error\(s\) to fix\./);
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

/** The templates in a temporary folder, `change(name, text)` giving each file's new text. */
function changedTemplates(change) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "import-"));
  return templateFiles().map((f) => {
    const out = path.join(dir, path.basename(f));
    fs.writeFileSync(out, change(path.basename(f), fs.readFileSync(f, "utf8")));
    return out;
  });
}

/** The files of a zip archive whose entries are stored (not compressed), as written by the app. */
function unzipStored(bytes) {
  const files = [];
  let at = 0;
  while (bytes.readUInt32LE(at) === 0x04034b50) {
    assert.equal(bytes.readUInt16LE(at + 8), 0, "stored");
    const size = bytes.readUInt32LE(at + 18);
    const nameLength = bytes.readUInt16LE(at + 26);
    const extra = bytes.readUInt16LE(at + 28);
    const name = bytes.toString("utf8", at + 30, at + 30 + nameLength);
    const start = at + 30 + nameLength + extra;
    files.push({ name, bytes: bytes.subarray(start, start + size) });
    at = start + size;
  }
  return files;
}

test("one impossible date in sources.csv: every place, series and source left out is named, and no dataset is offered to publish", async () => {
  const p = await openPage(browser, { allowedOrigins: [server.origin] });
  await openImport(p);
  const files = changedTemplates((name, text) => (name === "sources.csv" ? text.replace("2020-01-15,Shown", "2020-02-30,Shown") : text));
  await choose(p, files);
  await p.page.getByTestId("preview-banner").waitFor();
  assert.equal(
    await p.page.getByTestId("import-outcome").textContent(),
    "13 file(s) read. Your data is shown below without 1 place, 1 series and 1 source (listed below): 1 error(s) to fix.",
  );
  const left = await p.page.getByTestId("import-left-out").textContent();
  assert.match(left, /place “United States” \(united-states, places\.csv row 2\) is left out: with its 5 source links/);
  assert.match(left, /series “U\.S\. cities and counties known to have used a demand tactic” \(us-places-any-tactic, series\.csv row \d+\) is left out: with its 5 observations/);
  assert.match(left, /source \(df-tactics-2020, sources\.csv row 2\) is left out/);
  // The preview indeed lacks them.
  await waitForMatrix(p.page);
  assert.ok(!(await placeNames(p.page)).includes("United States"));
  // Not offered as a file to publish: the list of problems instead, here and under the matrix.
  assert.equal(await p.page.getByTestId("download-json").count(), 0);
  assert.equal(await p.page.getByTestId("download-zip").count(), 0);
  assert.equal(await p.page.getByTestId("download-full").count(), 0);
  assert.match(await p.page.getByTestId("not-publishable").textContent(), /not offered as a file to publish/);
  const { name, bytes } = await download(p, "download-fixes");
  assert.equal(name, "problems-to-fix.txt");
  const fixes = bytes.toString("utf8");
  assert.match(fixes, /This is not a dataset/);
  assert.match(fixes, /sources\.csv, row 2, column 6 "Published" \(F\): error: "2020-02-30" is not a real date/);
  assert.match(fixes, /place “United States” \(united-states, places\.csv row 2\) is left out/);
  await screenshot(p.page, "import-left-out");
  p.assertClean(assert);
  await p.close();
});

test("a file the page offers to publish reads back with no errors, and the panel shows what it read", async () => {
  const p = await openPage(browser, { allowedOrigins: [server.origin] });
  await openImport(p);
  assert.equal(await p.page.getByTestId("templates-zip").getAttribute("href"), "tactics-templates.zip");
  assert.match(await p.page.getByTestId("import-panel").textContent(), /7 are required \(meta, sources, places, tactic-uses, series, observations and events/);
  const zipped = await p.page.evaluate(async () => (await fetch("tactics-templates.zip")).status);
  assert.equal(zipped, 200, "the zip of all templates is served");
  await choose(p, templateFiles());
  await p.page.getByTestId("preview-banner").waitFor();
  assert.match(await p.page.getByTestId("import-read").textContent(), /^Read: .*places\.csv.* \(13 file\(s\)\)$/);
  const json = await download(p, "download-json");
  const zip = await download(p, "download-zip");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "reimport-"));
  const jsonFile = path.join(dir, "dataset.json");
  fs.writeFileSync(jsonFile, json.bytes);
  await choose(p, [jsonFile]);
  await p.page.waitForFunction(() => /1 file\(s\) read\. Your data is shown below, with no errors\./.test(document.querySelector("[data-testid=import-outcome]")?.textContent || ""));
  const csvDir = fs.mkdtempSync(path.join(os.tmpdir(), "reimport-csv-"));
  const csvs = unzipStored(zip.bytes).map((f) => {
    const out = path.join(csvDir, f.name);
    fs.writeFileSync(out, f.bytes);
    return out;
  });
  assert.equal(csvs.length, 13);
  await choose(p, csvs);
  await p.page.waitForFunction(() => /13 file\(s\) read\. Your data is shown below, with no errors\./.test(document.querySelector("[data-testid=import-outcome]")?.textContent || ""));
  p.assertClean(assert);
  await p.close();
});

test("a missing required column is the first message, and nothing is said to be shown when nothing is", async () => {
  const p = await openPage(browser, { allowedOrigins: [server.origin] });
  await openImport(p);
  const files = changedTemplates((name, text) => {
    if (name !== "places.csv") return text;
    // Delete the "Summary" column: the header cell and each row's cell (the rows are quoted
    // where needed, so they are rewritten through a small CSV reader).
    const rows = [];
    let row = [], cell = "", quoted = false;
    const body = text.replace(/^\uFEFF/, "");
    for (let i = 0; i < body.length; i++) {
      const c = body[i];
      if (quoted) {
        if (c === '"' && body[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') quoted = false; else cell += c;
      } else if (c === '"') quoted = true;
      else if (c === ",") { row.push(cell); cell = ""; }
      else if (c === "\n" || c === "\r") {
        if (c === "\r" && body[i + 1] === "\n") i++;
        row.push(cell); rows.push(row); row = []; cell = "";
      } else cell += c;
    }
    if (cell || row.length) { row.push(cell); rows.push(row); }
    const col = rows[0].indexOf("Summary");
    assert.ok(col > 0);
    return rows.map((r) => r.filter((_, i) => i !== col).map((v) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(",")).join("\n") + "\n";
  });
  await choose(p, files);
  const outcome = await p.page.getByTestId("import-outcome").textContent();
  assert.match(outcome, /^13 file\(s\) read\. Nothing can be shown: places\.csv could not be read/);
  assert.doesNotMatch(outcome, /shown below/);
  const first = p.page.locator("[data-testid=import-problems] details").first();
  assert.match(await first.locator("summary").textContent(), /^places\.csv: 1 error\(s\)$/);
  assert.match(await first.locator("li").first().textContent(), /the header row has no column "Summary"/);
  // What it causes elsewhere is one notice, not an error per row of the other files.
  assert.equal(await p.page.locator("[data-testid=import-problems] details.errors").count(), 1);
  assert.match(await p.page.getByTestId("import-problems").textContent(), /because this file could not be read, \d+ rows of other files are left out too/);
  assert.equal(await p.page.getByTestId("preview-banner").count(), 0, "no empty preview");
  assert.equal(await p.page.getByTestId("download-json").count(), 0);
  p.assertClean(assert);
  await p.close();
});
