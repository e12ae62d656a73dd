"""The one error type the CLI reports (what went wrong, where, how to fix it), and the exit codes."""

from __future__ import annotations

from enum import IntEnum


class Exit(IntEnum):
    """Every exit code of the `ceso` command."""

    OK = 0
    INPUT = 1  # bad input, or (links check) problems found
    USAGE = 2
    VIOLATIONS = 3  # SHACL violations
    INCONSISTENT = 4  # OWL 2 RL inconsistency
    UNREACHABLE = 5  # a SPARQL endpoint cannot be reached or keeps failing
    BUDGET = 6  # the request budget ran out
    INTERNAL = 70  # a bug: report it
    INTERRUPTED = 130


class CesoError(Exception):
    """An error a user can act on. The CLI prints it and exits with `exit_code`, never a traceback."""

    exit_code = Exit.INPUT

    def __init__(self, what: str, where: str | None = None, fix: str | None = None, *, exit_code: int | None = None):
        super().__init__(what)
        self.what = what
        self.where = where
        self.fix = fix
        if exit_code is not None:
            self.exit_code = exit_code

    def __str__(self) -> str:
        lines = [f"error: {self.what}"]
        if self.where:
            lines.append(f"  where: {self.where}")
        if self.fix:
            lines.append(f"  fix: {self.fix}")
        return "\n".join(lines)


class ValidationFailed(CesoError):
    """SHACL found violations; the report has already been printed."""

    exit_code = Exit.VIOLATIONS


class Inconsistent(CesoError):
    """OWL 2 RL reasoning found the graph inconsistent."""

    exit_code = Exit.INCONSISTENT


class BuildMissing(CesoError):
    """A build folder is missing or unusable; the message says what to do."""
