/* The agenda builder: drag sessions onto the day × room grid, or back to "Unscheduled".
 *
 * Plain JavaScript, no framework. Each drop posts the move with fetch() and the placement
 * version it was made from; the server answers with the day's new state and every
 * conflict, and the page redraws from it. A stale move (409) shows the server's message
 * and the current state. Without JavaScript the form under the grid does the same.
 */
(function () {
  "use strict";

  const root = document.querySelector("[data-agenda-builder]");
  if (!root) {
    return;
  }
  const texts = JSON.parse(document.getElementById("agenda-builder-texts").textContent);
  const csrfToken = root.querySelector("input[name=csrfmiddlewaretoken]").value;
  const grid = root.querySelector("[data-agenda-grid]");
  const cellsHost = root.querySelector("[data-agenda-cells]");
  const blocksHost = root.querySelector("[data-agenda-blocks]");
  const unscheduledList = root.querySelector("[data-agenda-unscheduled]");
  const unscheduleZone = root.querySelector("[data-agenda-unschedule-zone]");
  const conflictList = root.querySelector("[data-agenda-conflicts]");
  const status = root.querySelector("[data-agenda-status]");
  const rooms = Array.from(root.querySelectorAll("[data-agenda-room]")).map(
    (header) => header.dataset.agendaRoom,
  );

  drawRows(JSON.parse(document.getElementById("agenda-builder-rows").textContent));

  let dragged = null; // {session, version, grabRows}
  let busy = false;

  // --- dragging ------------------------------------------------------------------------

  root.addEventListener("dragstart", (event) => {
    const item = event.target.closest("[data-session]");
    if (!item || busy) {
      event.preventDefault();
      return;
    }
    const isBlock = item.classList.contains("agenda-block");
    const rect = item.getBoundingClientRect();
    dragged = {
      session: item.dataset.session,
      version: item.dataset.version || "",
      // Where in the block it was grabbed, so a block keeps its offset under the pointer.
      grabRows: isBlock ? Math.floor((event.clientY - rect.top) / rowHeight()) : 0,
      isBlock: isBlock,
    };
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", item.dataset.code || item.dataset.session);
    item.classList.add("is-dragged");
    // Changing classes during dragstart itself can cancel the drag in some browsers.
    window.setTimeout(() => root.classList.add("is-dragging"), 0);
  });

  root.addEventListener("dragend", () => {
    dragged = null;
    root.classList.remove("is-dragging");
    root.querySelectorAll(".is-dragged, .is-drop-target").forEach((element) => {
      element.classList.remove("is-dragged", "is-drop-target");
    });
  });

  grid.addEventListener("dragover", (event) => {
    const cell = targetCell(event);
    if (!dragged || !cell) {
      return;
    }
    event.preventDefault();
    event.dataTransfer.dropEffect = "move";
    highlight(cell);
  });

  grid.addEventListener("drop", (event) => {
    const cell = targetCell(event);
    if (!dragged || !cell) {
      return;
    }
    event.preventDefault();
    const move = dragged;
    send(root.dataset.placeUrl, {
      session: move.session,
      version: move.version,
      room: cell.dataset.room,
      day: root.dataset.day,
      start: cell.dataset.time,
    });
  });

  unscheduleZone.addEventListener("dragover", (event) => {
    if (dragged && dragged.isBlock) {
      event.preventDefault();
      event.dataTransfer.dropEffect = "move";
      highlight(unscheduleZone);
    }
  });

  unscheduleZone.addEventListener("drop", (event) => {
    if (!dragged || !dragged.isBlock) {
      return;
    }
    event.preventDefault();
    send(root.dataset.unscheduleUrl, {
      session: dragged.session,
      version: dragged.version,
      view_day: root.dataset.day,
    });
  });

  function rowHeight() {
    const cell = cellsHost.querySelector(".agenda-cell");
    return cell ? cell.getBoundingClientRect().height : 24;
  }

  function targetCell(event) {
    const cell = event.target.closest(".agenda-cell");
    if (!cell) {
      return null;
    }
    // The block starts where its top edge lands, not where the pointer is.
    const row = Math.max(1, Number(cell.dataset.row) - (dragged ? dragged.grabRows : 0));
    return (
      cellsHost.querySelector(
        `.agenda-cell[data-room="${cell.dataset.room}"][data-row="${row}"]`,
      ) || cell
    );
  }

  function highlight(element) {
    root.querySelectorAll(".is-drop-target").forEach((other) => {
      if (other !== element) {
        other.classList.remove("is-drop-target");
      }
    });
    element.classList.add("is-drop-target");
  }

  // --- talking to the server -----------------------------------------------------------

  async function send(url, fields) {
    busy = true;
    say(texts.saving, "info");
    const body = new FormData();
    Object.entries(fields).forEach(([name, value]) => body.append(name, value));
    try {
      const response = await fetch(url, {
        method: "POST",
        body: body,
        credentials: "same-origin",
        headers: {
          Accept: "application/json",
          "X-CSRFToken": csrfToken,
          "X-Requested-With": "XMLHttpRequest",
        },
      });
      const answer = await response.json();
      if (answer.state) {
        draw(answer.state);
      }
      say(answer.ok ? answer.message : answer.error, answer.ok ? "success" : "error");
    } catch (error) {
      say(texts.failed, "error");
    } finally {
      busy = false;
    }
  }

  function say(message, kind) {
    status.textContent = message || "";
    status.dataset.kind = kind;
  }

  // --- drawing the state ---------------------------------------------------------------

  function draw(state) {
    if (
      state.first_time !== grid.dataset.firstTime ||
      String(state.row_count) !== grid.dataset.rowCount
    ) {
      drawRows(state.rows);
      grid.dataset.firstTime = state.first_time;
      grid.dataset.rowCount = String(state.row_count);
      grid.style.setProperty("--agenda-rows", state.row_count);
    }
    blocksHost.replaceChildren(...state.blocks.map((block) => drawBlock(block, state.day)));
    unscheduledList.replaceChildren(
      ...state.unscheduled.map((item) => drawUnscheduled(item, state.day)),
    );
    root.querySelector("[data-agenda-unscheduled-count]").textContent = state.unscheduled.length;
    conflictList.replaceChildren(...drawConflicts(state.conflicts));
    root.querySelector("[data-agenda-conflict-count]").textContent = state.conflicts.length;
    updateFormVersions(state);
  }

  function drawRows(rows) {
    const parts = [];
    rows.forEach((row) => {
      const label = element("div", "agenda-grid__time" + (row.hour ? " is-hour" : ""));
      label.style.gridRow = String(row.row + 1);
      label.style.gridColumn = "1";
      label.textContent = row.hour ? row.time : "";
      parts.push(label);
      rooms.forEach((room, index) => {
        const cell = element("div", "agenda-cell" + (row.hour ? " is-hour" : ""));
        cell.dataset.room = room;
        cell.dataset.row = String(row.row);
        cell.dataset.time = row.time;
        cell.style.gridRow = String(row.row + 1);
        cell.style.gridColumn = String(index + 2);
        parts.push(cell);
      });
    });
    cellsHost.replaceChildren(...parts);
  }

  function drawBlock(block, day) {
    const link = sessionLink("agenda-block", block, day);
    if (block.conflicts.length) {
      link.classList.add("has-conflict");
    }
    if (block.hard) {
      link.classList.add("has-hard-conflict");
    }
    link.style.gridRow = `${block.row + 1} / span ${block.span}`;
    link.style.gridColumn = String(block.column + 1);
    link.style.setProperty("--agenda-lane", block.lane);
    link.append(
      text("span", "agenda-block__time", `${block.start}–${block.end}`),
      text("span", "agenda-block__code", block.code),
      text("span", "agenda-block__title", block.title),
    );
    if (block.conflicts.length) {
      const flag = text("span", "agenda-block__flag", `⚠ ${block.conflicts.length}`);
      flag.setAttribute("aria-hidden", "true");
      link.append(
        flag,
        text("span", "agenda-sr-only", `${texts.conflicts} ${block.conflicts.join(" ")}`),
      );
    }
    return link;
  }

  function drawUnscheduled(item, day) {
    const link = sessionLink("agenda-item", item, day);
    link.append(
      text("span", "agenda-item__code", item.code),
      document.createTextNode(" "),
      text("span", "agenda-item__title", item.title),
      document.createTextNode(" "),
      text(
        "span",
        "agenda-item__duration",
        texts.minutes.replace("%(minutes)s", String(item.duration)),
      ),
    );
    const entry = document.createElement("li");
    entry.append(link);
    return entry;
  }

  function drawConflicts(conflicts) {
    if (!conflicts.length) {
      return [text("li", "agenda-conflict is-none", texts.noConflicts)];
    }
    return conflicts.map((conflict) => {
      const entry = element("li", "agenda-conflict" + (conflict.hard ? " is-hard" : ""));
      entry.dataset.kind = conflict.kind;
      const label = conflict.hard ? `${conflict.label} (${texts.hard}):` : `${conflict.label}:`;
      entry.append(
        text("strong", "agenda-conflict__label", label),
        document.createTextNode(` ${conflict.message}`),
      );
      return entry;
    });
  }

  function updateFormVersions(state) {
    const versions = new Map();
    state.blocks.forEach((block) => versions.set(String(block.session), block.version));
    state.unscheduled.forEach((item) => versions.set(String(item.session), null));
    root.querySelectorAll("[data-agenda-version-for]").forEach((input) => {
      const session = input.dataset.agendaVersionFor;
      // Sessions on other days are not in the state; their version is left alone.
      if (versions.has(session)) {
        const version = versions.get(session);
        input.value = version === null ? "" : String(version);
      }
    });
  }

  function sessionLink(className, item, day) {
    const link = element("a", className);
    link.draggable = true;
    link.dataset.session = String(item.session);
    link.dataset.version = item.version === null ? "" : String(item.version);
    link.dataset.code = item.code;
    const query = new URLSearchParams({ day: day, session: String(item.session) });
    link.href = `${root.dataset.builderUrl}?${query}#placement-form`;
    return link;
  }

  function element(tag, className) {
    const node = document.createElement(tag);
    node.className = className;
    return node;
  }

  function text(tag, className, content) {
    const node = element(tag, className);
    node.textContent = content;
    return node;
  }
})();
