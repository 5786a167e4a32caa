// The home page's filter chips: links to the tag and channel pages without JavaScript,
// toggles that narrow the list of situations at once with it (a pack's heading goes
// with its last letter shown).
(function () {
  "use strict";
  function wireFilters() {
    var section = document.querySelector(".filters");
    if (!section) return;
    var status = document.querySelector(".filter-status");
    var cards = Array.prototype.slice.call(document.querySelectorAll("li[data-channel]"));
    var lists = Array.prototype.slice.call(document.querySelectorAll(".situation-list"));
    var chosen = { channel: null, tag: null };
    // The words, in the page's language, from the page (a JSON block the layout writes).
    var text = JSON.parse(document.getElementById("filter-text").textContent);
    var plurals = new Intl.PluralRules(document.documentElement.lang);
    var say = function (forms, values) {
      var words = forms[plurals.select(values.n)] || forms.other;
      return words.replace(/\{(\w+)\}/g, function (_, name) { return String(values[name]); });
    };
    section.querySelectorAll("a.chip").forEach(function (link) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "chip";
      button.textContent = link.textContent;
      button.setAttribute("aria-pressed", "false");
      button.setAttribute("data-filter", link.getAttribute("data-filter"));
      button.setAttribute("data-value", link.getAttribute("data-value"));
      link.replaceWith(button);
    });
    section.addEventListener("click", function (event) {
      var button = event.target.closest("button.chip");
      if (!button) return;
      var kind = button.getAttribute("data-filter");
      var value = button.getAttribute("data-value");
      chosen[kind] = chosen[kind] === value ? null : value;
      section.querySelectorAll('button.chip[data-filter="' + kind + '"]').forEach(function (b) {
        b.setAttribute("aria-pressed", String(b.getAttribute("data-value") === chosen[kind]));
      });
      var shown = 0;
      cards.forEach(function (card) {
        var ok = (!chosen.channel || card.getAttribute("data-channel") === chosen.channel) &&
          (!chosen.tag || card.getAttribute("data-tags").split(" ").indexOf(chosen.tag) >= 0);
        card.hidden = !ok;
        if (ok) shown += 1;
      });
      lists.forEach(function (list) {
        var empty = !list.querySelector("li:not([hidden])");
        list.hidden = empty;
        var heading = list.previousElementSibling;
        if (heading && heading.classList.contains("situations-pack")) heading.hidden = empty;
      });
      status.textContent = chosen.channel || chosen.tag
        ? say(text.showing, { shown: shown, n: cards.length }) : say(text.all, { n: cards.length });
    });
  }

  wireFilters();
})();
