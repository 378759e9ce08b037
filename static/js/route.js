// "My route" on this device: the answers are remembered here (never sent anywhere but in the
// page's address), so that opening "My route" again shows the same route; each procedure says
// how many of its steps this device ticked (procedure-progress.js keeps them). The route as
// last shown is kept for reading offline by offline.js ([data-keep-offline]).
(function () {
  "use strict";
  const form = document.querySelector("[data-route-form]");
  if (!form) return;
  const key = form.dataset.storageKey;

  function remembered() {
    try {
      return window.localStorage.getItem(key);
    } catch (error) {
      return null; // storage blocked: the address keeps the answers
    }
  }

  if (location.search) {
    try {
      window.localStorage.setItem(key, location.search);
    } catch (error) { /* private mode */ }
  } else if (remembered() && !document.querySelector("[data-route-progress]")) {
    location.replace(location.pathname + remembered());
    return;
  }

  const list = document.querySelector("[data-route-progress]");
  if (!list) return;
  list.querySelectorAll("[data-progress-of]").forEach(function (line) {
    if (line.textContent.trim()) return; // the account's ticks, from the server
    let ticks = [];
    try {
      ticks = JSON.parse(window.localStorage.getItem(
        "waypoint:progress:" + list.dataset.routeProgress + ":" + line.dataset.progressOf) || "[]");
    } catch (error) {
      return;
    }
    const total = Number(line.dataset.steps);
    const done = Math.min(ticks.filter(function (tick) { return tick.startsWith("step:"); }).length, total);
    if (!done) return;
    line.textContent = list.dataset.labelProgress
      .replace("{done}", String(done)).replace("{total}", String(total));
  });
})();
