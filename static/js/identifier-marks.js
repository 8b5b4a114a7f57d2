// Suspected identifiers marked in the entry form as it is typed (progressive enhancement: without
// this file the page still lists them under the text, as the server found them when it was sent).
//
// A moment after typing stops, the form's text goes to the journal's check (entries/check_views.py,
// which keeps and logs nothing) and the list under the text follows its answer. The words are also
// marked in the text itself, by a copy of it drawn behind the text box (its letters invisible, its
// marks visible through the box). Choosing a listed one selects its words in their field.

"use strict";

const DELAY_MS = 700;
const RECHECK_MS = 2000;
const FIELDS = ["title", "body", "specialty", "tags"];

const csrfToken = () => document.querySelector('meta[name="csrf-token"]')?.content || "";
// The words, in the page's language (messages.js); the reasons and places come in it from the journal.
const t = (key, values) => globalThis.journalMessages.t(key, values);
const capitalised = (text) => `${text.charAt(0).toLocaleUpperCase(globalThis.journalMessages.lang)}${text.slice(1)}`;

/** The marks the page was sent with: what the server found in the text it rendered. */
function marksOnPage(list) {
  return [...list.querySelectorAll("a.mark-link")].map((link) => ({
    field: link.dataset.field,
    start: Number(link.dataset.start),
    end: Number(link.dataset.end),
    text: link.querySelector("mark")?.textContent || "",
  }));
}

/** The words a mark names are still where it says in the field (the text may have changed since). */
function stillThere(form, mark) {
  const field = form.elements.namedItem(mark.field);
  return Boolean(field) && field.value.slice(mark.start, mark.end) === mark.text;
}

/** One item of the list, built as the server builds it. */
function listItem(mark) {
  const item = document.createElement("li");
  const link = document.createElement("a");
  link.className = "mark-link";
  link.href = `#${mark.field}`;
  Object.assign(link.dataset, { field: mark.field, start: mark.start, end: mark.end });
  const excerpt = document.createElement("span");
  excerpt.className = "excerpt";
  const marked = document.createElement("mark");
  marked.textContent = mark.text;
  excerpt.append(mark.before, marked, mark.after);
  const spoken = document.createElement("span");
  spoken.className = "visually-hidden";
  spoken.textContent = ` ${t("marks.flagged", { text: mark.text })}`;
  link.append(excerpt, spoken);
  const reason = document.createElement("span");
  reason.className = "mark-reason";
  reason.textContent = mark.place ? t("marks.where", { place: capitalised(mark.place), reason: mark.reason }) : mark.reason;
  item.append(link, " ", reason);
  return item;
}

/** A copy of the text box drawn behind it, whose marks show through the box's clear background. */
function behind(textarea) {
  const wrap = document.createElement("div");
  wrap.className = "mark-mirror-wrap";
  const mirror = document.createElement("div");
  mirror.className = "mark-mirror";
  mirror.setAttribute("aria-hidden", "true");
  textarea.before(wrap);
  wrap.append(mirror, textarea);
  textarea.classList.add("has-mirror");
  const copied = ["fontFamily", "fontSize", "fontWeight", "fontStyle", "letterSpacing", "lineHeight", "wordSpacing",
    "tabSize", "textIndent", "paddingTop", "paddingRight", "paddingBottom", "paddingLeft"];
  const fit = () => {
    const style = getComputedStyle(textarea);
    for (const name of copied) mirror.style[name] = style[name];
    mirror.style.top = `${textarea.offsetTop + textarea.clientTop}px`;
    mirror.style.left = `${textarea.offsetLeft + textarea.clientLeft}px`;
    mirror.style.width = `${textarea.clientWidth}px`;
    mirror.style.height = `${textarea.clientHeight}px`;
    mirror.scrollTop = textarea.scrollTop;
  };
  textarea.addEventListener("scroll", () => { mirror.scrollTop = textarea.scrollTop; });
  if (window.ResizeObserver) new ResizeObserver(fit).observe(textarea);
  fit();
  /** Draw the text again with these marks (those of the body whose words are still there). */
  return (marks) => {
    const text = textarea.value;
    const parts = [];
    let at = 0;
    for (const mark of [...marks].sort((a, b) => a.start - b.start)) {
      if (mark.start < at) continue;
      const marked = document.createElement("mark");
      marked.textContent = text.slice(mark.start, mark.end);
      parts.push(text.slice(at, mark.start), marked);
      at = mark.end;
    }
    // A final line end needs something after it to take its height, as it does in the text box.
    parts.push(`${text.slice(at)} `);
    mirror.replaceChildren(...parts);
    fit();
  };
}

function setUp(section) {
  const form = section.closest("form");
  const list = section.querySelector(".identifier-marks-list");
  const status = section.querySelector(".identifier-marks-summary");
  const body = form?.elements.namedItem("body");
  if (!form || !list || !status) return;
  const draw = body instanceof HTMLTextAreaElement ? behind(body) : () => {};
  let marks = marksOnPage(list);
  let sent = 0;
  let timer = null;

  const redraw = () => draw(marks.filter((mark) => mark.field === "body" && stillThere(form, mark)));

  const show = (answer) => {
    marks = answer.marks;
    list.replaceChildren(...marks.map(listItem));
    // Said again only when it changed, so a screen reader hears of new marks, not every pause in typing.
    if (typeof answer.summary === "string" && status.textContent !== answer.summary) status.textContent = answer.summary;
    redraw();
  };

  const typed = () => {
    const fields = {};
    for (const name of FIELDS) {
      const field = form.elements.namedItem(name);
      if (field && "value" in field) fields[name] = field.value;
    }
    return fields;
  };
  let checked = JSON.stringify(typed());

  const check = async () => {
    const number = ++sent;
    const fields = typed();
    checked = JSON.stringify(fields);
    const entryId = form.dataset.entryId ? Number(form.dataset.entryId) : null;
    let answer = null;
    try {
      const response = await fetch(section.dataset.checkUrl, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken() },
        body: JSON.stringify({ entry_id: entryId, fields }),
      });
      const isJson = (response.headers.get("Content-Type") || "").includes("application/json");
      if (response.ok && isJson) answer = await response.json();
    } catch {
      // Offline, or the journal is not answering: the marks stay as they were until the next check.
    }
    // Only the answer to the latest text counts; an older one arriving late is dropped.
    if (number === sent && Array.isArray(answer?.marks)) show(answer);
  };

  form.addEventListener("input", (event) => {
    if (!FIELDS.includes(event.target.name)) return;
    redraw();
    clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      check();
    }, DELAY_MS);
  });

  // Text put in the fields by a script (a draft restored from this device) sends no input event:
  // a look now and then finds it, and has it checked.
  setInterval(() => {
    if (timer === null && JSON.stringify(typed()) !== checked) {
      redraw();
      check();
    }
  }, RECHECK_MS);

  list.addEventListener("click", (event) => {
    const link = event.target.closest("a.mark-link");
    if (!link) return;
    const field = form.elements.namedItem(link.dataset.field);
    if (!field || typeof field.setSelectionRange !== "function") return;
    event.preventDefault();
    field.scrollIntoView({ block: "center" });
    field.focus();
    field.setSelectionRange(Number(link.dataset.start), Number(link.dataset.end));
  });

  redraw();
}

document.addEventListener("DOMContentLoaded", () => {
  for (const section of document.querySelectorAll("section.identifier-marks[data-check-url]")) setUp(section);
});
