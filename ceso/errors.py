"""The one error type the CLI reports: what went wrong, where, and how to fix it."""

from __future__ import annotations


class CesoError(Exception):
    """An error a user can act on. The CLI prints it and exits with `exit_code`, never a traceback."""

    exit_code = 1

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

    exit_code = 3


class Inconsistent(CesoError):
    """OWL 2 RL reasoning found the graph inconsistent."""

    exit_code = 4
