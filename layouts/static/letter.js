// The letter page's first script, kept small: the page is read and its template
// copied without any script, and the letter's working part (letter-core.js) loads when
// the reader first touches the letter, or at once when there is a draft to bring back.
// A click that comes before it is played again once it has loaded.
(() => {
  "use strict";
  const work = document.getElementById("letter-work");
  if (!work) return;
  const root = (document.currentScript && document.currentScript.getAttribute("data-root")) || "";
  // Where this letter's draft is kept (by letter-core.js), on this device only.
  const DRAFT_KEY = `sincerely.draft.v1:${location.pathname}`;
  const MEMORY_KEY = "sincerely.sender.v1"; // the sender's details, if they asked
  window.sincerelyLetter = { root, DRAFT_KEY, MEMORY_KEY };
  // A paper letter is dated today, in the reader's own way of writing dates, on the
  // line its language writes ("Le 7 décembre 2026": data-date-line, from the catalog).
  const date = work.querySelector("[data-date]");
  if (date) {
    const today = new Intl.DateTimeFormat(document.documentElement.lang || "en", { dateStyle: "long" }).format(new Date());
    date.textContent = (date.getAttribute("data-date-line") || "{date}").replace("{date}", today);
  }
  const waiting = [];
  let loading = false;
  const kinds = ["focusin", "input", "change", "click", "pointerdown"];
  function start(event) {
    const target = event && event.type === "click" && event.target.closest("button, a[data-action]");
    if (target) { event.preventDefault(); event.stopImmediatePropagation(); waiting.push(target); }
    if (loading) return;
    loading = true;
    const tag = document.createElement("script");
    tag.src = `${root}static/letter-core.js`;
    tag.onload = () => {
      kinds.forEach((kind) => work.removeEventListener(kind, start, true));
      waiting.forEach((t) => t.click());
    };
    document.head.append(tag);
  }
  kinds.forEach((kind) => work.addEventListener(kind, start, true));
  let kept = false;
  try {
    kept = [window.sessionStorage, window.localStorage].some((s) => s.getItem(DRAFT_KEY))
      || !!window.localStorage.getItem(MEMORY_KEY);
  } catch (e) { /* no storage: nothing to bring back */ }
  if (kept) start();
})();
