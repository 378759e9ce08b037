// "My Waypoint", signed in: the ticks this device kept before signing in (procedure-progress.js,
// localStorage) are merged into the account once, so that every device shows them.
(function () {
  "use strict";
  const page = document.querySelector("[data-merge-progress]");
  if (!page || window.sessionStorage.getItem("waypoint:merged:" + (page && page.dataset.account))) return;
  const prefix = page.dataset.mergeProgress; // "waypoint:progress:<region>:"
  const base = page.dataset.syncBase;
  const headers = { "Content-Type": "application/json", "X-CSRFToken": page.dataset.csrf };

  function local(key) {
    try {
      return JSON.parse(window.localStorage.getItem(key) || "[]");
    } catch (error) {
      return [];
    }
  }

  const keys = [];
  for (let index = 0; index < window.localStorage.length; index += 1) {
    const key = window.localStorage.key(index);
    if (key && key.startsWith(prefix)) keys.push(key);
  }
  Promise.all(keys.map(function (key) {
    const url = base + encodeURIComponent(key.slice(prefix.length)) + "/";
    return fetch(url, { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (kept) {
        if (!kept) return false; // no longer published
        const ticks = new Set(kept.ticks.concat(local(key)));
        if (ticks.size === kept.ticks.length) return false;
        return fetch(url, { method: "PUT", credentials: "same-origin", headers: headers,
          body: JSON.stringify({ ticks: Array.from(ticks) }) }).then(function (r) { return r.ok; });
      })
      .catch(function () { return false; });
  })).then(function (changed) {
    window.sessionStorage.setItem("waypoint:merged:" + page.dataset.account, "1");
    if (changed.some(Boolean)) window.location.reload();
  });
})();
