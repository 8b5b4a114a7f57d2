// Intern Journal's service worker: the app shell from install on, and the intern's own recent
// pages, encrypted, so that the journal opens and takes new text with the network off.
//
// Served by journal/offline/worker_views.py, which fills in VERSION, SHELL, SESSION_MS and OFFLINE_TEXT. Hand-written (no
// Workbox): what it does beyond a cache is its own — pages sealed per account, forgotten when the
// account leaves the browser — and it is shorter than the configuration that would do it there.
//
// - Shell (CSS, JS, icons, the offline page, the manifest): kept at install, served cache-first;
//   its addresses are versioned, so a new release is a new worker with a new shell, and the old
//   shell is deleted when the new worker takes over.
// - Pages: network first. A page the server marks X-Offline-Keep (the intern's journal, entry
//   forms, entries they wrote: journal/offline/keep.py) is sealed with AES-GCM under a random,
//   non-extractable key kept in IndexedDB for the account named by X-Device-Owner, and served from
//   there only when the network fails. Another account's page, or a page of nobody (after a
//   logout, or a session that ended), makes the worker forget every kept page and the key, so the
//   next person at the browser finds nothing to read; so does a key not confirmed by the server
//   for longer than a session lasts. A page not kept offline gives the offline page.
// - Pages ask it (postMessage) to keep their account's pages ahead of need ("warm") and to forget.

