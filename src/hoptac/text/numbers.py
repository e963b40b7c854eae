"""Vietnamese number notation: "7.753" is 7753, "6,1" is 6.1, "1.234,5" is 1234.5."""

from __future__ import annotations

import re

# Digits with internal dots or commas; the caller checks what stands around them.
NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)*")


def parse_number(token: str) -> float | None:
    """The value of a number written in Vietnamese (or, where unambiguous, English) notation.

    Dots group thousands and the comma marks decimals; a single dot not followed by exactly three
    digits is read as a decimal point ("12.5"), a comma followed by groups of three digits more than
    once as English grouping ("1,234,567"). None when the token cannot be a number.
    """
    if not token or not token[0].isdigit() or not token[-1].isdigit():
        return None
    dots, commas = token.count("."), token.count(",")
    try:
        if dots and commas:
            if token.rfind(",") > token.rfind("."):  # 1.234,5
                return float(token.replace(".", "").replace(",", "."))
            return float(token.replace(",", ""))  # 1,234.5
        if dots:
            groups = token.split(".")
            if all(len(g) == 3 for g in groups[1:]) and len(groups[0]) <= 3:
                return float("".join(groups))
            if dots == 1:
                return float(token)
            return None
        if commas:
            groups = token.split(",")
            if commas > 1:
                if all(len(g) == 3 for g in groups[1:]) and len(groups[0]) <= 3:
                    return float("".join(groups))
                return None
            return float(token.replace(",", "."))
        return float(token)
    except ValueError:
        return None


def as_json_number(value: float) -> int | float:
    """7753000000000.0 → 7753000000000; 6.1 stays 6.1 (rounded against float noise)."""
    if value == int(value) and abs(value) < 1e18:
        return int(value)
    return float(f"{value:.12g}")
