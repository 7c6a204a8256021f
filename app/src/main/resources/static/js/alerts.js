// Keyboard shortcuts of the alert queue (/alerts). Plain JS, no inline handlers (the CSP forbids them).
// j/k: next/previous row, x: select the row, o or Enter: open it, a: acknowledge the selected alerts,
// c: close the selected alerts as benign. With nothing selected, a and c act on the current row.
(function () {
  'use strict';
  function ready(fn) {
    if (document.readyState !== 'loading') { fn(); } else { document.addEventListener('DOMContentLoaded', fn); }
  }
  ready(function () {
    var form = document.getElementById('bulk-form');
    if (!form) { return; }
    var rows = Array.prototype.slice.call(form.querySelectorAll('tr.alert-row'));
    var current = -1;

    function move(to) {
      if (rows.length === 0) { return; }
      if (current >= 0) { rows[current].classList.remove('cursor'); rows[current].removeAttribute('aria-current'); }
      current = Math.max(0, Math.min(rows.length - 1, to));
      rows[current].classList.add('cursor');
      rows[current].setAttribute('aria-current', 'true');
      rows[current].scrollIntoView({block: 'nearest'});
    }
    function box(row) { return row.querySelector('input[type=checkbox]'); }
    function selectedCount() { return form.querySelectorAll('input[name=ids]:checked').length; }
    function ensureSelection() {
      if (selectedCount() === 0 && current >= 0) { box(rows[current]).checked = true; }
      return selectedCount() > 0;
    }
    function sync(row) { row.classList.toggle('selected', box(row).checked); }

    rows.forEach(function (row, i) {
      box(row).addEventListener('change', function () { sync(row); });
      row.addEventListener('click', function (e) {
        if (e.target.tagName !== 'A' && e.target.tagName !== 'INPUT') { move(i); }
      });
    });

    document.addEventListener('keydown', function (e) {
      if (e.ctrlKey || e.metaKey || e.altKey) { return; }
      var t = e.target;
      if (t && (t.tagName === 'INPUT' && t.type !== 'checkbox' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT'
          || t.isContentEditable)) { return; }
      switch (e.key) {
        case 'j': move(current + 1); break;
        case 'k': move(current - 1); break;
        case 'x':
          if (current < 0) { move(0); }
          if (current >= 0) { var b = box(rows[current]); b.checked = !b.checked; sync(rows[current]); }
          break;
        case 'o': case 'Enter':
          if (current >= 0 && t === document.body) { rows[current].querySelector('a.alert-link').click(); } else { return; }
          break;
        case 'a':
          if (ensureSelection()) { document.getElementById('bulk-ack').click(); }
          break;
        case 'c':
          if (ensureSelection()) {
            document.getElementById('bulk-resolution').value = 'BENIGN';
            document.getElementById('bulk-close').click();
          }
          break;
        default: return;
      }
      e.preventDefault();
    });
  });
})();
