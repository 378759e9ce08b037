// The portal on a phone with patchy data (the worker is /sw.js, apps/migrant/offline.py):
// register the service worker, "Save for offline" on content pages, when the saved copy was
// last updated, and the list of saved pages on the offline page. Saving needs no account: the
// pages are kept in this browser's cache, their titles in localStorage, and nothing is sent.
(function () {
  "use strict";
  if (!("serviceWorker" in navigator) || !("caches" in window)) return;

  const SAVED = "waypoint-saved"; // the worker's cache of saved pages
  const INDEX = "waypoint:saved"; // localStorage: path → {title, lang, related: [paths]}
  const lang = document.documentElement.lang;

  navigator.serviceWorker.register("/sw.js").then(function () {
    return navigator.serviceWorker.ready;
  }).then(function (registration) {
    if (navigator.onLine && registration.active) {
      registration.active.postMessage({ type: "refresh-saved" });
    }
  }).catch(function () { /* no worker (private mode, old browser): the portal works as before */ });

  function readIndex() {
    try {
      return JSON.parse(window.localStorage.getItem(INDEX) || "{}");
    } catch (error) {
      return {};
    }
  }

  function writeIndex(index) {
    try {
      window.localStorage.setItem(INDEX, JSON.stringify(index));
    } catch (error) { /* storage blocked: the pages are saved, the list is not */ }
  }

  function keyOf(path) {
    return location.origin + path;
  }

  function formatDate(value) {
    const date = value ? new Date(value) : null;
    if (!date || isNaN(date)) return "";
    return date.toLocaleDateString(lang, { day: "numeric", month: "long", year: "numeric" });
  }

  // What a page needs offline besides itself: the documents and glossary terms it links to.
  function relatedPaths() {
    const own = new RegExp("^/" + lang + "/(documents|glossary)/[^/]+/$");
    const paths = new Set();
    document.querySelectorAll("main a[href]").forEach(function (link) {
      const url = new URL(link.href, location.href);
      if (url.origin === location.origin && own.test(url.pathname)) paths.add(url.pathname);
    });
    paths.delete(location.pathname);
    return Array.from(paths);
  }

  function store(cache, path) {
    // Without cookies: the kept copy is the page anybody gets, never a signed-in person's.
    return fetch(path, { credentials: "omit" }).then(function (response) {
      if (!response.ok) throw new Error(path + ": " + response.status);
      return cache.put(keyOf(path), response);
    });
  }

  const control = document.querySelector("[data-save-offline]");
  if (control) {
    const button = control.querySelector("button");
    const status = control.querySelector("[data-save-status]");
    const path = location.pathname;

    function say(template, date) {
      status.textContent = template.replace("{date}", formatDate(date));
    }

    function show() {
      return caches.open(SAVED).then(function (cache) { return cache.match(keyOf(path)); })
        .then(function (saved) {
          button.textContent = saved ? control.dataset.labelRemove : control.dataset.labelSave;
          if (!saved) status.textContent = "";
          else if (!navigator.onLine) say(control.dataset.labelOffline, saved.headers.get("Date"));
          else say(control.dataset.labelUpdated, saved.headers.get("Date"));
        });
    }

    function save() {
      const related = relatedPaths();
      return caches.open(SAVED).then(function (cache) {
        return Promise.all([path].concat(related).map(function (each) { return store(cache, each); }));
      }).then(function () {
        const index = readIndex();
        index[path] = { title: control.dataset.title, lang: lang, related: related };
        writeIndex(index);
      });
    }

    function remove() {
      const index = readIndex();
      const entry = index[path] || { related: [] };
      delete index[path];
      const stillUsed = new Set();
      Object.keys(index).forEach(function (other) {
        stillUsed.add(other);
        (index[other].related || []).forEach(function (each) { stillUsed.add(each); });
      });
      writeIndex(index);
      return caches.open(SAVED).then(function (cache) {
        const gone = [path].concat(entry.related || []).filter(function (each) {
          return !stillUsed.has(each);
        });
        return Promise.all(gone.map(function (each) { return cache.delete(keyOf(each)); }));
      });
    }

    button.addEventListener("click", function () {
      button.disabled = true;
      caches.open(SAVED).then(function (cache) { return cache.match(keyOf(path)); })
        .then(function (saved) { return saved ? remove() : save(); })
        .then(show)
        .catch(function () { status.textContent = control.dataset.labelFailed; })
        .then(function () { button.disabled = false; });
    });
    window.addEventListener("online", show);
    window.addEventListener("offline", show);
    control.hidden = false;
    show();
  }

  // The offline page: the pages saved on this device in the reader's language.
  const list = document.querySelector("[data-saved-list]");
  if (list) {
    const empty = document.querySelector("[data-saved-empty]");
    const index = readIndex();
    caches.open(SAVED).then(function (cache) {
      return Promise.all(Object.keys(index).filter(function (path) {
        return index[path].lang === lang;
      }).map(function (path) {
        return cache.match(keyOf(path)).then(function (saved) { return saved && [path, saved]; });
      }));
    }).then(function (found) {
      found.filter(Boolean).sort(function (a, b) {
        return index[a[0]].title.localeCompare(index[b[0]].title, lang);
      }).forEach(function (pair) {
        const item = document.createElement("li");
        const link = document.createElement("a");
        link.href = pair[0];
        link.textContent = index[pair[0]].title;
        const when = document.createElement("span");
        when.className = "help";
        when.textContent = " " + list.dataset.labelUpdated.replace("{date}", formatDate(pair[1].headers.get("Date")));
        item.append(link, when);
        list.append(item);
      });
      list.hidden = !list.children.length;
      if (empty) empty.hidden = Boolean(list.children.length);
    });
  }
})();