const VERSION = "__VERSION__";
const SHELL = __SHELL__;
const SESSION_MS = __SESSION_SECONDS__ * 1000;
// What it says when even the offline page is missing: "You are offline" in every language that has it,
// one a line (the same for everyone, as the offline page).
const OFFLINE_TEXT = __OFFLINE_TEXT__;
const SHELL_CACHE = `shell-${VERSION}`;
const STATIC_PREFIX = SHELL.map((url) => url.match(/^\/static\/[0-9a-f]{12}\//)?.[0]).find(Boolean) || null;
const PAGE_CACHE = "pages";
const OFFLINE_PAGE = "/offline";
const MAX_PAGES = 160; // the journal, four forms, 50 entries read and edited, and some lists
const encoder = new TextEncoder();
const decoder = new TextDecoder();

// ---------------------------------------------------------------------------------------------
// The account key: one record in IndexedDB, {owner, key (CryptoKey), confirmed (ms)}.

function database() {
  return new Promise((resolve, reject) => {
    const opening = indexedDB.open("intern-journal-offline", 1);
    opening.onupgradeneeded = () => opening.result.createObjectStore("account");
    opening.onsuccess = () => resolve(opening.result);
    opening.onerror = () => reject(opening.error);
  });
}

async function withStore(mode, action) {
  const db = await database();
  try {
    return await new Promise((resolve, reject) => {
      const transaction = db.transaction("account", mode);
      const request = action(transaction.objectStore("account"));
      transaction.oncomplete = () => resolve(request?.result);
      transaction.onerror = () => reject(transaction.error);
      transaction.onabort = () => reject(transaction.error);
    });
  } finally {
    db.close();
  }
}

const readAccount = () => withStore("readonly", (store) => store.get("current"));
const writeAccount = (account) => withStore("readwrite", (store) => store.put(account, "current"));

/** Forget the account on this browser: every page kept for it, and the key that sealed them. */
let forgotten = 0; // how many times this worker has forgotten an account: work begun before one must not keep

async function forgetAccount() {
  forgotten += 1;
  await caches.delete(PAGE_CACHE);
  await withStore("readwrite", (store) => store.delete("current"));
}

/** The account this browser keeps pages for, if it is still current (confirmed within a session). */
async function currentAccount() {
  const account = await readAccount().catch(() => undefined);
  if (!account) return null;
  if (Date.now() - account.confirmed > SESSION_MS) {
    await forgetAccount();
    return null;
  }
  return account;
}

let accountWork = Promise.resolve();

/** The server has just named the browser's account (``owner``, or "-" for nobody): keep that one's
 * key (a new one for a new account, after forgetting the last), or forget. One change at a time. */
function confirmAccount(owner) {
  const step = accountWork.then(async () => {
    const account = await readAccount().catch(() => undefined);
    if (owner === "-") {
      if (account) await forgetAccount();
      return null;
    }
    if (account && account.owner === owner) {
      account.confirmed = Date.now();
      await writeAccount(account);
      return account;
    }
    if (account) await forgetAccount();
    const key = await crypto.subtle.generateKey({ name: "AES-GCM", length: 256 }, false, ["encrypt", "decrypt"]);
    const fresh = { owner, key, confirmed: Date.now() };
    await writeAccount(fresh);
    return fresh;
  });
  accountWork = step.catch(() => null);
  return step;
}

// ---------------------------------------------------------------------------------------------
// Kept pages: the body sealed, with what is needed to serve it again in the headers.

// A kept page is shown again later: the messages flashed for the moment it was fetched are not.
const FLASHES = /<div class="flashes" role="status">[\s\S]*?<\/div>/;

/** A page's address as kept: without its fragment (which the server never sees). */
function pageKey(url) {
  const address = new URL(url);
  address.hash = "";
  return address.href;
}

async function keepPage(account, address, response, version) {
  const url = pageKey(address);
  const html = (await response.text()).replace(FLASHES, "");
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const sealed = await crypto.subtle.encrypt(
    { name: "AES-GCM", iv, additionalData: encoder.encode(`${account.owner} ${url}`) }, account.key, encoder.encode(html));
  const body = new Uint8Array(12 + sealed.byteLength);
  body.set(iv);
  body.set(new Uint8Array(sealed), 12);
  const headers = {
    "Content-Type": "application/octet-stream",
    "X-Owner": account.owner,
    "X-Kept-At": String(Date.now()),
    "X-Version": version ?? "",
    "X-CSP": response.headers.get("Content-Security-Policy") || "",
  };
  const cache = await caches.open(PAGE_CACHE);
  await cache.put(url, new Response(body, { headers }));
}

async function keptResponse(address) {
  const url = pageKey(address);
  const account = await currentAccount();
  if (!account) return null;
  const cache = await caches.open(PAGE_CACHE);
  const kept = await cache.match(url);
  if (!kept || kept.headers.get("X-Owner") !== account.owner) return null;
  const body = new Uint8Array(await kept.arrayBuffer());
  try {
    const plain = await crypto.subtle.decrypt(
      { name: "AES-GCM", iv: body.slice(0, 12), additionalData: encoder.encode(`${account.owner} ${url}`) },
      account.key, body.slice(12));
    const headers = { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store", "X-Offline-Copy": kept.headers.get("X-Kept-At") };
    if (kept.headers.get("X-CSP")) headers["Content-Security-Policy"] = kept.headers.get("X-CSP");
    // The page learns it is a copy kept on the device, and since when (static/js/offline.js says so).
    // A page kept before a release names the static files of its release: this worker keeps this one's.
    let html = decoder.decode(plain).replace("<html", `<html data-offline-copy="${kept.headers.get("X-Kept-At")}"`);
    if (STATIC_PREFIX) html = html.replace(/\/static\/[0-9a-f]{12}\//g, STATIC_PREFIX);
    return new Response(html, { status: 200, headers });
  } catch {
    return null;
  }
}

async function keptVersion(url) {
  const cache = await caches.open(PAGE_CACHE);
  return (await cache.match(pageKey(url)))?.headers.get("X-Version") ?? null;
}

/** Drop the pages kept longest ago beyond MAX_PAGES. */
async function trim() {
  const cache = await caches.open(PAGE_CACHE);
  const requests = await cache.keys();
  if (requests.length <= MAX_PAGES) return;
  const aged = [];
  for (const request of requests) {
    aged.push([Number((await cache.match(request))?.headers.get("X-Kept-At") || 0), request]);
  }
  aged.sort((a, b) => a[0] - b[0]);
  for (const [, request] of aged.slice(0, requests.length - MAX_PAGES)) await cache.delete(request);
}

/** What a page the person opened answered tells whose browser this is; keep the page if the
 * server allows it. */
async function learnFrom(requestUrl, response, version) {
  const owner = response.headers.get("X-Device-Owner");
  if (!owner) return; // the server in trouble, or not our page: nothing learnt
  const account = await confirmAccount(owner);
  if (!account) return;
  await keepIfAllowed(account, requestUrl, response, version);
}

/** Keep the page for ``account`` if the server marked it so; forget the kept copy of a page now gone. */
async function keepIfAllowed(account, requestUrl, response, version) {
  if (response.status === 404 || response.status === 410) {
    // Gone, or no longer this account's to read: its kept copy goes too.
    await (await caches.open(PAGE_CACHE)).delete(pageKey(requestUrl));
    return;
  }
  if (response.headers.get("X-Offline-Keep") !== "1" || response.status !== 200) return;
  await keepPage(account, requestUrl, response.clone(), version);
  if (response.redirected && response.url !== requestUrl) await keepPage(account, response.url, response.clone(), version);
}

// ---------------------------------------------------------------------------------------------
// Answers.

async function offlinePage() {
  const page = await caches.match(OFFLINE_PAGE, { cacheName: SHELL_CACHE });
  return page || new Response(OFFLINE_TEXT, { status: 503, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

async function navigate(event) {
  const { request } = event;
  try {
    const response = await fetch(request);
    if (request.method === "GET") event.waitUntil(learnFrom(request.url, response.clone()).then(trim).catch(() => null));
    else event.waitUntil(confirmFrom(response).catch(() => null));
    return response;
  } catch {
    if (request.method === "GET") {
      const kept = await keptResponse(request.url);
      if (kept) return kept;
    }
    return offlinePage();
  }
}

/** After a form was sent (a login, a logout), only whose browser it is now. */
async function confirmFrom(response) {
  const owner = response.headers.get("X-Device-Owner");
  if (owner) await confirmAccount(owner);
}

async function shellFile(request) {
  const cached = await caches.match(request, { cacheName: SHELL_CACHE });
  if (cached) return cached;
  return fetch(request);
}

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(SHELL_CACHE);
    await cache.addAll(SHELL.map((url) => new Request(url, { credentials: "same-origin", cache: "reload" })));
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith("shell-") && name !== SHELL_CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

self.addEventListener("fetch", (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    event.respondWith(navigate(event));
  } else if (request.method === "GET" && SHELL.includes(url.pathname)) {
    event.respondWith(shellFile(request));
  }
});

// ---------------------------------------------------------------------------------------------
// Messages from the account's pages.

/** Keep the pages a journal page lists ({url, version}) that are not kept at that version yet.
 * One at a time, stopping at the first failure (the network is gone again). */
async function warm(owner, pages, asker) {
  // Whose browser this is, as the server says now (the page that asked may have been the first
  // one, opened before this worker was there to learn it).
  const began = forgotten;
  let account;
  try {
    const asked = await fetch("/offline/session", { credentials: "same-origin", headers: { Accept: "application/json", "X-Offline-Warm": "1" } });
    const named = asked.headers.get("X-Device-Owner");
    if (!asked.ok || !named || named !== owner || forgotten !== began) return; // trouble, or not this account now
    account = await confirmAccount(named);
  } catch {
    return;
  }
  if (!account || account.owner !== owner) return;
  for (const { url, version } of pages) {
    const absolute = new URL(url, self.location.origin).href;
    // Kept already at this version, or (for a page without one, or the page that asked, just kept
    // as it was opened) kept at all: nothing to fetch.
    const kept = await keptVersion(absolute);
    if (kept !== null && (kept === version || !version || absolute === asker)) continue;
    let response;
    try {
      response = await fetch(absolute, { credentials: "same-origin", headers: { "X-Offline-Warm": "1" } });
    } catch {
      return;
    }
    // Answered for this account, and nobody has logged out since this began: a page fetched with
    // the cookie from before a logout must not bring the account back.
    if (response.headers.get("X-Device-Owner") !== owner || forgotten !== began) return;
    const still = await currentAccount();
    if (!still || still.owner !== owner) return;
    await keepIfAllowed(still, absolute, response, version);
  }
  // Entries no longer among the recent ones (older now, or moved to the trash) are not kept.
  const listed = new Set(pages.map(({ url }) => pageKey(new URL(url, self.location.origin).href)));
  const cache = await caches.open(PAGE_CACHE);
  for (const request of await cache.keys()) {
    if (new URL(request.url).pathname.startsWith("/entries/") && !listed.has(request.url)) await cache.delete(request);
  }
  await trim();
}

let warming = Promise.resolve();

self.addEventListener("message", (event) => {
  const message = event.data || {};
  if (message.type === "warm" && Array.isArray(message.pages)) {
    const asker = event.source?.url ? pageKey(event.source.url) : null;
    warming = warming.then(() => warm(message.owner, message.pages, asker)).catch(() => null);
    event.waitUntil(warming);
  } else if (message.type === "forget") {
    event.waitUntil(accountWork.then(forgetAccount).catch(() => null));
  }
});
