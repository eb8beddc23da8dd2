"""Direct quotations in cleaned text, tolerant of lost or unbalanced quotation marks.

Rules, applied paragraph by paragraph (paragraphs are separated by a blank line):

* Curly marks say which way they face (“ opens, ” closes); a straight ``"`` faces by position:
  after a space, a bracket or the paragraph start it opens, otherwise it closes.
* A closing mark with no opening one (a mark lost in copying) closes a quote that starts at the
  beginning of the paragraph, or, after an earlier quote, where that quote's sentence ended.
* A quote still open at the end of a paragraph runs to that end (news style: a quote that
  continues into the next paragraph repeats the opening mark there and omits the closing one).
* Curly single marks pair as ‘…’ only when ‘ starts a word; a ’ between letters is an apostrophe.
* Two apostrophes ('') and two backquotes (``) are double marks, as in NYT and Penn Treebank
  style text.

The parser never raises: any string gives a (possibly empty) list of spans.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPEN_DOUBLE = "“„«"
CLOSE_DOUBLE = "”»"
STRAIGHT = '"'
_PARAGRAPH = re.compile(r"\n[ \t]*\n")
_SENTENCE_END = re.compile(r"[.!?…][)\]]?\s+")
#: Every character :func:`_marks` looks at, and the two-character marks (tried first).
_MARK = re.compile("``|''|[" + re.escape(OPEN_DOUBLE + CLOSE_DOUBLE + STRAIGHT + "‘’") + "]")


@dataclass(frozen=True)
class Quote:
    """A quotation: ``[start, end)`` includes the marks, ``[inner_start, inner_end)`` does not.

    ``opened`` / ``closed`` say whether the opening / closing mark is actually in the text.
    """

    start: int
    end: int
    inner_start: int
    inner_end: int
    opened: bool = True
    closed: bool = True

    def text(self, source: str) -> str:
        return source[self.inner_start : self.inner_end]


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for m in _PARAGRAPH.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    return spans


def _faces_open(text: str, i: int, start: int, width: int = 1) -> bool:
    """Does the straight mark at ``i`` open (True) or close (False) a quotation?"""
    before = text[i - 1] if i > start else " "
    after = text[i + width] if i + width < len(text) else " "
    if before.isspace() or before in "([{—–-/":
        return not after.isspace()
    return False


def _marks(text: str, start: int, end: int) -> list[tuple[int, int, bool, str]]:
    """(index, length, opens, kind) for every quotation mark in ``text[start:end]``."""
    out: list[tuple[int, int, bool, str]] = []
    # scanning left to right, a two-character mark is taken before its first character
    for m in _MARK.finditer(text, start, end):
        i = m.start()
        mark = m.group()
        if mark == "``":
            out.append((i, 2, True, "double"))
        elif mark == "''":
            out.append((i, 2, _faces_open(text, i, start, width=2), "double"))
        elif mark in OPEN_DOUBLE:
            out.append((i, 1, True, "double"))
        elif mark in CLOSE_DOUBLE:
            out.append((i, 1, False, "double"))
        elif mark == STRAIGHT:
            out.append((i, 1, _faces_open(text, i, start), "double"))
        elif mark == "‘":
            prev = text[i - 1] if i > start else " "
            if not prev.isalnum():
                out.append((i, 1, True, "single"))
        else:  # ’
            prev = text[i - 1] if i > start else " "
            nxt = text[i + 1] if i + 1 < len(text) else " "
            if not (prev.isalnum() and nxt.isalnum()) and not (prev in "sS" and nxt.isspace()):
                out.append((i, 1, False, "single"))
    return out


def _lost_opening(text: str, para_start: int, floor: int, close: int) -> int:
    """Where a quote whose opening mark was lost most likely began."""
    if floor <= para_start:
        return para_start
    # after an earlier quote: start at the next sentence after it
    m = _SENTENCE_END.search(text, floor, close)
    return m.end() if m else -1


def find_quotes(text: str) -> list[Quote]:
    """All quotations in ``text`` in order of position.

    >>> [q.text(t) for t in ['He said: “We will go.”'] for q in find_quotes(t)]
    ['We will go.']
    """
    quotes: list[Quote] = []
    for p_start, p_end in _paragraphs(text):
        floor = p_start
        open_at: dict[str, tuple[int, int]] = {}  # kind -> (index, mark length)
        for i, width, opens, kind in _marks(text, p_start, p_end):
            if opens:
                if kind in open_at:
                    if kind == "single":
                        continue  # a stray ‘ inside an open single quote: ignore
                    # a second opening double mark: the first one was never closed
                    s, w = open_at.pop(kind)
                    quotes.append(Quote(s, i, s + w, i, True, False))
                    floor = i
                open_at[kind] = (i, width)
            elif kind in open_at:
                s, w = open_at.pop(kind)
                inner = open_at.get("single")
                if kind == "double" and inner is not None and inner[0] > s:
                    del open_at["single"]  # a ‘ opened inside this quote was never closed
                if i > s + w:
                    quotes.append(Quote(s, i + width, s + w, i, True, True))
                floor = i + width
            elif kind == "double":
                s = _lost_opening(text, p_start, floor, i)
                if s >= 0 and text[s:i].strip():
                    quotes.append(Quote(s, i + width, s, i, False, True))
                floor = i + width
        if "double" in open_at:
            s, w = open_at["double"]
            end = p_end
            while end > s + w and text[end - 1].isspace():
                end -= 1
            if text[s + w : end].strip():
                quotes.append(Quote(s, end, s + w, end, True, False))
    quotes.sort(key=lambda q: (q.start, q.end))
    # drop single-quoted spans nested inside double quotes (quotes within quotes)
    out: list[Quote] = []
    for q in quotes:
        if out and q.start < out[-1].end:
            continue
        out.append(q)
    return out
