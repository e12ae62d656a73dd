// Result views beside YASGUI's table, drawn as SVG by this file (no library, no outside request):
// a timeline for results with date columns, a bar or line chart for results with a number column, a map
// of states (borders: world-atlas from npm, decoded by topojson-client, both served from /static/vendor),
// and a graph of CONSTRUCT/DESCRIBE results.
window.CesoViews = (() => {
  const XSD = "http://www.w3.org/2001/XMLSchema#";
  const DATES = [XSD + "date", XSD + "dateTime", XSD + "dateTimeStamp", XSD + "gYear"];
  const NUMBERS = ["integer", "decimal", "double", "float", "int", "long", "nonNegativeInteger", "positiveInteger"].map((t) => XSD + t);
  const COLOURS = ["#1f4e79", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#0072b2", "#999999", "#f0e442"];
  const NS = "http://www.w3.org/2000/svg";
  const ID = "https://w3id.org/ceso/id/";

  const el = (tag, attrs = {}, text) => {
    const node = document.createElementNS(NS, tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
    if (text !== undefined) node.textContent = text;
    return node;
  };
  const short = (term) => {
    if (!term) return "";
    if (term.type === "uri") return (window.cesoLabel && window.cesoLabel(term.value)) || term.value.split(/[#/]/).pop();
    if (DATES.includes(term.datatype)) return window.cesoDate ? window.cesoDate(term.value) : term.value;
    return term.value;
  };
  const columns = (yasr) => {
    const vars = yasr.results.getVariables() || [], rows = yasr.results.getBindings() || [];
    const kind = (v) => {
      const terms = rows.map((r) => r[v]).filter(Boolean);
      if (!terms.length) return "empty";
      if (terms.every((t) => t.type === "literal" && DATES.includes(t.datatype))) return "date";
      if (terms.every((t) => t.type === "literal" && NUMBERS.includes(t.datatype))) return "number";
      return "term";
    };
    return { vars, rows, kinds: Object.fromEntries(vars.map((v) => [v, kind(v)])) };
  };
  const isSelect = (yasr) => !!yasr.results && yasr.results.getType && yasr.results.getType() === "json" && (yasr.results.getVariables() || []).length > 0;
  const icon = (path) => { const s = el("svg", { viewBox: "0 0 16 16", width: "16", height: "16" }); s.appendChild(el("path", { d: path, fill: "currentColor" })); return s; };
  const labelsFirst = async (rows) => {
    const iris = [...new Set(rows.flatMap((r) => Object.values(r)).filter((t) => t.type === "uri" && t.value.startsWith("https://w3id.org/ceso/")).map((t) => t.value))];
    const stamps = [...new Set(rows.flatMap((r) => Object.values(r)).filter((t) => t.type === "literal" && DATES.includes(t.datatype)).map((t) => t.value))];
    if (window.cesoLookUp) await window.cesoLookUp(iris, stamps);
  };
  const legend = (svg, entries, x, y, width = 1100) => {
    let px = x, py = y;
    for (const [text, colour] of entries) {
      const w = 30 + 6.8 * text.length;
      if (px + w > x + width) { px = x; py += 18; }
      const g = el("g", { transform: `translate(${px} ${py})`, class: "legend" });
      g.append(el("rect", { width: 12, height: 12, fill: colour }), el("text", { x: 18, y: 11, "font-size": 12 }, text));
      svg.appendChild(g);
      px += w;
    }
  };
  const year = (t) => new Date(t.value.length === 4 ? t.value + "-01-01" : t.value);

  class Timeline {
    constructor(yasr) { this.yasr = yasr; this.label = "Timeline"; this.priority = 5; }
    canHandleResults() { if (!isSelect(this.yasr)) return false; const { kinds } = columns(this.yasr); return Object.values(kinds).includes("date"); }
    getIcon() { return icon("M1 3h9v2H1zM4 7h11v2H4zM2 11h7v2H2z"); }
    async draw() {
      const { vars, rows, kinds } = columns(this.yasr);
      await labelsFirst(rows);
      const dates = vars.filter((v) => kinds[v] === "date"), others = vars.filter((v) => kinds[v] === "term");
      const [startVar, endVar] = dates, labelVar = others[0], colourVar = others.find((v) => v !== labelVar && new Set(rows.map((r) => r[v] && r[v].value)).size <= 9);
      const items = rows.filter((r) => r[startVar]).map((r) => ({ row: r, label: labelVar ? short(r[labelVar]) : "", start: year(r[startVar]),
        end: endVar ? (r[endVar] ? year(r[endVar]) : new Date()) : null, colour: colourVar ? short(r[colourVar]) : "" }));
      const groups = [...new Set(items.map((i) => i.label))];
      const cats = [...new Set(items.map((i) => i.colour))];
      const t0 = Math.min(...items.map((i) => i.start)), t1 = Math.max(...items.map((i) => (i.end || i.start)), t0 + 1);
      const left = Math.min(280, 12 + 6.6 * Math.max(8, ...groups.map((g) => g.length))), width = Math.max(700, this.yasr.resultsEl.clientWidth - 20), height = 40 + groups.length * 22 + 24 * Math.ceil(cats.length / 4);
      const x = (d) => left + (width - left - 20) * (d - t0) / (t1 - t0 || 1);
      const svg = el("svg", { width, height, class: "ceso-view ceso-timeline", role: "img", "font-family": "sans-serif", "font-size": 12 });
      const y0 = new Date(t0).getUTCFullYear(), y1 = new Date(t1).getUTCFullYear(), step = y1 - y0 > 30 ? 5 : y1 - y0 > 12 ? 2 : 1;
      for (let y = y0; y <= y1 + 1; y++) if (y % step === 0) {
        const px = x(Date.UTC(y, 0, 1)); if (px < left || px > width) continue;
        svg.append(el("line", { x1: px, x2: px, y1: 18, y2: 24 + groups.length * 22, stroke: "#d9e2ec" }), el("text", { x: px, y: 14, "text-anchor": "middle", fill: "#52606d" }, String(y)));
      }
      groups.forEach((g, i) => svg.appendChild(el("text", { x: 4, y: 38 + i * 22 }, g)));
      for (const item of items) {
        const y = 26 + groups.indexOf(item.label) * 22, colour = COLOURS[cats.indexOf(item.colour) % COLOURS.length];
        const tip = `${item.label}${item.colour ? ", " + item.colour : ""}: ${short(item.row[startVar])}${endVar ? " – " + (item.row[endVar] ? short(item.row[endVar]) : "today") : ""}`;
        const a = el("a", { class: "bar", tabindex: 0, "aria-label": tip });
        const href = labelVar && item.row[labelVar].type === "uri" && item.row[labelVar].value.startsWith(ID) ? "/id/" + item.row[labelVar].value.slice(ID.length) : null;
        if (href) a.setAttribute("href", href);
        a.appendChild(el("title", {}, tip));
        a.appendChild(item.end ? el("rect", { x: x(item.start), y, width: Math.max(2, x(item.end) - x(item.start)), height: 14, fill: colour })
                               : el("circle", { cx: x(item.start), cy: y + 7, r: 5, fill: colour }));
        svg.appendChild(a);
      }
      if (cats.length > 1) legend(svg, cats.map((c, i) => [c, COLOURS[i % COLOURS.length]]), 4, 36 + groups.length * 22);
      this.yasr.resultsEl.appendChild(svg);
    }
  }

  class Chart {
    constructor(yasr) { this.yasr = yasr; this.label = "Chart"; this.priority = 4; this.mode = null; }
    canHandleResults() { if (!isSelect(this.yasr)) return false; const { kinds } = columns(this.yasr); return Object.values(kinds).includes("number"); }
    getIcon() { return icon("M1 14h14v1H1zM2 8h3v5H2zM6 4h3v9H6zM10 6h3v7h-3z"); }
    async draw() {
      let { vars, rows, kinds } = columns(this.yasr);
      await labelsFirst(rows);
      let numbers = vars.filter((v) => kinds[v] === "number");
      // A date's companion ?xLabel (its human form) is no series of its own.
      const terms = vars.filter((v) => kinds[v] !== "number" && !(v.endsWith("Label") && vars.includes(v.slice(0, -5))));
      // One number with two other columns (e.g. date and organization): the second names the series.
      const xVar = terms.find((v) => kinds[v] === "date") || terms[0];
      const seriesVar = numbers.length === 1 ? terms.find((v) => v !== xVar && kinds[v] === "term" && new Set(rows.map((r) => r[v] && r[v].value)).size <= 9) : null;
      let keys = rows.map((r, i) => (xVar && r[xVar] ? short(r[xVar]) : String(i + 1)));
      if (seriesVar) {
        const series = [...new Set(rows.map((r) => short(r[seriesVar])))], byKey = new Map();
        rows.forEach((r, i) => { const row = byKey.get(keys[i]) || {}; row[short(r[seriesVar])] = r[numbers[0]]; byKey.set(keys[i], row); });
        keys = [...byKey.keys()];
        rows = [...byKey.values()];
        numbers = series;
      }
      const yearLike = keys.every((k) => /^\d{4}/.test(k));
      const mode = this.mode || (yearLike ? "line" : "bar");
      const box = document.createElement("div");
      box.className = "ceso-view-controls";
      for (const m of ["bar", "line"]) {
        const b = document.createElement("button"); b.type = "button"; b.textContent = m === "bar" ? "Bars" : "Line"; b.disabled = m === mode;
        b.addEventListener("click", () => { this.mode = m; this.yasr.resultsEl.replaceChildren(); this.draw(); });
        box.appendChild(b);
      }
      const max = Math.max(1, ...rows.flatMap((r) => numbers.map((v) => Number(r[v] ? r[v].value : 0))));
      const left = 48, bottom = 110, width = Math.max(600, this.yasr.resultsEl.clientWidth - 20), height = 380, plotH = height - bottom - 20;
      const band = (width - left - 10) / Math.max(1, rows.length);
      const y = (n) => 20 + plotH - plotH * n / max;
      const svg = el("svg", { width, height: height + 20 * numbers.length, class: "ceso-view ceso-chart", role: "img", "font-family": "sans-serif", "font-size": 12 });
      for (let i = 0; i <= 4; i++) {
        const n = Math.round(max * i / 4), py = y(n);
        svg.append(el("line", { x1: left, x2: width - 10, y1: py, y2: py, stroke: "#d9e2ec" }), el("text", { x: left - 6, y: py + 4, "text-anchor": "end", fill: "#52606d" }, String(n)));
      }
      numbers.forEach((v, s) => {
        const colour = COLOURS[s % COLOURS.length];
        if (mode === "line") {
          const points = rows.map((r, i) => `${left + band * (i + 0.5)},${y(Number(r[v] ? r[v].value : 0))}`).join(" ");
          svg.appendChild(el("polyline", { points, fill: "none", stroke: colour, "stroke-width": 2.5 }));
        }
        rows.forEach((r, i) => {
          const n = Number(r[v] ? r[v].value : 0), tip = `${keys[i]}: ${v}: ${n}`;
          const a = el("a", { class: "bar", tabindex: 0, "aria-label": tip });
          a.appendChild(el("title", {}, tip));
          const w = band * 0.8 / numbers.length;
          a.appendChild(mode === "bar" ? el("rect", { x: left + band * i + band * 0.1 + w * s, y: y(n), width: Math.max(1, w), height: y(0) - y(n), fill: colour })
                                       : el("circle", { cx: left + band * (i + 0.5), cy: y(n), r: 4, fill: colour }));
          svg.appendChild(a);
        });
      });
      const every = Math.ceil(rows.length / 40);
      keys.forEach((k, i) => { if (i % every === 0) svg.appendChild(el("text", { transform: `translate(${left + band * (i + 0.5)} ${height - bottom + 34}) rotate(-50)`, "text-anchor": "end" }, k.length > 22 ? k.slice(0, 21) + "…" : k)); });
      legend(svg, numbers.map((v, i) => [v, COLOURS[i % COLOURS.length]]), left, height);
      this.yasr.resultsEl.append(box, svg);
    }
  }

  // Names in world-atlas that differ from CESO's English labels.
  const ATLAS_NAMES = { "United States": "United States of America" };
  let atlas = null;
  class WorldMap {
    constructor(yasr) { this.yasr = yasr; this.label = "Map"; this.priority = 3; }
    canHandleResults() {
      if (!isSelect(this.yasr)) return false;
      return (this.yasr.results.getBindings() || []).some((r) => Object.values(r).some((t) => t.type === "uri" && t.value.startsWith(ID)));
    }
    getIcon() { return icon("M8 1a7 7 0 100 14A7 7 0 008 1zm0 1.5c.9 0 2 1.9 2.3 4.5H5.7C6 4.4 7.1 2.5 8 2.5zM2.6 7h1.6M2.6 9h1.6"); }
    async draw() {
      const { vars, rows, kinds } = columns(this.yasr);
      await labelsFirst(rows);
      if (!atlas) {
        const [topo] = await Promise.all([fetch("/static/vendor/world-atlas/countries-50m.json").then((r) => r.json())]);
        atlas = topojson.feature(topo, topo.objects.countries).features;
      }
      // The state column: the first whose IRIs are named like a country of the atlas; colour by the next column.
      const names = new Set(atlas.map((f) => f.properties.name));
      const atlasName = (t) => { const l = t && t.type === "uri" ? window.cesoLabel(t.value) : null; return l ? ATLAS_NAMES[l] || l : null; };
      const stateVar = vars.find((v) => rows.some((r) => names.has(atlasName(r[v]))));
      const colourVar = vars.find((v) => v !== stateVar && kinds[v] === "term" && new Set(rows.map((r) => r[v] && r[v].value)).size <= 9);
      const byCountry = {};
      for (const r of rows) { const n = atlasName(r[stateVar]); if (n && names.has(n)) (byCountry[n] = byCountry[n] || []).push(r); }
      const cats = [...new Set(rows.map((r) => (colourVar && r[colourVar] ? short(r[colourVar]) : "in the result")))];
      const width = Math.max(700, this.yasr.resultsEl.clientWidth - 20), height = Math.round(width * 0.55);
      const [lon0, lon1, lat0, lat1] = [-20, 150, -5, 78];  // Eurasia and North Africa, equirectangular
      const px = ([lon, lat]) => `${((lon - lon0) / (lon1 - lon0) * width).toFixed(1)},${((lat1 - lat) / (lat1 - lat0) * height).toFixed(1)}`;
      const ring = (coords) => "M" + coords.map(px).join("L") + "Z";
      const path = (g) => (g.type === "Polygon" ? g.coordinates.map(ring).join("") : g.type === "MultiPolygon" ? g.coordinates.map((p) => p.map(ring).join("")).join("") : "");
      const svg = el("svg", { width, height: height + 30 + 18 * Math.ceil(cats.length / 4), class: "ceso-view ceso-map", role: "img", "font-family": "sans-serif", "font-size": 12 });
      svg.appendChild(el("rect", { width, height, fill: "#eaf2f8" }));
      for (const f of atlas) {
        const hits = byCountry[f.properties.name];
        const cat = hits ? (colourVar && hits[0][colourVar] ? short(hits[0][colourVar]) : "in the result") : null;
        const shape = el("path", { d: path(f.geometry), fill: hits ? COLOURS[cats.indexOf(cat) % COLOURS.length] : "#f8f9fa", stroke: "#9fb3c8", "stroke-width": 0.5 });
        if (hits) {
          const a = el("a", { class: "state", tabindex: 0, "data-name": f.properties.name, "aria-label": `${f.properties.name}: ${hits.map((r) => colourVar && r[colourVar] ? short(r[colourVar]) : "").filter(Boolean).join(", ")}` });
          if (hits[0][stateVar].value.startsWith(ID)) a.setAttribute("href", "/id/" + hits[0][stateVar].value.slice(ID.length));
          a.append(el("title", {}, a.getAttribute("aria-label")), shape);
          svg.appendChild(a);
        } else svg.appendChild(shape);
      }
      legend(svg, cats.map((c, i) => [c, COLOURS[i % COLOURS.length]]), 4, height + 10);
      const note = document.createElement("p");
      note.className = "note";
      note.textContent = `${Object.keys(byCountry).length} state(s) on the map. Borders: Natural Earth via world-atlas (public domain); small states may not show.`;
      this.yasr.resultsEl.append(svg, note);
    }
  }

  class Graph {
    constructor(yasr) { this.yasr = yasr; this.label = "Graph"; this.priority = 6; }
    canHandleResults() { return !!this.yasr.results && this.yasr.results.getType && this.yasr.results.getType() === "ttl"; }
    getIcon() { return icon("M3 3a2 2 0 110 .1zM13 5a2 2 0 110 .1zM7 12a2 2 0 110 .1zM4 4l8 1M4 4l3 8M12 6l-4 6"); }
    async draw() {
      const statements = (this.yasr.results.getStatements() || []).slice(0, 400);
      const text = (t) => t.termType === "Literal" ? `"${t.value.length > 30 ? t.value.slice(0, 29) + "…" : t.value}"` : t.value;
      const nodes = new Map(), edges = [];
      const named = {};
      for (const s of statements) if (s.predicate.value === "http://www.w3.org/2000/01/rdf-schema#label" && s.object.termType === "Literal") named[s.subject.value] = s.object.value;
      await (window.cesoLookUp ? window.cesoLookUp([...new Set(statements.flatMap((s) => [s.subject, s.object]).filter((t) => t.termType === "NamedNode" && t.value.startsWith(ID)).map((t) => t.value))], []) : null);
      const node = (t) => { const k = text(t); if (!nodes.has(k)) nodes.set(k, { k, iri: t.termType === "NamedNode" ? t.value : null, label: named[t.value] || (t.termType === "NamedNode" && window.cesoLabel(t.value)) || (t.termType === "NamedNode" ? t.value.split(/[#/]/).pop() : k), x: Math.random(), y: Math.random() }); return nodes.get(k); };
      for (const s of statements) {
        if (s.predicate.value === "http://www.w3.org/2000/01/rdf-schema#label") continue;
        edges.push({ a: node(s.subject), b: node(s.object), label: s.predicate.value.split(/[#/]/).pop() });
        if (nodes.size > 150) break;
      }
      const list = [...nodes.values()], width = Math.max(700, this.yasr.resultsEl.clientWidth - 20), height = 560;
      list.forEach((n, i) => { const a = 2 * Math.PI * i / list.length; n.x = 0.5 + 0.4 * Math.cos(a); n.y = 0.5 + 0.4 * Math.sin(a); });
      for (let step = 0; step < 200; step++) {  // a plain spring layout: edges pull, every pair pushes
        const k = 0.6 / Math.sqrt(list.length + 1), cool = 0.02 * (1 - step / 200);
        for (const n of list) { n.dx = 0; n.dy = 0; }
        for (let i = 0; i < list.length; i++) for (let j = i + 1; j < list.length; j++) {
          const a = list[i], b = list[j], dx = a.x - b.x, dy = a.y - b.y, d = Math.max(0.01, Math.hypot(dx, dy)), f = k * k / d;
          a.dx += dx / d * f; a.dy += dy / d * f; b.dx -= dx / d * f; b.dy -= dy / d * f;
        }
        for (const e of edges) { const dx = e.a.x - e.b.x, dy = e.a.y - e.b.y, d = Math.max(0.01, Math.hypot(dx, dy)), f = d * d / k; e.a.dx -= dx / d * f; e.a.dy -= dy / d * f; e.b.dx += dx / d * f; e.b.dy += dy / d * f; }
        for (const n of list) { const d = Math.max(0.001, Math.hypot(n.dx, n.dy)); n.x = Math.min(0.97, Math.max(0.03, n.x + n.dx / d * Math.min(d, cool))); n.y = Math.min(0.95, Math.max(0.05, n.y + n.dy / d * Math.min(d, cool))); }
      }
      const svg = el("svg", { width, height, class: "ceso-view ceso-graph", role: "img", "font-family": "sans-serif", "font-size": 11 });
      for (const e of edges) {
        svg.appendChild(el("line", { x1: e.a.x * width, y1: e.a.y * height, x2: e.b.x * width, y2: e.b.y * height, stroke: "#9fb3c8" }));
        svg.appendChild(el("text", { x: (e.a.x + e.b.x) / 2 * width, y: (e.a.y + e.b.y) / 2 * height, fill: "#829ab1", "text-anchor": "middle" }, e.label));
      }
      for (const n of list) {
        const a = el("a", { class: "node", tabindex: 0, "aria-label": n.label });
        if (n.iri && n.iri.startsWith(ID)) a.setAttribute("href", "/id/" + n.iri.slice(ID.length));
        a.append(el("title", {}, n.iri || n.k), el("circle", { cx: n.x * width, cy: n.y * height, r: 6, fill: n.iri ? "#1f4e79" : "#e69f00" }),
                 el("text", { x: n.x * width + 8, y: n.y * height + 4 }, n.label.length > 40 ? n.label.slice(0, 39) + "…" : n.label));
        svg.appendChild(a);
      }
      this.yasr.resultsEl.appendChild(svg);
    }
  }

  return {
    register(Yasr) {
      Yasr.registerPlugin("timeline", Timeline);
      Yasr.registerPlugin("chart", Chart);
      Yasr.registerPlugin("map", WorldMap);
      Yasr.registerPlugin("graph", Graph);
    },
  };
})();
