"""benchmarks/td_bench.py: its skip path in the project's own environment and its tables."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import td_bench  # noqa: E402


def test_exits_0_with_a_reason_when_textdescriptives_is_missing(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "textdescriptives", None)  # import raises ImportError
    assert td_bench.main(["--articles", "3"]) == 0
    out, err = capsys.readouterr()
    assert out == ""  # no table measured
    assert "TextDescriptives is not importable" in err
    assert "numpy<2" in err


def _row(name: str, kind: str, trained: bool, seconds: list[float]) -> td_bench.Row:
    return td_bench.Row(
        name, kind, trained, "x", lambda: lambda ts: ts, len, seconds=seconds, values=3
    )


def test_tables_use_the_best_round_and_pair_parsed_only_with_trained_rows() -> None:
    rows = [
        _row("TD blank", "td", False, [2.0, 2.5]),
        _row("TD trained", "td", True, [12.0, 10.0]),
        _row("fast", "framing", False, [0.5]),
        _row("parsed", "framing", True, [4.0]),
    ]
    lines = td_bench.tables(rows, n=10, words=1000).splitlines()
    speeds = {line.split(" | ")[0][2:]: line.split(" | ")[3:] for line in lines[2:6]}
    assert speeds["TD blank"] == ["500", "5.0 |"]  # best of 2.0 and 2.5 s
    assert speeds["TD trained"] == ["100", "1.0 |"]  # best of 12 and 10 s
    ratios = {line.split(" | ")[0][2:]: line.split(" | ")[1:] for line in lines[-2:]}
    assert ratios["TD blank"] == ["4.00×", "— |"]  # parsed against a blank TD row: no ratio
    assert ratios["TD trained"] == ["20.00×", "2.50× |"]
