"""Step timing: shown on a terminal, silent in pipes and CI unless asked for."""

from __future__ import annotations

import sys
import time
from contextlib import contextmanager


class Progress:
    def __init__(self, enabled: bool | None = None, stream=sys.stderr):
        self.stream = stream
        self.enabled = stream.isatty() if enabled is None else enabled
        self.timings: dict[str, float] = {}

    @contextmanager
    def step(self, name: str):
        if self.enabled:
            print(f"{name} …", end="", file=self.stream, flush=True)
        start = time.perf_counter()
        ok = False
        try:
            yield
            ok = True
        finally:
            elapsed = time.perf_counter() - start
            self.timings[name] = elapsed
            if self.enabled:
                print(f" {'done' if ok else 'failed'} ({elapsed:.2f} s)", file=self.stream, flush=True)

    def note(self, message: str) -> None:
        if self.enabled:
            print(message, file=self.stream, flush=True)
