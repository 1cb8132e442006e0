// Inbox keyboard: j/k move, Enter/o open, e archive, r reply, u toggle read, s summarise, / search.
// Ignored while typing.
(function () {
  function rows() { return Array.from(document.querySelectorAll('#inbox-list li.message')); }
  function current() { return document.querySelector('#inbox-list li.message.selected'); }
  function select(row) {
    rows().forEach(function (r) { r.classList.remove('selected'); });
    if (row) { row.classList.add('selected'); row.focus(); row.scrollIntoView({block: 'nearest'}); }
  }
  function move(step) {
    var all = rows();
    if (!all.length) { return; }
    var i = all.indexOf(current());
    select(all[Math.max(0, Math.min(all.length - 1, i < 0 ? 0 : i + step))]);
  }
  document.addEventListener('keydown', function (ev) {
    var t = ev.target;
    if (ev.ctrlKey || ev.metaKey || ev.altKey) { return; }
    if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT')) {
      if (ev.key === 'Escape') { t.blur(); }
      return;
    }
    var row = current();
    switch (ev.key) {
      case 'j': move(1); break;
      case 'k': move(-1); break;
      case 'Enter': case 'o': if (row) { row.querySelector('a.open').click(); } break;
      case 'e': if (row) { var next = rows()[rows().indexOf(row) + 1]; row.querySelector('.archive').click(); select(next); } break;
      case 'u': if (row) { row.querySelector('.toggle-read').click(); } break;
      case 'r':
        if (row && !document.getElementById('reply-text')) { row.querySelector('a.open').click(); }
        setTimeout(function () { var r = document.getElementById('reply-text'); if (r) { r.focus(); } }, 0);
        break;
      case 's': var sum = document.getElementById('thread-summarise'); if (sum) { sum.click(); } break;
      case '/': document.getElementById('inbox-q').focus(); break;
      default: return;
    }
    ev.preventDefault();
  });
  document.addEventListener('click', function (ev) {
    var row = ev.target.closest && ev.target.closest('#inbox-list li.message');
    if (row) { select(row); }
  });
  // after an htmx swap of a row (read/unread), keep it selected
  document.addEventListener('htmx:afterSwap', function (ev) {
    if (ev.target && ev.target.id === 'reply-text') { return; }
    var el = ev.detail && ev.detail.elt;
    if (el && el.classList && el.classList.contains('message') && !current()) { select(el); }
  });
})();
