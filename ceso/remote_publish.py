"""`ceso publish --to ENDPOINT`: the current build loaded into another SPARQL engine, for `ceso serve --backend`.

Each named graph of the build, and UNION_GRAPH (the default graph as CESO defines it, see ceso.backend), is
uploaded with the Graph Store HTTP Protocol under a staging name, then one SPARQL Update moves every
staging graph onto its real name and drops CESO graphs the build no longer has. An update request is one
transaction in Oxigraph and in Virtuoso, so readers see the old graphs or the new ones, never a mix; a
failed upload leaves the published graphs as they were. Credentials go to the engine only: URLs in
messages are shown without them.
"""

from __future__ import annotations

import base64
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from ceso.backend import STAGING, UNION_GRAPH, BackendError, RemoteDataset, engine_kind, redact
from ceso.errors import CesoError, Exit
from ceso.namespaces import DEFAULT_GRAPHS
from ceso.store import DATASET_FILE, check_build_dir

REQUEST_TIMEOUT = 600.0  # seconds for one upload; a 1M-triple graph takes well under a minute


@dataclass
class Endpoints:
    graph_store: str
    update: str
    graph_param: str  # the Graph Store's query parameter naming the graph
    media_type: str  # what the store accepts for N-Triples
    bulk: str = ""  # a query parameter for a faster, non-transactional load, where the store has one


def endpoints(query: str, graph_store: str | None, update: str | None, with_credentials: bool) -> Endpoints:
    """The Graph Store and update URLs of the engines we test, derived from the query endpoint."""
    kind = engine_kind(query)
    base = query.rstrip("/").rsplit("/", 1)[0]
    if kind == "oxigraph":
        # no_transaction: Oxigraph's bulk loader, 10x faster at 100k triples (a transactional load grows worse
        # than linearly); safe here, since nobody reads a staging graph and the switch is one transaction.
        return Endpoints(graph_store or base + "/store", update or base + "/update", "graph", "application/n-triples",
                         "&no_transaction")
    if kind == "virtuoso":
        # The -auth variants take HTTP digest authentication (the dba account); the plain ones run as the
        # SPARQL user, which needs SPARQL_UPDATE granted.
        suffix = "-auth" if with_credentials else ""
        return Endpoints(graph_store or f"{base}/sparql-graph-crud{suffix}", update or f"{base}/sparql{suffix}",
                         "graph-uri", "text/turtle")
    if not graph_store:
        raise CesoError(f"cannot tell which engine serves {redact(query)}",
                        fix="give its Graph Store URL with --graph-store (and --update if updates go elsewhere)")
    return Endpoints(graph_store, update or query, "graph", "application/n-triples")


@dataclass
class Report:
    endpoint: str
    graphs: dict[str, int] = field(default_factory=dict)  # graph IRI -> triples published
    dropped: list[str] = field(default_factory=list)
    upload_seconds: float = 0.0
    switch_seconds: float = 0.0

    def format(self) -> str:
        lines = [f"published to {self.endpoint}: {len(self.graphs)} graphs, {sum(self.graphs.values()):,} triples "
                 f"in {self.upload_seconds + self.switch_seconds:.2f} s (upload {self.upload_seconds:.2f} s, "
                 f"switch {self.switch_seconds:.2f} s)"]
        lines += [f"  {iri}  {n:,} triples" for iri, n in sorted(self.graphs.items())]
        lines += [f"  {iri}  dropped (not in this build)" for iri in self.dropped]
        return "\n".join(lines)


def build_graphs(build_dir: Path) -> dict[str, list[ox.Triple]]:
    """The build's named graphs, and UNION_GRAPH: their default graph, each triple once."""
    graphs: dict[str, list] = defaultdict(list)
    for quad in ox.parse(path=str(check_build_dir(build_dir) / DATASET_FILE), format=ox.RdfFormat.N_QUADS):
        if isinstance(quad.graph_name, ox.NamedNode):
            graphs[quad.graph_name.value].append(quad.triple)
    union = {t for g in DEFAULT_GRAPHS for t in graphs.get(g, ())}
    graphs[UNION_GRAPH] = sorted(union, key=str)
    return dict(graphs)


