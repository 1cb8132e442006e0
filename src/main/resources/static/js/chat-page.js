// The /chat page: the person's conversations (newest first; new, switch, rename, delete) beside the open one.
// The open conversation is in the URL (?c=<id>), so a reload or a shared link opens it again.
(function () {
  "use strict";
  const C = window.AtomChat;
  const page = document.querySelector(".chat-page");
  const list = document.getElementById("chat-list");
  const title = document.getElementById("chat-title");
  const view = new window.AtomChatView(page.querySelector(".chat-box"), {
    emptyText: "",
    onCreated: id => { select(id, false); },
    onTurn: () => refresh()
  });
  let conversations = [];

  function welcome() {
    const box = C.el("div", "chat-empty");
    box.append(C.el("div", "chat-empty-logo", "A"), C.el("h2", null, "How can I help?"),
      C.el("p", "muted", "Ask about your tasks, calendar and mail, or have Atom do things for you. Writes to other apps wait for your approval."));
    const ideas = C.el("div", "chat-ideas");
    ["What is on my calendar today?", "Remind me to call Dana tomorrow at 10", "Summarise my unread mail"].forEach(text => {
      ideas.append(C.button(text, "idea", () => { view.input.value = text; view.input.focus(); }));
    });
    box.append(ideas);
    view.log.replaceChildren(box);
  }

  async function refresh() {
    try {
      conversations = (await C.call("GET", "conversations?limit=100")).items;
      draw();
    } catch (e) {
      list.replaceChildren(C.el("li", "chat-list-error error", "Conversations could not be loaded."));
    }
  }

  function draw() {
    list.replaceChildren();
    if (!conversations.length) { list.append(C.el("li", "chat-list-empty muted", "No conversations yet.")); }
    conversations.forEach(c => {
      const li = C.el("li", "conversation" + (c.id === view.conversationId ? " current" : ""));
      li.dataset.id = c.id;
      const open = C.button(c.title || "Untitled", "conversation-open", () => select(c.id, true));
      if (c.id === view.conversationId) { open.setAttribute("aria-current", "true"); }
      const tools = C.el("span", "conversation-tools");
      tools.append(
        C.button("✎", "icon conversation-rename", () => rename(li, c)),
        C.button("×", "icon conversation-delete", () => confirmDelete(li, c)));
      tools.firstChild.setAttribute("aria-label", "Rename " + (c.title || "Untitled"));
      tools.lastChild.setAttribute("aria-label", "Delete " + (c.title || "Untitled"));
      li.append(open, tools);
      list.append(li);
    });
    const current = conversations.find(c => c.id === view.conversationId);
    title.textContent = current ? current.title || "Untitled" : "New chat";
  }

  function rename(li, c) {
    const input = C.el("input", "conversation-title-input");
    input.value = c.title || "";
    input.setAttribute("aria-label", "New title");
    const problem = C.el("span", "error");
    li.replaceChildren(input, problem);
    input.focus();
    input.select();
    input.addEventListener("keydown", async e => {
      if (e.key === "Escape") { e.stopPropagation(); draw(); }
      if (e.key !== "Enter") { return; }
      e.preventDefault();
      try {
        await C.call("PATCH", "conversations/" + encodeURIComponent(c.id), { title: input.value });
        await refresh();
      } catch (err) { problem.textContent = err.message; input.setAttribute("aria-invalid", "true"); }
    });
  }

  function confirmDelete(li, c) {
    const ask = C.el("span", "conversation-confirm", "Delete this chat?");
    ask.append(
      C.button("Delete", "danger conversation-delete-yes", async () => {
        try {
          await C.call("DELETE", "conversations/" + encodeURIComponent(c.id));
          if (c.id === view.conversationId) { startNew(); }
          await refresh();
        } catch (e) { ask.textContent = e.message; }
      }),
      C.button("Cancel", "secondary conversation-delete-no", () => draw()));
    li.replaceChildren(ask);
    ask.querySelector(".conversation-delete-no").focus();
  }

  async function select(id, load) {
    history.replaceState(null, "", "/chat?c=" + encodeURIComponent(id));
    page.classList.remove("list-open");
    if (load) {
      try { await view.open(id); } catch (e) { /* shown in the log */ }
    } else {
      view.conversationId = id;
    }
    draw();
    view.input.focus();
  }

  function startNew() {
    view.reset();
    welcome();
    history.replaceState(null, "", "/chat");
    draw();
    page.classList.remove("list-open");
    view.input.focus();
  }

  document.getElementById("chat-new").addEventListener("click", startNew);
  document.getElementById("chat-list-toggle").addEventListener("click", () => page.classList.toggle("list-open"));
  document.addEventListener("keydown", e => {
    if (e.key === "Escape" && page.classList.contains("list-open")) { page.classList.remove("list-open"); }
  });

  const first = new URLSearchParams(location.search).get("c");
  if (first) { select(first, true); } else { startNew(); }
  refresh();
})();
