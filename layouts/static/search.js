// Search over the prebuilt index (search-index.js), loaded by site.js on first use.
// Results are built from text nodes; nothing typed is sent anywhere.
(function () {
  "use strict";
  var script = document.currentScript;
  var root = (script && script.getAttribute("data-root")) || "";
  var FIELD_WEIGHT = [8, 4, 2, 1]; // title, tags, summary, body
  var MAX_RESULTS = 10;
  var indexState = "unloaded";
  // The results' look comes with the search code, not with every page.
  var look = document.createElement("link");
  look.rel = "stylesheet";
  look.href = root + "static/search.css";
  document.head.appendChild(look);
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
      // A typed word is stemmed by the endings of the page's language (each letter was
      // indexed in its own), or of the site's.
      var endings = {};
      var table = index.endings[document.documentElement.lang] || index.endings[index.language] || "";
      table.split(" ").forEach(function (ending) { if (ending) endings[ending] = true; });
      index.endings = endings;
      waiting.splice(0).forEach(function (cb) { cb(index); });
    };
    tag.onerror = function () { indexState = "unloaded"; };
    document.head.appendChild(tag);
  }

  // A typed word's stems, with how well each matches: the word's own stem (2), or, for
  // the last word, which may be unfinished, any stem it begins (1). The index has no
  // stemmer's code: a word's stem is listed under forms, or is the word itself, or a
  // beginning of the word followed by one of the language's endings ("reject" + "ed").
  function stemsOf(index, word, last) {
    var found = {};
    var own = index.forms[word] || (index.terms[word] ? word : null);
    for (var cut = word.length - 1; !own && cut >= 3; cut -= 1) {
      if (index.terms[word.slice(0, cut)] && index.endings[word.slice(cut)]) own = word.slice(0, cut);
    }
    if (own) found[own] = 2;
    if (last && word.length > 1) {
      Object.keys(index.terms).forEach(function (term) {
        if (!found[term] && term.indexOf(word) === 0) found[term] = 1;
      });
    }
    return found;
  }

  // Every query word must match; the best field each stands in ranks the letters.
  function search(index, query) {
    var words = terms(query);
    if (!words.length) return { docs: [], stems: [] };
    var scores = null;
    var matched = [];
    words.forEach(function (word, i) {
      var found = {};
      var stems = stemsOf(index, word, i === words.length - 1);
      Object.keys(stems).forEach(function (term) {
        matched.push(term);
        index.terms[term].forEach(function (posting) {
          var doc = Math.floor(posting / 4);
          var weight = FIELD_WEIGHT[posting % 4] * stems[term];
          found[doc] = Math.max(found[doc] || 0, weight);
        });
      });
      if (scores === null) { scores = found; return; }
      var both = {};
      Object.keys(scores).forEach(function (doc) {
        if (found[doc]) both[doc] = scores[doc] + found[doc];
      });
      scores = both;
    });
    var docs = Object.keys(scores).map(Number).sort(function (a, b) {
      return scores[b] - scores[a] || a - b;
    }).map(function (doc) { return index.docs[doc]; });
    return { docs: docs, stems: matched.concat(words) };
  }

  // Marks each word of the text that begins with one of the stems (or words) matched.
  function marked(text, stems) {
    var fragment = document.createDocumentFragment();
    var pattern = stems.length ? new RegExp("(?<![\\p{L}\\p{N}])((?:" + stems.map(function (w) {
      return w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    }).join("|") + ")[\\p{L}\\p{N}]*)", "giu") : null;
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
    var stems = results.stems;
    results = results.docs;
    results.slice(0, MAX_RESULTS).forEach(function (doc) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = root + doc[0];
      link.appendChild(marked(doc[1], stems));
      var summary = document.createElement("p");
      summary.appendChild(marked(doc[2], stems));
      item.appendChild(link);
      item.appendChild(summary);
      list.appendChild(item);
    });
    list.hidden = results.length === 0;
    // The words come with the index, in the site's language.
    var said = window.sincerelySearchIndex.text;
    var form = said.found[new Intl.PluralRules(document.documentElement.lang).select(results.length)];
    status.textContent = results.length === 0 ? said.none
      : (form || said.found.other).replace("{n}", String(results.length));
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
