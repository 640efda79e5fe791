// Runs before the body is parsed (a synchronous script in <head>, a file for a strict CSP; the
// build hook links it). Starts the fetch of a ?data= file. Marks <html> for the stylesheet:
// "js", so the prerendered first view keeps room for the app's controls; "pre-other" when the
// URL has a query (filters, a place, data=, embed options...), so the prerendered default rows
// and credit are never shown as that view; "pre-embed" for an embedded view, which has no
// masthead. Quick exit (a plain link in the prerendered view) and Escape twice replace the page,
// as in the app, until the app has taken over (src/ui/takeover.rs removes #pre).
(function () {
  var root = document.documentElement;
  root.classList.add("js");
  if (location.search.length > 1) root.classList.add("pre-other");
  if (/[?&]embed=1(&|$)/.test(location.search)) root.classList.add("pre-embed");
  // A data= file is fetched while the page is still parsed, by the rule of the app's
  // embed::data_path (this origin, http(s)); the first view or the app takes this fetch.
  var asked = new URLSearchParams(location.search).get("data");
  if (asked && asked.length <= 500) {
    try {
      var file = new URL(asked, location.href);
      if (file.origin === location.origin && file.protocol.indexOf("http") === 0) {
        var response = fetch(file.href);
        response.catch(function () {});
        window.__tacticsData = { url: file.href, response: response };
      }
    } catch (e) {
      // Not an address: the app says so.
    }
  }
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