class _Client:
    """Requests to the engine, authenticated when a user is given. The challenge is fetched with an empty
    request first: an engine may answer 401 and close before reading a large body (Virtuoso does), so the
    upload itself must carry its Authorization header."""

    def __init__(self, user: str | None, password: str | None) -> None:
        self.user, self.password = user, password or ""
        self.passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        self.digest = urllib.request.HTTPDigestAuthHandler(self.passwords)
        self.opener = urllib.request.build_opener()

    def _authorize(self, request: urllib.request.Request) -> None:
        self.passwords.add_password(None, request.full_url, self.user, self.password)
        probe = urllib.request.Request(request.full_url, b"", dict(request.headers), method=request.get_method())
        try:
            with self.opener.open(probe, timeout=REQUEST_TIMEOUT):
                return  # no authentication asked for
        except urllib.error.HTTPError as err:
            challenges = err.headers.get_all("WWW-Authenticate") or []
            err.close()
        for challenge in challenges:
            scheme, _, params = challenge.partition(" ")
            if scheme.lower() == "digest":
                chal = urllib.request.parse_keqv_list(filter(None, urllib.request.parse_http_list(params)))
                request.add_unredirected_header("Authorization", "Digest " + self.digest.get_authorization(request, chal))
                return
            if scheme.lower() == "basic":
                token = base64.b64encode(f"{self.user}:{self.password}".encode()).decode()
                request.add_unredirected_header("Authorization", "Basic " + token)
                return

    def send(self, method: str, url: str, body: bytes, content_type: str) -> None:
        request = urllib.request.Request(url, body, {"Content-Type": content_type, "User-Agent": "ceso"}, method=method)
        try:
            if self.user:
                self._authorize(request)
            with self.opener.open(request, timeout=REQUEST_TIMEOUT) as response:
                response.read()
        except urllib.error.HTTPError as err:
            detail = err.read(2000).decode("utf-8", "replace").strip()
            fix = ("check --user and --password-file" if err.code in (401, 403)
                   else "see the engine's log; `ceso publish --help` lists the options")
            raise CesoError(f"{method} {redact(url)} was answered {err.code}: {detail[:500]}", fix=fix) from None
        except (urllib.error.URLError, OSError) as err:
            reason = getattr(err, "reason", err)
            raise CesoError(f"{redact(url)} cannot be reached: {reason}", fix="start the engine, or check --to",
                            exit_code=Exit.UNREACHABLE) from None


def publish(build_dir: Path, to: str, *, graph_store: str | None = None, update: str | None = None,
            user: str | None = None, password: str | None = None, direct: bool = False) -> Report:
    """Publish the build at `build_dir` to the engine whose query endpoint is `to`. With `direct`, graphs
    are loaded straight onto their names: no staging copy and no switch, so much faster where the engine's
    switch is slow (Oxigraph: 105 s for 442k triples), but readers see each graph change while it loads."""
    urls = endpoints(to, graph_store, update, bool(user))
    client = _Client(user, password)
    graphs = build_graphs(build_dir)
    report = Report(redact(to))
    try:
        before = RemoteDataset(to, Path(build_dir), timeout=REQUEST_TIMEOUT)
        before.read_sizes()
    except (BackendError, SyntaxError) as err:
        raise CesoError(f"cannot read the graphs at {redact(to)}: {err}", fix="start the engine, or check --to",
                        exit_code=Exit.UNREACHABLE) from None
    old = set(before.graph_sizes) | ({UNION_GRAPH} if before.default_graph_size else set())

    run = f"{time.strftime('%Y%m%dT%H%M%S')}-{time.monotonic_ns() % 10**6}/"
    staging = {iri: iri if direct else STAGING + run + urllib.parse.quote(iri, safe="") for iri in graphs}
    started = time.perf_counter()
    try:
        for iri, triples in graphs.items():
            body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
            url = f"{urls.graph_store}?{urllib.parse.urlencode({urls.graph_param: staging[iri]})}{urls.bulk}"
            client.send("PUT", url, body, urls.media_type)
            report.graphs[iri] = len(triples)
        report.upload_seconds = time.perf_counter() - started
        started = time.perf_counter()
        report.dropped = sorted(old - set(graphs))
        switch = [] if direct else [f"MOVE SILENT GRAPH <{staging[iri]}> TO GRAPH <{iri}>" for iri in graphs]
        switch += [f"DROP SILENT GRAPH <{iri}>" for iri in report.dropped]
        if switch:
            try:
                client.send("POST", urls.update, " ;\n".join(switch).encode(), "application/sparql-update")
            except CesoError as err:
                err.fix = ("the engine refused to switch the graphs in one transaction (Virtuoso: raise "
                           "TransactionAfterImageLimit in virtuoso.ini); or publish with --direct")
                raise
        report.switch_seconds = time.perf_counter() - started
    except CesoError:
        if direct:
            raise
        cleanup = " ;\n".join(f"DROP SILENT GRAPH <{g}>" for g in staging.values())
        try:
            client.send("POST", urls.update, cleanup.encode(), "application/sparql-update")
        except CesoError:
            pass  # the first error is the one to report
        raise
    _check(to, build_dir, report)
    return report


def _check(to: str, build_dir: Path, report: Report) -> None:
    """Count what the engine now serves: the figures must be the ones sent."""
    after = RemoteDataset(to, Path(build_dir), timeout=REQUEST_TIMEOUT)
    after.read_sizes()
    served = {**after.graph_sizes, UNION_GRAPH: after.default_graph_size}
    wrong = {g: (n, served.get(g, 0)) for g, n in report.graphs.items() if served.get(g, 0) != n}
    if wrong:
        listed = "; ".join(f"{g}: sent {sent:,}, serves {got:,}" for g, (sent, got) in sorted(wrong.items()))
        raise CesoError(f"{redact(to)} does not serve what was published ({listed})",
                        fix="another writer may have changed the graphs; run `ceso publish` again")
