// The Print buttons (<button type="button" data-print>) of the pages made to be printed: the minutes of a meeting,
// the letter of a request, the brief of a campaign. The Content-Security-Policy (script-src 'self') refuses inline
// handlers such as onclick="window.print()", so one listener here serves them all. Without this script the buttons do
// nothing (type="button" submits no form); the browser's own Print still works.
(function () {
  'use strict';
  document.addEventListener('click', function (event) {
    var target = event.target;
    var button = target && target.closest ? target.closest('[data-print]') : null;
    if (!button || button.disabled || typeof window.print !== 'function') return;
    event.preventDefault();
    window.print();
  });
})();
