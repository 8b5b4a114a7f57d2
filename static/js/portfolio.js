// Progressive enhancement for portfolios: selection shortcuts and the export's progress bar.
// Without JavaScript the checkboxes work one by one and the export page has a Refresh link.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  const { t, lang } = globalThis.journalMessages; // the words, in the page's language (messages.js)
  const tools = document.querySelector(".select-tools");
  if (tools) {
    const boxes = [...document.querySelectorAll(".portfolio-choose input[name=entries]")];
    const count = tools.querySelector("[data-selected-count]");
    const update = () => {
      const n = boxes.filter((box) => box.checked).length;
      count.textContent = t("portfolio.selected", { selected: n, total: boxes.length });
    };
    tools.hidden = false;
    tools.addEventListener("click", (event) => {
      const which = event.target.dataset.select;
      if (!which) return;
      for (const box of boxes) {
        box.checked = which === "all" || (which === "shared" && box.dataset.visibility !== "private");
      }
      update();
    });
    for (const box of boxes) box.addEventListener("change", update);
    update();
  }

  const job = document.querySelector(".export-job[data-progress-url]");
  if (job && !["done", "failed", "stalled"].includes(job.dataset.status)) {
    const bar = job.querySelector("[data-bar]");
    const label = job.querySelector("[data-label]");
    const download = job.querySelector("[data-download]");
    const percent = new Intl.NumberFormat(lang, { style: "percent" });
    let misses = 0;
    const poll = async () => {
      let state;
      try {
        const response = await fetch(job.dataset.progressUrl, {
          headers: { Accept: "application/json" },
          redirect: "error", // a login page instead of figures: stop, reloading shows why
        });
        if (!response.ok) throw new Error(String(response.status));
        state = await response.json();
      } catch {
        misses += 1;
        if (misses >= 5) window.location.reload();
        else setTimeout(poll, 5000);
        return;
      }
      bar.value = state.percent;
      bar.textContent = percent.format(state.percent / 100);
      if (state.status === "failed") {
        window.location.reload(); // the page then offers to start again
        return;
      }
      label.textContent = state.label; // the server's words, as the page without this script says them
      if (state.status === "done") {
        for (const help of job.querySelectorAll("[data-help-building]")) help.hidden = true;
        for (const help of job.querySelectorAll("[data-help-ready]")) help.hidden = false;
        download.hidden = false;
        download.focus();
      } else {
        setTimeout(poll, 1000);
      }
    };
    setTimeout(poll, 500);
  }
});
