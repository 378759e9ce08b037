// Glossary terms in a text link to their explanation at the end of the section; that works
// without JavaScript. With it, activating a term opens the explanation right there, by mouse,
// touch or keyboard; Escape or activating the term again closes it.
(function () {
  "use strict";
  if (window.waypointGlossary) return;
  window.waypointGlossary = true;

  function close(link) {
    const popup = link.nextElementSibling;
    if (popup && popup.classList.contains("term-popup")) popup.remove();
    link.setAttribute("aria-expanded", "false");
  }

  function open(link) {
    const note = document.getElementById(link.dataset.term);
    if (!note) return false;
    const popup = document.createElement("span");
    popup.className = "term-popup";
    popup.setAttribute("role", "note");
    popup.id = link.dataset.term + "-popup";
    const term = note.querySelector("dt").cloneNode(true);
    const definition = note.querySelector("dd > div").cloneNode(true);
    term.className = "term-popup__term";
    definition.className = "term-popup__definition";
    for (const element of [term, definition]) {
      const span = document.createElement("span");
      span.className = element.className;
      span.setAttribute("lang", element.getAttribute("lang"));
      span.setAttribute("dir", element.getAttribute("dir"));
      span.innerHTML = element.innerHTML;
      popup.appendChild(span);
    }
    link.after(popup);
    link.setAttribute("aria-expanded", "true");
    link.setAttribute("aria-controls", popup.id);
    return true;
  }

  document.addEventListener("click", function (event) {
    const link = event.target.closest("a.term");
    if (!link) return;
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
