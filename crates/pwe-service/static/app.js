// Enhancements only: the pages work without this script.
// 1. The budget meter follows every tick without reloading the page.
// 2. Text boxes count the characters left.
(function () {
  "use strict";
  var form = document.getElementById("choice-form");
  var meter = document.getElementById("meter");
  if (form && meter) {
    form.addEventListener("change", function () {
      var body = new URLSearchParams(new FormData(form));
      fetch("/check", { method: "POST", body: body, credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.text() : null; })
        .then(function (html) { if (html !== null) { meter.innerHTML = html; } })
        .catch(function () { /* the meter updates when the form is saved */ });
    });
  }
  var counters = document.querySelectorAll("[data-counter]");
  Array.prototype.forEach.call(counters, function (counter) {
    var box = document.getElementById(counter.getAttribute("data-counter"));
    if (!box) { return; }
    var max = parseInt(box.getAttribute("maxlength"), 10);
    // The words come from the page, which takes them from the translation file.
    var label = " " + counter.getAttribute("data-left-label");
    var update = function () { counter.textContent = (max - box.value.length) + label; };
    box.addEventListener("input", update);
    update();
  });
})();
