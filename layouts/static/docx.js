// The reader's filled letter as a Word document, made in the browser: loaded only when
// the reader asks for one. The fixed parts come from docx-parts.js, which the build
// writes from the same definitions as the blank template's .docx; this file adds the
// reader's words (the letter alone: the notes are the template's, not the reader's)
// and packs them in a zip of stored (uncompressed) entries.
(() => {
  "use strict";
  const parts = window.sincerelyDocxParts;
  const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
  // Characters XML cannot hold (a vertical tab pasted from a PDF) would make a file Word
  // refuses to open: they are left out.
  const escapeXml = (s) => s.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, "").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  const run = (text, blank) => `<w:r>${blank ? '<w:rPr><w:highlight w:val="yellow"/></w:rPr>' : ""}${
    text.split("\n").map((line) => `<w:t xml:space="preserve">${escapeXml(line)}</w:t>`).join("<w:br/>")}</w:r>`;

  const paragraph = (runs, align) => `<w:p>${align ? `<w:pPr><w:jc w:val="${align}"/></w:pPr>` : ""}${runs}</w:p>`;

  // The page's own rendering of the letter, as runs: the reader's words plain, blanks
  // still to fill highlighted.
  const runsOf = (element) => Array.from(element.childNodes)
    .map((node) => run(node.textContent, node.nodeType === Node.ELEMENT_NODE && node.classList.contains("blank"))).join("");

  // ---- a zip of stored entries: CRC-32, local headers, a central directory ----
  const table = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc32 = (bytes) => {
    let c = 0xffffffff;
    for (let i = 0; i < bytes.length; i += 1) c = table[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  function zip(files) {
    const encoder = new TextEncoder();
    const chunks = [];
    const central = [];
    let offset = 0;
    files.forEach(([name, text]) => {
      const data = encoder.encode(text);
      const path = encoder.encode(name);
      const crc = crc32(data);
      const header = (signature, extra) => {
        const view = new DataView(new ArrayBuffer(extra ? 46 : 30));
        view.setUint32(0, signature, true);
        let at = 4;
        if (extra) { view.setUint16(at, 20, true); at += 2; }
        [20, 0, 0, 0, 0x21].forEach((v) => { view.setUint16(at, v, true); at += 2; }); // 1980-01-01
        view.setUint32(at, crc, true); view.setUint32(at + 4, data.length, true); view.setUint32(at + 8, data.length, true);
        view.setUint16(at + 12, path.length, true);
        if (extra) view.setUint32(42, offset, true);
        return new Uint8Array(view.buffer);
      };
      chunks.push(header(0x04034b50, false), path, data);
      central.push(header(0x02014b50, true), path);
      offset += 30 + path.length + data.length;
    });
    const size = central.reduce((n, c) => n + c.length, 0);
    const end = new DataView(new ArrayBuffer(22));
    end.setUint32(0, 0x06054b50, true);
    end.setUint16(8, files.length, true); end.setUint16(10, files.length, true);
    end.setUint32(12, size, true); end.setUint32(16, offset, true);
    return new Blob([...chunks, ...central, new Uint8Array(end.buffer)], {
      type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    });
  }

  window.sincerelyDocx = (letter, page) => {
    const work = page.getElementById("letter-work");
    const channel = work.getAttribute("data-channel");
    const paragraphs = [];
    if (channel === "letter" && !letter.free) {
      const [yours, theirs, date] = letter.heading;
      paragraphs.push(paragraph(run(`${yours}\n${date}`), "right"), paragraph(run(theirs)));
    }
    const subject = work.querySelector('[data-part="subject"]');
    if (subject) paragraphs.push(paragraph(`<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">${escapeXml(work.querySelector(".subject .subject-label").textContent)} </w:t></w:r>${runsOf(subject)}`));
    // Edited freely, the letter is the reader's text, a paragraph at each blank line.
    if (letter.free) letter.free.trim().split(/\n\s*\n/).forEach((text) => paragraphs.push(paragraph(run(text))));
    else work.querySelectorAll("li.block[data-block]").forEach((block) => {
      if (block.classList.contains("left-out")) return;
      paragraphs.push(paragraph(runsOf(Array.from(block.querySelectorAll("[data-part]")).find((p) => !p.hidden))));
    });
    const [styles, section] = parts[channel === "note" ? "note" : "letter"];
    const ns = `xmlns:w="${parts.ns}"`;
    return zip([
      ["[Content_Types].xml", parts.contentTypes],
      ["_rels/.rels", parts.packageRels],
      ["docProps/core.xml", parts.core.replace("{title}", escapeXml(page.querySelector("h1").textContent))
        .replace(/\{when\}/g, new Date().toISOString().replace(/\.\d+Z$/, "Z"))],
      ["word/document.xml", `${XML}<w:document ${ns}><w:body>${paragraphs.join("")}${section}</w:body></w:document>`],
      ["word/_rels/document.xml.rels", parts.documentRels],
      ["word/styles.xml", styles.replace("{lang}", escapeXml(document.documentElement.lang || "en"))],
      // The parts list a comments part (the template's); the reader's letter has none.
      ["word/comments.xml", `${XML}<w:comments ${ns}/>`],
    ]);
  };
})();
