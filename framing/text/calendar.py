"""English calendar words, shared by every reader of dates (cleaning, numbers, stories)."""

from __future__ import annotations

#: Month names and their usual news abbreviations (without the final period) -> month number.
MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12, "jan": 1,
    "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10,
    "nov": 11, "dec": 12,
}  # fmt: skip

#: Full weekday names.
WEEKDAYS: frozenset[str] = frozenset(
    {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
)

#: Weekday abbreviations as datelines print them.
WEEKDAY_ABBREVIATIONS: frozenset[str] = frozenset(
    {"mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun"}
)


def iso_day(value: str | None) -> str | None:
    """``value`` if it starts with a real ISO ``YYYY-MM-DD`` date (that date), else None: what
    orders articles in time. "May 2025" or "yesterday" are kept as given elsewhere but order
    nothing.

    >>> iso_day("2025-05-16T09:00"), iso_day("May 2025"), iso_day("2025-02-30")
    ('2025-05-16', None, None)
    """
    from datetime import date

    head = (value or "").strip()[:10]
    if len(head) != 10 or head[4] != "-" or head[7] != "-":
        return None
    try:
        return date.fromisoformat(head).isoformat()
    except ValueError:
        return None
