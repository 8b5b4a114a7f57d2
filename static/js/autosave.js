// Autosave for entry forms (progressive enhancement: the form works without it).
//
// What is typed is kept on this device within 300 ms of each change, and when the page is hidden
// or closed, encrypted for this account only (device-store.js): closing the tab, losing the
// network or the battery loses no keystroke, and the form gets it back when it is opened again.
// A few seconds after typing stops, the fields are also sent as the person's draft; once the
// journal has them, the device copy goes. When sending fails in a way that can succeed later
// (offline, logged out, the server in trouble), the copy stays and is sent by a later page of the
// same account: on reconnecting, or on the next page after logging in again. Another account's
// pages on the same browser can neither read it nor send it. A refusal that cannot succeed later
// (400, 404, 413, 422) is shown with the server's reason; the text stays in the form.
//
// Saving the form goes through the outbox (offline.js): kept on the device first, then sent, so an
// entry saved offline waits on the device and is sent, once, when the network is back.

import "./messages.js";
import { storeForThisPage } from "./device-store.js";
import { ask, fieldsFrom, openKept, queue, sendNow, start as startOffline, waiting as waitingSaves } from "./offline.js";

// The words, in the page's language (messages.js): why a draft waits is "offline", "login" or "server".
const { t, reason: reasonText, time, dateTime } = globalThis.journalMessages;

const DELAY_MS = 3000;
const DEVICE_DELAY_MS = 300;
const KEPT = (why) => t(`autosave.kept.${why}`);
const NOT_KEPT = (why) => t(`autosave.notKept.${why}`);

const csrfToken = () => document.querySelector('meta[name="csrf-token"]')?.content || "";
const ownerMarker = () => document.querySelector('meta[name="device-owner"]')?.content || "";

/** What became of sending a draft: {outcome: "saved"}, {outcome: "retry", why} when it may
 * succeed later (why: offline, login or server), or {outcome: "refused", reason} (the journal's
 * words, or a message {key, values} looked up when shown: it may be kept on the device). Later may help
 * when offline, logged out (401, or a login page after a redirect), when the server is in trouble
 * (5xx, 429), and when the answer says so (``retry``: this page's session has ended, or the
 * browser is logged in as another account). */
async function send(draft) {
  const { response, answer, unanswered } = await ask(draft.url, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken() },
    body: JSON.stringify(draft.payload),
  });
  if (unanswered) return { outcome: "retry", why: unanswered };
  if (response.ok && answer?.saved_at) return { outcome: "saved" };
  // Anything else that "worked" is a page instead of an answer: the login form after a redirect.
  if (response.ok || response.status === 401 || answer?.retry === true) return { outcome: "retry", why: "login" };
  if (response.status >= 500 || response.status === 429) return { outcome: "retry", why: "server" };
  const reason = answer?.error || { key: "autosave.answered", values: { status: response.status } };
  return { outcome: "refused", reason };
}

/** The name a form's draft is kept under on this device. */
function draftName(form) {
  const what = form.dataset.entryId ? `entry-${form.dataset.entryId}` : `new-${form.dataset.kind}`;
  return `draft:${form.dataset.autosave}:${what}`;
}

const fieldsOf = (form) => fieldsFrom(new FormData(form));

/** Put kept fields back into the form, as the person left them. */
function fillForm(form, fields) {
  for (const [name, value] of Object.entries(fields)) {
    const field = form.elements.namedItem(name);
    if (!field || name === "csrf_token") continue;
    if (Array.isArray(value)) {
      for (const box of form.querySelectorAll(`input[name="${CSS.escape(name)}"]`)) box.checked = value.includes(box.value);
    } else if ("value" in field) {
      field.value = value;
    }
  }
}

let sending = null;

/** Send every draft this account keeps on the device; returns the names of those now saved.
 * Those that may succeed later stay; those refused are marked with the reason and not sent again
 * (their form offers them back). One run at a time. */
function sendKept(store) {
  sending ||= (async () => {
    const saved = new Set();
    for (const { name, value, stamp } of await store.entries()) {
      if (!name.startsWith("draft:") || value.state !== "pending") continue;
      const result = await send(value);
      if (result.outcome === "saved") {
        await store.remove(name, stamp);
        saved.add(name);
      } else if (result.outcome === "refused") {
        await store.put(name, { ...value, state: "refused", reason: result.reason }, stamp).catch(() => null);
      }
    }
    return saved;
  })().finally(() => { sending = null; });
  return sending;
}

