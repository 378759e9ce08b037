// Reordering steps in the procedure editor by keyboard or pointer: "Move up" and "Move down"
// buttons move a step, renumber all steps, keep the focus on the button pressed and announce
// the new position. The position numbers are what the server reads; without JavaScript the
// editor types them.
(function () {
  "use strict";
  const editor = document.querySelector("[data-step-editor]");
  if (!editor) return;
  const list = editor.querySelector("[data-step-list]");
  const status = editor.querySelector("[data-step-status]");
  const labels = editor.dataset;

  function steps() {
    return Array.from(list.querySelectorAll(":scope > [data-step]"));
  }

  function titleOf(step) {
    const input = step.querySelector("input[name$='-title']");
    return (input && input.value.trim()) || labels.labelUntitled;
  }

  function renumber() {
    const all = steps();
    all.forEach(function (step, index) {
      const order = step.querySelector("input[name$='-ORDER']");
      if (order) order.value = index + 1;
      const number = step.querySelector("[data-step-number]");
      if (number) number.textContent = index + 1;
      step.querySelector("[data-move='up']").disabled = index === 0;
      step.querySelector("[data-move='down']").disabled = index === all.length - 1;
    });
  }

  function move(step, direction, button) {
    const all = steps();
    const index = all.indexOf(step);
    const target = direction === "up" ? all[index - 1] : all[index + 1];
    if (!target) return;
    if (direction === "up") list.insertBefore(step, target);
    else list.insertBefore(target, step);
    renumber();
    // Keep the keyboard where it was; if the button is now disabled, use the other one.
    const focusable = button.disabled
      ? step.querySelector("[data-move='" + (direction === "up" ? "down" : "up") + "']")
      : button;
    focusable.focus();
    status.textContent = labels.labelMoved
      .replace("{title}", titleOf(step))
      .replace("{position}", String(steps().indexOf(step) + 1))
      .replace("{count}", String(steps().length));
  }

  steps().forEach(function (step) {
    const controls = step.querySelector("[data-step-controls]");
    const order = controls.querySelector("input[name$='-ORDER']");
    // The typed position is replaced by the buttons.
    order.type = "hidden";
    const orderLabel = controls.querySelector("label[for='" + order.id + "']");
    if (orderLabel) orderLabel.hidden = true;
    ["up", "down"].forEach(function (direction) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "button button--small button--secondary";
      button.dataset.move = direction;
      button.textContent = direction === "up" ? labels.labelUp : labels.labelDown;
      button.setAttribute("aria-label", button.textContent + ": " + titleOf(step));
      button.addEventListener("click", function () {
        move(step, direction, button);
      });
      controls.insertBefore(button, order);
    });
  });
  renumber();
})();
