"""Who rewrote whom: verbatim copies, rewrites with provenance, and independent coverage."""

from __future__ import annotations

import sys

import pytest

from framing.rewrite.derive import Node, declares, derive_pair, ngrams, unquoted
from tests.conftest import EVAL, ROOT

WIRE = [
    "Floodwaters forced 1,200 families from their homes in the river valley on Monday.",
    "The interior ministry said emergency shelters had opened in three schools.",
    "Officials expect the river to crest on Wednesday before the water slowly recedes.",
    "Engineers are inspecting the main bridge, which was closed as a precaution.",
    "Aid groups asked for blankets, drinking water and baby food.",
]


def node(nid: str, sentences: list[str], **kw: str) -> Node:
    return Node(nid, kw.pop("outlet", nid), " ".join(sentences), sentences, **kw)  # type: ignore[arg-type]


def test_a_copy_with_a_word_changed_is_verbatim() -> None:
    copy = [s.replace("Monday", "Monday morning") for s in WIRE]
    edge = derive_pair(node("wire", WIRE, byline="A. Reporter"), node("site", copy))
    assert (edge.source, edge.rewrite, edge.kind) == ("wire", "site", "verbatim")


def test_a_paraphrase_by_a_site_without_byline_is_a_rewrite_of_the_bylined_original() -> None:
    para = [
        "Some 1,200 families had to leave homes in the river valley because of floodwaters.",
        "Emergency shelters have opened in three schools, according to the interior ministry.",
        "The river should crest on Wednesday and then recede slowly, officials expect.",
        "The main bridge was closed as a precaution while engineers inspect it.",
    ]
    edge = derive_pair(node("site", para), node("wire", WIRE, byline="A. Reporter"))
    assert (edge.source, edge.rewrite, edge.kind) == ("wire", "site", "rewritten")
    assert any("byline" in r for r in edge.reasons)


def test_the_same_paraphrase_without_provenance_evidence_is_independent() -> None:
    para = [
        "Some 1,200 families had to leave homes in the river valley because of floodwaters.",
        "Emergency shelters have opened in three schools, according to the interior ministry.",
        "The river should crest on Wednesday and then recede slowly, officials expect.",
        "The main bridge was closed as a precaution while engineers inspect it.",
    ]
    edge = derive_pair(node("a", para, byline="B"), node("b", WIRE, byline="C"))
    assert edge.kind == "independent"


def test_a_declared_source_gives_the_direction() -> None:
    assert declares(
        node("x", WIRE, declared_source="www.riverpost.com"),
        node("y", WIRE, outlet="The River Post"),
    )
    assert not declares(
        node("x", WIRE, declared_source="www.independent.co.uk"),
        node("y", WIRE, outlet="The Korea Times"),
    )


def test_shared_quotes_do_not_count_as_shared_wording() -> None:
    a = 'The senator said: "We will not accept this budget under any circumstances at all."'
    b = (
        'Asked about it, the senator repeated: "We will not accept this budget under any '
        'circumstances at all."'
    )
    assert ngrams(unquoted(a)) & ngrams(unquoted(b)) == set()


@pytest.mark.skipif(
    not (EVAL / "basil" / "articles").is_dir(), reason="BASIL not in ../shared/eval"
)
def test_basil_independent_triplets_are_not_called_rewrites() -> None:
    """Recorded 2026-11-25: 0 of 300 pairs called derived (benchmarks/eval_derivation.py)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from eval_derivation import evaluate

    verdicts, derived = evaluate()
    assert sum(verdicts.values()) == 300
    assert len(derived) <= 3, [(e.source, e.rewrite, e.reasons) for e in derived]
