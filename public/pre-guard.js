// Runs before the body is parsed (a synchronous script in <head>, a file for a strict CSP; the
// build hook links it). Starts the fetch of a ?data= file. Marks <html> for the stylesheet:
// "js", so the prerendered first view keeps room for the app's controls; "pre-other" when the
// URL has a query (filters, a place, data=, embed options...), so the prerendered default rows
// and credit are never shown as that view; "pre-embed" for an embedded view, which has no
// masthead; "framed" inside a frame.
//
// It is also the one home of the visitor's safety controls, for the prerendered first view and
// the app alike (both draw Quick exit as a plain link, a.quick-exit, and neither handles it):
// - the address bar: both runtimes write it with tactics_dom::write_history, which numbers the
//   entries the explorer adds (history.state.tacticsDepth, read here) and adds none inside a
//   frame, where they would take over the host page's Back;
// - Quick exit (the link, or Escape twice): hides the page, goes back to the explorer's first
//   entry and replaces it with the neutral site, so Back does not return here; the later
//   entries are rewritten on the way to an address that leaves at once, so Forward does not;
// - Get help: opens and closes the help panel;
// - links to a part of the page: focus and scroll, no history entry;
// - Escape: one that closes a panel (focus in it or on its opener) or clears a search box is
//   not counted toward the two;
// - in a frame, a second Quick exit that stays inside the visible part of the frame.
(function () {
  var root = document.documentElement;
  root.classList.add("js");
  if (location.search.length > 1) root.classList.add("pre-other");
  if (/[?&]embed=1(&|$)/.test(location.search)) root.classList.add("pre-embed");
  var framed = window.parent !== window;
  if (framed) root.classList.add("framed");
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

  // How many entries this explorer added before the current one (0: the first, or unknown), as
  // tactics_dom::write_history numbers them.
  function depth() {
    var s = history.state;
    return s && typeof s.tacticsDepth === "number" && s.tacticsDepth > 0 ? s.tacticsDepth : 0;
  }

  // Where Quick exit goes: the page's link (the build's or the app's, from the dataset).
  function exitUrl() {
    var link = document.querySelector(".topbar a.quick-exit");
    return link ? link.href : "https://www.weather.gov/";
  }
  // Set in window.name (kept by the tab, not stored) when Back to the first entry loads the
  // page again instead of showing it from memory: that page then leaves at once.
  var MARK = "tactics-explorer:exit";
  var hosted = false;
  addEventListener("message", function (e) {
    if (framed && e.source === window.parent && e.data && e.data.type === "tactics-explorer:host") hosted = true;
  });
  var leaving = null;
  var fallback = 0;
  function hide() {
    root.style.visibility = "hidden";
  }
  function leave() {
    if (leaving) return;
    leaving = exitUrl();
    hide();
    // tactics_dom::write_history writes nothing from now on (LEAVING_ATTRIBUTE): a write the
    // explorer had scheduled must not add or rewrite an entry while the walk goes back.
    root.setAttribute("data-leaving", "");
    if (framed) {
      // The host page's helper (embed-host.js, which said so) replaces the whole page; without
      // it, the top window is replaced when the browser lets the frame do so, else the frame.
      try {
        window.parent.postMessage({ type: "tactics-explorer:exit", url: leaving }, "*");
      } catch (e) {}
      if (hosted) {
        fallback = setTimeout(function () {
          location.replace(leaving);
        }, 1000);
        return;
      }
      var allowed = navigator.userActivation ? navigator.userActivation.isActive : false;
      try {
        allowed = allowed || window.top.location.href !== undefined;
      } catch (e) {}
      if (allowed) {
        try {
          return window.top.location.replace(leaving);
        } catch (e) {}
      }
      return location.replace(leaving);
    }
    try {
      window.name = MARK;
    } catch (e) {}
    step();
  }
  // One entry back at a time, each made an address that leaves at once (?left=1, should Forward
  // ever reach it); the first entry is replaced by the neutral site. Replacing keeps the entries
  // after it, hence the rewriting.
  function step() {
    clearTimeout(fallback);
    if (depth() === 0) {
      window.name = "";
      return location.replace(leaving);
    }
    history.replaceState(null, "", location.pathname + "?left=1");
    history.go(-1);
    // Should Back not happen (it always does in the browsers tested), leave from here.
    fallback = setTimeout(function () {
      window.name = "";
      location.replace(leaving);
    }, 1500);
  }
  // The explorer's own listeners never see these steps.
  addEventListener(
    "popstate",
    function (e) {
      if (!leaving) return;
      e.stopImmediatePropagation();
      step();
    },
    true,
  );
  // A step that loaded the page again (after a reload, the earlier entries are another page's)
  // goes on from here: the mark is in window.name, which the tab keeps and no site stores.
  var marked = !framed && window.name === MARK;
  if (marked || /[?&]left=1(&|$)/.test(location.search)) {
    hide();
    document.addEventListener("DOMContentLoaded", function () {
      if (marked) leave();
      else location.replace(exitUrl());
    });
  }
  addEventListener("pageshow", function (e) {
    if (e.persisted && !framed && window.name === MARK) {
      leaving = null;
      leave();
    }
  });

  document.addEventListener("click", function (e) {
    var link = e.target instanceof Element ? e.target.closest("a.quick-exit") : null;
    if (!link || e.button !== 0) return;
    e.preventDefault();
    leave();
  });
  // A link to a part of this page (a skip link, a profile's jump links) moves focus there and
  // brings it into view, with no history entry: an entry the explorer did not number would cut
  // Quick exit's walk short, and inside a frame it would be added to the host page's history.
  document.addEventListener("click", function (e) {
    var link = e.target instanceof Element ? e.target.closest('a[href^="#"]') : null;
    if (!link || e.defaultPrevented || e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
    var target = null;
    try {
      target = document.getElementById(decodeURIComponent(link.getAttribute("href").slice(1)));
    } catch (err) {}
    if (!target) return;
    e.preventDefault();
    // Focusable, without entering the tab order (an element already in it stays as it is).
    if (target.tabIndex < 0 && !target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
    target.focus({ preventScroll: true });
    target.scrollIntoView();
  });
  // Get help opens the help panel under the top bar, before and after the app loads (both
  // runtimes leave it to this script, as Quick exit).
  document.addEventListener("click", function (e) {
    var toggle = e.target instanceof Element ? e.target.closest("button.help-toggle") : null;
    var panel = toggle && document.getElementById(toggle.getAttribute("aria-controls"));
    if (!panel) return;
    panel.hidden = !panel.hidden;
    toggle.setAttribute("aria-expanded", String(!panel.hidden));
  });

  // Escape closes the panel that has focus (or whose opener has it) and gives focus back to
  // the opener: an opener is [aria-expanded=true][aria-controls=ID]; a region marked data-escape
  // (a cell's sources, a profile) is closed by its [data-action=close] button, whose component
  // returns focus. Returns whether something was closed.
  function closePanel(el) {
    for (var n = el; n && n !== document.body; n = n.parentElement) {
      var opener = null;
      if (n.getAttribute("aria-expanded") === "true" && n.getAttribute("aria-controls")) opener = n;
      else if (n.id) opener = document.querySelector('[aria-expanded="true"][aria-controls="' + CSS.escape(n.id) + '"]');
      if (opener) {
        opener.click();
        opener.focus();
        return true;
      }
      if (n.hasAttribute("data-escape")) {
        var close = n.querySelector('[data-action="close"]');
        if (close) {
          close.click();
          return true;
        }
      }
    }
    return false;
  }
  // Quick exit within reach wherever the visitor has scrolled: a second link, fixed in a
  // corner, shown while the top bar's is not on screen. In a frame whose host page makes it as
  // tall as its content, "on screen" is the host's window: strips down the page, watched by an
  // IntersectionObserver (which measures against the browser's window, through frames), tell
  // which part of the frame is visible, and the link sits at the bottom of that part.
  var reach = null;
  var strips = [];
  var seen = [];
  var queued = false;
  function schedule() {
    if (!queued) {
      queued = true;
      requestAnimationFrame(place);
    }
  }
  function place() {
    queued = false;
    var top = 0;
    var bottom = innerHeight;
    var first = seen.indexOf(true);
    if (first >= 0) {
      top = Math.max(top, strips[first].getBoundingClientRect().top);
      bottom = Math.min(bottom, strips[seen.lastIndexOf(true)].getBoundingClientRect().bottom);
    }
    var link = document.querySelector(".topbar a.quick-exit");
    var r = link && link.getBoundingClientRect();
    reach.hidden = !!r && r.height > 0 && r.top >= top && r.bottom <= bottom;
    if (reach.hidden || first < 0) return;
    reach.style.top = Math.max(top, bottom - reach.offsetHeight - 12) + "px";
    reach.style.bottom = "auto";
  }
  function measure(entries) {
    for (var i = 0; i < entries.length; i++) {
      seen[+entries[i].target.dataset.i] = entries[i].intersectionRatio > 0.99;
    }
    schedule();
  }
  var watcher = null;
  var STRIP = 64;
  function lay() {
    var want = Math.ceil(document.documentElement.scrollHeight / STRIP);
    while (strips.length < want) {
      var s = document.createElement("div");
      s.className = "exit-strip";
      s.dataset.i = strips.length;
      s.style.top = strips.length * STRIP + "px";
      s.style.height = STRIP + "px";
      document.body.appendChild(s);
      strips.push(s);
      seen.push(false);
      watcher.observe(s);
    }
    schedule();
  }
  document.addEventListener("DOMContentLoaded", function () {
    reach = document.createElement("a");
    reach.className = "quick-exit exit-reach";
    reach.textContent = "Quick exit";
    reach.href = exitUrl();
    reach.hidden = true;
    document.body.appendChild(reach);
    addEventListener("scroll", schedule, { passive: true });
    addEventListener("resize", schedule);
    if (framed && window.IntersectionObserver && window.ResizeObserver) {
      watcher = new IntersectionObserver(measure, { threshold: [0, 1] });
      new ResizeObserver(lay).observe(document.body);
    }
    schedule();
  });

  var last = 0;
  addEventListener(
    "keydown",
    function (e) {
      if (e.key !== "Escape" || e.repeat) return;
      var t = e.target;
      var done = false;
      // The browser clears a search box with text on Escape.
      if (t instanceof HTMLInputElement && t.type === "search" && t.value !== "") done = true;
      else if (closePanel(document.activeElement)) {
        done = true;
        e.preventDefault();
      }
      // Counted once every listener has run: one that closed something calls preventDefault.
      setTimeout(function () {
        if (done || e.defaultPrevented) {
          last = 0;
          return;
        }
        var now = Date.now();
        if (now - last < 1500) leave();
        else last = now;
      }, 0);
    },
    true,
  );
})();
