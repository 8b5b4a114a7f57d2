// Offline-first writing, the page's side: the service worker, entries waiting to be sent, and the
// status in words (progressive enhancement: without it, forms are sent as plain forms).
//
// - Registers /service-worker.js and, on the journal page, asks it to keep the pages the journal
//   lists (#offline-pages: its entry forms and recent entries) for this account.
// - Saving an entry form (new or edit) always goes through the **outbox**: the form's fields are
//   sealed in the device store (device-store.js: this account only) before anything is sent, then
//   sent with the script's own request. What was sent and answered is removed; what could not be
//   sent (offline, logged out, the server down) waits, shown in the journal as "waiting to be
//   sent", and is sent in order when the network comes back or on the account's next page. Each
//   is sent exactly once: new entries carry their form's idempotency key, and an edit sent again
//   after a lost answer is recognised by its base version (journal.entries.services.save_entry).
// - An edit that meets a newer version on the server opens the side-by-side conflict page; a save
//   the journal refused (fields to fix, suspected identifiers) is offered back in its form.

import "./messages.js";
import { storeForThisPage, toBase64url } from "./device-store.js";

// The words, in the page's language (messages.js).
const { t, reason: reasonText, dateTime: when } = globalThis.journalMessages;

const OUTBOX = "outbox:";
const WARM_AFTER_MS = 2000;
const SAID = "intern-journal:offline-said"; // how many were sent, to say after reloading the journal (this tab only)
const status = () => document.getElementById("offline-status");
const ownerMarker = () => document.querySelector('meta[name="device-owner"]')?.content || "";
const titled = (item) => item.value.title || t("outbox.untitled");

/** Say something in the status line (a polite live region), with optional buttons. */
function say(text, actions = []) {
  const box = status();
  if (!box) return;
  box.replaceChildren();
  if (!text && !actions.length) return; // nothing to say: the line stays empty, and so hidden
  const line = document.createElement("span");
  line.textContent = text;
  box.append(line);
  for (const [label, act] of actions) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "link-button";
    button.textContent = label;
    button.addEventListener("click", act);
    box.append(" ", button);
  }
}

const newKey = () => toBase64url(crypto.getRandomValues(new Uint8Array(32)));

/** Form fields as a draft holds them: one value per name, the ethics principles as a list; never
 * the form's token, never a file. ``pairs``: a FormData, or the [name, value] pairs a save keeps. */
export function fieldsFrom(pairs) {
  const fields = {};
  for (const [name, value] of pairs) {
    if (name === "csrf_token" || value instanceof File) continue;
    if (name === "principles") (fields[name] ||= []).push(value);
    else fields[name] = value;
  }
  return fields;
}

// ---------------------------------------------------------------------------------------------
// The outbox.

/** Everything waiting in this account's outbox, oldest first: [{name, value, stamp}]. */
export async function waiting(store) {
  const all = (await store.entries()).filter((item) => item.name.startsWith(OUTBOX));
  return all.sort((a, b) => a.value.seq - b.value.seq);
}

/** Seal a form's fields in the outbox (replacing what the same form put there before); returns the item's name. */
export async function queue(store, form, submitter) {
  const fields = [...new FormData(form, submitter)].filter(([, value]) => !(value instanceof File));
  const title = fields.find(([name]) => name === "title")?.[1] || "";
  const name = form.dataset.outbox || `${OUTBOX}${Date.now()}-${newKey().slice(0, 8)}`;
  const kept = await store.get(name);
  const value = {
    url: form.getAttribute("action") || location.pathname + location.search,
    fields,
    title,
    kind: form.dataset.kind,
    entryId: form.dataset.entryId ? Number(form.dataset.entryId) : null,
    journal: form.dataset.journal,
    drafts: form.dataset.autosave,
    seq: kept?.value.seq ?? Date.now(),
    queuedAt: Date.now(),
    state: "waiting",
  };
  await store.put(name, value);
  form.dataset.outbox = name;
  return name;
}

/** Ask the journal (same-origin ``fetch``): {response, answer}, where ``answer`` is the JSON it
 * sent or null (error pages, a proxy's or the app's own with its database down, are HTML: never
 * trusted), or {unanswered: why} when no answer came: "offline", or "server" (a network with no
 * journal at the end of it). */
