// Shared pieces of the end-to-end tests: a static server for dist/ on a free loopback port
// (optionally under a sub-path and with a CSP header), Chromium through playwright-core, and
// a page wrapper that fails the test on any page error, console error or foreign request.
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(here, "../..");
export const DIST = process.env.DIST_DIR || path.join(ROOT, "dist");
export const FIXTURES = path.join(here, "fixtures");
export const ARTIFACTS = path.join(ROOT, "artifacts");

export const CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; style-src 'self'; " +
  "img-src 'self' data: blob:; frame-ancestors *";

const TYPES = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".mjs": "text/javascript",
  ".wasm": "application/wasm", ".css": "text/css", ".json": "application/json",
  ".svg": "image/svg+xml", ".png": "image/png",
};

/**
 * Serves `dir` at `base` (e.g. "/" or "/tools/tactics/") on 127.0.0.1 and a free port.
 * `extra` maps URL paths to { body, type } or to a file path, for fixtures and host pages.
 */
export async function serve({ dir = DIST, base = "/", csp = false, extra = {} } = {}) {
  const requests = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, "http://x");
    requests.push(url.pathname + url.search);
    const headers = {};
    if (csp) headers["Content-Security-Policy"] = CSP;
    const hit = extra[url.pathname];
    if (hit) {
      const body = hit.file ? fs.readFileSync(hit.file) : hit.body;
      res.writeHead(hit.status || 200, { "Content-Type": hit.type || TYPES[path.extname(url.pathname)] || "text/plain", ...headers });
      return res.end(body);
    }
    if (!url.pathname.startsWith(base)) {
      res.writeHead(404, headers);
      return res.end("not found");
    }
    let rel = decodeURIComponent(url.pathname.slice(base.length));
    if (rel === "" || rel.endsWith("/")) rel += "index.html";
    const file = path.join(dir, rel);
    if (!file.startsWith(dir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404, { "Content-Type": "text/plain", ...headers });
      return res.end("not found");
    }
    res.writeHead(200, { "Content-Type": TYPES[path.extname(file)] || "application/octet-stream", ...headers });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  // A test that fails before closing its server must not keep the test process alive.
  server.unref();
  const { port } = server.address();
  return {
    origin: `http://127.0.0.1:${port}`,
    url: (p = "") => `http://127.0.0.1:${port}${base}${p}`,
    requests,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }),
  };
}

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-dev-shm-usage",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ],
  });
}

/**
 * A fresh context and page that records every problem: page errors, console errors, CSP
 * violations and requests to any origin but `allowedOrigins`. Call `assertClean()` at the end.
 */
export async function openPage(browser, { width = 1280, height = 900, allowedOrigins = [], reducedMotion, touch = false, bypassCSP } = {}) {
  // `bypassCSP` lets a test add its own script (axe-core) to a page served with the CSP.
  const context = await browser.newContext({ viewport: { width, height }, reducedMotion, hasTouch: touch, isMobile: touch, bypassCSP });
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console error: ${m.text()}`);
  });
  page.on("request", (r) => {
    const u = new URL(r.url());
    if (["data:", "blob:", "about:"].includes(u.protocol)) return;
    if (!allowedOrigins.includes(u.origin)) problems.push(`request to a foreign origin: ${r.url()}`);
  });
  return {
    page,
    context,
    problems,
    allow: (origin) => allowedOrigins.push(origin),
    /** Expected errors (e.g. a 404 the test provokes) can be removed by pattern. */
    ignore: (pattern) => {
      for (let i = problems.length - 1; i >= 0; i--) if (pattern.test(problems[i])) problems.splice(i, 1);
    },
    assertClean(assert) {
      assert.deepEqual(problems, [], "no page errors, console errors or foreign requests");
    },
    close: () => context.close(),
  };
}

export async function screenshot(page, name) {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/**
 * Waits until the app's matrix has rendered rows (the app has loaded and shown the data). For a
 * URL that the first-view module answers (crates/first-view; first-view.test.mjs tests it), the
 * app loads only when asked: this asks, as a visitor's click on a place would.
 */
export async function waitForMatrix(page) {
  // The app's matrix section (the prerendered one is "pre-matrix"; the app adopts its rows).
  const app = "[data-testid=matrix] [data-testid=matrix-table] tbody tr";
  await page.waitForSelector(`${app}, #pre.live`, { timeout: 30000 });
  await page.evaluate(() => document.querySelector("#pre.live") && dispatchEvent(new CustomEvent("tactics-load-app")));
  await page.waitForSelector(app, { timeout: 30000 });
}

/**
 * What a matrix section shows, to compare the first view (`#pre section.matrix`) with the app
 * (`[data-testid=matrix]`): the rows' places and row indexes in order, the count, the totals,
 * the national counts row and the caption.
 */
export async function matrixShown(page, root) {
  return page.evaluate((r) => {
    const el = document.querySelector(r);
    const rows = [...el.querySelectorAll("tbody tr[data-place]")];
    return {
      ids: rows.map((tr) => tr.dataset.place),
      rowIndexes: rows.map((tr) => tr.getAttribute("aria-rowindex")),
      count: el.querySelector(".count").textContent,
      totals: [...el.querySelectorAll("tfoot tr:first-child td")].map((td) => td.textContent),
      national: el.querySelector("tfoot tr:last-child").textContent,
      caption: el.querySelector("caption").textContent,
    };
  }, root);
}

/** Waits until the first-view module has made the prerendered view live, and returns it. */
export async function waitForFirstView(page) {
  await page.waitForSelector("#pre.live", { timeout: 30000 });
  return page.locator("#pre");
}

/** Waits until the lazily loaded module has drawn `count` chart panels (at least one by default). */
export async function waitForCharts(page, count = 1) {
  await page.waitForFunction(
    (n) => document.querySelectorAll("[data-testid=chart] svg[role=img]").length >= n,
    count,
  );
}
