// Fills the hidden time zone fields with the browser's zone, so that a due date-time typed into a form
// means the time the user sees on their clock. Runs for the page and for every fragment htmx swaps in.
htmx.onLoad(function (root) {
  var zone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  var fields = root.matches && root.matches('input[data-browser-zone]') ? [root] : [];
  root.querySelectorAll && root.querySelectorAll('input[data-browser-zone]').forEach(function (f) { fields.push(f); });
  fields.forEach(function (f) { if (!f.value) { f.value = zone; } });
});
