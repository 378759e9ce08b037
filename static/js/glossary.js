// Glossary terms in a text link to their explanation at the end of the section; that works
// without JavaScript. With it, activating a term opens the explanation over the text right
// below the word — a disclosure that moves no line of the sentence — by mouse, touch or
// keyboard (Enter); Escape, activating the term again or clicking elsewhere closes it.
(function () {
  "use strict";
  if (window.waypointGlossary) return;
  window.waypointGlossary = true;

  function popupOf(link) {
    const popup = link.nextElementSibling;
    return popup && popup.classList.contains("term-popup") ? popup : null;
  }

  function close(link) {
    const popup = popupOf(link);
    if (popup) popup.remove();
    link.setAttribute("aria-expanded", "false");
  }

  function closeAll(except) {
    document.querySelectorAll('a.term[aria-expanded="true"]').forEach(function (link) {
      if (link !== except) close(link);
    });
  }

  // The block the popup is placed in: the text's container, positioned for it.
  function hostOf(link) {
    const host = link.closest(".prose, .lead, article, main") || document.body;
    host.classList.add("term-host");
    return host;
  }

  function place(popup, link, host) {
    const word = link.getClientRects()[0] || link.getBoundingClientRect();
    const box = host.getBoundingClientRect();
    const rtl = getComputedStyle(host).direction === "rtl";
    popup.style.top = word.bottom - box.top + 4 + "px";
    const room = box.width - popup.offsetWidth;
    if (rtl) {
      popup.style.right = Math.max(0, Math.min(box.right - word.right, room)) + "px";
    } else {
      popup.style.left = Math.max(0, Math.min(word.left - box.left, room)) + "px";
    }
  }

  function open(link) {
    const note = document.getElementById(link.dataset.term);
    if (!note) return;
    closeAll(link);
    const popup = document.createElement("span");
    popup.className = "term-popup";
    popup.setAttribute("role", "note");
    popup.id = link.dataset.term + "-popup";
    const term = note.querySelector("dt");
    const definition = note.querySelector("dd > div");
    [[term, "term-popup__term"], [definition, "term-popup__definition"]].forEach(function (pair) {
      const span = document.createElement("span");
      span.className = pair[1];
      span.setAttribute("lang", pair[0].getAttribute("lang"));
      span.setAttribute("dir", pair[0].getAttribute("dir"));
      span.innerHTML = pair[0].innerHTML;
      span.querySelectorAll("[id]").forEach(function (element) { element.removeAttribute("id"); });
      popup.appendChild(span);
    });
    // Right after the word in the document, so that Tab reaches the link inside it next.
    link.after(popup);
    place(popup, link, hostOf(link));
    link.setAttribute("aria-expanded", "true");
    link.setAttribute("aria-controls", popup.id);
  }

  document.addEventListener("click", function (event) {
    const link = event.target.closest("a.term");
    if (!link) {
      if (!event.target.closest(".term-popup")) closeAll(null);
      return;
    }
    event.preventDefault();
    if (link.getAttribute("aria-expanded") === "true") close(link);
    else open(link);
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    document.querySelectorAll('a.term[aria-expanded="true"]').forEach(function (link) {
      close(link);
      link.focus();
    });
  });
})();
