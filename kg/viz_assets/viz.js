/* kg HTML view. Reads the JSON block, draws it with vis-network and fills the side panel.
   Every string from the graph reaches the DOM through textContent only (never innerHTML),
   and vis-network never gets a `title` (it would render it as HTML). */
(() => {
  "use strict";
  const doc = document;
  const data = JSON.parse(doc.getElementById("kg-data").textContent);
  window.kgData = data;
  window.kgNetwork = null;

  const byId = new Map(data.nodes.map((node) => [node.id, node]));
  const links = new Map(); // node id -> indexes into data.edges
  data.edges.forEach((edge, i) => {
    for (const end of edge.from === edge.to ? [edge.from] : [edge.from, edge.to]) {
      if (!links.has(end)) links.set(end, []);
      links.get(end).push(i);
    }
  });
  const TYPE_NAMES = {
    actor: "Actor",
    claim: "Claim",
    statement: "Statement",
    evidence: "Evidence",
    article: "Article",
  };
  const MAX_RESULTS = 50;
  const MAX_SELECTED = 500;
  const MAX_LINKS = 200;

  function el(tag, text, className) {
    const element = doc.createElement(tag);
    if (text !== undefined && text !== null) element.textContent = String(text);
    if (className) element.className = className;
    return element;
  }

  function ready() {
    doc.body.setAttribute("data-kg-ready", "1");
  }

  function safeUrl(value) {
    if (typeof value !== "string") return null;
    try {
      const url = new URL(value);
      return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
    } catch (err) {
      return null;
    }
  }

  function swatch(entry) {
    const mark = el("span", null, "kg-swatch");
    if (entry.shape) {
      mark.classList.add("kg-shape-" + entry.shape);
      mark.style.backgroundColor = entry.color;
    } else {
      mark.classList.add("kg-line");
      mark.style.borderTopColor = entry.color;
      mark.style.borderTopStyle = entry.dashes ? "dashed" : "solid";
    }
    return mark;
  }

  function buildLegend() {
    const box = el("details");
    box.open = true;
    box.appendChild(el("summary", "Legend"));
    doc.getElementById("kg-legend").appendChild(box);
    const sections = [
      ["Nodes", data.legend.nodes],
      ["Actor kinds", data.legend.actorKinds],
      ["Links", data.legend.edges],
    ];
    for (const [heading, entries] of sections) {
      if (!entries.length) continue;
      box.appendChild(el("h3", heading));
      const list = el("ul");
      for (const entry of entries) {
        const item = el("li");
        item.appendChild(swatch(entry));
        item.appendChild(el("span", entry.label));
        list.appendChild(item);
      }
      box.appendChild(list);
    }
  }

  buildLegend();
  const physicsBox = doc.getElementById("kg-physics");
  physicsBox.checked = Boolean(data.physics);
  if (!data.nodes.length) {
    physicsBox.disabled = true;
    doc.getElementById("kg-search").disabled = true;
    window.kgShowNode = () => false;
    ready();
    return;
  }

  const nodes = new vis.DataSet(
    data.nodes.map((node) => {
      const item = { id: node.id, label: node.short, group: node.group, size: node.size };
      if (typeof node.x === "number") {
        item.x = node.x;
        item.y = node.y;
      }
      return item;
    })
  );
  const edges = new vis.DataSet(
    data.edges.map((edge, i) => {
      const style = data.edgeStyles[edge.type];
      return {
        id: i,
        from: edge.from,
        to: edge.to,
        color: { color: style.color, highlight: style.color, hover: style.color, opacity: 0.8 },
        dashes: style.dashes,
        arrows: { to: { enabled: style.arrow, scaleFactor: 0.5 } },
      };
    })
  );
  const options = {
    autoResize: true,
    locale: "en",
    groups: data.groups,
    nodes: { borderWidth: 1, font: { size: 12, face: "sans-serif", color: "#222222" } },
    edges: {
      width: 1,
      selectionWidth: 2,
      smooth: data.big ? false : { enabled: true, type: "continuous", roundness: 0.4 },
    },
    physics: {
      enabled: Boolean(data.physics),
      solver: "forceAtlas2Based",
      forceAtlas2Based: { gravitationalConstant: -60, springLength: 90, avoidOverlap: 0.2 },
      stabilization: { enabled: true, iterations: 300, fit: true },
    },
    interaction: {
      hover: !data.big,
      multiselect: true,
      hideEdgesOnDrag: data.big,
      hideEdgesOnZoom: data.big,
    },
    layout: { randomSeed: 7, improvedLayout: data.nodes.length <= 100 },
  };
  const network = new vis.Network(doc.getElementById("kg-network"), { nodes, edges }, options);
  window.kgNetwork = network;
  network.once("afterDrawing", ready);
  if (!data.physics) network.fit();
  network.redraw();

  function field(list, name, value) {
    if (value === undefined || value === null || value === "") return;
    list.appendChild(el("dt", name));
    const cell = el("dd", null, "kg-val");
    if (value instanceof Node) cell.appendChild(value);
    else cell.textContent = String(value);
    list.appendChild(cell);
  }

  function sentenceOf(node) {
    if (typeof node.sentence !== "string") return null;
    const quote = el("blockquote", null, "kg-sentence");
    if (Array.isArray(node.sentence_parts)) {
      const [before, span, after] = node.sentence_parts;
      quote.appendChild(doc.createTextNode(before));
      quote.appendChild(el("mark", span));
      quote.appendChild(doc.createTextNode(after));
    } else {
      quote.textContent = node.sentence;
    }
    return quote;
  }

  function linkOf(value) {
    const href = safeUrl(value);
    if (!href) return null;
    const anchor = el("a", value);
    anchor.href = href;
    anchor.rel = "noopener noreferrer";
    anchor.target = "_blank";
    return anchor;
  }

  function nodeButton(id, text, className) {
    const button = el("button", text, className);
    button.type = "button";
    button.addEventListener("click", () => {
      showNode(id);
      network.focus(id, { scale: Math.max(network.getScale(), 1), animation: { duration: 300 } });
    });
    return button;
  }

  function connections(id) {
    const box = el("section", null, "kg-links");
    const indexes = links.get(id) || [];
    box.appendChild(el("h3", `Connections (${indexes.length})`));
    const list = el("ul");
    for (const i of indexes.slice(0, MAX_LINKS)) {
      const edge = data.edges[i];
      const outgoing = edge.from === id;
      const other = byId.get(outgoing ? edge.to : edge.from);
      const item = el("li");
      item.appendChild(swatch(data.edgeStyles[edge.type]));
      const verb = edge.type.replace("_", " ");
      item.appendChild(el("span", outgoing ? `${verb} \u2192 ` : `\u2190 ${verb} `, "kg-verb"));
      item.appendChild(nodeButton(other.id, other.label || other.short, "kg-node-link kg-val"));
      list.appendChild(item);
    }
    box.appendChild(list);
    if (indexes.length > MAX_LINKS) box.appendChild(el("p", `\u2026 and ${indexes.length - MAX_LINKS} more`));
    return box;
  }

  function showNode(id) {
    const node = byId.get(id);
    if (!node) return false;
    network.selectNodes([id]);
    const panel = doc.getElementById("kg-details");
    panel.replaceChildren();
    const kind = node.kind ? ` \u00b7 ${node.kind.replace(/_/g, " ")}` : "";
    panel.appendChild(el("div", TYPE_NAMES[node.type] + kind, "kg-type kg-type-" + node.type));
    panel.appendChild(el("h2", node.label || node.short, "kg-val"));
    const list = el("dl");
    field(list, "Aliases", node.aliases && node.aliases.join(" \u00b7 "));
    field(list, node.type === "evidence" ? "Evidence" : "Text", node.text);
    field(list, "Speaker", node.speaker);
    field(list, "Source sentence", sentenceOf(node));
    field(list, "Article", node.article_title);
    field(list, "Outlet", node.outlet);
    field(list, "Date", node.date);
    field(list, "Link", linkOf(node.url));
    field(list, "Provenance", node.provenance);
    field(list, "Weight", node.weight);
    field(list, "IRI", node.id);
    panel.appendChild(list);
    panel.appendChild(connections(id));
    return true;
  }
  window.kgShowNode = showNode;

  network.on("click", (params) => {
    if (params.nodes.length) showNode(params.nodes[0]);
  });

  // Search: exact label/alias matches win; otherwise every label/alias containing the query.
  const norm = (text) => text.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
  const index = data.nodes.map((node) => [node.id, [node.label].concat(node.aliases || []).map(norm)]);
  const results = doc.getElementById("kg-results");

  function search(query) {
    const wanted = norm(query);
    results.replaceChildren();
    if (!wanted) {
      network.unselectAll();
      return [];
    }
    const exact = [];
    const partial = [];
    for (const [id, keys] of index) {
      if (keys.includes(wanted)) exact.push(id);
      else if (keys.some((key) => key.includes(wanted))) partial.push(id);
    }
    const hits = exact.length ? exact : partial;
    const shown = hits.slice(0, MAX_SELECTED);
    network.selectNodes(shown);
    results.appendChild(el("h3", hits.length ? `${hits.length} match${hits.length > 1 ? "es" : ""}` : "No match"));
    const list = el("ul");
    for (const id of hits.slice(0, MAX_RESULTS)) {
      const node = byId.get(id);
      const item = el("li");
      item.appendChild(nodeButton(id, node.label || node.short, "kg-node-link kg-val"));
      item.appendChild(el("span", ` ${TYPE_NAMES[node.type].toLowerCase()}`, "kg-verb"));
      list.appendChild(item);
    }
    results.appendChild(list);
    if (hits.length === 1) {
      showNode(hits[0]);
      network.focus(hits[0], { scale: Math.max(network.getScale(), 1), animation: { duration: 300 } });
    } else if (shown.length) {
      network.fit({ nodes: shown, animation: { duration: 300 } });
    }
    return hits;
  }
  window.kgSearch = search;

  const box = doc.getElementById("kg-search");
  let timer = 0;
  box.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => search(box.value), data.big ? 250 : 60);
  });
  box.addEventListener("keydown", (event) => {
    if (event.key === "Enter") {
      clearTimeout(timer);
      search(box.value);
    }
  });

  physicsBox.addEventListener("change", () => {
    network.setOptions({ physics: { enabled: physicsBox.checked } });
  });
  doc.getElementById("kg-fit").addEventListener("click", () => network.fit({ animation: { duration: 300 } }));
})();
