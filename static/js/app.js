// Progressive enhancement only: every page works without this file.
"use strict";

// Autosave's first version kept unsent drafts here in plain text, one bucket for every account on
// the browser. Whose they are cannot be told, so nobody gets them: they go, on any page, logged in
// or not (what autosave keeps now is encrypted per account: device-store.js).
try {
  localStorage.removeItem("intern-journal:pending-drafts");
} catch {
  // No storage at all: nothing was kept there either.
}

document.addEventListener("DOMContentLoaded", () => {
  // A page sent back with a problem (error summary with tabindex="-1") takes the person straight to
  // the message, however far down it sits; a screen reader reads it out as it gets the focus.
  const problem = document.querySelector('.error-summary[tabindex="-1"]');
  if (problem) problem.focus();
  // "Copy" buttons next to read-only inputs (invitation links).
  for (const button of document.querySelectorAll("[data-copy]")) {
    const source = document.getElementById(button.dataset.copy);
    if (!source || !navigator.clipboard) continue;
    button.hidden = false;
    button.addEventListener("click", async () => {
      await navigator.clipboard.writeText(source.value);
      // Change only the visible word; the hidden rest of the label stays for screen readers.
      const label = button.firstChild.textContent;
      button.firstChild.textContent = globalThis.journalMessages.t("copied");
      setTimeout(() => { button.firstChild.textContent = label; }, 2000);
    });
  }
  // "Try again" on the offline page: it stands in for the address the person asked for, so reloading
  // asks for that address again (shown only here, where a script can do it).
  for (const button of document.querySelectorAll("[data-reload]")) {
    button.hidden = false;
    button.addEventListener("click", () => window.location.reload());
  }
  // Select the whole link when a read-only field is focused, for manual copying.
  for (const input of document.querySelectorAll("input.copy-source")) {
    input.addEventListener("focus", () => input.select());
  }
});
