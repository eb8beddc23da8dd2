"""The orchestration every interface shares (framing.api), called as a Python user would."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import framing
from framing import api
from framing.errors import InputError
from framing.score import get_engine
from tests.conftest import SEEDS, seed_path


def test_the_face_is_the_api() -> None:
    for name in ("compare", "diff", "score_text", "score_path", "train", "load_model"):
        assert getattr(framing, name) is getattr(api, name)
    assert sorted(framing.__all__) == sorted(
        [
            "__version__",
            "compare",
            "diff",
            "load_model",
            "score_frame",
            "score_path",
            "score_text",
            "train",
        ]
    )


def test_one_engine_per_pipeline_and_lexicons(monkeypatch: pytest.MonkeyPatch) -> None:
    """compare with rewrites builds (at most) one engine and reuses it for the evaluation
    lexicon, instead of looking one up twice."""
    built: list[tuple[object, ...]] = []
    real = api.get_engine

    def counting(*args: object) -> object:
        built.append(args)
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(api, "get_engine", counting)
    api.compare([str(SEEDS)], spacy_model="blank")
    assert set(built) == {("blank", ())}


def test_compare_reads_json_lines_from_stdin() -> None:
    lines = [
        json.dumps({"text": p.read_text(encoding="utf-8"), "outlet": p.stem})
        for p in sorted(SEEDS.glob("*.txt"))[:2]
    ]
    with api.compare(["-"], spacy_model="blank", rewrites=False, stdin="\n".join(lines)) as c:
        assert len(c.articles) == 2
        assert not c.failures


def test_compare_to_folder_writes_the_outputs_and_refuses_an_empty_input(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(InputError, match="no input files found"):
        api.compare_to_folder([empty], tmp_path / "out", spacy_model="blank")
    run = api.compare_to_folder(
        [SEEDS], tmp_path / "out", spacy_model="blank", rewrites=False, write_db=False
    )
    with run.comparison as c:
        assert len(c.articles) == 5
    assert {p.name for p in run.written} >= {"articles.csv", "report.html", "datapackage.json"}
    assert run.added == {} and run.db is None


def test_score_paths_reads_stdin_and_files_in_order() -> None:
    text = seed_path("004").read_text(encoding="utf-8")
    scores = api.score_paths(["-", seed_path("001")], spacy_model="blank", stdin=text)
    assert [s.article["source"] for s in scores] == ["<stdin>", str(seed_path("001"))]
    assert scores[0].metrics == get_engine("blank").score_text(text, "<stdin>").metrics


def test_stories_needs_two_readable_articles(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(seed_path("004").read_text(encoding="utf-8"))
    with pytest.raises(InputError, match="at least two"):
        api.stories([tmp_path], spacy_model="blank")