export async function ask(url, init) {
  let response;
  try {
    response = await fetch(url, { credentials: "same-origin", ...init });
  } catch {
    return { unanswered: navigator.onLine === false ? "offline" : "server" };
  }
  const isJson = (response.headers.get("Content-Type") || "").includes("application/json");
  return { response, answer: isJson ? await response.json().catch(() => null) : null };
}

/** A fresh form token for this account's session, or why there is none: {token} or {why}. */
async function session() {
  const { response, answer, unanswered } = await ask("/offline/session", { headers: { Accept: "application/json" } });
  if (unanswered) return { why: unanswered };
  if (response.status === 401) return { why: "login" };
  if (!response.ok || !answer) return { why: "server" };
  if (answer.owner !== ownerMarker()) return { why: "account" };
  return { token: answer.csrf_token };
}

/** Send one item: {outcome: saved|conflict|refused|retry, url?, reason?, why?}. ``foreground``:
 * the person is waiting for this save, and the page it opens shows the journal's message. */
async function send(item, token, foreground) {
  const body = new URLSearchParams();
  for (const [name, value] of item.fields) if (name !== "csrf_token") body.append(name, value);
  body.append("csrf_token", token);
  const { response, answer, unanswered } = await ask(item.url, {
    method: "POST",
    headers: { Accept: "application/json", "X-Requested-With": foreground ? "outbox" : "outbox-queued" },
    body,
  });
  if (unanswered) return { outcome: "retry", why: unanswered };
  if (response.ok && answer?.saved) return { outcome: "saved", url: answer.url };
  if (response.status === 409) return { outcome: "conflict" };
  if (response.status === 401 || answer?.retry === true) return { outcome: "retry", why: "login" };
  if (response.status >= 500 || response.status === 429) return { outcome: "retry", why: "server" };
  // The reason is kept with the item (the journal's words, or a message looked up when shown).
  if (response.status === 422) return { outcome: "refused", reason: { key: "outbox.refused.identifiers" } };
  if (response.status === 404) return { outcome: "refused", reason: { key: "outbox.refused.gone" } };
  return { outcome: "refused", reason: answer?.error || { key: "outbox.refused.fields" } };
}

/** The kept save as the form's draft on the server: its text is safe there whatever happens next. */
async function keepAsDraft(item, token) {
  const { response } = await ask(item.value.drafts, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-CSRFToken": token },
    body: JSON.stringify({ kind: item.value.kind, entry_id: item.value.entryId, owner: ownerMarker(), fields: fieldsFrom(item.value.fields) }),
  });
  return response?.ok === true;
}

/** Open a kept save as the journal's own page for it (a plain form sent by the browser): the
 * conflict page, or the form with what to fix. Its text is first saved as the form's draft on the
 * server, so that it leaves the device only once the journal holds it; without a network (or a
 * session) nothing happens but a message, and it waits. */
async function open(store, item, token) {
  token ||= (await session()).token; // a page kept on the device holds an old form token
  if (!token || !item.value.drafts || !(await keepAsDraft(item, token))) {
    say(t("outbox.cannotOpen", { title: titled(item) }));
    return;
  }
  const form = document.createElement("form");
  form.method = "post";
  form.action = item.value.url;
  form.hidden = true;
  for (const [name, value] of [...item.value.fields.filter(([field]) => field !== "csrf_token"), ["csrf_token", token]]) {
    const input = document.createElement("input");
    input.type = "hidden";
    input.name = name;
    input.value = value;
    form.append(input);
  }
  document.body.append(form);
  await store.remove(item.name, item.stamp);
  form.submit();
}

let sending = null;

/** Send what waits, in order, one run at a time; then say how it went. Returns what became of
 * each item sent, by name. Stops at the first save that may succeed later, so that no later save
 * overtakes it. An edit that met a newer version opens the conflict page once the run is over. */
export function sendWaiting(store, foreground = null) {
  // One run at a time in this page, and (where the browser has Web Locks) across its tabs, so that
  // two tabs coming back online together send each entry once and in order.
  const run = () => sendRun(store, foreground);
  sending ||= (navigator.locks ? navigator.locks.request("intern-journal-outbox", run) : run())
    .finally(() => { sending = null; });
  return sending;
}

