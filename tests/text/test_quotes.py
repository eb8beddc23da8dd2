"""find_quotes: direct quotations in cleaned text, including lost and unbalanced marks."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing.text.quotes import CLOSE_DOUBLE, OPEN_DOUBLE, STRAIGHT, Quote, find_quotes

MARKS = OPEN_DOUBLE + CLOSE_DOUBLE + STRAIGHT + "‘’"  # one-character marks; '' and `` pair up
#: Characters that look like quotation marks, for the generated texts.
ALPHABET = MARKS + "'`´"


def quoted(text: str) -> list[str]:
    """The inner texts of every quotation found in ``text``."""
    return [q.text(text) for q in find_quotes(text)]


def only(text: str) -> Quote:
    (quote,) = find_quotes(text)
    return quote


# --- balanced marks -------------------------------------------------------------------------


def test_curly_double_quotes() -> None:
    text = "He said: “We will go.” Then he left."
    q = only(text)
    assert text[q.start : q.end] == "“We will go.”"
    assert q.text(text) == "We will go."
    assert (q.opened, q.closed) == (True, True)


def test_straight_double_quotes() -> None:
    text = 'He said: "We will go." Then he left.'
    q = only(text)
    assert text[q.start : q.end] == '"We will go."'
    assert q.text(text) == "We will go."
    assert (q.opened, q.closed) == (True, True)


def test_two_quotes_in_one_paragraph() -> None:
    text = '“Yes,” he said. “No.” And a "third" one.'
    assert quoted(text) == ["Yes,", "No.", "third"]


def test_german_low_opening_mark() -> None:
    assert quoted("Er sagte: „Wir gehen.” Dann ging er.") == ["Wir gehen."]


def test_single_curly_quotes() -> None:
    text = "He called it ‘a disaster’ on Friday."
    q = only(text)
    assert q.text(text) == "a disaster"
    assert text[q.start : q.end] == "‘a disaster’"


def test_empty_quotation_marks_are_not_a_quote() -> None:
    assert find_quotes("He said “” and left.") == []


# --- apostrophes are not quotation marks --------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Russia’s army advanced.",
        "The soldiers’ families waited.",
        "Russia’s envoy met the soldiers’ families and the ministry’s staff.",
        "It’s the ’90s again, isn’t it?",
    ],
)
def test_apostrophes_are_not_quotes(text: str) -> None:
    assert find_quotes(text) == []


def test_apostrophes_inside_a_quote_do_not_end_it() -> None:
    text = "She said: “Russia’s soldiers’ families wait.” Then she left."
    assert quoted(text) == ["Russia’s soldiers’ families wait."]


def test_apostrophes_inside_a_single_quote_do_not_end_it() -> None:
    text = "He called it ‘Russia’s war’ on Friday."
    assert quoted(text) == ["Russia’s war"]


# --- unbalanced marks ---------------------------------------------------------------------------


def test_closing_mark_only_starts_the_quote_at_the_paragraph_start() -> None:
    text = "First paragraph.\n\nWe will not go,” he said. Then more."
    q = only(text)
    assert q.text(text) == "We will not go,"
    assert q.start == q.inner_start == text.index("We")
    assert (q.opened, q.closed) == (False, True)


def test_closing_mark_after_an_earlier_quote_starts_at_the_next_sentence() -> None:
    text = "“Yes,” he said. We will not go,” he added."
    first, second = find_quotes(text)
    assert first.text(text) == "Yes,"
    assert second.text(text) == "We will not go,"
    assert (second.opened, second.closed) == (False, True)


def test_unclosed_quote_runs_to_the_paragraph_end() -> None:
    text = "He said: “We will go and never come back.  \n\nThe next paragraph has no quote."
    q = only(text)
    assert q.text(text) == "We will go and never come back."
    assert text[q.start : q.end] == "“We will go and never come back."
    assert (q.opened, q.closed) == (True, False)


def test_unclosed_quote_does_not_swallow_the_next_paragraph() -> None:
    text = "He said: “We will go.\n\nOfficials disagreed. “Not so,” one said."
    first, second = find_quotes(text)
    assert first.text(text) == "We will go."
    assert first.end <= text.index("\n\n")
    assert (first.opened, first.closed) == (True, False)
    assert second.text(text) == "Not so,"
    assert (second.opened, second.closed) == (True, True)


def test_continued_quote_repeats_the_opening_mark() -> None:
    # news style: a quote over two paragraphs omits the first closing mark
    text = '“We will go," he said, "and we will stay.\n\n“We will not leave.”'
    assert quoted(text)[-1] == "We will not leave."


def test_a_second_opening_mark_ends_the_unclosed_first_quote() -> None:
    text = "He said “we will go and “we will stay.”"
    first, second = find_quotes(text)
    assert (first.opened, first.closed) == (True, False)
    assert second.text(text) == "we will stay."
    assert first.end <= second.start


# --- quotes within quotes -----------------------------------------------------------------------


def test_single_quote_inside_a_double_quote_is_not_a_separate_quote() -> None:
    text = "“He told me ‘run away’ and I did,” she said."
    q = only(text)
    assert q.text(text) == "He told me ‘run away’ and I did,"


def test_double_quote_inside_a_single_quote_is_not_a_separate_quote() -> None:
    # British style: single marks outside, double marks for the quote within the quote
    text = "‘He told me “run away” and I did,’ she said."
    q = only(text)
    assert q.text(text) == "He told me “run away” and I did,"


# --- properties ---------------------------------------------------------------------------------

SAMPLES = [
    "He said",
    "“We will go.”",
    "Russia’s",
    "soldiers’",
    " ",
    "\n\n",
    "\n",
    ", ",
    ". ",
    "(",
    "—",
    "word",
]
texts = st.one_of(
    st.text(),
    st.text(st.sampled_from(list(ALPHABET + " \n\t.,a(—")), max_size=40),
    st.lists(st.one_of(st.sampled_from(SAMPLES), st.sampled_from(list(ALPHABET))), max_size=30).map(
        "".join
    ),
)


@settings(max_examples=400, deadline=None)
@given(texts)
def test_spans_are_ordered_disjoint_and_within_bounds(text: str) -> None:
    quotes = find_quotes(text)
    previous_end = 0
    for q in quotes:
        assert 0 <= q.start <= q.inner_start <= q.inner_end <= q.end <= len(text)
        assert q.start >= previous_end
        previous_end = q.end
        if q.opened:
            opening = text[q.start : q.inner_start]
            assert opening in set(MARKS) | {"``", "''"}
        else:
            assert q.inner_start == q.start
        if q.closed:
            closing = text[q.inner_end : q.end]
            assert closing in set(MARKS) | {"''"}
        assert isinstance(q.text(text), str)


def test_two_apostrophes_and_backquotes_are_double_marks() -> None:
    """NYT style ('') and Penn Treebank style (``…'') quotation marks."""
    nyt = "''I told you he wouldn't be ready,'' he said."
    (q,) = find_quotes(nyt)
    assert q.text(nyt) == "I told you he wouldn't be ready,"
    ptb = "``We will go,'' she said."
    (q,) = find_quotes(ptb)
    assert q.text(ptb) == "We will go,"
