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
