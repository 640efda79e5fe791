// Trunk post-build hook: moves the inline module script that Trunk writes into index.html to a
// file of its own, so the site runs under a strict CSP without 'unsafe-inline' (docs/EMBED.md).
import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import { spawnSync } from "node:child_process";

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error("TRUNK_STAGING_DIR is not set: run this as a Trunk hook");
const file = path.join(dir, "index.html");
const html = fs.readFileSync(file, "utf8");
const inline = /<script type="?module"?>([\s\S]*?)<\/script>/;
const match = html.match(inline);
if (!match) throw new Error("no inline module script found in index.html");
/// A second wasm-opt pass over Trunk's output, to a fixed point: the first-load modules are the
/// page's weight, and wasm-opt run again on its own output finds more (about 0.15 KB gzip of
/// the first view's 115 KB, which keeps the first load under its guard; docs/PERFORMANCE.md).
function shrunk(wasm) {
  // Trunk runs wasm-opt for release builds only; a debug build keeps its code as built.
  if (process.env.TRUNK_PROFILE !== "release") return;
  // The one Trunk uses (PATH, as scripts/test and scripts/serve set it), else the project's.
  const local = new URL("../.tools/node_modules/.bin/wasm-opt", import.meta.url).pathname;
  for (const tool of ["wasm-opt", local]) {
    const run = spawnSync(tool, ["-Oz", "--converge", wasm, "-o", wasm], { stdio: "inherit" });
    if (run.error?.code === "ENOENT") continue;
    if (run.status !== 0) throw new Error(`wasm-opt failed on ${wasm} (exit ${run.status ?? run.signal})`);
    return;
  }
  throw new Error("wasm-opt not found: run scripts/setup, or put .tools/node_modules/.bin on PATH");
}

/// Renames NAME.js and NAME_bg.wasm (built by Trunk without a hash, as a worker) to names with
/// a content hash, so a new build never mixes with cached files; returns the new base name.
function versioned(name) {
  const js = path.join(dir, `${name}.js`);
  const wasm = path.join(dir, `${name}_bg.wasm`);
  // What the staging folder holds, so a failure says which build step left it without them.
  if (!fs.existsSync(js) || !fs.existsSync(wasm)) {
    throw new Error(`${name} was not built: ${dir} holds ${fs.readdirSync(dir).sort().join(", ")}`);
  }
  shrunk(wasm);
  const hash = crypto.createHash("sha256").update(fs.readFileSync(js)).update(fs.readFileSync(wasm)).digest("hex").slice(0, 16);
  const base = `${name}-${hash}`;
  fs.renameSync(js, path.join(dir, `${base}.js`));
  fs.renameSync(wasm, path.join(dir, `${base}_bg.wasm`));
  return base;
}

// The dataset is fetched while the wasm downloads and compiles, not after: the bundled one, or
// the one `?data=` names when the app would load it (same origin, http(s): the rule of
// `embed::data_path`). The app takes this promise only when `url` is the path it would fetch
// itself (src/ui/load.rs). A failed fetch is reported by the app; the empty catch only keeps the
// console free of an "unhandled rejection" before the app takes the promise.

