"""The fast path's shortcuts give what the straightforward code gave."""

from __future__ import annotations

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
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


def _marks_by_character(text: str, start: int, end: int) -> list[tuple[int, int, bool, str]]:
    """The character-by-character scan :func:`framing.text.quotes._marks` replaced."""
    from framing.text.quotes import CLOSE_DOUBLE, OPEN_DOUBLE, STRAIGHT, _faces_open

    out: list[tuple[int, int, bool, str]] = []
    i = start
    while i < end:
        ch = text[i]
        pair = text[i : i + 2]
        if pair == "``":
            out.append((i, 2, True, "double"))
            i += 2
            continue
        if pair == "''":
            out.append((i, 2, _faces_open(text, i, start, width=2), "double"))
            i += 2
            continue
        if ch in OPEN_DOUBLE:
            out.append((i, 1, True, "double"))
        elif ch in CLOSE_DOUBLE:
            out.append((i, 1, False, "double"))
        elif ch == STRAIGHT:
            out.append((i, 1, _faces_open(text, i, start), "double"))
        elif ch == "‘":
            prev = text[i - 1] if i > start else " "
            if not prev.isalnum():
                out.append((i, 1, True, "single"))
        elif ch == "’":
            prev = text[i - 1] if i > start else " "
            nxt = text[i + 1] if i + 1 < len(text) else " "
            if not (prev.isalnum() and nxt.isalnum()) and not (prev in "sS" and nxt.isspace()):
                out.append((i, 1, False, "single"))
        i += 1
    return out


MARKS = st.text(alphabet=st.sampled_from(list("ab `'\"“”„«»‘’s\n\t.(—")), max_size=60)


@settings(max_examples=500, deadline=None)
@given(MARKS)
def test_quote_marks_are_the_ones_the_character_scan_found(text: str) -> None:
    from framing.text.quotes import _marks, _paragraphs

    for start, end in [(0, len(text)), *_paragraphs(text)]:
        assert _marks(text, start, end) == _marks_by_character(text, start, end)


SENTENCE_TEXT = st.lists(
    st.sampled_from([*"ab Z.!?…。\n\"“”'()-,;:", "\n\n", "...", "Dr.", "U.S.", "word"]),
    max_size=40,
).map("".join)


def _sentencizer_pipeline() -> spacy.language.Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("framing_paragraphs")
    nlp.add_pipe("sentencizer")
    return nlp


_REFERENCE = _sentencizer_pipeline()


def _same_sentences(text: str) -> None:
    from framing.nlp import load_pipeline

    want = _REFERENCE(text)
    got = load_pipeline("blank").nlp(text)
    assert got.to_array([SENT_START]).tolist() == want.to_array([SENT_START]).tolist(), text


def test_blank_sentences_are_paragraphs_plus_spacy_sentencizer() -> None:
    from pathlib import Path

    for text in TEXTS:
        _same_sentences(text)
    for path in sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt")):
        _same_sentences(path.read_text(encoding="utf-8"))


@settings(max_examples=500, deadline=None)
@given(SENTENCE_TEXT)
def test_blank_sentences_match_the_sentencizer_on_generated_text(text: str) -> None:
    _same_sentences(text)


def test_tiny_lookup_tables_give_the_same_scores(monkeypatch: pytest.MonkeyPatch) -> None:
    """The per-word tables empty themselves when full; results must not depend on it. With
    every limit at 3, every table is emptied again and again while two articles are scored."""
    from pathlib import Path

    from framing.features import _textstat, _vader, context
    from framing.ingest import read_path
    from framing.lexicon import matcher
    from framing.score import Engine

    seeds = sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))
    # two articles with curly apostrophes, so the folded-forms table is used for both
    documents = [d for d in (read_path(p)[0] for p in seeds) if "’" in d.text][:2]
    assert len(documents) == 2
    want = [Engine("blank").score_document(d).to_json() for d in documents]
    limit = 3
    for module, name in [
        (matcher, "CANDIDATE_TABLE_SIZE"),
        (context, "WORD_TABLE_SIZE"),
        (_textstat, "WORD_TABLE_SIZE"),
        (_vader, "WORD_TABLE_SIZE"),
        (_vader, "SENTENCE_TABLE_SIZE"),
    ]:
        monkeypatch.setattr(module, name, limit)
    # start from empty tables: a table that already holds an article's keys adds none
    context.clear_tables()
    _textstat.clear_tables()
    engine = Engine("blank")  # its own lexicon tables and VADER (so its own sentence tables)
    try:
        got = [engine.score_document(d).to_json() for d in documents]
        tone, textstat = _vader.sentence_tone(engine.resources.vader), _textstat._textstat()
        one_at_a_time = {
            "sentence tones": tone._sentences,
            "syllables": textstat._syllables,
        }
        by_batch = {
            "token strings": context._ORTH_TEXTS,
            "word tests": context._WORD_TEXTS,
            "folded forms": context._FOLDED,
            "VADER's stripped words": tone._words,
            "textstat's words": textstat._packed,
            **{
                f"{n} candidates": lex._table
                for n, lex in engine.resources.lexicons.items()
                if n != "evaluation"  # read by rewrite diffs, not by scoring
            },
        }
        for name, table in {**one_at_a_time, **by_batch}.items():
            assert table.clears > 0, f"the {name} table was never emptied"
        for name, table in one_at_a_time.items():
            assert 0 < len(table) <= limit, name
    finally:
        context.clear_tables()
        _textstat.clear_tables()
    assert got == want
