// "Check names" on the brief's change form: posts the form to the staff-only check
// view, which saves nothing, and puts the panel it answers in place of the old one.
// A file of the site's own, as the Content-Security-Policy wants: nothing inline.
"use strict";

document.addEventListener("click", async (event) => {
  const button = event.target.closest("#check-names");
  if (!button) return;
  const panel = document.getElementById("names-panel");
  const form = panel && panel.closest("form");
  if (!form) return;
  const data = new FormData(form);
  for (const [name, value] of [...data.entries()]) {
    if (value instanceof File) data.delete(name); // images are not read for names
  }
  button.disabled = true;
  button.textContent = "Checking…";
  try {
    const response = await fetch(panel.dataset.checkUrl, {
      method: "POST",
      body: data,
      credentials: "same-origin",
    });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    panel.outerHTML = await response.text();
  } catch (error) {
    button.disabled = false;
    button.textContent = "Check names";
    panel.querySelector(".names-panel__when").append(` Could not check (${error.message}).`);
  }
});
