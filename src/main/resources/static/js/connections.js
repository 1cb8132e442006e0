// The Connections page's small behaviours: copy buttons (the OAuth redirect URI) and rendering the Markdown of
// the OAuth app steps (docs/connectors.md) with the safe renderer of markdown.js (DOM nodes only, no HTML).
(function () {
  "use strict";

  function renderMarkdown(root) {
    root.querySelectorAll("[data-markdown]").forEach(function (el) {
      if (el.dataset.rendered || !window.AtomMarkdown) { return; }
      const text = el.textContent;
      el.textContent = "";
      el.appendChild(window.AtomMarkdown.render(text));
      el.dataset.rendered = "true";
    });
  }

  function copy(button) {
    const field = document.querySelector(button.dataset.copy);
    if (!field) { return; }
    const done = button.parentElement.querySelector(".copy-done");
    const said = function (text) { if (done) { done.textContent = text; } };
    field.select();
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(
        function () { said("Copied."); },
        function () { said("Selected: press Ctrl+C (or Cmd+C) to copy."); });
    } else {
      // plain-HTTP installs have no clipboard API: the text is selected for the keyboard shortcut
      said(document.execCommand && document.execCommand("copy") ? "Copied." : "Selected: press Ctrl+C (or Cmd+C) to copy.");
    }
  }

  document.addEventListener("click", function (e) {
    const button = e.target.closest(".copy-button");
    if (button) { copy(button); }
  });
  document.addEventListener("htmx:afterSwap", function (e) { renderMarkdown(e.target); });
  document.addEventListener("DOMContentLoaded", function () { renderMarkdown(document); });
  if (document.readyState !== "loading") { renderMarkdown(document); }
})();
