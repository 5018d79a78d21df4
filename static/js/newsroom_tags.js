// The article form's suggested tags: each suggestion becomes a button that adds it to the
// comma-separated tags field once and then leaves the list. Without this script the
// suggestions stay plain text the writer can type.
"use strict";
(function () {
  const box = document.getElementById("tag-suggestions");
  if (!box) return;
  const field = document.getElementById(box.dataset.for);
  if (!field || field.readOnly || field.matches(":disabled")) return;
  const current = () =>
    field.value.split(",").map((tag) => tag.trim()).filter((tag) => tag !== "");
  for (const chip of box.querySelectorAll(".nr-chip")) {
    const tag = chip.textContent.trim();
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = "+ " + tag;
    button.setAttribute("aria-label", tag);
    button.addEventListener("click", () => {
      const tags = current();
      if (!tags.includes(tag)) tags.push(tag);
      field.value = tags.join(", ");
      chip.remove();
      if (!box.querySelector(".nr-chip")) box.remove();
      field.focus();
    });
    chip.replaceChildren(button);
  }
})();
