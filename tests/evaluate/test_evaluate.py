"""Validation (`framing eval`): metric helpers, corpus parsers, the named/anonymous fixture, and
the fast run against the recorded baseline (skipped when ../shared/eval is absent)."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from click.testing import CliRunner

from framing.cli import cli
from framing.evaluate import FEATURES, EvalRun, eval_dir, regressions, render_markdown, run_all
from framing.evaluate.attribution import parse_ann
from framing.evaluate.data import ENV_VAR, read_dataset
from framing.evaluate.hedging import parse_szeged_string
from framing.evaluate.metrics import (
    Confusion,
    SpanAgreement,
    exact_agreement,
    f1_score,
    roc_auc,
    span_agreement,
    spearman,
)
from framing.evaluate.named_anonymous import KINDS, read_fixture, type_sources
from framing.evaluate.run import BASELINE, TOLERANCE, blocker, read_baseline, run
from framing.nlp import installed_trained_english

# --- metric helpers -----------------------------------------------------------------------------


def test_confusion_counts_precision_recall_f1_mcc_on_a_hand_case() -> None:
    # gold 1 1 1 0 0 0, predicted 1 1 0 1 0 0: tp 2, fn 1, fp 1, tn 2
    c = Confusion.of([1, 1, 1, 0, 0, 0], [1, 1, 0, 1, 0, 0])
    assert (c.tp, c.fp, c.fn, c.tn) == (2, 1, 1, 2)
    assert c.precision == pytest.approx(2 / 3)
    assert c.recall == pytest.approx(2 / 3)
    assert c.f1 == pytest.approx(2 / 3)
    assert c.mcc == pytest.approx((2 * 2 - 1 * 1) / 9)  # sqrt(3*3*3*3) = 9
    assert c.base_rate == 0.5


def test_mcc_is_one_for_perfect_minus_one_for_inverted_zero_for_constant() -> None:
    gold = [True, False, True, False]
    assert Confusion.of(gold, gold).mcc == 1.0
    assert Confusion.of(gold, [not g for g in gold]).mcc == -1.0
    every = Confusion.of(gold, [True] * 4)
    assert every.mcc == 0.0
    assert every.f1 == pytest.approx(every.all_positive_f1) == pytest.approx(2 / 3)


def test_no_predictions_give_nan_precision_not_zero() -> None:
    c = Confusion.of([1, 0], [0, 0])
    assert math.isnan(c.precision) and math.isnan(c.f1)
    assert c.recall == 0.0
    assert f1_score(0.0, 0.0) == 0.0


def test_confusion_rejects_unequal_lengths() -> None:
    with pytest.raises(ValueError, match="2 gold labels but 1 predictions"):
        Confusion.of([1, 0], [1])


def test_span_agreement_counts_hits_from_each_side() -> None:
    # one prediction covers two gold cues; a discontinuous gold cue is hit on its 2nd fragment
    predicted = [(0, 10), (50, 54), (90, 95)]
    gold = [((2, 4),), ((6, 8),), ((40, 44), (50, 53)), ((70, 75),)]
    a = span_agreement(predicted, gold)
    assert a == SpanAgreement(n_predicted=3, predicted_hit=2, n_gold=4, gold_hit=3)
    assert a.precision == pytest.approx(2 / 3) and a.recall == 0.75
    assert (a + a).f1 == pytest.approx(a.f1)


def test_exact_agreement_needs_identical_one_fragment_spans() -> None:
    predicted = [(2, 4), (40, 44), (70, 76)]
    gold = [((2, 4),), ((40, 44), (50, 53)), ((70, 75),)]
    a = exact_agreement(predicted, gold)
    assert (a.predicted_hit, a.gold_hit) == (1, 1)


def test_spearman_and_roc_auc() -> None:
    assert spearman([1, 2, 3, 4], [10, 20, 40, 30]) == pytest.approx(0.8)
    assert spearman([1, 2, float("nan"), 4, 5], [2, 4, 0, 8, 10]) == pytest.approx(1.0)
    assert math.isnan(spearman([1, 2], [2, 1]))
    assert roc_auc([True, False, True, False], [0.9, 0.1, 0.4, 0.4]) == 0.875
    assert roc_auc([True, False], [0.2, 0.8]) == 0.0
    assert math.isnan(roc_auc([True, True], [0.2, 0.8]))


# --- corpus parsers -----------------------------------------------------------------------------

ANN = "\n".join(
    [
        "T1\tSource 0 13\tThe ministry",
        "T2\tCue 14 18\tsaid",
        "T3\tContent 19 40\tthe border was closed",
        "T4\tAttribution 14 18\tsaid",
        "E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3",
        "T5\tCue 50 53;60 65\tput ... it",
        "T6\tContent 66 80\ttaxes will rise",
        "T7\tAttribution-no-source 50 53\tput",
        "E2\tAttribution-no-source:T7 Cue:T5 Content:T6",
        "T8\tDiscuss 90 95\tdebat",
        "E3\tDiscuss:T8",
        "#1\tAnnotatorNotes T2\tchecked",
        "",
    ]
)


def test_parse_ann_reads_events_roles_and_discontinuous_fragments() -> None:
    rels = parse_ann(ANN)
    assert [r.type for r in rels] == ["Attribution", "Attribution-no-source", "Discuss"]
    first, second, _ = rels
    assert first.spans("Source") == ((0, 13),)
    assert first.spans("Cue") == ((14, 18),)
    assert first.spans("Content") == ((19, 40),)
    assert second.spans("Cue") == ((50, 53), (60, 65))
    assert second.spans("Source") == ()


SZEGED = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE Annotation PUBLIC "-//Uncertainty//DTD  SCOPE ANNOTATION 1.0//EN" "Uncertainty.dtd">
<Annotation><DocumentSet><Document type="unknown">
<DocID type="FILENAME">A.txt</DocID><DocumentPart type="unknown">
<Sentence id="S1.1">Rain <ccue type="speculation_modal_probable_">may</ccue> fall <ccue
 type="speculation_hypo_condition _">if</ccue> winds turn.</Sentence>
<Sentence id="S1.2">The bridge opened in 1990.</Sentence>
<Sentence id="S1.3">   </Sentence>
</DocumentPart></Document>
<Document type="unknown"><DocID type="FILENAME">B.txt</DocID><DocumentPart type="unknown">
<Sentence id="S1.1">Nobody knows <ccue type="speculation_hypo_investigation _">whether</ccue> it
 works.</Sentence>
</DocumentPart></Document></DocumentSet></Annotation>
"""


