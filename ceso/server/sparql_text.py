"""A small lexer for SPARQL text, just enough to vet and adjust requests before Oxigraph parses them.

It finds keywords, IRIs and prefixed names while skipping strings, comments and IRIs, the way the SPARQL
grammar does, so that a keyword inside a literal is never mistaken for one. It is deliberately not a parser:
the engine parses; this only answers "which SERVICE/LOAD IRIs does this text name?" and "where do the
top-level WHERE clauses of an update start?".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# The SPARQL spec applies \u and \U escapes to the whole text before parsing (Oxigraph does the same), so a
# keyword can be spelled SERV\u0049CE: unescape first, then lex.
_CODEPOINT_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")

_PN_CHARS = r"\w\-\u00B7\u0300-\u036F\u203F-\u2040"
_PLX = r"%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%]"
_TOKEN = re.compile(
    "|".join(
        [
            r"(?P<ws>\s+)",
            r"(?P<comment>\#[^\n\r]*)",
            r"(?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^\"\\]|\\.|\"(?!\"\"))*\"\"\""
            r"|'(?:[^'\\\n\r]|\\.)*'|\"(?:[^\"\\\n\r]|\\.)*\")",
            r"(?P<iri><[^<>\"{}|^`\\\x00-\x20]*>)",
            r"(?P<var>[?$][" + _PN_CHARS + r"]+)",
            r"(?P<bnode>_:[" + _PN_CHARS + r".]*[" + _PN_CHARS + r"])",
            r"(?P<langtag>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)",
            r"(?P<pname>(?:[^\W\d_](?:[" + _PN_CHARS + r".]*[" + _PN_CHARS + r"])?)?:"
            r"(?:(?:[" + _PN_CHARS + r":]|" + _PLX + r")(?:(?:[" + _PN_CHARS + r".:]|" + _PLX + r")*"
            r"(?:[" + _PN_CHARS + r":]|" + _PLX + r"))?)?)",
            r"(?P<word>[^\W\d][\w]*)",
            r"(?P<other>.)",
        ]
    ),
    re.DOTALL,
)
_ABSOLUTE_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")


@dataclass(frozen=True)
class Token:
    kind: str  # iri, var, pname, word, string, bnode, langtag, other
    text: str
    start: int


def unescape_codepoints(text: str) -> str:
    return _CODEPOINT_ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), text)


def tokens(text: str) -> list[Token]:
    """Significant tokens of already-unescaped SPARQL text (whitespace and comments dropped)."""
    found = []
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup
        if kind in ("ws", "comment"):
            continue
        found.append(Token(kind, match.group(), match.start()))
    return found


class UnresolvableIri(ValueError):
    """An IRI that cannot be pinned to one absolute value without running the engine's own parser."""


class Prologue:
    """Tracks PREFIX declarations as the token stream goes, to expand prefixed names."""

    def __init__(self) -> None:
        self.prefixes: dict[str, str | None] = {}

    def feed(self, toks: list[Token], i: int) -> None:
        """Record a `PREFIX p: <iri>` that starts at toks[i]."""
        if i + 2 < len(toks) and toks[i + 1].kind == "pname" and toks[i + 2].kind == "iri":
            name = toks[i + 1].text[:-1] if toks[i + 1].text.endswith(":") else None
            if name is not None:
                iri = toks[i + 2].text[1:-1]
                # A relative namespace depends on BASE resolution; refuse to guess it.
                self.prefixes[name] = iri if _ABSOLUTE_IRI.match(iri) else None

    def absolute(self, tok: Token) -> str:
        """The absolute IRI a token names, or UnresolvableIri."""
        if tok.kind == "iri":
            iri = tok.text[1:-1]
            if not _ABSOLUTE_IRI.match(iri):
                raise UnresolvableIri(f"relative IRI {tok.text}")
            return iri
        if tok.kind == "pname":
            prefix, _, local = tok.text.partition(":")
            namespace = self.prefixes.get(prefix)
            if namespace is None:
                raise UnresolvableIri(f"prefixed name {tok.text} with an unknown or relative namespace")
            return namespace + re.sub(r"\\(.)", r"\1", local)
        raise UnresolvableIri(f"{tok.text!r} is not an IRI")


def named_sources(text: str, keyword: str) -> list[str]:
    """Absolute IRIs named right after `keyword` (SERVICE or LOAD, optional SILENT) anywhere in the text.

    Raises UnresolvableIri if one of them is a variable or cannot be pinned down.
    """
    # Fast path: a keyword can only be spelt out or hidden in \u escapes; without either, nothing to find.
    if keyword.lower() not in text.lower() and "\\u" not in text.lower():
        return []
    toks = tokens(unescape_codepoints(text))
    prologue = Prologue()
    found = []
    keyword = keyword.upper()
    for i, tok in enumerate(toks):
        if tok.kind != "word":
            continue
        word = tok.text.upper()
        if word == "PREFIX":
            prologue.feed(toks, i)
        elif word == keyword:
            j = i + 1
            if j < len(toks) and toks[j].kind == "word" and toks[j].text.upper() == "SILENT":
                j += 1
            if j >= len(toks):
                raise UnresolvableIri(f"{keyword} without an IRI")
            found.append(prologue.absolute(toks[j]))
    return found


def top_level_clauses(text: str) -> tuple[list[int], set[str]]:
    """For an update: offsets (in the unescaped text) of each top-level Modify `WHERE`, and which dataset
    keywords (WITH, USING) appear at top level. Returns (offsets, keywords); the text to edit is
    unescape_codepoints(text)."""
    toks = tokens(text)
    depth = 0
    offsets: list[int] = []
    keywords: set[str] = set()
    previous: Token | None = None
    for tok in toks:
        if tok.kind == "other" and tok.text == "{":
            depth += 1
        elif tok.kind == "other" and tok.text == "}":
            depth -= 1
        elif tok.kind == "word" and depth == 0:
            word = tok.text.upper()
            if word in ("WITH", "USING"):
                keywords.add(word)
            elif word == "WHERE" and not (previous and previous.kind == "word" and previous.text.upper() == "DELETE"):
                # `DELETE WHERE { }` is the short form, which takes no USING clause.
                offsets.append(tok.start)
        previous = tok
    return offsets, keywords
