"""The ``framing`` spaCy component: same numbers as the engine, evidence as labelled spans."""

from __future__ import annotations

import math
from importlib.metadata import entry_points
from pathlib import Path

import pytest
import spacy
from spacy import displacy
from spacy.language import Language

from framing.integrations.spacy import SPAN_KEY, FramingComponent, make_framing, span_label
from framing.nlp import installed_trained_english
from framing.score import ArticleScore, Engine
from tests.conftest import seed_path

LEXICON = (
    '[lexicon]\nname = "harbour"\nversion = "0.1"\n\n'
    '[categories.boats]\ncodebook = "test"\nterms = ["ferry", "harbo*"]\n'
)


def same_metrics(a: dict[str, float | int], b: dict[str, float | int]) -> bool:
    """Equal key by key, NaN equal to NaN (no data on both sides)."""
    if a.keys() != b.keys():
        return False
    return all(
        (isinstance(x, float) and math.isnan(x) and isinstance(y, float) and math.isnan(y))
        or x == y
        for x, y in ((a[k], b[k]) for k in a)
    )


@pytest.fixture(scope="module")
def nlp() -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("framing")
    return nlp


@pytest.fixture(scope="module")
def seed(blank: Engine) -> ArticleScore:
    """The Korea Times seed, cleaned and scored by the engine (blank path)."""
    return blank.score_text(seed_path("004").read_text(encoding="utf-8"))


def test_metrics_and_evidence_equal_the_engines_on_clean_text(
    nlp: Language, seed: ArticleScore, blank: Engine
) -> None:
    expected = blank.score_text(seed.text)
    assert expected.text == seed.text  # cleaning a clean text changes nothing
    score = nlp(seed.text)._.framing
    assert isinstance(score, ArticleScore)
    assert score.metrics["words"] > 300 and score.metrics["attributions"] > 5
    assert same_metrics(score.metrics, expected.metrics)
    assert same_metrics(score.metrics, blank.score_text(seed.text, clean=False).metrics)
    assert score.evidence == expected.evidence == seed.evidence
    assert score.sentences == seed.sentences
    # the seed's own score differs only where cleaning removed furniture from the raw page
    assert seed.metrics["boilerplate_share"] > 0 == score.metrics["boilerplate_share"]
    assert score.pipeline["name"] == "blank" and score.pipeline["parsed"] is False


def test_the_comparison_can_fail() -> None:
    assert not same_metrics({"a": 1, "b": math.nan}, {"a": 1, "b": 0.0})
    assert not same_metrics({"a": 1}, {"a": 1, "b": 2})
    assert same_metrics({"a": 1, "b": math.nan}, {"a": 1, "b": math.nan})


def test_evidence_becomes_labelled_spans_on_the_docs_own_tokens(
    nlp: Language, seed: ArticleScore
) -> None:
    doc = nlp(seed.text)
    spans = doc.spans[SPAN_KEY]
    evidence = doc._.framing.evidence
    assert len(spans) == len(evidence) > 20
    for span, e in zip(spans, evidence, strict=True):
        assert (span.start_char, span.end_char, span.text) == (e.start, e.end, e.text)
        assert span.label_ == span_label(e) == f"{e.family}:{e.category}"
    labels = {s.label_ for s in spans}
    assert {"frames:humanitarian", "frames:strategic", "attribution:cue"} <= labels
    assert "hedging:hedges" in labels


def test_displacy_shows_the_spans(nlp: Language) -> None:
    doc = nlp("Refugees fled the shelling, officials said.")
    html = displacy.render(doc, style="span", options={"spans_key": SPAN_KEY})
    assert "frames:humanitarian" in html and "attribution:cue" in html


def test_a_text_without_matches_has_an_empty_span_group(nlp: Language) -> None:
    doc = nlp("The bakery opened at nine.")
    assert len(doc.spans[SPAN_KEY]) == 0
    assert doc._.framing.metrics["words"] == 5
    assert doc._.framing.metrics["humanitarian_terms"] == 0


def test_an_empty_doc_gives_counts_of_zero_and_no_rates(nlp: Language) -> None:
    doc = nlp("")
    assert doc._.framing.metrics["words"] == 0
    assert math.isnan(doc._.framing.metrics["hedges_per_sentence"])
    assert len(doc.spans[SPAN_KEY]) == 0


