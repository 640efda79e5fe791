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
// The dataset is fetched while the wasm downloads and compiles, not after: the bundled one, or
// the one `?data=` names when the app would load it (same origin, http(s): the rule of
// `embed::data_path`). The app takes this promise only when `url` is the path it would fetch
// itself (src/ui/load.rs). A failed fetch is reported by the app; the empty catch only keeps the
// console free of an "unhandled rejection" before the app takes the promise.
const early =
  '{\n' +
  '  const asked = new URLSearchParams(location.search).get("data");\n' +
  '  let url = asked === null ? "data/dataset.json" : null;\n' +
  '  if (asked && asked.length <= 500) {\n' +
  '    try {\n' +
  '      const u = new URL(asked, location.href);\n' +
  '      if (u.origin === location.origin && u.protocol.startsWith("http")) url = u.href;\n' +
  '    } catch (e) {}\n' +
  '  }\n' +
  '  if (url) {\n' +
  '    window.__tacticsData = { url, response: fetch(url) };\n' +
  '    window.__tacticsData.response.catch(() => {});\n' +
  '  }\n' +
  '}\n';
const code = early + match[1];
const hash = crypto.createHash("sha256").update(code).digest("hex").slice(0, 16);
const name = `loader-${hash}.js`;
fs.writeFileSync(path.join(dir, name), code);
const integrity = "sha384-" + crypto.createHash("sha384").update(code).digest("base64");
fs.writeFileSync(
  file,
  html.replace(inline, `<script type="module" src="./${name}" integrity="${integrity}"></script>`),
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
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const run = spawnSync(
  "cargo",
  ["run", "--quiet", "-p", "tactics-cli", "--bin", "prerender", "--", dir],
  { cwd: root, stdio: "inherit" },
);
if (run.status !== 0) throw new Error(`prerender failed (exit ${run.status ?? run.signal})`);
