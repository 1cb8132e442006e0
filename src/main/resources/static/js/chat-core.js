// The chat's shared part (the /chat page and the panel on every page): calls to /assistant/api under the session
// (CSRF header from the layout's hx-headers), a turn streamed over the SSE POST with fetch + ReadableStream, and
// drawing messages, folded tool calls and action cards. Model text goes through AtomMarkdown (DOM only).
(function () {
  "use strict";
  const API = "/assistant/api";

  function headers(extra) {
    const h = Object.assign({ "Content-Type": "application/json", "Accept": "application/json, application/problem+json" }, extra || {});
    try { Object.assign(h, JSON.parse(document.body.getAttribute("hx-headers") || "{}")); } catch (e) { /* signed out */ }
    return h;
  }

  class ApiError extends Error {
    constructor(status, json) {
      const fields = (json && json.errors || []).map(e => e.field + " " + e.message).join("; ");
      super(fields || (json && json.detail) || ("The server answered " + status));
      this.status = status;
      this.errors = json && json.errors || [];
    }
  }

  async function call(method, path, body) {
    const r = await fetch(path.startsWith("/") ? path : API + "/" + path, { method, headers: headers(),
      body: body === undefined ? undefined : JSON.stringify(body), credentials: "same-origin" });
    const json = r.status === 204 ? null : await r.json().catch(() => null);
    if (!r.ok) { throw new ApiError(r.status, json); }
    return json;
  }

  // Reads the event stream of a turn; calls on(name, data) per event as the bytes arrive.
  async function stream(conversationId, body, on, signal) {
    const r = await fetch(API + "/conversations/" + encodeURIComponent(conversationId) + "/messages", {
      method: "POST", headers: headers({ "Accept": "text/event-stream" }), body: JSON.stringify(body),
      credentials: "same-origin", signal });
    if (!r.ok || !r.body) { throw new ApiError(r.status, await r.json().catch(() => null)); }
    const reader = r.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) { break; }
      buffer += value;
      let end;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        let name = "message", data = "";
        block.split("\n").forEach(line => {
          if (line.startsWith("event: ")) { name = line.slice(7); } else if (line.startsWith("data: ")) { data += line.slice(6); }
        });
        if (data) { on(name, JSON.parse(data)); }
      }
    }
  }

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = text; }
    return e;
  }

  function button(label, cls, onClick) {
    const b = el("button", cls, label);
    b.type = "button";
    b.addEventListener("click", onClick);
    return b;
  }

  function cost(message) {
    const parts = [];
    if (message.model) { parts.push(message.model); }
    if (message.usage) { parts.push((message.usage.inputTokens + message.usage.outputTokens).toLocaleString() + " tokens"); }
    if (message.costUsd !== undefined && message.costUsd !== null) {
      const usd = Number(message.costUsd);
      parts.push(usd === 0 ? "$0" : usd < 0.01 ? "<$0.01 ($" + usd.toFixed(6).replace(/0+$/, "") + ")" : "$" + usd.toFixed(2));
    }
    return parts.join(" · ");
  }

  const STATUS = { pending: "Needs your approval", running: "Running", done: "Done", failed: "Failed",
    rejected: "Rejected", undone: "Undone" };

  // An action as a card: pending ones get Approve / Edit / Reject, done ones Undo when they can be undone.
  function actionCard(action) {
    const card = el("div", "action-card");
    card.dataset.actionId = action.id;
    fillCard(card, action);
    return card;
  }

  function fillCard(card, action) {
    card.replaceChildren();
    const tool = card.previousElementSibling; // the folded call that proposed it says what became of it
    if (tool && tool.matches("details.tool-call") && action.status !== "pending") {
      tool.querySelector(".tool-status").textContent = STATUS[action.status] || action.status;
    }
    card.className = "action-card status-" + action.status;
    const head = el("div", "action-head");
    head.append(el("span", "action-status", STATUS[action.status] || action.status), el("code", "action-tool", action.tool));
    card.append(head, el("p", "action-preview", action.preview));
    if (action.summary && action.status !== "pending") { card.append(el("p", "action-summary", action.summary)); }
    if (action.error) { card.append(el("p", "action-error error", action.error)); }
    const problem = el("p", "action-problem error");
    problem.setAttribute("role", "alert");
    problem.hidden = true;
    const decide = async (verb, body) => {
      card.querySelectorAll("button").forEach(b => { b.disabled = true; });
      try {
        fillCard(card, await call("POST", "actions/" + encodeURIComponent(action.id) + "/" + verb, body));
      } catch (e) {
        card.querySelectorAll("button").forEach(b => { b.disabled = false; });
        problem.textContent = e.message;
        problem.hidden = false;
      }
    };
    const buttons = el("div", "action-buttons");
    if (action.status === "pending") {
      const editor = el("div", "action-editor");
      editor.hidden = true;
      const label = el("label", null, "Input (JSON)");
      const input = el("textarea", "action-input");
      input.id = "action-input-" + action.id;
      label.htmlFor = input.id;
      input.rows = 6;
      input.spellcheck = false;
      input.value = JSON.stringify(action.input, null, 2);
      const save = button("Approve with changes", "action-save", () => {
        let parsed;
        try { parsed = JSON.parse(input.value); } catch (e) {
          problem.textContent = "The input is not valid JSON: " + e.message;
          problem.hidden = false;
          return;
        }
        decide("approve", { input: parsed });
      });
      const cancel = button("Cancel", "secondary action-cancel", () => { editor.hidden = true; buttons.hidden = false; });
      input.addEventListener("keydown", e => { if (e.key === "Escape") { e.stopPropagation(); cancel.click(); } });
      const editButtons = el("div", "action-buttons");
      editButtons.append(save, cancel);
      editor.append(label, input, editButtons);
      buttons.append(
        button("Approve", "action-approve", () => decide("approve", {})),
        button("Edit", "secondary action-edit", () => { editor.hidden = false; buttons.hidden = true; input.focus(); }),
        button("Reject", "danger action-reject", () => decide("reject", {})));
      card.append(buttons, editor);
    } else if (action.undoable) {
      const undo = button("Undo", "secondary action-undo", () => decide("undo"));
      if (action.undo) { undo.title = action.undo; }
      buttons.append(undo);
      card.append(buttons);
    }
    card.append(problem);
  }

  function toolCall(callId, tool, input) {
    const d = el("details", "tool-call");
    d.dataset.callId = callId;
    const summary = el("summary");
    summary.append(el("span", "tool-icon", "⚙"), el("code", null, tool), el("span", "tool-status muted", "running…"));
    d.append(summary);
    if (input !== undefined) { d.append(el("pre", "tool-input", JSON.stringify(input, null, 2))); }
    return d;
  }

  function finishTool(d, status, text) {
    const card = d.nextElementSibling; // an action already decided tells its own state
    const decided = card && card.classList.contains("action-card") && !card.classList.contains("status-pending");
    d.querySelector(".tool-status").textContent = decided ? STATUS[card.className.match(/status-(\w+)/)[1]] : status.replace(/_/g, " ");
    d.classList.add("tool-" + status);
    if (text) { d.append(el("div", "tool-result", text)); }
  }

  function markdownInto(node, text) {
    node.replaceChildren(window.AtomMarkdown.render(text));
  }

  window.AtomChat = { API, call, stream, el, button, cost, actionCard, fillCard, toolCall, finishTool, markdownInto, ApiError };
})();
