"""`framing lexicon list|show|validate|kwic|stats`: the library functions and the CLI."""

from __future__ import annotations

import csv
import io
import json
import math
import statistics
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from framing.cli import cli
from framing.errors import ConfigError
from framing.evaluate.lexicons import (
    alpha_problem,
    category_stats,
    cronbach_alpha,
    format_kwic,
    kuder_richardson_20,
    kwic,
    resolve,
    validate,
)
from framing.ingest import read_path
from framing.lexicon.load import load_lexicons
from framing.score import get_engine

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
MORAL = Path(__file__).resolve().parent.parent / "fixtures" / "dictionaries" / "moral_2015.dic"
BLANK = ("--spacy-model", "blank")


def run(*args: str | Path) -> Result:
    runner = CliRunner(env={"COLUMNS": "120"})
    return runner.invoke(cli, [str(a) for a in args], catch_exceptions=False)


# --------------------------------------------------------------------------- alpha


def test_cronbach_alpha_matches_the_textbook_formula_on_a_small_matrix() -> None:
    x = [[2, 1, 1], [1, 1, 1], [0, 0, 1], [3, 2, 2]]  # 4 documents x 3 entries
    # by hand: item variances (population) 1.25, 0.5, 0.1875; totals 4, 3, 1, 7 -> 4.6875
    by_hand = 3 / 2 * (1 - (1.25 + 0.5 + 0.1875) / 4.6875)
    assert by_hand == pytest.approx(0.88)
    # the same with sample variances (the n/(n-1) factors cancel)
    items = sum(statistics.variance([r[j] for r in x]) for j in range(3))
    sample = 3 / 2 * (1 - items / statistics.variance([sum(r) for r in x]))
    assert cronbach_alpha(x) == pytest.approx(by_hand) == pytest.approx(sample)


def test_kr20_is_alpha_on_presence_and_absence() -> None:
    rates = [[0.5, 2.0, 0.0], [1.0, 0.0, 3.0], [0.0, 0.0, 0.2], [4.0, 1.0, 1.0]]
    # presence: p = 3/4, 2/4, 3/4; sum p*q = 3/16 + 4/16 + 3/16; totals 2, 2, 1, 3 -> var 0.5
    by_hand = 3 / 2 * (1 - (10 / 16) / 0.5)
    assert kuder_richardson_20(rates) == pytest.approx(by_hand) == pytest.approx(-0.375)
    assert cronbach_alpha(rates) != pytest.approx(by_hand)


@pytest.mark.parametrize(
    ("matrix", "why"),
    [
        ([[1.0, 2.0]], "1 document(s)"),
        ([[1.0], [2.0], [0.0]], "1 entry(ies) hit"),
        ([[1.0, 0.0], [0.0, 1.0]], "does not vary"),
    ],
)
def test_alpha_is_undefined_not_faked(matrix: list[list[float]], why: str) -> None:
    assert why in str(alpha_problem(matrix))
    assert math.isnan(cronbach_alpha(matrix)) and math.isnan(kuder_richardson_20(matrix))


# --------------------------------------------------------------------------- stats


DOCS = {
    "a.txt": "Volunteers help families and help them protect their homes from the floods.",
    "b.txt": "The town opened a shelter for families who lost their homes in the floods.",
    "c.txt": "Nothing about the vote changed on Tuesday, officials said after the meeting.",
    "d.txt": "Neighbours help each other when the river rises above the old stone bridge.",
}
DIC = "%\n1\tcare\n2\tplace\n%\nhelp\t1\nprotect*\t1\nshelter\t1\t2\nrefuge\t1\nharbour\t2\n"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("corpus")
    for name, text in DOCS.items():
        (root / name).write_text(text + "\n", encoding="utf-8")
    dic = root.parent / "care.dic"
    dic.write_text(DIC, encoding="utf-8")
    return root, dic


def test_stats_of_a_category_on_a_tiny_corpus(corpus: tuple[Path, Path]) -> None:
    root, dic = corpus
    (care,) = category_stats("care.care", [root], lexicons=[dic], spacy_model="blank")
    words = [len(read_path(root / n)[0].text.rstrip(".\n").split()) for n in sorted(DOCS)]
    assert words == [12, 14, 12, 13]
    assert (care.documents, care.documents_hit, care.hits) == (4, 3, 5)
    assert care.per_1000_words == pytest.approx(1000 * 5 / sum(words))
    assert care.top_entries == (("help", 3), ("protect*", 1), ("shelter", 1))
    assert (care.entries, care.entries_never_hit) == (4, 1)  # 'refuge' never occurs
    # items: help, protect*, shelter (refuge never hit); rates per 100 words, by hand
    rows = [
        [200 / 12, 100 / 12, 0.0],
        [0.0, 0.0, 100 / 14],
        [0.0, 0.0, 0.0],
        [100 / 13, 0.0, 0.0],
    ]
    k = 3
    items = sum(statistics.pvariance([r[j] for r in rows]) for j in range(k))
    alpha = k / (k - 1) * (1 - items / statistics.pvariance([sum(r) for r in rows]))
    assert care.alpha_raw == pytest.approx(alpha)
    # presence: p = 2/4, 1/4, 1/4; totals 2, 1, 0, 1
    kr20 = k / (k - 1) * (1 - (1 / 4 + 3 / 16 + 3 / 16) / statistics.pvariance([2, 1, 0, 1]))
    assert care.alpha_binary == pytest.approx(kr20)
    assert (care.alpha_items, care.alpha_documents, care.alpha_note) == (3, 4, None)


