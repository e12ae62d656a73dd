"""Argument types shared by the command's options."""

from __future__ import annotations

import argparse


def positive(kind):
    """An argparse type: a number of `kind` greater than 0, with a clear message otherwise."""

    def parse(value: str):
        try:
            number = kind(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{value!r} is not a number") from None
        if number <= 0:
            raise argparse.ArgumentTypeError(f"{value!r} must be greater than 0")
        return number

    return parse


def non_negative(value: str) -> int:
    """An argparse type: a whole number, 0 or more (0 usually turns the thing off)."""
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if number < 0:
        raise argparse.ArgumentTypeError(f"{value!r} must be 0 or more")
    return number
