"""Step timing and memory: shown on a terminal, silent in pipes and CI unless asked for."""

from __future__ import annotations

import sys
import time
from contextlib import contextmanager


def _reset_peak_memory() -> bool:
    """Start this process's resident-memory high-water mark afresh (Linux); False where it cannot be."""
    try:
        with open("/proc/self/clear_refs", "w") as clear:
            clear.write("5")
        return True
    except OSError:
        return False


def _peak_memory() -> int | None:
    """This process's resident-memory high-water mark in bytes (VmHWM), or None."""
    try:
        with open("/proc/self/status", "rb") as status:
            for line in status:
                if line.startswith(b"VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return None


class Progress:
    def __init__(self, enabled: bool | None = None, stream=sys.stderr):
        self.stream = stream
        self.enabled = stream.isatty() if enabled is None else enabled
        self.timings: dict[str, float] = {}
        # The process's peak resident memory while each step ran (steps follow one another; work a step
        # starts beside it, such as reasoning beside validation, counts in that step).
        self.peaks: dict[str, int] = {}

    @contextmanager
    def step(self, name: str):
        if self.enabled:
            print(f"{name} …", end="", file=self.stream, flush=True)
        measured = _reset_peak_memory()
        start = time.perf_counter()
        ok = False
        try:
            yield
            ok = True
        finally:
            elapsed = time.perf_counter() - start
            self.timings[name] = elapsed
            peak = _peak_memory() if measured else None
            if peak is not None:
                self.peaks[name] = peak
            if self.enabled:
                memory = f", peak {peak / 2**20:,.0f} MB" if peak is not None else ""
                print(f" {'done' if ok else 'failed'} ({elapsed:.2f} s{memory})", file=self.stream, flush=True)

    def note(self, message: str) -> None:
        if self.enabled:
            print(message, file=self.stream, flush=True)
