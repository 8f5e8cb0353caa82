// Progressive enhancement only: every page works without this file.
var SUBMITS = "button:not([type]), button[type=submit], input[type=submit]";

document.addEventListener("DOMContentLoaded", function () {
  // Move focus to a form's error summary so screen readers announce it.
  var summary = document.getElementById("error-summary");
  if (summary) { summary.focus(); }

  // Submit once: a POST form is sent once however often its button is pressed. The server
  // saves a form once anyway (its submission token); this spares the second request.
  document.querySelectorAll("form[method=post], form[method=POST]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (form.dataset.sent === "yes") { event.preventDefault(); return; }
      form.dataset.sent = "yes";
      // After this event, so that the pressed button's own name and value are still sent.
      window.setTimeout(function () {
        form.querySelectorAll(SUBMITS).forEach(function (b) {
          b.disabled = true;
          b.setAttribute("aria-disabled", "true");
        });
      }, 0);
      // A download leaves the page where it is: let the form be used again after a while.
      window.setTimeout(function () { release(form); }, 8000);
    });
  });

  function release(form) {
    delete form.dataset.sent;
    form.querySelectorAll(SUBMITS).forEach(function (b) {
      b.disabled = false;
      b.removeAttribute("aria-disabled");
    });
  }

  // Back to a page the browser kept: its forms can be sent again (each keeps its token).
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) { document.querySelectorAll("form[data-sent]").forEach(release); }
  });
});
