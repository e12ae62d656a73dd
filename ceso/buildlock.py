"""Locks on build folders, so that builds and servers never pull files from under each other.

`ceso build` holds an exclusive lock on the build root while it builds: a second build waits for it (and
then usually finds the graph up to date). A server holds a shared lock on the build folder it serves for as
long as it runs; publishing a new build removes an old one only when it can take that lock itself, i.e.
when nothing serves it any more. flock(2) locks vanish with their process, so a killed build or server
never leaves a stale lock.
"""

from __future__ import annotations

import fcntl
import os
from contextlib import contextmanager
from pathlib import Path

from ceso.errors import CesoError

ROOT_LOCK = ".build.lock"


@contextmanager
def building(root: Path, on_wait=None):
    """Hold the build root's lock for the duration; `on_wait()` is called once if another build holds it."""
    try:
        root.mkdir(parents=True, exist_ok=True)
        fd = os.open(root / ROOT_LOCK, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise CesoError(f"cannot write the build folder {root}: {exc.strerror}",
                        fix="set CESO_BUILD_DIR to a writable folder") from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if on_wait:
                on_wait()
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def hold(build_dir: Path) -> int | None:
    """Mark `build_dir` as in use until this process ends (or closes the returned descriptor): a shared
    lock on the folder itself, so that nothing is written into it."""
    try:
        fd = os.open(Path(build_dir), os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return None
    fcntl.flock(fd, fcntl.LOCK_SH)
    return fd


def in_use(build_dir: Path) -> bool:
    """Whether a running process holds `build_dir` (see hold())."""
    try:
        fd = os.open(Path(build_dir), os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return False
    except BlockingIOError:
        return True
    finally:
        os.close(fd)
