// Autosave for entry forms (progressive enhancement: the form works without it).
// Every few seconds after typing, the form's fields are sent as a draft. When the
// connection is down, or the session has ended, the draft is kept in this browser
// and sent as soon as it can be: on reconnecting, or on the next page after login.
"use strict";

(() => {
  const STORE = "intern-journal:pending-drafts";
  const DELAY_MS = 3000;

  const csrfToken = () => document.querySelector('meta[name="csrf-token"]')?.content || "";
  const pending = () => JSON.parse(localStorage.getItem(STORE) || "{}");
  const savePending = (all) => localStorage.setItem(STORE, JSON.stringify(all));

  function fieldsOf(form) {
    const fields = {};
    for (const [name, value] of new FormData(form)) {
      if (name === "csrf_token" || value instanceof File) continue;
      if (name === "principles") (fields[name] ||= []).push(value);
      else fields[name] = value;
    }
    return fields;
  }

  async function send(draft) {
    const response = await fetch(draft.url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken() },
      body: JSON.stringify(draft.payload),
    });
    if (!response.ok) throw new Error(`draft not saved: ${response.status}`);
    return response.json();
  }

  // Send every draft this browser is still holding; keep those that fail.
  async function flushPending() {
    const all = pending();
    for (const [key, draft] of Object.entries(all)) {
      try {
        await send(draft);
        delete all[key];
      } catch {
        // Still offline or logged out: try again later.
      }
    }
    savePending(all);
  }

  function setUp(form) {
    const status = form.querySelector(".autosave-status");
    const key = form.dataset.entryId ? `entry-${form.dataset.entryId}` : `new-${form.dataset.autosave}-${form.dataset.kind}`;
    let timer = null;
    const say = (text) => { if (status) status.textContent = text; };

    async function save() {
      const draft = {
        url: form.dataset.autosave,
        payload: {
          kind: form.dataset.kind,
          entry_id: form.dataset.entryId ? Number(form.dataset.entryId) : null,
          fields: fieldsOf(form),
        },
      };
      try {
        await send(draft);
        const all = pending();
        delete all[key];
        savePending(all);
        say(`Draft saved ${new Date().toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" })}`);
      } catch {
        const all = pending();
        all[key] = draft;
        savePending(all);
        say("Offline or logged out: your draft is kept on this device and will be sent later.");
      }
    }

    form.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(save, DELAY_MS);
    });
    form.addEventListener("submit", () => clearTimeout(timer));
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("form[data-autosave]").forEach(setUp);
    flushPending();
  });
  window.addEventListener("online", flushPending);
})();
