// The letter page: fills the letter in as the reader types; copies, emails, downloads
// and prints it. One script for every letter: it reads the letter from the page itself
// (the preview's blanks, the form's fields). Reader text enters the page only as text
// nodes, never as HTML, and nothing leaves the browser: the one thing stored is the
// sender's own details, in localStorage, and only after the reader opts in.
(() => {
  "use strict";
  const form = document.getElementById("letter-form");
  const previews = document.getElementById("previews");
  if (!form || !previews) return;
  const MEMORY_KEY = "sincerely.sender.v1";
  const MAILTO_LIMIT = 1800;
  const $$ = (root, selector) => Array.from(root.querySelectorAll(selector));
  const first = previews.querySelector(".preview");

  // The letter, read once from the preview as the page was built: text and blanks.
  const segmentsOf = (element) => Array.from(element.childNodes).map((node) =>
    node.nodeType === Node.TEXT_NODE ? node.data : { field: node.getAttribute("data-field") });
  const subjectElement = first.querySelector(".preview-subject-text");
  const subject = subjectElement ? segmentsOf(subjectElement) : null;
  const blocks = $$(first, ".preview-block").map((p) => ({
    number: p.getAttribute("data-block"), optional: p.hasAttribute("data-optional"), segments: segmentsOf(p),
  }));
  const fields = {};
  $$(form, ".field[data-field]").forEach((wrapper) => {
    fields[wrapper.getAttribute("data-field")] = {
      label: wrapper.getAttribute("data-label"),
      perRecipient: wrapper.hasAttribute("data-per-recipient"),
      memoryKey: wrapper.getAttribute("data-sender"),
      wrapper,
    };
  });
  let recipients = 1;

  // ---- composing the letter ----

  function valueOf(id, recipient) {
    const n = fields[id].perRecipient ? recipient : 1;
    const radios = $$(form, `input[type="radio"][name="${id}-${n}"]`);
    if (radios.length) return (radios.find((r) => r.checked) || { value: "" }).value;
    const input = document.getElementById(`f-${id}-${n}`);
    return input ? input.value.trim() : "";
  }

  const included = () => blocks.filter((b) => !b.optional ||
    form.querySelector(`input[data-block="${b.number}"]`).checked);

  const parts = (segments, recipient) => segments.map((s) => {
    if (typeof s === "string") return { text: s };
    const value = valueOf(s.field, recipient);
    return value ? { text: value, field: s.field } : { text: `[${fields[s.field].label}]`, field: s.field, blank: true };
  });
  const plain = (segments, recipient) => parts(segments, recipient).map((p) => p.text).join("");

  function compose(recipient) {
    const chosen = included();
    const all = chosen.map((b) => b.segments).concat(subject ? [subject] : []);
    const missing = new Set();
    all.forEach((s) => parts(s, recipient).forEach((p) => p.blank && missing.add(p.field)));
    // A blank still to fill counts as one word, as on the letter's card.
    const words = chosen.map((b) => parts(b.segments, recipient).map((p) => (p.blank ? "x" : p.text)).join(""))
      .join(" ").split(/\s+/).filter(Boolean).length;
    return {
      subject: subject ? plain(subject, recipient) : "",
      body: chosen.map((b) => plain(b.segments, recipient)),
      unfilled: missing.size,
      words,
    };
  }

  const asText = (c) => (c.subject ? `Subject: ${c.subject}\n\n` : "") + c.body.join("\n\n") + "\n";

  function mailto(c) {
    // encodeURIComponent, not URLSearchParams, whose '+' for spaces some mail apps keep.
    const query = c.subject ? [`subject=${encodeURIComponent(c.subject)}`] : [];
    query.push(`body=${encodeURIComponent(c.body.join("\n\n").replace(/\r?\n/g, "\r\n"))}`);
    return `mailto:?${query.join("&")}`;
  }

  // ---- showing it ----

  function fillInto(element, segments, recipient) {
    element.replaceChildren(...parts(segments, recipient).map((p) => {
      if (!p.field) return document.createTextNode(p.text);
      const span = document.createElement("span");
      span.className = p.blank ? "blank" : "filled";
      span.textContent = p.text;
      return span;
    }));
  }

  const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;

  function render(article, recipient) {
    const chosen = included();
    if (subject) fillInto(article.querySelector(".preview-subject-text"), subject, recipient);
    blocks.forEach((b) => {
      const p = article.querySelector(`.preview-block[data-block="${b.number}"]`);
      p.hidden = !chosen.includes(b);
      fillInto(p, b.segments, recipient);
    });
    const c = compose(recipient);
    const left = c.unfilled ? plural(c.unfilled, "blank left", "blanks left") : "All blanks filled";
    const status = `${left}, ${plural(c.words, "word", "words")}.`;
    const region = article.querySelector(".status");
    if (region.textContent !== status) region.textContent = status;
    article.querySelector(".preview-title").textContent =
      recipients > 1 ? `Letter ${recipient} of ${recipients}` : "Your letter";
    const href = mailto(c);
    const tooLong = href.length > MAILTO_LIMIT;
    const link = article.querySelector('[data-action="email"]');
    link.hidden = tooLong;
    if (!tooLong) link.setAttribute("href", href);
    article.classList.toggle("mailto-too-long", tooLong);
  }

  const renderAll = () => $$(previews, ".preview").forEach((a, i) => render(a, i + 1));

  // ---- several recipients: a separate, complete letter for each person ----

  function addRecipient() {
    recipients += 1;
    const n = recipients;
    const group = document.createElement("fieldset");
    group.className = "recipient";
    group.setAttribute("data-recipient", n);
    const legend = document.createElement("legend");
    legend.textContent = `Recipient ${n}`;
    group.append(legend);
    Object.values(fields).filter((f) => f.perRecipient).forEach((f) => {
      const copy = f.wrapper.cloneNode(true);
      $$(copy, "[id], [for], [name], [aria-describedby]").forEach((node) => {
        ["id", "for", "name", "aria-describedby"].forEach((attribute) => {
          const value = node.getAttribute(attribute);
          if (value) node.setAttribute(attribute, value.replace(/-1(-hint)?$/, `-${n}$1`));
        });
      });
      $$(copy, "input, textarea").forEach((input) => { input.value = input.type === "radio" ? input.value : ""; input.checked = false; });
      $$(copy, ".recipient-suffix").forEach((s) => s.remove());
      copy.removeAttribute("data-per-recipient");
      group.append(copy);
    });
    const remove = document.createElement("button");
    remove.type = "button";
    remove.textContent = `Remove recipient ${n}`;
    remove.addEventListener("click", () => removeRecipient(n));
    group.append(remove);
    document.getElementById("more-recipients").append(group);
    const article = first.cloneNode(true);
    article.setAttribute("data-recipient", n);
    article.setAttribute("aria-labelledby", `preview-${n}-title`);
    article.querySelector(".preview-title").id = `preview-${n}-title`;
    article.querySelector(".action-status").textContent = "";
    $$(article, ".copy-fallback").forEach((area) => area.remove());
    previews.append(article);
    update();
    const input = group.querySelector("input, textarea");
    if (input) input.focus();
  }

  function removeRecipient(n) {
    // Later recipients move up one place, keeping what was typed for them.
    const groups = $$(form, "fieldset.recipient");
    const saved = groups.map((g) => $$(g, "input, textarea").map((i) => (i.type === "radio" ? i.checked : i.value)));
    saved.splice(n - 2, 1);
    groups.forEach((g) => g.remove());
    $$(previews, '.preview:not([data-recipient="1"])').forEach((a) => a.remove());
    recipients = 1;
    saved.forEach((values) => {
      addRecipient();
      $$(form, `fieldset.recipient[data-recipient="${recipients}"] :is(input, textarea)`).forEach((input, i) => {
        if (input.type === "radio") input.checked = values[i]; else input.value = values[i];
      });
    });
    update();
    document.getElementById("add-recipient").focus();
  }

  function update() {
    $$(form, ".recipient-suffix").forEach((s) => { s.hidden = recipients < 2; });
    renderAll();
  }

  // ---- actions ----

  function say(article, message) {
    const region = article.querySelector(".action-status");
    region.textContent = "";
    // Set a moment later, so that a second "Copied" is announced too.
    setTimeout(() => { region.textContent = message; }, 50);
  }

  function copyBySelecting(article, text) {
    let area = article.querySelector(".copy-fallback");
    if (!area) {
      area = document.createElement("textarea");
      area.className = "copy-fallback";
      area.readOnly = true;
      area.setAttribute("aria-label", "Your letter as plain text");
      article.append(area);
    }
    area.value = text;
    area.focus();
    area.select();
    let copied = false;
    try { copied = document.execCommand("copy"); } catch (e) { copied = false; }
    say(article, copied ? "Copied" : "Selected: press Ctrl+C (or Cmd+C) to copy");
  }

  function copy(article, recipient) {
    const text = asText(compose(recipient));
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(() => say(article, "Copied"), () => copyBySelecting(article, text));
    } else {
      copyBySelecting(article, text);
    }
  }

  function download(recipient) {
    const link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([asText(compose(recipient))], { type: "text/plain;charset=utf-8" }));
    link.download = form.getAttribute("data-slug") + (recipients > 1 ? `-${recipient}` : "") + ".txt";
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  }

  previews.addEventListener("click", (event) => {
    const target = event.target.closest("[data-action]");
    if (!target) return;
    const article = target.closest(".preview");
    const recipient = Number(article.getAttribute("data-recipient"));
    const action = target.getAttribute("data-action");
    if (action === "copy") copy(article, recipient);
    if (action === "download") download(recipient);
    if (action === "print") {
      $$(previews, ".preview").forEach((a) => a.classList.toggle("print-target", a === article));
      window.print();
    }
  });

  // ---- remembering the sender's own details, only after opting in ----

  const store = (() => { try { return window.localStorage; } catch (e) { return null; } })();
  const box = document.getElementById("remember");
  const senders = () => Object.entries(fields).filter(([, f]) => f.memoryKey)
    .map(([id, f]) => [f.memoryKey, document.getElementById(`f-${id}-1`)]).filter(([, input]) => input);

  function remember() {
    if (!store) return;
    const saved = {};
    senders().forEach(([key, input]) => { if (input.value.trim()) saved[key] = input.value.trim(); });
    let kept = {};
    try { kept = JSON.parse(store.getItem(MEMORY_KEY) || "{}"); } catch (e) { kept = {}; }
    senders().forEach(([key]) => delete kept[key]);
    store.setItem(MEMORY_KEY, JSON.stringify(Object.assign(kept, saved)));
  }

  function forget() {
    if (store) store.removeItem(MEMORY_KEY);
    if (box) box.checked = false;
  }

  function prefill() {
    if (!store || !box || !store.getItem(MEMORY_KEY)) return;
    let saved;
    try { saved = JSON.parse(store.getItem(MEMORY_KEY)); } catch (e) { return; }
    senders().forEach(([key, input]) => {
      if (typeof saved[key] === "string" && !input.value) input.value = saved[key];
    });
    box.checked = true;
  }

  // ---- wiring ----

  form.addEventListener("submit", (event) => event.preventDefault());
  form.addEventListener("input", (event) => {
    const wrapper = event.target.closest("[data-field]");
    const field = wrapper && fields[wrapper.getAttribute("data-field")];
    if (box && box.checked && field && field.memoryKey) remember();
    renderAll();
  });
  form.addEventListener("change", (event) => {
    if (event.target === box) { if (box.checked) remember(); else forget(); }
    renderAll();
  });
  const forgetButton = document.getElementById("forget");
  if (forgetButton) forgetButton.addEventListener("click", () => { forget(); say(first, "Your details are forgotten on this device."); });
  const addButton = document.getElementById("add-recipient");
  if (addButton) addButton.addEventListener("click", addRecipient);
  prefill();
  renderAll();
})();
