// The letter page: fills the letter in where it stands as the reader types, one letter
// per recipient, joining the reader's words to the letter's at the seams, and counts
// what is left. Its actions (copy, email, download, print), several recipients and the
// memory of the sender's details are in letter-more.js, loaded on first use. It reads
// the letter from the page itself (each part's text and blanks, each field's input),
// and its words from the page's #letter-text. Reader text enters the page only as text
// nodes, never as HTML, and nothing leaves the browser.
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
  const counted = (key, n, values = {}) => fill(TEXT[key][plurals.select(n)] || TEXT[key].other, { n, ...values });
  const MEMORY_KEY = "sincerely.sender.v1";
  const MAILTO_LIMIT = 1800;
  const channel = work.getAttribute("data-channel");
  const limit = Number(work.getAttribute("data-limit")) || 0;
  const root = (document.currentScript && document.currentScript.getAttribute("data-root")) || "";

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
    fields[id] = {
      id, wrapper, inputs, label: $("label, legend", wrapper).textContent.trim(),
      kind: inputs[0].type === "radio" ? "choice" : inputs[0].type,
      example: example ? example.textContent.slice(eg[0].length, example.textContent.length - eg[1].length) : "",
      perRecipient: wrapper.hasAttribute("data-per-recipient"), memoryKey: wrapper.getAttribute("data-sender"),
    };
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
  const valueOf = (id, r) => (fields[id] ? (fields[id].perRecipient ? recipients[r].values : shared)[id] || "" : "");
  const included = (b, r) => !b.include || recipients[r].include[b.n] !== false;
  const inLetter = (b, r) => included(b, r) && !(b.firstOnly && r > 0);
  const textOf = (b, r) => (r > 0 && b.others ? b.others : b.text);

  // ---- composing: the seams between the reader's values and the letter's own text ----

  const LEADING = /^(The|A|An|My|Our|Your|Their|His|Her|Its|This|That|These|Those|Some)\b/;
  const INSIDE_NAMES = /^(of|for|the|and|de|on|at|in|&)$/;
  const sentenceLike = (value) => {
    const words = value.split(/\s+/);
    return /^[A-Z][a-z]/.test(value) && (LEADING.test(value) || (words.length > 1 && /^[a-z]/.test(words[1]) && !INSIDE_NAMES.test(words[1])));
  };

  function pieces(segments, r, flags) {
    let before = "";
    return segments.map((s, i) => {
      if (typeof s === "string") { before += s; return { text: s }; }
      const f = fields[s.field];
      let value = valueOf(s.field, r);
      if (!value) {
        const label = `[${f ? f.label : s.field}]`;
        before += label;
        return { text: label, field: s.field, blank: true };
      }
      const after = typeof segments[i + 1] === "string" ? segments[i + 1] : "";
      // "The new pilot." before the letter's own full stop: keep one mark, the letter's.
      if (/^[\u00a0\u202f]?[.!?,;:]/.test(after)) value = value.replace(/[.!?]+$/, "");
      // "about the" + "the Teen Services Librarian": one "the". Only a word written in
      // lower case gives way: "work at" + "At Home Care" is a name, and stays whole.
      const last = /(\S+)\s+$/.exec(before);
      const first = /^(\S+)\s+/.exec(value);
      if (last && first && first[1] === last[1].toLowerCase()) value = value.slice(first[0].length);
      // A capital in mid-sentence where the example has none: flagged, never changed;
      // only where it looks like the start of a sentence ("The new pilot", "Hearing
      // about..."), not a name ("Kingsmead Hospice", "Save the Children").
      const mid = before.trim() !== "" && !/[.!?:\n]\s*$/.test(before);
      if (flags && f && mid && /^[a-z]/.test(f.example) && sentenceLike(value)) flags.add(s.field);
      before += value;
      return { text: value, field: s.field };
    });
  }
  const plain = (segments, r) => pieces(segments, r).map((p) => p.text).join("");

  function compose(r) {
    const chosen = blocks.filter((b) => inLetter(b, r));
    const missing = new Map();
    const flags = new Set();
    const gather = (segments) => pieces(segments, r, flags).forEach((p) => p.blank && missing.set(p.field, p.text));
    head.forEach((h) => gather(h.segments));
    if (subject) gather(subject.segments);
    chosen.forEach((b) => gather(textOf(b, r).segments));
    const body = chosen.map((b) => plain(textOf(b, r).segments, r));
    const heading = head.map((h) => plain(h.segments, r)).concat(channel === "letter" ? [today] : []);
    const words = chosen.map((b) => pieces(textOf(b, r).segments, r).map((p) => (p.blank ? "x" : p.text)).join(""))
      .join(" ").split(/\s+/).filter(Boolean).length;
    return { r, to: toField ? valueOf(toField.id, r) : "", subject: subject ? plain(subject.segments, r) : "",
      heading, body, missing, flags, words, characters: body.join("\n\n").length };
  }

  const today = new Intl.DateTimeFormat(lang, { dateStyle: "long" }).format(new Date());

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

  let announced = "";
  function render() {
    const c = compose(current);
    if (subject) show(subject.el, subject.segments, current);
    if (toLine) show(toLine.el, toLine.segments, current);
    head.forEach((h) => show(h.el, h.segments, current));
    const date = $("[data-date]");
    if (date) date.textContent = today;
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
  function withMore(then) {
    if (more) { then(more); return; }
    const tag = document.createElement("script");
    tag.src = `${root}static/letter-more.js`;
    tag.onload = () => { more = window.sincerelyLetterMore(api); then(more); };
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
  const box = document.getElementById("remember");
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
  form.addEventListener("input", (event) => {
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
    if (["example", "add-recipient", "remove-recipient", "forget", "anyway", "first-blank"].includes(action)) {
      withMore((m) => m[action]());
      return;
    }
    withMore((m) => m.guard(action));
  });

  const api = {
    work, bar, TEXT, fields, recipients, blocks, root, channel, limit, compose, render, mailto,
    read, write, store, fill, included, MAILTO_LIMIT, MEMORY_KEY,
    get current() { return current; }, set current(r) { current = r; },
  };
  Object.values(fields).forEach((f) => { store(f)[f.id] = read(f); });
  // A reader who asked to be remembered finds their details filled in.
  try { if (box && window.localStorage.getItem(MEMORY_KEY)) withMore((m) => m.prefill()); } catch (e) { /* no storage */ }
  render();
})();
