/* Code blocks and tables wider than the screen scroll sideways: give each such region a
   keyboard stop (tabindex="0") so that it can be scrolled without a mouse (WCAG 2.1.1,
   axe's scrollable-region-focusable), and take it away again when it fits. */
(function () {
  "use strict";
  function update() {
    document.querySelectorAll("article pre, article .table-wrapper").forEach(function (region) {
      if (region.scrollWidth > region.clientWidth) {
        region.setAttribute("tabindex", "0");
      } else if (region.getAttribute("tabindex") === "0") {
        region.removeAttribute("tabindex");
      }
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", update);
  } else {
    update();
  }
  window.addEventListener("resize", update);
})();
