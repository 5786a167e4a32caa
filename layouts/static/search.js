// Search over the prebuilt index (search-index.js), loaded by site.js on first use.
// Results are built from text nodes; nothing typed is sent anywhere.
(function () {
  "use strict";
  var script = document.currentScript;
  var root = (script && script.getAttribute("data-root")) || "";
  var FIELD_WEIGHT = [8, 4, 2, 1]; // title, tags, summary, body
  var MAX_RESULTS = 10;
  var indexState = "unloaded";
  var waiting = [];

  function terms(text) { return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) || []; }

  // The index is a script, not a fetch, so that search works from file:// too.
  function withIndex(callback) {
    if (indexState === "loaded") { callback(window.sincerelySearchIndex); return; }
    waiting.push(callback);
    if (indexState !== "unloaded") return;
    indexState = "loading";
    var tag = document.createElement("script");
    tag.src = root + "search-index.js";
    tag.onload = function () {
      var index = window.sincerelySearchIndex;
      indexState = "loaded";
      index.terms = {};
      index.groups.forEach(function (group) {
        group[1].split(" ").forEach(function (term) { index.terms[term] = group[0]; });
      });
      waiting.splice(0).forEach(function (cb) { cb(index); });
    };
    tag.onerror = function () { indexState = "unloaded"; };
    document.head.appendChild(tag);
  }

  // Every query word must match, the last one as a prefix, since it may be unfinished.
  function search(index, query) {
    var words = terms(query);
    if (!words.length) return [];
    var scores = null;
    words.forEach(function (word, i) {
      var found = {};
      var last = i === words.length - 1;
      Object.keys(index.terms).forEach(function (term) {
        if (term === word || (last && word.length > 1 && term.indexOf(word) === 0)) {
          index.terms[term].forEach(function (posting) {
            var doc = Math.floor(posting / 4);
            var weight = FIELD_WEIGHT[posting % 4] * (term === word ? 2 : 1);
            found[doc] = Math.max(found[doc] || 0, weight);
          });
        }
      });
      if (scores === null) { scores = found; return; }
      var both = {};
      Object.keys(scores).forEach(function (doc) {
        if (found[doc]) both[doc] = scores[doc] + found[doc];
      });
      scores = both;
    });
    return Object.keys(scores).map(Number).sort(function (a, b) {
      return scores[b] - scores[a] || a - b;
    }).map(function (doc) { return index.docs[doc]; });
  }

  function marked(text, words) {
    var fragment = document.createDocumentFragment();
    var pattern = words.length ? new RegExp("(" + words.map(function (w) {
      return w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    }).join("|") + ")", "giu") : null;
    var pieces = pattern ? text.split(pattern) : [text];
    pieces.forEach(function (piece, i) {
      if (i % 2 === 1) {
        var mark = document.createElement("mark");
        mark.textContent = piece;
        fragment.appendChild(mark);
      } else if (piece) {
        fragment.appendChild(document.createTextNode(piece));
      }
    });
    return fragment;
  }

  function show(input, list, status, results) {
    var words = terms(input.value);
    list.textContent = "";
    if (!words.length) { list.hidden = true; status.textContent = ""; return; }
    results.slice(0, MAX_RESULTS).forEach(function (doc) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = root + doc[0];
      link.appendChild(marked(doc[1], words));
      var summary = document.createElement("p");
      summary.appendChild(marked(doc[2], words));
      item.appendChild(link);
      item.appendChild(summary);
      list.appendChild(item);
    });
    list.hidden = results.length === 0;
    status.textContent = results.length === 0 ? "No letters match."
      : results.length === 1 ? "1 letter matches." : results.length + " letters match.";
  }

  function wire(input) {
    var list = document.getElementById(input.getAttribute("aria-controls"));
    var status = document.getElementById(input.getAttribute("aria-describedby"));
    function run() { withIndex(function (index) { show(input, list, status, search(index, input.value)); }); }
    input.addEventListener("input", run);
    input.addEventListener("focus", function () { withIndex(function () {}); });
    input.addEventListener("keydown", function (event) {
      var first = list.querySelector("a");
      if (event.key === "ArrowDown" && first) { event.preventDefault(); first.focus(); }
      if (event.key === "Enter" && first) { event.preventDefault(); first.click(); }
      if (event.key === "Escape") { input.value = ""; run(); }
    });
    list.addEventListener("keydown", function (event) {
      var links = Array.prototype.slice.call(list.querySelectorAll("a"));
      var at = links.indexOf(document.activeElement);
      if (at < 0) return;
      if (event.key === "ArrowDown" && at + 1 < links.length) { event.preventDefault(); links[at + 1].focus(); }
      if (event.key === "ArrowUp") { event.preventDefault(); (at ? links[at - 1] : input).focus(); }
      if (event.key === "Escape") { event.preventDefault(); input.focus(); }
    });
    return run;
  }

  document.querySelectorAll(".search-input").forEach(function (input) {
    var run = wire(input);
    var query = input.id === "page-q" && new URLSearchParams(window.location.search).get("q");
    if (query && !input.value) input.value = query;
    if (input.value) run();
  });
})();
