// Trunk post-build hook: gives the lazily loaded worker module (crates/worker) file names with a
// content hash, which Trunk does not do for workers, and tells the app the loader's name through
// a <meta name="tactics-worker"> tag. A new build thus never mixes a cached old worker with a new
// app, and the files can be cached for ever.
import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error("TRUNK_STAGING_DIR is not set: run this as a Trunk hook");
const NAME = "tactics-worker";
const js = path.join(dir, `${NAME}.js`);
const wasm = path.join(dir, `${NAME}_bg.wasm`);
if (!fs.existsSync(js) || !fs.existsSync(wasm)) throw new Error(`${NAME} was not built`);
const hash = crypto
  .createHash("sha256")
  .update(fs.readFileSync(js))
  .update(fs.readFileSync(wasm))
  .digest("hex")
  .slice(0, 16);
const base = `${NAME}-${hash}`;
fs.renameSync(js, path.join(dir, `${base}.js`));
fs.renameSync(wasm, path.join(dir, `${base}_bg.wasm`));
fs.rmSync(path.join(dir, `${NAME}_loader.js`), { force: true });
// Relative to the loader itself, so the site works under any sub-path.
fs.writeFileSync(
  path.join(dir, `${base}_loader.js`),
  `import init from "./${base}.js";\n` +
    `await init({ module_or_path: new URL("./${base}_bg.wasm", import.meta.url) });\n`,
);
const index = path.join(dir, "index.html");
const html = fs.readFileSync(index, "utf8");
const meta = `<meta name="tactics-worker" content="./${base}_loader.js">`;
fs.writeFileSync(index, html.replace("</head>", `${meta}\n</head>`));
console.log(`version-worker: the worker is ${base}_loader.js`);
