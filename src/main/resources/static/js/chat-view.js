// One conversation drawn into a chat box (the /chat page's or the panel's): its stored messages, and new turns
// streamed in as they arrive. The box holds .chat-log, a form with a textarea and a send button, and a model picker.
(function () {
  "use strict";
  const C = window.AtomChat;
  const POLICIES = [["atom/default", "Workspace default"], ["atom/balanced", "Balanced"], ["atom/cheapest", "Cheapest"],
    ["atom/fastest", "Fastest"], ["atom/best", "Best"]];

  // Fills a model picker with the policies, the models the person can use, and the offline assistant.
  async function loadModels(select) {
    const saved = localStorage.getItem("atom.chat.model") || "atom/default";
    const add = (parent, value, label) => { const o = C.el("option", null, label); o.value = value; parent.append(o); };
    const policies = C.el("optgroup");
    policies.label = "Policies";
    POLICIES.forEach(p => add(policies, p[0], p[1]));
    select.replaceChildren(policies);
    try {
      const models = (await C.call("GET", "/ai/api/models")).items.filter(m => m.usable);
      if (models.length) {
        const group = C.el("optgroup");
        group.label = "Your models";
        models.forEach(m => add(group, m.id, m.displayName || m.id));
        select.append(group);
      }
    } catch (e) { /* the policies and offline still work */ }
    const offline = C.el("optgroup");
    offline.label = "No key";
    add(offline, "atom/offline", "Offline assistant");
    select.append(offline);
    select.value = Array.from(select.options).some(o => o.value === saved) ? saved : "atom/default";
    select.addEventListener("change", () => localStorage.setItem("atom.chat.model", select.value));
  }

  function toolOutcome(content) {
    try {
      const j = JSON.parse(content);
      if (j.error) { return ["failed", j.error]; }
      if (j.status === "waiting_for_approval") { return ["waiting_for_approval", j.preview]; }
      return ["done", j.summary || ""];
    } catch (e) { return ["done", ""]; }
  }

  class ChatView {
    constructor(box, options) {
      this.box = box;
      this.log = box.querySelector(".chat-log");
      this.form = box.querySelector("form");
      this.input = this.form.querySelector("textarea");
      this.send = this.form.querySelector("button[type=submit]");
      this.model = box.querySelector("select.chat-model");
      this.options = options || {};
      this.conversationId = null;
      this.busy = null;
      this.form.addEventListener("submit", e => { e.preventDefault(); this.submit(); });
      this.input.addEventListener("keydown", e => {
        if (e.key === "Enter" && !e.shiftKey && !e.isComposing) { e.preventDefault(); this.submit(); }
      });
      this.input.addEventListener("input", () => this.grow());
      if (this.model) { loadModels(this.model); }
    }

    grow() {
      this.input.style.height = "auto";
      this.input.style.height = Math.min(this.input.scrollHeight, 200) + "px";
    }

    empty(text) {
      this.log.replaceChildren(C.el("div", "chat-empty", text || this.options.emptyText || "Ask anything."));
    }

    async open(id) {
      this.conversationId = id;
      this.log.replaceChildren(C.el("p", "chat-loading muted", "Loading…"));
      try {
        this.draw(await C.call("GET", "conversations/" + encodeURIComponent(id)));
      } catch (e) {
        this.log.replaceChildren(C.el("p", "chat-error error", "This conversation could not be loaded: " + e.message));
        throw e;
      }
    }

    reset() {
      this.conversationId = null;
      this.empty();
    }

    draw(conversation) {
      this.log.replaceChildren();
      let bubble = null;
      conversation.messages.forEach(m => {
        if (m.role === "user") {
          this.userBubble(m.text);
          bubble = null;
          return;
        }
        if (m.role === "tool") {
          const d = bubble && bubble.querySelector('[data-call-id="' + CSS.escape(m.toolCallId) + '"]');
          if (d) { const [status, text] = toolOutcome(m.text); C.finishTool(d, status, text); }
          return;
        }
        bubble = bubble || this.assistantBubble();
        if (m.text) { C.markdownInto(this.segment(bubble, true), m.text); }
        (m.toolCalls || []).forEach(c => bubble.querySelector(".bubble-body").append(C.toolCall(c.id, c.tool, c.input)));
        (m.actions || []).forEach(a => bubble.querySelector(".bubble-body").append(C.actionCard(a)));
        if (!m.toolCalls) { this.footer(bubble, m); bubble = null; }
      });
      if (!conversation.messages.length) { this.empty(); }
      this.scroll();
    }

    // context: the page item the message was sent with; messages stored before items were sent as {kind, id}
    // began with a "(Context: ...)" line, still shown as the chip
    userBubble(text, context) {
      const b = C.el("div", "bubble user");
      const lines = String(text).split("\n");
      if (context) {
        b.append(C.el("div", "context-chip", "This " + context.kind + ": " + context.label));
      } else if (lines[0].startsWith("(Context: ")) {
        b.append(C.el("div", "context-chip", lines[0].slice(1, -1)));
        text = lines.slice(1).join("\n").trim();
      }
      b.append(C.el("div", "bubble-body", text));
      this.log.append(b);
      return b;
    }

    assistantBubble() {
      const b = C.el("div", "bubble assistant");
      b.append(C.el("div", "avatar", "A"), C.el("div", "bubble-body"));
      this.log.append(b);
      return b;
    }

    // The text part to write into: the last one, unless a tool call or card came after it (then a new one).
    segment(bubble, fresh) {
      const body = bubble.querySelector(".bubble-body");
      const last = body.lastElementChild;
      if (!fresh && last && last.classList.contains("markdown")) { return last; }
      return body.appendChild(C.el("div", "markdown"));
    }

    footer(bubble, message) {
      const text = C.cost(message);
      if (text) { bubble.querySelector(".bubble-body").append(C.el("div", "turn-cost muted", text)); }
    }

    scroll() { this.log.scrollTop = this.log.scrollHeight; }

    async submit() {
      if (this.busy) { this.busy.abort(); return; }
      const text = this.input.value.trim();
      if (!text) { return; }
      // the page's item ({kind, id}): the server looks it up as the person may see it
      const context = this.options.context ? this.options.context() : null;
      const message = text;
      if (this.log.querySelector(".chat-empty")) { this.log.replaceChildren(); }
      this.input.value = "";
      this.grow();
      this.userBubble(message, context);
      const bubble = this.assistantBubble();
      const typing = bubble.querySelector(".bubble-body").appendChild(C.el("div", "typing", ""));
      typing.setAttribute("aria-label", "Atom is answering");
      typing.append(C.el("span"), C.el("span"), C.el("span"));
      this.scroll();
      this.busy = new AbortController();
      this.box.classList.add("busy");
      this.send.textContent = "Stop";
      let streamed = "";
      const fail = (msg) => { typing.remove(); bubble.querySelector(".bubble-body").append(C.el("div", "turn-error error", msg)); };
      try {
        if (!this.conversationId) {
          const created = await C.call("POST", "conversations", { title: text.split("\n")[0].slice(0, 60) });
          this.conversationId = created.id;
          if (this.options.onCreated) { this.options.onCreated(created.id); }
        }
        const body = { text: message, timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC" };
        if (context) { body.context = { kind: context.kind, id: context.id }; }
        if (this.model) { body.model = this.model.value; }
        await C.stream(this.conversationId, body, (name, data) => {
          typing.remove();
          if (name === "delta") {
            streamed += data.text;
            C.markdownInto(this.segment(bubble, false), streamed);
          } else if (name === "tool") {
            streamed = "";
            const found = bubble.querySelector('[data-call-id="' + CSS.escape(data.callId) + '"]');
            if (data.status === "started" && !found) {
              bubble.querySelector(".bubble-body").append(C.toolCall(data.callId, data.tool));
            } else if (found) { C.finishTool(found, data.status, data.summary); }
          } else if (name === "action") {
            streamed = "";
            const card = bubble.querySelector('[data-action-id="' + CSS.escape(data.id) + '"]');
            if (card) { C.fillCard(card, data); } else { bubble.querySelector(".bubble-body").append(C.actionCard(data)); }
          } else if (name === "error") {
            fail(data.message);
          } else if (name === "done") {
            if (data.message.text && data.message.text !== streamed) { C.markdownInto(this.segment(bubble, !streamed), data.message.text); }
            this.footer(bubble, data.message);
          }
          this.scroll();
        }, this.busy.signal);
      } catch (e) {
        if (e.name === "AbortError") { fail("Stopped. What the turn did so far is kept."); } else { fail("The message could not be sent: " + e.message); }
      } finally {
        this.busy = null;
        this.box.classList.remove("busy");
        this.send.textContent = "Send";
        if (this.options.onTurn) { this.options.onTurn(this.conversationId); }
      }
    }
  }

  window.AtomChatView = ChatView;
})();
