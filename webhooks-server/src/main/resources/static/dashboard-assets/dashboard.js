// SmartComply Webhooks dashboard: the little behaviour pages need beyond htmx. No inline scripts
// anywhere (the Content-Security-Policy forbids them), so everything hooks in from here.
(function () {
  "use strict";

  // Copy buttons: <button data-copy="#selector">. Falls back to selecting the text, so the person
  // can press Ctrl+C themselves, where the Clipboard API is not available.
  function copy(button) {
    var target = document.querySelector(button.getAttribute("data-copy"));
    if (!target) return;
    var status = document.querySelector("[data-copy-status]");
    var text = target.value !== undefined ? target.value : target.textContent;
    function done(message) {
      if (status) status.textContent = message;
      button.textContent = "Copied";
      setTimeout(function () { button.textContent = "Copy"; }, 2000);
    }
    function fallback() {
      if (target.select) { target.focus(); target.select(); }
      if (status) status.textContent = "Press Ctrl+C (⌘C on a Mac) to copy the selected secret.";
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { done("Secret copied to the clipboard."); }, fallback);
    } else {
      fallback();
    }
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy]");
    if (button) copy(button);
  });

  // A read-only secret selects itself on focus, ready to copy by keyboard.
  document.addEventListener("focusin", function (event) {
    if (event.target.matches && event.target.matches("input.secret-value")) event.target.select();
  });

  // "All events" and single types exclude each other: ticking one clears the other kind.
  document.addEventListener("change", function (event) {
    var box = event.target;
    if (!box.matches || !box.matches("input[type=checkbox][name=events]")) return;
    if (!box.checked) return;
    var all = document.getElementById("event-all");
    if (box === all) {
      document.querySelectorAll("input[type=checkbox][name=events]").forEach(function (other) {
        if (other !== all) other.checked = false;
      });
    } else if (all) {
      all.checked = false;
    }
  });
})();
