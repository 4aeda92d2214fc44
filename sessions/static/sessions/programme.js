// Switch the programme's times between the meeting's zone and the visitor's own zone.
// Times are rendered server-side in the meeting's zone; each <time> carries its instant.
(function () {
  "use strict";
  const box = document.querySelector("[data-tz-switch]");
  if (!box || !window.Intl) return;
  const editionZone = box.dataset.editionZone;
  const ownZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const toggle = box.querySelector("[data-tz-toggle]");
  const label = box.querySelector("[data-tz-label]");
  if (!ownZone || ownZone === editionZone) return;
  const lang = document.documentElement.lang || undefined;

  function render(zone) {
    document.querySelectorAll("time[data-local-time]").forEach(function (node) {
      if (!node.dataset.original) node.dataset.original = node.textContent;
      if (zone === editionZone) { node.textContent = node.dataset.original; return; }
      const options = { hour: "2-digit", minute: "2-digit", hour12: false, timeZone: zone };
      if ("withDate" in node.dataset) Object.assign(options, { weekday: "long", day: "numeric", month: "long", year: "numeric" });
      node.textContent = new Intl.DateTimeFormat(lang, options).format(new Date(node.getAttribute("datetime")));
    });
    const local = zone !== editionZone;
    label.textContent = local ? toggle.dataset.textLocal + " (" + ownZone + ")." : toggle.dataset.textEdition;
    toggle.textContent = local ? toggle.dataset.labelEdition : toggle.dataset.labelLocal + " (" + ownZone + ")";
    toggle.setAttribute("aria-pressed", String(local));
    try { localStorage.setItem("igfplus-tz", local ? "own" : "edition"); } catch (e) { /* private mode */ }
  }

  toggle.hidden = false;
  let current = editionZone;
  toggle.addEventListener("click", function () {
    current = current === editionZone ? ownZone : editionZone;
    render(current);
  });
  let saved = null;
  try { saved = localStorage.getItem("igfplus-tz"); } catch (e) { /* private mode */ }
  if (saved === "own") { current = ownZone; }
  render(current);
})();
