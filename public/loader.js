// The page's loader, a module script (the build hook, scripts/externalize-loader.mjs, links it
// with a content hash and its integrity; a file, for a strict CSP without 'unsafe-inline').
// It reads the manifest that the same hook writes into the page
// (<script type="application/json" id="tactics-manifest">): the file names of the three modules
// it may start (`app`, `firstView`, `dataView`, each `{js, wasm}`, content-hashed) and the URL
// keys the first view answers (`matrixKeys`, from their one home, `url_state::MATRIX_KEYS`).
//
// It starts the first-view module (crates/first-view: the prerendered matrix's controls, without
// Leptos) when the URL asks only for the matrix, the data view for a `?data=` file and the
// matrix's state, and the app at once for any other URL; the app later when the visitor asks for
// more (the first view sends the event "tactics-load-app"; the root element carries "data-app"
// while the app loads or runs: both named in crates/core/src/query/handoff.rs). The keys are only a pre-check: the
// module's own gate (`first_view::may_show`) decides, and hands anything else to the app.
const manifest = JSON.parse(document.getElementById("tactics-manifest").textContent);
const pre = document.getElementById("pre");
const keys = [...new URLSearchParams(location.search).keys()];
const matrixOnly =
  pre !== null &&
  pre.dataset.firstView !== undefined &&
  keys.every((k) => k === "data" || manifest.matrixKeys.includes(k));
const light = matrixOnly && !keys.includes("data");
const file = matrixOnly && keys.filter((k) => k === "data").length === 1;
{
  // The dataset is fetched while the wasm downloads and compiles, not after: the first view
  // reads its part of the dataset (written by the build, data-first-view), the app the bundled
  // dataset; a data= file is being fetched already (public/pre-guard.js). The app takes this
  // promise only when `url` is the path it would fetch itself (src/ui/load.rs). A failed fetch
  // is reported by the app; the empty catch only keeps the console free of an "unhandled
  // rejection" before the app takes the promise.
  const url = light
    ? new URL(pre.dataset.firstView, location.href).href
    : keys.includes("data")
      ? null
      : "data/dataset.json";
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
// Relative to the page, as every asset: the site works at the root and under a sub-path.
const at = (name) => new URL(name, document.baseURI).href;
const root = document.documentElement;
let started;
const startApp = () =>
  (started ??= (async () => {
    root.dataset.app = "loading";
    const code = wasmFetch(at(manifest.app.wasm));
    const bindings = await import(at(manifest.app.js));
    const wasm = await bindings.default({ module_or_path: code });
    window.wasmBindings = bindings;
    // The event Trunk's own loader sends (bench/bench.mjs counts every module's memory).
    dispatchEvent(new CustomEvent("TrunkApplicationStarted", { detail: { wasm } }));
    root.dataset.app = "running";
  })().catch((e) => {
    started = undefined;
    delete root.dataset.app;
    const main = document.querySelector("#pre main");
    document.getElementById("app-loading")?.setAttribute("hidden", "");
    if (main && !document.getElementById("app-failed")) {
      const note = document.createElement("p");
      note.id = "app-failed";
      note.className = "notice";
      note.setAttribute("role", "alert");
      note.textContent =
        "This part of the explorer could not be loaded. The table above still works; reload the page to try again.";
      main.prepend(note);
    }
    console.warn("tactics-explorer: the app could not be loaded", e);
    dispatchEvent(new CustomEvent("tactics-app-failed"));
  }));
addEventListener("tactics-load-app", () => {
  startApp();
});
if (light || file) {
  const module = light ? manifest.firstView : manifest.dataView;
  try {
    const code = wasmFetch(at(module.wasm));
    const view = await import(at(module.js));
    const wasm = await view.default({ module_or_path: code });
    // For measurements (bench/bench.mjs counts every module's memory), as the app's event.
    dispatchEvent(new CustomEvent("tactics-first-view-started", { detail: { wasm } }));
  } catch (e) {
    startApp();
  }
} else {
  await startApp();
}
