// Waypoint's service worker: the portal on a phone with patchy data (apps/migrant/offline.py).
// - The app shell (styles, scripts, icons, the offline page of every language) is kept per
//   version; a new version drops the old shell.
// - Pages a person chose to "Save for offline" (static/js/offline.js) are kept in their own
//   cache until they remove them, refreshed whenever they are opened online and in the
//   background at most once an hour.
// - Everything else goes to the network; a page that cannot be loaded shows the saved copy, or
//   the offline page in the reader's language. Staff pages, accounts, the API, searches and
//   forms are never cached or answered here.
"use strict";

const CONFIG = {{ config|safe }};
const SHELL = "waypoint-shell-" + CONFIG.version;
const SAVED = "waypoint-saved";
const REFRESHED_KEY = "/__waypoint/saved-refreshed";
const REFRESH_EVERY = 60 * 60 * 1000; // ms

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches.open(SHELL)
      .then(function (cache) { return cache.addAll(CONFIG.shell.concat(CONFIG.offlinePages)); })
      .then(function () { return self.skipWaiting(); })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys()
      .then(function (names) {
        return Promise.all(names.filter(function (name) {
          return name.startsWith("waypoint-shell-") && name !== SHELL;
        }).map(function (name) { return caches.delete(name); }));
      })
      .then(function () { return self.clients.claim(); })
  );
});

function neverCached(url) {
  return CONFIG.neverCached.some(function (part) { return url.pathname.includes(part); });
}

function languagePrefix(url) {
  const match = url.pathname.match(/^\/([a-z]{2}(?:-[a-z]+)?)\//);
  return match ? "/" + match[1] + "/" : null;
}

function offlinePageFor(url) {
  const prefix = languagePrefix(url);
  const page = CONFIG.offlinePages.find(function (path) { return prefix && path.startsWith(prefix); });
  return caches.match(page || CONFIG.offlinePages[0]);
}

// A page: the network first (fresh content), keeping a saved page's copy up to date; without a
// connection, the saved copy or the offline page.
// A page is kept under its address without the query, except a page kept with its query (a
// route: its answers are in the address), which is found first.
function savedCopy(cache, url) {
  const full = url.origin + url.pathname + url.search;
  const bare = url.origin + url.pathname;
  return cache.match(full).then(function (saved) {
    return saved ? [full, saved] : cache.match(bare).then(function (copy) {
      return copy ? [bare, copy] : null;
    });
  });
}

function navigate(request) {
  const url = new URL(request.url);
  return fetch(request)
    .then(function (response) {
      if (response.ok && !response.redirected) {
        // The kept copy is always the one anybody gets (without cookies), never a signed-in
        // person's page.
        caches.open(SAVED).then(function (cache) {
          return savedCopy(cache, url).then(function (found) {
            if (found) return refreshOne(cache, found[0]);
          });
        });
      }
      return response;
    })
    .catch(function () {
      return caches.open(SAVED)
        .then(function (cache) { return savedCopy(cache, url); })
        .then(function (found) { return found ? found[1] : offlinePageFor(url); });
    });
}

// Styles, scripts and icons: the shell's copy first (their URLs change with their content in
// production); what a saved page also uses is kept with the shell as it is fetched.
function asset(request) {
  return caches.match(request).then(function (found) {
    if (found) return found;
    return fetch(request).then(function (response) {
      if (response.ok) {
        const copy = response.clone();
        caches.open(SHELL).then(function (cache) { return cache.put(request, copy); });
      }
      return response;
    });
  });
}

self.addEventListener("fetch", function (event) {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || neverCached(url)) return;
  if (request.mode === "navigate") {
    event.respondWith(navigate(request));
  } else if (url.pathname.startsWith("/static/") || /^\/(region\.css|favicon\.ico|app-icon-)/.test(url.pathname)) {
    event.respondWith(asset(request));
  }
});

// One saved page fetched again, as anybody gets it: a page that is gone (404, 410) is removed,
// one that cannot be fetched now keeps its copy, one the reader removed meanwhile stays away.
function refreshOne(cache, url) {
  return fetch(url, { cache: "no-cache", credentials: "omit" })
    .then(function (response) {
      if (response.status === 404 || response.status === 410) return cache.delete(url);
      if (!response.ok || response.redirected) return;
      // Removed by the reader while this was on its way: it stays removed.
      return cache.match(url).then(function (still) { return still && cache.put(url, response); });
    })
    .catch(function () { /* offline: keep the copy */ });
}

// All saved pages, fetched again (at most once an hour).
function refreshSaved(force) {
  return caches.open(SAVED).then(function (cache) {
    return cache.match(REFRESHED_KEY)
      .then(function (last) { return last ? last.text() : "0"; })
      .then(function (when) {
        if (!force && Date.now() - Number(when) < REFRESH_EVERY) return;
        return cache.put(REFRESHED_KEY, new Response(String(Date.now())))
          .then(function () { return cache.keys(); })
          .then(function (requests) {
            return Promise.all(requests.filter(function (saved) {
              return !saved.url.endsWith(REFRESHED_KEY);
            }).map(function (saved) { return refreshOne(cache, saved.url); }));
          });
      });
  });
}

self.addEventListener("message", function (event) {
  if (event.data && event.data.type === "refresh-saved") {
    event.waitUntil(refreshSaved(Boolean(event.data.force)));
  }
});
