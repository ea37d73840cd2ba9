/* kg HTML view. Reads the JSON block, draws it with vis-network, filters it and fills the side
   panel. Every string from the graph reaches the DOM through textContent or a form value only
   (never innerHTML), and vis-network never gets a `title` (it would render it as HTML). */
(() => {
  "use strict";
  const doc = document;
  const data = JSON.parse(doc.getElementById("kg-data").textContent);
  window.kgData = data;
  window.kgNetwork = null;

  const hidden = new Set(); // ids of nodes the filters hide
  let view = "claims"; // "claims" or "map" (the dispute map)
  const byId = new Map(data.nodes.map((node) => [node.id, node]));
  const links = new Map(); // node id -> indexes into data.edges
  const typeOf = (id) => (byId.get(id) || {}).type;
  const push = (map, key, value) => {
    if (!map.has(key)) map.set(key, []);
    map.get(key).push(value);
  };
  // The statement structure, from the typed edges (an edge between unexpected types is drawn
  // but does not count as structure).
  const speakerOf = new Map(); // statement -> actor
  const claimOf = new Map(); // statement -> claim
  const articleOf = new Map(); // statement -> article
  const stating = new Map(); // claim -> statements
  const aboutOf = new Map(); // claim -> actors
  const evidenceOf = new Map(); // statement -> evidence
  const supportsOf = new Map(); // evidence -> statements
  const said = new Map(); // actor -> statements
  const linked = { contradicts: new Map(), same_as: new Map() }; // claim -> claims
  const linkWhy = new Map(); // "claim|claim" -> why the link was made (kg.links)
  const EXPECT = {
    says: ["actor", "statement"],
    states: ["statement", "claim"],
    about: ["claim", "actor"],
    supports: ["evidence", "statement"],
    appears_in: ["statement", "article"],
    contradicts: ["claim", "claim"],
    same_as: ["claim", "claim"],
  };
  data.edges.forEach((edge, i) => {
    for (const end of edge.from === edge.to ? [edge.from] : [edge.from, edge.to]) push(links, end, i);
    const want = EXPECT[edge.type];
    if (!want || typeOf(edge.from) !== want[0] || typeOf(edge.to) !== want[1]) return;
    const { from, to } = edge;
    if (edge.type === "says") {
      speakerOf.set(to, from);
      push(said, from, to);
    } else if (edge.type === "states") {
      claimOf.set(from, to);
      push(stating, to, from);
    } else if (edge.type === "about") push(aboutOf, from, to);
    else if (edge.type === "supports") {
      push(evidenceOf, to, from);
      push(supportsOf, from, to);
    } else if (edge.type === "appears_in") articleOf.set(from, to);
    else if (from !== to) {
      push(linked[edge.type], from, to);
      push(linked[edge.type], to, from);
      if (typeof edge.why === "string") {
        linkWhy.set(from + "|" + to, edge.why);
        linkWhy.set(to + "|" + from, edge.why);
      }
    }
  });
  const TYPE_NAMES = {
    actor: "Actor",
    claim: "Claim",
    statement: "Statement",
    evidence: "Evidence",
    article: "Article",
  };
  const OPPOSITE = { asserts: "denies", denies: "asserts" };
  const MAX_RESULTS = 50;
  const MAX_SELECTED = 500;
  const MAX_LINKS = 200;
  const MAX_SOURCES = 30;

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

  function legendList(box, heading, entries) {
    if (!entries.length) return;
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

  function buildLegend() {
    // Under the drawing (never over it): one part per view, the other one hidden.
    const box = el("details");
    box.open = true;
    box.appendChild(el("summary", "Legend"));
    doc.getElementById("kg-legend").appendChild(box);
    const claims = el("div", null, "kg-legend-claims");
    legendList(claims, "Nodes", data.legend.nodes);
    legendList(claims, "Actor kinds", data.legend.actorKinds);
    legendList(claims, "Links", data.legend.edges);
    const hint = "Size: statements made and claims about (actors), sources (claims).";
    claims.appendChild(el("p", hint, "kg-hint kg-small"));
    box.appendChild(claims);
    const map = el("div", null, "kg-legend-map");
    legendList(map, "Actor kinds", data.legend.actorKinds);
    legendList(map, "Dispute map", data.map.legend);
    map.appendChild(el("p", "Width: the number of claims behind an edge. Click an edge or an actor for its claims.", "kg-hint kg-small"));
    map.hidden = true;
    box.appendChild(map);
  }

  buildLegend();
  if (data.note) {
    const note = doc.getElementById("kg-note");
    note.textContent = data.note;
    note.hidden = false;
  }
  const physicsBox = doc.getElementById("kg-physics");
  physicsBox.checked = Boolean(data.physics);
  if (!data.nodes.length) {
    for (const input of doc.querySelectorAll("#kg-header input, #kg-header button, #kg-filters input, #kg-filters select, #kg-filters button")) {
      input.disabled = true;
    }
    window.kgShowNode = () => false;
    ready();
    return;
  }

  const nodes = new vis.DataSet(
    data.nodes.map((node) => {
      const item = { id: node.id, label: node.short, group: node.group, size: node.size };
      // Important actors keep a readable label when zoomed out; the rest appear on zooming in.
      if (node.type === "actor") item.font = { size: Math.min(12 + 3 * Math.sqrt(node.weight || 0), 40) };
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
      const item = {
        id: i,
        from: edge.from,
        to: edge.to,
        color: { color: style.color, highlight: style.color, hover: style.color, opacity: 0.8 },
        dashes: style.dashes,
        width: style.width,
        arrows: { to: { enabled: style.arrow, scaleFactor: 0.5 } },
      };
      if (data.edgeLabels) item.label = style.name;
      return item;
    })
  );
  const options = {
    autoResize: true,
    locale: "en",
    groups: data.groups,
    nodes: {
      borderWidth: 1,
      font: { size: 12, face: "sans-serif", color: "#222222" },
    },
    edges: {
      width: 1,
      selectionWidth: 2,
      font: { size: 9, color: "#6e7781", strokeWidth: 3, align: "middle" },
      scaling: { label: { drawThreshold: 8 } },
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

  // ---- the side panel -------------------------------------------------------------------------

  function field(list, name, value) {
    if (value === undefined || value === null || value === "") return;
    list.appendChild(el("dt", name));
    const cell = el("dd", null, "kg-val");
    if (value instanceof Node) cell.appendChild(value);
    else cell.textContent = String(value);
    list.appendChild(cell);
  }

  function marked(parts, className) {
    const quote = el("blockquote", null, className);
    const [before, span, after] = parts;
    quote.appendChild(doc.createTextNode(before));
    quote.appendChild(el("mark", span));
    quote.appendChild(doc.createTextNode(after));
    return quote;
  }

  function sentenceOf(node) {
    if (typeof node.sentence !== "string") return null;
    if (Array.isArray(node.sentence_parts)) return marked(node.sentence_parts, "kg-sentence");
    return el("blockquote", node.sentence, "kg-sentence");
  }

  function contextOf(node) {
    if (!Array.isArray(node.context)) return null;
    const [before, span, after] = node.context;
    return marked([before ? "\u2026" + before : "", span, after ? after + "\u2026" : ""], "kg-sentence");
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

  function focusNode(id) {
    if (hidden.has(id) || view === "map") return;
    network.focus(id, { scale: Math.max(network.getScale(), 1), animation: { duration: 300 } });
  }

  function nodeButton(id, text, className) {
    const button = el("button", text, className || "kg-node-link kg-val");
    button.type = "button";
    button.addEventListener("click", () => {
      showNode(id);
      focusNode(id);
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
      const verb = data.edgeStyles[edge.type].name;
      item.appendChild(el("span", outgoing ? `${verb} \u2192 ` : `\u2190 ${verb} `, "kg-verb"));
      item.appendChild(nodeButton(other.id, other.label || other.short));
      list.appendChild(item);
    }
    box.appendChild(list);
    if (indexes.length > MAX_LINKS) box.appendChild(el("p", `\u2026 and ${indexes.length - MAX_LINKS} more`));
    return box;
  }

  function sourceLine(stId) {
    // "Speaker · stance · outlet · date" for one statement, the speaker as a button.
    const st = byId.get(stId);
    const line = el("div", null, "kg-source");
    const speaker = speakerOf.get(stId);
    line.appendChild(nodeButton(stId, st.speaker || (speaker && byId.get(speaker).label) || "(unknown speaker)"));
    const rest = [st.stance || st.kind, st.outlet, st.date].filter(Boolean).join(" \u00b7 ");
    if (rest) line.appendChild(el("span", " " + rest, "kg-verb"));
    return line;
  }

  function evidenceBlock(evId) {
    // One item of evidence: its kind, itself as a button, and its source sentence with it marked.
    const ev = byId.get(evId);
    const box = el("div", null, "kg-evidence");
    const line = el("div", null, "kg-source");
    line.appendChild(el("span", (ev.kind || "evidence").replace(/_/g, " ") + " ", "kg-verb"));
    line.appendChild(nodeButton(evId, ev.text || ev.label));
    box.appendChild(line);
    const sentence = sentenceOf(ev) || contextOf(ev);
    if (sentence) box.appendChild(sentence);
    return box;
  }

  function evidenceSection(stId, heading) {
    // The evidence the speaker of a statement offered for it (none: nothing is shown).
    const ids = evidenceOf.get(stId) || [];
    if (!ids.length) return null;
    const box = el("section", null, "kg-sources kg-offered");
    box.appendChild(el(heading, `Evidence offered (${ids.length})`));
    for (const evId of ids.slice(0, MAX_SOURCES)) box.appendChild(evidenceBlock(evId));
    if (ids.length > MAX_SOURCES) box.appendChild(el("p", `\u2026 and ${ids.length - MAX_SOURCES} more`));
    return box;
  }

  function statementBlock(stId, withClaim) {
    const st = byId.get(stId);
    const box = el("div", null, "kg-stmt");
    box.appendChild(sourceLine(stId));
    const claim = claimOf.get(stId);
    if (withClaim && claim) box.appendChild(nodeButton(claim, byId.get(claim).text || byId.get(claim).label));
    const sentence = sentenceOf(st);
    if (sentence) box.appendChild(sentence);
    if (!withClaim) {
      const offered = evidenceSection(stId, "h4");
      if (offered) box.appendChild(offered);
    }
    const list = el("dl");
    field(list, "Article", st.article_title);
    field(list, "Link", linkOf(st.url));
    field(list, "Provenance", st.provenance);
    box.appendChild(list);
    return box;
  }

  function sourceList(title, ids, className, from) {
    const box = el("section", null, "kg-sources " + (className || ""));
    box.appendChild(el("h3", `${title} (${ids.length})`));
    const list = el("ul");
    for (const id of ids.slice(0, MAX_SOURCES)) {
      const item = el("li");
      item.appendChild(typeOf(id) === "statement" ? sourceLine(id) : nodeButton(id, byId.get(id).text || byId.get(id).label));
      const why = from && linkWhy.get(from + "|" + id);
      if (why) item.appendChild(el("div", "Why: " + why, "kg-why"));
      list.appendChild(item);
    }
    box.appendChild(list);
    if (ids.length > MAX_SOURCES) box.appendChild(el("p", `\u2026 and ${ids.length - MAX_SOURCES} more`));
    return box;
  }

  function claimSections(panel, claim, except) {
    // Other sources of the same claim, those of opposite stance, and contradicting claims.
    const others = (stating.get(claim) || []).filter((id) => id !== except);
    const stance = except ? byId.get(except).stance : null;
    if (others.length) panel.appendChild(sourceList("Other sources stating the same claim", others, "kg-same"));
    if (OPPOSITE[stance]) {
      const against = others.filter((id) => byId.get(id).stance === OPPOSITE[stance]);
      const verb = { asserts: "assert", denies: "deny" }[OPPOSITE[stance]];
      if (against.length) panel.appendChild(sourceList(`Sources that ${verb} it`, against, "kg-against"));
    }
    const contra = linked.contradicts.get(claim) || [];
    if (contra.length) panel.appendChild(sourceList("Claims contradicting it", contra, "kg-contra", claim));
    const same = linked.same_as.get(claim) || [];
    if (same.length) panel.appendChild(sourceList("The same claim, worded differently", same, "kg-alike", claim));
  }

  const trail = []; // the nodes shown in the panel, for its Back button

  function showNode(id, back) {
    const node = byId.get(id);
    if (!node) return false;
    if (!hidden.has(id)) network.selectNodes([id]);
    if (!back && trail[trail.length - 1] !== id && trail.push(id) > 100) trail.shift();
    const panel = doc.getElementById("kg-details");
    panel.replaceChildren();
    if (trail.length > 1) {
      const previous = trail[trail.length - 2];
      const button = el("button", "\u2190 Back to " + (byId.get(previous).label || byId.get(previous).short), "kg-back kg-val");
      button.type = "button";
      button.addEventListener("click", () => {
        trail.pop();
        showNode(previous, true);
        focusNode(previous);
      });
      panel.appendChild(button);
    }
    const kind = node.kind ? ` \u00b7 ${node.kind.replace(/_/g, " ")}` : "";
    panel.appendChild(el("div", TYPE_NAMES[node.type] + kind, "kg-type kg-type-" + node.type));
    const wide = node.type === "claim" || node.type === "statement";
    panel.appendChild(el("h2", (wide && node.text) || node.label || node.short, "kg-val"));
    const list = el("dl");
    const claim = node.type === "statement" ? claimOf.get(id) : null;
    if (claim) field(list, "Claim", nodeButton(claim, byId.get(claim).text || byId.get(claim).label));
    field(list, "Aliases", node.aliases && node.aliases.join(" \u00b7 "));
    if (node.type === "evidence") field(list, "Evidence", node.text);
    else if (!wide) field(list, "Text", node.text);
    const speaker = speakerOf.get(id);
    field(list, "Speaker", speaker ? nodeButton(speaker, node.speaker || byId.get(speaker).label) : node.speaker);
    field(list, "Stance", node.stance);
    field(list, "Source sentence", sentenceOf(node));
    field(list, "In context", contextOf(node));
    field(list, "Article", node.article_title);
    field(list, "Outlet", node.outlet);
    field(list, "Date", node.date);
    field(list, "Link", linkOf(node.url));
    field(list, "Provenance", node.provenance);
    field(list, "Topics", node.topics && node.topics.join(" \u00b7 "));
    if (node.type === "actor") {
      const made = (said.get(id) || []).length;
      field(list, "Importance", `${made} statement${made === 1 ? "" : "s"} made; ${node.weight || 0} in all with those about it`);
    } else if (node.type === "article") field(list, "Statements", node.weight);
    if (node.type === "claim") {
      const counts = new Map();
      for (const stId of stating.get(id) || []) {
        const stance = byId.get(stId).stance || "?";
        counts.set(stance, (counts.get(stance) || 0) + 1);
      }
      field(list, "Stances", [...counts].map(([stance, n]) => `${n} ${stance}`).join(", "));
    }
    panel.appendChild(list);
    if (node.type === "actor") {
      const only = el("button", "Show only its statements and those about it", "kg-action");
      only.type = "button";
      only.addEventListener("click", () => {
        $("kg-f-actor").value = node.label;
        applyFilters();
      });
      panel.appendChild(only);
    } else if (node.type === "statement") {
      const offered = evidenceSection(id, "h3");
      if (offered) panel.appendChild(offered);
      if (claim) claimSections(panel, claim, id);
    } else if (node.type === "claim") {
      const sources = stating.get(id) || [];
      const box = el("section", null, "kg-sources kg-stated");
      box.appendChild(el("h3", `Stated by (${sources.length})`));
      for (const stId of sources.slice(0, MAX_SOURCES)) box.appendChild(statementBlock(stId, false));
      panel.appendChild(box);
      claimSections(panel, id, null);
    } else if (node.type === "evidence") {
      const box = el("section", null, "kg-sources kg-supports");
      const backed = supportsOf.get(id) || [];
      box.appendChild(el("h3", `Supports (${backed.length})`));
      for (const stId of backed.slice(0, MAX_SOURCES)) box.appendChild(statementBlock(stId, true));
      panel.appendChild(box);
    }
    panel.appendChild(connections(id));
    const iri = el("dl", null, "kg-iri");
    field(iri, "IRI", node.id);
    panel.appendChild(iri);
    panel.scrollTop = 0;
    return true;
  }
  window.kgShowNode = (id) => showNode(id, false);

  network.on("click", (params) => {
    if (params.nodes.length) showNode(params.nodes[0], false);
    else if (params.edges.length) {
      const edge = data.edges[params.edges[0]];
      showNode(typeOf(edge.to) === "statement" ? edge.to : edge.from);
    }
  });

  // ---- search: exact label/alias matches win; otherwise every label/alias containing it --------

  const norm = (text) => text.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
  const index = data.nodes.map((node) => {
    const names = [node.label].concat(node.aliases || []);
    if (node.text && (node.type === "claim" || node.type === "statement")) names.push(node.text);
    return [node.id, names.map(norm)];
  });
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
    const shown = hits.filter((id) => !hidden.has(id)).slice(0, MAX_SELECTED);
    network.selectNodes(shown);
    results.appendChild(el("h3", hits.length ? `${hits.length} match${hits.length > 1 ? "es" : ""}` : "No match"));
    const list = el("ul");
    for (const id of hits.slice(0, MAX_RESULTS)) {
      const node = byId.get(id);
      const item = el("li");
      item.appendChild(nodeButton(id, node.label || node.short));
      const note = hidden.has(id) ? " (hidden by the filters)" : "";
      item.appendChild(el("span", ` ${TYPE_NAMES[node.type].toLowerCase()}${note}`, "kg-verb"));
      list.appendChild(item);
    }
    results.appendChild(list);
    if (hits.length === 1) {
      showNode(hits[0]);
      focusNode(hits[0]);
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

  // ---- filters: a statement passes or not; what is shown is every passing statement with its
  // speaker, claim, the claim's subjects, its evidence and its article ------------------------

  const statements = data.nodes.filter((node) => node.type === "statement");
  const edgeHidden = new Uint8Array(data.edges.length);
  const $ = (id) => doc.getElementById(id);
  const actorNames = new Map(); // normalised label or alias -> actor id
  for (const node of data.nodes) {
    if (node.type !== "actor") continue;
    for (const name of [node.label].concat(node.aliases || [])) {
      if (!actorNames.has(norm(name))) actorNames.set(norm(name), node.id);
    }
  }

  function addOptions(select, values) {
    for (const value of values) {
      const option = el("option", value.replace(/_/g, " "));
      option.value = value;
      select.appendChild(option);
    }
  }
  const sorted = (values) => [...new Set(values.filter(Boolean))].sort((a, b) => a.localeCompare(b));
  const actorList = $("kg-actors");
  for (const node of data.nodes) {
    if (node.type !== "actor") continue;
    const option = el("option");
    option.value = node.label;
    actorList.appendChild(option);
  }
  addOptions($("kg-f-kind"), sorted([...speakerOf.values()].map((id) => byId.get(id).kind)));
  addOptions($("kg-f-topic"), sorted(statements.flatMap((st) => st.topics || [])));
  addOptions($("kg-f-outlet"), sorted(statements.map((st) => st.outlet)));
  const stances = sorted(statements.map((st) => st.stance));
  const stanceBox = $("kg-f-stance");
  for (const stance of stances) {
    const label = el("label", null, "kg-toggle");
    const check = el("input");
    check.type = "checkbox";
    check.checked = check.defaultChecked = true; // the default is what Reset restores
    check.value = stance;
    label.appendChild(check);
    label.appendChild(doc.createTextNode(" " + stance));
    stanceBox.appendChild(label);
  }
  if (!stances.length) stanceBox.hidden = true;
  const dates = sorted(statements.map((st) => (st.date || "").slice(0, 10)));
  if (dates.length) {
    for (const id of ["kg-f-since", "kg-f-until"]) {
      $(id).min = dates[0];
      $(id).max = dates[dates.length - 1];
    }
  }

  function readFilters() {
    const unchecked = [...stanceBox.querySelectorAll("input:not(:checked)")].map((input) => input.value);
    return {
      actor: norm($("kg-f-actor").value),
      kind: $("kg-f-kind").value,
      topic: $("kg-f-topic").value,
      outlet: $("kg-f-outlet").value,
      since: $("kg-f-since").value,
      until: $("kg-f-until").value,
      dropStances: new Set(unchecked),
      evidence: $("kg-f-evidence").checked,
      articles: $("kg-f-articles").checked,
    };
  }

  function passes(st, f, actor) {
    const speaker = speakerOf.get(st.id);
    if (actor && speaker !== actor && !(aboutOf.get(claimOf.get(st.id)) || []).includes(actor)) return false;
    if (f.kind && !(speaker && byId.get(speaker).kind === f.kind)) return false;
    if (f.topic && !(st.topics || []).includes(f.topic)) return false;
    if (f.outlet && st.outlet !== f.outlet) return false;
    const date = (st.date || "").slice(0, 10);
    if (f.since && !(date && date >= f.since)) return false;
    if (f.until && !(date && date <= f.until)) return false;
    return !f.dropStances.has(st.stance);
  }

  function applyFilters() {
    if (view === "map") showView("claims"); // the filters narrow the claim view
    const f = readFilters();
    const status = $("kg-f-status");
    status.textContent = "";
    const actor = f.actor ? actorNames.get(f.actor) : null;
    if (f.actor && !actor) status.textContent = "No actor with that name or alias.";
    const active = Boolean(f.actor || f.kind || f.topic || f.outlet || f.since || f.until || f.dropStances.size);
    let show = null; // null: every node
    if (active) {
      show = new Set();
      if (actor) show.add(actor);
      for (const st of statements) {
        if (f.actor && !actor) break;
        if (!passes(st, f, actor)) continue;
        show.add(st.id);
        const claim = claimOf.get(st.id);
        for (const id of [speakerOf.get(st.id), articleOf.get(st.id), claim]) if (id) show.add(id);
        for (const id of evidenceOf.get(st.id) || []) show.add(id);
        for (const id of aboutOf.get(claim) || []) show.add(id);
      }
    }
    const nodeChanges = [];
    for (const node of data.nodes) {
      const off =
        (show !== null && !show.has(node.id)) ||
        (!f.evidence && node.type === "evidence") ||
        (!f.articles && node.type === "article");
      if (off !== hidden.has(node.id)) {
        if (off) hidden.add(node.id);
        else hidden.delete(node.id);
        nodeChanges.push({ id: node.id, hidden: off, physics: !off });
      }
    }
    if (nodeChanges.length) {
      nodes.update(nodeChanges);
      const edgeChanges = [];
      data.edges.forEach((edge, i) => {
        const off = hidden.has(edge.from) || hidden.has(edge.to) ? 1 : 0;
        if (off !== edgeHidden[i]) {
          edgeHidden[i] = off;
          edgeChanges.push({ id: i, hidden: Boolean(off) });
        }
      });
      edges.update(edgeChanges);
    }
    const visible = data.nodes.length - hidden.size;
    $("kg-count").textContent = hidden.size
      ? `${visible} of ${data.nodes.length} nodes shown`
      : `${data.nodes.length} nodes, ${data.edges.length} edges`;
    if (nodeChanges.length && visible) {
      const ids = data.nodes.filter((node) => !hidden.has(node.id)).map((node) => node.id);
      if (hidden.size && visible <= data.physicsMax && !physicsBox.checked) relayout(ids);
      else settle(ids);
    } else settle(null);
    doc.body.setAttribute("data-kg-filtered", String(hidden.size));
    return visible;
  }
  window.kgApplyFilters = applyFilters;

  function relayout(ids) {
    // A big graph's positions were computed for all of it: a filtered view small enough gets a
    // short simulation of its own (hidden nodes take no part), then stays still again.
    network.setOptions({ physics: { enabled: true } });
    network.once("stabilizationIterationsDone", () => {
      if (!physicsBox.checked) network.setOptions({ physics: { enabled: false } });
      settle(ids);
    });
    network.stabilize(200);
  }

  let settled = 0;
  function settle(ids) {
    // Fit the view to what is shown, then count the filterings done (tests wait on it).
    if (ids) network.fit({ nodes: ids });
    doc.body.setAttribute("data-kg-settled", String(++settled));
  }
  window.kgVisible = () => data.nodes.filter((node) => !hidden.has(node.id)).map((node) => node.id);

  let filterTimer = 0;
  const filters = $("kg-filters");
  filters.addEventListener("change", applyFilters);
  filters.addEventListener("input", (event) => {
    if (event.target.id !== "kg-f-actor") return;
    clearTimeout(filterTimer);
    filterTimer = setTimeout(applyFilters, 250);
  });
  filters.addEventListener("submit", (event) => event.preventDefault());
  $("kg-f-reset").addEventListener("click", () => {
    filters.reset();
    applyFilters();
  });

  doc.addEventListener("keydown", (event) => {
    // "/" jumps to the search box; Escape clears it and the selection.
    const typing = /^(INPUT|SELECT|TEXTAREA)$/.test((event.target && event.target.tagName) || "");
    if (event.key === "/" && !typing) {
      event.preventDefault();
      box.focus();
    } else if (event.key === "Escape" && (!typing || event.target === box)) {
      box.value = "";
      search("");
    }
  });

  // ---- the dispute map: actors, and who disputes, agrees with or speaks about whom -----------

  let mapNetwork = null;
  const mapById = new Map(data.map.nodes.map((node) => [node.id, node]));
  const mapLinks = new Map(); // actor id -> indexes into data.map.edges
  data.map.edges.forEach((edge, i) => {
    push(mapLinks, edge.from, i);
    if (edge.to !== edge.from) push(mapLinks, edge.to, i);
  });
  const EDGE_VERBS = { disputes: "disputes", agrees: "agrees with", speaks_about: "speaks about" };

  function mapLabel(id) {
    const node = mapById.get(id) || byId.get(id);
    return node ? node.label || node.short : id;
  }

  function buildMap() {
    const mapNodes = new vis.DataSet(
      data.map.nodes.map((node) => {
        const item = { id: node.id, label: node.short, group: node.group, size: node.size };
        if (typeof node.x === "number") {
          item.x = node.x;
          item.y = node.y;
        }
        return item;
      })
    );
    const mapEdges = new vis.DataSet(
      data.map.edges.map((edge, i) => ({
        id: i,
        from: edge.from,
        to: edge.to,
        width: edge.width,
        color: { color: edge.color, highlight: edge.color, hover: edge.color, opacity: 0.85 },
        arrows: { to: { enabled: edge.arrow, scaleFactor: 0.5 } },
        dashes: edge.type === "speaks_about",
        label: edge.type === "speaks_about" ? undefined : `${edge.name} (${edge.weight})`,
      }))
    );
    const mapOptions = Object.assign({}, options, {
      physics: Object.assign({}, options.physics, { enabled: Boolean(data.map.physics) }),
      interaction: Object.assign({}, options.interaction, { hover: true }),
      layout: { randomSeed: 7, improvedLayout: data.map.nodes.length <= 100 },
    });
    mapNetwork = new vis.Network(doc.getElementById("kg-map"), { nodes: mapNodes, edges: mapEdges }, mapOptions);
    window.kgMap = mapNetwork;
    mapNetwork.once("afterDrawing", () => doc.body.setAttribute("data-kg-map-ready", "1"));
    mapNetwork.on("click", (params) => {
      if (params.nodes.length) showMapActor(params.nodes[0]);
      else if (params.edges.length) showMapEdge(params.edges[0]);
    });
    if (!data.map.physics) mapNetwork.fit();
  }

  function showView(which) {
    if (which !== "map" && which !== "claims") return false;
    view = which;
    const onMap = which === "map";
    doc.getElementById("kg-map").hidden = !onMap;
    doc.getElementById("kg-network").hidden = onMap;
    for (const part of doc.querySelectorAll(".kg-legend-map")) part.hidden = !onMap;
    for (const part of doc.querySelectorAll(".kg-legend-claims")) part.hidden = onMap;
    const button = $("kg-view");
    button.textContent = onMap ? "Claim view" : "Dispute map";
    button.setAttribute("aria-pressed", String(onMap));
    physicsBox.disabled = onMap;
    if (onMap && !mapNetwork) buildMap();
    else if (onMap) mapNetwork.redraw();
    else network.redraw();
    doc.body.setAttribute("data-kg-view", which);
    return true;
  }
  window.kgShowView = showView;

  function panelStart(type, title) {
    const panel = doc.getElementById("kg-details");
    panel.replaceChildren();
    panel.appendChild(el("div", type, "kg-type kg-type-actor"));
    panel.appendChild(el("h2", title, "kg-val"));
    return panel;
  }

  function edgeTitle(edge) {
    return `${mapLabel(edge.from)} ${EDGE_VERBS[edge.type]} ${mapLabel(edge.to)}`;
  }

  function claimButton(stIds) {
    // "Open in the claim view": the claim-level graph, one click away, on these statements.
    const button = el("button", "Open in the claim view", "kg-action");
    button.type = "button";
    button.addEventListener("click", () => {
      showView("claims");
      const shown = stIds.filter((id) => byId.has(id) && !hidden.has(id));
      if (shown.length) {
        network.selectNodes(shown);
        network.fit({ nodes: shown, animation: { duration: 300 } });
        showNode(shown[0], false);
      }
    });
    return button;
  }

  function showMapEdge(i) {
    const edge = data.map.edges[i];
    if (!edge) return false;
    if (mapNetwork) mapNetwork.selectEdges([i]);
    const panel = panelStart("Dispute map \u00b7 " + EDGE_VERBS[edge.type], edgeTitle(edge));
    const list = el("dl");
    field(list, edge.type === "speaks_about" ? "Statements" : "Claims", String(edge.weight));
    if (edge.type === "speaks_about") field(list, "Mostly", edge.stance);
    panel.appendChild(list);
    panel.appendChild(claimButton(edge.statements));
    const box = el("section", null, "kg-sources kg-map-claims");
    box.appendChild(el("h3", `Statements behind it (${edge.statements.length})`));
    for (const stId of edge.statements.slice(0, MAX_SOURCES)) {
      if (!byId.has(stId)) continue;
      box.appendChild(statementBlock(stId, true));
      const claim = claimOf.get(stId);
      for (const other of edge.statements) {
        const why = claim && linkWhy.get(claim + "|" + claimOf.get(other));
        if (why) {
          box.appendChild(el("div", "Why linked: " + why, "kg-why"));
          break;
        }
      }
    }
    if (edge.statements.length > MAX_SOURCES) box.appendChild(el("p", `\u2026 and ${edge.statements.length - MAX_SOURCES} more`));
    panel.appendChild(box);
    panel.scrollTop = 0;
    return true;
  }
  window.kgShowMapEdge = showMapEdge;

  function showMapActor(id) {
    const node = mapById.get(id);
    if (!node) return false;
    if (mapNetwork) mapNetwork.selectNodes([id]);
    const kind = node.kind ? ` \u00b7 ${node.kind.replace(/_/g, " ")}` : "";
    const panel = panelStart("Actor" + kind, node.label);
    const list = el("dl");
    field(list, "Aliases", node.aliases && node.aliases.join(" \u00b7 "));
    panel.appendChild(list);
    const indexes = (mapLinks.get(id) || []).slice().sort((a, b) => {
      const order = { disputes: 0, agrees: 1, speaks_about: 2 };
      const x = data.map.edges[a];
      const y = data.map.edges[b];
      return order[x.type] - order[y.type] || y.weight - x.weight;
    });
    const box = el("section", null, "kg-links");
    box.appendChild(el("h3", `On the map (${indexes.length})`));
    const items = el("ul");
    for (const i of indexes.slice(0, MAX_LINKS)) {
      const edge = data.map.edges[i];
      const item = el("li", null, "kg-map-edge");
      item.appendChild(swatch({ color: edge.color, dashes: edge.type === "speaks_about" }));
      const button = el("button", `${edgeTitle(edge)} (${edge.weight})`, "kg-node-link kg-val");
      button.type = "button";
      button.addEventListener("click", () => showMapEdge(i));
      item.appendChild(button);
      items.appendChild(item);
    }
    box.appendChild(items);
    panel.appendChild(box);
    const own = said.get(id) || [];
    if (own.length) panel.appendChild(claimButton(own));
    panel.scrollTop = 0;
    return true;
  }
  window.kgShowMapActor = showMapActor;

  $("kg-view").addEventListener("click", () => showView(view === "map" ? "claims" : "map"));
  if (!data.map.nodes.length) $("kg-view").disabled = true;
  if (data.view === "map" && data.map.nodes.length) showView("map");
  doc.body.setAttribute("data-kg-view", view);

  physicsBox.addEventListener("change", () => {
    network.setOptions({ physics: { enabled: physicsBox.checked } });
  });
  $("kg-fit").addEventListener("click", () => network.fit({ animation: { duration: 300 } }));
})();
