// The assistant from every page: a side panel opened by the header button or "." (unless typing in a field),
// closed by Esc. A message carries the page it was sent from ("this task", "this run") as a short context line;
// the panel's conversation lasts for the browser tab (sessionStorage), so it follows the person across pages.
(function () {
  "use strict";
  const panel = document.getElementById("chat-panel");
  const opener = document.getElementById("chat-open");
  if (!panel || !opener || !window.AtomChatView) { return; }
  const KEY = "atom.panel.conversation";
  const chip = document.getElementById("chat-panel-context");
  let useContext = true;

  // The page's item: an element marked data-chat-kind/-id wins, else the page's heading and path.
  function pageContext() {
    const item = document.querySelector("[data-chat-kind][data-chat-id]");
    const heading = document.querySelector("main h1");
    const name = heading ? heading.textContent.trim().replace(/\s+/g, " ").slice(0, 80) : document.title;
    if (item) { return item.dataset.chatKind + " " + item.dataset.chatId + " (" + name + ", " + location.pathname + ")"; }
    return "the page \u201c" + name + "\u201d at " + location.pathname + location.search;
  }

  const view = new window.AtomChatView(panel, {
    emptyText: "Ask about this page or anything else. Writes to other apps wait for your approval.",
    context: () => (useContext ? pageContext() : null),
    onCreated: id => sessionStorage.setItem(KEY, id)
  });

  function drawChip() {
    chip.replaceChildren();
    if (!useContext) { return; }
    chip.append(window.AtomChat.el("span", null, "This page: " + pageContext()));
    const drop = window.AtomChat.button("×", "icon", () => { useContext = false; drawChip(); });
    drop.setAttribute("aria-label", "Do not send the page as context");
    chip.append(drop);
  }

  let loaded = false;
  function open() {
    panel.hidden = false;
    opener.setAttribute("aria-expanded", "true");
    document.body.classList.add("chat-panel-open");
    drawChip();
    if (!loaded) {
      loaded = true;
      const id = sessionStorage.getItem(KEY);
      if (id) { view.open(id).catch(() => { sessionStorage.removeItem(KEY); view.reset(); }); } else { view.reset(); }
    }
    view.input.focus();
  }

  function close() {
    panel.hidden = true;
    opener.setAttribute("aria-expanded", "false");
    document.body.classList.remove("chat-panel-open");
    opener.focus();
  }

  opener.addEventListener("click", () => (panel.hidden ? open() : close()));
  document.getElementById("chat-panel-close").addEventListener("click", close);
  document.getElementById("chat-panel-new").addEventListener("click", () => {
    sessionStorage.removeItem(KEY);
    view.reset();
    useContext = true;
    drawChip();
    view.input.focus();
  });
  document.getElementById("chat-panel-full").addEventListener("click", e => {
    if (view.conversationId) { e.currentTarget.href = "/chat?c=" + encodeURIComponent(view.conversationId); }
  });
  document.addEventListener("keydown", e => {
    const t = e.target;
    const typing = t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.tagName === "SELECT" || t.isContentEditable);
    if (e.key === "." && !typing && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      if (panel.hidden) { open(); } else { view.input.focus(); }
    } else if (e.key === "Escape" && !panel.hidden && !e.defaultPrevented) {
      close();
    }
  });
})();
