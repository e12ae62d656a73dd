// The CESO query page: YASGUI with CESO's own autocompletion (no request leaves this server: the editor's
// stock completers ask a third-party vocabulary service), the query kept in the URL as you type, the
// examples by topic with a filter, labels and local links in the results, and a notice when the server's
// result cap cut the answer. The result views are in ui-views.js.
(() => {
  const config = JSON.parse(document.getElementById("ui-config").textContent);
  const examples = JSON.parse(document.getElementById("catalogue").textContent);
  const { Yasqe, Yasr } = Yasgui;
  const ID = "https://w3id.org/ceso/id/";

  // Autocompletion from /terms: classes after "a", properties in predicate position, entities after id: or :.
  let lastTerms = [];
  const fromServer = (kind) => (yasqe, token) =>
    fetch(`/terms?kind=${kind}&q=${encodeURIComponent(token.autocompletionString || "")}`)
      .then((reply) => (reply.ok ? reply.json() : []))
      .then((terms) => { lastTerms = terms; return terms.map((t) => t.iri); });
  const withLabels = (yasqe, hints) =>
    hints.map((hint, i) => Object.assign(hint, { displayText: lastTerms[i] && lastTerms[i].label ? `${hint.text}   ${lastTerms[i].label}` : hint.text }));
  const local = { bulk: false, autoShow: true, persistenceId: null, postprocessHints: withLabels };
  Yasqe.forkAutocompleter("class", { ...local, name: "ceso-class", get: fromServer("class") }, false);
  Yasqe.forkAutocompleter("property", { ...local, name: "ceso-property", get: fromServer("property") }, false);
  Yasqe.forkAutocompleter("class", {
    ...local, name: "ceso-entity", get: fromServer("entity"),
    isValidCompletionPosition: (yasqe) => /^(id:|:|<https:\/\/w3id\.org\/ceso\/id\/)/.test(yasqe.getCompleteToken().string || ""),
  }, false);
  Yasqe.defaults.autocompleters = ["prefixes", "variables", "ceso-entity", "ceso-class", "ceso-property"];
  Yasr.defaults.pluginOrder = ["table", "timeline", "chart", "map", "graph", "response"];
  if (window.CesoViews) window.CesoViews.register(Yasr, config);

  const fromUrl = new URLSearchParams(window.location.search).get("query");
  const yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: config.endpoint, method: "POST" },
    copyEndpointOnNewTab: true,
    persistenceId: null,
    populateFromUrl: false,
    endpointCatalogueOptions: { getData: () => [{ endpoint: config.endpoint }] },
    yasqe: { autofocus: false, value: fromUrl || (examples.length ? examples[0].query : "SELECT * WHERE { ?s ?p ?o } LIMIT 10") },
  });
  window.cesoYasgui = yasgui;
  setTimeout(() => window.scrollTo(0, 0), 0);  // the editor takes focus as it starts: the page opens at its top

  const notice = document.getElementById("result-notice");
  const question = document.getElementById("example-question");
  const wired = new WeakSet();
  function wire(tab) {
    if (!tab || wired.has(tab)) return;
    wired.add(tab);
    const yasqe = tab.getYasqe();
    yasqe.on("change", () => {  // the query in the URL: a reload, a bookmark or a link keeps it
      const url = new URL(window.location.href);
      url.searchParams.set("query", yasqe.getValue());
      window.history.replaceState(null, "", url);
    });
    yasqe.on("query", () => { notice.hidden = true; });
    yasqe.on("queryResponse", (instance, response) => {
      const headers = response && response.headers;
      const cut = headers && typeof headers.get === "function" && headers.get("CESO-Results-Truncated");
      if (cut) {
        const limit = headers.get("CESO-Results-Limit") || config.maxResults;
        notice.textContent = `The server's result cap cut this answer at ${limit} rows or triples: add LIMIT/OFFSET or narrow the query to see the rest.`;
        notice.hidden = false;
      }
    });
    const yasr = tab.getYasr();
    yasr.on("drawn", () => decorate(yasr.resultsEl));
  }
  wire(yasgui.getTab());
  yasgui.on("tabChange", (instance, id) => wire(instance.getTab(id)));
  yasgui.on("tabAdd", (instance, id) => setTimeout(() => wire(instance.getTab(id)), 0));

  // Examples: a click loads and runs one; the filter hides those whose title and question do not match.
  document.querySelectorAll("#examples button[data-example]").forEach((button) => {
    button.addEventListener("click", () => {
      const example = examples[Number(button.dataset.example)];
      const tab = yasgui.getTab();
      tab.setQuery(example.query);
      question.textContent = example.question ? `${example.title}: ${example.question}` : example.title;
      tab.getYasqe().query();
    });
  });
  const filter = document.getElementById("example-filter");
  if (filter) filter.addEventListener("input", () => {
    const words = filter.value.toLowerCase().split(/\s+/).filter(Boolean);
    document.querySelectorAll("#examples details").forEach((group) => {
      let shown = 0;
      group.querySelectorAll("button[data-example]").forEach((button) => {
        const text = (button.textContent + " " + button.title).toLowerCase();
        const match = words.every((w) => text.includes(w));
        button.hidden = !match;
        shown += match ? 1 : 0;
      });
      group.hidden = shown === 0;
      if (words.length) group.open = shown > 0;
    });
  });

  // Results: CESO IRIs link to their page here, with their label beside them; dates at their precision.
  const labels = {}, precision = {};
  const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
  window.cesoDate = (stamp) => {
    const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(stamp);
    if (!m) return stamp;
    const unit = precision[stamp] || (stamp.length <= 10 || /T00:00:00(\.0+)?Z?$/.test(stamp) ? "unitDay" : "");
    if (unit === "unitYear") return m[1];
    if (unit === "unitMonth") return `${MONTHS[Number(m[2]) - 1]} ${m[1]}`;
    if (unit === "unitDay") return `${Number(m[3])} ${MONTHS[Number(m[2]) - 1]} ${m[1]}`;
    return stamp;
  };
  window.cesoLabel = (iri) => labels[iri];
  const pending = {};  // IRI or date -> the request that is fetching it, so that a second caller waits for it
  function lookUp(iris, stamps) {
    const waiting = [...new Set([...iris, ...stamps].map((k) => pending[k]).filter(Boolean))];
    iris = iris.filter((i) => !(i in labels) && !pending[i]).slice(0, 400);
    stamps = stamps.filter((s) => !(s in precision) && !pending[s]).slice(0, 400);
    if (!iris.length && !stamps.length) return Promise.all(waiting);
    const values = iris.map((i) => `<${i}>`).join(" ");
    const dates = stamps.map((s) => `"${s}"^^<http://www.w3.org/2001/XMLSchema#dateTime>`).join(" ");
    const query = `SELECT ?x ?l ?d ?p WHERE { { VALUES ?x { ${values} } ?x <http://www.w3.org/2000/01/rdf-schema#label> ?l FILTER(LANGMATCHES(LANG(?l), "en")) }
      UNION { VALUES ?d { ${dates} } ?i <http://www.w3.org/2006/time#inXSDDateTimeStamp> ?d ; <https://w3id.org/ceso/ontology#datePrecision> ?p } }`;
    const request = fetch(config.endpoint, { method: "POST", headers: { Accept: "application/sparql-results+json", "Content-Type": "application/x-www-form-urlencoded" },
                                             body: new URLSearchParams({ query }) })
      .then((reply) => (reply.ok ? reply.json() : { results: { bindings: [] } }))
      .then((answer) => {
        for (const b of answer.results.bindings) {
          if (b.x && b.l) labels[b.x.value] = b.l.value;
          if (b.d && b.p) precision[b.d.value] = b.p.value.split("#").pop();
        }
      })
      .catch(() => {})
      .finally(() => {
        for (const k of [...iris, ...stamps]) { delete pending[k]; }
        iris.forEach((i) => { if (!(i in labels)) labels[i] = ""; });
        stamps.forEach((s) => { if (!(s in precision)) precision[s] = ""; });
      });
    [...iris, ...stamps].forEach((k) => { pending[k] = request; });
    return Promise.all([request, ...waiting]);
  }
  window.cesoLookUp = lookUp;
  let decorating = false;
  async function decorate(root) {
    if (decorating) return;
    decorating = true;
    try {
      const links = [...root.querySelectorAll("a[href^='https://w3id.org/ceso/']")].filter((a) => !a.dataset.ceso);
      const cells = [...root.querySelectorAll("td")].filter((td) => !td.dataset.ceso && /^\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?/.test(td.textContent.trim().replace(/^"/, "")));
      const stamps = cells.map((td) => /\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?/.exec(td.textContent)[0]);
      await lookUp(links.map((a) => a.getAttribute("href")), stamps);
      for (const a of links) {
        a.dataset.ceso = "1";
        const iri = a.getAttribute("href");
        if (iri.startsWith(ID)) a.setAttribute("href", "/id/" + iri.slice(ID.length));
        else if (iri.startsWith("https://w3id.org/ceso/ontology#")) a.setAttribute("href", "/ontology#" + iri.split("#")[1]);
        if (labels[iri]) {
          const span = document.createElement("span");
          span.className = "ceso-label";
          span.textContent = labels[iri];
          a.after(" ", span);
        }
      }
      cells.forEach((td, i) => {
        td.dataset.ceso = "1";
        const words = window.cesoDate(stamps[i]);
        if (words !== stamps[i]) { td.title = td.textContent.trim(); td.textContent = words; }
      });
    } finally { decorating = false; }
  }
  const observer = new MutationObserver(() => { const el = document.querySelector(".yasr .dataTable, .yasr table"); if (el) decorate(el); });
  observer.observe(document.getElementById("yasgui"), { childList: true, subtree: true });
})();
