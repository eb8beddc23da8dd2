"""Size and shape: linear tokenization of long runs, long texts parsed in chunks and merged
exactly, a documented maximum article size, never a raw library exception."""

from __future__ import annotations

import sys

import pytest

from framing import api
from framing.document import MAX_ARTICLE_CHARS
from framing.errors import InputError
from framing.ingest import read_path
from framing.ingest.text import document_as_is
from framing.nlp import LONG_RUN, chunk_bounds, load_pipeline, parse_in_chunks
from framing.score import Engine
from framing.text.quotes import find_quotes
from tests.conftest import ROOT, SEEDS

sys.path.insert(0, str(ROOT / "benchmarks"))
from hard_inputs import CASES


def _seeds_text() -> str:
    return "\n\n".join(read_path(p)[0].text for p in sorted(SEEDS.glob("*.txt")))


def test_twenty_thousand_nested_parentheses_tokenize_over_the_same_characters() -> None:
    nlp = load_pipeline("blank").nlp
    text = "The talks " + "(" * 20_000 + "went on" + ")" * 20_000 + " for hours."
    doc = nlp(text)  # spaCy's own tokenizer takes minutes on this (quadratic in the run)
    assert doc.text == text
    assert sum(t.text == "(" for t in doc) == 20_000
    assert [t.text for t in doc][:2] == ["The", "talks"]


def test_a_wall_of_mixed_quotation_marks_is_scored() -> None:
    text = CASES["mixed_quotes"](40_000).decode()
    score = api.score_text(text, spacy_model="blank", clean=False)
    assert score.text == text
    quotes = find_quotes(text)
    assert all(0 <= q.start <= q.inner_start <= q.inner_end <= q.end <= len(text) for q in quotes)


def test_ordinary_text_is_tokenized_exactly_as_spacy_does() -> None:
    nlp = load_pipeline("blank").nlp
    text = _seeds_text() + " https://example.org/" + "a" * (LONG_RUN - 30)
    assert [t.text for t in nlp(text)] == [t.text for t in nlp.tokenizer.inner(text)]


def test_chunk_bounds_prefer_paragraphs_then_sentences_then_spaces() -> None:
    text = "One two.\n\nThree four. Five six seven"
    assert chunk_bounds(text, size=12) == [10, 22, 31, 36]  # after "\n\n", ". ", " "
    assert chunk_bounds("x" * 25, size=10) == [10, 20, 25]  # no space at all: a hard cut


def test_a_long_text_parsed_in_chunks_equals_the_whole_text_parsed_at_once() -> None:
    nlp = load_pipeline("blank").nlp
    text = _seeds_text()
    whole = nlp(text)
    chunked = parse_in_chunks(nlp, text, size=1500)
    assert chunked.text == text
    assert [t.text for t in chunked] == [t.text for t in whole]
    assert [s.text for s in chunked.sents] == [s.text for s in whole.sents]


@pytest.mark.parsed
def test_on_the_parsed_path_chunks_keep_tokens_sentences_entities_and_heads(
    parsed: Engine,
) -> None:
    nlp = parsed.pipeline.nlp
    text = _seeds_text()
    whole = nlp(text)
    chunked = parse_in_chunks(nlp, text, size=3000)
    assert chunked.text == text
    assert [t.text for t in chunked] == [t.text for t in whole]
    assert [s.text for s in chunked.sents] == [s.text for s in whole.sents]
    # the models read a few tokens across each cut: near a cut an entity or head may differ
    ents = {(e.start, e.end, e.label_) for e in whole.ents}
    assert len(ents ^ {(e.start, e.end, e.label_) for e in chunked.ents}) <= len(ents) // 50
    heads = sum(a.head.i != b.head.i for a, b in zip(whole, chunked, strict=True))
    assert heads <= len(whole) // 100
    assert parse_in_chunks(nlp, text).to_bytes() == whole.to_bytes()  # below 1M: not cut


def test_scores_of_a_text_scored_in_chunks_equal_the_whole(
    blank: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    document = document_as_is(_seeds_text(), "seeds")
    whole = blank.score_document(document)
    monkeypatch.setattr("framing.score.CHUNK_CHARS", 2000)
    monkeypatch.setattr("framing.nlp.CHUNK_CHARS", 2000)
    monkeypatch.setattr(blank.pipeline.nlp, "max_length", 2500)  # spaCy would raise E088
    chunked = blank.score_document(document)
    assert chunked.metrics == whole.metrics
    assert chunked.evidence == whole.evidence
    assert chunked.sentences == whole.sentences


def test_a_two_megabyte_single_line_is_scored_without_spacy_e088() -> None:
    text = CASES["single_line"](2_000_000).decode()
    assert "\n" not in text and len(text) > 1_000_000  # spaCy's own limit
    score = api.score_text(text, spacy_model="blank")
    assert score.article["chars"] == len(text)
    assert score.metrics["sentences"] > 10_000


def test_an_article_over_the_maximum_is_a_one_line_error() -> None:
    text = "word " * (MAX_ARTICLE_CHARS // 5 + 1)
    with pytest.raises(InputError) as error:
        api.score_text(text, spacy_model="blank", source="huge.txt", clean=False)
    message = str(error.value)
    assert message.startswith("huge.txt: the article is 5,000,005 characters long")
    assert f"the maximum is {MAX_ARTICLE_CHARS:,}" in message
