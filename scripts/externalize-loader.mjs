// Trunk post-build hook. Trunk writes an inline script that starts the app at once, and
// preloads its files; this hook removes both: the checked-in loader (public/loader.js) decides
// which module starts, from a manifest this hook writes into the page (the modules' file names,
// and the URL keys the first view answers). It gives the first-view modules (built by Trunk as
// workers, so not started, and without a hash) content-hashed names after a second wasm-opt
// pass, links the loader and the guard script (public/pre-guard.js) as files with their
// integrity, for a strict CSP without 'unsafe-inline' (docs/EMBED.md), and writes the default
// view into the body (`cargo run -p tactics-cli --bin prerender`).
import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import { spawnSync } from "node:child_process";

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error("TRUNK_STAGING_DIR is not set: run this as a Trunk hook");
const file = path.join(dir, "index.html");

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
/// a content hash, so a new build never mixes with cached files; returns the new names.
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
  return { js: `${base}.js`, wasm: `${base}_bg.wasm` };
}

/// `public/NAME.js` copied as NAME-HASH.js, its whole comment lines dropped (they stay in the
/// source); returns the tag that links it, with its integrity.
function linked(name, attributes) {
  const code = fs
    .readFileSync(new URL(`../public/${name}.js`, import.meta.url), "utf8")
    .replace(/^\s*\/\/.*\n/gm, "");
  const hashed = `${name}-${crypto.createHash("sha256").update(code).digest("hex").slice(0, 16)}.js`;
  fs.writeFileSync(path.join(dir, hashed), code);
  const integrity = "sha384-" + crypto.createHash("sha384").update(code).digest("base64");
  return `<script${attributes} src="./${hashed}" integrity="${integrity}"></script>`;
}

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const prerender = (args, stdio) =>
  spawnSync("cargo", ["run", "--quiet", "-p", "tactics-cli", "--bin", "prerender", "--", ...args], {
    cwd: root,
    stdio,
    encoding: "utf8",
  });

// The manifest: the modules' names, and the URL keys the first view answers, from their one
// home in the Rust code (`url_state::MATRIX_KEYS`, printed by `prerender --manifest`).
const manifestRun = prerender(["--manifest"], ["ignore", "pipe", "inherit"]);
if (manifestRun.status !== 0) throw new Error(`prerender --manifest failed (exit ${manifestRun.status ?? manifestRun.signal})`);
const matrixKeys = JSON.parse(manifestRun.stdout).matrix_keys;
if (!Array.isArray(matrixKeys) || matrixKeys.length === 0) throw new Error("the manifest has no matrix_keys");
// The app's files, as Trunk named them (with its content hash): one script and one module.
const appFiles = fs.readdirSync(dir).filter((f) => /^tactics-explorer-[0-9a-f]+(\.js|_bg\.wasm)$/.test(f));
const app = { js: appFiles.find((f) => f.endsWith(".js")), wasm: appFiles.find((f) => f.endsWith("_bg.wasm")) };
if (appFiles.length !== 2 || !app.js || !app.wasm) {
  throw new Error(`the app's files are not one script and one module: ${dir} holds ${fs.readdirSync(dir).sort().join(", ")}`);
}
const manifest = {
  app,
  firstView: versioned("tactics-first-view"),
  // The same first view for a `?data=` file and the matrix's state (crates/first-view/src/bin/data_view.rs).
  dataView: versioned("tactics-data-view"),
  matrixKeys,
};
// In the page, not a file of its own: the loader reads it without a request. `<` is escaped so
// that no name can end the element.
const manifestTag = `<script type="application/json" id="tactics-manifest">${JSON.stringify(manifest).replace(/</g, "\\u003c")}</script>`;

// The guard at the top of the head, so it runs before the body is parsed (public/pre-guard.js
// says what it does); the manifest and the loader (a module script: it runs once the page is
// parsed) at the end of the head.
const html = fs.readFileSync(file, "utf8");
// Trunk's script that would start the app, and its preloads of the app's files.
const trunkScript = /<script type="?module"?>[\s\S]*?<\/script>/;
if (!trunkScript.test(html)) throw new Error("Trunk's script for the app was not found in index.html");
const appPreloads = /<link[^>]*tactics-explorer-[0-9a-f]+[^>]*>/g;
// After the charset (the minified page may have no <head> tag).
const charset = html.match(/<meta charset=[^>]*>/i);
if (!charset) throw new Error("no <meta charset> in index.html");
if (!html.includes("</head>")) throw new Error("no </head> in index.html");
fs.writeFileSync(
  file,
  html
    .replace(trunkScript, "")
    .replace(appPreloads, "")
    .replace(charset[0], `${charset[0]}${linked("pre-guard", "")}`)
    .replace("</head>", `${manifestTag}${linked("loader", ' type="module"')}\n</head>`),
);
console.log(`externalize-loader: index.html links the loader with its manifest (${manifest.app.js}, ${manifest.firstView.js}, ${manifest.dataView.js})`);

// Then the worker module's names (it edits index.html too, so it runs after, in this process).
await import("./version-worker.mjs");

// Last, the default view written into the body by the project's own native binary (the same
// rows code as the app; crates/cli/src/bin/prerender.rs). Debug profile: it shares compiled
// crates with `cargo run --bin validate` of the test command. A dataset that does not validate
// leaves the page without a first view (the binary says why); the build does not fail on it.
const run = prerender([dir], "inherit");
if (run.status !== 0) throw new Error(`prerender failed (exit ${run.status ?? run.signal})`);
