"""A CESO build published into another SPARQL engine (`ceso publish --to`), read through the same Dataset
interface as the embedded store, so the endpoint, the pages and the result writers work unchanged.

The default graph as CESO defines it (ontology ∪ instances ∪ inferred) is published as one more named
graph, UNION_GRAPH, deduplicated like the embedded store's default graph (engines do not merge several
default-graph-uri graphs: Oxigraph counts a triple in two of them twice). Every query is sent with an
explicit protocol dataset, so engines cannot differ on it: Virtuoso's default graph is otherwise the union
of every graph it holds, and engines disagree on whether default-graph-uri overrides FROM. A query's own
FROM / FROM NAMED are therefore moved into the protocol parameters; a query that names neither gets
UNION_GRAPH as default graph and the build's graphs as named graphs, as the embedded store answers it.

Results come back as SPARQL XML (SELECT, ASK) or N-Triples (CONSTRUCT, DESCRIBE), parsed by Oxigraph into
the same terms the embedded store returns, read lazily up to the result cap, under one deadline.
"""

from __future__ import annotations

import http.client
import io
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from ceso.backend_query import bind, query_form, split_dataset
from ceso.namespaces import GRAPH, PREFIXES
from ceso.store import BuildFiles, Result, fill

UNION_GRAPH = GRAPH + "default"
# A graph no engine holds: the protocol's way of saying "no default graph" or "no named graphs", since
# engines fill an absent parameter with their own choice.
NO_GRAPH = GRAPH + "none"
STAGING = "https://w3id.org/ceso/staging/"  # where `ceso publish` uploads before it switches graphs in
XML_RESULTS = "application/sparql-results+xml"
NTRIPLES = "application/n-triples"
_PROLOGUE = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
_SIZES = ("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
          f'FILTER(STRSTARTS(STR(?g), "{GRAPH}")) }} GROUP BY ?g')


class BackendError(Exception):
    """The backend could not answer (down, refused, failed): the endpoint says 502."""

    status = 502


class BackendTimeout(BackendError):
    """The backend did not answer within the deadline: the endpoint says 504."""

    status = 504


def engine_kind(endpoint: str) -> str:
    """"oxigraph" or "virtuoso" from the endpoint's path (/query, /sparql), else "generic"."""
    path = urllib.parse.urlsplit(endpoint).path.rstrip("/")
    return {"/query": "oxigraph", "/sparql": "virtuoso"}.get(path, "generic")


def redact(url: str) -> str:
    """A URL safe for logs and errors: no user or password part."""
    parts = urllib.parse.urlsplit(url)
    host = parts.hostname or ""
    netloc = f"[{host}]" if ":" in host else host
    if parts.port:
        netloc += f":{parts.port}"
    return urllib.parse.urlunsplit((parts.scheme, netloc, parts.path, "", ""))


class _Reader(io.RawIOBase):
    """The response body for Oxigraph's parsers: each read bounded by the deadline, and Virtuoso's blank
    node labels (`nodeID://b1`, not valid labels) shortened. In SPARQL XML the pattern `<bnode>nodeID://`
    can only be markup, never text, so the rewrite is exact."""

    PATTERN, REPLACEMENT = b"<bnode>nodeID://", b"<bnode>"

    def __init__(self, response: http.client.HTTPResponse, sock, deadline: float, rewrite: bool) -> None:
        self.response, self.sock, self.deadline, self.rewrite = response, sock, deadline, rewrite
        self.pending = self.held = b""
        self.eof = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while not self.pending and not self.eof:
            chunk = self._chunk(max(len(buffer), 65536))
            self.eof = not chunk
            if not self.rewrite:
                self.pending = chunk
                continue
            data = (self.held + chunk).replace(self.PATTERN, self.REPLACEMENT)
            # Hold back a tail that may be the start of the pattern, until more arrives.
            keep = 0 if self.eof else next((k for k in range(len(self.PATTERN) - 1, 0, -1)
                                            if data.endswith(self.PATTERN[:k])), 0)
            self.pending, self.held = (data[:-keep], data[-keep:]) if keep else (data, b"")
        size = min(len(buffer), len(self.pending))
        buffer[:size] = self.pending[:size]
        self.pending = self.pending[size:]
        return size

    def _chunk(self, size: int) -> bytes:
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise BackendTimeout("the backend did not finish its answer in time")
        if self.sock is not None:
            self.sock.settimeout(left)
        try:
            chunk = self.response.read1(size)
        except TimeoutError:
            raise BackendTimeout("the backend did not finish its answer in time") from None
        except (OSError, http.client.HTTPException) as err:
            raise BackendError(f"the backend's answer broke off: {err}") from None
        return chunk


