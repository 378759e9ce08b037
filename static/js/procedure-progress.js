// Ticking off steps and documents of a procedure. The ticks are kept in this browser only
// (localStorage), so they survive a reload without an account and are never sent anywhere.
// Without JavaScript the boxes stay hidden: they could not be kept. The printable checklist
// shows the same ticks (it only reads them), so what is printed is what was ticked.
(function () {
  "use strict";
  function storageKey(procedure) {
    return "waypoint:progress:" + procedure;
  }

  function ticksOf(procedure) {
    try {
      return new Set(JSON.parse(window.localStorage.getItem(storageKey(procedure)) || "[]"));
    } catch (error) {
      return new Set(); // storage blocked or damaged: nothing ticked
    }
  }

  const checklist = document.querySelector("[data-progress-checklist]");
  if (checklist) {
    const ticked = ticksOf(checklist.dataset.progressChecklist);
    checklist.querySelectorAll("li[data-progress-item]").forEach(function (item) {
      if (!ticked.has(item.dataset.progressItem)) return;
      item.classList.add("is-done");
      const said = document.createElement("span");
      said.className = "visually-hidden";
      said.textContent = checklist.dataset.labelDone + ": ";
      item.prepend(said);
    });
    return;
  }

  const article = document.querySelector("[data-procedure-progress]");
  if (!article) return;
  const key = storageKey(article.dataset.procedureProgress);
  const boxes = Array.from(article.querySelectorAll("[data-progress-item]"));
  const summary = article.querySelector("[data-progress-summary]");
  const reset = article.querySelector("[data-progress-reset]");
  const note = article.querySelector("[data-progress-note]");

  // Signed in to "My Waypoint", the ticks are also kept with the account (the API), merged
  // with this device's when the page opens, so every device shows the same.
  const sync = article.dataset.progressSync;

  // One write at a time, in order: a later tick never arrives before an earlier one.
  let sending = Promise.resolve();

  function push(ticked) {
    if (!sync) return;
    const body = JSON.stringify({ ticks: Array.from(ticked) });
    sending = sending.then(function () {
      return fetch(sync, {
        method: "PUT",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRFToken": article.dataset.csrf },
        body: body,
      });
    }).catch(function () { /* offline: this device keeps them, the next change sends them */ });
  }

  function keep(ticked) {
    try {
      if (ticked.size) window.localStorage.setItem(key, JSON.stringify(Array.from(ticked)));
      else window.localStorage.removeItem(key);
    } catch (error) {
      /* private mode: ticks last until the page is left */
    }
  }

  function save(ticked) {
    keep(ticked);
    push(ticked);
  }

  function update() {
    const steps = boxes.filter(function (box) { return "progressStep" in box.dataset; });
    const done = steps.filter(function (box) { return box.checked; }).length;
    summary.textContent = article.dataset.labelProgress
      .replace("{done}", String(done))
      .replace("{total}", String(steps.length));
    boxes.forEach(function (box) {
      const item = box.closest("li");
      if (item) item.classList.toggle("is-done", box.checked);
    });
  }

  const ticked = ticksOf(article.dataset.procedureProgress);
  boxes.forEach(function (box) {
    box.hidden = false;
    const wrapper = box.closest("[hidden]");
    if (wrapper && wrapper !== article) wrapper.hidden = false;
    box.checked = ticked.has(box.dataset.progressItem);
    box.addEventListener("change", function () {
      if (box.checked) ticked.add(box.dataset.progressItem);
      else ticked.delete(box.dataset.progressItem);
      save(ticked);
      update();
    });
  });
  summary.hidden = false;
  reset.hidden = false;
  note.hidden = false;
  reset.addEventListener("click", function () {
    ticked.clear();
    boxes.forEach(function (box) { box.checked = false; });
    save(ticked);
    update();
  });
  update();

  if (sync) {
    fetch(sync, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (kept) {
        if (!kept) return;
        const before = ticked.size;
        kept.ticks.forEach(function (tick) { ticked.add(tick); });
        boxes.forEach(function (box) { box.checked = ticked.has(box.dataset.progressItem); });
        update();
        if (ticked.size !== before) keep(ticked); // what other devices ticked
        if (ticked.size !== kept.ticks.length) push(ticked); // what only this device had
      })
      .catch(function () { /* offline: this device's ticks stand */ });
  }
})();
