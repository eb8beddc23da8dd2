"""The fast path's shortcuts give what the straightforward code gave."""

from __future__ import annotations

import spacy
from spacy.attrs import SENT_START
from spacy.tokens import Doc

from framing.nlp import paragraph_starts

TEXTS = [
    "",
    "  ",
    "\n",
    "\n \n",
    "a\n",
    "\n\na",
    "  hi\n\n there",
    " \n b \n\n\n c\u00a0\nd",
    "x \r\n y",
    "Headline\nFirst line. Second one.\n\n  Third paragraph\n- item\n- item",
]


def _paragraph_starts_by_token(doc: Doc) -> Doc:
    """The token-by-token loop :func:`paragraph_starts` replaced."""
    after_break = True
    for token in doc:
        if token.is_space:
            if "\n" in token.text:
                after_break = True
            continue
        if after_break and token.i > 0:
            token.is_sent_start = True
        after_break = "\n" in token.whitespace_
    return doc


def test_paragraph_starts_marks_the_tokens_the_token_loop_marked() -> None:
    nlp = spacy.blank("en")
    for text in TEXTS:
        want = _paragraph_starts_by_token(nlp.make_doc(text))
        got = paragraph_starts(nlp.make_doc(text))
        assert got.to_array([SENT_START]).tolist() == want.to_array([SENT_START]).tolist(), text
