// Keyboard shortcuts of the alert queue (/alerts). Plain JS, no inline handlers (the CSP forbids them).
// j/k: next/previous row, x: select the row, o or Enter: open it, a: acknowledge the selected alerts,
// c: close the selected alerts as benign. With nothing selected, a and c act on the current row.
// WCAG 2.1.4: the single-key shortcuts can be turned off (#shortcuts-on, remembered in this browser), the
// cursor moves keyboard focus to the row's link, and closing asks first in a dialog that opens on Cancel,
// so two keystrokes can never close an alert (a CRITICAL one least of all).
(function () {
  'use strict';
  var STORE = 'sukedachi.alerts.shortcuts';
  function ready(fn) {
    if (document.readyState !== 'loading') { fn(); } else { document.addEventListener('DOMContentLoaded', fn); }
  }
  function remembered() {
    try { return window.localStorage.getItem(STORE) !== 'off'; } catch (e) { return true; }
  }
  function remember(on) {
    try { window.localStorage.setItem(STORE, on ? 'on' : 'off'); } catch (e) { /* private mode: this page only */ }
  }
  ready(function () {
    var toggle = document.getElementById('shortcuts-on');
    var enabled = remembered();
    if (toggle) {
      toggle.checked = enabled;
      toggle.addEventListener('change', function () { enabled = toggle.checked; remember(enabled); });
    }
    var form = document.getElementById('bulk-form');
    if (!form) { return; }
    var rows = Array.prototype.slice.call(form.querySelectorAll('tr.alert-row'));
    var current = -1;
    var dialog = document.getElementById('close-confirm');

    function link(row) { return row.querySelector('a.alert-link'); }
    function mark(to) {
      if (current >= 0) { rows[current].classList.remove('cursor'); rows[current].removeAttribute('aria-current'); }
      current = to;
      rows[current].classList.add('cursor');
      rows[current].setAttribute('aria-current', 'true');
    }
    function move(to) {
      if (rows.length === 0) { return; }
      mark(Math.max(0, Math.min(rows.length - 1, to)));
      rows[current].scrollIntoView({block: 'nearest'});
      // Focus follows the cursor, so a screen reader reads the row's alert and Tab continues from here.
      var a = link(rows[current]);
      if (a) { a.focus(); }
    }
    function box(row) { return row.querySelector('input[type=checkbox]'); }
    function selected() {
      return rows.filter(function (row) { return box(row).checked; });
    }
    function sync(row) { row.classList.toggle('selected', box(row).checked); }

    rows.forEach(function (row, i) {
      box(row).addEventListener('change', function () { sync(row); });
      row.addEventListener('click', function (e) {
        if (e.target.tagName !== 'A' && e.target.tagName !== 'INPUT') { move(i); }
      });
      // Tabbing or clicking into a row moves the cursor there too.
      row.addEventListener('focusin', function () { if (current !== i) { mark(i); } });
    });

    function closeSelected() {
      document.getElementById('bulk-resolution').value = 'BENIGN';
      document.getElementById('bulk-close').click();
    }
    function askToClose() {
      var autoSelected = null;
      if (selected().length === 0 && current >= 0) {
        autoSelected = rows[current];
        box(autoSelected).checked = true;
        sync(autoSelected);
      }
      var chosen = selected();
      if (chosen.length === 0) { return; }
      var critical = chosen.filter(function (row) { return row.querySelector('.sev-CRITICAL'); }).length;
      var back = current >= 0 ? link(rows[current]) : null;
      function cancel() {
        if (autoSelected) { box(autoSelected).checked = false; sync(autoSelected); }
        if (back) { back.focus(); }
      }
      var text = document.getElementById('close-confirm-text');
      var question = text.getAttribute('data-question').replace('{0}', chosen.length)
          + (critical > 0 ? ' ' + text.getAttribute('data-critical').replace('{0}', critical) : '');
      if (typeof dialog.showModal !== 'function') {
        if (window.confirm(question)) { closeSelected(); } else { cancel(); }
        return;
      }
      text.textContent = question;
      dialog.classList.toggle('critical', critical > 0);
      dialog.returnValue = '';
      dialog.showModal();
      dialog.addEventListener('close', function () {
        if (dialog.returnValue === 'close') { closeSelected(); } else { cancel(); }
      }, {once: true});
    }
    if (dialog) {
      document.getElementById('close-ok').addEventListener('click', function () { dialog.close('close'); });
      document.getElementById('close-cancel').addEventListener('click', function () { dialog.close('cancel'); });
    }

    document.addEventListener('keydown', function (e) {
      if (!enabled || e.ctrlKey || e.metaKey || e.altKey) { return; }
      if (dialog && dialog.open) { return; }
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
        case 'o':
          if (current >= 0) { link(rows[current]).click(); } else { return; }
          break;
        case 'Enter':
          // On the focused link Enter opens it natively.
          if (current >= 0 && t === document.body) { link(rows[current]).click(); } else { return; }
          break;
        case 'a':
          if (selected().length === 0 && current >= 0) { box(rows[current]).checked = true; }
          if (selected().length > 0) { document.getElementById('bulk-ack').click(); }
          break;
        case 'c':
          if (dialog) { askToClose(); } else { return; }
          break;
        default: return;
      }
      e.preventDefault();
    });
  });
})();
