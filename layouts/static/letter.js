// The letter page: fills the letter in as the reader types, and copies, emails,
// downloads and prints it. One script for every letter; the letter itself arrives as
// JSON data in #letter-data. Reader text only ever enters the page as text nodes
// (textContent, createTextNode), never as HTML, and nothing leaves the browser:
// the only storage is localStorage, and only for sender fields the reader chose to keep.
(function () {
  "use strict";

  var dataElement = document.getElementById("letter-data");
  var form = document.getElementById("letter-form");
  if (!dataElement || !form) return;
  var letter = JSON.parse(dataElement.textContent);
  var MEMORY_KEY = "sincerely.sender.v1";
  var MAILTO_LIMIT = 1800;
  var fieldsById = {};
  letter.fields.forEach(function (field) { fieldsById[field.id] = field; });
  var perRecipient = letter.fields.filter(function (f) { return f.perRecipient; });
  var previews = document.getElementById("previews");
  var template = previews.querySelector(".preview");
  var recipientCount = 1;

  // ---- reading the form --------------------------------------------------------

  function valueOf(fieldId, recipient) {
    var field = fieldsById[fieldId];
    var index = field.perRecipient ? recipient : 1;
    var radios = form.querySelectorAll('input[type="radio"][name="' + fieldId + "-" + index + '"]');
    if (radios.length) {
      for (var i = 0; i < radios.length; i++) if (radios[i].checked) return radios[i].value;
      return "";
    }
    var input = document.getElementById("f-" + fieldId + "-" + index);
    return input ? input.value.trim() : "";
  }

  function includedBlocks() {
    return letter.blocks.filter(function (block, index) {
      if (!block.optional) return true;
      var box = form.querySelector('input[data-block="' + (index + 1) + '"]');
      return !box || box.checked;
    });
  }

  // A letter as parts: text, and blanks that are filled or not.
  function parts(segments, recipient) {
    return segments.map(function (segment) {
      if (typeof segment === "string") return { text: segment };
      var value = valueOf(segment.field, recipient);
      return value
        ? { text: value, field: segment.field }
        : { text: "[" + fieldsById[segment.field].label + "]", field: segment.field, blank: true };
    });
  }

  function plain(segments, recipient) {
    return parts(segments, recipient).map(function (p) { return p.text; }).join("");
  }

  function compose(recipient) {
    var blocks = includedBlocks();
    return {
      subject: letter.subject ? plain(letter.subject, recipient) : "",
      blocks: blocks.map(function (block) { return plain(block.segments, recipient); }),
      unfilled: unfilledFields(blocks, recipient),
      words: countWords(blocks, recipient)
    };
  }

  function unfilledFields(blocks, recipient) {
    var missing = {};
    var all = blocks.map(function (b) { return b.segments; });
    if (letter.subject) all.push(letter.subject);
    all.forEach(function (segments) {
      parts(segments, recipient).forEach(function (p) { if (p.blank) missing[p.field] = true; });
    });
    return Object.keys(missing).length;
  }

  function countWords(blocks, recipient) {
    // A blank still to fill counts as one word, as on the letter's card.
    var text = blocks.map(function (block) {
      return parts(block.segments, recipient).map(function (p) { return p.blank ? "x" : p.text; }).join("");
    }).join(" ");
    var words = text.split(/\s+/).filter(Boolean);
    return words.length;
  }

  function asText(letterParts) {
    var head = letterParts.subject ? "Subject: " + letterParts.subject + "\n\n" : "";
    return head + letterParts.blocks.join("\n\n") + "\n";
  }

  function mailto(letterParts) {
    var body = letterParts.blocks.join("\n\n").replace(/\r?\n/g, "\r\n");
    var query = [];
    if (letterParts.subject) query.push("subject=" + encodeURIComponent(letterParts.subject));
    query.push("body=" + encodeURIComponent(body));
    return "mailto:?" + query.join("&");
  }

  // ---- showing the letter ------------------------------------------------------

  function fillInto(element, segments, recipient) {
    element.textContent = "";
    parts(segments, recipient).forEach(function (p) {
      if (!p.field) {
        element.appendChild(document.createTextNode(p.text));
        return;
      }
      var span = document.createElement("span");
      span.className = p.blank ? "blank" : "filled";
      span.textContent = p.text;
      element.appendChild(span);
    });
  }

  function plural(count, one, many) { return count + " " + (count === 1 ? one : many); }

  function renderPreview(article, recipient) {
    var included = includedBlocks();
    if (letter.subject) fillInto(article.querySelector(".preview-subject-text"), letter.subject, recipient);
    letter.blocks.forEach(function (block, index) {
      var paragraph = article.querySelector('.preview-block[data-block="' + (index + 1) + '"]');
      paragraph.hidden = included.indexOf(block) < 0;
      fillInto(paragraph, block.segments, recipient);
    });
    var composed = compose(recipient);
    var left = composed.unfilled === 0 ? "All blanks filled" : plural(composed.unfilled, "blank left", "blanks left");
    var status = article.querySelector(".status");
    var text = left + ", " + plural(composed.words, "word", "words") + ".";
    if (status.textContent !== text) status.textContent = text;
    var title = article.querySelector(".preview-title");
    title.textContent = recipientCount > 1 ? "Letter " + recipient + " of " + recipientCount : "Your letter";
    var link = article.querySelector('[data-action="email"]');
    var href = mailto(composed);
    var tooLong = href.length > MAILTO_LIMIT;
    link.hidden = tooLong;
    if (!tooLong) link.setAttribute("href", href);
    article.classList.toggle("mailto-too-long", tooLong);
  }

  function renderAll() {
    var articles = previews.querySelectorAll(".preview");
    for (var i = 0; i < articles.length; i++) renderPreview(articles[i], i + 1);
  }

  // ---- several recipients ----------------------------------------------------------

  function addRecipient() {
    recipientCount += 1;
    var n = recipientCount;
    var group = document.createElement("fieldset");
    group.className = "recipient";
    group.setAttribute("data-recipient", String(n));
    var legend = document.createElement("legend");
    legend.textContent = "Recipient " + n;
    group.appendChild(legend);
    perRecipient.forEach(function (field) {
      var original = form.querySelector('[data-field="' + field.id + '"][data-per-recipient]');
      var copy = original.cloneNode(true);
      renumber(copy, n);
      group.appendChild(copy);
    });
    var remove = document.createElement("button");
    remove.type = "button";
    remove.className = "remove-recipient";
    remove.textContent = "Remove recipient " + n;
    remove.addEventListener("click", function () { removeRecipient(n); });
    group.appendChild(remove);
    document.getElementById("more-recipients").appendChild(group);

    var article = template.cloneNode(true);
    article.setAttribute("data-recipient", String(n));
    article.setAttribute("aria-labelledby", "preview-" + n + "-title");
    article.querySelector(".preview-title").id = "preview-" + n + "-title";
    article.querySelector(".action-status").textContent = "";
    previews.appendChild(article);
    showSuffixes();
    renderAll();
    var first = group.querySelector("input, textarea");
    if (first) first.focus();
  }

  function renumber(element, n) {
    element.querySelectorAll("[id], [for], [name], [aria-describedby]").forEach(function (node) {
      ["id", "for", "name", "aria-describedby"].forEach(function (attribute) {
        var value = node.getAttribute(attribute);
        if (value) node.setAttribute(attribute, value.replace(/-1(-hint)?$/, "-" + n + "$1"));
      });
      if (node.tagName === "INPUT" && node.type !== "radio") node.value = "";
      if (node.tagName === "TEXTAREA") node.value = "";
      if (node.type === "radio") node.checked = false;
    });
    element.removeAttribute("data-per-recipient");
    element.querySelectorAll(".recipient-suffix").forEach(function (s) { s.remove(); });
  }

  function removeRecipient(n) {
    // Later recipients move up one place, so their inputs keep matching their letters.
    var groups = Array.prototype.slice.call(document.querySelectorAll("fieldset.recipient"));
    var values = groups.map(function (group) {
      return Array.prototype.map.call(group.querySelectorAll("input, textarea"), function (input) {
        return input.type === "radio" ? input.checked : input.value;
      });
    });
    values.splice(n - 2, 1);
    groups.forEach(function (group) { group.remove(); });
    previews.querySelectorAll('.preview:not([data-recipient="1"])').forEach(function (a) { a.remove(); });
    recipientCount = 1;
    values.forEach(function (saved) {
      addRecipient();
      var inputs = document.querySelector('fieldset.recipient[data-recipient="' + recipientCount + '"]').querySelectorAll("input, textarea");
      Array.prototype.forEach.call(inputs, function (input, i) {
        if (input.type === "radio") input.checked = saved[i]; else input.value = saved[i];
      });
    });
    showSuffixes();
    renderAll();
    document.getElementById("add-recipient").focus();
  }

  function showSuffixes() {
    form.querySelectorAll(".recipient-suffix").forEach(function (s) { s.hidden = recipientCount < 2; });
  }

  // ---- actions -----------------------------------------------------------------------

  function say(article, message) {
    var status = article.querySelector(".action-status");
    status.textContent = "";
    // A fresh text a moment later, so that saying "Copied" twice is announced twice.
    window.setTimeout(function () { status.textContent = message; }, 50);
  }

  function copyFallback(article, text) {
    var area = article.querySelector(".copy-fallback");
    if (!area) {
      area = document.createElement("textarea");
      area.className = "copy-fallback";
      area.readOnly = true;
      area.setAttribute("aria-label", "Your letter as plain text");
      article.appendChild(area);
    }
    area.value = text;
    area.hidden = false;
    area.focus();
    area.select();
    var copied = false;
    try { copied = document.execCommand("copy"); } catch (e) { copied = false; }
    say(article, copied ? "Copied" : "Selected: press Ctrl+C (or Cmd+C) to copy");
  }

  function copy(article, recipient) {
    var text = asText(compose(recipient));
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(
        function () { say(article, "Copied"); },
        function () { copyFallback(article, text); }
      );
    } else {
      copyFallback(article, text);
    }
  }

  function download(recipient) {
    var text = asText(compose(recipient));
    var blob = new Blob([text], { type: "text/plain;charset=utf-8" });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = letter.slug + (recipientCount > 1 ? "-" + recipient : "") + ".txt";
    document.body.appendChild(link);
    link.click();
    link.remove();
    window.setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
  }

  function print(article) {
    previews.querySelectorAll(".preview").forEach(function (a) { a.classList.toggle("print-target", a === article); });
    window.print();
  }

  previews.addEventListener("click", function (event) {
    var target = event.target.closest("[data-action]");
    if (!target) return;
    var article = target.closest(".preview");
    var recipient = Number(article.getAttribute("data-recipient"));
    var action = target.getAttribute("data-action");
    if (action === "email") return; // a real link: the browser opens the mail app
    if (action === "copy") copy(article, recipient);
    if (action === "download") download(recipient);
    if (action === "print") print(article);
  });

  // ---- remembering the sender's own details (opt-in) ---------------------------------

  function storage() {
    try { return window.localStorage; } catch (e) { return null; }
  }

  function senderInputs() {
    return letter.fields.filter(function (f) { return f.sender; }).map(function (f) {
      return { field: f, input: document.getElementById("f-" + f.id + "-1") };
    }).filter(function (pair) { return pair.input; });
  }

  function remember() {
    var store = storage();
    if (!store) return;
    var saved = {};
    try { saved = JSON.parse(store.getItem(MEMORY_KEY) || "{}"); } catch (e) { saved = {}; }
    senderInputs().forEach(function (pair) {
      if (pair.input.value.trim()) saved[pair.field.memoryKey] = pair.input.value.trim();
      else delete saved[pair.field.memoryKey];
    });
    store.setItem(MEMORY_KEY, JSON.stringify(saved));
  }

  function forget() {
    var store = storage();
    if (store) store.removeItem(MEMORY_KEY);
    var box = document.getElementById("remember");
    if (box) box.checked = false;
  }

  function prefill() {
    var store = storage();
    var box = document.getElementById("remember");
    if (!store || !box) return;
    var raw = store.getItem(MEMORY_KEY);
    if (!raw) return;
    var saved;
    try { saved = JSON.parse(raw); } catch (e) { return; }
    senderInputs().forEach(function (pair) {
      var value = saved[pair.field.memoryKey];
      if (typeof value === "string" && !pair.input.value) pair.input.value = value;
    });
    box.checked = true;
  }

  // ---- wiring ------------------------------------------------------------------------

  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("input", function (event) {
    var box = document.getElementById("remember");
    var field = fieldsById[event.target.getAttribute("data-field")];
    if (box && box.checked && field && field.sender) remember();
    renderAll();
  });
  form.addEventListener("change", function (event) {
    if (event.target.id === "remember") {
      if (event.target.checked) remember(); else forget();
    }
    renderAll();
  });
  var forgetButton = document.getElementById("forget");
  if (forgetButton) forgetButton.addEventListener("click", function () {
    forget();
    say(template, "Your details are forgotten on this device.");
  });
  var addButton = document.getElementById("add-recipient");
  if (addButton) addButton.addEventListener("click", addRecipient);
  document.querySelectorAll(".js-only").forEach(function (element) { element.hidden = false; });
  prefill();
  renderAll();
})();
