/* tactics-explorer host helper (optional, no dependencies). Put it on the page that embeds the
 * explorer; it sets the height of every <iframe data-tactics-explorer> from the explorer's
 * {"type": "tactics-explorer:resize", "height": <px>} messages. See docs/EMBED.md. */
(function () {
  "use strict";
  window.addEventListener("message", function (event) {
    var data = event.data;
    if (!data || data.type !== "tactics-explorer:resize" || typeof data.height !== "number") return;
    var frames = document.querySelectorAll("iframe[data-tactics-explorer]");
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow === event.source) {
        var height = Math.max(150, Math.min(20000, Math.round(data.height)));
        frames[i].style.height = height + "px";
      }
    }
  });
})();
