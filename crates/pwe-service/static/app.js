// Enhancements only: every page works without this script.
// 1. The budget meter follows every tick without reloading the page, and a
//    second choice in an exclusive group is explained next to the option.
// 2. Text boxes count the characters left.
// 3. An error summary takes the focus, so a screen reader reads it first.
(function () {
  "use strict";
  document.documentElement.className += " js";
  var errors = document.getElementById("errors");
  if (errors) { errors.focus(); }

  var form = document.querySelector("[data-live-meter]");
  var meter = document.getElementById("meter");
  var wide = window.matchMedia("(min-width: 52rem)");
  // On a wide screen the meter's details are open; on a phone the bar stays small.
  var keepOpen = function () {
    var more = document.getElementById("meter-more");
    if (more && wide.matches) { more.open = true; }
  };
  keepOpen();
  if (form && meter) {
    var groupNotes = function () {
      Array.prototype.forEach.call(form.querySelectorAll("[data-group]"), function (group) {
        var options = group.querySelectorAll("fieldset.option");
        var chosen = Array.prototype.filter.call(options, function (option) {
          return option.querySelector("input:checked:not([value='0'])") !== null;
        });
        Array.prototype.forEach.call(options, function (option) {
          var note = option.querySelector(".field-error");
          if (!note) { return; }
          var clash = chosen.length > 1 && chosen.indexOf(option) >= 0;
          note.hidden = !clash;
          if (clash) { note.textContent = group.getAttribute("data-clash"); }
          option.classList.toggle("has-error", clash);
        });
      });
    };
    form.addEventListener("change", function () {
      groupNotes();
      var open = document.getElementById("meter-more");
      var wasOpen = open && open.open;
      var body = new URLSearchParams(new FormData(form));
      fetch("/check", { method: "POST", body: body, credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.text() : null; })
        .then(function (html) {
          if (html === null) { return; }
          meter.innerHTML = html;
          var more = document.getElementById("meter-more");
          if (more && wasOpen) { more.open = true; }
          keepOpen();
        })
        .catch(function () { /* "Bereken opnieuw" still works */ });
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
