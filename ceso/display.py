"""How CESO shows terms to people: IRIs shortened by our prefixes, the English label, plain-text tables."""

from __future__ import annotations

from collections.abc import Iterable

from ceso.namespaces import PREFIXES

# Longest namespace first, so that the most specific prefix names an IRI (membership: before id:).
_BY_LENGTH = sorted(({**PREFIXES, "schema": "http://schema.org/"}).items(), key=lambda item: -len(item[1]))
KNOWN_PREFIXES = dict(_BY_LENGTH)


def compact(iri: str) -> str | None:
    """`prefix:local` for an IRI in a known namespace, else None."""
    for prefix, namespace in _BY_LENGTH:
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return None


def short_iri(iri: str) -> str:
    """An IRI as a reader writes it: prefixed when we can, in angle brackets otherwise."""
    return compact(iri) or f"<{iri}>"


def english_label(labels: Iterable[tuple[str, str | None]]) -> str | None:
    """From (text, language) pairs, the label to show: English (or untagged) first, then any, alphabetically."""
    ranked = sorted((0 if language in (None, "", "en") else 1, text) for text, language in labels)
    return ranked[0][1] if ranked else None


def format_table(rows: list[tuple[str, ...]]) -> str:
    """Rows as aligned plain-text columns; the first row is the header."""
    widths = [max(len(str(row[i])) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for index, row in enumerate(rows):
        lines.append("  ".join(str(cell).ljust(width) for cell, width in zip(row, widths)).rstrip())
        if index == 0:
            lines.append("  ".join("-" * width for width in widths))
    return "\n".join(lines)


def term_text(term) -> str:
    """An Oxigraph term in a table cell: a prefixed name, a literal's value, a blank node's label."""
    import pyoxigraph as ox

    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return short_iri(term.value)
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value if isinstance(term, ox.Literal) else str(term)
