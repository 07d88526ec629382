// Enhancements only: every page works without this script.
// 1. The budget meter follows every tick without reloading the page; a
//    chosen option's remove button in the meter unticks it in place.
// 2. Text boxes count the characters left.
// 3. An error summary takes the focus, so a screen reader reads it first.
// 4. Leaving a step's page with changes not yet saved asks first.
// 5. On a phone the page keeps room for the meter's bar (--bar), so the
//    focus never hides under it.
(function () {
  "use strict";
  document.documentElement.className += " js";
  var errors = document.getElementById("errors");
  if (errors) {
    // On the choice page the summary stands after the options: show it from its first line.
    var below = errors.closest("[data-live-meter]");
    errors.focus({ preventScroll: below !== null });
    if (below) { errors.scrollIntoView({ block: "start" }); }
  }

  var form = document.querySelector("[data-live-meter]");
  var meter = document.getElementById("meter");
  var wide = window.matchMedia("(min-width: 52rem)");
  // On a wide screen the meter's details are open; on a phone the bar stays small.
  var keepOpen = function () {
    var more = document.getElementById("meter-more");
    if (more && wide.matches) { more.open = true; }
  };
  var rules = document.getElementById("rules");
  if (rules && wide.matches) { rules.open = true; }
  keepOpen();
  var panel = document.getElementById("meter-panel");
  if (panel && window.ResizeObserver) {
    new ResizeObserver(function () {
      document.documentElement.style.setProperty("--bar", panel.offsetHeight + "px");
    }).observe(panel);
  }
  if (form && meter) {
    var changed = null;
    // Shows the option just chosen in the bar's list, which may scroll.
    var reveal = function () {
      var list = document.getElementById("chosen");
      var line = changed && list && list.querySelector("[data-chosen='" + changed + "']");
      if (line) { list.scrollTop = line.offsetTop - list.offsetTop; }
    };
    var update = function (focusStatus) {
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
          reveal();
          if (focusStatus) { document.getElementById("meter-status").focus(); }
        })
        .catch(function () { /* "Bereken opnieuw" still works */ });
    };
    form.addEventListener("change", function (event) {
      changed = event.target.getAttribute("data-option");
      update(false);
    });
    // Removing from the list unticks the option: "none" in its group or
    // levels, or the checkbox cleared.
    form.addEventListener("click", function (event) {
      var button = event.target.closest("button[name=remove]");
      if (!button) { return; }
      event.preventDefault();
      var inputs = form.querySelectorAll("input[data-option='" + button.value + "']:checked");
      Array.prototype.forEach.call(inputs, function (input) {
        var none = input.type === "radio" && form.querySelector("input[name='" + input.name + "'][value='0']");
        if (none) { none.checked = true; } else { input.checked = false; }
      });
      dirty = true;
      changed = null;
      update(true);
    });
  }

  var dirty = false;
  var stepForm = document.getElementById("step-form");
  if (stepForm) {
    var touched = function () { dirty = true; };
    stepForm.addEventListener("change", touched);
    stepForm.addEventListener("input", touched);
    stepForm.addEventListener("submit", function () { dirty = false; });
    window.addEventListener("beforeunload", function (event) {
      if (!dirty) { return; }
      event.preventDefault();
      event.returnValue = "";
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
