// The quick-add box of the tasks and calendar pages. As the person types, the offline parser
// (GET /assistant/api/parse, the same one the assistant uses without a key) reads the text; the preview shows
// what it understood and, on the tasks page, the "New task" form below is filled in. Enter adds, Esc clears.
(function () {
  "use strict";
  const box = document.querySelector("[data-quick-add]");
  if (!box) return;
  const kind = box.dataset.quickAdd; // "task" or "event"
  const input = box.querySelector("input");
  const addButton = box.querySelector("button");
  const preview = box.querySelector(".quick-preview");
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  const fmtDay = new Intl.DateTimeFormat(undefined, { weekday: "short", day: "numeric", month: "short" });
  const fmtTime = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" });
  let timer = null, asked = null, understood = null; // understood: { text, intent } of the current text

  function el(tag, cls, text) { const e = document.createElement(tag); if (cls) e.className = cls; if (text != null) e.textContent = text; return e; }
  function chip(label, value, cls) { const c = el("span", "chip " + (cls || "")); c.append(el("b", null, label), el("span", null, value)); return c; }
  function show(state, ...parts) {
    preview.className = "quick-preview " + state;
    preview.setAttribute("aria-busy", state === "loading" ? "true" : "false");
    preview.replaceChildren(...parts);
  }
  function hint() {
    const line = el("span", null, box.dataset.hint + " "); // one flex item, so the sentence wraps as text
    line.append(el("kbd", null, "Enter"), " adds, ", el("kbd", null, "Esc"), " clears.");
    show("empty", line);
  }
  function headers() {
    const h = { "Content-Type": "application/json", "Accept": "application/json, application/problem+json" };
    try { Object.assign(h, JSON.parse(document.body.getAttribute("hx-headers") || "{}")); } catch (e) { /* none */ }
    return h;
  }
  async function parse(text) {
    const r = await fetch(box.dataset.parse + "?" + new URLSearchParams({ text, timeZone: zone }),
      { headers: headers(), credentials: "same-origin" });
    const json = await r.json().catch(() => null);
    if (!r.ok) throw new Error((json && (json.errors || []).map(e => e.field + " " + e.message).join("; ")) || ("the server answered " + r.status));
    return json;
  }
  // A task box reads any text as a task ("buy milk" too); an event box any text as an event.
  async function understand(text) {
    const wanted = kind === "task" ? "create_task" : "create_event";
    let intent = await parse(text);
    if (intent.intent !== wanted) intent = await parse((kind === "task" ? "todo: " : "schedule ") + text);
    return intent;
  }

  function day(iso) { return iso.length === 10 ? fmtDay.format(new Date(iso + "T00:00")) : fmtDay.format(new Date(iso)); }
  function when(intent) {
    if (intent.allDay) return day(intent.start) + ", all day";
    const s = new Date(intent.start), e = new Date(intent.end);
    return day(intent.start) + " " + fmtTime.format(s) + "–" + fmtTime.format(e);
  }
  function minutes(intent) {
    const m = Math.round((new Date(intent.end) - new Date(intent.start)) / 60000);
    return m % 60 === 0 ? (m / 60) + " h" : m >= 60 ? Math.floor(m / 60) + " h " + (m % 60) + " min" : m + " min";
  }
  function render(intent) {
    if (kind === "task") {
      if (intent.intent !== "create_task") return show("incomplete", el("span", null, "Type what to do, e.g. “buy milk friday”."));
      const parts = [chip("Task", intent.title, "title")];
      parts.push(chip("Due", intent.dueAt ? day(intent.dueAt) + (intent.dueTime ? " " + fmtTime.format(new Date(intent.dueAt)) : "") : "no date"));
      if (intent.priority !== "none") parts.push(chip("Priority", intent.priority, "priority-" + intent.priority));
      return show("ready", ...parts);
    }
    if (intent.intent !== "create_event") return show("incomplete", el("span", null, "Say when, e.g. “team lunch friday at 12:30”."));
    const parts = [chip("Event", intent.title, "title"), chip("When", when(intent))];
    if (!intent.allDay) parts.push(chip("Length", minutes(intent)));
    show("ready", ...parts);
  }
  function fillTaskForm(intent) {
    const form = document.getElementById("task-create-form");
    if (!form || intent.intent !== "create_task") return;
    form.querySelector("#new-title").value = intent.title;
    form.querySelector("#new-due").value = intent.dueAt ? intent.dueAt.slice(0, 16) : "";
    form.querySelector("#new-priority").value = intent.priority;
  }

  // Reads the current text once (answers for older texts are dropped); resolves with its intent or null.
  function read() {
    const text = input.value.trim();
    if (!text) { understood = null; hint(); return Promise.resolve(null); }
    if (understood && understood.text === text) return Promise.resolve(understood.intent);
    if (asked && asked.text === text) return asked.promise;
    show("loading", el("span", null, "Reading…"));
    const promise = understand(text).then(intent => {
      if (input.value.trim() !== text) return null;
      understood = { text, intent };
      render(intent);
      if (kind === "task") fillTaskForm(intent);
      return intent;
    }, err => {
      if (input.value.trim() === text) show("error", el("span", null, "Could not read that (" + err.message + "). Fill in the form instead."));
      return null;
    });
    asked = { text, promise };
    return promise;
  }

  async function add() {
    clearTimeout(timer);
    const intent = await read();
    if (!intent) return;
    if (kind === "task") {
      if (intent.intent !== "create_task") return;
      fillTaskForm(intent);
      const form = document.getElementById("task-create-form");
      show("loading", el("span", null, "Adding “" + intent.title + "”…"));
      box.dataset.adding = intent.title;
      form.requestSubmit(); // htmx posts it; "tasks-changed" or a form with errors comes back
      return;
    }
    if (intent.intent !== "create_event") return;
    show("loading", el("span", null, "Adding “" + intent.title + "”…"));
    try {
      const r = await fetch(box.dataset.events, { method: "POST", headers: headers(), credentials: "same-origin",
        body: JSON.stringify({ calendar: "local", title: intent.title, start: intent.start.slice(0, intent.allDay ? 10 : 16),
          end: intent.end.slice(0, intent.allDay ? 10 : 16), timeZone: zone }) });
      const json = await r.json().catch(() => null);
      if (!r.ok) throw new Error((json && (json.errors || []).map(e => e.field + " " + e.message).join("; ")) || ("the server answered " + r.status));
      clear();
      show("added", el("span", null, "Added “" + intent.title + "”, " + when(intent) + "."));
      document.dispatchEvent(new CustomEvent("calendar-changed"));
    } catch (err) { show("error", el("span", null, "Could not add it: " + err.message)); }
  }

  function clear() {
    clearTimeout(timer);
    input.value = ""; understood = null; asked = null;
    hint();
  }

  input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(read, 150); });
  input.addEventListener("keydown", ev => {
    if (ev.key === "Enter") { ev.preventDefault(); add(); }
    else if (ev.key === "Escape") {
      ev.preventDefault(); clear();
      if (kind === "task") fillTaskForm({ intent: "create_task", title: "", dueAt: null, priority: "none" });
    }
  });
  addButton.addEventListener("click", add);
  document.body.addEventListener("tasks-changed", () => {
    if (!box.dataset.adding) return;
    const title = box.dataset.adding; delete box.dataset.adding;
    clear();
    show("added", el("span", null, "Added “" + title + "”."));
    input.focus();
  });
  document.body.addEventListener("htmx:afterSwap", ev => {
    if (box.dataset.adding && ev.detail.target.id === "task-create-form" && document.getElementById("create-errors")) {
      delete box.dataset.adding;
      show("error", el("span", null, "The form below says what to fix."));
    }
  });
  hint();
})();
