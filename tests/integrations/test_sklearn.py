"""FramingFeatures: a scikit-learn transformer from texts to framing metrics.

scikit-learn's common checks feed 2-D numeric arrays, so, as for its own CountVectorizer, they
skip an estimator whose tags say "strings, not 2-D arrays". Below, every check scikit-learn
would run on a numeric transformer is either run as it is, rewritten on texts (a test here), or
listed with the reason it does not apply; a check added by a new scikit-learn version fails
``test_every_common_check_is_run_rewritten_or_excused`` until it is sorted into one of these.
"""

from __future__ import annotations

import pickle
import warnings
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.exceptions import NotFittedError
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_score
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.utils.estimator_checks import estimator_checks_generator

from framing.errors import ConfigError, InputError
from framing.features import metrics
from framing.integrations.sklearn import FramingFeatures
from framing.score import Engine
from tests.conftest import EVAL

TEXTS = [
    "Refugees fled the shelling, officials said. Aid may arrive soon.",
    "Troops advanced on the port. The ministry said the offensive would continue.",
    "The bakery opened at nine.",
    "",
]

#: Common checks that apply to a text transformer unchanged (they use no input data, or only
#: check that an unfitted transformer refuses to transform).
RUN = (
    "check_estimator_cloneable",
    "check_estimator_tags_renamed",
    "check_valid_tag_types",
    "check_estimator_repr",
    "check_no_attributes_set_in_init",
    "check_estimators_unfitted",
    "check_do_not_raise_errors_in_init_or_set_params",
    "check_n_features_in_after_fitting",
    "check_mixin_order",
    "check_transformers_unfitted",
    "check_transformer_n_iter",
    "check_parameters_default_constructible",
    "check_get_params_invariance",
    "check_set_params",
    "check_fit1d",
)

#: Common checks whose property holds for texts too; the named test here checks it on texts.
REWRITTEN = {
    "check_fit_score_takes_y": "test_fit_returns_self_and_ignores_y",
    "check_estimators_fit_returns_self": "test_fit_returns_self_and_ignores_y",
    "check_estimators_overwrite_params": "test_fit_leaves_params_and_dict_alone",
    "check_dont_overwrite_parameters": "test_fit_leaves_params_and_dict_alone",
    "check_dict_unchanged": "test_fit_leaves_params_and_dict_alone",
    "check_fit_check_is_fitted": "test_unfitted_transformer_refuses_to_transform",
    "check_fit_idempotent": "test_transform_is_deterministic_and_row_wise",
    "check_methods_sample_order_invariance": "test_transform_is_deterministic_and_row_wise",
    "check_methods_subset_invariance": "test_transform_is_deterministic_and_row_wise",
    "check_transformer_general": "test_transform_is_deterministic_and_row_wise",
    "check_pipeline_consistency": "test_transform_is_deterministic_and_row_wise",
    "check_estimators_pickle": "test_pickle_and_clone_round_trip",
    "check_dtype_object": "test_inputs_that_are_texts_are_accepted",
    "check_estimators_nan_inf": "test_non_texts_are_refused",
    "check_estimators_empty_data_messages": "test_no_texts_give_no_rows",
}

#: Common checks that do not apply, and why.
EXCUSED = {
    "check_estimators_dtypes": "float32/int input dtypes: the input is text",
    "check_readonly_memmap_input": "read-only numeric memmaps: the input is text",
    "check_f_contiguous_array_estimator": "memory layout of numeric arrays: the input is text",
    "check_transformer_data_not_an_array": "a numeric array-like wrapper: the input is text",
    "check_complex_data": "complex numbers: the input is text",
    "check_positive_only_tag_during_fit": "negative numeric values: the input is text",
    "check_estimator_sparse_tag": "sparse matrices: the input is text",
    "check_estimator_sparse_array": "sparse matrices: the input is text",
    "check_estimator_sparse_matrix": "sparse matrices: the input is text",
    "check_array_api_input": "Array API namespaces of numeric arrays: the input is text",
    "check_fit2d_1sample": "2-D input with one row: texts are 1-D, and one text is valid",
    "check_fit2d_1feature": "2-D input with one column: texts are 1-D",
    "check_fit2d_predict1d": "fit on 2-D, then 1-D: 1-D is the only valid input",
    "check_n_features_in": "n_features_in_: texts have no input features (as CountVectorizer)",
}


def _check_name(check: Callable[..., Any]) -> str:
    return str(getattr(check, "func", check).__name__)


class _AsIfNumeric(FramingFeatures):
    """The same estimator with the 2-D tag set, to list what scikit-learn would check."""

    def __sklearn_tags__(self) -> Any:
        tags = super().__sklearn_tags__()
        tags.input_tags.two_d_array = True
        return tags


def _common_checks() -> list[Callable[..., Any]]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return [check for _, check in estimator_checks_generator(_AsIfNumeric(), legacy=True)]


