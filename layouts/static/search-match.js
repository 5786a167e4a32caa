// How a query finds letters, over the prebuilt index (search-index.js) and Snowball's
// stemmers: loaded with them by search.js, which shows what search() finds. Words are
// split, stemmed and folded by the rule of stemming.py, which built the index.
(self.sincerelySearch = self.sincerelySearch || {}).open = function (data, made) {
  "use strict";
  // What a word weighs in each field where the index says it stands, by the field's
  // number, best first (render/searchindex.py's FIELDS, the one table of them).
  var WEIGHT = data.weights, FIELDS = WEIGHT.length;
  var EXACT = 3, BEGUN = 2, TYPO = 1; // how a word matched: as typed, by its start, by a typo
  var index;

  function words(text) { return text.normalize("NFC").toLowerCase().match(/[\p{L}\p{N}]+/gu) || []; }
  function fold(text) { return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase(); }
  function key(lang, word) { return fold(lang.stemmer ? lang.stemmer.stemWord(word) : word); }
  // A word's keys: its own, and that of the word written without its accents.
  function keysOf(lang, word) {
    var own = key(lang, word), bare = fold(word);
    var other = bare === word ? own : key(lang, bare);
    return other === own ? [own] : [own, other];
  }
  function isStop(lang, word) { return word.length < 2 || lang.stop[word] === true; }

  // The index made ready: each term's postings, each language's stemmer, stopwords
  // and synonyms (by the terms of a phrase), and the letters terms are made of.
  function prepare() {
    var Base = made.base ? made.base() : null;
    var found = { docs: data.docs, terms: Object.create(null) };
    data.groups.forEach(function (group) {
      group[1].split(" ").forEach(function (term) {
        var before = found.terms[term]; // parts come in order: so do their postings
        found.terms[term] = before ? before.concat(group[0]) : group[0];
      });
    });
    found.list = Object.keys(found.terms);
    var letters = Object.create(null);
    found.list.forEach(function (term) { Array.from(term).forEach(function (c) { letters[c] = true; }); });
    found.letters = Object.keys(letters);
    found.languages = data.languages.map(function (entry) {
      var stop = Object.create(null);
      entry[2].split(" ").forEach(function (word) { if (word) stop[word] = true; });
      var Stemmer = entry[1] && made[entry[1]] ? made[entry[1]](Base) : null;
      return { stemmer: Stemmer ? new Stemmer() : null, stop: stop, synonyms: Object.create(null), longest: 0 };
    });
    data.synonyms.forEach(function (entry) {
      var lang = found.languages[entry[0]];
      (lang.synonyms[entry[1]] = lang.synonyms[entry[1]] || []).push(entry[2].split(" "));
      lang.longest = Math.max(lang.longest, entry[1].split(" ").length);
    });
    return found;
  }

  // The query in one language, as units to match: each a word (with its keys), or a
  // phrase a pack gave synonyms for (the word of the letters it stands for, or the
  // phrase's own words); stopwords are left out when other words remain.
  function unitsOf(lang, typed) {
    var own = typed.map(function (word) { return key(lang, word); });
    var units = [];
    for (var i = 0; i < typed.length;) {
      var taken = 0;
      for (var n = Math.min(lang.longest, typed.length - i); n >= 1 && !taken; n -= 1) {
        var targets = lang.synonyms[own.slice(i, i + n).join(" ")];
        if (!targets) continue;
        var ways = targets.slice();
        var literal = typed.slice(i, i + n).filter(function (w) { return !isStop(lang, w); });
        if (n === 1) ways = ways.concat(keysOf(lang, typed[i]).map(function (k) { return [k]; }));
        else if (literal.length) ways.push(literal.map(function (w) { return key(lang, w); }));
        units.push({ ways: ways, stop: false });
        taken = n;
      }
      if (taken) { i += taken; continue; }
      var word = typed[i];
      units.push({
        ways: keysOf(lang, word).map(function (k) { return [k]; }),
        word: word,
        last: i === typed.length - 1,
        stop: isStop(lang, word),
      });
      i += 1;
    }
    var kept = units.filter(function (unit) { return !unit.stop; });
    return kept.length ? kept : units;
  }

  // The letters of language ``number`` that have every term of ``terms``, each with the
  // poorest field they stand in.
  function having(number, terms) {
    var found = null;
    terms.forEach(function (term) {
      var here = Object.create(null);
      (index.terms[term] || []).forEach(function (posting) {
        var doc = Math.floor(posting / FIELDS);
        if (index.docs[doc][4] === number && (!found || doc in found)) {
          here[doc] = Math.max(posting % FIELDS, found ? found[doc] : 0);
        }
      });
      found = here;
    });
    return found || {};
  }

  // Every word one typo away (Damerau: a letter added, dropped, changed, or two swapped).
  function typos(word) {
    var found = Object.create(null), letters = index.letters;
    for (var i = 0; i <= word.length; i += 1) {
      var head = word.slice(0, i), tail = word.slice(i);
      if (tail) found[head + tail.slice(1)] = true;
      if (tail.length > 1) found[head + tail[1] + tail[0] + tail.slice(2)] = true;
      letters.forEach(function (c) {
        found[head + c + tail] = true;
        if (tail) found[head + c + tail.slice(1)] = true;
      });
    }
    delete found[word];
    return Object.keys(found);
  }

  // How each letter matches a unit at best: how (EXACT, BEGUN, TYPO), where, and by
  // which terms (to mark them).
  function matchUnit(number, lang, unit, allowTypos) {
    var hits = Object.create(null);
    function note(docs, how, terms) {
      Object.keys(docs).forEach(function (doc) {
        var score = WEIGHT[docs[doc]] * how, hit = hits[doc];
        if (!hit) hit = hits[doc] = { how: how, score: score, terms: [] };
        if (score > hit.score) { hit.score = score; hit.how = how; }
        hit.terms = hit.terms.concat(terms);
      });
    }
    unit.ways.forEach(function (terms) { note(having(number, terms), EXACT, terms); });
    if (!unit.word) return hits;
    var bare = fold(unit.word), begun = false;
    if (unit.last && bare.length > 1) {
      index.list.forEach(function (term) {
        if (term.length > bare.length && term.indexOf(bare) === 0) {
          begun = true;
          note(having(number, [term]), BEGUN, [term]);
        }
      });
    }
    // (Only for words a person types: a pasted run of 30 letters would take seconds.)
    if (allowTypos && !begun && bare.length >= 5 && bare.length <= 24) {
      var seen = Object.create(null);
      typos(bare).forEach(function (variant) {
        var term = key(lang, variant);
        if (seen[term] || !index.terms[term]) return;
        seen[term] = true;
        note(having(number, [term]), TYPO, [term]);
      });
    }
    return hits;
  }

  // Letters matching more of the query's words first (each language's letters by the
  // query in that language), then those with fewer matched only by a typo, then by
  // where the words stand; ties in the gallery's order.
  function search(query) {
    var typed = words(query).slice(0, 16); // a query, not a pasted page
    if (!typed.length) return null;
    var scores = Object.create(null);
    var known = Object.create(null);
    typed.forEach(function (word) {
      known[word] = index.languages.some(function (lang) {
        return keysOf(lang, word).some(function (k) { return k in index.terms; });
      });
    });
    index.languages.forEach(function (lang, number) {
      var units = unitsOf(lang, typed);
      units.forEach(function (unit) {
        var hits = matchUnit(number, lang, unit, unit.word && !known[unit.word]);
        Object.keys(hits).forEach(function (doc) {
          var s = scores[doc];
          if (!s) s = scores[doc] = { matched: 0, exact: 0, score: 0, of: units.length, terms: Object.create(null) };
          s.matched += 1;
          if (hits[doc].how > TYPO) s.exact += 1;
          s.score += hits[doc].score;
          hits[doc].terms.forEach(function (term) { s.terms[term] = true; });
        });
      });
    });
    var docs = Object.keys(scores).map(Number).sort(function (a, b) {
      var x = scores[a], y = scores[b];
      return y.matched / y.of - x.matched / x.of || y.exact / y.of - x.exact / x.of ||
        y.score - x.score || a - b;
    });
    return { docs: docs, scores: scores, closest: docs.length ? [] : closest(typed) };
  }

  // Where nothing matches: the letters with a word that begins as one typed word does
  // (four letters at least: "startup", "start"), else the gallery's first letters.
  function closest(typed) {
    var found = Object.create(null);
    typed.forEach(function (word) {
      var bare = fold(word), best = 4, terms = [];
      if (bare.length < 4) return;
      index.list.forEach(function (term) {
        var n = 0;
        while (n < bare.length && n < term.length && bare[n] === term[n]) n += 1;
        if (n > best) { best = n; terms = []; }
        if (n === best) terms.push(term);
      });
      terms.forEach(function (term) {
        index.terms[term].forEach(function (posting) { found[Math.floor(posting / FIELDS)] = true; });
      });
    });
    var docs = Object.keys(found).map(Number).sort(function (a, b) { return a - b; });
    return docs.length ? docs : index.docs.slice(0, 5).map(function (_, doc) { return doc; });
  }

  index = prepare();
  return {
    docs: index.docs,
    // What to say, in the page's language if the letters are in it, else the site's.
    text: data.text[Math.max(0, data.languages.map(function (entry) { return entry[0]; })
      .indexOf(document.documentElement.lang))],
    page: data.search, // the search page's path
    search: search,
    // Whether a word of a letter in language ``number`` stands for one of ``terms``.
    marks: function (number, word, terms) {
      return keysOf(index.languages[number], word).some(function (k) { return terms[k] === true; });
    },
  };
};
