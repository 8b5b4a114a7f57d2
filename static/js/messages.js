// The words the page scripts show, in the page's language: the server sends them with every page
// (templates/_js_messages.html: <script type="application/json" id="js-messages">, data that the
// content-security policy allows; journal/js_messages.py lists them), and this file reads them once.
//
// Scripts call journalMessages.t(key, values): placeholders such as %(title)s are filled from
// ``values``; a message that depends on a number comes in one form per plural category of the
// language (Intl.PluralRules: one, many, other...), chosen by ``values.num``. Numbers and times are
// written as the page's language writes them.
//
// Loaded before the other scripts (a classic script, from _js_messages.html) and imported by the
// modules too (autosave.js, offline.js), so that a page kept on a device by an earlier release,
// which has neither this file's tag nor the messages, still works: in English.

"use strict";

(() => {
  if (globalThis.journalMessages) return;

  // The messages in English, for a page that came without them. Keep in step with journal/js_messages.py.
  const ENGLISH = {
    copied: "Copied",
    "portfolio.selected": "%(selected)s of %(total)s selected",
    "marks.flagged": "(flagged: %(text)s)",
    "marks.where": "%(place)s: %(reason)s",
    "device.noRoom": "this browser has no room to keep it (%(error)s)",
    "autosave.kept.offline": "Saved on this device (encrypted); it will be sent when you are back online.",
    "autosave.kept.login": "Saved on this device (encrypted); it will be sent when you are logged in again.",
    "autosave.kept.server": "Saved on this device (encrypted); it will be sent when the journal answers again.",
    "autosave.notKept.offline":
      "Not saved: you are offline, and this browser cannot keep your text safely. Keep this page open until you are back online.",
    "autosave.notKept.login":
      "Not saved: you are logged out, and this browser cannot keep your text safely. Copy your text, then log in again.",
    "autosave.notKept.server":
      "Not saved: the journal is not answering, and this browser cannot keep your text safely. Keep this page open and try again later.",
    "autosave.answered": "the journal answered %(status)s. Copy your text, then reload the page.",
    "autosave.refusedKept": "Text kept on this device could not be saved: %(reason)s",
    "autosave.putBack": "Put it back in the form",
    "autosave.discard": "Discard it",
    "autosave.discarded": "The text kept on this device was discarded.",
    "autosave.saved": "Draft saved %(time)s",
    "autosave.notSaved": "Not saved: %(reason)s",
    "autosave.noRoom":
      "Not saved: this device could not keep it (%(error)s). Keep this page open until you are back online, then save again.",
    "autosave.waitingHere": "This is waiting to be sent. Save it again to send your changes with it.",
    "autosave.restored": "What you typed here on %(when)s is back in the form, kept on this device.",
    "autosave.savedFromDevice": "Text kept on this device was saved as your draft %(time)s: reload the page to restore it.",
    "outbox.refused.identifiers": "it may contain patient identifiers. Open it to choose what to do.",
    "outbox.refused.gone": "its entry is gone or no longer yours to edit. Open it to copy your text.",
    "outbox.refused.fields": "some fields need changing. Open it to see which.",
    "outbox.refused.conflict": "a newer version was saved elsewhere. Open it to compare the two.",
    "outbox.cannotOpen": "“%(title)s” cannot be opened now: it is kept on this device until the journal answers.",
    "outbox.untitled": "Untitled",
    "outbox.sending": { one: "Sending %(num)s entry…", other: "Sending %(num)s entries…" },
    "outbox.conflict": "An edit meets a newer version of its entry: opening both to compare.",
    "outbox.sent": { one: "Sent: %(num)s entry saved in your journal.", other: "Sent: %(num)s entries saved in your journal." },
    "outbox.openLast": "Open the last one",
    "outbox.couldNotSend": "Could not send “%(title)s”: %(reason)s",
    "outbox.openIt": "Open it",
    "outbox.waiting.offline": {
      one: "Offline — %(num)s entry waiting, it will be sent when you are back online.",
      other: "Offline — %(num)s entries waiting, they will be sent when you are back online.",
    },
    "outbox.waiting.server": {
      one: "%(num)s entry waiting, the journal is not answering; it will be sent when it does.",
      other: "%(num)s entries waiting, the journal is not answering; they will be sent when it does.",
    },
    "outbox.waiting.login": {
      one: "%(num)s entry waiting, log in again to send it.",
      other: "%(num)s entries waiting, log in again to send them.",
    },
    "outbox.waiting.account": {
      one: "%(num)s entry waiting, it belongs to the account that wrote it: log in as that account to send it.",
      other: "%(num)s entries waiting, they belong to the account that wrote them: log in as that account to send them.",
    },
    "outbox.offlineCopy":
      "Offline — this is the copy of this page kept on this device at %(when)s. What you save is kept here and sent when you are back online.",
    "outbox.offline": "Offline — what you save is kept on this device and sent when you are back online.",
    "outbox.badge.refused": "could not be sent",
    "outbox.badge.waiting": "waiting to be sent",
    "outbox.keptEdit": "edit kept on this device %(when)s",
    "outbox.keptNew": "new entry kept on this device %(when)s",
    "outbox.forEntry": ": %(title)s",
    "outbox.journalSaid": "The journal said: %(reason)s",
    "outbox.openToChange": "Open it to change it",
    "outbox.stillLoggedIn": "You are offline, so you are still logged in: log out once you are back online.",
  };

  const lang = document.documentElement.lang || "en";
  const numbers = new Intl.NumberFormat(lang);
  let sent = null;

  /** The messages the page came with (read once), or null. */
  function fromPage() {
    if (sent === null) {
      const data = document.getElementById("js-messages");
      try {
        sent = data ? JSON.parse(data.textContent) : {};
      } catch {
        sent = {};
      }
    }
    return sent;
  }

  /** The form of ``message`` for the number ``num``, by the plural rules of ``language``. */
  function form(message, num, language) {
    if (typeof message === "string") return message;
    const category = new Intl.PluralRules(language).select(Number(num ?? 0));
    return message[category] ?? message.other ?? Object.values(message)[0] ?? "";
  }

  /** ``text`` with its %(name)s placeholders filled from ``values`` (numbers as the language writes them). */
  function fill(text, values) {
    return text.replace(/%\((\w+)\)[sd]|%%/g, (whole, name) => {
      if (whole === "%%") return "%";
      if (!(name in values)) return whole;
      const value = values[name];
      return typeof value === "number" ? numbers.format(value) : String(value);
    });
  }

  /** The message ``key`` in the page's language (English when the page has none), filled from ``values``. */
  function t(key, values = {}) {
    const own = fromPage()[key];
    const message = own === undefined ? form(ENGLISH[key] ?? key, values.num, "en") : form(own, values.num, lang);
    return fill(message, values);
  }

  /** A reason kept for later: the journal's own words (a string), or a message {key, values}. */
  function reason(kept) {
    return typeof kept === "string" ? kept : t(kept?.key ?? "", kept?.values);
  }

  /** A time of day (now, or ``when``: a Date or milliseconds), as the page's language writes it. */
  const time = (when = new Date()) => new Date(when).toLocaleTimeString(lang, { hour: "2-digit", minute: "2-digit" });

  /** A date and time, as the page's language writes it. */
  const dateTime = (when) => new Date(when).toLocaleString(lang, { dateStyle: "medium", timeStyle: "short" });

  globalThis.journalMessages = Object.freeze({ t, reason, time, dateTime, lang });
})();