def test_every_common_check_is_run_rewritten_or_excused() -> None:
    names = {_check_name(c) for c in _common_checks()}
    assert len(names) > 30
    sorted_ = set(RUN) | set(REWRITTEN) | set(EXCUSED)
    assert names - sorted_ == set(), "a new scikit-learn check: run, rewrite or excuse it"
    assert not set(RUN) & set(EXCUSED) and not set(REWRITTEN) & set(EXCUSED)
    assert set(REWRITTEN.values()) <= set(globals())


def test_scikit_learn_skips_the_estimator_as_it_skips_countvectorizer() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        checks = [_check_name(c) for _, c in estimator_checks_generator(FramingFeatures())]
    assert checks == ["check_estimator_cloneable"]


@pytest.mark.parametrize(
    "check", [c for c in _common_checks() if _check_name(c) in RUN], ids=_check_name
)
def test_common_check(check: Callable[..., Any]) -> None:
    check(FramingFeatures())


def test_transform_gives_one_float_column_per_metric(blank: Engine) -> None:
    features = FramingFeatures().fit(TEXTS)
    X = features.transform(TEXTS)
    names = features.get_feature_names_out()
    assert X.dtype == np.float64 and X.shape == (len(TEXTS), len(metrics()))
    assert names.tolist() == [m.name for m in metrics()]
    for row, text in zip(X, TEXTS, strict=True):
        expected = blank.score_text(text, clean=False).metrics
        np.testing.assert_array_equal(row, [float(expected[n]) for n in names])
    col = names.tolist().index
    assert X[0, col("humanitarian_terms")] == 2 and X[2, col("humanitarian_terms")] == 0
    # the empty text: counts are 0, rates have no denominator (no data is not zero)
    assert X[3, col("words")] == 0 and np.isnan(X[3, col("hedges_per_sentence")])


def test_a_metrics_subset_fixes_the_columns_and_their_order() -> None:
    features = FramingFeatures(metrics=["hedges", "humanitarian_terms"]).fit(TEXTS)
    assert features.metrics_ == ("hedges", "humanitarian_terms")
    np.testing.assert_array_equal(features.transform(TEXTS[:3]), [[1, 2], [0, 0], [0, 0]])


@pytest.mark.parametrize(
    ("wanted", "message"),
    [
        (["hedges", "no_such_metric"], r"unknown metric\(s\) \['no_such_metric'\]"),
        ("hedges", "a list of names"),
        ([], "at least one"),
        (["hedges", "hedges"], "twice"),
    ],
)
def test_bad_metrics_are_refused_at_fit(wanted: Any, message: str) -> None:
    features = FramingFeatures(metrics=wanted)  # __init__ only stores
    with pytest.raises(ConfigError, match=message):
        features.fit(TEXTS)


def test_user_lexicon_categories_become_columns(tmp_path: Any) -> None:
    lexicon = tmp_path / "harbour.toml"
    lexicon.write_text(
        '[lexicon]\nname = "harbour"\nversion = "0.1"\n\n'
        '[categories.boats]\ncodebook = "test"\nterms = ["ferry", "harbo*"]\n',
        encoding="utf-8",
    )
    features = FramingFeatures(lexicons=(str(lexicon),)).fit(TEXTS)
    names = features.get_feature_names_out().tolist()
    assert names[-2:] == ["custom.harbour.boats.count", "custom.harbour.boats.per_1000_words"]
    X = features.transform(["The ferry left the harbour.", "The bakery opened."])
    assert X[:, -2].tolist() == [2.0, 0.0]


def test_fit_returns_self_and_ignores_y() -> None:
    features = FramingFeatures(metrics=["words"])
    assert features.fit(TEXTS, y=[0, 1, 0, 1]) is features
    np.testing.assert_array_equal(
        features.transform(TEXTS), FramingFeatures(metrics=["words"]).fit(TEXTS).transform(TEXTS)
    )


def test_fit_leaves_params_and_dict_alone() -> None:
    features = FramingFeatures(metrics=("words",), lexicons=())
    params = features.get_params()
    features.fit(TEXTS)
    assert features.get_params() == params
    state = dict(vars(features))
    features.transform(TEXTS)
    assert vars(features) == state
    assert set(vars(features)) - set(params) == {"metrics_"}


def test_unfitted_transformer_refuses_to_transform() -> None:
    with pytest.raises(NotFittedError):
        FramingFeatures().transform(TEXTS)
    with pytest.raises(NotFittedError):
        FramingFeatures().get_feature_names_out()


def test_transform_is_deterministic_and_row_wise() -> None:
    features = FramingFeatures().fit(TEXTS)
    X = features.transform(TEXTS)
    np.testing.assert_array_equal(features.fit(TEXTS).transform(TEXTS), X)
    np.testing.assert_array_equal(FramingFeatures().fit_transform(TEXTS), X)
    order = [2, 0, 3, 1]
    np.testing.assert_array_equal(features.transform([TEXTS[i] for i in order]), X[order])
    np.testing.assert_array_equal(features.transform(TEXTS[1:2]), X[1:2])
    pipe = Pipeline([("framing", FramingFeatures())]).fit(TEXTS)
    np.testing.assert_array_equal(pipe.transform(TEXTS), X)


