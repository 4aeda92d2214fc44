// "Copy link" buttons next to read-only fields: copy, then say so to screen readers too.
(function () {
  "use strict";
  if (window.igfCopyReady) return;
  window.igfCopyReady = true;
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy-button]");
    if (!button) return;
    var box = button.closest(".subscribe__copy") || button.parentElement;
    var field = box.querySelector("[data-copy-source]");
    var status = box.querySelector("[data-copy-status]");
    var done = function () {
      if (status) status.textContent = button.dataset.copiedLabel;
    };
    field.select();
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(done, function () {
        document.execCommand("copy");
        done();
      });
    } else {
      document.execCommand("copy");
      done();
    }
  });
})();
