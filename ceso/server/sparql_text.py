"""A small lexer for SPARQL text, just enough to vet and adjust requests before Oxigraph parses them.

It finds keywords, IRIs and prefixed names while skipping strings, comments and IRIs, the way the SPARQL
grammar does, so that a keyword inside a literal is never mistaken for one. It is deliberately not a parser:
the engine parses; this only answers "which SERVICE/LOAD IRIs does this text name?", "how deep and how long
are its nests and chains?" and "where do the top-level WHERE clauses of an update start?".

Every step is linear in the text (a request of 1 MiB is lexed in about a second): the token patterns do
not backtrack, runs of punctuation and of name characters are one match each, and a dotted run of names
(`a.a.a.…`) is only split into words when it holds a keyword this module looks for.
"""

from __future__ import annotations

import gc
import re
from dataclasses import dataclass
from typing import NamedTuple

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
            r"(?P<var>[?$][" + _PN_CHARS + r"]++)",
            r"(?P<bnode>_:[" + _PN_CHARS + r"](?:[" + _PN_CHARS + r".]*[" + _PN_CHARS + r"])?)",
            r"(?P<langtag>@[A-Za-z]++(?:-[A-Za-z0-9]++)*+)",
            # A run of name characters is one match, taken possessively: a prefixed name when it holds a
            # colon, else words. Matching PN_PREFIX/PN_LOCAL with backtracking instead costs O(n) at each
            # start of `a.a.a.…`, so O(n²) over a long query.
            r"(?P<name>[^\W\d][" + _PN_CHARS + r".]*+(?::(?:[" + _PN_CHARS + r".:]|" + _PLX + r")*+)?"
            r"|:(?:[" + _PN_CHARS + r".:]|" + _PLX + r")*+)",
            r"(?P<other>[^\w\s#'\"<?$:@]++|\d++|.)",
        ]
    ),
    re.DOTALL,
)
_ABSOLUTE_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")
_WORD = re.compile(r"[^\W\d]\w*")
_BRACKETS = re.compile(r"[^{}()\[\]]+")
# The words this module acts on; a dotted run of names is split into words only when it holds one.
_KEYWORDS = ("SERVICE", "LOAD", "PREFIX", "SILENT", "WITH", "USING", "WHERE", "DELETE")
# Each of these makes the engine's expression or pattern tree one level deeper (a chain of `!`, `+` or
# UNION is as deep as a nest of brackets once parsed), so they count towards the operator limit.
_OPERATOR_CHARS = "!|&+-*/^=<>"
_PATTERN_WORDS = frozenset({"UNION", "OPTIONAL", "MINUS", "FILTER", "BIND", "SELECT", "SERVICE", "GRAPH", "EXISTS"})
_SPLIT_WORDS = _KEYWORDS + tuple(_PATTERN_WORDS)


class Token(NamedTuple):
    kind: str  # iri, var, pname, word, string, bnode, langtag, other
    text: str
    start: int


@dataclass
class Lexed:
    tokens: list[Token]
    depth: int  # deepest nest of (), [] and {}
    operators: int  # operators and pattern keywords
    calls: int = 0  # deepest nest of calls of SUBSTR, REGEX and REPLACE (see OPTIONAL_ARGUMENT_CALLS)


# Built-ins with an optional last argument: Oxigraph's parser tries both forms at each level, so a nest of
# these calls that it then rejects costs time doubling with each level (16 levels 0.6 s, 20 levels 13 s),
# spent holding the interpreter lock, which stalls every thread of the worker. Measured with pyoxigraph 0.5.
OPTIONAL_ARGUMENT_CALLS = frozenset({"SUBSTR", "REGEX", "REPLACE"})
MAX_CALL_DEPTH = 12


def _codepoint(match: re.Match) -> str:
    value = int(match.group(1) or match.group(2), 16)
    # Out of Unicode's range: left as written, for the engine's parser to reject with its own message.
    return chr(value) if value <= 0x10FFFF else match.group()


def unescape_codepoints(text: str) -> str:
    return _CODEPOINT_ESCAPE.sub(_codepoint, text)


def lex(text: str) -> Lexed:
    """Significant tokens of already-unescaped SPARQL text (whitespace and comments dropped), with the
    depth of its nests and the count of its operators."""
    # A long text makes many small tuples; the cyclic collector would walk them all again and again.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _lex(text)
    finally:
        if collecting:
            gc.enable()


def _lex(text: str) -> Lexed:
    found: list[Token] = []
    append = found.append
    depth = deepest = operators = calls = deepest_calls = 0
    opened: list[bool] = []  # per open bracket: whether it opened a call of OPTIONAL_ARGUMENT_CALLS
    call = False  # the last token named one of them
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup
        if kind == "ws" or kind == "comment":
            continue
        value = match.group()
        if kind == "other":
            for char in (value if len(value) == 1 else _BRACKETS.sub("", value)):
                if char in "{([":
                    depth += 1
                    deepest = max(deepest, depth)
                    opened.append(call)
                    if call:
                        calls += 1
                        deepest_calls = max(deepest_calls, calls)
                elif char in "})]":
                    depth -= 1
                    if opened and opened.pop():
                        calls -= 1
                elif len(value) == 1 and char in _OPERATOR_CHARS:
                    operators += 1
                call = False
            if len(value) > 1:
                operators += sum(value.count(c) for c in _OPERATOR_CHARS)
        elif kind == "name":
            call = False
            if ":" in value:
                name = value.rstrip(".")
                append(Token("pname", name, match.start()))
                if len(name) < len(value):
                    append(Token("other", value[len(name):], match.start() + len(name)))
                continue
            if "." in value or "-" in value or "·" in value:
                upper = value.upper()
                if any(word in upper for word in _SPLIT_WORDS):
                    for word in _WORD.finditer(value):
                        operators += word.group().upper() in _PATTERN_WORDS
                        append(Token("word", word.group(), match.start() + word.start()))
                else:  # no keyword in it: one opaque token (never an IRI, never a keyword)
                    append(Token("word", value, match.start()))
                continue
            operators += value.upper() in _PATTERN_WORDS
            kind = "word"
            append(Token(kind, value, match.start()))
            call = value.upper() in OPTIONAL_ARGUMENT_CALLS
            continue
        call = False
        append(Token(kind, value, match.start()))
    return Lexed(found, deepest, operators, deepest_calls)


