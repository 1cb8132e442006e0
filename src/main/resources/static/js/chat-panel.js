// The assistant from every page: a side panel opened by the header button or "." (unless typing in a field),
// closed by Esc. A message carries the page's item ("this task", "this run") as {kind, id}: elements marked
// data-chat-kind / data-chat-id, the one last clicked or focused, else the page's only one; the server looks it up
// as the person may see it. The panel's conversation lasts for the browser tab (sessionStorage).
(function () {
  "use strict";
  const panel = document.getElementById("chat-panel");
  const opener = document.getElementById("chat-open");
  if (!panel || !opener || !window.AtomChatView) { return; }
  const KEY = "atom.panel.conversation";
  const MARKED = "[data-chat-kind][data-chat-id]";
  const chip = document.getElementById("chat-panel-context");
  let useContext = true;
  let chosen = null; // {kind, id} of the item last clicked or focused

  function remember(e) {
    const item = e.target && e.target.closest ? e.target.closest(MARKED) : null;
    if (item && !panel.contains(item)) {
      chosen = { kind: item.dataset.chatKind, id: item.dataset.chatId };
      if (!panel.hidden) { drawChip(); }
    }
  }
  document.addEventListener("click", remember, true);
  document.addEventListener("focusin", remember, true);

  function pageItem() {
    if (chosen) {
      // htmx may have swapped the element since: find it again by kind and id
      const again = Array.from(document.querySelectorAll(MARKED))
        .find(el => el.dataset.chatKind === chosen.kind && el.dataset.chatId === chosen.id && !panel.contains(el));
      if (again) { return again; }
    }
    const all = Array.from(document.querySelectorAll(MARKED)).filter(el => !panel.contains(el));
    return all.length === 1 ? all[0] : null;
  }

  function pageContext() {
    const item = pageItem();
    if (!item) { return null; }
    const title = item.querySelector(".title, h1");
    const label = (item.dataset.chatLabel || (title ? title.textContent : "") || item.dataset.chatId).trim().replace(/\s+/g, " ");
    return { kind: item.dataset.chatKind, id: item.dataset.chatId, label: label.slice(0, 80) };
  }

  const view = new window.AtomChatView(panel, {
    emptyText: "Ask about this page or anything else. Writes to other apps wait for your approval.",
    context: () => (useContext ? pageContext() : null),
    onCreated: id => sessionStorage.setItem(KEY, id)
  });

  function drawChip() {
    chip.replaceChildren();
    const item = useContext ? pageContext() : null;
    chip.hidden = !item;
    if (!item) { return; }
    chip.append(window.AtomChat.el("span", "context-item", "This " + item.kind + ": " + item.label));
    const drop = window.AtomChat.button("×", "icon", () => { useContext = false; drawChip(); });
    drop.setAttribute("aria-label", "Do not send this " + item.kind + " with the message");
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