def test_stats_of_a_whole_lexicon_reports_undefined_alpha(corpus: tuple[Path, Path]) -> None:
    root, dic = corpus
    stats = category_stats("care", [root], lexicons=[dic], spacy_model="blank")
    assert [s.category for s in stats] == ["care.care", "care.place"]
    place = stats[1]
    assert (place.hits, place.documents_hit) == (1, 1)  # 'shelter' counts in both categories
    assert math.isnan(place.alpha_raw) and math.isnan(place.alpha_binary)
    assert place.alpha_note == "undefined: 1 entry(ies) hit, alpha needs 2"
    assert place.to_dict()["alpha_raw"] is None


def test_stats_cli_json_and_text(corpus: tuple[Path, Path]) -> None:
    root, dic = corpus
    result = run(
        "lexicon", "stats", "care.care", root, "--lexicon", dic, "--format", "json", *BLANK
    )
    assert result.exit_code == 0, result.output
    (row,) = json.loads(result.stdout)
    assert row["category"] == "care.care" and row["share_documents_hit"] == 0.75
    text = run("lexicon", "stats", "care", root, "--lexicon", dic, *BLANK).stdout
    assert "alpha (raw rates)" in text and "binary (KR-20)" in text
    assert "alpha              undefined: 1 entry(ies) hit" in text  # care.place


# --------------------------------------------------------------------------- kwic


def test_kwic_lines_are_the_matches_scoring_counts() -> None:
    (path,) = SEEDS.glob("000_*.txt")
    lines = kwic("moral_2015.harm", [path], window=4, lexicons=[MORAL], spacy_model="blank")
    doc = read_path(path)[0]
    score = get_engine("blank", (str(MORAL),)).score_document(doc)
    evidence = [
        (e.start, e.end)
        for e in score.evidence
        if e.family == "custom:moral_2015" and e.category == "harm"
    ]
    assert len(evidence) >= 2 and [(k.start, k.end) for k in lines] == evidence
    for k in lines:
        assert doc.text[k.start : k.end] == k.match and k.source == str(path)
        before = " ".join(doc.text[: k.start].split())
        after = " ".join(doc.text[k.end :].split())
        assert before.endswith(k.left) and after.startswith(k.right)
        assert len([w for w in k.left.split() if any(c.isalnum() for c in w)]) == 4


def test_kwic_window_limit_and_hard_negatives() -> None:
    lines = kwic("hedging.hedges", [SEEDS], window=2, limit=5, spacy_model="blank")
    assert len(lines) == 5
    assert all(len([w for w in k.left.split() if any(c.isalnum() for c in w)]) <= 2 for k in lines)
    assert all(k.category == "hedging.hedges" for k in lines)
    none = kwic("moral_2015.harm", [SEEDS], window=0, lexicons=[MORAL], spacy_model="blank")
    assert all(k.left == "" and k.right == "" for k in none)
    assert "fairground" not in {k.match.lower() for k in none}


def test_kwic_text_output_aligns_the_match_column() -> None:
    lines = kwic("hedging.hedges", [SEEDS], window=3, limit=6, spacy_model="blank")
    rows = format_kwic(lines).splitlines()
    columns = {
        row.index("  " + k.match + " ", len(k.source)) for row, k in zip(rows, lines, strict=True)
    }
    assert len(rows) == 6 and len(columns) == 1


def test_kwic_cli_csv_and_jsonl() -> None:
    args = ("lexicon", "kwic", "hedging.hedges", SEEDS, "--window", "3", "--limit", "4", *BLANK)
    rows = list(csv.DictReader(io.StringIO(run(*args, "--format", "csv").stdout)))
    assert len(rows) == 4 and set(rows[0]) >= {"source", "left", "match", "right"}
    records = [json.loads(x) for x in run(*args, "--format", "jsonl").stdout.splitlines()]
    assert [r["match"] for r in records] == [r["match"] for r in rows]


