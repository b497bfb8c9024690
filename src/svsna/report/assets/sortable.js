// Sort a report table by clicking its column header (keyboard: Enter or Space).
// Cells sort by their data-value (numbers) or text; [c] cells sort last.
(function () {
  function key(cell) {
    var v = cell.getAttribute("data-value");
    if (v === null || v === "") return { n: null, t: cell.textContent.trim() };
    var n = Number(v);
    return isNaN(n) ? { n: null, t: v } : { n: n, t: v };
  }
  function sortBy(table, col, th) {
    var body = table.tBodies[0];
    var asc = th.getAttribute("aria-sort") !== "ascending";
    Array.prototype.forEach.call(th.parentNode.children, function (h) {
      h.removeAttribute("aria-sort");
    });
    th.setAttribute("aria-sort", asc ? "ascending" : "descending");
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = key(a.cells[col]), y = key(b.cells[col]);
      var r;
      if (x.n !== null && y.n !== null) r = x.n - y.n;
      else if (x.n !== null) r = -1;
      else if (y.n !== null) r = 1;
      else r = x.t.localeCompare(y.t, undefined, { numeric: true });
      return asc ? r : -r;
    });
    rows.forEach(function (row) { body.appendChild(row); });
  }
  document.querySelectorAll("table.sortable").forEach(function (table) {
    // The last header row names the columns (a row above it may group them).
    var head = table.tHead ? table.tHead.rows[table.tHead.rows.length - 1] : null;
    var heads = head ? head.cells : [];
    Array.prototype.forEach.call(heads, function (th, col) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      button.innerHTML = th.innerHTML;
      th.innerHTML = "";
      th.appendChild(button);
      button.addEventListener("click", function () { sortBy(table, col, th); });
    });
  });
})();
