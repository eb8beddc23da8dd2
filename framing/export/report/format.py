"""How a value reads wherever people see it: unit-aware decimals, an em dash for no data, signed
deltas with the side of the reference they fall on; and the escaping every output needs.

The report (``report.md``, ``report.html``) and the terminal (``framing compare``, ``score``,
``diff``; :mod:`framing.cli.render`) all format numbers here, so a cell reads the same
everywhere.

>>> number(32.9341, "humanitarian_per_1000_words"), number(float("nan"), "tone_mean")
('32.93', '—')
>>> d = delta(-0.0004, "tone_mean", relative=0.25)
>>> d.text, d.side, d.relative
('0.000', <Side.LEVEL: 0>, '+25%')
"""

from __future__ import annotations

import enum
import html
import math
import numbers
import re
from dataclasses import dataclass
from typing import Any

from framing.features import metric
from framing.features.registry import Metric

#: What no data reads as, wherever a number would be.
DASH = "—"

# Okabe–Ito colours (safe for colour-blind readers); tints of the same hues mark the text.
GREEN, VERMILION, BLUE, ORANGE, PINK, SKY = (
    "#009e73",
    "#d55e00",
    "#0072b2",
    "#e69f00",
    "#cc79a7",
    "#56b4e9",
)


# -- escaping ---------------------------------------------------------------------------------


def esc(value: object) -> str:
    """Escape for HTML text and for attribute values alike (quotes included).

    >>> esc('"><b>')
    '&quot;&gt;&lt;b&gt;'
    """
    return html.escape(str(value), quote=True)


#: Markdown punctuation that could start code, a link or a table cell: escaped with a
#: backslash, which CommonMark and Python-Markdown (with its tables extension) both read.
#: ``_`` and ``*`` stay: emphasis cannot run script, and metric names stay readable.
_MD_PUNCTUATION = re.compile(r"([\\`\[\]|])")


def md(value: object) -> str:
    """Text for a Markdown table cell or list item that renders as the same text in every
    common renderer (CommonMark, GitHub, Python-Markdown behind MkDocs): one line, ``&`` and
    ``<`` as character references (Python-Markdown does not read ``\\<`` as an escape, so raw
    HTML would pass), and backslash escapes for ``\\ ` [ ] |``, so no HTML, code, link or
    image can form: ``[x](javascript:…)`` stays text.

    >>> md("a|b\\n<i>")
    'a\\\\|b &lt;i>'
    >>> md("[x](javascript:alert(1))")
    '\\\\[x\\\\](javascript:alert(1))'
    """
    text = " ".join(str(value).splitlines())
    text = text.replace("&", "&amp;").replace("<", "&lt;")
    return _MD_PUNCTUATION.sub(r"\\\1", text)


def slug(name: str) -> str:
    """``name`` as a CSS class or id fragment: runs of anything but letters, digits, ``_`` and
    ``-`` become one ``-``.

    >>> slug("source:named person")
    'source-named-person'
    """
    return re.sub(r"[^A-Za-z0-9_-]+", "-", name).strip("-") or "x"


def count(n: int, noun: str) -> str:
    """``n`` and ``noun``, plural unless ``n`` is 1.

    >>> count(1, "article"), count(0, "event")
    ('1 article', '0 events')
    """
    return f"{n} {noun}{'' if n == 1 else 's'}"


# -- numbers ----------------------------------------------------------------------------------


def missing(value: object) -> bool:
    """No data: None, NaN or an infinity (anything else, text included, is present)."""
    if value is None:
        return True
    if isinstance(value, numbers.Integral):
        return False  # always finite (and one past float's range would overflow isfinite)
    return isinstance(value, numbers.Real) and not math.isfinite(value)


def as_float(value: Any) -> float | None:
    """A present, finite value as a float; None for missing."""
    return None if missing(value) else float(value)


def metric_of(name: str | Metric | None) -> Metric | None:
    """The registered metric ``name`` (a Metric passes through); None when there is none."""
    if name is None or isinstance(name, Metric):
        return name
    try:
        return metric(name)
    except KeyError:
        return None


def decimals(m: Metric | None) -> int:
    """One precision per metric, so a row of outlets lines up and reads at a glance: scores,
    grades and counts 1, rates per 100 or 1,000 words 2, shares and indices 3."""
    if m is None:
        return 3
    if m.dtype == "integer" or m.unit in ("score", "US grade", "words per sentence"):
        return 1
    if "per 1,000" in m.unit or "per 100" in m.unit:
        return 2
    return 3


def number(value: Any, name: str | Metric | None = None) -> str:
    """A value of metric ``name`` for people: its decimals (:func:`decimals`), integers and
    whole values of an integer metric without any, missing (None, NaN, ±inf) as an em dash, and
    never ``-0``.

    >>> number(7.0, "direct_quotes"), number(0.5, "direct_quotes"), number(-0.0001)
    ('7', '0.5', '0.000')
    """
    if missing(value):
        return DASH
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        return str(int(value))
    m = metric_of(name)
    v = float(value)
    if m is not None and m.dtype == "integer" and v.is_integer():
        return str(int(v))
    text = f"{v:.{decimals(m)}f}"
    return "0" + text[2:] if text.startswith("-0") and float(text) == 0 else text


class Side(enum.Enum):
    """Which side of what it is compared with a value falls on, as shown: a difference that
    rounds to zero is LEVEL. Outputs colour ABOVE blue and BELOW orange, never green and red:
    a delta is a direction, not better or worse, and blue/orange reads for colour-blind readers
    (red/green is the pair most of them confuse)."""

    BELOW = -1
    LEVEL = 0
    ABOVE = 1


#: The report's CSS class for each side (``report.css`` colours ``.pos`` blue, ``.neg`` orange).
DELTA_CLASS = {Side.ABOVE: "pos", Side.BELOW: "neg", Side.LEVEL: "zero"}


@dataclass(frozen=True)
class Delta:
    """A difference as shown: ``text`` signed (``+0.12``, ``-3``; ``0.000`` with no sign when it
    rounds to zero; an em dash when missing), the :class:`Side` it falls on, and ``relative``,
    the difference as a share of the reference (``+12%``), when known."""

    text: str
    side: Side
    relative: str | None = None


def _percent(share: Any) -> str | None:
    """A share as a signed whole percentage; like a delta, one that rounds to zero has no sign
    (never ``-0%``)."""
    if missing(share):
        return None
    text = f"{float(share) * 100:.0f}"
    if float(text) == 0:
        return "0%"
    return ("" if text.startswith("-") else "+") + text + "%"


def delta(value: Any, name: str | Metric | None = None, *, relative: Any = None) -> Delta:
    """The difference ``value`` of metric ``name`` as shown (same decimals as :func:`number`);
    ``relative`` is the difference as a share of the reference value.

    >>> delta(13.672, "humanitarian_per_1000_words", relative=0.71)
    Delta(text='+13.67', side=<Side.ABOVE: 1>, relative='+71%')
    >>> delta(None)
    Delta(text='—', side=<Side.LEVEL: 0>, relative=None)
    """
    if missing(value):
        return Delta(DASH, Side.LEVEL, _percent(relative))
    text = number(value, name)
    shown = float(text)
    if shown > 0:
        return Delta("+" + text, Side.ABOVE, _percent(relative))
    return Delta(text, Side.BELOW if shown < 0 else Side.LEVEL, _percent(relative))
