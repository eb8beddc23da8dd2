"""framing.score_frame: a DataFrame's texts scored, metrics joined beside the input's columns."""

from __future__ import annotations

import math
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

import framing
from framing.errors import ConfigError, MissingExtraError
from framing.features import metrics
from framing.score import Engine
from tests.conftest import seed_path

PAGE = "Share this article\n\nRefugees fled the shelling, officials said.\n\nSubscribe"


@pytest.fixture(scope="module")
def frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "outlet": ["Korea Times", "A", "B", "C", "D", "E", "F"],
            "body": [
                seed_path("004").read_text(encoding="utf-8"),
                PAGE,
                None,
                np.nan,
                "   ",
                42,
                "Troops may advance on the port.",
            ],
        },
        index=[30, 10, 10, 20, 5, 6, 7],  # unsorted, with a duplicate label
    )


@pytest.fixture(scope="module")
def scored(frame: pd.DataFrame) -> pd.DataFrame:
    return framing.score_frame(frame, "body", spacy_model="blank")


def test_rows_keep_the_inputs_index_order_and_columns(
    frame: pd.DataFrame, scored: pd.DataFrame
) -> None:
    assert scored.index.tolist() == [30, 10, 10, 20, 5, 6, 7]
    assert scored.columns.tolist() == ["outlet", "body", *(m.name for m in metrics()), "error"]
    assert scored["outlet"].tolist() == frame["outlet"].tolist()
    assert frame.columns.tolist() == ["outlet", "body"]  # the input is not changed


def test_each_text_gets_the_metrics_of_score_text(blank: Engine, scored: pd.DataFrame) -> None:
    for position, text in ((0, seed_path("004").read_text(encoding="utf-8")), (1, PAGE)):
        expected = blank.score_text(text).metrics
        row = scored.iloc[position]
        for name, value in expected.items():
            got = row[name]
            assert (math.isnan(value) and pd.isna(got)) or got == value, name
        assert pd.isna(row["error"])
    assert scored.iloc[0]["attributions"] > 5
    assert scored.iloc[6]["hedges"] == 1 and scored.iloc[6]["humanitarian_terms"] == 0


def test_rows_without_text_get_missing_metrics_and_a_reason(scored: pd.DataFrame) -> None:
    assert scored["error"].iloc[2:6].tolist() == [
        "body[10]: missing (no text)",
        "body[20]: missing (no text)",
        "body[5]: empty (no text)",
        "body[6]: int 42 is not a text",
    ]
    bad = scored.iloc[2:6][[m.name for m in metrics()]]
    assert bad.isna().all().all()
    # a count of a missing text is missing, not 0
    assert scored["words"].iloc[2:6].isna().all() and not (scored["words"].iloc[2:6] == 0).any()


def test_counts_are_nullable_integers_and_rates_floats(scored: pd.DataFrame) -> None:
    assert scored["words"].dtype == "Int64"
    assert scored["attributions"].dtype == "Int64"
    assert scored["attribution_density"].dtype == np.float64
    assert scored["tone_mean"].dtype == np.float64
    assert isinstance(scored["error"].dtype, pd.StringDtype)


def test_a_text_with_nothing_left_after_cleaning_is_an_error_row() -> None:
    df = pd.DataFrame({"text": ["Share this article\n\nSubscribe", "Refugees fled."]})
    out = framing.score_frame(df, metrics=["words"], spacy_model="blank")
    assert out["error"].iloc[0].startswith("text[0]: nothing left after cleaning")
    assert pd.isna(out["words"].iloc[0]) and out["words"].iloc[1] == 2


def test_clean_false_scores_the_text_as_it_is() -> None:
    df = pd.DataFrame({"text": [PAGE]})
    cleaned, raw = (
        framing.score_frame(
            df, metrics=["words", "boilerplate_share"], spacy_model="blank", clean=c
        )
        for c in (True, False)
    )
    assert raw["words"].iloc[0] == cleaned["words"].iloc[0] + 4  # Share this article, Subscribe
    assert raw["boilerplate_share"].iloc[0] == 0 < cleaned["boilerplate_share"].iloc[0]


def test_prefix_and_a_metrics_subset() -> None:
    df = pd.DataFrame({"text": ["Refugees fled, perhaps."], "words": [99]})
    out = framing.score_frame(
        df, metrics=["hedges", "words"], spacy_model="blank", prefix="framing."
    )
    assert out.columns.tolist() == [
        "text",
        "words",
        "framing.hedges",
        "framing.words",
        "framing.error",
    ]
    assert out["words"].iloc[0] == 99 and out["framing.words"].iloc[0] == 3


def test_an_added_column_that_exists_is_refused() -> None:
    df = pd.DataFrame({"text": ["Refugees fled."], "words": [99]})
    with pytest.raises(
        ConfigError, match=r"\['words'\] are already in the DataFrame; pass a prefix"
    ):
        framing.score_frame(df, spacy_model="blank")


def test_bad_column_and_metric_names_are_refused() -> None:
    df = pd.DataFrame({"body": ["Refugees fled."]})
    with pytest.raises(ConfigError, match="no column 'text' in the DataFrame; columns: body"):
        framing.score_frame(df, spacy_model="blank")
    with pytest.raises(ConfigError, match="unknown metric"):
        framing.score_frame(df, "body", metrics=["hedgez"], spacy_model="blank")


def test_string_and_object_columns_and_an_empty_frame() -> None:
    texts = ["Refugees fled.", None]
    for dtype in ("str", "string", object):
        df = pd.DataFrame({"text": pd.Series(texts, dtype=dtype)})
        out = framing.score_frame(df, metrics=["words"], spacy_model="blank")
        assert out["words"].iloc[0] == 2 and pd.isna(out["words"].iloc[1]), dtype
    empty = framing.score_frame(pd.DataFrame({"text": []}), metrics=["words"], spacy_model="blank")
    assert empty.columns.tolist() == ["text", "words", "error"] and len(empty) == 0


def test_without_pandas_the_error_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    from framing.integrations import pandas as dataframe

    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match=r"pip install 'framing-toolkit\[pandas\]'") as info:
        dataframe.score_frame(object(), spacy_model="blank")  # type: ignore[arg-type]
    assert isinstance(info.value, MissingExtraError)


def test_importing_framing_does_not_import_pandas() -> None:
    code = "import sys, framing; print('pandas' in sys.modules, callable(framing.score_frame))"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.split() == ["False", "True"]
    with pytest.raises(AttributeError, match="no attribute 'score_frames'"):
        _ = framing.score_frames  # type: ignore[attr-defined]