/** Whether this page has an entry form (someone may be writing in it). */
const typing = () => document.querySelector("form[data-autosave]") !== null;

/** One run of sending: see sendWaiting. */
async function sendRun(store, foreground) {
  const results = new Map();
  const items = (await waiting(store)).filter((item) => item.value.state === "waiting");
  if (!items.length) {
    await tell(store);
    return results;
  }
  if (navigator.onLine === false) {
    await tell(store, "offline");
    return results;
  }
  say(t("outbox.sending", { num: items.length }));
  const state = await session();
  if (!state.token) {
    await tell(store, state.why);
    return results;
  }
  let sent = 0;
  let conflict = null;
  let lastUrl = null;
  for (const item of items) {
    const result = await send(item.value, state.token, item.name === foreground);
    results.set(item.name, result);
    if (result.outcome === "retry") {
      await tell(store, result.why);
      return results;
    }
    if (result.outcome === "saved") {
      await store.remove(item.name, item.stamp);
      sent += 1;
      lastUrl = result.url;
    } else if (result.outcome === "conflict" && !conflict && (item.name === foreground || !typing())) {
      conflict = item;
    } else if (result.outcome === "conflict") {
      const reason = { key: "outbox.refused.conflict" };
      await store.put(item.name, { ...item.value, state: "refused", reason }, item.stamp);
    } else {
      await store.put(item.name, { ...item.value, state: "refused", reason: result.reason }, item.stamp);
    }
  }
  if (conflict) {
    // Both versions side by side, nothing overwritten: the journal's own page (on a page with a
    // form being written in, it is offered instead, so that nothing typed there is left behind).
    say(t("outbox.conflict"));
    await open(store, conflict, state.token);
    return results;
  }
  await tell(store);
  if (sent && !(await waiting(store)).length && !results.has(foreground)) {
    if (document.getElementById("outbox-list")) {
      // The journal's list was drawn before they arrived: draw it again, and say it there.
      sessionStorage.setItem(SAID, String(sent));
      location.reload();
    } else {
      say(t("outbox.sent", { num: sent }), lastUrl ? [[t("outbox.openLast"), () => location.assign(lastUrl)]] : []);
    }
  }
  return results;
}

/** Send the outbox until the item ``name`` has had its turn (a run already under way may have
 * started before it was queued); returns what became of it, or null when it could not be tried. */
export async function sendNow(store, name) {
  let results = await sendWaiting(store, name);
  if (!results.has(name) && (await store.get(name))?.value.state === "waiting") results = await sendWaiting(store, name);
  return results.get(name) || null;
}

/** Open the kept save ``name`` as the journal's page for it (the form with what to fix). */
export async function openKept(store, name) {
  const kept = await store.get(name);
  if (kept) await open(store, { name, ...kept });
}

/** Say what waits in the outbox and why; list it on the journal page. */
async function tell(store, why) {
  const items = await waiting(store);
  showList(store, items);
  const refused = items.filter((item) => item.value.state === "refused");
  const held = items.length - refused.length;
  if (refused.length) {
    const first = refused[0];
    const why = reasonText(first.value.reason);
    say(t("outbox.couldNotSend", { title: titled(first), reason: why }), [[t("outbox.openIt"), () => open(store, first)]]);
    return;
  }
  const reason = why || (navigator.onLine === false ? "offline" : null);
  if (held) {
    // Why they wait: offline, server, login or account.
    say(t(`outbox.waiting.${reason || "server"}`, { num: held }));
  } else if (reason === "offline") {
    const copy = document.documentElement.dataset.offlineCopy;
    say(copy ? t("outbox.offlineCopy", { when: when(Number(copy)) }) : t("outbox.offline"));
  } else {
    say("");
  }
}

