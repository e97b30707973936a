"""Whole numbers read from an address: page numbers, ids, years, offsets.

Python's `int()` and `str.isdigit()` accept more than a visitor means by a number: `int()` reads
Arabic-Indic and full-width digits, underscores and signs, and `"²".isdigit()` is true though
`int("²")` fails. Only ASCII digits count here, and the length is capped before converting, so no
value from an address can raise or make a number no database column holds.
"""

import re

WHOLE_NUMBER = re.compile(r"-?[0-9]{1,19}")


def whole_number(raw, low, high):
    """The number written in `raw` (ASCII digits, an optional leading minus, surrounding spaces
    allowed) when it lies within low..high, or None."""
    if not isinstance(raw, str):
        return None
    text = raw.strip()
    if not WHOLE_NUMBER.fullmatch(text):
        return None
    number = int(text)
    return number if low <= number <= high else None
