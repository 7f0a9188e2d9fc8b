// Leaving an admin form with unsaved changes asks first (templates/admin/base_site.html).
// A form counts as changed once a field in it is edited; sending it is not leaving it.
// The list page's action form and the search box are not edits of anything.
(function () {
  "use strict";
  var changed = false;
  function watched(form) {
    return form && form.method.toLowerCase() === "post" && form.id !== "changelist-form";
  }
  function edited(event) {
    if (watched(event.target.form)) {
      changed = true;
    }
  }
  document.addEventListener("input", edited, true);
  document.addEventListener("change", edited, true);
  document.addEventListener("submit", function () {
    changed = false;
  }, true);
  window.addEventListener("beforeunload", function (event) {
    if (changed) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
})();
