// Search from anywhere: "/" focuses the header box (unless typing already); on the search page the arrow keys
// move through the hits and Enter opens one.
document.addEventListener('keydown', function (e) {
  var t = e.target;
  var typing = t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable);
  if (e.key === '/' && !typing && !e.ctrlKey && !e.metaKey && !e.altKey) {
    var box = document.getElementById('search-q') || document.getElementById('header-search');
    if (box) {
      e.preventDefault();
      box.focus();
      box.select();
    }
    return;
  }
  if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') {
    return;
  }
  var links = Array.prototype.slice.call(document.querySelectorAll('#search-results .hit-title'));
  if (links.length === 0 || (typing && t.id !== 'search-q')) {
    return;
  }
  var i = links.indexOf(document.activeElement);
  var next = e.key === 'ArrowDown' ? (i < 0 ? 0 : Math.min(i + 1, links.length - 1)) : i - 1;
  e.preventDefault();
  if (next < 0) {
    document.getElementById('search-q').focus();
  } else {
    links[next].focus();
  }
});
document.addEventListener('htmx:responseError', function (e) {
  var target = document.getElementById('search-results');
  if (target && e.detail.target === target) {
    target.innerHTML = '<p id="search-error" class="error" role="alert">Search failed. Try again in a moment.</p>';
  }
});
// The main nav marks the section the page belongs to (the longest matching link wins: /tasks over /).
(function () {
  function markCurrent() {
    var path = location.pathname, best = null;
    document.querySelectorAll('.topbar nav a').forEach(function (a) {
      var href = a.getAttribute('href');
      var match = href === '/' ? path === '/' : path === href || path.indexOf(href + '/') === 0;
      if (match && (!best || href.length > best.getAttribute('href').length)) { best = a; }
    });
    if (best) { best.setAttribute('aria-current', 'page'); }
  }
  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', markCurrent); } else { markCurrent(); }
})();