def test_parse_szeged_flattens_text_and_keeps_cue_offsets_and_types() -> None:
    sents = parse_szeged_string(SZEGED)
    assert [s.id for s in sents] == ["A.txt/S1.1", "A.txt/S1.2", "B.txt/S1.1"]  # blank dropped
    first = sents[0]
    assert first.text == "Rain may fall if winds turn."
    assert [(first.text[c.start : c.end], c.type) for c in first.cues] == [
        ("may", "speculation_modal_probable"),
        ("if", "speculation_hypo_condition"),
    ]
    assert first.uncertain and not sents[1].uncertain
    assert sents[2].cues[0].type == "speculation_hypo_investigation"


def test_read_dataset_joins_continuation_lines(tmp_path: Path) -> None:
    (tmp_path / "SOURCE.md").write_text(
        '# A corpus (v1)\n- Origin: https://example.org/x\n- Paper: Doe (2020) "A corpus",\n'
        "  Journal 1(2).\n- License: CC BY 4.0\n",
        encoding="utf-8",
    )
    d = read_dataset(tmp_path, "x")
    assert d.citation == 'Doe (2020) "A corpus", Journal 1(2).'
    assert (d.name, d.origin, d.license) == ("A corpus (v1)", "https://example.org/x", "CC BY 4.0")
    assert read_dataset(tmp_path / "missing", "y").citation == "y"


# --- the named/anonymous fixture ----------------------------------------------------------------


def test_fixture_is_balanced_and_every_source_occurs_in_its_text() -> None:
    items = read_fixture()
    assert len(items) >= 40
    assert {i.kind for i in items} == set(KINDS)
    assert all(i.text[i.span[0] : i.span[1]] == i.source for i in items)


