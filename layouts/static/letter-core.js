// The letter page's working part, loaded by letter.js when the reader first touches
// the letter (or comes back to a draft): fills the letter in where it stands as the
// reader types, one letter per recipient, joining the reader's words to the letter's at
// the seams, counts what is left, and keeps the draft. Its actions (copy, email,
// download, print), several recipients, free editing and the memory of the sender's
// details are in letter-more.js, which this loads at once. It reads the letter from the
// page itself (each part's text and blanks, each field's input), and its words from the
// page's #letter-text. Reader text enters the page only as text nodes, never as HTML,
// and nothing leaves the browser.
(() => {
  "use strict";
  const work = document.getElementById("letter-work");
  if (!work) return;
  const form = document.getElementById("letter-form");
  const bar = work.querySelector(".action-bar");
  const $ = (selector, scope = work) => scope.querySelector(selector);
  const $$ = (selector, scope = work) => Array.from(scope.querySelectorAll(selector));
  const TEXT = JSON.parse(document.getElementById("letter-text").textContent);
  const lang = document.documentElement.lang || "en";
  const plurals = new Intl.PluralRules(lang);
  const fill = (s, values) => s.replace(/\{(\w+)\}/g, (m, k) => (k in values ? values[k] : m));
  // A count in words: by the key of its forms in TEXT, or by the forms themselves.
  const counted = (key, n, values = {}) => {
    const forms = typeof key === "string" ? TEXT[key] : key;
    return fill(forms[plurals.select(n)] || forms.other, { n, ...values });
  };
  const MAILTO_LIMIT = 1800;
  const channel = work.getAttribute("data-channel");
  const limit = Number(work.getAttribute("data-limit")) || 0;
  const { root, DRAFT_KEY, MEMORY_KEY } = window.sincerelyLetter;

  // ---- the letter, as the page was built: parts of text and blanks, and the fields ----

  const segmentsOf = (el) => Array.from(el.childNodes).map((node) =>
    node.nodeType === Node.TEXT_NODE ? node.data : { field: node.getAttribute("data-field") });
  const part = (name) => { const el = $(`[data-part="${name}"]`); return el && { el, segments: segmentsOf(el) }; };
  const subject = part("subject");
  const toLine = part("to"); // where the letter goes: may stay blank (copy it instead)
  const blocks = $$("li.block[data-block]").map((li) => {
    const n = li.getAttribute("data-block");
    return { n, li, text: part(n), others: part(`${n}-others`), firstOnly: li.hasAttribute("data-first-only"),
      include: $("[data-include]", li) };
  });
  const head = ["your-address", "their-address"].map(part).filter(Boolean);
  const fields = {};
  // A field, as its markup says it: its label, its example ("e.g. ..." in the page's
  // language, around the value as the catalog puts it), its input.
  const eg = TEXT.eg.split("{}");
  $$(".field[data-field]").forEach((wrapper) => {
    const id = wrapper.getAttribute("data-field");
    const inputs = $$("input, textarea", wrapper);
    const example = $(".example", wrapper);
    const holds = wrapper.getAttribute("data-holds");
    const f = fields[id] = {
      id, wrapper, inputs, label: $("label, legend", wrapper).textContent.trim(),
      kind: inputs[0].type === "radio" ? "choice" : inputs[0].type,
      example: example ? example.textContent.slice(eg[0].length, example.textContent.length - eg[1].length) : "",
      perRecipient: wrapper.hasAttribute("data-per-recipient"), memoryKey: wrapper.getAttribute("data-sender"),
    };
    // What it holds, as the field says or as its example shows: a name keeps its capitals.
    f.named = holds ? !["words", "plural"].includes(holds) : !/^\p{Ll}/u.test(f.example);
  });
  const toField = Object.values(fields).find((f) => f.perRecipient && f.kind === "email");

  // ---- what the reader has typed: shared values, and each recipient's own ----

  const shared = {};
  const recipients = [{ values: {}, include: {} }];
  let current = 0;

  const read = (f) => {
    if (f.kind === "choice") return (f.inputs.find((i) => i.checked) || { value: "" }).value;
    return f.inputs[0].value.trim();
  };
  const write = (f, value) => {
    if (f.kind === "choice") f.inputs.forEach((i) => { i.checked = i.value === value; });
    else f.inputs[0].value = value || "";
  };
  const store = (f) => (f.perRecipient ? recipients[current].values : shared);
  // While the reader looks at the example letter, the letter shows the examples; their
  // own values stay where they are.
  let preview = false;
  let drawingExample = false; // only while render() draws the example letter
  const valueOf = (id, r) => {
    const f = fields[id];
    if (!f) return "";
    return (drawingExample && f.kind !== "choice" ? f.example : (f.perRecipient ? recipients[r].values : shared)[id]) || "";
  };
  const included = (b, r) => !b.include || recipients[r].include[b.n] !== false;
  const inLetter = (b, r) => included(b, r) && !(b.firstOnly && r > 0);
  const textOf = (b, r) => (r > 0 && b.others ? b.others : b.text);

  // ---- composing: the seams between the reader's values and the letter's own text ----

  // The page language's own seam rules (seams.py): the end of the text before a value
  // and the value's start, rewritten together ("de" + "le musée" is "du musée").
  const SEAMS = TEXT.seams || { rules: [], articles: [], joiners: [] }; // (a layout of 0.2.0)
  const rules = SEAMS.rules.map(([end, start, to]) => [new RegExp(end, "u"), new RegExp(`^${start}`, "u"), to]);
  const lowerWord = (w) => /^\p{Ll}/u.test(w) && !SEAMS.joiners.includes(w);
  // A capital in mid-sentence that looks like a sentence's start: "The new analytics
  // team" anywhere; "Managing the team rota" where the field holds words, not a name.
  const sentenceLike = (value, f) => {
    const words = value.split(/\s+/);
    if (!/^\p{Lu}\p{Ll}/u.test(value) || words.length < 2) return false;
    if (SEAMS.articles.includes(words[0]) && /^\p{Ll}/u.test(words[1])) return true;
    return !f.named && words.slice(1).some(lowerWord);
  };

  function pieces(segments, r, flags) {
    const out = [];
    segments.forEach((s, i) => {
      if (typeof s === "string") { out.push({ text: s }); return; }
      const f = fields[s.field];
      let value = valueOf(s.field, r);
      if (!value) { out.push({ text: `[${f ? f.label : s.field}]`, field: s.field, blank: true }); return; }
      const prev = out[out.length - 1];
      const after = typeof segments[i + 1] === "string" ? segments[i + 1] : "";
      // "the Senior Housing Officer." before the letter's own mark or a word that goes
      // on with the sentence: the value's closing mark gives way.
      if (/^(?:[\u00a0\u202f]?[.!?,;:]|\s+[\p{Ll}\p{N}])/u.test(after)) value = value.replace(/[.!?]+$/, "");
      if (prev && !prev.field) {
        // "about the" + "the Teen Services Librarian": one "the". Only a word written in
        // lower case gives way: "work at" + "At Home Care" is a name, and stays whole.
        const last = /(\S+)\s+$/.exec(prev.text);
        const first = /^(\S+)\s+/.exec(value);
        // An article the reader wrote with a capital gives way too ("the" + "The team").
        const same = first && last && (first[1] === last[1].toLowerCase()
          || (SEAMS.articles.includes(first[1]) && first[1].toLowerCase() === last[1].toLowerCase()));
        if (same) value = value.slice(first[0].length);
        const rule = rules.find(([end, start]) => end.test(prev.text) && start.test(value));
        if (rule) { prev.text = prev.text.replace(rule[0], rule[2]); value = value.replace(rule[1], ""); }
      }
      // A capital in mid-sentence: flagged, never changed.
      const before = out.map((p) => p.text).join("");
      if (flags && f && before.trim() && !/[.!?:\n]\s*$/.test(before) && sentenceLike(value, f)) flags.add(s.field);
      out.push({ text: value, field: s.field });
    });
    return out;
  }
  const plain = (segments, r) => pieces(segments, r).map((p) => p.text).join("");
  // A word said twice where a value meets the words around it ("Sehr geehrte Frau" +
  // "Frau Keller", "the Librarian role" + " role"): each value's field, with the word.
  // Flagged for the coach, never changed: which of the two should go is the reader's call.
  const edge = /([\p{L}\p{N}]+)[\s\u00a0\u202f]+$/u;
  const start = /^[\s\u00a0\u202f]*([\p{L}\p{N}]+)/u;
  function twice(parts, found) {
    parts.forEach((p, i) => {
      if (!p.field || p.blank) return;
      const before = edge.exec(parts.slice(0, i).map((q) => q.text).join(""));
      const first = start.exec(p.text);
      const last = /([\p{L}\p{N}]+)$/u.exec(p.text);
      // After it, only the letter's own words: a value after it is told at its own start.
      const next = parts[i + 1] && !parts[i + 1].field ? parts[i + 1].text : "";
      const after = /^[\s\u00a0\u202f]/u.test(next) && start.exec(next);
      const alike = (a, b) => a && b && a[1].toLowerCase() === b[1].toLowerCase();
      if (alike(before, first)) found.set(p.field, first[1]);
      else if (alike(last, after)) found.set(p.field, last[1]);
    });
  }

  function compose(r) {
    const free = recipients[r].free;
    if (typeof free === "string") {
      // Edited freely: the reader's text is the letter; a "[label]" left in it is a blank.
      const missing = new Map(Object.values(fields).map((f) => [f.id, `[${f.label}]`]).filter(([, b]) => free.includes(b)));
      if (subject) pieces(subject.segments, r).forEach((p) => p.blank && missing.set(p.field, p.text));
      return { r, free, to: toField ? valueOf(toField.id, r) : "", subject: subject ? plain(subject.segments, r) : "",
        heading: [], body: [free.trim()], missing, flags: new Set(), words: free.split(/\s+/).filter(Boolean).length,
        characters: free.trim().length };
    }
    const chosen = blocks.filter((b) => inLetter(b, r));
    const missing = new Map();
    const flags = new Set();
    const used = new Map(); // each field the letter shows, with its value as shown (for the coach)
    const doubled = new Map(); // a field whose value says a word twice with the letter's
    const gather = (segments) => {
      const parts = pieces(segments, r, flags);
      parts.forEach((p) => {
        if (p.field && !used.has(p.field)) used.set(p.field, p.blank ? "" : p.text);
        if (p.blank) missing.set(p.field, p.text);
      });
      twice(parts, doubled);
    };
    head.forEach((h) => gather(h.segments));
    if (subject) gather(subject.segments);
    chosen.forEach((b) => gather(textOf(b, r).segments));
    const body = chosen.map((b) => plain(textOf(b, r).segments, r));
    const heading = head.map((h) => plain(h.segments, r)).concat(channel === "letter" ? [today] : []);
    const words = chosen.map((b) => pieces(textOf(b, r).segments, r).map((p) => (p.blank ? "x" : p.text)).join(""))
      .join(" ").split(/\s+/).filter(Boolean).length;
    return { r, to: toField ? valueOf(toField.id, r) : "", subject: subject ? plain(subject.segments, r) : "",
      heading, body, missing, flags, words, characters: body.join("\n\n").length, used, doubled, numbers: chosen.map((b) => b.n) };
  }

  const today = ($("[data-date]") || {}).textContent; // dated by letter.js

  // ---- showing it ----

  function show(el, segments, r) {
    el.replaceChildren(...pieces(segments, r).map((p) => {
      if (!p.field) return document.createTextNode(p.text);
      const span = document.createElement("span");
      span.className = p.blank ? "blank" : "filled";
      span.setAttribute("data-field", p.field);
      span.textContent = p.text;
      return span;
    }));
  }

  let announced = $(".blanks", bar).textContent; // the build's count, before any typing
  function render() {
    // The bar speaks of the reader's own letter, even while the example is shown.
    const c = compose(current);
    drawingExample = preview;
    if (subject) show(subject.el, subject.segments, current);
    if (toLine) show(toLine.el, toLine.segments, current);
    head.forEach((h) => show(h.el, h.segments, current));
    blocks.forEach((b) => {
      show(b.text.el, b.text.segments, current);
      if (b.others) {
        show(b.others.el, b.others.segments, current);
        b.others.el.hidden = current === 0;
        b.text.el.hidden = current > 0;
      }
      if (b.include) b.include.checked = included(b, current);
      b.li.classList.toggle("left-out", !inLetter(b, current));
      b.li.classList.toggle("first-only", b.firstOnly && current > 0);
    });
    drawingExample = false;
    Object.values(fields).forEach((f) => flag(f, c.flags.has(f.id)));
    const status = c.missing.size ? counted("blanks", c.missing.size) : TEXT.allFilled;
    if (status !== announced) { $(".blanks", bar).textContent = status; announced = status; }
    const length = $(".length", bar);
    length.textContent = limit ? fill(TEXT.characters, { n: c.characters, limit }) : counted("words", c.words);
    length.classList.toggle("over", limit > 0 && c.characters > limit);
    const email = $('[data-action="email"]', bar);
    if (email) {
      const href = mailto(c);
      email.setAttribute("href", href.length > MAILTO_LIMIT ? "#" : href);
      email.toggleAttribute("data-too-long", href.length > MAILTO_LIMIT);
    }
    $$(".recipient-tab").forEach((tab, i) => { tab.textContent = tabName(i); });
    save();
    coach(c);
  }

  // ---- the coach (letter-coach.js): loaded once the letter holds words of the reader's,
  // after its pack's file (its words, and this letter's rules) and the stemmer of its
  // language; it looks again a moment after each change ----

  let coaching = false;
  function coach(c) {
    if (api.coach) { api.coach.update(); return; }
    const file = work.getAttribute("data-coach-file");
    const typed = c.free !== undefined || [...c.used.values()].some(Boolean);
    if (coaching || !file || !typed) return;
    coaching = true;
    work.setAttribute("data-coach", "loading"); // then "looking", and "ready" once it has looked
    const load = (names, then) => {
      if (!names.length) { then(); return; }
      const tag = document.createElement("script");
      tag.src = root + names[0];
      tag.onload = () => load(names.slice(1), then);
      document.head.append(tag);
    };
    load([file], () => {
      const pack = (window.sincerelyCoachData || {})[file];
      const mine = pack && pack.letters[work.getAttribute("data-slug")];
      if (!mine) return;
      const data = { ...mine, said: pack.words, stemmer: pack.stemmer, stop: pack.stop };
      const stemmers = pack.stemmer ? [`${pack.stemmers}base.js`, `${pack.stemmers}${pack.stemmer}.js`] : [];
      load([...stemmers, "static/letter-coach.js"], () => {
        api.coach = window.sincerelyCoach(api, data, window.sincerelyStemmers || {});
        api.coach.update();
      });
    });
  }

  // ---- the draft: kept on this device only, for this tab (and longer if the reader
  // asked to be remembered), so that a reload, a back and forward or a reopened tab
  // brings it back ----

  const box = document.getElementById("remember");
  const storage = (kind) => { try { return window[kind]; } catch (e) { return null; } };
  const kept = (kind) => { try { return JSON.parse(storage(kind).getItem(DRAFT_KEY)); } catch (e) { return null; } };
  // A draft read back is trusted in nothing: only known fields' strings, ticks, free
  // text and a recipient that exists are taken; anything else is left out.
  const own = (o) => Object.entries(o && typeof o === "object" ? o : {});
  const strings = (o) => Object.fromEntries(own(o).filter(([k, v]) => typeof v === "string" && Object.hasOwn(fields, k)));
  const ticks = (o) => Object.fromEntries(own(o).filter(([, v]) => typeof v === "boolean"));
  function clean(d) {
    if (!d || !Array.isArray(d.recipients) || !d.recipients.length) return null;
    const rs = d.recipients.slice(0, 100).map((r) => ({ values: strings(r && r.values), include: ticks(r && r.include),
      ...(r && typeof r.free === "string" && { free: r.free }) }));
    const at = Number.isInteger(d.current) && d.current >= 0 && d.current < rs.length ? d.current : 0;
    return { shared: strings(d.shared), recipients: rs, current: at, before: typeof d.before === "string" ? d.before : "" };
  }
  function save() {
    const draft = JSON.stringify({ shared, recipients, current, before: api.before || "" });
    try {
      storage("sessionStorage").setItem(DRAFT_KEY, draft);
      if (box && box.checked) storage("localStorage").setItem(DRAFT_KEY, draft);
    } catch (e) { /* no room, or no storage: the page still works */ }
  }

  function flag(f, on) {
    let note = $(".flag", f.wrapper);
    const input = f.inputs[0];
    const hint = `f-${f.id}-hint`;
    if (!on) {
      if (note) { note.remove(); input.setAttribute("aria-describedby", hint); }
      return;
    }
    if (note) return;
    note = document.createElement("p");
    note.className = "flag";
    note.id = `f-${f.id}-flag`;
    note.textContent = TEXT.capital;
    f.wrapper.append(note);
    input.setAttribute("aria-describedby", `${hint} ${note.id}`);
  }

  function mailto(c) {
    // encodeURIComponent, not URLSearchParams, whose '+' for spaces some mail apps keep.
    const query = c.subject ? [`subject=${encodeURIComponent(c.subject)}`] : [];
    query.push(`body=${encodeURIComponent(c.body.join("\n\n").replace(/\r?\n/g, "\r\n"))}`);
    return `mailto:${encodeURIComponent(c.to).replace(/%40/g, "@")}?${query.join("&")}`;
  }

  // ---- several recipients: a true letter for each person ----

  const nameField = Object.values(fields).find((f) => f.perRecipient && f.kind === "text");
  const tabName = (i) => {
    const name = nameField && recipients[i].values[nameField.id];
    return name ? fill(TEXT.letterNamed, { n: i + 1, name }) : fill(TEXT.letterN, { n: i + 1 });
  };

  // ---- the rest (actions, recipients, memory) loads on first use, as the Word maker does ----

  let more = null;
  let waiting = null; // what asked for it while it loads, in order
  function withMore(then) {
    if (more) { then(more); return; }
    if (waiting) { waiting.push(then); return; }
    waiting = [then];
    const tag = document.createElement("script");
    tag.src = `${root}static/letter-more.js`;
    tag.onload = () => { more = window.sincerelyLetterMore(api); waiting.splice(0).forEach((t) => t(more)); };
    document.head.append(tag);
  }

  // ---- wiring ----

  form.addEventListener("submit", (event) => event.preventDefault());
  // What takes focus scrolls clear of the bar, however tall it grows (WCAG 2.2: focus
  // not obscured); a CSSOM property, which the CSP allows, not a style attribute.
  if (window.ResizeObserver) {
    new ResizeObserver(() => {
      document.documentElement.style.scrollPaddingBottom = `${bar.offsetHeight + 16}px`;
    }).observe(bar);
  }
  // A tick is kept as soon as it changes: a checkbox's "input" comes before its
  // "change", and the render() it sets off must not put the old tick back.
  const keepTick = (target) => {
    if (target.hasAttribute("data-include")) recipients[current].include[target.getAttribute("data-include")] = target.checked;
  };
  // The field an event happened in (if any), its value kept for the letter in hand.
  const keepValue = (target) => {
    const wrapper = target.closest(".field[data-field]");
    const f = wrapper && fields[wrapper.getAttribute("data-field")];
    if (f) store(f)[f.id] = read(f);
    return f;
  };
  // Typing while the example is shown takes the reader back to their own letter.
  const leavePreview = () => { if (preview) withMore((m) => m.example(false)); };
  form.addEventListener("input", (event) => {
    leavePreview();
    if (more) more.typed(); // a prompt or an undo of before is no longer about this letter
    keepTick(event.target);
    const f = keepValue(event.target);
    if (f && f.memoryKey && box && box.checked) withMore((m) => m.remember());
    render();
  });
  form.addEventListener("change", (event) => {
    const target = event.target;
    if (target === box) { withMore((m) => (box.checked ? m.remember() : m.forget(true))); return; }
    keepTick(target);
    keepValue(target);
    render();
  });
  work.addEventListener("click", (event) => {
    const target = event.target.closest("[data-action], .recipient-tab, .note-toggle");
    if (!target) return;
    if (target.classList.contains("note-toggle")) {
      const open = target.getAttribute("aria-expanded") !== "true";
      target.setAttribute("aria-expanded", String(open));
      document.getElementById(target.getAttribute("aria-controls")).classList.toggle("open", open);
      return;
    }
    if (target.classList.contains("recipient-tab")) {
      withMore((m) => m.switchTo(Number(target.getAttribute("data-recipient"))));
      return;
    }
    const action = target.getAttribute("data-action");
    if (action === "email") event.preventDefault();
    if (action === "more") {
      const open = bar.classList.toggle("all");
      target.setAttribute("aria-expanded", String(open));
      target.textContent = open ? TEXT.fewer : TEXT.more;
      return;
    }
    // Whatever leaves the page is the reader's own letter, never the example.
    if (action !== "example") leavePreview();
    if (["example", "add-recipient", "remove-recipient", "forget", "anyway", "first-blank", "start-again", "undo",
      "edit", "blanks-again", "discard"].includes(action)) {
      withMore((m) => m[action]());
      return;
    }
    withMore((m) => m.guard(action));
  });

  const api = {
    work, bar, TEXT, fields, recipients, shared, blocks, root, channel, limit, compose, render, mailto,
    read, write, store, fill, included, storage, DRAFT_KEY, MAILTO_LIMIT, MEMORY_KEY, valueOf, counted, coach: null,
    get current() { return current; }, set current(r) { current = r; },
    get preview() { return preview; }, set preview(on) { preview = on; }, before: "", clean,
  };
  // What the reader did before this script came: values typed, boxes unticked.
  Object.values(fields).forEach((f) => { store(f)[f.id] = read(f); });
  blocks.forEach((b) => b.include && keepTick(b.include));
  // The reader's draft comes back: this tab's, else the one kept for a reader who asked
  // to be remembered; with more than one recipient or free edits, letter-more.js
  // rebuilds the rest.
  const draft = clean(kept("sessionStorage")) || (box && clean(kept("localStorage")));
  if (draft) {
    Object.assign(shared, draft.shared);
    recipients.splice(0, 1, ...draft.recipients);
    Object.values(fields).forEach((f) => {
      if (typeof store(f)[f.id] === "string") write(f, store(f)[f.id]); else store(f)[f.id] = read(f);
    });
    api.before = draft.before; // the letter before "Start again", which may still be undone
    if (recipients.length > 1 || draft.current || draft.before || recipients.some((r) => typeof r.free === "string")) {
      withMore((m) => m.restore(draft.current));
    }
  }
  // A reader who asked to be remembered finds their details filled in.
  try { if (box && storage("localStorage").getItem(MEMORY_KEY)) withMore((m) => m.prefill()); } catch (e) { /* none */ }
  render();
  // The reader has started: the actions come now, so that a click on one is never
  // behind the keystrokes that follow it (a recipient added after its name was typed).
  withMore(() => {});
})();
