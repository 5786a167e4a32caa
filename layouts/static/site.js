// Every page: shows the controls that need JavaScript, and loads search on first use.
(function () {
  "use strict";
  var script = document.currentScript;
  var root = (script && script.getAttribute("data-root")) || "";
  var searchLoading = false;

  // The search code and its index load only when someone searches, keeping pages light.
  function loadSearch() {
    if (searchLoading) return;
    searchLoading = true;
    var tag = document.createElement("script");
    tag.src = root + "static/search.js";
    tag.setAttribute("data-root", root);
    document.head.appendChild(tag);
  }

  document.querySelectorAll(".search-input").forEach(function (input) {
    input.addEventListener("focus", loadSearch);
    input.addEventListener("input", loadSearch);
  });
  if (document.getElementById("page-q")) loadSearch();
})();
