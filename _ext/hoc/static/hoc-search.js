/* Search results name pages by title: mark the titles left in English (lang="en"),
   as the sidebar and the previous/next links do. The list of those pages is written
   into the search page by the build (#hoc-fallback-titles). */
(function () {
  "use strict";
  var data = document.getElementById("hoc-fallback-titles");
  if (!data) return;
  var languages = JSON.parse(data.textContent || "{}");
  var root = document.documentElement.dataset.content_root || "";
  function docname(href) {
    var path = href.split("#")[0].split("?")[0];
    if (path.indexOf(root) === 0) path = path.slice(root.length);
    return path.replace(/\.html$/, "").replace(/\/$/, "/index");
  }
  function mark(container) {
    container.querySelectorAll("li > a").forEach(function (link) {
      var language = languages[docname(link.getAttribute("href") || "")];
      if (language && !link.hasAttribute("lang")) link.setAttribute("lang", language);
    });
  }
  function start() {
    var results = document.getElementById("search-results");
    if (!results) return;
    mark(results);
    new MutationObserver(function () { mark(results); })
      .observe(results, { childList: true, subtree: true });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
