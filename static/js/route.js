// "My route" on this device: the answers are remembered here (never sent anywhere but in the
// page's address), so that opening "My route" again shows the same route; each procedure says
// how many of its steps this device ticked (procedure-progress.js keeps them); and the route as
// last shown is kept for reading offline (the service worker's saved pages, listed on the
// offline page), as anybody gets it: a signed-in person's page is never kept.
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
  keepForOffline();
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

  function keepForOffline() {
    if (!("caches" in window) || document.querySelector('meta[name="waypoint-saved-sync"]')) return;
    const path = location.pathname + location.search;
    const INDEX = "waypoint:saved";
    let index = {};
    try {
      index = JSON.parse(window.localStorage.getItem(INDEX) || "{}");
    } catch (error) {
      return;
    }
    caches.open("waypoint-saved").then(function (cache) {
      return fetch(path, { credentials: "omit" }).then(function (response) {
        if (!response.ok) return;
        // Only the newest route: the earlier answers' copies go.
        Object.keys(index).forEach(function (other) {
          if (other !== path && other.split("?")[0] === location.pathname) {
            delete index[other];
            cache.delete(location.origin + other);
          }
        });
        index[path] = { title: document.querySelector("h1").textContent, lang: document.documentElement.lang, related: [] };
        window.localStorage.setItem(INDEX, JSON.stringify(index));
        return cache.put(location.origin + path, response);
      });
    }).catch(function () { /* no cache, no storage: the route works online as before */ });
  }
})();
