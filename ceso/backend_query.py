"""SPARQL text rewritten for another engine behind `ceso serve --backend`: which form a query has, its
FROM / FROM NAMED moved out into the protocol dataset, our own queries' bindings written in. Read with the
vetting lexer (ceso/server/sparql_text.py), so strings, comments and IRIs are never mistaken for keywords."""

from __future__ import annotations

import pyoxigraph as ox

from ceso.server import sparql_text


def query_form(text: str) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the first keyword after the prologue."""
    for tok in sparql_text.tokens(sparql_text.unescape_codepoints(text)):
        if tok.kind == "word" and tok.text.upper() in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE"):
            return tok.text.upper()
    return "SELECT"  # not a query the backend will accept: let it say why


def split_dataset(text: str) -> tuple[str, list[str], list[str]] | None:
    """The query without its FROM / FROM NAMED clauses, and their IRIs (empty lists when it has none);
    None when one names an IRI that only the engine's parser could resolve (a relative IRI)."""
    if "from" not in text.lower() and "\\u" not in text.lower():
        return text, [], []
    unescaped = sparql_text.unescape_codepoints(text)
    toks = sparql_text.tokens(unescaped)
    prologue = sparql_text.Prologue()
    defaults, named, cuts = [], [], []
    for i, tok in enumerate(toks):
        word = tok.text.upper() if tok.kind == "word" else ""
        if word == "PREFIX":
            prologue.feed(toks, i)
        elif word == "FROM":
            j = i + 1
            is_named = j < len(toks) and toks[j].kind == "word" and toks[j].text.upper() == "NAMED"
            j += is_named
            if j >= len(toks):
                return None
            try:
                iri = prologue.absolute(toks[j])
            except sparql_text.UnresolvableIri:
                return None
            (named if is_named else defaults).append(iri)
            cuts.append((tok.start, toks[j].start + len(toks[j].text)))
    if not cuts:
        return text, [], []
    for start, end in reversed(cuts):
        unescaped = unescaped[:start] + " " + unescaped[end:]
    return unescaped, defaults, named


def bind(text: str, form: str, bindings: dict) -> str:
    """Our own queries with `?name` bound, as Oxigraph's substitutions do: a trailing VALUES for SELECT
    (Virtuoso takes it for SELECT only), the terms written in place of the variables otherwise."""
    if not bindings:
        return text
    terms = {name: ox.NamedNode(v) if isinstance(v, str) else v for name, v in bindings.items()}
    if form == "SELECT":
        names = " ".join(f"?{n}" for n in terms)
        return f"{text}\nVALUES ({names}) {{ ({' '.join(str(t) for t in terms.values())}) }}"
    out, last = [], 0
    for tok in sparql_text.tokens(text):
        if tok.kind == "var" and tok.text[1:] in terms:
            out += [text[last:tok.start], str(terms[tok.text[1:]])]
            last = tok.start + len(tok.text)
    return "".join(out) + text[last:]
