// Small enhancements. Every page works without this file.
(function () {
  "use strict";

  // Move focus to an error summary so screen-reader and keyboard users hear it first.
  var summary = document.querySelector("[data-autofocus]");
  if (summary) {
    summary.focus();
  }

  // A print button where JavaScript can print; without it the page says how to print.
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      window.print();
    });
  });
})();
