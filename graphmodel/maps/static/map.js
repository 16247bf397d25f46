/* The map page's behaviour. It draws the laid-out network (positions come from the server),
   builds the legend and filters, the date control, the region and entity pickers, the table
   of what is shown, keyboard navigation, the details panel with citations, and the
   whole-map SVG and PNG (title, date, legend, sources) that print and save.
   A served page redraws through its own server (/maps/{view}/drawing, the same as_of rule
   as every answer); an exported file filters its own facts by date with the simple rule:
   a fact holds at D if it started by the end of D and had not ended by its start.
   Nothing else is requested. */
(function () {
  "use strict";
  var initial = JSON.parse(document.getElementById("map-data").textContent);
  var body = document.body;
  var served = !!initial.meta.served;
  var apiBase = initial.meta.api_base;
  var SVGNS = "http://www.w3.org/2000/svg";
  var data = null;
  var details = null;
  var drawCount = 0;
  var unchecked = { kind: {}, type: {}, status: {}, lifecycle: {} };
  var state = {
    view: initial.meta.view,
    region: initial.meta.region || "",
    entity: initial.meta.entity || "",
    as_of: served ? initial.meta.as_of || "" : initial.meta.open_at || "",
    size: initial.meta.size_by && initial.meta.size_by !== "degree" && initial.meta.size_by !== "leads" ? initial.meta.size_by : ""
  };
  var dates = initial.dates.slice();
  // Kept as given in the address: also facts whose start is unstated and first reported later.
  if (served && /[?&]include_unstated=(true|1)/.test(location.search)) state.include_unstated = "true";

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function svgEl(tag, attrs) {
    var node = document.createElementNS(SVGNS, tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    return node;
  }
  function words(value) { return String(value).replace(/_/g, " "); }
  // A date with how it is known (stated, inferred, first reported): docs/time-and-money.md.
  function dated(value, basis) { return value ? value + (basis ? " (" + words(basis) + ")" : "") : null; }
  function esc(text) {
    return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }
  function status(text) { document.getElementById("status").textContent = text || ""; }

  // ---- time -----------------------------------------------------------------------
  function periodStart(d) { var p = d.split("-"); while (p.length < 3) p.push("01"); return p.join("-"); }
  function periodEnd(d) {
    var p = d.split("-");
    if (p.length === 1) return p[0] + "-12-31";
    if (p.length === 2) {
      var last = new Date(Date.UTC(+p[0], +p[1], 0)).getUTCDate();
      return p[0] + "-" + p[1] + "-" + (last < 10 ? "0" : "") + last;
    }
    return d;
  }
  function holdsAt(item, d) {
    if (!d) return true;
    return (!item.t_from || item.t_from <= periodEnd(d)) && (!item.t_to || item.t_to > periodStart(d));
  }

  // ---- the network ----------------------------------------------------------------
  var nodes = new vis.DataSet([]);
  var edges = new vis.DataSet([]);
  var container = document.getElementById("network");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, initial.options);
  network.on("beforeDrawing", function (ctx) {
    // A white background, so that nothing drawn is transparent.
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, ctx.canvas.width, ctx.canvas.height);
    ctx.restore();
  });

  function visibleIds() {
    var ids = [];
    nodes.forEach(function (n) { if (!n.hidden) ids.push(n.id); });
    return ids;
  }
  function visibleEdges() {
    var shown = {};
    visibleIds().forEach(function (id) { shown[id] = true; });
    var list = [];
    edges.forEach(function (e) { if (!e.hidden && shown[e.from] && shown[e.to]) list.push(e); });
    return list;
  }

  function markDrawn() {
    network.once("afterDrawing", function () {
      var n = visibleIds().length, e = visibleEdges().length;
      body.setAttribute("data-rendered-nodes", String(n));
      body.setAttribute("data-rendered-edges", String(e));
      document.getElementById("count-nodes").textContent = n;
      document.getElementById("count-edges").textContent = e;
      document.getElementById("empty").hidden = n > 0;
      drawCount += 1;
      body.setAttribute("data-drawn", String(drawCount));
      body.setAttribute("data-as-of", state.as_of || "");
      body.setAttribute("data-map-ready", "true");
    });
    network.redraw();
  }

  // The opening view: the whole map if its labels are then large enough, else the top-left
  // part at the smallest zoom where they are (the rest is a pan or "Whole map" away).
  function defaultView() {
    var ids = visibleIds();
    if (!ids.length) return;
    network.fit({ nodes: ids, animation: false });
    var min = data.meta.min_scale;
    var scale = network.getScale();
    if (scale >= min) {
      if (scale > 1.5) network.moveTo({ scale: 1.5, animation: false });
      return;
    }
    var left = Infinity, top = Infinity;
    ids.forEach(function (id) {
      var b = network.getBoundingBox(id);
      left = Math.min(left, b.left);
      top = Math.min(top, b.top);
    });
    var w = container.clientWidth, h = container.clientHeight;
    network.moveTo({ position: { x: left - 20 + w / 2 / min, y: top - 20 + h / 2 / min }, scale: min, animation: false });
  }

  // ---- legend and filters ---------------------------------------------------------
  function shapeIcon(shape, colour) {
    var s = svgEl("svg", { width: 18, height: 18, viewBox: "0 0 18 18", "aria-hidden": "true", focusable: "false" });
    s.appendChild(svgEl("path", { d: shapePath(shape, 9, 9, 7), fill: colour, stroke: "#333", "stroke-width": "0.6" }));
    return s;
  }
  function lineIcon(colour, dashes) {
    var s = svgEl("svg", { width: 32, height: 10, viewBox: "0 0 32 10", "aria-hidden": "true", focusable: "false" });
    var line = { x1: 1, y1: 5, x2: 25, y2: 5, stroke: colour, "stroke-width": 2 };
    if (dashes) line["stroke-dasharray"] = dashes.join(" ");
    s.appendChild(svgEl("line", line));
    s.appendChild(svgEl("polygon", { points: "30,5 24,1 24,9", fill: colour }));
    return s;
  }
  function fieldset(filter, title, rows) {
    if (!rows.length) return null;
    var box = el("fieldset", { class: "filter", "data-filter": filter });
    box.appendChild(el("legend", {}, title));
    rows.forEach(function (r) {
      var label = el("label", r.description ? { title: r.description } : {});
      var input = el("input", { type: "checkbox", value: r.id });
      input.checked = !unchecked[filter][r.id];
      input.addEventListener("change", function () {
        if (input.checked) delete unchecked[filter][r.id]; else unchecked[filter][r.id] = true;
        applyFilters();
      });
      label.appendChild(input);
      if (r.icon) label.appendChild(r.icon);
      label.appendChild(document.createTextNode(" " + r.label));
      box.appendChild(label);
    });
    return box;
  }
  function buildLegend() {
    var legend = document.getElementById("legend");
    legend.textContent = "";
    var L = data.legend;
    [
      fieldset("kind", "Kinds", L.kinds.map(function (k) { return { id: k.id, label: k.label, description: k.description, icon: shapeIcon(k.shape, k.colour) }; })),
      fieldset("type", "Relationships", L.relationships.map(function (r) { return { id: r.id, label: r.label, description: r.description, icon: lineIcon(r.colour, null) }; })),
      fieldset("status", "Status", L.statuses.map(function (s) { return { id: s.id, label: s.label, description: s.description + " (drawn " + s.style + ")", icon: lineIcon("#555", s.dashes) }; })),
      fieldset("lifecycle", "Entity status", L.lifecycle.map(function (s) { return { id: s, label: words(s) }; }))
    ].forEach(function (f) { if (f) legend.appendChild(f); });
    document.getElementById("size-hint").textContent = "Size: " + data.meta.size_text + ".";
    document.getElementById("about").textContent = data.meta.description || "";
  }

  function applyFilters() {
    var nodeOn = {};
    data.nodes.forEach(function (n) {
      nodeOn[n.id] = !unchecked.kind[n.kind] && !(n.status && unchecked.lifecycle[n.status]) &&
        (served || holdsAt(n, state.as_of));
    });
    var degree = {}, kept = {};
    var edgeUpdates = data.edges.map(function (e) {
      var on = !unchecked.type[e.type] && !(e.status && unchecked.status[e.status]) && (served || holdsAt(e, state.as_of));
      degree[e.from] = (degree[e.from] || 0) + 1;
      degree[e.to] = (degree[e.to] || 0) + 1;
      if (on && nodeOn[e.from] && nodeOn[e.to]) { kept[e.from] = true; kept[e.to] = true; }
      return { id: e.id, hidden: !on };
    });
    // A node whose every line is filtered away goes too; a node that never had one stays.
    var nodeUpdates = data.nodes.map(function (n) {
      var on = nodeOn[n.id] && (!degree[n.id] || kept[n.id] || data.meta.entity === n.id);
      return { id: n.id, hidden: !on };
    });
    nodes.update(nodeUpdates);
    edges.update(edgeUpdates);
    buildTable();
    markDrawn();
  }

  // ---- header, date control, pickers, URL -------------------------------------------
  function dateText() { return state.as_of ? "as of " + state.as_of : "all dates"; }
  function updateHeader() {
    document.getElementById("map-title").textContent = data.meta.title;
    document.getElementById("map-subtitle").textContent = data.meta.subtitle || "";
    var note = document.getElementById("time-note");
    note.textContent = served ? data.meta.time_note || "" : "";
    note.hidden = !note.textContent;
    document.getElementById("as-of-text").textContent = dateText();
    document.title = data.meta.title + (data.meta.subtitle ? " " + data.meta.subtitle : "") + " · " + dateText() + " · police collaboration map";
    document.getElementById("empty-text").textContent = data.meta.empty_reason || "Nothing on this map holds " + dateText() + ". Try another date.";
    var links = data.meta.download_links || {};
    document.querySelectorAll("a.download[data-format]").forEach(function (a) {
      var href = links[a.getAttribute("data-format")];
      if (href) a.setAttribute("href", href);
    });
  }

  var range = document.getElementById("date-range");
  function syncDateControl() {
    dates = dates.concat((data.dates || []).filter(function (d) { return dates.indexOf(d) < 0; })).sort();
    if (state.as_of && dates.indexOf(state.as_of) < 0) dates = dates.concat([state.as_of]).sort();
    range.max = String(dates.length);
    range.value = String(state.as_of ? dates.indexOf(state.as_of) : dates.length);
    var text = dateText();
    range.setAttribute("aria-valuetext", text);
    document.getElementById("date-value").textContent = text;
  }
  function setDate(value) {
    state.as_of = value || "";
    syncDateControl();
    // An exported file hides what does not hold and opens the view on what is left.
    if (served) reload(); else { applyFilters(); defaultView(); updateHeader(); writeUrl(); }
  }
  function stepDate(delta, yearsOnly) {
    var i = state.as_of ? dates.indexOf(state.as_of) : dates.length;
    for (var j = i + delta; j >= 0 && j <= dates.length; j += delta) {
      if (j === dates.length) { setDate(""); return; }
      if (!yearsOnly || /^\d{4}$/.test(dates[j])) { setDate(dates[j]); return; }
    }
  }
  range.addEventListener("input", function () {
    var i = +range.value;
    document.getElementById("date-value").textContent = i >= dates.length ? "all dates" : "as of " + dates[i];
  });
  range.addEventListener("change", function () { var i = +range.value; setDate(i >= dates.length ? "" : dates[i]); });
  document.getElementById("date-back").addEventListener("click", function () { stepDate(-1, false); });
  document.getElementById("date-next").addEventListener("click", function () { stepDate(1, false); });
  document.getElementById("year-back").addEventListener("click", function () { stepDate(-1, true); });
  document.getElementById("year-next").addEventListener("click", function () { stepDate(1, true); });
  document.getElementById("date-all").addEventListener("click", function () { setDate(""); });
  document.getElementById("controls").addEventListener("submit", function (e) { e.preventDefault(); });

  function query() {
    var parts = [];
    ["region", "entity", "as_of", "size", "include_unstated"].forEach(function (k) {
      if (state[k]) parts.push(k + "=" + encodeURIComponent(state[k]));
    });
    return parts.join("&");
  }
  function writeUrl() {
    if (served) {
      var q = query();
      history.replaceState(null, "", apiBase + "/maps/" + state.view + (q ? "?" + q : ""));
    } else {
      history.replaceState(null, "", state.as_of ? "#as_of=" + encodeURIComponent(state.as_of) : "#");
    }
  }

  var pending = 0;
  function reload() {
    var ticket = ++pending;
    var q = query();
    status("Drawing…");
    fetch(apiBase + "/maps/" + state.view + "/drawing" + (q ? "?" + q : ""), { headers: { Accept: "application/json" } })
      .then(function (r) { return r.json().then(function (j) { return { ok: r.ok, body: j }; }); })
      .then(function (res) {
        if (ticket !== pending) return;
        if (!res.ok) {
          var d = res.body.detail;
          status(Array.isArray(d) ? d.map(function (x) { return (x.loc || []).slice(-1)[0] + ": " + x.msg; }).join("; ") : String(d));
          return;
        }
        status("");
        draw(res.body);
        writeUrl();
      })
      .catch(function () { if (ticket === pending) status("The server did not answer."); });
  }

  if (served) {
    var pickView = document.getElementById("pick-view");
    var pickRegion = document.getElementById("pick-region");
    var pickEntity = document.getElementById("pick-entity");
    pickView.addEventListener("change", function () {
      state.view = pickView.value;
      if (state.view === "neighbourhood" && !state.entity) { status("Pick an entity to draw its neighbourhood."); pickEntity.focus(); return; }
      reload();
    });
    pickRegion.addEventListener("change", function () { state.region = pickRegion.value; reload(); });
    // An id, or a name as the list gives it; anything else is answered here, not by a request.
    var choices = Array.prototype.map.call(document.querySelectorAll("#entity-list option"), function (o) {
      return { id: o.value, name: o.textContent.replace(/ \([^()]*\)$/, "").toLowerCase() };
    });
    function resolveEntity(text) {
      var t = text.trim().toLowerCase();
      if (!t) return "";
      var hit = choices.filter(function (c) { return c.id === t; })[0] ||
        choices.filter(function (c) { return c.name === t; })[0] ||
        choices.filter(function (c) { return c.name.indexOf(t) === 0; })[0];
      return hit ? hit.id : null;
    }
    pickEntity.addEventListener("change", function () {
      var id = resolveEntity(pickEntity.value);
      if (id === null) { status("No entity called “" + pickEntity.value.trim() + "”: pick one from the list."); return; }
      pickEntity.value = id;
      state.entity = id;
      if (state.view === "neighbourhood" && !state.entity) { status("Pick an entity to draw its neighbourhood."); return; }
      reload();
    });
  }

  // ---- search ---------------------------------------------------------------------
  var input = document.getElementById("search");
  var list = document.getElementById("search-results");
  var current = [];
  function find(text) {
    var q = text.trim().toLowerCase();
    if (!q) return [];
    var found = [];
    visibleIds().forEach(function (id) {
      var d = details.nodes[id] || {};
      var names = [id, d.name || ""].concat(d.aliases || []).map(function (s) { return s.toLowerCase(); });
      var rank = 9;
      names.forEach(function (s) {
        if (s === q) rank = Math.min(rank, 0);
        else if (s.indexOf(q) === 0) rank = Math.min(rank, 1);
        else if (s.indexOf(" " + q) >= 0 || s.indexOf("(" + q) >= 0) rank = Math.min(rank, 2);
        else if (s.indexOf(q) >= 0) rank = Math.min(rank, 3);
      });
      if (rank < 9) found.push({ id: id, name: d.name || id, kind: d.kind, rank: rank });
    });
    found.sort(function (a, b) { return a.rank - b.rank || a.name.length - b.name.length || (a.name < b.name ? -1 : 1); });
    return found.slice(0, 10);
  }
  function showResults() {
    current = find(input.value);
    list.textContent = "";
    current.forEach(function (k, i) {
      var li = el("li", { role: "option", "data-id": k.id, "aria-selected": i === 0 ? "true" : "false" }, k.name + " ");
      li.appendChild(el("small", {}, words(k.kind || "")));
      li.addEventListener("mousedown", function (event) { event.preventDefault(); focusNode(k.id); });
      list.appendChild(li);
    });
    if (input.value.trim() && !current.length) list.appendChild(el("li", { class: "none", role: "option", "aria-selected": "false" }, "No entity on this map has that name"));
    list.hidden = !input.value.trim();
  }
  input.addEventListener("input", showResults);
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && current.length) { event.preventDefault(); focusNode(current[0].id); }
    if (event.key === "Escape") { list.hidden = true; }
  });
  input.addEventListener("blur", function () { list.hidden = true; });

  var focused = null;
  function announce(id) {
    var d = details.nodes[id] || {};
    var n = network.getConnectedEdges(id).filter(function (e) { var x = edges.get(e); return x && !x.hidden; }).length;
    document.getElementById("focus-text").textContent = (d.name || id) + ", " + words(d.kind || "") + ", " + n + " relationships on the map";
  }
  function keepInView(id) {
    var p = network.canvasToDOM(network.getPositions([id])[id]);
    var w = container.clientWidth, h = container.clientHeight;
    if (p.x < 40 || p.y < 40 || p.x > w - 40 || p.y > h - 40) {
      network.moveTo({ position: network.getPositions([id])[id], scale: network.getScale(), animation: false });
    }
  }
  function selectNode(id) {
    focused = id;
    network.selectNodes([id]);
    keepInView(id);
    announce(id);
    body.setAttribute("data-focused", id);
  }
  function focusNode(id) {
    list.hidden = true;
    var node = nodes.get(id);
    if (!node) return;
    if (node.hidden) nodes.update({ id: id, hidden: false });
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1.1), animation: false });
    focused = id;
    announce(id);
    showNode(id);
    body.setAttribute("data-focused", id);
  }

  // ---- keyboard on the map ----------------------------------------------------------
  function nearestInDirection(from, dx, dy) {
    var ids = visibleIds();
    var pos = network.getPositions(ids);
    var best = null, bestScore = Infinity;
    ids.forEach(function (id) {
      if (id === from) return;
      var vx = pos[id].x - pos[from].x, vy = pos[id].y - pos[from].y;
      var along = vx * dx + vy * dy, across = Math.abs(vx * dy - vy * dx);
      if (along <= 0 || across > 2.5 * along) return;
      var score = along + 2 * across;
      if (score < bestScore) { bestScore = score; best = id; }
    });
    return best;
  }
  function nearestToCentre() {
    var ids = visibleIds();
    var centre = network.getViewPosition();
    var pos = network.getPositions(ids);
    var best = null, bestD = Infinity;
    ids.forEach(function (id) {
      var d = Math.hypot(pos[id].x - centre.x, pos[id].y - centre.y);
      if (d < bestD || (d === bestD && id < best)) { bestD = d; best = id; }
    });
    return best;
  }
  var arrows = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
  container.addEventListener("keydown", function (event) {
    if (!visibleIds().length) return;
    if (arrows[event.key]) {
      event.preventDefault();
      var from = focused && nodes.get(focused) && !nodes.get(focused).hidden ? focused : null;
      var next = from ? nearestInDirection(from, arrows[event.key][0], arrows[event.key][1]) : nearestToCentre();
      if (next) selectNode(next);
    } else if ((event.key === "Enter" || event.key === " ") && focused) {
      event.preventDefault();
      showNode(focused);
    } else if (event.key === "Escape") {
      panel.hidden = true;
    } else if (event.key === "+" || event.key === "=") {
      network.moveTo({ scale: network.getScale() * 1.25 });
    } else if (event.key === "-") {
      network.moveTo({ scale: network.getScale() / 1.25 });
    } else if (event.key === "0") {
      network.fit({ animation: false });
    }
  });
  container.addEventListener("focus", function () {
    if (!focused && visibleIds().length) selectNode(nearestToCentre());
  });

  // ---- details panel ----------------------------------------------------------------
  var panel = document.getElementById("panel");
  var panelBody = document.getElementById("panel-body");
  document.getElementById("panel-close").addEventListener("click", function () { panel.hidden = true; network.redraw(); });

  function table(rows) {
    var t = el("table");
    rows.forEach(function (r) {
      if (r[1] === null || r[1] === undefined || r[1] === "" || (Array.isArray(r[1]) && !r[1].length)) return;
      var tr = el("tr");
      tr.appendChild(el("th", { scope: "row" }, r[0]));
      tr.appendChild(el("td", {}, Array.isArray(r[1]) ? r[1].join(", ") : r[1]));
      t.appendChild(tr);
    });
    return t;
  }
  function sourceText(s) {
    var doc = data.documents[s.document] || {};
    return (s.ref ? "¶ " + s.ref + " " : "") + (doc.title ? doc.title + " · " : "") + s.document + (doc.date ? " (" + doc.date + ")" : "");
  }
  function citations(sources) {
    var wrap = el("section", { class: "sources" });
    wrap.appendChild(el("h3", {}, "Sources"));
    var ul = el("ul", { class: "citations" });
    (sources || []).forEach(function (s) {
      var doc = data.documents[s.document] || {};
      var li = el("li", { "data-document": s.document, "data-ref": s.ref || "" });
      li.appendChild(el("span", { class: "ref" }, s.ref ? "¶ " + s.ref : "(whole document)"));
      li.appendChild(document.createTextNode(" "));
      li.appendChild(el("span", { class: "doc" }, (doc.title ? doc.title + " · " : "") + s.document + (doc.date ? " (" + doc.date + ")" : "")));
      ul.appendChild(li);
    });
    if (!(sources || []).length) ul.appendChild(el("li", {}, "no citation"));
    wrap.appendChild(ul);
    return wrap;
  }
  function jsonLink(id, label) {
    var path = "/api/entities/" + encodeURIComponent(id);
    if (apiBase === null || apiBase === undefined) {
      return el("span", { class: "json", title: "on the collabgraph server" }, label + ": GET " + path);
    }
    return el("a", { class: "json", href: apiBase + path, target: "_blank", rel: "noopener" }, label + " (JSON)");
  }
  function open(content) {
    panelBody.textContent = "";
    content.forEach(function (c) { panelBody.appendChild(c); });
    panel.hidden = false;
  }
  // Money figures of an entity and their totals, as graphmodel/money.py's one rule made them.
  function money(m) {
    if (!m) return [];
    var amount = function (f) { return Math.round(f.amount).toLocaleString("en-GB") + " " + f.currency; };
    var rows = m.figures.map(function (f) {
      var what = words(f.kind) + " " + f.period + " (" + words(f.basis) + (f.cash ? ", " + words(f.cash) : "") + ")";
      var flags = (f.hypothetical ? " — estimate, not incurred" : "") + (f.part_of ? " — part of " + f.part_of : "");
      return [what, amount(f) + flags];
    });
    m.totals.forEach(function (t) {
      if (t.total !== null && t.count > 1) rows.push(["total " + words(t.kind) + " " + t.period, Math.round(t.total).toLocaleString("en-GB") + " " + t.currency + " (adds " + t.adds.join(", ") + ")"]);
      t.left_out.forEach(function (o) { rows.push(["not added: " + o.id, o.why]); });
    });
    return [el("h3", {}, "Money"), table(rows)];
  }
  function showNode(id) {
    var d = details.nodes[id];
    if (!d) return;
    var badge = el("span", { class: "kind" }, words(d.kind || ""));
    var props = [["id", id], ["also called", d.aliases], ["status", d.status ? words(d.status) : null], ["from", dated(d.valid_from, d.from_basis)], ["until", dated(d.valid_to, d.to_basis)]];
    Object.keys(d.properties || {}).sort().forEach(function (k) {
      var v = d.properties[k];
      props.push([words(k), Array.isArray(v) ? v.join(", ") : v]);
    });
    props.push(["relationships here", network.getConnectedEdges(id).length]);
    props.push(["size shows", data.meta.size_text + ": " + ((nodes.get(id) || {}).weight || 0)]);
    open([el("h2", {}, d.name), badge, table(props)].concat(money(d.money), [citations(d.sources), jsonLink(id, "Entity")]));
    panel.setAttribute("data-kind", "node");
    panel.setAttribute("data-id", id);
  }
  function showEdge(id) {
    var d = details.edges[id];
    if (!d) return;
    var from = details.nodes[d.from] || { name: d.from }, to = details.nodes[d.to] || { name: d.to };
    var badge = el("span", { class: "kind" }, words(d.type).toLowerCase());
    var rows = [["from", from.name], ["to", to.name]];
    ["role", "status", "arrangement", "cost_share", "title", "note", "valid_from", "from_basis", "valid_to", "to_basis"].forEach(function (k) {
      if (d[k] !== undefined && d[k] !== null) rows.push([{ valid_from: "from", valid_to: "until", from_basis: "start known", to_basis: "end known", cost_share: "cost share" }[k] || k, typeof d[k] === "string" && k !== "note" && k !== "title" ? words(d[k]) : d[k]]);
    });
    open([el("h2", {}, from.name + " → " + to.name), badge, table(rows), citations(d.sources), jsonLink(d.from, from.name), jsonLink(d.to, to.name)]);
    panel.setAttribute("data-kind", "edge");
    panel.setAttribute("data-id", id);
  }
  network.on("click", function (params) {
    if (params.nodes.length) { focused = params.nodes[0]; showNode(params.nodes[0]); }
    else if (params.edges.length) showEdge(params.edges[0]);
    else panel.hidden = true;
  });

  // ---- the table: a text alternative to the picture ---------------------------------
  function buildTable() {
    var wrap = document.getElementById("table-body");
    wrap.textContent = "";
    var ids = visibleIds().sort(function (a, b) { return (details.nodes[a].name || a).localeCompare(details.nodes[b].name || b); });
    var t1 = el("table", { class: "alt", id: "table-entities" });
    t1.appendChild(el("caption", {}, "Entities (" + ids.length + ")"));
    var h1 = el("tr");
    ["Entity", "Kind", data.meta.size_text ? "Size: " + data.meta.size_text : "Size", "Sources"].forEach(function (h) { h1.appendChild(el("th", { scope: "col" }, h)); });
    t1.appendChild(h1);
    ids.forEach(function (id) {
      var d = details.nodes[id];
      var tr = el("tr", { "data-id": id });
      var cell = el("td");
      var button = el("button", { type: "button", class: "linkish" }, d.name);
      button.addEventListener("click", function () { focusNode(id); container.focus(); });
      cell.appendChild(button);
      tr.appendChild(cell);
      tr.appendChild(el("td", {}, words(d.kind || "")));
      tr.appendChild(el("td", {}, (nodes.get(id) || {}).weight || 0));
      tr.appendChild(el("td", {}, (d.sources || []).map(sourceText).join("; ")));
      t1.appendChild(tr);
    });
    var shown = visibleEdges();
    var t2 = el("table", { class: "alt", id: "table-relationships" });
    t2.appendChild(el("caption", {}, "Relationships (" + shown.length + ")"));
    var h2 = el("tr");
    ["From", "Relationship", "To", "Dates", "Sources"].forEach(function (h) { h2.appendChild(el("th", { scope: "col" }, h)); });
    t2.appendChild(h2);
    shown.forEach(function (e) {
      var d = details.edges[e.id];
      var tr = el("tr", { "data-id": e.id });
      tr.appendChild(el("td", {}, details.nodes[d.from].name));
      tr.appendChild(el("td", {}, words(d.type).toLowerCase() + (e.label ? " (" + e.label + ")" : "")));
      tr.appendChild(el("td", {}, details.nodes[d.to].name));
      tr.appendChild(el("td", {}, [d.valid_from ? "from " + d.valid_from : "", d.valid_to ? "until " + d.valid_to : ""].filter(Boolean).join(" ")));
      tr.appendChild(el("td", {}, (d.sources || []).map(sourceText).join("; ")));
      t2.appendChild(tr);
    });
    if (data.meta.view === "participation") wrap.appendChild(matrix(shown));
    wrap.appendChild(t1);
    wrap.appendChild(t2);
  }

  // Participation as a matrix: a row per collaboration, a column per participant.
  var MARKS = { member: "✓", proposed: "proposed", to_be_confirmed: "tbc", not_participating: "✗", declined: "✗", withdrawn: "left", former: "left" };
  function matrix(shown) {
    var cols = {}, rows = {}, cell = {};
    shown.forEach(function (e) {
      if (e.type !== "PARTICIPATES_IN") return;
      cols[e.from] = true; rows[e.to] = true;
      cell[e.to + "\u0000" + e.from] = e.status || "member";
    });
    function byName(a, b) { return (details.nodes[a].name || a).localeCompare(details.nodes[b].name || b); }
    var colIds = Object.keys(cols).sort(byName), rowIds = Object.keys(rows).sort(byName);
    var t = el("table", { class: "alt matrix", id: "table-matrix" });
    t.appendChild(el("caption", {}, "Who takes part in what (" + rowIds.length + " collaborations × " + colIds.length + " participants; ✓ member, ✗ not participating or declined)"));
    var head = el("tr");
    head.appendChild(el("th", { scope: "col" }, "Collaboration"));
    colIds.forEach(function (c) { head.appendChild(el("th", { scope: "col" }, details.nodes[c].name)); });
    t.appendChild(head);
    rowIds.forEach(function (r) {
      var tr = el("tr", { "data-id": r });
      tr.appendChild(el("th", { scope: "row" }, details.nodes[r].name));
      colIds.forEach(function (c) {
        var st = cell[r + "\u0000" + c];
        tr.appendChild(el("td", st ? { "data-status": st, title: words(st) } : {}, st ? MARKS[st] || words(st) : ""));
      });
      t.appendChild(tr);
    });
    return t;
  }

  // ---- the whole map as SVG and PNG (title, date, legend, sources) ---------------------
  function shapePath(shape, x, y, r) {
    function poly(points) { return "M" + points.map(function (p) { return (x + p[0] * r).toFixed(1) + "," + (y + p[1] * r).toFixed(1); }).join("L") + "Z"; }
    switch (shape) {
      case "square": return poly([[-1, -1], [1, -1], [1, 1], [-1, 1]]);
      case "diamond": return poly([[0, -1], [1, 0], [0, 1], [-1, 0]]);
      case "triangle": return poly([[0, -1.1], [1, 0.75], [-1, 0.75]]);
      case "triangleDown": return poly([[-1, -0.75], [1, -0.75], [0, 1.1]]);
      case "hexagon": return poly([[-0.5, -0.87], [0.5, -0.87], [1, 0], [0.5, 0.87], [-0.5, 0.87], [-1, 0]]);
      case "star":
        var pts = [];
        for (var i = 0; i < 10; i++) {
          var a = -Math.PI / 2 + (i * Math.PI) / 5, rr = i % 2 ? 0.45 : 1;
          pts.push([Math.cos(a) * rr, Math.sin(a) * rr]);
        }
        return poly(pts);
      default:
        return "M" + (x - r) + "," + y + "a" + r + "," + r + " 0 1,0 " + 2 * r + ",0a" + r + "," + r + " 0 1,0 " + -2 * r + ",0Z";
    }
  }
  function citedDocuments() {
    var cited = {};
    function add(sources) { (sources || []).forEach(function (s) { cited[s.document] = (cited[s.document] || 0) + 1; }); }
    visibleIds().forEach(function (id) { add(details.nodes[id].sources); });
    visibleEdges().forEach(function (e) { add(details.edges[e.id].sources); });
    return Object.keys(cited).sort().map(function (id) { return { id: id, count: cited[id], doc: data.documents[id] || {} }; });
  }
  function wholeSvg() {
    var ids = visibleIds();
    var pos = network.getPositions(ids);
    var left = Infinity, top = Infinity, right = -Infinity, bottom = -Infinity;
    ids.forEach(function (id) {
      var b = network.getBoundingBox(id);
      left = Math.min(left, b.left); top = Math.min(top, b.top); right = Math.max(right, b.right); bottom = Math.max(bottom, b.bottom);
    });
    if (!ids.length) { left = top = 0; right = bottom = 200; }
    var pad = 30, headH = 96, legendW = 330;
    var mapW = right - left + 2 * pad, mapH = bottom - top + 2 * pad;
    var docs = citedDocuments();
    var L = data.legend;
    var legendRows = L.kinds.length + L.relationships.length + L.statuses.length;
    var legendH = 60 + legendRows * 24 + 3 * 30 + 40;
    var sourcesH = 50 + docs.length * 22;
    var W = Math.max(900, mapW + legendW + 20);
    var H = headH + Math.max(mapH, legendH) + sourcesH + 20;
    var dx = pad - left, dy = headH + pad - top;
    var out = [];
    out.push('<svg xmlns="http://www.w3.org/2000/svg" width="' + Math.ceil(W) + '" height="' + Math.ceil(H) + '" viewBox="0 0 ' + Math.ceil(W) + " " + Math.ceil(H) + '" font-family="DejaVu Sans, Arial, sans-serif">');
    out.push('<title>' + esc(data.meta.title + " " + (data.meta.subtitle || "") + " " + dateText()) + "</title>");
    out.push('<rect width="100%" height="100%" fill="#ffffff"/>');
    out.push('<rect x="0" y="0" width="' + Math.ceil(W) + '" height="' + (headH - 14) + '" fill="#1f2d3d"/>');
    out.push('<text class="map-title" x="20" y="36" font-size="26" font-weight="bold" fill="#ffffff">' + esc(data.meta.title + (data.meta.subtitle ? " " + data.meta.subtitle : "")) + "</text>");
    out.push('<text class="map-date" x="20" y="66" font-size="16" fill="#e3e9ef">' + esc(dateText() + " · " + ids.length + " entities · " + visibleEdges().length + " relationships · police collaboration graph") + "</text>");
    var colours = {};
    visibleEdges().forEach(function (e) { colours[e.color] = true; });
    out.push("<defs>");
    Object.keys(colours).forEach(function (c, i) {
      colours[c] = "a" + i;
      out.push('<marker id="a' + i + '" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0L10,5L0,10Z" fill="' + esc(c) + '"/></marker>');
    });
    out.push("</defs>");
    out.push('<g class="edges">');
    visibleEdges().forEach(function (e) {
      var a = pos[e.from], b = pos[e.to];
      var rb = (nodes.get(e.to).size || 10) + 2;
      var len = Math.hypot(b.x - a.x, b.y - a.y) || 1;
      var ex = b.x - ((b.x - a.x) / len) * rb, ey = b.y - ((b.y - a.y) / len) * rb;
      var dash = e.dashes && e.dashes.join ? ' stroke-dasharray="' + e.dashes.join(" ") + '"' : "";
      out.push('<line x1="' + (a.x + dx).toFixed(1) + '" y1="' + (a.y + dy).toFixed(1) + '" x2="' + (ex + dx).toFixed(1) + '" y2="' + (ey + dy).toFixed(1) + '" stroke="' + esc(e.color) + '" stroke-width="1.4"' + dash + ' marker-end="url(#' + colours[e.color] + ')"/>');
    });
    out.push("</g><g class=\"nodes\">");
    ids.forEach(function (id) {
      var n = nodes.get(id), p = pos[id];
      var x = p.x + dx, y = p.y + dy, r = n.size || 10, font = (n.font && n.font.size) || 14;
      out.push('<path d="' + shapePath(n.shape, x, y, r) + '" fill="' + esc(n.color) + '" stroke="#2c3e50" stroke-width="1"/>');
      String(n.label || "").split("\n").forEach(function (line, i) {
        out.push('<text x="' + x.toFixed(1) + '" y="' + (y + r + 6 + font * (i + 1) * 1.05).toFixed(1) + '" font-size="' + font + '" text-anchor="middle" fill="#1d2327" stroke="#ffffff" stroke-width="4" paint-order="stroke">' + esc(line) + "</text>");
      });
    });
    out.push("</g>");
    // The legend, right of the map.
    var lx = Math.max(mapW, W - legendW) + 10, ly = headH + 10;
    out.push('<g class="legend"><rect x="' + (lx - 10) + '" y="' + (ly - 6) + '" width="' + (legendW - 10) + '" height="' + legendH + '" fill="#f6f7f9" stroke="#c9d0d6"/>');
    out.push('<text x="' + lx + '" y="' + (ly + 20) + '" font-size="18" font-weight="bold" fill="#1d2327">Legend</text>');
    var y0 = ly + 50;
    function legendHead(text) { out.push('<text x="' + lx + '" y="' + y0 + '" font-size="14" font-weight="bold" fill="#1d2327">' + esc(text) + "</text>"); y0 += 24; }
    function legendRow(icon, text) { out.push(icon); out.push('<text x="' + (lx + 42) + '" y="' + (y0 + 5) + '" font-size="14" fill="#1d2327">' + esc(text) + "</text>"); y0 += 24; }
    legendHead("Kinds");
    L.kinds.forEach(function (k) { legendRow('<path d="' + shapePath(k.shape, lx + 14, y0, 8) + '" fill="' + esc(k.colour) + '" stroke="#2c3e50"/>', k.label); });
    legendHead("Relationships");
    L.relationships.forEach(function (r) { legendRow('<line x1="' + lx + '" y1="' + y0 + '" x2="' + (lx + 32) + '" y2="' + y0 + '" stroke="' + esc(r.colour) + '" stroke-width="2.5"/>', r.label); });
    if (L.statuses.length) legendHead("Status");
    L.statuses.forEach(function (s) { legendRow('<line x1="' + lx + '" y1="' + y0 + '" x2="' + (lx + 32) + '" y2="' + y0 + '" stroke="#555" stroke-width="2.5"' + (s.dashes ? ' stroke-dasharray="' + s.dashes.join(" ") + '"' : "") + "/>", s.label); });
    out.push('<text x="' + lx + '" y="' + (y0 + 6) + '" font-size="13" fill="#3d4852">' + esc("Size: " + data.meta.size_text) + "</text>");
    out.push("</g>");
    // The sources, under the map.
    var sy = headH + Math.max(mapH, legendH) + 30;
    out.push('<g class="sources"><text x="20" y="' + sy + '" font-size="18" font-weight="bold" fill="#1d2327">Sources</text>');
    docs.forEach(function (d, i) {
      var text = (d.doc.title || d.id) + (d.doc.date ? " (" + d.doc.date + ")" : "") + " · document " + d.id + " · cited " + d.count + (d.count === 1 ? " time" : " times");
      out.push('<text x="20" y="' + (sy + 26 + i * 22) + '" font-size="14" fill="#1d2327">' + esc(text) + "</text>");
    });
    out.push("</g></svg>");
    return { svg: out.join(""), width: Math.ceil(W), height: Math.ceil(H) };
  }
  function wholePng() {
    var picture = wholeSvg();
    var scale = Math.min(2, 14000 / Math.max(picture.width, picture.height));
    return new Promise(function (resolve, reject) {
      var img = new Image();
      var url = URL.createObjectURL(new Blob([picture.svg], { type: "image/svg+xml" }));
      img.onload = function () {
        var canvas = document.createElement("canvas");
        canvas.width = Math.round(picture.width * scale);
        canvas.height = Math.round(picture.height * scale);
        var ctx = canvas.getContext("2d");
        ctx.scale(scale, scale);
        ctx.drawImage(img, 0, 0, picture.width, picture.height);
        URL.revokeObjectURL(url);
        resolve(canvas.toDataURL("image/png"));
      };
      img.onerror = function () { URL.revokeObjectURL(url); reject(new Error("the map could not be drawn as an image")); };
      img.src = url;
    });
  }
  function fileName(ext) {
    return [state.view, state.entity, state.region, state.as_of].filter(Boolean).join("-") + "." + ext;
  }
  function download(href, name) {
    var a = el("a", { href: href, download: name });
    document.body.appendChild(a); a.click(); a.remove();
  }
  document.getElementById("save-png").addEventListener("click", function () {
    wholePng().then(function (url) { download(url, fileName("png")); }, function (e) { status(e.message); });
  });
  document.getElementById("save-svg").addEventListener("click", function () {
    download(URL.createObjectURL(new Blob([wholeSvg().svg], { type: "image/svg+xml" })), fileName("svg"));
  });
  function preparePrint() {
    var figure = document.getElementById("print-figure");
    figure.textContent = "";
    var img = el("img", { alt: data.meta.title + " " + dateText(), src: "data:image/svg+xml;charset=utf-8," + encodeURIComponent(wholeSvg().svg) });
    figure.appendChild(img);
  }
  window.addEventListener("beforeprint", preparePrint);
  document.getElementById("print").addEventListener("click", function () { preparePrint(); window.print(); });
  document.getElementById("fit").addEventListener("click", function () { network.fit({ animation: false }); markDrawn(); });

  // Downloads embedded in an exported file: made into files in the browser, nothing fetched.
  var types = { json: "application/json", graphml: "application/graphml+xml", gexf: "application/gexf+xml" };
  document.querySelectorAll("a[data-embedded]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      var fmt = link.getAttribute("data-embedded");
      download(URL.createObjectURL(new Blob([initial.downloads[fmt]], { type: types[fmt] || "text/plain" })), fileName(fmt));
    });
  });

  // ---- drawing a payload ------------------------------------------------------------
  function draw(payload) {
    data = payload;
    details = payload.details;
    focused = null;
    panel.hidden = true;
    nodes.clear();
    edges.clear();
    network.setOptions(payload.options);
    nodes.add(payload.nodes);
    edges.add(payload.edges);
    buildLegend();
    updateHeader();
    syncDateControl();
    applyFilters();
    defaultView();
    markDrawn();
  }

  if (!served) {
    var m = /as_of=([^&]+)/.exec(location.hash);
    if (m) state.as_of = decodeURIComponent(m[1]);
  }
  draw(initial);

  window.collabMap = {
    network: network, nodes: nodes, edges: edges, focusNode: focusNode, visibleIds: visibleIds,
    visibleEdgeIds: function () { return visibleEdges().map(function (e) { return e.id; }); },
    dates: function () { return dates.slice(); },
    wholeSvg: wholeSvg, wholePng: wholePng, preparePrint: preparePrint, setDate: setDate,
    state: state
  };
})();
