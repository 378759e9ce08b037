// Keeps a progress section current while work runs on the server: every few seconds the page is
// fetched again and the section (marked data-refresh) replaced, until the server says it is done.
// Without JavaScript the section shows the state of the last load, and "Refresh" updates it.
(function () {
  "use strict";
  const section = document.querySelector("[data-refresh]");
  if (!section || !section.dataset.refresh) return;
  const seconds = Math.max(Number(section.dataset.refresh) || 3, 1);

  async function update() {
    try {
      const response = await fetch(window.location.href, { credentials: "same-origin" });
      if (!response.ok) return schedule();
      const page = new DOMParser().parseFromString(await response.text(), "text/html");
      const fresh = page.getElementById(section.id);
      const current = document.getElementById(section.id);
      if (!fresh || !current) return;
      current.replaceWith(fresh);
      if (fresh.dataset.refresh) schedule();
    } catch (error) {
      schedule(); // offline for a moment: try again
    }
  }

  function schedule() {
    window.setTimeout(update, seconds * 1000);
  }

  schedule();
})();
