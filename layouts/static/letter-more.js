// The letter page's actions and its less-used parts, loaded by letter-core.js as soon as
// it has started: copy, download (.txt and Word), email, print; several recipients; "see
// it filled in" (a preview that never touches the fields); start again and its undo; the
// whole letter edited freely; remembering the sender's details (only after the reader
// opts in, in localStorage; "forget" removes them and the drafts kept there). Reader text
// enters the page only as text. It is handed the page's state by letter-core.js (the api
// below).
window.sincerelyLetterMore = (api) => {
  "use strict";
  const { work, bar, TEXT, fields, recipients, blocks, root, render } = api;
  const $ = (selector, scope = work) => scope.querySelector(selector);
  const $$ = (selector, scope = work) => Array.from(scope.querySelectorAll(selector));
  const box = document.getElementById("remember");
  // The letter as text: a paper letter opens with its addresses and date.
  const letterText = (c) => (api.channel === "letter" && !c.free ? [c.heading[0], c.heading[2], c.heading[1], ""] : [])
    .concat(c.body.join("\n\n")).join("\n") + "\n";
  const fileText = (c) => (c.subject ? `${TEXT.subject} ${c.subject}\n\n` : "") + letterText(c);

  function switchTo(r) {
    api.current = r;
    Object.values(fields).filter((f) => f.perRecipient).forEach((f) => api.write(f, recipients[r].values[f.id]));
    $$(".recipient-tab").forEach((tab, i) => tab.setAttribute("aria-pressed", String(i === r)));
    const remove = $('[data-action="remove-recipient"]');
    if (remove) remove.hidden = recipients.length < 2;
    if (freeBox) $(".free-warning").hidden = true; // it spoke of the other letter
    showFree();
    render();
  }

  // A draft brought back with several recipients, or edited freely: its tabs and box.
  function restore(r) {
    while ($$(".recipient-tab").length < recipients.length) addTab();
    switchTo(Math.min(r, recipients.length - 1));
    if (api.before) showUndo(true, false);
  }

  // ---- the whole letter, edited freely: a plain text box (reader text is never HTML) ----

  const freeBox = $("#free-text");
  const freeOf = () => recipients[api.current].free;
  function showFree() {
    if (!freeBox) return; // a layout without the free editor
    const on = typeof freeOf() === "string";
    work.classList.toggle("free", on);
    $(".free-edit").hidden = !on;
    $('[data-action="edit"]').hidden = on;
    if (on && freeBox.value !== freeOf()) freeBox.value = freeOf();
    // What prints, however the reader prints (the button or the browser's menu).
    $(".free-print").textContent = on ? freeOf() : "";
  }
  function edit() {
    typed();
    recipients[api.current].free = letterText(api.compose(api.current)).trimEnd();
    showFree();
    render();
    freeBox.focus();
  }
  if (freeBox) {
    freeBox.addEventListener("input", () => {
      recipients[api.current].free = freeBox.value;
      $(".free-print").textContent = freeBox.value;
      typed();
      render();
    });
  }
  // Back to the blanks: free edits are lost, so the reader says so first.
  function blanksAgain() {
    const r = recipients[api.current];
    const text = r.free;
    delete r.free;
    const edited = text !== letterText(api.compose(api.current)).trimEnd();
    r.free = text;
    if (!edited) { discard(); return; }
    $(".free-warning").hidden = false;
    $('.free-warning [data-action="discard"]').focus();
  }
  function discard() {
    delete recipients[api.current].free;
    $(".free-warning").hidden = true;
    showFree();
    render();
    $('[data-action="edit"]').focus();
  }

  function addTab() {
    const tabs = $(".recipient-tabs");
    const tab = tabs.firstElementChild.cloneNode(true);
    tab.setAttribute("data-recipient", recipients.length - 1);
    tabs.append(tab);
    if (!$('[data-action="remove-recipient"]')) {
      const remove = document.createElement("button");
      remove.type = "button";
      remove.setAttribute("data-action", "remove-recipient");
      remove.textContent = TEXT.removeRecipient;
      $(".recipients").append(remove);
    }
  }

  function addRecipient() {
    const include = {};
    blocks.forEach((b) => { if (b.include && b.include.hasAttribute("data-unticked-for-others")) include[b.n] = false; });
    // A choice starts at its default for each new person, as it did for the first.
    const values = {};
    Object.values(fields).filter((f) => f.perRecipient && f.kind === "choice").forEach((f) => {
      const chosen = f.inputs.find((i) => i.defaultChecked);
      if (chosen) values[f.id] = chosen.value;
    });
    recipients.push({ values, include });
    addTab();
    switchTo(recipients.length - 1);
    const input = Object.values(fields).find((f) => f.perRecipient);
    if (input) input.inputs[0].focus();
  }

  function removeRecipient() {
    if (recipients.length < 2) return;
    recipients.splice(api.current, 1);
    $(".recipient-tabs").lastElementChild.remove();
    $$(".recipient-tab").forEach((tab, i) => tab.setAttribute("data-recipient", i));
    switchTo(Math.max(0, api.current - 1));
    $(".recipient-tab[aria-pressed=true]").focus();
  }

  function run(action, c) {
    if (action === "copy") copy(letterText(c), TEXT.copied);
    if (action === "copy-subject") copy(c.subject, TEXT.subjectCopied);
    if (action === "txt") save(new Blob([fileText(c)], { type: "text/plain;charset=utf-8" }), "txt");
    if (action === "email") {
      const href = api.mailto(c);
      if (href.length > api.MAILTO_LIMIT) tell(TEXT.tooLong); else location.href = href;
    }
    if (action === "print") {
      // Edited freely, the letter prints as the reader wrote it.
      $(".free-print").textContent = c.free ? letterText(c) : "";
      window.print();
    }
    if (action === "docx") {
      const make = () => save(window.sincerelyDocx(c, document), "docx");
      if (window.sincerelyDocx) make(); else withScript(["docx-parts.js", "docx.js"], make);
    }
  }

  function tell(message) {
    const region = $(".action-status", bar);
    region.textContent = "";
    // Set a moment later, so that a second "Copied" is announced too.
    setTimeout(() => { region.textContent = message; }, 50);
  }

  function copy(text, done) {
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(() => tell(done), () => copyBySelecting(text, done));
    } else copyBySelecting(text, done);
  }

  function copyBySelecting(text, done) {
    let area = $(".copy-fallback", bar);
    if (!area) {
      area = document.createElement("textarea");
      area.className = "copy-fallback";
      area.readOnly = true;
      area.setAttribute("aria-label", TEXT.plainLetter);
      bar.append(area);
    }
    area.value = text;
    area.focus();
    area.select();
    let copied = false;
    try { copied = document.execCommand("copy"); } catch (e) { copied = false; }
    tell(copied ? done : TEXT.selectToCopy);
  }

  function save(blob, kind) {
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = work.getAttribute("data-slug") + (recipients.length > 1 ? `-${api.current + 1}` : "") + `.${kind}`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  }

  // The Word maker and its parts load only when the reader first asks for a .docx.
  function withScript(names, then) {
    if (!names.length) { then(); return; }
    const tag = document.createElement("script");
    tag.src = `${root}static/${names[0]}`;
    tag.onload = () => withScript(names.slice(1), then);
    document.head.append(tag);
  }

  // "See it filled in" shows the example letter in place of the reader's, and never
  // touches what they typed: pressed again, or on typing, their letter is back.
  function example(on = !api.preview) {
    api.preview = on;
    work.classList.toggle("previewing", on);
    $('[data-action="example"]').setAttribute("aria-pressed", String(on));
    $(".preview-note").hidden = !on;
    render();
  }

  // ---- starting again, with a way back ----

  // The letter before "Start again" is kept with the draft, so that a reload does not
  // lose the way back; typing in the new letter lets it go.
  function startAgain() {
    const before = JSON.stringify({ shared: api.shared, recipients, current: api.current });
    load({ shared: {}, recipients: [{ values: {}, include: {} }], current: 0 });
    Object.values(fields).forEach((f) => {
      if (f.kind === "choice") f.inputs.forEach((i) => { i.checked = i.defaultChecked; });
      api.store(f)[f.id] = api.read(f);
    });
    api.before = before;
    render();
    showUndo(true);
  }
  function undo() {
    const state = api.before && api.clean(JSON.parse(api.before));
    api.before = "";
    if (state) load(state);
    showUndo(false);
    render();
  }
  function showUndo(on, focus = true) {
    $('[data-action="undo"]').hidden = !on;
    $('[data-action="start-again"]').hidden = on;
    if (focus) {
      tell(on ? TEXT.startedAgain : "");
      $(`[data-action="${on ? "undo" : "start-again"}"]`).focus();
    }
  }
  // The reader typed: a prompt about the letter as it was, and the way back to the
  // letter before "Start again", are no longer theirs to act on.
  function typed() {
    $(".blanks-prompt", bar).hidden = true;
    pending = null;
    if (api.before) { api.before = ""; showUndo(false, false); }
  }
  // A whole state put back: values, recipients (and their tabs), free edits.
  function load(state) {
    Object.keys(api.shared).forEach((k) => delete api.shared[k]);
    Object.assign(api.shared, state.shared);
    recipients.splice(0, recipients.length, ...state.recipients);
    $$(".recipient-tab").slice(1).forEach((tab) => tab.remove());
    Object.values(fields).filter((f) => !f.perRecipient).forEach((f) => api.write(f, api.shared[f.id]));
    if (api.preview) example(false);
    restore(state.current);
  }

  // ---- remembering the sender's own details, only after opting in ----

  const memory = (() => { try { return window.localStorage; } catch (e) { return null; } })();
  const senders = () => Object.values(fields).filter((f) => f.memoryKey);
  function remember() {
    if (!memory) return;
    let kept = {};
    try { kept = JSON.parse(memory.getItem(api.MEMORY_KEY) || "{}"); } catch (e) { kept = {}; }
    senders().forEach((f) => { if (api.store(f)[f.id]) kept[f.memoryKey] = api.store(f)[f.id]; else delete kept[f.memoryKey]; });
    memory.setItem(api.MEMORY_KEY, JSON.stringify(kept));
  }
  // Forgetting removes the details and every draft kept beyond this tab.
  function forget() {
    if (memory) {
      memory.removeItem(api.MEMORY_KEY);
      Object.keys(memory).filter((k) => k.startsWith("sincerely.draft.")).forEach((k) => memory.removeItem(k));
    }
    if (box) box.checked = false;
  }
  function prefill() {
    if (!memory || !box || !memory.getItem(api.MEMORY_KEY)) return;
    let kept;
    try { kept = JSON.parse(memory.getItem(api.MEMORY_KEY)); } catch (e) { return; }
    senders().forEach((f) => {
      if (typeof kept[f.memoryKey] === "string" && !api.read(f)) { api.write(f, kept[f.memoryKey]); api.store(f)[f.id] = kept[f.memoryKey]; }
    });
    box.checked = true;
    render();
  }

  // ---- nothing incomplete leaves without the reader knowing ----

  let pending = null;
  const mentioned = new Set(); // the coach's points the prompt has spoken of: once is enough
  function guard(action) {
    const c = api.compose(api.current);
    const prompt = $(".blanks-prompt", bar);
    const over = api.limit > 0 && c.characters > api.limit;
    // The coach's points (what it sees now) are mentioned once, the first time the letter
    // would leave with them; the reader who goes on is not asked about them again.
    const points = api.coach ? api.coach.now() : [];
    const said = api.coach ? api.coach.words : null; // the coach's own words
    const unseen = points.filter((p) => !mentioned.has(p.key));
    if ((!c.missing.size && !over && !c.flags.size && !unseen.length) || pending === action) {
      prompt.hidden = true;
      pending = null;
      run(action, c);
      return;
    }
    pending = action;
    const told = c.missing.size ? [api.fill(TEXT.stillBlank, { labels: [...c.missing.values()].join(", ") })] : [];
    if (c.flags.size) told.push(api.fill(TEXT.checkCapital, { labels: [...c.flags].map((id) => fields[id].label).join(", ") }));
    if (over) told.push(api.fill(TEXT.overLimit, { n: c.characters, limit: api.limit }));
    if (unseen.length) told.push(api.counted(said.points, points.length));
    points.forEach((p) => mentioned.add(p.key));
    $(".blanks-list", prompt).textContent = told.join(" ");
    const go = $('[data-action="first-blank"]', prompt);
    go.hidden = !c.missing.size && !c.flags.size && !unseen.length;
    go.textContent = c.missing.size ? TEXT.toBlank : c.flags.size || !said ? TEXT.toCheck : said.toPoint;
    const kind = { "copy-subject": "copy", txt: "download", docx: "download" }[action] || action;
    $('[data-action="anyway"]', prompt).textContent = TEXT.anyway[kind];
    prompt.hidden = false;
  }

  function firstBlank() {
    const c = api.compose(api.current);
    $(".blanks-prompt", bar).hidden = true;
    pending = null;
    const point = !c.missing.size && !c.flags.size && api.coach && api.coach.first();
    if (point) {
      // The field the point is about, or else the point itself (its "Why?").
      const wrapper = point.closest(".field[data-field]");
      (wrapper ? wrapper.querySelector("input, textarea") : point.querySelector("button")).focus();
      point.scrollIntoView({ block: "center" });
      return;
    }
    if (c.free) { freeBox.focus(); return; }
    const f = fields[[...c.missing.keys(), ...c.flags][0]];
    if (f) { f.inputs[0].focus(); f.wrapper.scrollIntoView({ block: "center" }); }
  }

  return {
    guard, anyway: () => guard(pending), "first-blank": firstBlank,
    run, switchTo, remember, prefill, example, restore, undo, edit, discard, typed,
    "start-again": startAgain, "blanks-again": blanksAgain,
    forget: (quiet) => { forget(); if (!quiet) tell(TEXT.forgotten); },
    "add-recipient": addRecipient,
    "remove-recipient": removeRecipient,
  };
};