def test_pickle_and_clone_round_trip() -> None:
    features = FramingFeatures(metrics=["hedges", "words"]).fit(TEXTS)
    restored = pickle.loads(pickle.dumps(features))
    np.testing.assert_array_equal(restored.transform(TEXTS), features.transform(TEXTS))
    assert len(pickle.dumps(features)) < 1000  # no engine, lexicons or pipeline inside
    cloned = clone(features)
    assert cloned.get_params() == features.get_params() and not hasattr(cloned, "metrics_")


def test_inputs_that_are_texts_are_accepted() -> None:
    features = FramingFeatures(metrics=["words"]).fit(TEXTS)
    expected = features.transform(TEXTS)
    for X in (tuple(TEXTS), np.array(TEXTS, dtype=object), np.array(TEXTS), pd.Series(TEXTS)):
        np.testing.assert_array_equal(features.transform(X), expected)
    assert features.transform(iter(TEXTS)).shape == (4, 1)


@pytest.mark.parametrize(
    ("X", "message"),
    [
        ("one text", "string object received"),
        (["fine", np.nan], r"X\[1\] is float nan; expected a string"),
        (["fine", None], r"X\[1\] is NoneType"),
        (np.array([["a", "b"], ["c", "d"]]), "1-D sequence of texts"),
        (pd.DataFrame({"text": ["a"]}), "1-D sequence of texts"),
        (np.zeros((3, 2)), "1-D sequence of texts"),
    ],
)
def test_non_texts_are_refused(X: Any, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        FramingFeatures().fit(X)
    features = FramingFeatures().fit(TEXTS)
    with pytest.raises(ValueError, match=message):
        features.transform(X)


def test_no_texts_give_no_rows() -> None:
    assert FramingFeatures().fit([]).transform([]).shape == (0, len(metrics()))


def test_clean_removes_furniture_and_refuses_texts_with_nothing_left() -> None:
    page = "Share this article\n\nRefugees fled the shelling."
    raw, cleaned = (
        FramingFeatures(metrics=["words"], clean=c).fit([]).transform([page]) for c in (False, True)
    )
    assert raw[0, 0] > cleaned[0, 0] == 4
    with pytest.raises(InputError, match=r"X\[1\]: empty"):
        FramingFeatures(clean=True).fit([]).transform(["Fine.", "  "])


def test_pandas_output_has_the_metric_names_and_the_series_index() -> None:
    features = FramingFeatures(metrics=["hedges", "words"]).set_output(transform="pandas")
    texts = pd.Series(TEXTS[:2], index=["a", "b"])
    frame = features.fit_transform(texts)
    assert isinstance(frame, pd.DataFrame)
    assert frame.columns.tolist() == ["hedges", "words"]
    assert frame.index.tolist() == ["a", "b"]
    assert frame.loc["a", "hedges"] == 1.0 and frame.loc["b", "words"] == 12


def _narrative_framing() -> tuple[list[str], np.ndarray]:
    from framing.evaluate.frames import read_articles

    path = EVAL / "narrative-framing" / "data" / "articles_metadata.tsv"
    if not path.exists():
        pytest.skip(f"narrative-framing corpus not found at {path}")
    articles, _ = read_articles(path)
    # every second article (214 of 427) keeps the test near 10 s; the whole corpus gives
    # 0.72 (Conflict) and 0.71 (Human interest) with the same pipeline
    sample = articles[::2]
    return [a.text for a in sample], np.array([a.frames["CO"] for a in sample])


def test_pipeline_separates_conflict_framed_articles() -> None:
    texts, coded_conflict = _narrative_framing()
    pipe = Pipeline(
        [
            ("framing", FramingFeatures()),
            ("impute", SimpleImputer()),  # rates without a denominator are NaN
            ("scale", StandardScaler()),
            ("clf", LogisticRegression(C=0.1, max_iter=1000)),
        ]
    )
    folds = StratifiedKFold(5, shuffle=True, random_state=0)
    auc = cross_val_score(pipe, texts, coded_conflict, cv=folds, scoring="roc_auc").mean()
    print(f"5-fold ROC AUC, Conflict frame, {len(texts)} articles: {auc:.3f}")
    assert auc > 0.6  # measured 0.691
    # hard negative: with the labels shuffled the same classifier is at chance. One shuffle of
    # 214 articles can land 0.1 from 0.5 by luck (seed 0 gave 0.62 with framing 2.0.0's
    # features), so the mean of five is tested; the features are extracted once for them.
    features = FramingFeatures().fit_transform(texts)
    head = Pipeline(pipe.steps[1:])
    chance = np.mean(
        [
            cross_val_score(
                head,
                features,
                np.random.default_rng(seed).permutation(coded_conflict),
                cv=folds,
                scoring="roc_auc",
            ).mean()
            for seed in range(5)
        ]
    )
    assert abs(chance - 0.5) < 0.1
