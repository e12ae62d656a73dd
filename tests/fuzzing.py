"""Fuzzed SPARQL requests for the endpoint, from a fixed seed: the shipped queries mutated (bytes cut,
repeated, swapped, escaped), grammar fragments nested and chained to extremes, sent over every protocol
method. Used by tests/server/test_hostile_fuzz.py (a bounded run) and benchmarks/bench_fuzz.py (a long run)."""

from __future__ import annotations

import random
import urllib.parse
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FRAGMENTS = ["{", "}", "(", ")", "[", "]", "OPTIONAL {", "SELECT * {", "UNION", "FILTER(", "BIND(", "!", "+1",
             "||", "\\U0011FFFF", "\\uD800", "\\U", "'", '"', '"""', "'''", "#", "<", ">", "<http://x/>",
             "?x", "$y", "_:b", "a:b.", "@en", "^^", "SERVICE <http://example.org/s>", "LOAD <http://x/>",
             "SERVICE ?s", "VALUES ?x {", "GRAPH ?g {", "EXISTS {", "MINUS {", "STRDT(", "LANG(", "COUNT(*)",
             "1e999999", "99999999999999999999999999", "\x00", "\udcff", "é", "AS ?z)", ".", ";", ",",
             "<http://example.org/f>(1)", "SUBSTR('abc', 99999999999)", "REGEX('a', '(')", "xsd:dateTime('x')"]


def shipped_queries() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted((REPO / "queries").glob("*.rq"))]


# Lengths of the nests and chains: short, within the limits, past them. The long run adds lengths just
# under the limits (which the engine may spend its whole deadline parsing) and far past them.
SUITE_LENGTHS = (10, 200, 6000)
LONG_LENGTHS = (10, 200, 2500, 6000, 30000, 100000)


def case(rng: random.Random, seeds: list[str], lengths=SUITE_LENGTHS) -> str:
    roll = rng.random()
    if roll < 0.1:  # nests and chains
        piece = rng.choice(["{", "OPTIONAL {", "{ SELECT * ", "(", "!", "UNION {}", "+1", "||true"])
        n = rng.choice(lengths)
        return "SELECT * { " + piece * n + " }"
    text = rng.choice(seeds)
    for _ in range(rng.randint(1, 6)):
        at = rng.randrange(len(text) + 1)
        op = rng.random()
        if op < 0.35:
            text = text[:at] + rng.choice(FRAGMENTS) + text[at:]
        elif op < 0.6:
            text = text[:at] + text[at + rng.randint(1, 40):]
        elif op < 0.75:
            text = text[:at] + text[at:at + rng.randint(1, 30)] * rng.randint(2, 50) + text[at:]
        elif op < 0.85:
            other = rng.choice(seeds)
            cut = rng.randrange(len(other) + 1)
            text = text[:at] + other[cut:cut + rng.randint(1, 200)] + text[at:]
        else:
            text = text[:at] + "\\u%04X" % ord(text[at]) + text[at + 1:] if at < len(text) else text
    return text


def request(rng: random.Random, text: str) -> tuple[str, str, bytes, dict]:
    """(method, path, body, headers) carrying `text` one of the protocol's ways, sometimes broken."""
    way = rng.randrange(6)
    encoded = urllib.parse.quote(text.encode("utf-8", "surrogatepass"))
    if way == 0:
        return "GET", "/sparql?query=" + encoded, b"", {}
    if way == 1:
        return "POST", "/sparql", ("query=" + encoded).encode(), {"Content-Type": "application/x-www-form-urlencoded"}
    if way == 2:
        return "POST", "/sparql", text.encode("utf-8", "surrogatepass"), {"Content-Type": "application/sparql-query"}
    if way == 3:
        return "POST", "/sparql", text.encode("utf-8", "surrogatepass"), {"Content-Type": "application/sparql-update"}
    if way == 4:
        return "POST", "/sparql", ("update=" + encoded).encode(), {"Content-Type": "application/x-www-form-urlencoded",
                                                                   "Authorization": "Bearer fuzz"}
    return "GET", "/sparql?query=" + encoded + rng.choice(["&query=x", "&default-graph-uri=%3Cbad", "&format=nope",
                                                           "&named-graph-uri=http://x/", "%ZZ"]), b"", {}


def cases(seed: int, count: int, lengths=SUITE_LENGTHS):
    rng = random.Random(seed)
    seeds = shipped_queries()
    for _ in range(count):
        yield request(rng, case(rng, seeds, lengths))