def test_the_docs_sentence_boundaries_are_left_alone(nlp: Language) -> None:
    doc = nlp("Troops advanced.\nRefugees fled. Aid arrived.")
    assert doc._.framing.metrics["sentences"] == 3
    assert not doc.has_annotation("SENT_START")


def test_existing_sentence_boundaries_are_used() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer", config={"punct_chars": ["|"]})
    nlp.add_pipe("framing")
    doc = nlp("Troops advanced. Refugees fled | Aid arrived.")
    assert doc._.framing.metrics["sentences"] == 2


def test_span_key_and_lexicons_come_from_the_config(tmp_path: Path) -> None:
    lexicon = tmp_path / "harbour.toml"
    lexicon.write_text(LEXICON, encoding="utf-8")
    nlp = spacy.blank("en")
    nlp.add_pipe("framing", config={"span_key": "ev", "lexicons": [str(lexicon)]})
    doc = nlp("The ferry left the harbour.")
    assert SPAN_KEY not in doc.spans
    assert [(s.text, s.label_) for s in doc.spans["ev"]] == [
        ("ferry", "custom:harbour:boats"),
        ("harbour", "custom:harbour:boats"),
    ]
    assert doc._.framing.custom["harbour.boats"]["count"] == 2
    assert nlp.get_pipe_meta("framing").assigns == ["doc._.framing_data", "doc.spans"]


def test_an_empty_span_key_is_refused() -> None:
    with pytest.raises(ValueError, match="span_key"):
        spacy.blank("en").add_pipe("framing", config={"span_key": ""})


def test_a_document_for_other_text_is_refused(blank: Engine) -> None:
    from framing.ingest.text import document_as_is

    doc = spacy.blank("en")("Troops advanced.")
    with pytest.raises(ValueError, match=r"document\.text differs"):
        blank.score_doc(doc, document_as_is("Troops retreated."))


def test_the_factory_is_an_entry_point() -> None:
    (ep,) = entry_points(group="spacy_factories", name="framing")
    assert ep.load() is make_framing
    component = spacy.blank("en").add_pipe("framing")
    assert isinstance(component, FramingComponent)


@pytest.mark.parsed
def test_trained_pipeline_gives_the_parsed_engines_numbers(parsed: Engine) -> None:
    name = installed_trained_english()
    assert name is not None
    text = parsed.score_text(seed_path("004").read_text(encoding="utf-8")).text
    nlp = spacy.load(name, exclude=["lemmatizer"])
    # as the engine does: a paragraph break ends a sentence
    nlp.add_pipe("framing_paragraphs", before="parser")
    nlp.add_pipe("framing")
    score = nlp(text)._.framing
    assert score.pipeline["parsed"] is True and score.pipeline["name"] == parsed.pipeline.name
    expected = parsed.score_text(text, clean=False)
    assert same_metrics(score.metrics, expected.metrics)
    assert score.details["sources"] == expected.details["sources"]
    # without the parser the Doc has no parse (and no sentences): the rule-based path is used
    with nlp.select_pipes(disable=["parser"]):
        unparsed = nlp(text)._.framing
    assert unparsed.pipeline["parsed"] is False
    assert unparsed.metrics["sentences"] > 10


def test_initialize_builds_the_engine_and_the_pipeline_round_trips(tmp_path: Path) -> None:
    nlp = spacy.blank("en")
    component = nlp.add_pipe("framing", config={"span_key": "ev"})
    assert "engine" not in vars(component)  # nothing loaded by add_pipe
    nlp.initialize()
    assert "engine" in vars(component)
    nlp.to_disk(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline")
    assert loaded.pipe_names == ["framing"]
    doc = loaded("Refugees fled.")
    assert [s.label_ for s in doc.spans["ev"]] == ["frames:humanitarian"] * 2


def test_serialised_docs_keep_the_score_and_the_spans(nlp: Language, seed: ArticleScore) -> None:
    from spacy.tokens import Doc, DocBin

    doc = nlp(seed.text)
    restored = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert restored._.framing == doc._.framing
    assert same_metrics(restored._.framing.metrics, seed.metrics | {"boilerplate_share": 0.0})
    assert [(s.start, s.end, s.label_) for s in restored.spans[SPAN_KEY]] == [
        (s.start, s.end, s.label_) for s in doc.spans[SPAN_KEY]
    ]
    (binned,) = DocBin(docs=[doc], store_user_data=True).get_docs(nlp.vocab)
    assert binned._.framing.evidence == seed.evidence
    assert spacy.blank("en")("Not scored.")._.framing is None
