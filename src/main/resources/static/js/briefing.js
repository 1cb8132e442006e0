// The home page: loads the day with the browser's time zone, switches days without reloading the page
// (buttons, the date picker, and the keys ← → t), and shows an error with a retry when the day fails to load.
function atomZone() {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

(function () {
  var briefing = document.getElementById('briefing');
  var failed = document.getElementById('briefing-failed');

  function show(day, keepUrl) {
    briefing.dataset.date = day || '';
    failed.hidden = true;
    if (!keepUrl) { history.replaceState(null, '', day ? '/?date=' + encodeURIComponent(day) : '/'); }
    htmx.ajax('GET', '/home/briefing', { target: briefing, swap: 'innerHTML',
      values: { date: day || '', timeZone: atomZone() } });
  }

  briefing.addEventListener('click', function (e) {
    var button = e.target.closest('[data-day]');
    if (button && button.closest('.day-switcher')) { show(button.dataset.day); }
  });
  briefing.addEventListener('change', function (e) {
    if (e.target.id === 'day-pick' && e.target.value) { show(e.target.value); }
  });
  document.addEventListener('keydown', function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey || e.target.closest('input, textarea, select, [contenteditable]')) { return; }
    var id = { ArrowLeft: 'day-previous', ArrowRight: 'day-next', t: 'day-today' }[e.key];
    var button = id && document.getElementById(id);
    if (button && !button.disabled) { e.preventDefault(); button.click(); }
  });
  document.body.addEventListener('htmx:responseError', function (e) {
    if (e.detail.target === briefing) { briefing.innerHTML = ''; failed.hidden = false; }
  });
  document.body.addEventListener('htmx:sendError', function (e) {
    if (e.detail.target === briefing) { briefing.innerHTML = ''; failed.hidden = false; }
  });
  document.getElementById('briefing-retry').addEventListener('click', function () { show(briefing.dataset.date); });
  show(briefing.dataset.date, true);
})();
