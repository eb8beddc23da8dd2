"""The model file: a skops archive (never a bare pickle) plus a card saying what made it.

``save`` writes the model with :func:`skops.io.dump` and adds ``framing.json`` to the archive:
the framing, scikit-learn and skops versions, the date, the frames, the engine, the lexicon
fingerprint, the training data's hash, the cross-validated figures and a SHA-256 of every other
member of the archive. ``load`` refuses, with one line each:

- a file that is not a framing model (no card, or another format);
- a file changed after it was written, card included (checksum mismatch: a check against
  accidents and careless edits, not a signature);
- a model of another model format or framing version;
- any type outside :data:`TRUSTED` (skops never builds an object of a type not listed);
- a model whose lexicons differ from the ones this installation loads for it (its features
  would no longer mean what they meant when it was fitted).

Loading needs the ``model`` extra (``pip install 'framing-toolkit[model]'``).
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import importlib
import json
import zipfile
from pathlib import Path
from types import ModuleType
from typing import Any

from framing.about import __version__
from framing.errors import FramingError, InputError, MissingExtraError
from framing.learn.model import FrameModel
from framing.lexicon.load import load_lexicons
from framing.score import get_engine

FORMAT = "framing-frame-model"
#: Bumped when a model file's contents change meaning; other versions are refused.
FORMAT_VERSION = 1
CARD = "framing.json"

#: Every type a frame model file may hold beyond what skops trusts by default.
TRUSTED = (
    "framing.integrations.sklearn.FramingFeatures",
    "framing.learn.model.FrameModel",
    "sklearn.compose._column_transformer.ColumnTransformer",
    "sklearn.feature_extraction.text.TfidfTransformer",
    "sklearn.feature_extraction.text.TfidfVectorizer",
    "sklearn.impute._base.SimpleImputer",
    "sklearn.pipeline.Pipeline",
    "sklearn.preprocessing._data.StandardScaler",
    "builtins.slice",
    "numpy.dtype",
    "numpy.float64",
    "numpy.int64",
)


def _skops() -> ModuleType:
    try:
        sio = importlib.import_module("skops.io")
    except ImportError as exc:
        raise MissingExtraError(
            "frame models need skops: pip install 'framing-toolkit[model]'"
        ) from exc
    return sio


def _digest(archive: zipfile.ZipFile, info: dict[str, Any]) -> str:
    """SHA-256 over every member but the card, and the card without its own checksum."""
    h = hashlib.sha256()
    for name in sorted(n for n in archive.namelist() if n != CARD):
        h.update(name.encode("utf-8") + b"\0")
        h.update(hashlib.sha256(archive.read(name)).digest())
    rest = {k: v for k, v in info.items() if k != "sha256"}
    h.update(json.dumps(rest, sort_keys=True).encode("utf-8"))
    return h.hexdigest()


def _minor(version: str) -> str:
    return ".".join(version.split(".")[:2])


def card(model: FrameModel, data_hash: str, n_articles: int) -> dict[str, Any]:
    """What a model was made from and how well it did (the ``framing.json`` of its file)."""
    import sklearn

    engine = get_engine(model.spacy_model, tuple(model.lexicons))
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "framing_version": __version__,
        "sklearn_version": sklearn.__version__,
        "created": _dt.datetime.now(_dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "frames": list(model.frames_),
        "pipeline": f"{engine.pipeline.name}@{engine.pipeline.version}",
        "lexicon_fingerprint": engine.lexicon_set.fingerprint,
        "lexicons": engine.lexicon_set.versions,
        "training_data_sha256": data_hash,
        "articles": n_articles,
        "cv": model.cv_,
        "fitting": model.fitting_,
    }


def save(model: FrameModel, path: str | Path) -> Path:
    """Write ``model`` (with its ``card_``) to ``path``; returns the path."""
    sio = _skops()
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    sio.dump(model, tmp)
    with zipfile.ZipFile(tmp, "a") as archive:
        info = {k: v for k, v in model.card_.items() if k != "sha256"}
        info["sha256"] = _digest(archive, info)
        archive.writestr(CARD, json.dumps(info, indent=2, sort_keys=True))
    tmp.replace(out)
    return out


def read_card(path: str | Path) -> dict[str, Any]:
    """The card of a model file, after checking it is one and is unchanged."""
    p = Path(path)
    try:
        with zipfile.ZipFile(p) as archive:
            if CARD not in archive.namelist():
                raise InputError(f"{p}: not a framing model file (no {CARD} in it)")
            info: dict[str, Any] = json.loads(archive.read(CARD))
            if not isinstance(info, dict):
                raise InputError(f"{p}: not a framing model file (its {CARD} is not an object)")
            digest = _digest(archive, info)
    except (OSError, zipfile.BadZipFile, json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"{p}: not a framing model file ({exc.__class__.__name__})") from exc
    if info.get("format") != FORMAT:
        raise InputError(f"{p}: not a framing model file (format {info.get('format')!r})")
    if info.get("sha256") != digest:
        raise InputError(f"{p}: the model file was changed after it was written; refusing it")
    if info.get("format_version") != FORMAT_VERSION:
        raise InputError(
            f"{p}: model format {info.get('format_version')} is not supported by framing "
            f"{__version__} (format {FORMAT_VERSION}); retrain with `framing train`"
        )
    made = str(info.get("framing_version"))
    if _minor(made) != _minor(__version__):
        raise InputError(
            f"{p}: made with framing {made}, incompatible with framing {__version__}; "
            "retrain with `framing train`"
        )
    return info


def load(path: str | Path) -> FrameModel:
    """The model in ``path``, checked as the module doc says."""
    p = Path(path)
    info = read_card(p)
    sio = _skops()
    try:
        untrusted = [t for t in sio.get_untrusted_types(file=p) if t not in TRUSTED]
    except Exception as exc:  # skops raises assorted errors for a malformed archive
        raise InputError(f"{p}: not a readable model file ({exc.__class__.__name__})") from exc
    if untrusted:
        raise InputError(f"{p}: refusing types not on the trusted list: {', '.join(untrusted)}")
    model = sio.load(p, trusted=list(TRUSTED))
    if not isinstance(model, FrameModel):
        raise InputError(f"{p}: holds a {type(model).__name__}, not a frame model")
    try:  # read afresh, not from the per-process engine cache: the files may have changed
        lexicons = load_lexicons(list(model.lexicons))
    except FramingError as exc:
        raise InputError(f"{p}: the model's lexicons cannot be loaded ({exc})") from exc
    if lexicons.fingerprint != info.get("lexicon_fingerprint"):
        now = ", ".join(f"{k} {v}" for k, v in lexicons.versions.items())
        then = ", ".join(f"{k} {v}" for k, v in dict(info.get("lexicons") or {}).items())
        raise InputError(
            f"{p}: trained with other lexicons ({then}) than this installation loads for it "
            f"({now}); retrain with `framing train`"
        )
    model.card_ = info
    return model
