"""One entity, one IRI: owl:sameAs classes, their canonical representative, and the expansion back.

OWL 2 RL's equality rules (eq-sym, eq-trans, eq-rep-s/p/o) restate every fact of an entity on every IRI
it is owl:sameAs, so a query would see id:kazakhstan and wd:Q232 as two answers. Like GraphDB's owl:sameAs
optimisation, the default graph holds each fact once, on the canonical IRI of its class: the CESO IRI
(https://w3id.org/ceso/…) where there is one (two are an inconsistency the build reports), else the
smallest IRI, else the smallest blank node. Literals are never merged: a literal's identity is its value.
The restated copies are kept apart, for who wants the full closure (the `sameas` graph).
"""

from __future__ import annotations

from itertools import product

from rdflib import Literal, URIRef
from rdflib.namespace import OWL

from ceso.namespaces import BASE

_SAME_AS = OWL.sameAs


def _rank(term) -> tuple:
    if isinstance(term, URIRef):
        return (0 if term.startswith(BASE) else 1, str(term))
    return (2, str(term))


class Identity:
    """owl:sameAs equivalence classes as a union-find over IRIs and blank nodes."""

    def __init__(self, pairs=()):
        self._parent: dict = {}
        self._canon = self._members = None  # caches, reset by every merge
        for a, b in pairs:
            self.union(a, b)

    def _root(self, x):
        # Identity comparisons (`is`): rdflib's term equality is Python code, and this loop is hot.
        parent = self._parent
        up = parent.setdefault(x, x)
        while up is not x:
            parent[x] = parent[up]  # path halving
            x, up = up, parent[up]
        return x

    def union(self, a, b) -> bool:
        """Merge the classes of a and b; True if they were apart."""
        if isinstance(a, Literal) or isinstance(b, Literal):
            return False
        ra, rb = self._root(a), self._root(b)
        if ra is rb:
            return False
        self._parent[ra] = rb
        self._canon = self._members = None
        return True

    def classes(self) -> dict:
        """canonical term -> every member of its class (itself included), for classes of two or more."""
        groups: dict = {}
        for term in self._parent:
            groups.setdefault(self._root(term), set()).add(term)
        return {min(members, key=_rank): members for members in groups.values() if len(members) > 1}

    @property
    def aliases(self) -> dict:
        """Every non-canonical member -> its canonical representative."""
        if self._canon is None:
            self._canon = {m: c for c, members in self.classes().items() for m in members if m != c}
        return self._canon

    def canonical_triples(self, triples) -> set:
        alias = self.aliases
        get = alias.get
        return {(get(s, s), get(p, p), get(o, o)) for s, p, o in triples} if alias else set(triples)

    def same_as_triples(self):
        """owl:sameAs between every two members of every class: what eq-sym and eq-trans give."""
        for members in self.classes().values():
            for a, b in product(members, repeat=2):
                if a != b:
                    yield (a, _SAME_AS, b)

    def restated(self, triple):
        """The copies eq-rep-s/p/o make of a canonical triple, on every alias of its terms."""
        s, p, o = triple
        classes = self.classes_of
        options = [classes.get(t, (t,)) for t in triple]
        for variant in product(*options):
            if variant != (s, p, o):
                yield variant

    @property
    def classes_of(self) -> dict:
        """canonical term -> the members of its class, canonical first."""
        if self._members is None:
            self._members = {c: tuple(sorted(m, key=_rank)) for c, m in self.classes().items()}
        return self._members
