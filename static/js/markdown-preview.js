// Live preview of Markdown fields, rendered by the server exactly as migrants will see it
// (sanitised). Without JavaScript the form works the same; there is just no preview.
(function () {
  "use strict";
  const form = document.querySelector("form[data-preview-url]");
  if (!form) return;
  const source = form.querySelector("textarea[data-markdown-preview]");
  const panel = form.querySelector("[data-preview-panel]");
  const output = form.querySelector("[data-preview-output]");
  if (!source || !panel || !output) return;
  const token = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  let timer = null;
  let lastSent = null;

  async function refresh() {
    if (source.value === lastSent) return;
    lastSent = source.value;
    const body = new URLSearchParams({ text: source.value });
    try {
      const response = await fetch(form.dataset.previewUrl, {
        method: "POST",
        headers: { "X-CSRFToken": token },
        body: body,
        credentials: "same-origin",
      });
      if (response.ok) {
        output.innerHTML = await response.text(); // sanitised by the server (nh3)
        panel.hidden = false;
      }
    } catch (error) {
      // Offline or server unreachable: keep the last preview.
    }
  }

  source.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(refresh, 400);
  });
  refresh();
})();