@pytest.mark.parametrize(
    "path",
    ["fast", pytest.param("parsed", marks=pytest.mark.parsed)],
)
def test_fixture_typing_is_at_least_the_recorded_accuracy(path: str) -> None:
    model = "blank" if path == "fast" else installed_trained_english()
    assert model is not None
    typed = type_sources(model, read_fixture())
    recorded = read_baseline()  # rounded to 4 decimals
    accuracy = sum(t.correct for t in typed) / len(typed)
    assert round(accuracy, 4) >= recorded[f"sources.{path}.accuracy"]
    for kind in KINDS:
        sub = [t for t in typed if t.item.kind == kind]
        accuracy = sum(t.correct for t in sub) / len(sub)
        assert round(accuracy, 4) >= recorded[f"sources.{path}.{kind}.accuracy"], kind


# --- missing corpora and the command ------------------------------------------------------------


def test_missing_corpus_skips_the_feature_with_a_message(tmp_path: Path) -> None:
    result = run(("hedging", "frames"), fast=True, data=tmp_path)
    assert [r.skipped is not None for r in result.features] == [True, True]
    assert str(tmp_path) in (result.features[0].skipped or "")
    assert ENV_VAR in (result.features[0].skipped or "")
    assert "Skipped:" in render_markdown(result)


def test_env_var_names_the_corpora_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(ENV_VAR, str(tmp_path))
    assert eval_dir() == tmp_path
    assert eval_dir("elsewhere") == Path("elsewhere")


def test_eval_command_prints_figures_and_writes_docs(tmp_path: Path) -> None:
    docs = tmp_path / "validation.md"
    result = CliRunner(env={"COLUMNS": "200"}).invoke(
        cli, ["eval", "sources", "--write-docs", "--docs", str(docs)], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    assert "sources.fast.accuracy" in result.stdout
    page = docs.read_text(encoding="utf-8")
    assert "`framing eval sources`" in page and "sources.fast.named_vs_anonymous" in page


def test_eval_command_skips_cleanly_without_corpora(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["eval", "frames", "--fast", "--data", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "skipped frames" in result.stderr and str(tmp_path) in result.stderr


# --- the fast run against the baseline ----------------------------------------------------------


@pytest.fixture(scope="module")
def fast_run() -> EvalRun:
    if not eval_dir().is_dir():
        pytest.skip(f"evaluation corpora not found at {eval_dir()} (set {ENV_VAR})")
    return run_all(fast=True)


def test_no_figure_drops_below_the_baseline(fast_run: EvalRun) -> None:
    skipped = {r.feature for r in fast_run.features if r.skipped}
    baseline = {
        name: value
        for name, value in read_baseline().items()
        if name.split(".", 1)[0] not in skipped
        and (installed_trained_english() or ".parsed." not in name)
    }
    assert baseline, "every corpus is missing"
    assert regressions(fast_run, baseline) == [], (
        f"figures fell more than {TOLERANCE} below {BASELINE.name}; if the change is "
        "deliberate, re-record with `python -m framing.evaluate.baseline`"
    )


def test_fast_run_reports_every_feature_figure_and_target(fast_run: EvalRun) -> None:
    assert [r.feature for r in fast_run.features] == list(FEATURES)
    page = render_markdown(fast_run)
    for f in fast_run.figures:
        assert f"`{f.name}`" in page
        assert f.command.startswith("framing eval ") and f.command.endswith("--fast")
    assert {t.target.figure for t in fast_run.targets} <= set(fast_run.values())
    for status in fast_run.targets:  # every {figure} placeholder of a blocker resolves
        assert "—" not in blocker(status.target, fast_run.values()), status.target.figure
    recorded = json.loads(BASELINE.read_text(encoding="utf-8"))
    assert recorded["command"] == "framing eval all --fast"


def test_source_typing_labels_hold_identifiers_offsets_and_kinds_only() -> None:
    from framing.evaluate.source_typing import LABELS, SECOND, read_labels

    for path, n in ((LABELS, 420), (SECOND, 100)):
        header = path.read_text(encoding="utf-8").splitlines()[0].split("\t")
        assert header == [
            "split",
            "article",
            "cue_start",
            "cue_end",
            "source_start",
            "source_end",
            "kind",
        ]
        items = read_labels(path)
        assert len(items) == n
        assert all(i.split in {"dev", "train"} and i.cue[0] < i.cue[1] for i in items)


def test_cohen_kappa_is_one_for_agreement_and_zero_at_chance() -> None:
    from framing.evaluate.source_typing import cohen_kappa

    assert cohen_kappa(["a", "b", "a"], ["a", "b", "a"]) == 1.0
    assert cohen_kappa(["a", "a", "b", "b"], ["a", "b", "a", "b"]) == 0.0