class _Store:
    """What the pages and the graph store read from `dataset.store`, answered by the backend."""

    def __init__(self, dataset: "RemoteDataset") -> None:
        self.dataset = dataset

    def quads_for_pattern(self, subject, predicate, obj, graph=None):
        terms = {"s": subject, "p": predicate, "o": obj}
        pattern = " ".join(str(t) if t is not None else f"?{n}" for n, t in terms.items())
        free = [n for n, t in terms.items() if t is None]
        if isinstance(graph, ox.NamedNode):
            where = f"GRAPH {graph} {{ {pattern} }}"
        else:  # the default graph, CESO's union
            where, graph = pattern, ox.DefaultGraph()
        if not free:
            rows = [[]] if self.dataset.select(f"ASK {{ {where} }}") else []
        else:
            rows = self.dataset.select(f"SELECT {' '.join('?' + n for n in free)} WHERE {{ {where} }}")
        for row in rows:
            values = iter(row)
            s, p, o = (t if t is not None else next(values) for t in (subject, predicate, obj))
            yield ox.Quad(s, p, o, graph)

    def contains_named_graph(self, graph: ox.NamedNode) -> bool:
        return graph.value in self.dataset.graph_sizes

    def __len__(self) -> int:
        # As the embedded store counts: every named graph's quads plus the default graph's triples.
        return sum(self.dataset.graph_sizes.values()) + self.dataset.default_graph_size


