// The portal on a phone with patchy data (the worker is /sw.js, apps/migrant/offline.py):
// register the service worker, "Save for offline" on content pages, when the saved copy was
// last updated, and the list of saved pages on the offline page. Saving needs no account: the
// pages are kept in this browser's cache, their titles in localStorage, and nothing is sent.
// Signed in to "My Waypoint", the list is also kept with the account (/api/v1/my/saved/): the
// first time on a device its saved pages are merged into the account; from then on the device
// follows the account — pages saved elsewhere are fetched, pages removed elsewhere are dropped.
(function () {
  "use strict";
  if (!("serviceWorker" in navigator) || !("caches" in window)) return;

  const SAVED = "waypoint-saved"; // the worker's cache of saved pages
  const INDEX = "waypoint:saved"; // localStorage: path → {title, lang, related: [paths]}
  const lang = document.documentElement.lang;
  const MERGED = "waypoint:saved-account"; // the account this device's list was merged into
  const PENDING = "waypoint:saved-pending"; // path → "save" | "remove", not yet told the account
  const syncMeta = document.querySelector('meta[name="waypoint-saved-sync"]');
  const sync = syncMeta && {
    url: syncMeta.content, account: syncMeta.dataset.account, csrf: syncMeta.dataset.csrf,
  };

  navigator.serviceWorker.register("/sw.js").then(function () {
    return navigator.serviceWorker.ready;
  }).then(function (registration) {
    if (navigator.onLine && registration.active) {
      registration.active.postMessage({ type: "refresh-saved" });
    }
  }).catch(function () { /* no worker (private mode, old browser): the portal works as before */ });

  function readJSON(key) {
    try {
      return JSON.parse(window.localStorage.getItem(key) || "{}");
    } catch (error) {
      return {};
    }
  }

  function writeJSON(key, value) {
    try {
      window.localStorage.setItem(key, JSON.stringify(value));
    } catch (error) { /* storage blocked: the pages are saved, the list is not */ }
  }

  function readIndex() { return readJSON(INDEX); }
  function writeIndex(index) { writeJSON(INDEX, index); }

  function keyOf(path) {
    return location.origin + path;
  }

  function formatDate(value) {
    const date = value ? new Date(value) : null;
    if (!date || isNaN(date)) return "";
    return date.toLocaleDateString(lang, { day: "numeric", month: "long", year: "numeric" });
  }

  // What a page needs offline besides itself: the documents and glossary terms it links to.
  function relatedPaths(doc, path, pageLang) {
    const own = new RegExp("^/" + pageLang + "/(documents|glossary)/[^/]+/$");
    const paths = new Set();
    doc.querySelectorAll("main a[href]").forEach(function (link) {
      const url = new URL(link.getAttribute("href"), location.origin + path);
      if (url.origin === location.origin && own.test(url.pathname)) paths.add(url.pathname);
    });
    paths.delete(path);
    return Array.from(paths);
  }

  function store(cache, path) {
    // Without cookies: the kept copy is the page anybody gets, never a signed-in person's.
    return fetch(path, { credentials: "omit" }).then(function (response) {
      if (!response.ok) throw new Error(path + ": " + response.status);
      return cache.put(keyOf(path), response);
    });
  }

  // Keep a page and what it links to in the cache, and list it (the copy is the page anybody
  // gets: without cookies). ``doc`` is the page if it is open; else it is read from the copy.
  function keepCopy(path, title, pageLang, doc) {
    return caches.open(SAVED).then(function (cache) {
      return fetch(path, { credentials: "omit" }).then(function (response) {
        if (!response.ok) throw new Error(path + ": " + response.status);
        const copy = response.clone();
        return cache.put(keyOf(path), response).then(function () {
          return doc || copy.text().then(function (html) {
            return new DOMParser().parseFromString(html, "text/html");
          });
        });
      }).then(function (page) {
        const related = relatedPaths(page, path, pageLang);
        return Promise.all(related.map(function (each) { return store(cache, each); }))
          .then(function () { return related; });
      });
    }).then(function (related) {
      const index = readIndex();
      index[path] = { title: title, lang: pageLang, related: related };
      writeIndex(index);
    });
  }

  // Drop a page from this device, with what only it needed.
  function dropCopy(path) {
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

  // Tell the account; what cannot be told now (offline) is told on the next page opened.
  function send(action, path) {
    const remove = action === "remove";
    return fetch(remove ? sync.url + "?path=" + encodeURIComponent(path) : sync.url, {
      method: remove ? "DELETE" : "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": sync.csrf },
      body: remove ? undefined : JSON.stringify({ path: path }),
    }).then(function (response) {
      // 400: the account refuses the page (no longer published, too many): nothing to retry.
      if (!response.ok && response.status !== 400) throw new Error(String(response.status));
      return response;
    });
  }

  function tell(action, path) {
    if (!sync) return Promise.resolve();
    const pending = readJSON(PENDING);
    pending[path] = action;
    writeJSON(PENDING, pending);
    return send(action, path).then(function () {
      const left = readJSON(PENDING);
      if (left[path] === action) delete left[path];
      writeJSON(PENDING, left);
    }).catch(function () { /* kept in PENDING */ });
  }

  // What the reader saved or removed on this page while the account's list was on its way:
  // that list is older than their click, so it must not undo it.
  const changedHere = new Set();

  // Signed in: bring this device and the account together (see the top of this file).
  function syncWithAccount() {
    const pending = readJSON(PENDING);
    const told = Object.keys(pending).reduce(function (chain, path) {
      return chain.then(function () { return tell(pending[path], path); });
    }, Promise.resolve());
    return told.then(function () {
      return fetch(sync.url, { credentials: "same-origin", headers: { Accept: "application/json" } });
    }).then(function (response) {
      if (!response.ok) throw new Error(String(response.status));
      return response.json();
    }).then(function (kept) {
      const firstTime = window.localStorage.getItem(MERGED) !== sync.account;
      const unsent = readJSON(PENDING);
      const onAccount = new Set(kept.map(function (page) { return page.path; }));
      const local = readIndex();
      let chain = Promise.resolve();
      let merged = false;
      Object.keys(local).forEach(function (path) {
        if (onAccount.has(path) || unsent[path]) return;
        if (firstTime) {
          merged = true;
          chain = chain.then(function () { return tell("save", path); });
        } else {
          chain = chain.then(function () { // removed elsewhere
            return changedHere.has(path) ? null : dropCopy(path);
          });
        }
      });
      kept.forEach(function (page) {
        if (local[page.path] || unsent[page.path] === "remove") return;
        chain = chain.then(function () {
          if (changedHere.has(page.path)) return null;
          return keepCopy(page.path, page.title, page.language).catch(function () {});
        });
      });
      return chain.then(function () {
        window.localStorage.setItem(MERGED, sync.account);
        return merged;
      });
    });
  }

  const control = document.querySelector("[data-save-offline]");
  let show = function () {};
  if (control) {
    const button = control.querySelector("button");
    const status = control.querySelector("[data-save-status]");
    const path = location.pathname;
    const labelRemove = sync ? control.dataset.labelRemoveEverywhere : control.dataset.labelRemove;

    function say(template, date) {
      status.textContent = template.replace("{date}", formatDate(date));
    }

    show = function () {
      return caches.open(SAVED).then(function (cache) { return cache.match(keyOf(path)); })
        .then(function (saved) {
          button.textContent = saved ? labelRemove : control.dataset.labelSave;
          if (!saved) status.textContent = "";
          else if (!navigator.onLine) say(control.dataset.labelOffline, saved.headers.get("Date"));
          else say(control.dataset.labelUpdated, saved.headers.get("Date"));
        });
    };

    function save() {
      return keepCopy(path, control.dataset.title, lang, document).then(function () {
        return tell("save", path);
      });
    }

    function remove() {
      return dropCopy(path).then(function () { return tell("remove", path); });
    }

    button.addEventListener("click", function () {
      button.disabled = true;
      changedHere.add(path);
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

  // A page kept as shown, with its address (My route: the answers and changes are in it), for
  // reading offline without an account: the newest copy replaces the earlier ones. Never a
  // signed-in person's page.
  const keptAsShown = document.querySelector("[data-keep-offline]");
  if (keptAsShown && !sync && navigator.onLine) {
    const shown = location.pathname + location.search;
    const earlier = Object.keys(readIndex()).filter(function (path) {
      return path !== shown && path.split("?")[0] === location.pathname;
    });
    Promise.all(earlier.map(dropCopy))
      .then(function () { return keepCopy(shown, keptAsShown.dataset.keepOffline, lang, document); })
      .catch(function () { /* no cache or storage: the page works online as before */ });
  }

  if (!sync && navigator.onLine) {
    // Signed out (a page from the network, not a saved copy): the next sign-in merges again,
    // so that pages saved meanwhile are kept, not taken for pages removed on another device.
    try { window.localStorage.removeItem(MERGED); } catch (error) { /* storage blocked */ }
  } else if (sync && navigator.onLine) {
    syncWithAccount().then(function (merged) {
      // "My Waypoint" lists what the account keeps: show it with this device's pages merged.
      if (merged && document.querySelector("[data-saved-mine]")) window.location.reload();
      else show();
    }).catch(function () { /* offline or signed out meanwhile: this device's list stands */ });
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
