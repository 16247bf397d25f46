/* The map page's behaviour: draw the network, mark <body> once drawn and settled, then
   legend filters, search by any name, a details panel with citations, PNG and data downloads.
   Everything it needs is in the page; it makes no request. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("map-data").textContent);
  var meta = data.meta;
  var body = document.body;
  var details = data.details;

  function setRendered(nodes, edges) {
    body.setAttribute("data-rendered-nodes", String(nodes));
    body.setAttribute("data-rendered-edges", String(edges));
    document.getElementById("count-nodes").textContent = nodes;
    document.getElementById("count-edges").textContent = edges;
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function words(value) { return String(value).replace(/_/g, " "); }
  // A date with how it is known (stated, inferred, first reported): docs/time-and-money.md.
  function dated(value, basis) { return value ? value + (basis ? " (" + words(basis) + ")" : "") : null; }

  // Downloads embedded in an exported file: made into files in the browser, nothing fetched.
  var types = { json: "application/json", graphml: "application/graphml+xml", gexf: "application/gexf+xml" };
  document.querySelectorAll("a[data-embedded]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      var fmt = link.getAttribute("data-embedded");
      var blob = new Blob([data.downloads[fmt]], { type: types[fmt] || "text/plain" });
      var a = el("a", { href: URL.createObjectURL(blob), download: fileName(fmt) });
      document.body.appendChild(a); a.click(); a.remove();
    });
  });

  function fileName(ext) {
    return [meta.view, meta.entity, meta.region, meta.as_of].filter(Boolean).join("-") + "." + ext;
  }

  if (!data.nodes.length) {
    setRendered(0, 0);
    body.setAttribute("data-map-ready", "true");
    return;
  }

  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var container = document.getElementById("network");
  var progress = document.getElementById("progress");
  var physics = data.options.physics && data.options.physics.enabled;
  if (physics) progress.hidden = false;
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);

  // A white background, so a saved PNG is not transparent.
  network.on("beforeDrawing", function (ctx) {
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, ctx.canvas.width, ctx.canvas.height);
    ctx.restore();
  });

  network.on("stabilizationProgress", function (p) {
    document.getElementById("progress-value").textContent = Math.round((100 * p.iterations) / p.total);
  });

  function visibleCounts() {
    var shown = {};
    var n = 0;
    nodes.forEach(function (node) { if (!node.hidden) { shown[node.id] = true; n += 1; } });
    var e = 0;
    edges.forEach(function (edge) { if (!edge.hidden && shown[edge.from] && shown[edge.to]) e += 1; });
    return [n, e];
  }

  function markDrawn() {
    network.once("afterDrawing", function () {
      var c = visibleCounts();
      setRendered(c[0], c[1]);
      body.setAttribute("data-map-ready", "true");
    });
    network.redraw();
  }

  var settled = false;
  function settle() {
    if (settled) return;
    settled = true;
    progress.hidden = true;
    // Freeze the layout: the same data then always shows the same picture, and filters
    // hide and show nodes where they are.
    network.setOptions({ physics: { enabled: false } });
    network.storePositions();
    network.fit({ animation: false });
    markDrawn();
  }
  if (physics) {
    network.once("stabilizationIterationsDone", settle);
  } else {
    network.once("afterDrawing", settle);
  }

  // ---- filters -------------------------------------------------------------------
  function checked(filter) {
    var set = {};
    var box = document.querySelector('fieldset[data-filter="' + filter + '"]');
    if (!box) return null;
    box.querySelectorAll("input[type=checkbox]").forEach(function (i) { if (i.checked) set[i.value] = true; });
    return set;
  }

  function applyFilters() {
    var kinds = checked("kind"), rtypes = checked("type"), statuses = checked("status"), life = checked("lifecycle");
    var nodeOn = {};
    data.nodes.forEach(function (n) {
      nodeOn[n.id] = (!kinds || kinds[n.kind]) && (!life || !n.status || life[n.status]);
    });
    var degree = {}, kept = {};
    var edgeUpdates = data.edges.map(function (e) {
      var on = (!rtypes || rtypes[e.type]) && (!statuses || !e.status || statuses[e.status]);
      degree[e.from] = (degree[e.from] || 0) + 1;
      degree[e.to] = (degree[e.to] || 0) + 1;
      if (on && nodeOn[e.from] && nodeOn[e.to]) { kept[e.from] = true; kept[e.to] = true; }
      return { id: e.id, hidden: !on };
    });
    // A node whose every line is filtered away goes too; a node that never had one stays.
    var nodeUpdates = data.nodes.map(function (n) {
      var on = nodeOn[n.id] && (!degree[n.id] || kept[n.id] || meta.entity === n.id);
      return { id: n.id, hidden: !on };
    });
    nodes.update(nodeUpdates);
    edges.update(edgeUpdates);
    markDrawn();
  }
  document.querySelectorAll("fieldset.filter input").forEach(function (i) {
    i.addEventListener("change", applyFilters);
  });

  // ---- search --------------------------------------------------------------------
  var keys = data.nodes.map(function (n) {
    var d = details.nodes[n.id] || {};
    return { id: n.id, name: d.name || n.id, kind: d.kind, names: [n.id, d.name || ""].concat(d.aliases || []).map(function (s) { return s.toLowerCase(); }) };
  });

  function find(text) {
    var q = text.trim().toLowerCase();
    if (!q) return [];
    var found = [];
    keys.forEach(function (k) {
      var rank = 9;
      k.names.forEach(function (s) {
        if (s === q) rank = Math.min(rank, 0);
        else if (s.indexOf(q) === 0) rank = Math.min(rank, 1);
        else if (s.indexOf(" " + q) >= 0 || s.indexOf("(" + q) >= 0) rank = Math.min(rank, 2);
        else if (s.indexOf(q) >= 0) rank = Math.min(rank, 3);
      });
      if (rank < 9) found.push({ key: k, rank: rank });
    });
    found.sort(function (a, b) { return a.rank - b.rank || a.key.name.length - b.key.name.length || (a.key.name < b.key.name ? -1 : 1); });
    return found.slice(0, 10).map(function (f) { return f.key; });
  }

  var input = document.getElementById("search");
  var list = document.getElementById("search-results");
  var current = [];
  function showResults() {
    current = find(input.value);
    list.textContent = "";
    current.forEach(function (k, i) {
      var li = el("li", { role: "option", "data-id": k.id, "aria-selected": i === 0 ? "true" : "false" }, k.name + " ");
      li.appendChild(el("small", {}, words(k.kind || "")));
      li.addEventListener("mousedown", function (event) { event.preventDefault(); focusNode(k.id); });
      list.appendChild(li);
    });
    if (input.value.trim() && !current.length) list.appendChild(el("li", { class: "none" }, "No entity on this map has that name"));
    list.hidden = !input.value.trim();
  }
  input.addEventListener("input", showResults);
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && current.length) { event.preventDefault(); focusNode(current[0].id); }
    if (event.key === "Escape") { list.hidden = true; }
  });
  input.addEventListener("blur", function () { list.hidden = true; });

  function focusNode(id) {
    list.hidden = true;
    var node = nodes.get(id);
    if (node && node.hidden) nodes.update({ id: id, hidden: false });
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1.1), animation: { duration: 350, easingFunction: "easeInOutQuad" } });
    showNode(id);
    body.setAttribute("data-focused", id);
  }

  // ---- details panel -------------------------------------------------------------
  var panel = document.getElementById("panel");
  var panelBody = document.getElementById("panel-body");
  document.getElementById("panel-close").addEventListener("click", function () { panel.hidden = true; network.redraw(); });

  function table(rows) {
    var t = el("table");
    rows.forEach(function (r) {
      if (r[1] === null || r[1] === undefined || r[1] === "" || (Array.isArray(r[1]) && !r[1].length)) return;
      var tr = el("tr");
      tr.appendChild(el("th", {}, r[0]));
      tr.appendChild(el("td", {}, Array.isArray(r[1]) ? r[1].join(", ") : r[1]));
      t.appendChild(tr);
    });
    return t;
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
    if (meta.api_base === null || meta.api_base === undefined) {
      return el("span", { class: "json", title: "on the collabgraph server" }, label + ": GET " + path);
    }
    return el("a", { class: "json", href: meta.api_base + path, target: "_blank", rel: "noopener" }, label + " (JSON)");
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
    var kindColour = (nodes.get(id) || {}).color || "#777";
    var head = el("h2", {}, d.name);
    var badge = el("span", { class: "kind", style: "background:" + kindColour }, words(d.kind || ""));
    var props = [["id", id], ["also called", d.aliases], ["status", d.status ? words(d.status) : null], ["from", dated(d.valid_from, d.from_basis)], ["until", dated(d.valid_to, d.to_basis)]];
    Object.keys(d.properties || {}).sort().forEach(function (k) {
      var v = d.properties[k];
      props.push([words(k), Array.isArray(v) ? v.join(", ") : v]);
    });
    var conn = network.getConnectedEdges(id).length;
    props.push(["relationships here", conn]);
    open([head, badge, table(props)].concat(money(d.money), [citations(d.sources), jsonLink(id, "Entity")]));
    panel.setAttribute("data-kind", "node");
    panel.setAttribute("data-id", id);
  }

  function showEdge(id) {
    var d = details.edges[id];
    if (!d) return;
    var from = details.nodes[d.from] || { name: d.from }, to = details.nodes[d.to] || { name: d.to };
    var head = el("h2", {}, from.name + " → " + to.name);
    var badge = el("span", { class: "kind", style: "background:" + ((edges.get(id) || {}).color || "#777") }, words(d.type).toLowerCase());
    var rows = [["from", from.name], ["to", to.name]];
    ["role", "status", "arrangement", "cost_share", "title", "note", "valid_from", "from_basis", "valid_to", "to_basis"].forEach(function (k) {
      if (d[k] !== undefined && d[k] !== null) rows.push([{ valid_from: "from", valid_to: "until", from_basis: "start known", to_basis: "end known", cost_share: "cost share" }[k] || k, typeof d[k] === "string" && k !== "note" && k !== "title" ? words(d[k]) : d[k]]);
    });
    open([head, badge, table(rows), citations(d.sources), jsonLink(d.from, from.name), jsonLink(d.to, to.name)]);
    panel.setAttribute("data-kind", "edge");
    panel.setAttribute("data-id", id);
  }

  network.on("click", function (params) {
    if (params.nodes.length) showNode(params.nodes[0]);
    else if (params.edges.length) showEdge(params.edges[0]);
    else panel.hidden = true;
  });

  // ---- buttons -------------------------------------------------------------------
  document.getElementById("fit").addEventListener("click", function () { network.fit({ animation: { duration: 300 } }); });

  function toPng() {
    return container.querySelector("canvas").toDataURL("image/png");
  }
  document.getElementById("save-png").addEventListener("click", function () {
    var a = el("a", { href: toPng(), download: fileName("png") });
    document.body.appendChild(a); a.click(); a.remove();
  });

  window.collabMap = { network: network, nodes: nodes, edges: edges, focusNode: focusNode, toPng: toPng };
})();
