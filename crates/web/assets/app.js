// Dateline's one script: what links and forms cannot do. Everything works
// without it except selecting a period by dragging over the timeline and
// reading an uploaded batch file into the form.
"use strict";

// Drag across the timeline's bars to select the period they cover; a plain
// click follows the bar's own link.
function timelineSelection(svg) {
  const bars = Array.from(svg.querySelectorAll("rect.hit"));
  let start = null;
  let last = null;
  let moved = false;
  const index = (event) => bars.indexOf(event.target);
  const mark = (a, b) => {
    const [lo, hi] = a <= b ? [a, b] : [b, a];
    bars.forEach((bar, i) => bar.classList.toggle("selected", i >= lo && i <= hi));
  };
  svg.addEventListener("mousedown", (event) => {
    if (index(event) < 0) return;
    start = last = index(event);
    moved = false;
    event.preventDefault();
  });
  svg.addEventListener("mousemove", (event) => {
    if (start === null || index(event) < 0) return;
    last = index(event);
    if (last !== start) moved = true;
    mark(start, last);
  });
  window.addEventListener("mouseup", () => {
    if (start === null) return;
    const [lo, hi] = start <= last ? [start, last] : [last, start];
    start = null;
    if (!moved) return; // a click: the bar's link does it
    // A bar's link is the search it selects (the entity page's bars search
    // for the entity): the same search, over the dragged period.
    const url = new URL(bars[lo].closest("a").getAttribute("href"), window.location.href);
    url.searchParams.set("from", bars[lo].dataset.from);
    url.searchParams.set("to", bars[hi].dataset.to);
    url.searchParams.delete("offset");
    window.location.assign(url.toString());
  });
  // A drag must not also follow the link it ended on.
  svg.addEventListener("click", (event) => { if (moved) { event.preventDefault(); moved = false; } });
}

// Reads an uploaded batch file into the text area.
function batchUpload(input) {
  input.addEventListener("change", () => {
    const file = input.files && input.files[0];
    if (!file) return;
    file.text().then((text) => {
      document.querySelector("form#batch textarea").value = text;
    });
  });
}

document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("svg.timeline").forEach(timelineSelection);
  const upload = document.getElementById("upload");
  if (upload) batchUpload(upload);
});
