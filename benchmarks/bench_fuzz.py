"""The long fuzz run of issue 12: N fuzzed requests (fixed seed, tests/fuzzing.py) against a real `ceso serve`
process over the committed fixture build, from a few client threads. Counts answers by status, server
errors other than the documented 503 timeout, dropped connections, and worker crashes in the server log.

    python benchmarks/bench_fuzz.py [--count 10000] [--seed 12] [--clients 4] [--timeout 2]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from fuzzing import LONG_LENGTHS, cases  # noqa: E402
from support import Server  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--timeout", type=float, default=2.0, help="the server's query deadline")
    args = parser.parse_args()
    server = Server("--timeout", str(args.timeout), "--update-token", "fuzz", "--enable-update",
                    "--no-access-log", env={"CESO_RETIRE_GRACE": "5"})
    statuses: Counter = Counter()
    errors, dropped = [], []
    started = time.monotonic()

    def send(item):
        method, path, body, headers = item
        try:
            reply = server.request(method, path, body, headers, timeout=args.timeout * 4 + 30)
        except OSError as err:
            dropped.append((type(err).__name__, (body or path.encode())[:120]))
            return
        statuses[reply.status] += 1
        if reply.status >= 500 and reply.status != 503:
            errors.append((reply.status, reply.text[:160], (body or path.encode())[:120]))

    try:
        with ThreadPoolExecutor(args.clients) as pool:
            list(pool.map(send, cases(args.seed, args.count, LONG_LENGTHS)))
    finally:
        server.stop()
    log = server.log_path.read_text(errors="replace")
    # granian logs every worker exit as unexpected; a worker retired to stop a runaway says so first.
    crashes = (log.count("Unexpected exit from worker") - log.count("is retiring to stop a runaway query")
               + log.count("refused to gracefully stop") + log.count("crash loop"))
    print(f"{args.count} requests in {time.monotonic() - started:.0f} s: {dict(sorted(statuses.items()))}")
    print(f"server errors other than 503: {len(errors)}; dropped connections: {len(dropped)}; worker crashes: "
          f"{crashes}; tracebacks in the log: {log.count('Traceback')}")
    for item in (errors + dropped)[:10]:
        print("  ", item)
    return 0 if not errors and not dropped and not crashes else 1


if __name__ == "__main__":
    sys.exit(main())
