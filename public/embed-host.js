/* tactics-explorer host helper (optional, no dependencies). Put it on the page that embeds the
 * explorer. For every <iframe data-tactics-explorer>:
 * - it sets the frame's height from the explorer's
 *   {"type": "tactics-explorer:resize", "height": <px>} messages;
 * - on {"type": "tactics-explorer:exit", "url": <https address>} (the visitor pressed Quick exit
 *   or Escape twice in the frame) it replaces this whole page with that neutral site, so the
 *   visitor leaves your page too and Back does not return to it (a browser lets a frame from
 *   another site do this itself only right after a click, not after Escape).
 * See docs/EMBED.md. */
(function () {
  "use strict";
  window.addEventListener("message", function (event) {
    var data = event.data;
    if (!data || typeof data.type !== "string") return;
    var frames = document.querySelectorAll("iframe[data-tactics-explorer]");
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow !== event.source) continue;
      if (data.type === "tactics-explorer:resize" && typeof data.height === "number") {
        var height = Math.max(150, Math.min(20000, Math.round(data.height)));
        frames[i].style.height = height + "px";
        // The explorer then leaves Quick exit to this script (no second navigation of the page).
        event.source.postMessage({ type: "tactics-explorer:host" }, "*");
      } else if (data.type === "tactics-explorer:exit" && typeof data.url === "string" && /^https?:\/\//i.test(data.url)) {
        document.documentElement.style.visibility = "hidden";
        window.location.replace(data.url);
      }
    }
  });
})();
