// Rankings table: sorting by column, live re-ranking by weight, and a URL that restores the view.
// The overall score mirrors the methodology (RULES["overall"], rankings/reranking.py): weights are
// normalised to sum 1 and a model gets an overall score only when every part weighted above zero exists.
(function () {
  "use strict";
  var table = document.getElementById("ranking");
  if (!table) return;
  var form = document.getElementById("filters");
  var tbody = table.tBodies[0];
  var csvLink = document.getElementById("export-csv");
  var PARTS = ["coding", "performance", "value"];
  var Z95 = 1.959964;
  var ordering = table.dataset.ordering || "";

  function num(text) {
    if (text === undefined || text === null || text === "") return null;
    var value = parseFloat(text);
    return isFinite(value) ? value : null;
  }
  function byId(a, b) { return a.dataset.id < b.dataset.id ? -1 : a.dataset.id > b.dataset.id ? 1 : 0; }
  function rows() { return Array.prototype.slice.call(tbody.rows); }
  function cell(row, key) { return row.cells[columnIndex(key)]; }
  function columnIndex(key) {
    var headers = table.tHead.rows[0].cells;
    for (var i = 0; i < headers.length; i++) if (headers[i].dataset.key === key) return i;
    return -1;
  }

  function sliders() { return PARTS.map(function (p) { return document.getElementById("w_" + p); }); }
  function weights() {
    var raw = sliders().map(function (s) { return parseFloat(s.value) || 0; });
    var total = raw.reduce(function (a, b) { return a + b; }, 0);
    if (total <= 0) return null;
    var out = {};
    PARTS.forEach(function (p, i) { out[p] = raw[i] / total; });
    return out;
  }
  function customWeights(w) {
    return sliders().some(function (s, i) { return Math.abs(w[PARTS[i]] - parseFloat(s.dataset.default)) > 1e-6; });
  }

  // Overall, rank and tie group of every row, as rankings/reranking.py rank_models does:
  // established scores first, provisional ones after; in each, overall score, then coding only.
  function rerank(w) {
    var ranked = [], groups = [];
    [false, true].forEach(function (provisional) {
      var tier = rows().filter(function (row) { return (row.dataset.provisional === "1") === provisional; });
      rankTier(tier, w, ranked, groups);
    });
    ranked.forEach(function (row, i) { setRank(row, i + 1, groups[i]); });
  }
  function rankTier(tier, w, ranked, groups) {
    var withOverall = [], codingOnly = [];
    tier.forEach(function (row) {
      var scores = {coding: num(row.dataset.coding), performance: num(row.dataset.performance), value: num(row.dataset.value)};
      var complete = PARTS.every(function (p) { return w[p] <= 0 || scores[p] !== null; });
      var overall = complete ? PARTS.reduce(function (s, p) { return w[p] > 0 ? s + w[p] * scores[p] : s; }, 0) : null;
      row._overall = overall;
      var c = cell(row, "overall_score");
      c.dataset.sort = overall === null ? "" : String(overall);
      c.textContent = overall === null ? "\u2014" : overall.toFixed(1);
      if (overall !== null) withOverall.push(row); else if (scores.coding !== null) codingOnly.push(row);
      else setRank(row, null, null);
    });
    withOverall.sort(function (a, b) { return (b._overall - a._overall) || byId(a, b); });
    codingOnly.sort(function (a, b) { return (num(b.dataset.coding) - num(a.dataset.coding)) || byId(a, b); });
    var spans = withOverall.map(function (row) {
      var half = Z95 * w.coding * (num(row.dataset.stderr) || 0);
      return [Math.max(0, row._overall - half), Math.min(100, row._overall + half)];
    });
    var codingSpans = codingOnly.map(function (row) {
      var score = num(row.dataset.coding);
      var low = num(row.dataset.low), high = num(row.dataset.high);
      return [low === null ? score : low, high === null ? score : high];
    });
    [spans, codingSpans].forEach(function (block) {
      var offset = groups.length ? groups[groups.length - 1] : 0;
      tieGroups(block).forEach(function (g) { groups.push(offset + g); });
    });
    Array.prototype.push.apply(ranked, withOverall.concat(codingOnly));
  }
  function tieGroups(spans) {
    var groups = [];
    spans.forEach(function (span, i) {
      if (i === 0) groups.push(1);
      else groups.push(span[1] >= spans[i - 1][0] ? groups[i - 1] : groups[i - 1] + 1);
    });
    return groups;
  }
  function setRank(row, rank, group) {
    var c = cell(row, "rank");
    c.dataset.sort = rank === null ? "" : String(rank);
    c.querySelector(".rank-no").textContent = rank === null ? "\u2014" : String(rank);
    var tie = c.querySelector(".tie");
    if (tie) tie.remove();
    if (group !== null) {
      tie = document.createElement("span");
      tie.className = "tie";
      tie.title = "Tie group " + group + ": models whose intervals overlap";
      tie.textContent = "T" + group;
      c.appendChild(document.createTextNode(" "));
      c.appendChild(tie);
    }
  }

  // Sort: numbers as numbers, text as text, missing values last in both directions.
  function sortRows() {
    var key = ordering.replace(/^-/, "") || "rank";
    var descending = ordering.charAt(0) === "-";
    var index = columnIndex(key);
    var numeric = table.tHead.rows[0].cells[index].classList.contains("num");
    var list = rows();
    // Ties keep the snapshot order (rank, unranked last, then name), as the API's CSV does.
    var byName = function (a, b) {
      var x = num(a.cells[0].dataset.sort), y = num(b.cells[0].dataset.sort);
      if (x !== y) return x === null ? 1 : y === null ? -1 : x - y;
      return a.cells[1].dataset.sort < b.cells[1].dataset.sort ? -1 : a.cells[1].dataset.sort > b.cells[1].dataset.sort ? 1 : 0;
    };
    list.sort(function (a, b) {
      var x = a.cells[index].dataset.sort, y = b.cells[index].dataset.sort;
      if (x === "" || y === "") return x === y ? byName(a, b) : (x === "" ? 1 : -1);
      var d = numeric ? parseFloat(x) - parseFloat(y) : (x < y ? -1 : x > y ? 1 : 0);
      if (descending) d = -d;
      return d || byName(a, b);
    });
    list.forEach(function (row) { tbody.appendChild(row); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
      th.setAttribute("aria-sort", th.dataset.key === key ? (descending ? "descending" : "ascending") : "none");
    });
  }

  // The URL and the CSV link carry exactly the current view.
  function syncUrl(w) {
    var params = new URLSearchParams(window.location.search);
    PARTS.forEach(function (p) { params.delete("w_" + p); });
    params.delete("ordering");
    if (ordering) params.set("ordering", ordering);
    if (w && customWeights(w)) PARTS.forEach(function (p) { params.set("w_" + p, String(+w[p].toFixed(4))); });
    var query = params.toString();
    window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : ""));
    // The API orders by the same keys except freshness; for that one the CSV keeps rank order.
    var apiOrderings = (table.dataset.apiOrderings || "").split(" ");
    if (ordering && apiOrderings.indexOf(ordering.replace(/^-/, "")) < 0) params.delete("ordering");
    var csvQuery = params.toString();
    if (csvLink) csvLink.href = csvLink.pathname + (csvQuery ? "?" + csvQuery : "");
    if (form && form.elements.ordering) form.elements.ordering.value = ordering;
  }

  function onWeights() {
    var w = weights();
    sliders().forEach(function (s, i) {
      document.getElementById("out-" + PARTS[i]).textContent = w ? Math.round(w[PARTS[i]] * 100) + "%" : "0%";
    });
    if (!w) return;  // all zero: keep the last valid ranking
    rerank(w);
    sortRows();
    syncUrl(w);
  }

  table.tHead.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-sort]");
    if (!button) return;
    var key = button.dataset.sort;
    var current = ordering.replace(/^-/, "") || "rank";
    var descending = ordering.charAt(0) === "-";
    ordering = key === current ? (descending ? key : "-" + key) : key;
    sortRows();
    syncUrl(weights());
  });
  sliders().forEach(function (s) { s.addEventListener("input", onWeights); });
  if (form) {
    Array.prototype.forEach.call(form.querySelectorAll("[data-autosubmit]"), function (el) {
      el.addEventListener("change", function () { form.requestSubmit ? form.requestSubmit() : form.submit(); });
    });
    // Submit only what differs from the defaults, so a shared URL stays short.
    form.addEventListener("formdata", function (event) {
      var w = weights();
      var data = event.formData;
      Array.from(data.keys()).forEach(function (k) { if (data.get(k) === "") data.delete(k); });
      if (!w || !customWeights(w)) PARTS.forEach(function (p) { data.delete("w_" + p); });
    });
  }
  // On a phone the controls start folded unless a filter is in use, so the table is in view.
  var controls = document.getElementById("controls");
  if (controls && window.matchMedia("(max-width: 640px)").matches && !/[?&](provider|open_weights|min_|max_|search)/.test(window.location.search)) {
    controls.open = false;
  }
  table.classList.add("js-sortable");
})();
