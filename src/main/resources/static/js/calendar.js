// The calendar page: day, week and month views drawn from /calendar/api (the calendar API under the session).
// Times are shown in the browser's zone; the CSRF header comes from the layout's hx-headers on <body>.
(function () {
  "use strict";
  const main = document.querySelector(".calendar-page");
  const api = main.dataset.api;
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  const grid = document.getElementById("cal-grid");
  const status = document.getElementById("cal-status");
  const params = new URLSearchParams(location.search);
  const state = {
    view: params.get("view") || (matchMedia("(max-width: 700px)").matches ? "day" : "week"),
    date: params.get("date") ? parseDay(params.get("date")) : startOfDay(new Date()),
    calendars: [], hidden: new Set(JSON.parse(localStorage.getItem("atom.calendar.hidden") || "[]")),
    events: [], editing: null,
    openId: params.get("event") // a link to one event (from the briefing) opens it once loaded
  };

  function headers() {
    const h = { "Content-Type": "application/json", "Accept": "application/json, application/problem+json" };
    try { Object.assign(h, JSON.parse(document.body.getAttribute("hx-headers") || "{}")); } catch (e) { /* none */ }
    return h;
  }
  async function call(method, path, body) {
    const r = await fetch(api + path, { method, headers: headers(), body: body ? JSON.stringify(body) : undefined,
      credentials: "same-origin" });
    const json = r.status === 204 ? null : await r.json().catch(() => null);
    if (!r.ok) {
      const fields = (json && json.errors || []).map(e => e.field + " " + e.message).join("; ");
      throw new Error(fields || (json && json.detail) || ("The server answered " + r.status));
    }
    return json;
  }

  function parseDay(s) { const [y, m, d] = s.split("-").map(Number); return new Date(y, m - 1, d); }
  function startOfDay(d) { return new Date(d.getFullYear(), d.getMonth(), d.getDate()); }
  function addDays(d, n) { return new Date(d.getFullYear(), d.getMonth(), d.getDate() + n); }
  function iso(d) { return d.getFullYear() + "-" + String(d.getMonth() + 1).padStart(2, "0") + "-" + String(d.getDate()).padStart(2, "0"); }
  function hm(d) { return String(d.getHours()).padStart(2, "0") + ":" + String(d.getMinutes()).padStart(2, "0"); }
  function weekStart(d) { const day = (d.getDay() + 6) % 7; return addDays(d, -day); }
  function range() {
    if (state.view === "day") return [state.date, addDays(state.date, 1)];
    if (state.view === "week") { const s = weekStart(state.date); return [s, addDays(s, 7)]; }
    const first = new Date(state.date.getFullYear(), state.date.getMonth(), 1);
    const s = weekStart(first);
    return [s, addDays(s, 42)];
  }
  function eventStart(e) { return e.allDay ? parseDay(e.start) : new Date(e.start); }
  function eventEnd(e) { return e.allDay ? parseDay(e.end) : new Date(e.end); }
  const fmtDay = new Intl.DateTimeFormat(undefined, { weekday: "short", day: "numeric", month: "short" });
  const fmtMonth = new Intl.DateTimeFormat(undefined, { month: "long", year: "numeric" });

  function title() {
    const [s, e] = range();
    if (state.view === "month") return fmtMonth.format(state.date);
    if (state.view === "day") return fmtDay.format(s);
    return fmtDay.format(s) + " – " + fmtDay.format(addDays(e, -1));
  }

  async function load() {
    const [s, e] = range();
    document.getElementById("cal-title").textContent = title();
    document.querySelectorAll("[data-view]").forEach(b => b.setAttribute("aria-pressed", b.dataset.view === state.view));
    history.replaceState(null, "", "?view=" + state.view + "&date=" + iso(state.date));
    grid.setAttribute("aria-busy", "true");
    status.className = "cal-status";
    status.textContent = "Loading…";
    try {
      const q = "?from=" + iso(s) + "&to=" + iso(e) + "&timeZone=" + encodeURIComponent(zone);
      const data = await call("GET", "/events" + q);
      state.events = data.events;
      const skipped = document.getElementById("cal-skipped");
      skipped.hidden = data.skipped.length === 0;
      skipped.textContent = data.skipped.map(x => "Not shown: " + (x.title || "an event") + " (" + x.reason + ")").join(" · ");
      status.textContent = "";
      draw();
      const linked = state.openId && state.events.find(x => x.id === state.openId);
      state.openId = null;
      if (linked) openEvent(linked);
    } catch (err) {
      status.className = "cal-status error";
      status.innerHTML = "";
      status.append("Could not load the calendar: " + err.message + " ");
      const retry = document.createElement("button");
      retry.type = "button"; retry.className = "link"; retry.id = "cal-retry"; retry.textContent = "Try again";
      retry.onclick = load;
      status.append(retry);
      grid.innerHTML = "";
    } finally {
      grid.setAttribute("aria-busy", "false");
    }
  }

  function visible() { return state.events.filter(e => !state.hidden.has(e.calendar.id)); }

  function chip(e, timed) {
    const b = document.createElement("button");
    b.type = "button";
    b.className = "cal-event" + (e.conflict ? " conflict" : "") + (e.busy ? "" : " free");
    b.style.setProperty("--cal", e.calendar.color || "#3056d3");
    b.dataset.id = e.id;
    b.dataset.chatKind = "event"; // the chat panel's "this event"
    b.dataset.chatId = e.id;
    b.dataset.chatLabel = e.title;
    const when = e.allDay ? "all day" : hm(eventStart(e)) + "–" + hm(eventEnd(e));
    b.innerHTML = "";
    const t = document.createElement("span"); t.className = "t"; t.textContent = e.title;
    const w = document.createElement("span"); w.className = "w"; w.textContent = when;
    b.append(t, w);
    if (e.conflict) { const c = document.createElement("span"); c.className = "c"; c.textContent = "Conflict"; b.append(c); }
    b.setAttribute("aria-label", e.title + ", " + when + ", " + e.calendar.name + (e.conflict ? ", conflicts with another event" : ""));
    b.onclick = () => openEvent(e);
    return b;
  }

  function draw() {
    grid.innerHTML = "";
    grid.className = "cal-grid view-" + state.view;
    const events = visible();
    if (state.view === "month") return drawMonth(events);
    const [s, e] = range();
    const days = [];
    for (let d = s; d < e; d = addDays(d, 1)) days.push(d);
    const narrow = matchMedia("(max-width: 700px)").matches;
    if (events.length === 0) {
      const empty = document.createElement("p");
      empty.className = "cal-empty"; empty.id = "cal-empty";
      empty.textContent = "Nothing planned " + (state.view === "day" ? "this day" : "this week") + ". Press n to add an event.";
      grid.append(empty);
    }
    if (narrow && state.view === "week") return drawAgenda(days, events);
    const head = document.createElement("div"); head.className = "cal-head";
    head.style.gridTemplateColumns = "3.5rem repeat(" + days.length + ", 1fr)";
    head.append(document.createElement("div"));
    days.forEach(d => {
      const h = document.createElement("div");
      h.className = "cal-dayhead" + (iso(d) === iso(new Date()) ? " today" : "");
      h.textContent = fmtDay.format(d);
      const all = document.createElement("div"); all.className = "cal-allday";
      events.filter(x => x.allDay && parseDay(x.start) <= d && parseDay(x.end) > d).forEach(x => all.append(chip(x)));
      h.append(all);
      head.append(h);
    });
    grid.append(head);
    const body = document.createElement("div"); body.className = "cal-body";
    body.style.gridTemplateColumns = "3.5rem repeat(" + days.length + ", 1fr)";
    const hours = document.createElement("div"); hours.className = "cal-hours";
    for (let h = 0; h < 24; h++) { const l = document.createElement("div"); l.textContent = String(h).padStart(2, "0") + ":00"; hours.append(l); }
    body.append(hours);
    days.forEach(d => {
      const col = document.createElement("div"); col.className = "cal-col"; col.dataset.day = iso(d);
      col.ondblclick = ev => {
        const y = ev.offsetY / col.clientHeight * 24;
        const at = new Date(d.getFullYear(), d.getMonth(), d.getDate(), Math.floor(y));
        openNew(at);
      };
      const dayEnd = addDays(d, 1);
      const mine = events.filter(x => !x.allDay && eventStart(x) < dayEnd && eventEnd(x) > d);
      const lanes = [];
      mine.forEach(x => {
        const st = eventStart(x) < d ? d : eventStart(x);
        const en = eventEnd(x) > dayEnd ? dayEnd : eventEnd(x);
        let lane = lanes.findIndex(end => end <= st);
        if (lane < 0) { lane = lanes.length; lanes.push(en); } else lanes[lane] = en;
        const c = chip(x, true);
        c.style.top = ((st - d) / 864e5 * 100) + "%";
        c.style.height = Math.max((en - st) / 864e5 * 100, 1.6) + "%";
        c.dataset.lane = lane;
        col.append(c);
      });
      col.querySelectorAll(".cal-event").forEach(c => {
        const n = lanes.length;
        c.style.left = (c.dataset.lane / n * 100) + "%";
        c.style.width = (100 / n) + "%";
      });
      body.append(col);
    });
    grid.append(body);
    body.scrollTop = body.scrollHeight * 7.5 / 24;
  }

  function drawAgenda(days, events) {
    const list = document.createElement("ol"); list.className = "cal-agenda";
    days.forEach(d => {
      const dayEnd = addDays(d, 1);
      const items = events.filter(x => eventStart(x) < dayEnd && eventEnd(x) > d);
      const li = document.createElement("li");
      const h = document.createElement("h3"); h.textContent = fmtDay.format(d); li.append(h);
      if (items.length === 0) { const p = document.createElement("p"); p.className = "muted"; p.textContent = "Free"; li.append(p); }
      items.forEach(x => li.append(chip(x)));
      list.append(li);
    });
    grid.append(list);
  }

  function drawMonth(events) {
    const [s] = range();
    const head = document.createElement("div"); head.className = "cal-month-head";
    for (let i = 0; i < 7; i++) { const h = document.createElement("div"); h.textContent = new Intl.DateTimeFormat(undefined, { weekday: "short" }).format(addDays(s, i)); head.append(h); }
    grid.append(head);
    const month = document.createElement("div"); month.className = "cal-month";
    for (let i = 0; i < 42; i++) {
      const d = addDays(s, i), dayEnd = addDays(d, 1);
      const cell = document.createElement("div");
      cell.className = "cal-cell" + (d.getMonth() !== state.date.getMonth() ? " other" : "") + (iso(d) === iso(new Date()) ? " today" : "");
      const n = document.createElement("button"); n.type = "button"; n.className = "link cal-daynum"; n.textContent = d.getDate();
      n.setAttribute("aria-label", fmtDay.format(d)); n.onclick = () => { state.date = d; state.view = "day"; load(); };
      cell.append(n);
      const items = events.filter(x => eventStart(x) < dayEnd && eventEnd(x) > d);
      items.slice(0, 4).forEach(x => cell.append(chip(x)));
      if (items.length > 4) { const more = document.createElement("span"); more.className = "muted small"; more.textContent = "+" + (items.length - 4) + " more"; cell.append(more); }
      month.append(cell);
    }
    grid.append(month);
  }

  async function loadCalendars() {
    const list = document.getElementById("cal-list");
    try {
      const data = await call("GET", "/calendars");
      state.calendars = data.calendars;
      document.getElementById("cal-share").checked = data.shareFreeBusy;
      list.innerHTML = "";
      data.calendars.forEach(c => {
        const li = document.createElement("li");
        const label = document.createElement("label");
        const box = document.createElement("input"); box.type = "checkbox"; box.checked = !state.hidden.has(c.id);
        box.dataset.calendar = c.id;
        box.onchange = () => {
          if (box.checked) state.hidden.delete(c.id); else state.hidden.add(c.id);
          localStorage.setItem("atom.calendar.hidden", JSON.stringify([...state.hidden]));
          draw();
        };
        const sw = document.createElement("span"); sw.className = "swatch"; sw.style.background = c.color || "#3056d3";
        label.append(box, sw, document.createTextNode(" " + c.name));
        li.append(label);
        list.append(li);
      });
      const select = document.getElementById("cal-event-calendar");
      select.innerHTML = "";
      data.calendars.forEach(c => { const o = document.createElement("option"); o.value = c.id; o.textContent = c.name; select.append(o); });
    } catch (err) {
      list.innerHTML = "";
      const li = document.createElement("li"); li.className = "error"; li.textContent = "Calendars could not be loaded."; list.append(li);
    }
  }

  const dialog = document.getElementById("cal-event-dialog");
  const form = document.getElementById("cal-event-form");
  function showError(id, message) { const p = document.getElementById(id); p.hidden = !message; p.textContent = message || ""; }

  function openNew(at) {
    state.editing = null;
    const start = at || new Date(state.date.getFullYear(), state.date.getMonth(), state.date.getDate(), 9);
    document.getElementById("cal-event-heading").textContent = "New event";
    document.getElementById("cal-event-calendar-row").hidden = false;
    document.getElementById("cal-event-cancel-event").hidden = true;
    document.getElementById("cal-event-conflicts").hidden = true;
    form.title.value = ""; form.location.value = "";
    form.date.value = iso(start); form.start.value = hm(start); form.end.value = hm(new Date(start.getTime() + 36e5));
    showError("cal-event-error", null);
    dialog.showModal();
    form.title.focus();
  }

  function openEvent(e) {
    state.editing = e;
    document.getElementById("cal-event-heading").textContent = e.title;
    document.getElementById("cal-event-calendar-row").hidden = true;
    document.getElementById("cal-event-cancel-event").hidden = false;
    document.getElementById("cal-event-conflicts").hidden = !e.conflict;
    document.getElementById("cal-event-conflicts").textContent = e.conflict ? "This event overlaps another busy event." : "";
    const s = eventStart(e), en = eventEnd(e);
    form.title.value = e.title; form.location.value = e.location || "";
    form.date.value = iso(s); form.start.value = e.allDay ? "00:00" : hm(s); form.end.value = e.allDay ? "23:59" : hm(en);
    showError("cal-event-error", null);
    dialog.showModal();
    form.title.focus();
  }

  form.onsubmit = async ev => {
    ev.preventDefault();
    const body = { title: form.title.value, start: form.date.value + "T" + form.start.value,
      end: form.date.value + "T" + form.end.value, timeZone: zone };
    if (form.location.value) body.location = form.location.value;
    try {
      let answer;
      if (state.editing) answer = await call("PATCH", "/events/" + encodeURIComponent(state.editing.id), body);
      else answer = await call("POST", "/events", Object.assign({ calendar: form.calendar.value }, body));
      dialog.close();
      if (answer && answer.conflicts && answer.conflicts.length) {
        status.className = "cal-status warn";
        status.textContent = "Saved. It overlaps " + answer.conflicts.map(c => c.title).join(", ") + ".";
      }
      const keep = status.textContent;
      await load();
      if (keep.startsWith("Saved")) { status.className = "cal-status warn"; status.textContent = keep; }
    } catch (err) { showError("cal-event-error", err.message); }
  };
  document.getElementById("cal-event-cancel-event").onclick = async () => {
    if (!state.editing || !confirm("Cancel “" + state.editing.title + "”?")) return;
    try { await call("DELETE", "/events/" + encodeURIComponent(state.editing.id)); dialog.close(); load(); }
    catch (err) { showError("cal-event-error", err.message); }
  };
  document.getElementById("cal-event-close").onclick = () => dialog.close();

  const find = document.getElementById("cal-find-dialog");
  const findForm = document.getElementById("cal-find-form");
  document.getElementById("cal-find-close").onclick = () => find.close();
  findForm.onsubmit = async ev => {
    ev.preventDefault();
    const from = new Date(Math.max(Date.now(), state.date.getTime()));
    from.setSeconds(0, 0); from.setMinutes(Math.ceil(from.getMinutes() / 15) * 15);
    const to = addDays(startOfDay(from), Number(findForm.days.value));
    const body = { minutes: Number(findForm.minutes.value), from: iso(from) + "T" + hm(from), to: iso(to) + "T00:00", timeZone: zone,
      attendees: findForm.attendees.value.split(",").map(s => s.trim()).filter(Boolean) };
    if (document.getElementById("cal-find-hours").checked) body.workingHours = { start: "09:00", end: "17:00", days: [1, 2, 3, 4, 5] };
    const out = document.getElementById("cal-find-slots");
    out.innerHTML = "<li class=\"muted\">Looking…</li>";
    showError("cal-find-error", null);
    try {
      const data = await call("POST", "/find-time", body);
      out.innerHTML = "";
      (data.attendees || []).filter(a => a.source === "none").forEach(a => {
        const li = document.createElement("li"); li.className = "muted"; li.textContent = a.email + ": busy times unknown"; out.append(li);
      });
      if (data.slots.length === 0) { const li = document.createElement("li"); li.textContent = "No free slot in this range."; out.append(li); }
      data.slots.slice(0, 12).forEach(s => {
        const li = document.createElement("li");
        const b = document.createElement("button"); b.type = "button"; b.className = "secondary slot";
        const st = new Date(s.start), en = new Date(s.end);
        b.textContent = fmtDay.format(st) + " " + hm(st) + "–" + hm(en);
        b.onclick = () => { find.close(); openNew(st); form.end.value = hm(en); };
        li.append(b); out.append(li);
      });
    } catch (err) { out.innerHTML = ""; showError("cal-find-error", err.message); }
  };

  document.getElementById("cal-share").onchange = async e => {
    try { await call("PUT", "/settings", { shareFreeBusy: e.target.checked }); }
    catch (err) { e.target.checked = !e.target.checked; status.className = "cal-status error"; status.textContent = err.message; }
  };

  function move(n) {
    if (state.view === "day") state.date = addDays(state.date, n);
    else if (state.view === "week") state.date = addDays(state.date, 7 * n);
    else state.date = new Date(state.date.getFullYear(), state.date.getMonth() + n, 1);
    load();
  }
  document.getElementById("cal-prev").onclick = () => move(-1);
  document.getElementById("cal-next").onclick = () => move(1);
  document.getElementById("cal-today").onclick = () => { state.date = startOfDay(new Date()); load(); };
  document.getElementById("cal-new").onclick = () => openNew();
  document.addEventListener("calendar-changed", () => load()); // the quick-add box added an event
  document.getElementById("cal-find").onclick = () => { find.showModal(); findForm.minutes.focus(); };
  document.querySelectorAll("[data-view]").forEach(b => b.onclick = () => { state.view = b.dataset.view; load(); });
  document.addEventListener("keydown", ev => {
    if (ev.target.closest("input, select, textarea, dialog") || ev.metaKey || ev.ctrlKey || ev.altKey) return;
    const keys = { ArrowLeft: () => move(-1), ArrowRight: () => move(1), t: () => { state.date = startOfDay(new Date()); load(); },
      d: () => { state.view = "day"; load(); }, w: () => { state.view = "week"; load(); }, m: () => { state.view = "month"; load(); },
      n: () => openNew(), f: () => document.getElementById("cal-find").click() };
    if (keys[ev.key]) { ev.preventDefault(); keys[ev.key](); }
  });
  let wasNarrow = matchMedia("(max-width: 700px)").matches;
  addEventListener("resize", () => { const n = matchMedia("(max-width: 700px)").matches; if (n !== wasNarrow) { wasNarrow = n; draw(); } });

  loadCalendars().then(load);
})();
