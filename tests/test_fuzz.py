"""benchmarks/fuzz.py on a small budget: every reader, the cleaner and the lexicon loaders
refuse bad input only with the library's one-line errors; and the crashes fuzzing found (or
that the issue's campaign found) stay fixed."""

from __future__ import annotations

import contextlib
import json
import sys
from pathlib import Path

import pytest

from framing.errors import FramingError

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import fuzz  # noqa: E402

BUDGET = {"html": 15}  # trafilatura takes milliseconds per page


@pytest.mark.parametrize("target", fuzz.targets(), ids=lambda t: t.name)
def test_no_target_crashes_on_a_small_budget(target: fuzz.Target) -> None:
    fuzz.fuzz(target, BUDGET.get(target.name, 60))
    assert target.crashes == []
    assert target.tried >= BUDGET.get(target.name, 60) // 2


# kept crashes: each of these raised something other than a FramingError once ---------------

KEPT = [
    ("json", "[" * 100_000 + "]" * 100_000),  # RecursionError (issue #20, finding 3)
    ("jsonl", '{"text": ' + "[" * 50_000 + "]" * 50_000 + "}"),
    ("jsonl", json.dumps({"text": "a\ud800b"})),  # a lone surrogate no UTF-8 sink can write
    ("csv", 'text,id\n"unterminated,1\nok,2\n'),
    ("csv", 'text\n"a"b\nfine text\n'),
]


@pytest.mark.parametrize(("name", "raw"), KEPT)
def test_inputs_that_once_crashed_are_refused_or_read(name: str, raw: str) -> None:
    target = next(t for t in fuzz.targets() if t.name == name)
    with contextlib.suppress(FramingError):
        target.run(raw)


def test_a_lone_surrogate_in_json_becomes_the_replacement_character() -> None:
    from framing.ingest.records import read_jsonl

    (doc,) = read_jsonl(Path("f.jsonl"), json.dumps({"text": "Rain fell \ud800 today."}))
    assert doc.text == "Rain fell \ufffd\ufffd\ufffd today."
    doc.text.encode("utf-8")  # every sink can write it