def tokens(text: str) -> list[Token]:
    return lex(text).tokens


class UnresolvableIri(ValueError):
    """An IRI that cannot be pinned to one absolute value without running the engine's own parser."""


class TooComplex(ValueError):
    """A request nested or chained beyond what the engine can evaluate without exhausting its stack."""


def check_complexity(lexed: Lexed, max_depth: int, max_operators: int) -> None:
    if lexed.depth > max_depth:
        raise TooComplex(f"the request nests brackets {lexed.depth:,} levels deep, deeper than this server's "
                         f"limit of {max_depth:,}")
    if lexed.operators > max_operators:
        raise TooComplex(f"the request has {lexed.operators:,} operators and pattern keywords, more than this "
                         f"server's limit of {max_operators:,}")
    if lexed.calls > MAX_CALL_DEPTH:
        raise TooComplex(f"the request nests SUBSTR, REGEX or REPLACE calls {lexed.calls} levels deep, deeper than "
                         f"this server's limit of {MAX_CALL_DEPTH} (the engine's parser takes time doubling with each "
                         "level)")


def _may_hide_words(text: str) -> bool:
    """A \\u or \\U escape can spell any keyword, which only lexing the unescaped text would see."""
    return "\\u" in text or "\\U" in text


def plainly_within(text: str, max_depth: int, max_operators: int, keywords: tuple[str, ...]) -> bool:
    """True when the raw text alone shows that lex() would find nothing to refuse: its bracket and operator
    characters and pattern words, counted anywhere (strings and comments too), stay within the limits,
    and it names none of `keywords` nor the calls MAX_CALL_DEPTH limits, and has no \\u escape that could
    spell one. Each count bounds the lexer's from above, so True is never wrong; False means "lex it".
    Counting characters is C code: a catalogue query of 1.2 KB takes 40 µs here against 0.4 ms to lex."""
    if _may_hide_words(text):
        return False
    upper = text.upper()
    if any(word in upper for word in keywords) or any(word in upper for word in OPTIONAL_ARGUMENT_CALLS):
        return False
    brackets = text.count("{") + text.count("(") + text.count("[")
    operators = sum(text.count(c) for c in _OPERATOR_CHARS) + sum(upper.count(w) for w in _PATTERN_WORDS)
    return brackets <= max_depth and operators <= max_operators


# Calls whose value differs from one evaluation to the next, and SERVICE, whose answer is another's data.
# As whole words: a SPARQL keyword is never glued to a letter, digit or underscore (`KNOWN` is not NOW).
_UNREPEATABLE_WORDS = ("RAND", "NOW", "UUID", "BNODE", "SERVICE")  # UUID also finds STRUUID as a substring
_UNREPEATABLE = re.compile(r"\b(?:%s)\b" % "|".join(_UNREPEATABLE_WORDS + ("STRUUID",)))


def repeatable(text: str) -> bool:
    """True when the same text gets the same answer each time over the same data. Erring on the safe side:
    the words count inside strings, comments and names too, and any \\u escape (which could spell one)
    makes it False."""
    if _may_hide_words(text):
        return False
    upper = text.upper()
    # The regex takes 37 µs on a catalogue query, a substring test 9 µs: most texts are settled by the latter.
    return not any(word in upper for word in _UNREPEATABLE_WORDS) or _UNREPEATABLE.search(upper) is None


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


def named_sources(text: str | Lexed, keyword: str) -> list[str]:
    """Absolute IRIs named right after `keyword` (SERVICE or LOAD, optional SILENT) anywhere in the text
    (raw text, or the lex() of its unescaped form).

    Raises UnresolvableIri if one of them is a variable or cannot be pinned down.
    """
    if isinstance(text, str):
        # Fast path: a keyword can only be spelt out or hidden in \u escapes; without either, nothing to find.
        if keyword.lower() not in text.lower() and "\\u" not in text.lower():
            return []
        text = lex(unescape_codepoints(text))
    toks = text.tokens
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
        if tok.kind == "other":
            depth += tok.text.count("{") - tok.text.count("}")
        elif tok.kind == "word" and depth == 0:
            word = tok.text.upper()
            if word in ("WITH", "USING"):
                keywords.add(word)
            elif word == "WHERE" and not (previous and previous.kind == "word" and previous.text.upper() == "DELETE"):
                # `DELETE WHERE { }` is the short form, which takes no USING clause.
                offsets.append(tok.start)
        previous = tok
    return offsets, keywords
