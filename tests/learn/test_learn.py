"""Frame models: a tiny corpus written for these tests trains, saves, loads and predicts the same
way every time; a changed, foreign or incompatible model file is refused; bad labels get one
clear line."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from sklearn.metrics import average_precision_score, roc_auc_score

from framing.errors import InputError
from framing.learn import store
from framing.learn.figures import average_precision, frame_figures, roc_auc
from framing.learn.labels import labelled_from_records, read_labelled, split_labels
from framing.learn.model import FrameModel, regex_sentences
from framing.learn.suggest import pick, suggest_indices, uncertainty

MILITARY = ["troops", "tanks", "artillery", "missiles", "soldiers", "the army", "drones"]
MONEY = ["prices", "inflation", "the central bank", "wages", "exports", "markets", "taxes"]
PLACES = ["Lindholm", "Varna", "Oskemen", "Tarsus", "Braga", "Kielce"]


def article(i: int, military: bool, money: bool) -> str:
    """A short made-up news item: military words for Security, money words for Economy."""
    place = PLACES[i % len(PLACES)]
    parts = [f"Reporters in {place} described a busy week for residents."]
    if military:
        a, b = MILITARY[i % 7], MILITARY[(i + 3) % 7]
        parts.append(f"Officials said {a} and {b} moved toward the border overnight.")
    if money:
        a, b = MONEY[i % 7], MONEY[(i + 2) % 7]
        parts.append(f"Analysts said {a} and {b} rose sharply this quarter.")
    parts.append(f"Local schools in {place} stayed open on Monday.")
    return " ".join(parts)


def corpus() -> list[dict[str, str]]:
    rows = []
    for i in range(24):
        military, money = i % 2 == 0, i % 3 == 0
        labels = [name for name, on in (("Security", military), ("Economy", money)) if on]
        rows.append(
            {
                "id": f"a{i:02d}",
                "text": article(i, military, money),
                "labels": ";".join(labels),
                "outlet": f"Outlet {i % 4}",
            }
        )
    return rows


@pytest.fixture(scope="module")
def labels_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("labels") / "coded.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in corpus()), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def trained(labels_file: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    from framing.api import train

    out = tmp_path_factory.mktemp("model") / "model.skops"
    model = train(labels_file, out=out, folds=3)
    return out, model


def test_training_learns_the_written_frames(trained: tuple[Path, FrameModel]) -> None:
    _, model = trained
    assert model.frames_ == ("Economy", "Security")
    for frame in model.frames_:
        cv = model.cv_[frame]
        assert cv["roc_auc"]["value"] > 0.9, (frame, cv)
        for name in ("roc_auc", "pr_auc", "f1", "brier", "base_rate"):
            f = cv[name]
            assert f["ci_low"] <= f["value"] <= f["ci_high"], (frame, name, f)
    assert model.cv_["Security"]["base_rate"]["value"] == 0.5
    p = model.predict_proba(["Troops and tanks moved to the border.", "Inflation and wages rose."])
    assert p[0, 1] > p[1, 1] and p[1, 0] > p[0, 0]


def test_training_is_deterministic_and_the_file_predicts_the_same(
    trained: tuple[Path, FrameModel], labels_file: Path
) -> None:
    path, model = trained
    again = FrameModel(frames=model.frames_, folds=3)
    data = read_labelled(labels_file)
    again.fit(data.texts, data.matrix())
    texts = [article(100 + i, i % 2 == 0, i % 3 == 0) for i in range(6)]
    assert np.array_equal(model.predict_proba(texts), again.predict_proba(texts))
    assert model.cv_ == again.cv_
    loaded = store.load(path)
    assert np.array_equal(loaded.predict_proba(texts), model.predict_proba(texts))
    card = loaded.card_
    assert card["frames"] == ["Economy", "Security"]
    assert card["training_data_sha256"] == data.data_hash
    assert card["lexicon_fingerprint"] and card["framing_version"] and card["created"]
    assert card["cv"]["Security"]["roc_auc"] == model.cv_["Security"]["roc_auc"]


def test_evidence_points_into_the_text(trained: tuple[Path, FrameModel]) -> None:
    _, model = trained
    text = "Reporters met residents. Troops and tanks moved to the border. Schools stayed open."
    (calls,) = model.explain([text])
    security = next(c for c in calls if c.frame == "Security")
    economy = next(c for c in calls if c.frame == "Economy")
    assert security.probability > 0.5 > economy.probability
    sentence = next(e for e in security.evidence if e.kind == "sentence")
    assert text[sentence.start : sentence.end] == "Troops and tanks moved to the border."
    terms = [e for e in security.evidence if e.kind == "term" and e.start is not None]
    for e in terms:  # a phrase's span runs from its first word to its last, stop words between
        found = text[e.start : e.end].lower()
        first, *_, last = [*e.text.split(), e.text.split()[-1]]
        assert found.startswith(first) and found.endswith(last), (e, found)
    assert terms
    assert all(e.weight > 0 for e in security.evidence)


def _rewrite(
    src: Path, dst: Path, change: dict[str, object] | None = None, member: str = ""
) -> None:
    """Copy a model file, flipping a bit of one ``member``, or changing card fields and
    recomputing the checksum (what a careful forger would do)."""
    with zipfile.ZipFile(src) as a:
        members = {n: a.read(n) for n in a.namelist()}
    info = json.loads(members.pop(store.CARD))
    if member:
        data = members[member]
        members[member] = data[:-2] + bytes([data[-2] ^ 1]) + data[-1:]
    with zipfile.ZipFile(dst, "w") as z:
        for name, data in members.items():
            z.writestr(name, data)
    with zipfile.ZipFile(dst, "a") as z:
        if change is not None:
            info.update(change)
            info["sha256"] = store._digest(z, info)
        z.writestr(store.CARD, json.dumps(info))


def test_a_changed_model_file_is_refused(trained: tuple[Path, FrameModel], tmp_path: Path) -> None:
    path, _ = trained
    payload = next(n for n in zipfile.ZipFile(path).namelist() if n.endswith(".npy"))
    bad = tmp_path / "changed.skops"
    _rewrite(path, bad, member=payload)
    with pytest.raises(InputError, match="changed after it was written"):
        store.load(bad)
    edited = tmp_path / "edited.skops"
    with zipfile.ZipFile(path) as a, zipfile.ZipFile(edited, "w") as b:
        for name in a.namelist():
            data = a.read(name)
            if name == store.CARD:
                info = json.loads(data)
                info["articles"] *= 100  # a flattering edit
                data = json.dumps(info).encode()
            b.writestr(name, data)
    with pytest.raises(InputError, match="changed after it was written"):
        store.load(edited)


def test_a_foreign_file_is_refused(tmp_path: Path) -> None:
    import skops.io as sio
    from sklearn.linear_model import LogisticRegression

    plain = tmp_path / "plain.skops"
    sio.dump(LogisticRegression(), plain)
    with pytest.raises(InputError, match="not a framing model file"):
        store.load(plain)
    text = tmp_path / "notes.skops"
    text.write_text("hello", encoding="utf-8")
    with pytest.raises(InputError, match="not a framing model file"):
        store.load(text)


class Stranger:
    """A type no model file may hold."""

    def __init__(self) -> None:
        self.x = 1


def test_untrusted_types_are_refused_even_with_a_valid_card(
    trained: tuple[Path, FrameModel], tmp_path: Path
) -> None:
    import skops.io as sio

    path, _ = trained
    with zipfile.ZipFile(path) as z:
        info = json.loads(z.read(store.CARD))
    forged = tmp_path / "forged.skops"
    sio.dump({"model": Stranger()}, forged)
    with zipfile.ZipFile(forged, "a") as z:
        info["sha256"] = store._digest(z, info)
        z.writestr(store.CARD, json.dumps(info))
    with pytest.raises(InputError, match=r"refusing types not on the trusted list.*Stranger"):
        store.load(forged)


def test_another_version_is_a_clear_error(trained: tuple[Path, FrameModel], tmp_path: Path) -> None:
    path, _ = trained
    old = tmp_path / "old.skops"
    _rewrite(path, old, {"framing_version": "9.9.0"})
    with pytest.raises(InputError, match=r"made with framing 9\.9\.0, incompatible"):
        store.load(old)
    other = tmp_path / "format.skops"
    _rewrite(path, other, {"format_version": 99})
    with pytest.raises(InputError, match="model format 99 is not supported"):
        store.load(other)


LEXICON = (
    '[lexicon]\nname = "mine"\nversion = "{version}"\n\n'
    '[categories.arms]\ncodebook = "arms"\nterms = ["{term}"]\n'
)


def test_other_lexicons_are_a_clear_error(labels_file: Path, tmp_path: Path) -> None:
    from framing.api import train

    lexicon = tmp_path / "mine.toml"
    lexicon.write_text(
        LEXICON.format(version="1.0.0", term="tanks"),
        encoding="utf-8",
    )
    out = tmp_path / "m.skops"
    train(labels_file, out=out, folds=2, lexicons=[lexicon], frames=["Security"])
    assert store.load(out).frames_ == ("Security",)
    lexicon.write_text(
        LEXICON.format(version="1.1.0", term="guns"),
        encoding="utf-8",
    )
    with pytest.raises(InputError, match=r"trained with other lexicons.*mine 1\.0\.0"):
        store.load(out)


def test_one_class_labels_are_a_clear_error() -> None:
    rows = [
        {"id": str(i), "text": f"Troops moved, day {i}.", "labels": "Security"} for i in range(6)
    ]
    data = labelled_from_records(rows, "coded.csv")
    with pytest.raises(InputError) as error:
        FrameModel(frames=data.frames, folds=2).fit(data.texts, data.matrix())
    message = str(error.value)
    assert "frame 'Security': 0 of 6 articles not coded" in message and "\n" not in message


def test_labels_of_a_folder_and_unions(tmp_path: Path) -> None:
    for i, row in enumerate(corpus()[:6]):
        (tmp_path / f"article{100 + i}.txt").write_text(row["text"], encoding="utf-8")
    lines = [f"{100 + i}\t{r['labels'].replace(';', ',')}" for i, r in enumerate(corpus()[:6])]
    labels = tmp_path / "labels.txt"
    labels.write_text("\n".join(lines) + "\n", encoding="utf-8")
    data = read_labelled(tmp_path, labels_file=labels, frames=["Any=Economy|Security", "Economy"])
    assert data.ids == tuple(str(100 + i) for i in range(6))
    assert data.frames == ("Any", "Economy")
    assert data.matrix()[:, 0].tolist() == [1, 0, 1, 1, 1, 0]
    with pytest.raises(InputError, match="Politics not among the coded frames"):
        data.select(["Politics"])


def test_figures_match_scikit_learn() -> None:
    rng = np.random.default_rng(3)
    for _ in range(50):
        y = rng.integers(0, 2, 30)
        s = np.round(rng.random(30), 1)  # ties on purpose
        assert roc_auc(y, s) == pytest.approx(roc_auc_score(y, s))
        assert average_precision(y, s) == pytest.approx(average_precision_score(y, s))
    f = frame_figures([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8], threshold=0.3)
    assert f["roc_auc"]["value"] == 0.75 and f["f1"]["value"] == 0.8


def test_suggestions_prefer_uncertain_and_different_articles() -> None:
    from scipy import sparse

    scores = np.array([0.9, 0.9, 0.8, 0.1])
    vectors = sparse.csr_matrix(np.array([[1.0, 0, 0], [1.0, 0, 0], [0, 1.0, 0], [0, 0, 1.0]]))
    assert pick(scores, vectors, 2) == [0, 2]  # not the copy of the first
    assert uncertainty(np.array([[0.5], [1.0]])).tolist() == [1.0, 0.0]


def test_suggest_picks_the_most_uncertain_then_something_else(
    trained: tuple[Path, FrameModel],
) -> None:
    _, model = trained
    texts = [article(200 + i, i % 2 == 0, i % 3 == 0) for i in range(6)]
    texts.append("Reporters in Varna described a quiet week; the schools stayed open.")
    u = uncertainty(model.predict_proba(texts))
    first = int(np.argmax(u))
    picks = suggest_indices(model, [*texts, texts[first]], 2)
    assert picks[0] == first
    assert picks[1] != len(texts)  # never the copy of the first pick


def test_regex_sentences_trim_the_spaces() -> None:
    text = "One. Two!  Three"
    assert [text[s:e] for s, e in regex_sentences(text)] == ["One.", "Two!", "Three"]


@given(
    st.lists(
        st.text(alphabet=st.characters(blacklist_characters=",;|"), min_size=1).filter(
            lambda s: s.strip() == s and s
        ),
        max_size=5,
    ),
    st.sampled_from([",", ";", "|", " , "]),
)
def test_a_labels_cell_reads_back_the_frames_written_into_it(names: list[str], sep: str) -> None:
    assert split_labels(sep.join(names), "cell") == frozenset(names)
    assert split_labels(names, "cell") == frozenset(names)
