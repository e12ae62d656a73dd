"""A bounded fuzz run (fixed seed) against the endpoint in-process: no 500, no crash (a crash of the
engine would end this test process). The long run is benchmarks/bench_fuzz.py."""

from __future__ import annotations

from collections import Counter

from fuzzing import cases
from support import make_client

SEED, COUNT = 12, 2000


def test_fuzzed_requests_get_client_errors_never_server_errors():
    # A short deadline keeps fuzzed runaways cheap; they are the documented 503.
    client = make_client(update_token="fuzz", timeout=0.3, max_results=100)
    statuses: Counter = Counter()
    errors = []
    for method, path, body, headers in cases(SEED, COUNT):
        reply = client.request(method, path, body, headers)
        statuses[reply.status] += 1
        if reply.status >= 500 and reply.status != 503:
            errors.append((reply.status, reply.text[:200], body[:200] or path[:200]))
    assert not errors, errors[:5]
    assert sum(statuses.values()) == COUNT
    assert statuses[400] > COUNT // 4 and statuses[200] > COUNT // 20, statuses