# --------------------------------------------------------------------------- names


def test_resolve_accepts_lexicon_dot_category_and_unique_bare_names() -> None:
    lexset = load_lexicons([MORAL])
    assert [c.name for _, c in resolve(lexset, "hedging.hedges")] == ["hedges"]
    assert [c.name for _, c in resolve(lexset, "boosters")] == ["boosters"]
    assert len(resolve(lexset, "moral_2015")) == 3
    with pytest.raises(
        ConfigError, match="valid: hedges, approximators, boosters, distancing, non_hedges"
    ):
        resolve(lexset, "hedging.hedge")
    with pytest.raises(ConfigError, match="unknown category 'hedging'"):
        resolve(lexset, "hedging", whole=False)


def test_kwic_needs_one_category_not_a_lexicon() -> None:
    with pytest.raises(ConfigError):
        kwic("hedging", [SEEDS], spacy_model="blank")


# --------------------------------------------------------------------------- list / show


def test_list_shows_builtins_and_a_given_dictionary() -> None:
    result = run("lexicon", "list", "--lexicon", MORAL)
    assert result.exit_code == 0
    assert "hedging 2." in result.stdout and "moral_2015 0.0+user." in result.stdout
    data = json.loads(run("lexicon", "list", "--lexicon", MORAL, "--format", "json").stdout)
    moral = next(d for d in data if d["name"] == "moral_2015")
    assert moral["origin"] == "user"
    assert [(c["name"], c["entries"]) for c in moral["categories"]] == [
        ("care", 8),
        ("harm", 7),
        ("fairness", 7),
    ]
    assert next(d for d in data if d["name"] == "hedging")["references"]


def test_show_prints_entries_and_marks_weak_terms() -> None:
    care = run("lexicon", "show", "moral_2015.care", "--lexicon", MORAL).stdout.splitlines()
    assert care[:3] == ["look after", "protect*", "humanitarian aid"] and len(care) == 8
    hedges = run("lexicon", "show", "hedging.hedges").stdout.splitlines()
    assert "may" in hedges and "~often" in hedges and "often" not in hedges
    whole = run("lexicon", "show", "moral_2015", "--lexicon", MORAL).stdout
    assert "[moral_2015.harm]  7 entries" in whole


def test_show_unknown_name_is_one_error_line_listing_valid_names() -> None:
    result = run("lexicon", "show", "hedging.nope")
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.startswith("Error: unknown category 'nope' of 'hedging'; valid: hedges")


# --------------------------------------------------------------------------- validate


def test_validate_prints_file_line_errors_for_broken_toml_and_dic(tmp_path: Path) -> None:
    bad_dic = tmp_path / "bad.dic"
    bad_dic.write_text("%\n1\tcare\n%\nhelp\t1\nhurt\t2\n", encoding="utf-8")
    bad_toml = tmp_path / "bad.toml"
    bad_toml.write_text(
        '[lexicon]\nname = "x"\nversion = "1.0"\n\n[categories.a]\ncodebook = "c"\n'
        'terms = ["fine", "fine"]\n',
        encoding="utf-8",
    )
    result = run("lexicon", "validate", bad_dic, bad_toml, MORAL)
    assert result.exit_code == 1
    out = result.stdout.splitlines()
    assert out[0] == f"{bad_dic}:5: unknown category id 2; the header defines 1"
    assert out[1].startswith(f"{bad_toml}:7: duplicate term 'fine'")
    assert out[2] == f"{MORAL}: ok: lexicon 'moral_2015' 0.0, 3 categories, 17 entries"


def test_validate_passes_good_files_with_a_summary(tmp_path: Path) -> None:
    dicx = tmp_path / "care.dicx"
    dicx.write_text("DicTerm,Care,harm\nhelp,X,\nhurt,,X\n", encoding="utf-8")
    result = run("lexicon", "validate", MORAL, dicx)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"{MORAL}: ok: lexicon 'moral_2015' 0.0, 3 categories, 17 entries",
        f"{dicx}: ok: lexicon 'care' 0.0, 2 categories, 2 entries, 1 warnings",
        f"  warning: {dicx}:1: category 'Care' is named 'care'",
    ]


def test_validate_reports_a_conflict_with_a_builtin(tmp_path: Path) -> None:
    user = tmp_path / "hedging.toml"
    user.write_text(
        '[lexicon]\nname = "hedging"\nversion = "1.0"\n\n[categories.extra]\ncodebook = "c"\n'
        'terms = ["clearly"]\n',
        encoding="utf-8",
    )
    (result,) = validate([user])
    assert result.error is not None
    assert result.error.startswith(f"{user}:7: term 'clearly' of 'extra' is already in 'boosters'")
