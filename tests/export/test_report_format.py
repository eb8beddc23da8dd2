"""The one number-and-delta formatter of the report and the terminal: decimals by unit, an em
dash for no data, signed deltas with the side they fall on, relative deltas, and the same colour
meaning in both outputs."""

from __future__ import annotations

import math

import numpy as np
import pytest

from framing.cli.render import DELTA_STYLES
from framing.export.report.format import (
    BLUE,
    DASH,
    DELTA_CLASS,
    VERMILION,
    Delta,
    Side,
    decimals,
    delta,
    missing,
    number,
)
from framing.features import metric

# -- number -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "places"),
    [
        ("humanitarian_strategic_index", 3),  # index
        ("attribution_density", 3),  # proportion
        ("tone_mean", 3),  # compound score
        ("humanitarian_per_1000_words", 2),  # per 1,000 words
        ("named_sources_per_100_words", 2),  # per 100 words
        ("flesch_reading_ease", 1),  # score
        ("flesch_kincaid_grade", 1),  # US grade
        ("mean_sentence_length", 1),  # words per sentence
        ("words", 1),  # an integer metric's mean of several articles
        ("no_such_metric", 3),
    ],
)
def test_decimals_follow_the_unit(name: str, places: int) -> None:
    known = name != "no_such_metric"
    assert decimals(metric(name) if known else None) == places
    assert number(1 / 3, name) == f"{1 / 3:.{places}f}"


@pytest.mark.parametrize("value", [None, math.nan, -math.nan, math.inf, -math.inf, np.nan])
def test_no_data_is_an_em_dash_never_zero_or_nan(value: object) -> None:
    assert number(value, "tone_mean") == DASH
    assert number(value) == DASH
    assert missing(value)


def test_text_is_present_not_missing() -> None:
    assert not missing("nan") and not missing("") and not missing(0) and not missing(0.0)


@pytest.mark.parametrize("value", [-0.0, -0.0004, -1e-12, np.float64(-0.0)])
def test_negative_zero_and_what_rounds_to_it_read_0(value: float) -> None:
    assert number(value, "tone_mean") == "0.000"
    assert number(value, "direct_quotes") == ("0" if value == 0 else "0.0")


def test_an_integer_metric_shows_whole_values_without_decimals() -> None:
    assert number(7, "direct_quotes") == "7"
    assert number(7.0, "direct_quotes") == "7"
    assert number(np.int64(7), "direct_quotes") == "7"
    assert number(0.5, "direct_quotes") == "0.5"  # a mean of counts keeps its fraction
    assert number(19.25, "words") == "19.2"  # round half to even, as format() rounds


def test_an_int_is_shown_as_it_is_whatever_the_metric() -> None:
    assert number(623, "tone_mean") == "623"
    assert number(623) == "623"


def test_huge_values_are_written_out_in_full() -> None:
    assert number(1e20, "humanitarian_per_1000_words") == "100000000000000000000.00"
    assert number(1e20, "direct_quotes") == "100000000000000000000"
    huge = 10**400  # past float's range: an int is never missing and never overflows
    assert not missing(huge) and number(huge) == str(huge)
    assert number(-1.5e15, "tone_mean") == "-1500000000000000.000"


def test_a_metric_or_its_name_give_the_same_text() -> None:
    m = metric("humanitarian_per_1000_words")
    assert number(32.934, m) == number(32.934, m.name) == "32.93"
    assert delta(-0.262, m) == delta(-0.262, m.name) == Delta("-0.26", Side.BELOW)


# -- delta ------------------------------------------------------------------------------------


def test_a_delta_is_signed_and_knows_its_side() -> None:
    assert delta(13.672, "humanitarian_per_1000_words") == Delta("+13.67", Side.ABOVE)
    assert delta(-23.513, "flesch_reading_ease") == Delta("-23.5", Side.BELOW)
    assert delta(-6.0, "direct_quotes") == Delta("-6", Side.BELOW)
    assert delta(2, "direct_quotes") == Delta("+2", Side.ABOVE)


@pytest.mark.parametrize("value", [0.0, -0.0, 0.0004, -0.0004, np.float64(-0.0)])
def test_a_delta_of_zero_or_one_that_rounds_to_it_has_no_sign(value: float) -> None:
    assert delta(value, "tone_mean") == Delta("0.000", Side.LEVEL)


def test_a_delta_of_exactly_zero_as_an_int_or_on_an_integer_metric_reads_0() -> None:
    assert delta(0, "tone_mean") == Delta("0", Side.LEVEL)
    assert delta(0, "direct_quotes") == Delta("0", Side.LEVEL)
    assert delta(0.0, "direct_quotes") == Delta("0", Side.LEVEL)


def test_the_side_is_what_is_shown_not_the_raw_sign() -> None:
    # -0.016 Flesch points rounds to 0.0: level, not below (the terminal used to colour it red)
    assert delta(-0.016, "flesch_reading_ease") == Delta("0.0", Side.LEVEL)
    assert delta(0.05, "flesch_reading_ease").side is Side.ABOVE  # 0.1 after rounding


@pytest.mark.parametrize("value", [None, math.nan, math.inf, -math.inf])
def test_a_missing_delta_is_an_em_dash_on_no_side(value: object) -> None:
    assert delta(value, "tone_mean") == Delta(DASH, Side.LEVEL)


def test_huge_deltas_keep_their_sign() -> None:
    assert delta(1e20, "tone_mean") == Delta("+100000000000000000000.000", Side.ABOVE)
    assert delta(-(10**30), "direct_quotes") == Delta("-" + "1" + "0" * 30, Side.BELOW)


@pytest.mark.parametrize(
    ("share", "text"),
    [
        (0.25, "+25%"),
        (-0.5, "-50%"),
        (0.0, "0%"),
        (-0.004, "0%"),  # never "-0%"
        (0.004, "0%"),  # nor "+0%"
        (120.0, "+12000%"),
        (None, None),
        (math.nan, None),
        (math.inf, None),
    ],
)
def test_a_relative_delta_is_a_signed_whole_percentage(share: object, text: str | None) -> None:
    assert delta(0.1, "tone_mean", relative=share).relative == text


def test_a_relative_delta_is_kept_even_when_the_delta_is_missing() -> None:
    assert delta(None, "tone_mean", relative=0.1) == Delta(DASH, Side.LEVEL, "+10%")


# -- the same colour meaning in the report and the terminal ----------------------------------


def test_every_side_has_a_report_class_and_a_terminal_style() -> None:
    assert set(DELTA_CLASS) == set(DELTA_STYLES) == set(Side)


def test_above_is_blue_and_below_orange_in_both_outputs() -> None:
    # report.css colours .pos blue and .neg orange; the terminal uses the same hues, never the
    # green/red pair colour-blind readers confuse
    assert DELTA_CLASS == {Side.ABOVE: "pos", Side.BELOW: "neg", Side.LEVEL: "zero"}
    assert DELTA_STYLES == {Side.ABOVE: BLUE, Side.BELOW: VERMILION, Side.LEVEL: "dim"}
    assert not {"green", "red"} & {str(s) for s in DELTA_STYLES.values()}
