// The letter coach, loaded by letter-core.js once the letter holds words of the reader's
// (with Snowball's stemmer of its language): it reads what the reader wrote against the
// advice the letter carries, and points gently where they are. Beside a field, what its
// value raises: the letter's and its pack's rules (render/coach.py gives their words as
// keys, stemmed as search stems them: no pattern from content runs here), and an example
// left as it was; under a paragraph, a sentence too long or a third sentence in a row
// that opens with the same word; under the letter, its length, and everything about a
// letter edited freely. Each point is one sentence with its "why" one tap away (the
// block's note, or the source, as the page shows them); it never blocks, is never part
// of the letter, and is announced politely, once, a moment after the reader stops.
// Reader text enters the page only as text.
window.sincerelyCoach = (api, data, made) => {
  "use strict";
  const { work, TEXT, fields } = api;
  const WORDS = data.said; // its own words, in the letter's language (render/coach.py)
  const $ = (selector, scope = work) => scope.querySelector(selector);
  const $$ = (selector, scope = work) => Array.from(scope.querySelectorAll(selector));
  const sheet = document.createElement("link");
  sheet.rel = "stylesheet";
  sheet.href = `${api.root}static/coach.css`;
  document.head.append(sheet);

  // ---- words, as search knows them (common/words.py, search-match.js) ----

  const Stemmer = data.stemmer && made[data.stemmer] ? made[data.stemmer](made.base()) : null;
  const stemmer = Stemmer ? new Stemmer() : null;
  const stop = new Set((data.stop || "").split(" ").filter(Boolean));
  const words = (text) => text.normalize("NFC").toLowerCase().match(/[\p{L}\p{N}]+/gu) || [];
  const fold = (text) => text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
  const keyOf = (word) => fold(stemmer ? stemmer.stemWord(word) : word);
  const known = new Map();
  const keysOf = (word) => {
    if (!known.has(word)) {
      const own = keyOf(word);
      const bare = fold(word);
      const other = bare === word ? own : keyOf(bare);
      known.set(word, other === own ? [own] : [own, other]);
    }
    return known.get(word);
  };
  const asWords = (text) => words(text).map(keysOf);
  const significant = (text) => {
    const all = words(text);
    const kept = all.filter((w) => w.length > 1 && !stop.has(w));
    return (kept.length ? kept : all).map(keysOf);
  };
  const alike = (a, b) => a.some((k) => b.includes(k));
  const holds = (text, phrase) => phrase.length > 0
    && text.some((_, i) => i + phrase.length <= text.length && phrase.every((p, j) => alike(text[i + j], p)));
  const same = (a, b) => a.length === b.length && a.every((k, i) => alike(k, b[i]));
  const fill = (s, values) => s.replace(/\{(\w+)\}/g, (m, k) => (k in values ? values[k] : m));

  // ---- what raises a point ----

  const rules = data.rules || [];
  const avoided = (rule, text) => rule.marks.some((mark) => text.includes(mark))
    || rule.avoid.some((phrase) => holds(asWords(text), phrase));
  const norm = (text) => text.trim().replace(/\s+/g, " ").toLowerCase();
  // What one field's value raises: rules against any words (in the value as the letter
  // shows it, ``inLetter``), the rules about the field, and an example left as it was (a
  // choice's options are all the letter's own words: never a point of their own).
  function aboutField(f, value, inLetter, r) {
    const found = [];
    rules.forEach((rule) => {
      if (rule.avoid && f.kind !== "choice" && avoided(rule, inLetter)) found.push(rule);
      if (rule.field !== f.id) return;
      if (rule.generic && rule.generic.some((g) => same(significant(value), g))) found.push(rule);
      const other = rule.repeats || rule.greets ? api.valueOf(rule.repeats || rule.greets, r) : "";
      if (other && rule.repeats && holds(significant(value), significant(other))) found.push(rule);
      if (other && rule.greets && disagrees(value, other, rule.forms)) found.push(rule);
    });
    const points = found.map((rule) => point(rule.id, f.id, rule.advice, rule.why));
    if (f.kind !== "choice" && f.example && norm(value) === norm(f.example)) {
      points.push(point("example", f.id, WORDS.example, { text: WORDS.exampleWhy }));
    }
    return points;
  }
  // A greeting holds forms of address, none the one the name's first word is of (words
  // folded, not stemmed: a stem would make "Estimada" and "Estimado" one).
  function disagrees(greeting, name, forms) {
    const said = new Set();
    words(greeting).map(fold).forEach((w) => forms.forEach((form, i) => { if (form.includes(w)) said.add(i); }));
    const first = words(name).map(fold)[0];
    const named = first ? forms.findIndex((form) => form.includes(first)) : -1;
    return said.size > 0 && named >= 0 && !said.has(named);
  }

  // Sentences, as render/coach.py splits them: a line ends one, and so does a mark.
  const sentences = (text) => text.split("\n").flatMap((line) => line.split(/(?<=[.!?\u2026])\s+/u))
    .map((s) => s.split(/\s+/).filter(Boolean)).filter((s) => s.length);
  const openings = data.openings || [];
  const opening = (s) => (s.length >= data.run ? words(s[0])[0] || "" : "");
  // Long sentences and runs of one opening word, in paragraphs ([where, text] each).
  function aboutSentences(paragraphs) {
    const found = [];
    let run = [];
    paragraphs.forEach(([at, text]) => {
      const all = sentences(text);
      const longest = Math.max(0, ...all.map((s) => s.length));
      if (longest > data.sentence) found.push(point("long-sentence", at, fill(WORDS.long, { n: longest }), { text: WORDS.longWhy }));
      all.forEach((s) => {
        const word = opening(s);
        run = word && run.length && run[0] === word ? run.concat(word) : [word];
        if (word && run.length === data.run && !openings.includes(word)) {
          found.push(point("same-opening", at, fill(WORDS.opening, { word: s[0].replace(/[^\p{L}\p{N}'’-]/gu, "") }), { text: WORDS.openingWhy }));
        }
      });
    });
    return found;
  }
  function aboutLength(c) {
    if (data.characters) {
      return c.characters > data.characters ? [point("too-long", "letter",
        fill(TEXT.overLimit, { n: c.characters, limit: data.characters }), { text: WORDS.tooLongWhy })] : [];
    }
    return c.words > data.words ? [point("too-long", "letter",
      fill(WORDS.tooLong, { n: c.words, limit: data.words }), { text: WORDS.tooLongWhy })] : [];
  }
  // The template's own words: an example found among them is no example left in.
  const own = api.blocks.map((b) => [b.text, b.others].filter(Boolean)
    .map((p) => p.segments.filter((s) => typeof s === "string").join("\n")).join("\n")).join("\n");
  const wordy = /[\p{L}\p{N}]/u;
  function examplesIn(text) {
    return Object.values(fields).filter((f) => {
      if (f.kind === "choice" || f.example.length < 3 || own.includes(f.example)) return false;
      for (let at = text.indexOf(f.example); at >= 0; at = text.indexOf(f.example, at + 1)) {
        const end = at + f.example.length;
        if (!wordy.test(text.charAt(at - 1)) && !wordy.test(text.charAt(end))) return true;
      }
      return false;
    });
  }

  const point = (kind, at, text, why) => ({ kind, at, text, why, key: `${kind}@${at}:${text}` });

  // Every point the reader's letter raises now (the one shown, for its recipient).
  function find() {
    const r = api.current;
    const c = api.compose(r);
    if (typeof c.free === "string") {
      const found = rules.filter((rule) => rule.avoid && avoided(rule, c.free))
        .map((rule) => point(rule.id, "letter", rule.advice, rule.why));
      examplesIn(c.free).forEach((f) => found.push(point("example", "letter",
        fill(WORDS.exampleIn, { example: f.example, label: f.label }), { text: WORDS.exampleWhy })));
      return found.concat(aboutSentences([["letter", c.free]]), aboutLength(c));
    }
    const found = [];
    c.used.forEach((inLetter, id) => {
      const f = fields[id];
      const value = api.valueOf(id, r);
      if (f && value) found.push(...aboutField(f, value, inLetter, r));
      if (f && value && c.doubled.has(id)) {
        found.push(point("twice", id, fill(WORDS.twice, { word: c.doubled.get(id) }), { text: WORDS.twiceWhy }));
      }
    });
    return found.concat(aboutSentences(c.numbers.map((n, i) => [`block-${n}`, c.body[i]])), aboutLength(c));
  }

  // ---- showing them where the reader is ----

  let shown = [];
  let count = 0;
  function whyOf(why) {
    const box = document.createElement("div");
    box.className = "coach-why";
    if (why.text) {
      const p = document.createElement("p");
      p.textContent = why.text;
      box.append(p);
    }
    // The block's note and the source are the page's own markup, made by the build:
    // copied as nodes, never as HTML.
    const from = why.block ? document.getElementById(`note-${why.block}`)
      : $$(".sources li", document)[why.source];
    if (from) box.append(...Array.from(from.childNodes).map((n) => n.cloneNode(true)));
    $$("[id]", box).forEach((el) => el.removeAttribute("id"));
    return box;
  }
  function element(p) {
    count += 1;
    const id = `coach-${count}`;
    const el = document.createElement("div");
    el.className = "coach-point";
    el.setAttribute("data-coach", p.kind);
    el.setAttribute("data-at", p.at);
    const advice = document.createElement("p");
    advice.className = "coach-advice";
    advice.id = id;
    const tip = document.createElement("strong");
    tip.textContent = WORDS.tip;
    advice.append(tip, ` ${p.text}`);
    const toggle = document.createElement("button");
    toggle.type = "button";
    toggle.className = "coach-why-toggle";
    toggle.textContent = WORDS.why;
    toggle.setAttribute("aria-expanded", "false");
    toggle.setAttribute("aria-controls", `${id}-why`);
    const why = whyOf(p.why);
    why.id = `${id}-why`;
    why.hidden = true;
    toggle.addEventListener("click", () => {
      why.hidden = !why.hidden;
      toggle.setAttribute("aria-expanded", String(!why.hidden));
    });
    el.append(advice, " ", toggle, why); // a space, not a margin: no indent where it wraps
    return el;
  }
  // Where a point goes: beside its field, under its paragraph, or under the letter.
  function place(at) {
    if (at === "letter") return $(".coach-letter");
    const host = at.startsWith("block-") ? $(`li.block[data-block="${at.slice(6)}"] .block-letter`)
      : (fields[at] && fields[at].wrapper);
    if (!host) return $(".coach-letter");
    let box = $(":scope > .coach-points", host);
    if (!box) {
      box = document.createElement("div");
      box.className = "coach-points";
      host.append(box);
    }
    return box;
  }
  function show(found) {
    const keep = new Set(found.map((p) => p.key));
    shown = shown.filter((s) => { if (keep.has(s.key)) return true; s.el.remove(); return false; });
    found.forEach((p) => {
      if (shown.some((s) => s.key === p.key)) return;
      const box = place(p.at);
      if (!box) return;
      shown.push({ ...p, el: box.appendChild(element(p)) });
    });
    $$(".coach-points").forEach((box) => { box.hidden = !box.children.length; });
    const whole = $(".coach-letter");
    if (whole) whole.hidden = !whole.children.length;
    // Each field's input is described by its points too (after its hint, and a flag).
    Object.values(fields).forEach((f) => {
      const ids = $$(".coach-advice", f.wrapper).map((el) => el.id);
      f.inputs.forEach((input) => {
        const before = (input.getAttribute("aria-describedby") || "").split(" ").filter((t) => t && !t.startsWith("coach-"));
        const now = before.concat(ids).join(" ");
        if (now) input.setAttribute("aria-describedby", now); else input.removeAttribute("aria-describedby");
      });
    });
  }

  // ---- told once, politely, a moment after the reader stops ----

  const status = $(".coach-status");
  let told = new Set();
  let telling = 0;
  function announce() {
    const now = new Set(shown.map((p) => p.key));
    const fresh = shown.filter((p) => !told.has(p.key)).map((p) => p.text);
    const cleared = !now.size && told.size;
    told = now;
    if (!status || (!fresh.length && !cleared)) return;
    status.textContent = "";
    setTimeout(() => { status.textContent = fresh.length ? fresh.join(" ") : WORDS.clear; }, 50);
  }

  let waiting = 0;
  function look() {
    waiting = 0;
    show(find());
    work.setAttribute("data-coach", "ready");
    clearTimeout(telling);
    telling = setTimeout(announce, 1200);
  }
  return {
    words: WORDS,
    // After each change: a look a moment after the reader stops typing.
    update() {
      clearTimeout(waiting);
      waiting = setTimeout(look, 400);
      work.setAttribute("data-coach", "looking");
    },
    // Now, for an action about to leave the page: what the reader would be told.
    now() { if (waiting) look(); return shown.map(({ kind, at, text, key }) => ({ kind, at, text, key })); },
    // The first point's place, for "Go to the first point".
    first() { return shown.length ? shown[0].el : null; },
  };
};
