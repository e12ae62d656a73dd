"""/ontology for people: the build's pyLODE page with the site's header, and an anchor for every CESO term.

pyLODE names its anchors its own way (`armedclash`, `BorderClash`, `timeinstant`) and leaves out the SKOS
concepts and other individuals; links from entity pages need to land on the term. So the anchors are read
from the page once, and the terms it lacks are appended, each under its local name, with label,
kind and definition."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from functools import cached_property
from html import escape

from ceso.display import compact, english_label
from ceso.namespaces import CESO, ONTOLOGY_GRAPH
from ceso.store import Dataset

_ENTITY = re.compile(r'<div class="[^"]*\bentity\b[^"]*" id="([^"]+)">(.*?)<code>([^<]+)</code>', re.S)
_TERMS = f"""
SELECT ?t ?kind ?l ?d WHERE {{ GRAPH <{ONTOLOGY_GRAPH}> {{
  ?t a ?kind FILTER(STRSTARTS(STR(?t), "{CESO}"))
  OPTIONAL {{ ?t rdfs:label|skos:prefLabel ?l }}
  OPTIONAL {{ ?t skos:definition|rdfs:comment ?d FILTER(LANG(?d) IN ("", "en")) }} }} }}"""
HEADER = ('<header class="ceso-site"><strong>CESO</strong> <a href="/">Query</a> <a href="/id/">Index</a> '
          '<a href="/timeline">Timeline</a> <a href="/ontology">Ontology</a> <a href="/service">Service</a></header>')
STYLE = ('<style>header.ceso-site{background:#243b53;color:#fff;padding:.6rem 1.2rem;display:flex;gap:1.5rem;'
         'font-family:system-ui,sans-serif;position:relative;z-index:10}header.ceso-site a{color:#fff}</style>')


class OntologyPage:
    def __init__(self, dataset: Dataset) -> None:
        self.dataset = dataset

    @cached_property
    def _pylode(self) -> tuple[str | None, dict[str, str]]:
        path = self.dataset.file("ontology.html")
        if path is None:
            return None, {}
        html = path.read_text(encoding="utf-8")
        anchors = {}
        for anchor, between, iri in _ENTITY.findall(html):
            if "<div" not in between:  # the code must belong to this entity's own table
                anchors.setdefault(iri.strip(), anchor)
        return html, anchors

    @cached_property
    def _missing(self) -> dict[str, tuple[str, str, str]]:
        """Terms pyLODE did not document: IRI -> (label, kinds, definition)."""
        _, anchors = self._pylode
        found: dict[str, dict] = defaultdict(lambda: {"labels": [], "kinds": set(), "definition": ""})
        for t, kind, label, definition in self.dataset.select(_TERMS):
            if t.value in anchors:
                continue
            entry = found[t.value]
            entry["kinds"].add(compact(kind.value) or kind.value)
            if label is not None:
                entry["labels"].append((label.value, getattr(label, "language", None)))
            if definition is not None:
                entry["definition"] = definition.value
        return {iri: (english_label(e["labels"]) or iri.rsplit("#", 1)[-1], ", ".join(sorted(e["kinds"])), e["definition"])
                for iri, e in sorted(found.items())}

    @cached_property
    def anchors(self) -> dict[str, str]:
        """Every CESO term IRI -> its anchor on /ontology (pyLODE's, or the appended section's local name)."""
        html, anchors = self._pylode
        if html is None:
            return {}
        out = dict(anchors)
        for iri in self._missing:
            out.setdefault(iri, iri.rsplit("#", 1)[-1])
        return out

    @cached_property
    def html(self) -> bytes | None:
        html, _ = self._pylode
        if html is None:
            return None
        rows = "\n".join(
            f'<div class="entity" id="{escape(iri.rsplit("#", 1)[-1])}"><h3>{escape(label)} <span style="font-weight:normal;'
            f'font-size:.8em">{escape(kinds)}</span></h3><p><code>{escape(iri)}</code></p>'
            + (f"<p>{escape(definition)}</p>" if definition else "") + "</div>"
            for iri, (label, kinds, definition) in self._missing.items())
        appendix = (f'<section id="other-terms" style="padding:1rem 2rem;font-family:system-ui,sans-serif"><h2>Concepts and other '
                    f"terms</h2><p>Individuals of the ontology (membership statuses, changes, roles, threats, …) that the "
                    f"sections above do not list.</p>{rows}</section>")
        # /ontology#LocalName also lands on pyLODE's anchor (the query UI links terms by local name).
        names = {iri.rsplit("#", 1)[-1]: anchor for iri, anchor in self.anchors.items()
                 if iri.startswith(CESO) and anchor != iri.rsplit("#", 1)[-1]}
        script = ("<script>(() => { const names = " + json.dumps(names) + "; const go = () => { const h = "
                  "decodeURIComponent(location.hash.slice(1)); if (h && !document.getElementById(h) && names[h]) "
                  "location.replace('#' + names[h]); }; addEventListener('hashchange', go); document.addEventListener('DOMContentLoaded', go); })();</script>")
        html = re.sub(r"(<body[^>]*>)", lambda m: m.group(1) + STYLE + HEADER + script, html, count=1)
        html = html.replace("</body>", appendix + "</body>", 1) if "</body>" in html else html + appendix
        return html.encode("utf-8")
