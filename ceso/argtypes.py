"""Argument types shared by the command's options."""

from __future__ import annotations

import argparse


def _bounded(kind, allowed, what: str):
    def parse(value: str):
        try:
            number = kind(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{value!r} is not a number") from None
        if not allowed(number):
            raise argparse.ArgumentTypeError(f"{value!r} must be {what}")
        return number

    return parse


def positive(kind, most=None):
    """An argparse type: a number of `kind` greater than 0 (and at most `most`), with a clear message otherwise."""
    if most is None:
        return _bounded(kind, lambda n: n > 0, "greater than 0")
    return _bounded(kind, lambda n: 0 < n <= most, f"from 1 to {most:,}")


# A whole number, 0 or more (0 usually turns the thing off).
non_negative = _bounded(int, lambda n: n >= 0, "0 or more")
