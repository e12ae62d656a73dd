"""Slow clients, idle connections and concurrent runaways against a real `ceso serve` process (issues 12, 15),
loopback only, bounded counts and time. Prints how long ordinary queries take meanwhile, and when each
runaway is answered.

    python benchmarks/bench_clients.py [--slow 20] [--idle 64] [--runaways 16] [--timeout 10]
"""

from __future__ import annotations

import argparse
import socket
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from support import Server  # noqa: E402

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"
QUICK = "ASK { ?s ?p ?o }"


def ordinary(server, seconds: float) -> list[float]:
    took, end = [], time.monotonic() + seconds
    while time.monotonic() < end:
        started = time.monotonic()
        try:
            status = server.query(QUICK, timeout=60).status
        except OSError:
            status = 0
        took.append(time.monotonic() - started if status == 200 else float("inf"))
        time.sleep(0.05)
    return took


def slow_header_client(port: int, stop: threading.Event) -> None:
    with socket.create_connection(("127.0.0.1", port)) as sock:
        sock.sendall(b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\n")
        while not stop.is_set():
            try:
                sock.sendall(b"X-Slow: 1\r\n")
            except OSError:
                return
            stop.wait(1.0)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--slow", type=int, default=20)
    parser.add_argument("--idle", type=int, default=64)
    parser.add_argument("--runaways", type=int, default=16)
    parser.add_argument("--timeout", type=float, default=10.0)
    parser.add_argument("--server-args", default="", help="extra `ceso serve` options, e.g. \"--threads 32\"")
    args = parser.parse_args()
    server = Server("--timeout", str(args.timeout), "--no-access-log", *args.server_args.split(), env={"CESO_RETIRE_GRACE": "5"})
    try:
        stop = threading.Event()
        slow = [threading.Thread(target=slow_header_client, args=(server.port, stop), daemon=True) for _ in range(args.slow)]
        for t in slow:
            t.start()
        idle = [socket.create_connection(("127.0.0.1", server.port)) for _ in range(args.idle)]
        time.sleep(1)
        took = ordinary(server, 10)
        stop.set()
        for s in idle:
            s.close()
        print(f"{args.slow} slow and {args.idle} idle connections: {len(took)} ordinary queries, slowest "
              f"{max(took):.2f} s, median {sorted(took)[len(took) // 2]:.3f} s, unanswered {sum(t == float('inf') for t in took)}")

        def runaway(_):
            started = time.monotonic()
            try:
                status = server.query(RUNAWAY, timeout=args.timeout * 6).status
            except OSError:
                status = 0
            return status, time.monotonic() - started

        with ThreadPoolExecutor(args.runaways) as pool:
            outcomes = list(pool.map(runaway, range(args.runaways)))
        statuses = [s for s, _ in outcomes]
        print(f"{args.runaways} concurrent runaways ({args.timeout:g} s limit): statuses {sorted(statuses)}, "
              f"answered in {min(t for _, t in outcomes):.1f}-{max(t for _, t in outcomes):.1f} s, "
              f"unanswered {statuses.count(0)}")
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
