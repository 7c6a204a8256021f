// The page shell's behaviour (no inline script: the Content-Security-Policy forbids it).
// 1. On a phone the main menu folds behind a disclosure button. Without this script the button stays hidden
//    and the menu stays open, so every page is reachable either way.
// 2. Every table scrolls sideways inside its own box instead of widening the page (390 px phones, 200% zoom).
(function () {
  'use strict';
  function ready(fn) {
    if (document.readyState !== 'loading') { fn(); } else { document.addEventListener('DOMContentLoaded', fn); }
  }

  function foldableMenu() {
    var button = document.getElementById('menu-toggle');
    var nav = document.getElementById('main-nav');
    if (!button || !nav) { return; }
    var header = button.closest('header');
    function setOpen(open) {
      button.setAttribute('aria-expanded', open ? 'true' : 'false');
      header.classList.toggle('menu-open', open);
    }
    header.classList.add('menu-ready');
    button.hidden = false;
    setOpen(false);
    button.addEventListener('click', function () {
      setOpen(button.getAttribute('aria-expanded') !== 'true');
    });
    // Escape closes the open menu and puts the focus back on its button.
    header.addEventListener('keydown', function (e) {
      if (e.key === 'Escape' && button.getAttribute('aria-expanded') === 'true') {
        setOpen(false);
        button.focus();
      }
    });
  }

  // A table wider than its box becomes a keyboard-reachable scroll region named by the nearest heading.
  function scrollingTables() {
    var label = document.body.getAttribute('data-table-label') || '';
    var tables = document.querySelectorAll('main table');
    Array.prototype.forEach.call(tables, function (table) {
      if (table.parentElement.classList.contains('table-scroll')) { return; }
      var box = document.createElement('div');
      box.className = 'table-scroll';
      table.parentNode.insertBefore(box, table);
      box.appendChild(table);
    });
    function mark() {
      Array.prototype.forEach.call(document.querySelectorAll('main .table-scroll'), function (box) {
        if (box.scrollWidth > box.clientWidth + 1) {
          box.setAttribute('tabindex', '0');
          box.setAttribute('role', 'region');
          box.setAttribute('aria-label', label);
        } else {
          box.removeAttribute('tabindex');
          box.removeAttribute('role');
          box.removeAttribute('aria-label');
        }
      });
    }
    mark();
    window.addEventListener('resize', mark);
  }

  ready(function () {
    foldableMenu();
    scrollingTables();
  });
})();
