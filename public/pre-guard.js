// Runs before the body is parsed (a synchronous script in <head>, a file for a strict CSP; the
// build hook links it). Marks <html> for the stylesheet: "js", so the prerendered first view
// keeps room for the app's controls; "pre-other" when the URL has a query (filters, a place,
// data=, embed options...), so the prerendered default rows and credit are never shown as that
// view; "pre-embed" for an embedded view, which has no masthead. Quick
// exit (a plain link in the prerendered view) and Escape twice replace the page, as in the app,
// until the app has taken over (src/ui/takeover.rs removes #pre).
(function () {
  var root = document.documentElement;
  root.classList.add("js");
  if (location.search.length > 1) root.classList.add("pre-other");
  if (/[?&]embed=1(&|$)/.test(location.search)) root.classList.add("pre-embed");
  function prerendered() {
    return document.getElementById("pre") !== null;
  }
  function leave(url) {
    try {
      if (window.top !== window.self) return window.top.location.replace(url);
    } catch (e) {
      // A cross-origin host page: leave the frame itself.
    }
    window.location.replace(url);
  }
  document.addEventListener("click", function (e) {
    var link = e.target instanceof Element ? e.target.closest("#pre a.quick-exit") : null;
    if (!link) return;
    e.preventDefault();
    leave(link.href);
  });
  var last = 0;
  document.addEventListener("keydown", function (e) {
    if (e.key !== "Escape" || !prerendered()) return;
    var now = Date.now();
    var link = document.querySelector("#pre a.quick-exit");
    if (now - last < 1500 && link) leave(link.href);
    last = now;
  });
})();