/** Offer back a draft this device kept for the form but the journal refused. */
function offerRefused(form, store, name, kept, say, save) {
  const box = document.createElement("div");
  box.className = "flash flash-warning device-draft";
  box.setAttribute("role", "status");
  const text = document.createElement("p");
  text.textContent = t("autosave.refusedKept", { reason: reasonText(kept.value.reason) });
  const actions = document.createElement("div");
  actions.className = "actions";
  const putBack = document.createElement("button");
  putBack.type = "button";
  putBack.className = "button small primary";
  putBack.textContent = t("autosave.putBack");
  const discard = document.createElement("button");
  discard.type = "button";
  discard.className = "link-button";
  discard.textContent = t("autosave.discard");
  actions.append(putBack, discard);
  box.append(text, actions);
  form.before(box);
  putBack.addEventListener("click", async () => {
    fillForm(form, kept.value.payload.fields);
    box.remove();
    await save();
  });
  discard.addEventListener("click", async () => {
    await store.remove(name, kept.stamp);
    box.remove();
    say(t("autosave.discarded"));
  });
}

/** Autosave one form; returns what the page calls after sending what the account kept here
 * (``afterSending``) and on reconnecting (``resend``). */
function setUp(form, storeReady) {
  const status = form.querySelector(".autosave-status");
  const name = draftName(form);
  let timer = null;
  let deviceTimer = null;
  let keptHere = false;
  let restored = false;
  let offered = false;
  let changed = false; // typed since the device copy was last written
  let lastStamp = null;
  const say = (text) => { if (status) status.textContent = text; };
  const draftOf = () => ({
    url: form.dataset.autosave,
    payload: {
      kind: form.dataset.kind,
      entry_id: form.dataset.entryId ? Number(form.dataset.entryId) : null,
      owner: ownerMarker(),
      fields: fieldsOf(form),
    },
  });

  let writing = Promise.resolve();

  /** Keep what the form holds now on the device, if it changed since the last copy; copies are
   * written one after another, so an older one never lands over a newer one. */
  function keepOnDevice() {
    writing = writing.then(async () => {
      if (!changed) return;
      const store = await storeReady;
      if (!store) return;
      changed = false;
      try {
        lastStamp = await store.put(name, { ...draftOf(), state: "pending", at: new Date().toISOString() });
        keptHere = true;
      } catch {
        changed = true;
      }
    });
    return writing;
  }

  async function save() {
    const draft = draftOf();
    // An older copy being sent from the device must not arrive after this newer text.
    await sending;
    const [result, store] = await Promise.all([send(draft), storeReady]);
    const unchanged = JSON.stringify(fieldsOf(form)) === JSON.stringify(draft.payload.fields);
    if (result.outcome === "saved") {
      // The journal has this text: the device copy goes, unless newer text was typed meanwhile.
      if (unchanged) {
        await store?.remove(name, lastStamp ?? undefined);
        keptHere = false;
      }
      say(t("autosave.saved", { time: time() }));
    } else if (result.outcome === "refused") {
      // The text is still in the form and the reason is on screen: an older copy is not worth keeping.
      await store?.remove(name);
      keptHere = false;
      say(t("autosave.notSaved", { reason: reasonText(result.reason) }));
    } else {
      try {
        if (!store) throw new Error("no device store");
        lastStamp = await store.put(name, { ...draft, state: "pending", at: new Date().toISOString() });
        keptHere = true;
        say(KEPT(result.why));
      } catch {
        say(NOT_KEPT(result.why));
      }
    }
  }

  form.addEventListener("input", () => {
    changed = true;
    clearTimeout(timer);
    timer = setTimeout(save, DELAY_MS);
    // The first change is kept at once; those that follow within DEVICE_DELAY_MS, at its end.
    if (deviceTimer === null) {
      keepOnDevice();
      deviceTimer = setTimeout(() => {
        deviceTimer = null;
        keepOnDevice();
      }, DEVICE_DELAY_MS);
    }
  });
  // Leaving the page (closing the tab, switching app on a phone): keep what is typed now.
  addEventListener("pagehide", keepOnDevice);
  document.addEventListener("visibilitychange", () => { if (document.visibilityState === "hidden") keepOnDevice(); });

  form.addEventListener("submit", async (event) => {
    if (form.dataset.sending === "browser") return; // sent by the browser itself, as a plain form
    event.preventDefault();
    if (form.dataset.sending === "script") return; // a second click while the first is being kept and sent
    form.dataset.sending = "script";
    try {
      await submitThroughOutbox(event.submitter);
    } finally {
      if (form.dataset.sending === "script") delete form.dataset.sending;
    }
  });

  /** Keep the form's save on the device, send it, and open what follows (see the module). */
  async function submitThroughOutbox(button) {
    clearTimeout(timer);
    await writing; // a copy being written must not land after the save has removed it
    const store = await storeReady;
    if (!store) {
      // Nothing can be kept on this device: send it as a plain form.
      form.dataset.sending = "browser";
      form.requestSubmit(button);
      return;
    }
    let item;
    try {
      item = await queue(store, form, button); // before the button is disabled: a disabled button sends no value
    } catch (error) {
      // No room left on this device (or its store failed): send the form as a plain form while there is a network.
      if (navigator.onLine !== false) {
        form.dataset.sending = "browser";
        form.requestSubmit(button);
      } else {
        say(t("autosave.noRoom", { error: error.message }));
      }
      return;
    }
    if (button) button.disabled = true;
    try {
      await store.remove(name);
      changed = false;
      keptHere = false;
      const result = await sendNow(store, item);
      if (result?.outcome === "saved") {
        location.assign(result.url);
      } else if (result?.outcome === "refused") {
        await openKept(store, item); // the journal's own page says what to change
      } else if (result?.outcome !== "conflict") {
        say(KEPT(result?.why === "login" || result?.why === "server" ? result.why : "offline"));
        location.assign(form.dataset.journal);
      }
    } finally {
      if (button) button.disabled = false;
    }
  }

  /** Put back what this device kept for the form (typed and not saved), or a save waiting in the
   * outbox that the person reopened (the address names it); returns whether it did. */
  async function restore(store) {
    // A save waiting in the outbox for this form: the one the address names (a new entry reopened
    // from the journal), or the edit of this entry that waits. Changes saved now replace it.
    const here = form.getAttribute("action") || location.pathname + location.search;
    const named = decodeURIComponent(location.hash.slice(1));
    const waitingHere = (await waitingSaves(store)).find(
      (item) => item.value.state === "waiting" && item.value.url === here
        && (form.dataset.entryId ? item.value.entryId === Number(form.dataset.entryId) : item.name === named),
    );
    if (waitingHere) {
      fillForm(form, fieldsFrom(waitingHere.value.fields));
      form.dataset.outbox = waitingHere.name;
      say(t("autosave.waitingHere"));
      return true;
    }
    const kept = await store.get(name);
    if (kept?.value.state !== "pending") return false;
    const fields = kept.value.payload.fields;
    if (JSON.stringify(fields) === JSON.stringify(fieldsOf(form))) return false;
    fillForm(form, fields);
    keptHere = true;
    say(t("autosave.restored", { when: dateTime(kept.value.at) }));
    return true;
  }

  return {
    restore: async (store) => { restored = await restore(store); },
    // The copy kept by this page is older than the form: send the form instead.
    resend: () => (keptHere ? save() : null),
    afterSending: async (store, savedNow) => {
      if (savedNow.has(name)) {
        if (!restored) say(t("autosave.savedFromDevice", { time: time() }));
        return;
      }
      const kept = await store.get(name);
      if (kept?.value.state === "refused" && restored) {
        // The text is back in the form already: say why the journal would not keep it, as when typing.
        await store.remove(name, kept.stamp);
        keptHere = false;
        say(t("autosave.notSaved", { reason: reasonText(kept.value.reason) }));
      } else if (kept?.value.state === "refused" && !offered) {
        offered = true;
        offerRefused(form, store, name, kept, say, save);
      }
    },
  };
}

async function start() {
  const storeReady = storeForThisPage();
  const forms = [...document.querySelectorAll("form[data-autosave]")].map((form) => setUp(form, storeReady));
  // Offline first: a page served from the device gets fresh form keys before a form is filled again.
  await startOffline();
  const store = await storeReady;
  if (!store) return;
  for (const form of forms) await form.restore(store);
  const sendAndTell = async () => {
    const savedNow = await sendKept(store);
    for (const form of forms) await form.afterSending(store, savedNow);
  };
  window.addEventListener("online", async () => {
    await Promise.all(forms.map((form) => form.resend()));
    await sendAndTell();
  });
  if (navigator.onLine !== false) await sendAndTell();
}

start();