@dataclass
class RemoteDataset(BuildFiles):
    """A Dataset (see ceso.store) whose queries run on a SPARQL engine at `endpoint`; the build's files
    (ontology.html, void.ttl, …) are read from the local `build_dir`."""

    endpoint: str
    build_dir: Path
    timeout: float = 30.0
    graph_sizes: dict[str, int] = field(default_factory=dict)
    default_graph_size: int = 0
    load_seconds: float = 0.0

    def __post_init__(self) -> None:
        self.kind = engine_kind(self.endpoint)
        self.store = _Store(self)

    # ---- the Dataset interface ------------------------------------------------------------------

    def query(self, text: str, *, base_iri: str | None = None, default_graphs=(), named_graphs=(),
              limit: int | None = None) -> Result:
        form = query_form(text)
        defaults, named = list(default_graphs), list(named_graphs)
        split = split_dataset(text)
        if split is not None:
            text = split[0]  # with a protocol dataset, the protocol wins (SPARQL 1.1 Protocol §2.1.4)
            if not (defaults or named):
                defaults, named = split[1], split[2]
                if not (defaults or named):
                    defaults, named = [UNION_GRAPH], self.named_graphs
        # A FROM that only the engine can resolve goes as written, with no protocol dataset to override it.
        protocol = split is not None or defaults or named
        if base_iri:
            text = f"BASE <{base_iri}> {text}"
        started = time.perf_counter()
        if protocol:
            defaults, named = defaults or [NO_GRAPH], named or [NO_GRAPH]
        result = self._run(text, form, defaults, named, limit)
        result.seconds = time.perf_counter() - started
        return result

    def select(self, text: str, **bindings):
        """Our own queries over CESO's default graph: prefixes predeclared, `?name` bound."""
        form = query_form(text)
        result = self._run(_PROLOGUE + bind(text, form, bindings), form, [UNION_GRAPH], self.named_graphs or [NO_GRAPH], None)
        if result.kind == "ask":
            return bool(result.boolean)
        return result.rows

    def triples(self, graph: str | None = None) -> list[ox.Triple]:
        query = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph or UNION_GRAPH}> {{ ?s ?p ?o }} }}"
        return self._run(query, "CONSTRUCT", [NO_GRAPH], [graph or UNION_GRAPH], None).rows

    def update(self, text: str, *, base_iri: str | None = None) -> None:
        raise BackendError("this endpoint reads a SPARQL backend and takes no updates; change the data "
                           "and run `ceso publish` again")

    # ---- talking to the engine ------------------------------------------------------------------

    def read_sizes(self) -> None:
        """The published graphs and their sizes, read once at start as the embedded store counts them."""
        started = time.perf_counter()
        rows = self._run(_SIZES, "SELECT", [], [], None).rows  # the engine's whole dataset
        sizes = {g.value: int(n.value) for g, n in rows}
        self.default_graph_size = sizes.pop(UNION_GRAPH, 0)
        sizes.pop(NO_GRAPH, None)
        self.graph_sizes = sizes
        self.load_seconds = time.perf_counter() - started

    def _run(self, text: str, form: str, defaults: list[str], named: list[str], limit: int | None) -> Result:
        params = [("query", text)] + [("default-graph-uri", g) for g in defaults] + [("named-graph-uri", g) for g in named]
        if self.kind == "virtuoso":
            params.append(("timeout", str(int(self.timeout * 1000))))  # Virtuoso's own query deadline, in ms
        accept = NTRIPLES if form in ("CONSTRUCT", "DESCRIBE") else XML_RESULTS
        deadline = time.monotonic() + self.timeout
        conn, sock, response = self._post(urllib.parse.urlencode(params).encode(), accept, deadline)
        try:
            if response.getheader("X-SQL-State") == "S1TAT":  # Virtuoso's "anytime" answer: partial results
                raise BackendTimeout("the backend stopped the query at its deadline")
            reader = io.BufferedReader(_Reader(response, sock, deadline, self.kind == "virtuoso"))
            try:
                if accept == NTRIPLES:
                    return fill(Result("graph"), ox.parse(reader, format=ox.RdfFormat.N_TRIPLES), limit)
                answer = ox.parse_query_results(reader, format=ox.QueryResultsFormat.XML)
                if isinstance(answer, ox.QueryBoolean):
                    return Result("ask", boolean=bool(answer))
                variables = [v.value for v in answer.variables]
                if form == "ASK" and variables == ["__ASK_RETVAL"]:
                    # Virtuoso answers ASK with one row of one integer, not a boolean.
                    return Result("ask", boolean=any(row[0] is not None and row[0].value in ("1", "true") for row in answer))
                return fill(Result("select", variables), (list(s) for s in answer), limit)
            except SyntaxError as err:
                raise BackendError(f"the backend's answer could not be read: {err}") from None
        finally:
            conn.close()

    def _post(self, body: bytes, accept: str, deadline: float):
        parts = urllib.parse.urlsplit(self.endpoint)
        path = parts.path or "/"
        if parts.query:
            path += "?" + parts.query
        connection = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
        conn = connection(parts.hostname, parts.port, timeout=max(0.1, deadline - time.monotonic()))
        where = redact(self.endpoint)
        try:
            conn.request("POST", path, body, {"Content-Type": "application/x-www-form-urlencoded",
                                              "Accept": accept, "User-Agent": "ceso"})
            sock = conn.sock  # getresponse() may let go of it when the server closes after the answer
            response = conn.getresponse()
        except TimeoutError:
            conn.close()
            raise BackendTimeout(f"the SPARQL backend {where} did not answer within {self.timeout:g} s") from None
        except (OSError, http.client.HTTPException) as err:
            conn.close()
            raise BackendError(f"the SPARQL backend {where} cannot be reached: {err}") from None
        if response.status == 200:
            return conn, sock, response
        message = response.read(4000).decode("utf-8", "replace").strip()
        conn.close()
        if response.status == 400:
            raise SyntaxError(message or "the backend rejected the query")
        if response.status in (503, 504) or "timeout" in message.lower() or "S1T00" in message:
            raise BackendTimeout(f"the SPARQL backend {where} gave up on the query: {message[:500]}")
        raise BackendError(f"the SPARQL backend {where} answered {response.status}: {message[:500]}")


def open_backend(endpoint: str, build_dir: Path, timeout: float = 30.0) -> RemoteDataset:
    """The backend's CESO graphs; BackendError when it cannot be read or holds no CESO build."""
    dataset = RemoteDataset(endpoint, Path(build_dir), timeout)
    dataset.read_sizes()
    if not dataset.default_graph_size:
        raise BackendError(f"the SPARQL backend {redact(endpoint)} holds no CESO graphs; "
                           f"load them with `ceso publish --to {redact(endpoint)}`")
    return dataset
