// Search, loaded by site.js on first use: it loads the prebuilt index (search-index.js),
// Snowball's stemmers of the letters' languages and the matching (search-match.js), and
// shows what is found. Results are built from text nodes; nothing typed is sent anywhere.
(function () {
  "use strict";
  var script = document.currentScript;
  var root = (script && script.getAttribute("data-root")) || "";
  var SHOWN = 8; // results under the header's box; the search page shows up to PAGE_SHOWN
  var PAGE_SHOWN = 50;
  var state = "unloaded";
  var waiting = [];
  var engine = null; // what search-match.js makes of the index
  // The results' look comes with the search code, not with every page.
  var look = document.createElement("link");
  look.rel = "stylesheet";
  look.href = root + "static/search.css";
  document.head.appendChild(look);

  // ---- Loading: the index, then the matching and the stemmers it names (scripts, not
  // fetch: file:// has no fetch) ----

  function load(src, done, failed) {
    var tag = document.createElement("script");
    tag.src = src;
    tag.onload = done;
    tag.onerror = failed;
    document.head.appendChild(tag);
  }

  function withIndex(callback) {
    if (state === "loaded") { callback(engine); return; }
    waiting.push(callback);
    if (state !== "unloaded") return;
    state = "loading";
    function failed() { state = "unloaded"; }
    load(root + "search-index.js", function () {
      var data = window.sincerelySearchIndex;
      var names = Object.create(null);
      data.languages.forEach(function (entry) { if (entry[1]) names[entry[1]] = true; });
      var files = Object.keys(names).map(function (name) { return data.stemmers + name + ".js"; });
      if (files.length) files.unshift(data.stemmers + "base.js");
      files.push("static/search-match.js");
      data.shards.forEach(function (shard) { files.push(shard[1]); });
      var left = files.length;
      function ready() {
        left -= 1;
        if (left || state !== "loading") return;
        merge(data, window.sincerelySearchShards || {});
        engine = window.sincerelySearch.open(data, window.sincerelyStemmers || {});
        state = "loaded";
        waiting.splice(0).forEach(function (cb) { cb(engine); });
      }
      files.forEach(function (file) { load(root + file, ready, failed); });
    }, failed);
  }

  // Each pack's part of the index (made again only when its letters change), merged
  // into one, in the site's order: its letters numbered on from the last part's, each
  // with its language's number; a term found in several parts has all their postings.
  function merge(data, parts) {
    var number = Object.create(null), fields = data.weights.length;
    data.languages.forEach(function (entry, i) { number[entry[0]] = i; });
    data.docs = [];
    data.groups = [];
    data.shards.forEach(function (shard) {
      var part = parts[shard[0]], base = data.docs.length * fields;
      part.docs.forEach(function (doc) {
        data.docs.push([doc[0], doc[1], doc[2], doc[3], number[doc[4]], doc[5]]);
      });
      part.groups.forEach(function (group) {
        data.groups.push([group[0].map(function (posting) { return base + posting; }), group[1]]);
      });
    });
  }

  // ---- Showing ----

  // The text, with each word marked whose stem was matched (in the letter's language).
  function marked(text, language, terms) {
    var fragment = document.createDocumentFragment();
    text.split(/([\p{L}\p{N}]+)/u).forEach(function (piece, i) {
      var hit = i % 2 === 1 && engine.marks(language, piece.normalize("NFC").toLowerCase(), terms);
      if (hit) {
        var mark = document.createElement("mark");
        mark.textContent = piece;
        fragment.appendChild(mark);
      } else if (piece) {
        fragment.appendChild(document.createTextNode(piece));
      }
    });
    return fragment;
  }

  function item(href, text, className) {
    var entry = document.createElement("li");
    var link = document.createElement("a");
    link.href = href;
    link.textContent = text;
    if (className) entry.className = className;
    entry.appendChild(link);
    return entry;
  }

  function show(input, list, status, found) {
    list.textContent = "";
    if (!found) { list.hidden = true; status.textContent = ""; return; }
    var onPage = input.id === "page-q";
    var said = engine.text;
    var docs = found.docs.length ? found.docs : found.closest;
    docs.slice(0, onPage ? PAGE_SHOWN : SHOWN).forEach(function (number) {
      var doc = engine.docs[number], lang = doc[4];
      var terms = found.scores[number] ? found.scores[number].terms : Object.create(null);
      var entry = item(root + doc[0], "", "");
      entry.firstChild.appendChild(marked(doc[1], lang, terms));
      // The situation in the reader's words, then what the letter is (the header's
      // narrow panel has room for one of them).
      var lines = onPage ? [doc[5], doc[2]] : [doc[5] || doc[2]];
      lines.forEach(function (text, i) {
        if (!text) return;
        var line = document.createElement("p");
        if (!i && doc[5]) line.className = "search-moment";
        line.appendChild(marked(text, lang, terms));
        entry.appendChild(line);
      });
      list.appendChild(entry);
    });
    var search = onPage ? "" : root + engine.page;
    if (!found.docs.length) {
      list.appendChild(item(search + "#browse", said.browse, "search-more"));
    } else if (!onPage && found.docs.length > SHOWN) {
      var query = "?q=" + encodeURIComponent(input.value.trim());
      list.appendChild(item(search + query, said.all, "search-more"));
    }
    list.hidden = false;
    var count = found.docs.length;
    var form = said.found[new Intl.PluralRules(document.documentElement.lang).select(count)];
    status.textContent = count ? (form || said.found.other).replace("{n}", String(count))
      : said.none + " " + said.suggest;
  }

  // The header's box shows what it finds below it, in a panel of its own, over the page.
  function wire(input) {
    var list = document.getElementById(input.getAttribute("aria-controls"));
    var status = document.getElementById(input.getAttribute("aria-describedby"));
    var panel = document.createElement("div");
    panel.className = "search-panel";
    input.parentNode.insertBefore(panel, status);
    panel.appendChild(status);
    panel.appendChild(list);
    function run() { withIndex(function () { show(input, list, status, engine.search(input.value)); }); }
    input.addEventListener("input", run);
    input.addEventListener("focus", function () { withIndex(function () {}); });
    input.addEventListener("keydown", function (event) {
      var first = list.querySelector("a");
      if (event.key === "ArrowDown" && first) { event.preventDefault(); first.focus(); }
      // Enter in the header's box opens the search page, with every result.
      if (event.key === "Enter" && !event.isComposing && input.id !== "page-q" && input.value.trim()) {
        event.preventDefault();
        withIndex(function () {
          window.location.href = root + engine.page + "?q=" + encodeURIComponent(input.value.trim());
        });
      }
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
