// Trunk post-build hook: moves the inline module script that Trunk writes into index.html to a
// file of its own, so the site runs under a strict CSP without 'unsafe-inline' (docs/EMBED.md).
import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";

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
