"""Slow clients, idle connections and concurrent runaways against a real `ceso serve` process (issues 12, 15),
loopback only, bounded counts and time. Prints how long ordinary queries take meanwhile, and when each
runaway is answered; then, on a server with one worker, how every request fares while queries past the
memory limit make that worker be replaced again and again (refused or dropped connections, 503s).

    python benchmarks/bench_clients.py [--slow 20] [--idle 64] [--runaways 16] [--timeout 10] [--replacements 4]
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

from support import DOUBLING, Server  # noqa: E402

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


def replacements(count: int) -> None:
    """One worker, four clients on fresh connections with distinct queries (no cache hits), and `count`
    queries past a 400 MiB memory limit 3 s apart (inside granian's crash-loop window after a respawn)."""
    server = Server("--workers", "1", "--max-memory", "400", "--no-access-log")
    outcomes: dict = {}
    stop = threading.Event()

    def client(k: int) -> None:
        n = 0
        while not stop.is_set():
            n += 1
            try:
                key = server.query(f"ASK {{ }} # {k} {n}", accept="text/csv").status
            except OSError as err:
                key = type(err).__name__
            outcomes[key] = outcomes.get(key, 0) + 1

    try:
        clients = [threading.Thread(target=client, args=(k,)) for k in range(4)]
        for t in clients:
            t.start()
        for _ in range(count):
            server.request("POST", "/sparql", body=DOUBLING, headers={"Content-Type": "application/sparql-query"})
            time.sleep(3)
        time.sleep(4)
        stop.set()
        for t in clients:
            t.join()
        print(f"{count} replacements of the only worker: answers and errors {dict(sorted(outcomes.items(), key=str))}, "
              f"server {'running' if server.process.poll() is None else 'gone'}")
    finally:
        server.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--slow", type=int, default=20)
    parser.add_argument("--idle", type=int, default=64)
    parser.add_argument("--runaways", type=int, default=16)
    parser.add_argument("--timeout", type=float, default=10.0)
    parser.add_argument("--replacements", type=int, default=4)
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
    replacements(args.replacements)
    return 0


if __name__ == "__main__":
    sys.exit(main())