// Trunk's script imports and starts the app at once. The page instead starts the first-view
// module (crates/first-view: the prerendered matrix's controls, without Leptos) when the URL
// asks only for the matrix, and the app when the visitor asks for more (window.__tacticsFull,
// called by that module) or at once for any other URL. Both file pairs get content hashes.
const app = match[1].match(/from '\.\/([^']+\.js)';[\s\S]*module_or_path: '\.\/([^']+\.wasm)'/);
if (!app) throw new Error("Trunk's loader script has an unexpected form: " + match[1]);
const first = versioned("tactics-first-view");
// The same first view for a `?data=` file and the matrix's state (crates/first-view/src/data_view.rs).
const dataView = versioned("tactics-data-view");
// The URL keys the first view answers, from their one home in the Rust code
// (`url_state::MATRIX_KEYS`, printed by `prerender --manifest`); the loader only pre-checks
// them: the module's own gate (`first_view::may_show`) decides, and hands anything else to the app.
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const prerender = (args, stdio) =>
  spawnSync("cargo", ["run", "--quiet", "-p", "tactics-cli", "--bin", "prerender", "--", ...args], {
    cwd: root,
    stdio,
    encoding: "utf8",
  });
const manifestRun = prerender(["--manifest"], ["ignore", "pipe", "inherit"]);
if (manifestRun.status !== 0) throw new Error(`prerender --manifest failed (exit ${manifestRun.status ?? manifestRun.signal})`);
const matrixKeys = JSON.parse(manifestRun.stdout).matrix_keys;
if (!Array.isArray(matrixKeys) || matrixKeys.length === 0) throw new Error("the manifest has no matrix_keys");
const source = `const pre = document.getElementById("pre");
const keys = [...new URLSearchParams(location.search).keys()];
const matrixOnly = pre !== null && pre.dataset.firstView !== undefined &&
  keys.every((k) => k === "data" || ${JSON.stringify(matrixKeys)}.includes(k));
const light = matrixOnly && !keys.includes("data");
const file = matrixOnly && keys.filter((k) => k === "data").length === 1;
{
  // The first view reads its part of the dataset (written by the build, data-first-view), the
  // app the bundled dataset; a data= file is being fetched already (public/pre-guard.js).
  const url = light ? new URL(pre.dataset.firstView, location.href).href : keys.includes("data") ? null : "data/dataset.json";
  if (url) {
    window.__tacticsData = { url, response: fetch(url) };
    window.__tacticsData.response.catch(() => {});
  }
}
// A module's wasm is fetched together with its JS glue, not after the glue has run. Its failure
// is reported where it is awaited (the empty catch keeps an aborted load from logging twice).
const wasmFetch = (url) => {
  const pending = fetch(url);
  pending.catch(() => {});
  return pending;
};
window.__tacticsFull = () =>
  (window.__tacticsStarted ??= (async () => {
    const code = wasmFetch("./${app[2]}");
    const bindings = await import("./${app[1]}");
    const wasm = await bindings.default({ module_or_path: code });
    window.wasmBindings = bindings;
    dispatchEvent(new CustomEvent("TrunkApplicationStarted", { detail: { wasm } }));
  })().catch((e) => {
    window.__tacticsStarted = undefined;
    const main = document.querySelector("#pre main");
    document.getElementById("app-loading")?.setAttribute("hidden", "");
    if (main && !document.getElementById("app-failed")) {
      const note = document.createElement("p");
      note.id = "app-failed";
      note.className = "notice";
      note.setAttribute("role", "alert");
      note.textContent = "This part of the explorer could not be loaded. The table above still works; reload the page to try again.";
      main.prepend(note);
    }
    console.warn("tactics-explorer: the app could not be loaded", e);
    dispatchEvent(new CustomEvent("tactics-app-failed"));
  }));
if (light || file) {
  try {
    const code = wasmFetch(light ? "./${first}_bg.wasm" : "./${dataView}_bg.wasm");
    const view = await import(light ? "./${first}.js" : "./${dataView}.js");
    const wasm = await view.default({ module_or_path: code });
    // For measurements (bench/bench.mjs counts every module's memory), as Trunk's event for the app.
    dispatchEvent(new CustomEvent("tactics-first-view-started", { detail: { wasm } }));
  } catch (e) {
    window.__tacticsFull();
  }
} else {
  await window.__tacticsFull();
}
`;

// Its comments stay here: the shipped copy drops whole comment lines (as the guard's below).
const code = source.replace(/^\s*\/\/.*\n/gm, "");
const hash = crypto.createHash("sha256").update(code).digest("hex").slice(0, 16);
const name = `loader-${hash}.js`;
fs.writeFileSync(path.join(dir, name), code);
const integrity = "sha384-" + crypto.createHash("sha384").update(code).digest("base64");
// Trunk also preloads the app's files: only the loader decides whether they are needed.
const appPreloads = new RegExp(`<link[^>]*${app[1].replace(/\.js$/, "")}[^>]*>`, "g");
fs.writeFileSync(
  file,
  html
    .replace(inline, `<script type="module" src="./${name}" integrity="${integrity}"></script>`)
    .replace(appPreloads, ""),
);
console.log(`externalize-loader: index.html now loads ${name}`);

// Then the worker module's names (it edits index.html too, so it runs after, in this process).
await import("./version-worker.mjs");

// Then the guard script, linked at the top of the head so it runs before the body is parsed
// (public/pre-guard.js says what it does), with a content hash like the loader.
// Its comments stay in the source: the shipped copy drops whole comment lines.
const guard = fs
  .readFileSync(new URL("../public/pre-guard.js", import.meta.url), "utf8")
  .replace(/^\s*\/\/.*\n/gm, "");
const guardName = `pre-guard-${crypto.createHash("sha256").update(guard).digest("hex").slice(0, 16)}.js`;
fs.writeFileSync(path.join(dir, guardName), guard);
const guardIntegrity = "sha384-" + crypto.createHash("sha384").update(guard).digest("base64");
const withWorker = fs.readFileSync(file, "utf8");
// After the charset (the minified page may have no <head> tag).
const charset = withWorker.match(/<meta charset=[^>]*>/i);
if (!charset) throw new Error("no <meta charset> in index.html");
fs.writeFileSync(
  file,
  withWorker.replace(charset[0], `${charset[0]}<script src="./${guardName}" integrity="${guardIntegrity}"></script>`),
);

// Last, the default view written into the body by the project's own native binary (the same
// rows code as the app; crates/cli/src/bin/prerender.rs). Debug profile: it shares compiled
// crates with `cargo run --bin validate` of the test command. A dataset that does not validate
// leaves the page without a first view (the binary says why); the build does not fail on it.
const run = prerender([dir], "inherit");
if (run.status !== 0) throw new Error(`prerender failed (exit ${run.status ?? run.signal})`);
