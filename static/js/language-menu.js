// The language menu is a <details> that works without JavaScript. With it, the menu behaves
// like a menu button: Escape closes it (focus back on its button), and it closes when focus
// or a click leaves it, so it never covers the link someone tabbed on to (WCAG 2.4.11).
(function () {
  "use strict";
  document.querySelectorAll(".language-switcher details").forEach(function (menu) {
    const button = menu.querySelector("summary");

    function close(returnFocus) {
      if (!menu.open) return;
      menu.open = false;
      if (returnFocus) button.focus();
    }

    menu.addEventListener("keydown", function (event) {
      if (event.key === "Escape") {
        event.preventDefault();
        close(true);
      }
    });
    menu.addEventListener("focusout", function (event) {
      if (event.relatedTarget && !menu.contains(event.relatedTarget)) close(false);
    });
    document.addEventListener("click", function (event) {
      if (!menu.contains(event.target)) close(false);
    });
  });
})();
