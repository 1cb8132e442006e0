// A small Markdown renderer for the model's answers that builds DOM nodes only (createElement + textContent):
// raw HTML from the model is shown as text, never parsed, and links work only for http(s) and mailto.
// Supports paragraphs, headings, fenced and inline code, bold, italic, links, lists, quotes and rules.
(function () {
  "use strict";

  function el(tag, text) {
    const e = document.createElement(tag);
    if (text !== undefined) { e.textContent = text; }
    return e;
  }

  function safeHref(url) {
    try {
      const u = new URL(url, location.href);
      return ["http:", "https:", "mailto:"].includes(u.protocol) ? u.href : null;
    } catch (e) { return null; }
  }

  // Inline: `code`, **bold**, *italic* / _italic_, [text](url), bare https:// links.
  const INLINE = /(`+)([\s\S]*?[^`])\1(?!`)|\*\*([^*]+?)\*\*|__([^_]+?)__|\*([^*\s][^*]*?)\*|\b_([^_\s][^_]*?)_\b|\[([^\]]+)\]\(([^)\s]+)\)|(https?:\/\/[^\s<>()]+[^\s<>().,;:!?'"])/g;

  function inline(parent, text) {
    const re = new RegExp(INLINE.source, "g"); // its own: the calls nest (bold inside a link's text...)
    let last = 0, m;
    while ((m = re.exec(text)) !== null) {
      if (m.index > last) { parent.appendChild(document.createTextNode(text.slice(last, m.index))); }
      if (m[1]) {
        parent.appendChild(el("code", m[2]));
      } else if (m[3] || m[4]) {
        inline(parent.appendChild(el("strong")), m[3] || m[4]);
      } else if (m[5] || m[6]) {
        inline(parent.appendChild(el("em")), m[5] || m[6]);
      } else if (m[7]) {
        link(parent, m[7], m[8], m[0]);
      } else if (m[9]) {
        link(parent, m[9], m[9], m[0]);
      }
      last = re.lastIndex;
    }
    if (last < text.length) { parent.appendChild(document.createTextNode(text.slice(last))); }
  }

  function link(parent, label, url, raw) {
    const href = safeHref(url);
    if (!href) { parent.appendChild(document.createTextNode(raw)); return; }
    const a = el("a", label);
    a.href = href;
    a.rel = "noopener noreferrer nofollow";
    a.target = "_blank";
    parent.appendChild(a);
  }

  const LIST_ITEM = /^(\s*)([-*+]|\d+[.)])\s+(.*)$/;
  const FENCE = /^\s*(```|~~~)\s*([\w+-]*)\s*$/;
  const HEADING = /^(#{1,6})\s+(.*)$/;
  const RULE = /^\s*([-*_])(\s*\1){2,}\s*$/;
  const QUOTE = /^\s*>/;

  function startsBlock(line) {
    return FENCE.test(line) || HEADING.test(line) || RULE.test(line) || QUOTE.test(line) || LIST_ITEM.test(line);
  }

  function render(md) {
    const root = document.createDocumentFragment();
    const lines = String(md || "").replace(/\r\n?/g, "\n").split("\n");
    let i = 0;
    while (i < lines.length) {
      const line = lines[i];
      const fence = line.match(FENCE);
      if (fence) {
        const code = [];
        i++;
        while (i < lines.length && !lines[i].trim().startsWith(fence[1])) { code.push(lines[i]); i++; }
        i++; // the closing fence (or the end of a still-streaming answer)
        const pre = el("pre"), c = el("code", code.join("\n"));
        if (fence[2]) { c.dataset.lang = fence[2]; }
        pre.appendChild(c);
        root.appendChild(pre);
        continue;
      }
      if (!line.trim()) { i++; continue; }
      const heading = line.match(HEADING);
      if (heading) {
        inline(root.appendChild(el("h" + Math.min(heading[1].length + 2, 6))), heading[2]);
        i++;
        continue;
      }
      if (RULE.test(line)) { root.appendChild(el("hr")); i++; continue; }
      if (QUOTE.test(line)) {
        const quoted = [];
        while (i < lines.length && QUOTE.test(lines[i])) { quoted.push(lines[i].replace(/^\s*>\s?/, "")); i++; }
        root.appendChild(el("blockquote")).appendChild(render(quoted.join("\n")));
        continue;
      }
      const item = line.match(LIST_ITEM);
      if (item) {
        const list = el(/\d/.test(item[2]) ? "ol" : "ul");
        while (i < lines.length) {
          const li = lines[i].match(LIST_ITEM);
          if (li) {
            inline(list.appendChild(el("li")), li[3]);
          } else if (lines[i].trim() && /^\s+/.test(lines[i]) && list.lastChild) {
            list.lastChild.appendChild(document.createTextNode(" "));
            inline(list.lastChild, lines[i].trim());
          } else {
            break;
          }
          i++;
        }
        root.appendChild(list);
        continue;
      }
      const para = [line]; // the first line is never a block start (those are handled above)
      i++;
      while (i < lines.length && lines[i].trim() && !startsBlock(lines[i])) {
        para.push(lines[i]);
        i++;
      }
      const p = el("p");
      para.forEach(function (text, n) {
        if (n > 0) { p.appendChild(el("br")); }
        inline(p, text);
      });
      root.appendChild(p);
    }
    return root;
  }

  window.AtomMarkdown = { render: render };
})();