/** On the journal page, list this journal's waiting entries above the others. */
function showList(store, items) {
  const section = document.getElementById("outbox-list");
  if (!section) return;
  const list = section.querySelector("ul");
  const mine = items.filter((item) => item.value.journal === section.dataset.journal);
  list.replaceChildren();
  for (const item of mine) {
    const row = document.createElement("li");
    row.className = "card entry-row outbox-row";
    const head = document.createElement("h3");
    head.textContent = titled(item);
    const line = document.createElement("p");
    line.className = "muted";
    const badge = document.createElement("span");
    badge.className = `badge ${item.value.state === "refused" ? "badge-warning" : "badge-waiting"}`;
    badge.textContent = t(item.value.state === "refused" ? "outbox.badge.refused" : "outbox.badge.waiting");
    const kept = t(item.value.entryId ? "outbox.keptEdit" : "outbox.keptNew", { when: when(item.value.queuedAt) });
    line.append(badge, ` · ${kept}`);
    row.append(head, line);
    const named = (label) => {
      // Several rows have the same control: a screen reader hears which entry each one is for.
      const hidden = document.createElement("span");
      hidden.className = "visually-hidden";
      hidden.textContent = t("outbox.forEntry", { title: titled(item) });
      return [label, hidden];
    };
    if (item.value.state === "refused") {
      const reason = document.createElement("p");
      reason.textContent = t("outbox.journalSaid", { reason: reasonText(item.value.reason) });
      const button = document.createElement("button");
      button.type = "button";
      button.className = "button small";
      button.append(...named(t("outbox.openIt")));
      button.addEventListener("click", () => open(store, item));
      row.append(reason, button);
    } else {
      // Reopen it in its form (kept on the device too): changes replace what waits.
      const link = document.createElement("a");
      link.href = `${item.value.url}#${encodeURIComponent(item.name)}`;
      link.append(...named(t("outbox.openToChange")));
      row.append(link);
    }
    list.append(row);
  }
  section.hidden = mine.length === 0;
}

// ---------------------------------------------------------------------------------------------
// The service worker.

function startWorker() {
  if (!("serviceWorker" in navigator)) return;
  navigator.serviceWorker.register("/service-worker.js").catch(() => null);
  const listed = document.getElementById("offline-pages");
  if (!listed || document.documentElement.dataset.offlineCopy) return;
  const pages = JSON.parse(listed.textContent);
  const ask = (registration) => registration.active?.postMessage({ type: "warm", owner: ownerMarker(), pages });
  navigator.serviceWorker.ready.then(async (registration) => {
    // Nothing kept yet (the first visit on this device): at once, the network may go any moment.
    // Otherwise, to bring the copies up to date, once the page has had the network to itself for
    // a moment (on one bar of signal its own loads come first), if it is still being looked at.
    const form = new URL(pages.find((page) => page.url.includes("/new"))?.url ?? "/", location.href).href;
    if (!(await caches.match(form, { cacheName: "pages" }).catch(() => null))) {
      ask(registration);
      return;
    }
    setTimeout(() => { if (document.visibilityState === "visible") ask(registration); }, WARM_AFTER_MS);
  });
}

// The log-out button: the worker forgets this account's pages (the next page, of nobody, says so too).
// Offline, logging out cannot reach the journal: say so, rather than leave the session open unseen.
document.addEventListener("submit", (event) => {
  if (!event.target.matches?.("form[data-logout]")) return;
  if (navigator.onLine === false) {
    event.preventDefault();
    say(t("outbox.stillLoggedIn"));
    return;
  }
  navigator.serviceWorker?.controller?.postMessage({ type: "forget" });
});

export async function start() {
  startWorker();
  const store = await storeForThisPage();
  if (!store) return null;
  // A page served from the device has the form key it had when kept: a new entry needs its own.
  if (document.documentElement.dataset.offlineCopy) {
    for (const input of document.querySelectorAll('form[data-autosave] input[name="idempotency_key"]')) input.value = newKey();
    // ...and the day it was kept is not today: a new entry happens today unless the intern says otherwise.
    const now = new Date();
    const today = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}-${String(now.getDate()).padStart(2, "0")}`;
    for (const input of document.querySelectorAll('form[data-autosave]:not([data-entry-id]) input[name="occurred_on"]')) input.value = today;
  }
  window.addEventListener("online", () => sendWaiting(store));
  window.addEventListener("offline", () => tell(store, "offline"));
  if (navigator.onLine === false) await tell(store, "offline");
  const said = Number(sessionStorage.getItem(SAID));
  sessionStorage.removeItem(SAID);
  sendWaiting(store).then(() => { if (said > 0) say(t("outbox.sent", { num: said })); });
  return store;
}

export { OUTBOX };
