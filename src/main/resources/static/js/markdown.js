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

  // Inline: **bold**, *italic* / _italic_, [text](url), bare https:// links; `code` spans are found first by
  // codeSpans. Every pattern stops at a character it cannot contain (no unbounded backtracking), so a long
  // answer renders in linear time.
  const INLINE = /\*\*([^*]+?)\*\*|__([^_]+?)__|\*([^*\s][^*]*?)\*|\b_([^_\s][^_]*?)_\b|\[([^\[\]\n]+)\]\(([^()\s\[\]]+)\)|(https?:\/\/[^\s<>()]+[^\s<>().,;:!?'"])/g;

  // Code spans as CommonMark finds them: a run of n backticks up to the next run of exactly n. One pass over the
  // runs (a regex over a long run of backticks would backtrack for minutes); an unclosed run stays text.
  function codeSpans(text) {
    const runs = [];
    const re = /`+/g;
    let m;
    while ((m = re.exec(text)) !== null) { runs.push([m.index, m[0].length]); }
    const byLength = new Map(), cursor = new Map(), spans = [];
    runs.forEach(function (r, n) {
      if (!byLength.has(r[1])) { byLength.set(r[1], []); }
      byLength.get(r[1]).push(n);
    });
    let n = 0;
    while (n < runs.length) {
      const len = runs[n][1], same = byLength.get(len);
      let c = cursor.get(len) || 0;
      while (c < same.length && same[c] <= n) { c++; }
      cursor.set(len, c);
      if (c < same.length) {
        const close = runs[same[c]];
        spans.push({ start: runs[n][0], end: close[0] + len, code: text.slice(runs[n][0] + len, close[0]) });
        n = same[c] + 1;
      } else {
        n++;
      }
    }
    return spans;
  }

  function inline(parent, text) {
    let last = 0;
    codeSpans(text).forEach(function (span) {
      styled(parent, text.slice(last, span.start));
      parent.appendChild(el("code", span.code));
      last = span.end;
    });
    styled(parent, text.slice(last));
  }

  function styled(parent, text) {
    const re = new RegExp(INLINE.source, "g"); // its own: the calls nest (italic inside bold...)
    let last = 0, m;
    while ((m = re.exec(text)) !== null) {
      if (m.index > last) { parent.appendChild(document.createTextNode(text.slice(last, m.index))); }
      if (m[1] || m[2]) {
        inline(parent.appendChild(el("strong")), m[1] || m[2]);
      } else if (m[3] || m[4]) {
        inline(parent.appendChild(el("em")), m[3] || m[4]);
      } else if (m[5]) {
        link(parent, m[5], m[6], m[0]);
      } else if (m[7]) {
        link(parent, m[7], m[7], m[0]);
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
