"""Dates in the Gregorian (C.E.) and Buddhist (B.E.) calendars.

Thai legal texts date things in the Buddhist Era: B.E. = C.E. + 543, and the Thai year has begun
on 1 January since 1941, so the conversion is an exact shift of the year. Policies and facts may
write either; internally every date is a :class:`datetime.date` in C.E.
"""

from __future__ import annotations

import datetime as dt
import re

__all__ = ["BE_LOOKING_YEAR", "BE_OFFSET", "era_doubt", "format_both", "parse_date",
           "thai_digits_to_arabic", "to_be_year"]

BE_OFFSET = 543

BE_LOOKING_YEAR = 2400
"""C.E. 2400 is far off; B.E. 2400 is C.E. 1857: a later year without an era is most likely
B.E. (facts files warn W404, ``--as-of`` W405, and the checker W204 about a C.E. date so late)."""

_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_DATE_RE = re.compile(
    r"^\s*(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})\s*(?P<era>BE|CE|B\.E\.|C\.E\.|พ\.ศ\.|ค\.ศ\.)?\s*$"
)


def thai_digits_to_arabic(text: str) -> str:
    """Replace Thai digits (๐–๙) with Arabic digits (0–9)."""
    return text.translate(_THAI_DIGITS)


def parse_date(text: str) -> dt.date:
    """Parse ``YYYY-MM-DD`` with an optional era suffix (``BE``/``CE``, ``พ.ศ.``/``ค.ศ.``).

    Thai digits are accepted. Raises ``ValueError`` with a readable reason for a malformed or
    impossible date (such as 30 February).
    """
    m = _DATE_RE.match(thai_digits_to_arabic(text))
    if not m:
        raise ValueError(f"`{text}` is not a date of the form YYYY-MM-DD [BE|CE]")
    year, month, day = int(m["y"]), int(m["m"]), int(m["d"])
    era = m["era"]
    if era in ("BE", "B.E.", "พ.ศ."):
        year -= BE_OFFSET
    try:
        return dt.date(year, month, day)
    except ValueError as exc:
        raise ValueError(f"`{text}` is not a valid date: {exc}") from None


def era_doubt(text: str) -> tuple[str, str] | None:
    """Why a valid date ``text`` is probably in the other era than it is read in, and how to
    write it: a year without an era that only makes sense in the Buddhist Era (from 2400: read
    as C.E., it is centuries ahead), or a B.E. year that would put the date before 1900 C.E.
    (a C.E. year marked BE). None when the date reads as it was surely meant."""
    m = _DATE_RE.match(thai_digits_to_arabic(text))
    if not m:
        return None
    year, era = int(m["y"]), m["era"]
    written = f"{m['y']}-{int(m['m']):02d}-{int(m['d']):02d}"
    if era is None and year >= BE_LOOKING_YEAR:
        return (f"`{text.strip()}` is read as C.E. (the year {year} C.E.) but looks like a "
                f"B.E. date", f"write `{written} BE` if the year is Buddhist Era")
    if era in ("BE", "B.E.", "พ.ศ.") and year - BE_OFFSET < 1900:
        return (f"`{text.strip()}` is in the year {year - BE_OFFSET} C.E.",
                f"did you mean `{written}` (C.E.)?")
    return None


def to_be_year(year: int) -> int:
    """The Buddhist Era year of a Gregorian year."""
    return year + BE_OFFSET


def format_both(value: dt.date) -> str:
    """``2018-03-01 (2561-03-01 BE)``: traces show both calendars."""
    be = f"{to_be_year(value.year):04d}-{value.month:02d}-{value.day:02d}"
    return f"{value.isoformat()} ({be} BE)"
