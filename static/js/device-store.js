// The device store: what this browser keeps for one account, readable only by that account's pages.
//
// A browser is often shared. A logged-in page carries its account's owner marker and device key
// (<meta name="device-owner"> and <meta name="device-key">, journal/device_keys.py); the page after
// logout carries neither. Every value is sealed with AES-GCM under a key derived from the device
// key, with a fresh random 96-bit IV per write, and kept in localStorage under the owner's prefix.
// Slot names are keyed hashes of the names, so the next person at the machine, developer tools
// and all, finds only ciphertext: not the text, not even which entry it belongs to. A store reads
// and lists only its own owner's slots, so accounts never share what they keep.
//
// Used by autosave.js for drafts that could not be sent; meant for anything else a page keeps
// for later (entries waiting to be sent).

import "./messages.js";

const PREFIX = "intern-journal:device:";
const VERSION = 1;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Something could not be kept or read: no Web Crypto here, no room, or not this key's. */
export class DeviceStoreError extends Error {
  name = "DeviceStoreError";
}

/** Bytes as base64url text without padding. */
export function toBase64url(bytes) {
  let binary = "";
  for (const byte of new Uint8Array(bytes)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64url(text) {
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

class DeviceStore {
  constructor(owner, sealing, naming) {
    this.owner = owner;
    this.sealing = sealing;
    this.naming = naming;
    this.prefix = `${PREFIX}${owner}:`;
  }

  /** The localStorage key of ``name``: the owner's prefix and a keyed hash of the name. */
  async slotOf(name) {
    const digest = await crypto.subtle.sign("HMAC", this.naming, encoder.encode(name));
    return this.prefix + toBase64url(digest.slice(0, 16));
  }

  /** ``name`` and ``value`` as a record to keep: {v, iv, data}, the name sealed in with the value. */
  async seal(name, value) {
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const plain = encoder.encode(JSON.stringify({ name, value }));
    const sealed = await crypto.subtle.encrypt(
      { name: "AES-GCM", iv, additionalData: encoder.encode(this.owner) }, this.sealing, plain);
    return JSON.stringify({ v: VERSION, iv: toBase64url(iv), data: toBase64url(sealed) });
  }

  /** The {name, value} a record holds; throws DeviceStoreError unless this store's key sealed it. */
  async unseal(record) {
    try {
      const { v, iv, data } = JSON.parse(record);
      if (v !== VERSION) throw new Error(`unknown version ${v}`);
      const plain = await crypto.subtle.decrypt(
        { name: "AES-GCM", iv: fromBase64url(iv), additionalData: encoder.encode(this.owner) },
        this.sealing, fromBase64url(data));
      return JSON.parse(decoder.decode(plain));
    } catch (error) {
      throw new DeviceStoreError(`not readable with this account's key (${error.name})`);
    }
  }

  /** Keep ``value`` (anything JSON can hold) under ``name``; returns the new record's stamp.
   * With ``ifStamp``, write only if the record kept now has that stamp (null: none is kept),
   * and return null otherwise. Throws DeviceStoreError when the browser has no room. */
  async put(name, value, ifStamp) {
    const slot = await this.slotOf(name);
    const record = await this.seal(name, value);
    if (ifStamp !== undefined && stampOf(localStorage.getItem(slot)) !== ifStamp) return null;
    try {
      localStorage.setItem(slot, record);
    } catch (error) {
      // Shown to the person (autosave.js), in the page's language (messages.js).
      throw new DeviceStoreError(globalThis.journalMessages.t("device.noRoom", { error: error.name }));
    }
    return stampOf(record);
  }

  /** {value, stamp} kept under ``name``, or null (nothing kept, or nothing this key can read). */
  async get(name) {
    const record = localStorage.getItem(await this.slotOf(name));
    if (record === null) return null;
    try {
      const kept = await this.unseal(record);
      return kept.name === name ? { value: kept.value, stamp: stampOf(record) } : null;
    } catch {
      return null;
    }
  }

  /** Forget ``name``; with ``ifStamp``, only if what is kept is still that record (not a newer one). */
  async remove(name, ifStamp) {
    const slot = await this.slotOf(name);
    if (ifStamp === undefined || stampOf(localStorage.getItem(slot)) === ifStamp) localStorage.removeItem(slot);
  }

  /** Everything this owner keeps here that this key can read: [{name, value, stamp}]. */
  async entries() {
    const slots = [];
    for (let i = 0; i < localStorage.length; i += 1) {
      const slot = localStorage.key(i);
      if (slot?.startsWith(this.prefix)) slots.push(slot);
    }
    const found = [];
    for (const slot of slots) {
      const record = localStorage.getItem(slot);
      if (record === null) continue;
      try {
        const { name, value } = await this.unseal(record);
        found.push({ name, value, stamp: stampOf(record) });
      } catch {
        // Sealed under another key (one this account no longer has): never readable, so never shown.
      }
    }
    return found;
  }
}

/** The stamp of a kept record (its IV, unique per write), or null for none. */
function stampOf(record) {
  if (record === null) return null;
  try {
    return JSON.parse(record).iv ?? null;
  } catch {
    return null;
  }
}

/** The store of ``owner`` under the device key ``keyText`` (base64url, 32 bytes).
 * Throws DeviceStoreError where the browser offers no Web Crypto (pages not served over HTTPS). */
export async function openStore(owner, keyText) {
  if (!owner || !keyText) throw new DeviceStoreError("no account key on this page");
  if (!globalThis.crypto?.subtle || !globalThis.localStorage) {
    throw new DeviceStoreError("this browser cannot encrypt here");
  }
  const material = await crypto.subtle.importKey("raw", fromBase64url(keyText), "HKDF", false, ["deriveKey"]);
  const derive = (purpose, algorithm, usages) => crypto.subtle.deriveKey(
    { name: "HKDF", hash: "SHA-256", salt: encoder.encode(owner), info: encoder.encode(`intern-journal device store: ${purpose}`) },
    material, algorithm, false, usages);
  const sealing = await derive("seal", { name: "AES-GCM", length: 256 }, ["encrypt", "decrypt"]);
  const naming = await derive("slot names", { name: "HMAC", hash: "SHA-256", length: 256 }, ["sign"]);
  return new DeviceStore(owner, sealing, naming);
}

let thisPage = null;

// A page brought back by the back button after a logout would still hold its account's keys:
// load it again instead, so the server decides what the browser gets now (no-store pages are
// rarely kept for the back button, but browsers differ).
addEventListener("pageshow", (event) => {
  if (event.persisted && thisPage !== null) location.reload();
});

/** The store of the account this page belongs to, or null (nobody logged in, or no Web Crypto).
 * The key leaves the page's markup once read: from then on it exists only as non-extractable keys. */
export function storeForThisPage() {
  if (thisPage === null) {
    const owner = document.querySelector('meta[name="device-owner"]')?.content;
    const keyMeta = document.querySelector('meta[name="device-key"]');
    const keyText = keyMeta?.content;
    keyMeta?.remove();
    thisPage = openStore(owner, keyText).catch(() => null);
  }
  return thisPage;
}
