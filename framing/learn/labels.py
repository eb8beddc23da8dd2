"""A researcher's coded articles: texts, the frames each was coded with, and an optional group.

Three layouts are read:

- a CSV or JSON Lines file, one article a row, with the text in ``text_field`` and the frames in
  ``labels_field`` (a list, or one string separated by ``,`` ``;`` or ``|``; empty = no frame);
- a folder of article files and a labels file: CSV/JSONL rows with ``id`` and ``labels_field``,
  or tab-separated lines ``ID<TAB>FRAME,FRAME`` (SemEval-2023 Task 3's layout). An article file
  matches an id when its name without extension is the id, or ends with it
  (``article123.txt`` is article ``123``).

Texts go through the same cleaning as ``framing score`` (:mod:`framing.ingest`), so a model
sees at training what it will see when it scores.

``frames`` picks and names the frames to learn: ``"Political"``, or a union
``"Wellbeing=Quality_of_life|Health_and_safety"`` (positive when either was coded).

>>> rows = [{"id": "a", "text": "Troops moved.", "frames": "Security"},
...         {"id": "b", "text": "Parliament voted.", "frames": "Political;Security"}]
>>> data = labelled_from_records(rows, "mem", labels_field="frames")
>>> data.frames, data.matrix().tolist()
(('Political', 'Security'), [[0, 1], [1, 1]])
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from framing.errors import InputError
from framing.ingest import read_path
from framing.ingest.records import document_from_record

_SEPARATORS = re.compile(r"[,;|]")
_RECORD_SUFFIXES = (".csv", ".jsonl")


@dataclass(frozen=True)
class LabelledSet:
    """Coded articles in a fixed order: ``coded[i]`` is the set of frames of ``texts[i]``."""

    ids: tuple[str, ...]
    texts: tuple[str, ...]
    coded: tuple[frozenset[str], ...]
    frames: tuple[str, ...]
    groups: tuple[str, ...] | None = None

    def __len__(self) -> int:
        return len(self.texts)

    def matrix(self) -> npt.NDArray[np.int64]:
        """0/1 array of shape (articles, frames)."""
        return np.array(
            [[int(f in c) for f in self.frames] for c in self.coded], dtype=np.int64
        ).reshape(len(self.texts), len(self.frames))

    @property
    def data_hash(self) -> str:
        """SHA-256 of the texts and their labels, in order: which data a model was fitted on."""
        h = hashlib.sha256()
        for text, coded in zip(self.texts, self.coded, strict=True):
            h.update(hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest())
            h.update(("\x1f".join(sorted(coded)) + "\x1e").encode("utf-8"))
        return h.hexdigest()

    def select(self, frames: Sequence[str] | None) -> LabelledSet:
        """The same articles with the frames named by ``frames`` (see the module doc)."""
        if not frames:
            return self
        coded: list[set[str]] = [set() for _ in self.texts]
        names: list[str] = []
        known = set(self.frames)
        for spec in frames:
            name, _, members = spec.partition("=")
            parts = [m.strip() for m in (members or name).split("|") if m.strip()]
            name = name.strip()
            unknown = [p for p in parts if p not in known]
            if unknown or not name:
                raise InputError(
                    f"--frames: {', '.join(unknown) or repr(spec)} not among the coded frames; "
                    f"valid: {', '.join(self.frames)}"
                )
            if name in names:
                raise InputError(f"--frames names {name!r} twice")
            names.append(name)
            for i, c in enumerate(self.coded):
                if c & set(parts):
                    coded[i].add(name)
        return LabelledSet(
            self.ids, self.texts, tuple(frozenset(c) for c in coded), tuple(names), self.groups
        )


def split_labels(value: object, where: str) -> frozenset[str]:
    """The frames in one labels cell: a list, or a string with ``,`` ``;`` or ``|``."""
    if value is None:
        return frozenset()
    if isinstance(value, list):
        items = [str(v).strip() for v in value]
    elif isinstance(value, str):
        items = [p.strip() for p in _SEPARATORS.split(value)]
    else:
        raise InputError(f"{where}: labels must be a list or a string, not {value!r}")
    return frozenset(i for i in items if i)


def _field(record: Mapping[str, object], name: str) -> str | None:
    """The key of ``record`` that is ``name`` (case-insensitively), or None."""
    wanted = name.strip().casefold()
    return next((k for k in record if str(k).strip().casefold() == wanted), None)


def labelled_from_records(
    records: Iterable[Mapping[str, object]],
    source: str,
    *,
    text_field: str | None = None,
    labels_field: str = "labels",
    group_by: str | None = None,
) -> LabelledSet:
    """Coded articles from records in memory (what the CSV and JSONL readers give)."""
    ids: list[str] = []
    texts: list[str] = []
    coded: list[frozenset[str]] = []
    groups: list[str] = []
    for n, record in enumerate(records, start=1):
        where = f"{source}: record {n}"
        key = _field(record, labels_field)
        if key is None:
            present = ", ".join(sorted(str(k) for k in record)) or "none"
            raise InputError(f"{where} has no labels field {labels_field!r} (fields: {present})")
        doc = document_from_record(record, f"{source}#{n}", where, text_field=text_field)
        id_key = _field(record, "id")
        ids.append(str(record[id_key]) if id_key is not None else str(n))
        texts.append(doc.text)
        coded.append(split_labels(record[key], where))
        if group_by is not None:
            gkey = _field(record, group_by)
            if gkey is None or record[gkey] in (None, ""):
                raise InputError(f"{where} has no value for --group-by field {group_by!r}")
            groups.append(str(record[gkey]))
    if not texts:
        raise InputError(f"{source}: no coded articles")
    frames = tuple(sorted(set().union(*coded)))
    return LabelledSet(
        tuple(ids), tuple(texts), tuple(coded), frames, tuple(groups) if group_by else None
    )


def _records(path: Path) -> list[dict[str, object]]:
    try:
        raw = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read ({exc.__class__.__name__})") from exc
    if path.suffix.lower() == ".csv":
        csv.field_size_limit(sys.maxsize)
        return [dict(r) for r in csv.DictReader(raw.splitlines(keepends=True))]
    out = []
    for n, line in enumerate(raw.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}: line {n} is not JSON ({exc.msg})") from exc
        if not isinstance(record, dict):
            raise InputError(f"{path}: line {n} is not a JSON object")
        out.append(record)
    return out


def _label_lines(path: Path, labels_field: str) -> dict[str, frozenset[str]]:
    """id -> frames, from a CSV/JSONL labels file or ``ID<TAB>FRAMES`` lines."""
    if path.suffix.lower() in _RECORD_SUFFIXES:
        out: dict[str, frozenset[str]] = {}
        for n, record in enumerate(_records(path), start=1):
            id_key, key = _field(record, "id"), _field(record, labels_field)
            if id_key is None or key is None:
                raise InputError(f"{path}: record {n} needs 'id' and {labels_field!r}")
            out[str(record[id_key]).strip()] = split_labels(record[key], f"{path}: record {n}")
        return out
    out = {}
    for n, line in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), start=1):
        if not line.strip():
            continue
        article_id, sep, frames = line.partition("\t")
        if not sep:
            raise InputError(f"{path}:{n}: expected 'ID<TAB>FRAME,FRAME'")
        out[article_id.strip()] = split_labels(frames, f"{path}:{n}")
    return out


def _article_id(stem: str, ids: set[str]) -> str | None:
    if stem in ids:
        return stem
    digits = re.search(r"(\d+)$", stem)
    return digits.group(1) if digits and digits.group(1) in ids else None


def read_labelled(
    path: str | Path,
    *,
    text_field: str | None = None,
    labels_field: str = "labels",
    labels_file: str | Path | None = None,
    group_by: str | None = None,
    frames: Sequence[str] | None = None,
) -> LabelledSet:
    """The coded articles at ``path`` (a CSV/JSONL file, or a folder with ``labels_file``)."""
    p = Path(path)
    if p.is_dir():
        if labels_file is None:
            raise InputError(f"{p} is a folder: name the labels file with --labels-file")
        if group_by is not None:
            raise InputError("--group-by needs a CSV or JSONL file with the group in a field")
        labels = _label_lines(Path(labels_file), labels_field)
        found: dict[str, str] = {}
        for file in sorted(f for f in p.rglob("*") if f.is_file()):
            article_id = _article_id(file.stem, set(labels))
            if article_id is not None:
                found[article_id] = read_path(file)[0].text
        missing = sorted(set(labels) - set(found))
        if missing:
            raise InputError(
                f"{labels_file}: no article file in {p} for id(s) {', '.join(missing[:5])}"
            )
        order = sorted(found)
        coded = tuple(labels[i] for i in order)
        data = LabelledSet(
            tuple(order),
            tuple(found[i] for i in order),
            coded,
            tuple(sorted(set().union(*coded))),
        )
    elif p.suffix.lower() in _RECORD_SUFFIXES:
        data = labelled_from_records(
            _records(p), str(p), text_field=text_field, labels_field=labels_field, group_by=group_by
        )
    else:
        raise InputError(f"{p}: coded articles must be a .csv or .jsonl file, or a folder")
    return data.select(frames)
