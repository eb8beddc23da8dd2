"""A folder of articles: which files to read, and which outlet each article belongs to.

Outlets come from, in order: a manifest (``manifest.csv`` / ``manifest.yaml`` in a folder,
mapping files to outlet, role, date, url, declared source), a sidecar ``NAME.json`` next to a
file ``NAME.txt``/``NAME.html``, the first folder below the given one (``DIR/<outlet>/…``),
then metadata found at ingest (HTML site name, a record's outlet field). An article with none of
these is attributed to ``unknown`` and reported, never guessed.
"""

from __future__ import annotations

import csv
import io
import json
import os
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from framing.errors import InputError

SUPPORTED = (".txt", ".md", ".html", ".htm", ".json", ".jsonl", ".csv", ".pdf", ".docx")
MANIFESTS = ("manifest.csv", "manifest.yaml", "manifest.yml")
ROLES = ("original", "rewrite", "related")
UNKNOWN = "unknown"
_FIELDS = ("outlet", "role", "date", "url", "declared_source", "title")


@dataclass(frozen=True)
class Placement:
    """What the folder says about one input file (all optional)."""

    outlet: str | None = None
    outlet_from: str = UNKNOWN
    role: str | None = None
    date: str | None = None
    url: str | None = None
    declared_source: str | None = None
    title: str | None = None


@dataclass(frozen=True)
class InputFile:
    path: Path
    label: str  # as shown in outputs: relative to the folder given
    placement: Placement


@dataclass(frozen=True)
class Failure:
    """Something reported and skipped: which one and why, in one line. ``kind`` says what was
    lost: a whole ``file``, one ``record`` of a file, one ``article`` (it could not be
    scored), or a ``sink`` (an output that could not be written)."""

    source: str
    reason: str
    kind: str = "file"


def _clean(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def read_manifest(path: Path) -> dict[str, Placement]:
    """Map file names (relative to the manifest's folder) to their placement."""
    try:
        raw = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read manifest ({exc.__class__.__name__})") from exc
    rows: list[dict[str, Any]]
    if path.suffix == ".csv":
        rows = list(csv.DictReader(io.StringIO(raw)))
    else:
        import yaml

        try:
            # BaseLoader keeps every scalar a string: an outlet called NO or On stays text
            data = yaml.load(raw, Loader=yaml.BaseLoader)
        except yaml.YAMLError as exc:
            raise InputError(f"{path}: invalid YAML manifest: {exc}") from exc
        if isinstance(data, dict) and "files" in data:
            data = data["files"]
        if isinstance(data, dict):
            data = [
                {"file": k, **(v if isinstance(v, dict) else {"outlet": v})}
                for k, v in data.items()
            ]
        if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
            raise InputError(f"{path}: a manifest is a list of entries with 'file' and 'outlet'")
        rows = data
    out: dict[str, Placement] = {}
    for n, row in enumerate(rows, start=2 if path.suffix == ".csv" else 1):
        name = _clean(row.get("file"))
        if name is None:
            raise InputError(f"{path}: entry {n} has no 'file'")
        role = _clean(row.get("role"))
        if role is not None and role not in ROLES:
            raise InputError(f"{path}: entry {n}: role {role!r} is not one of {', '.join(ROLES)}")
        vals = {f: _clean(row.get(f)) for f in _FIELDS}
        out[name] = Placement(outlet_from="manifest" if vals["outlet"] else UNKNOWN, **vals)
    return out


def _sidecar(path: Path) -> Placement | None:
    side = path.with_suffix(".json")
    if path.suffix == ".json" or not side.is_file():
        return None
    try:
        data = json.loads(side.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"{side}: invalid sidecar JSON ({exc.__class__.__name__})") from exc
    if not isinstance(data, dict):
        raise InputError(f"{side}: a sidecar is a JSON object")
    vals = {f: _clean(data.get(f)) for f in _FIELDS}
    return Placement(outlet_from="sidecar" if vals["outlet"] else UNKNOWN, **vals)


def _is_sidecar(path: Path) -> bool:
    if path.suffix != ".json":
        return False
    return any(path.with_suffix(ext).is_file() for ext in SUPPORTED if ext != ".json")


def _merge(*layers: Placement | None) -> Placement:
    """Earlier layers win field by field; ``outlet_from`` follows the outlet."""
    result = Placement()
    for layer in reversed([x for x in layers if x is not None]):
        changes = {f: getattr(layer, f) for f in _FIELDS if getattr(layer, f) is not None}
        if "outlet" in changes:
            changes["outlet_from"] = layer.outlet_from
        result = replace(result, **changes)
    return result


#: A folder holding this file is a framing output folder (:mod:`framing.export.outputs`):
#: its tables are never read back as articles.
OUTPUT_MARKER = ".framing-output"


def is_output_folder(folder: Path) -> bool:
    """True for a folder ``framing compare`` wrote into (its marker, or the data package of an
    older version)."""
    if (folder / OUTPUT_MARKER).is_file():
        return True
    package = folder / "datapackage.json"
    try:
        with open(package, "rb") as fh:
            return package.is_file() and b'"framing-compare"' in fh.read(4096)
    except OSError:
        return False


def discover(
    paths: Sequence[str | Path], *, exclude: Sequence[str | Path] = ()
) -> Iterator[InputFile | Failure]:
    """Every input file under ``paths`` (recursively, sorted), with its placement.

    Manifests and sidecars are read, not scored. Problems with one file are yielded as a
    :class:`Failure` so a batch can go on. Inputs never leave the folders given: a symbolic
    link to anything outside is reported and skipped, as is a link looping back to a folder
    above it; special files (FIFOs, devices) are refused; output folders (``exclude``, and any
    folder ``framing compare`` wrote into) and the paths in ``exclude`` (database files) are
    never read.
    """
    skip = {Path(p).resolve() for p in exclude}
    for given in paths:
        root = Path(given)
        if not root.exists():
            yield Failure(
                str(given),
                "broken symbolic link" if root.is_symlink() else "no such file or directory",
            )
            continue
        if root.is_dir():
            files, problems = _walk(root, skip)
            base = root
            yield from problems
        elif root.is_file():
            if root.resolve() in skip:
                continue
            files, base = [root], root.parent
        else:
            yield Failure(str(given), "not a regular file (a FIFO, device or socket); refused")
            continue
        manifests: dict[Path, dict[str, Placement]] = {}
        for f in files:
            if f.name in MANIFESTS or f.suffix.lower() not in SUPPORTED or _is_sidecar(f):
                continue
            if any(part.startswith(".") for part in f.relative_to(base).parts):
                continue  # hidden files and folders (.git, .cache)
            try:
                yield InputFile(f, _label(f, base, root), _placement(f, base, root, manifests))
            except InputError as exc:
                yield Failure(_label(f, base, root), str(exc))


def _walk(root: Path, skip: set[Path]) -> tuple[list[Path], list[Failure]]:
    """The regular files under ``root`` (sorted) and what was refused on the way."""
    real_root = root.resolve()
    files: list[Path] = []
    problems: list[Failure] = []
    seen = {real_root}

    def inside(target: Path) -> bool:
        return target == real_root or real_root in target.parents

    def refuse(path: Path, reason: str) -> None:
        problems.append(Failure(_label(path, root, root), reason))

    stack = [root]
    while stack:
        folder = stack.pop()
        if folder.resolve() in skip or is_output_folder(folder):
            continue  # an output folder: its tables are results, not articles
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            refuse(folder, f"cannot list folder ({exc.strerror or exc})")
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue  # hidden files and folders (.git, .cache, staging folders)
            path = Path(entry.path)
            wanted = path.suffix.lower() in SUPPORTED
            try:
                if entry.is_symlink():
                    target = path.resolve()
                    if not target.exists():
                        if wanted:
                            refuse(path, "broken symbolic link; skipped")
                        continue
                    is_dir = target.is_dir()
                    if not is_dir and not wanted:
                        continue
                    if not inside(target):
                        refuse(path, f"symbolic link to {target}, outside {root}; skipped")
                        continue
                    if is_dir:
                        if target in seen or target in path.parent.resolve().parents:
                            refuse(path, f"symbolic link loop (to {target}); skipped")
                        else:
                            seen.add(target)
                            stack.append(path)
                        continue
                elif entry.is_dir(follow_symlinks=False):
                    seen.add(path.resolve())
                    stack.append(path)
                    continue
                if not wanted:
                    continue
                if not stat.S_ISREG(entry.stat().st_mode):
                    refuse(path, "not a regular file (a FIFO, device or socket); refused")
                    continue
                if path.resolve() in skip:
                    continue
            except OSError as exc:
                refuse(path, f"cannot be read ({exc.strerror or exc})")
                continue
            files.append(path)
    return sorted(files), sorted(problems, key=lambda f: f.source)


def _label(f: Path, base: Path, root: Path) -> str:
    return str(f if root.is_file() else Path(root.name) / f.relative_to(base))


def _placement(
    f: Path, base: Path, root: Path, cache: dict[Path, dict[str, Placement]]
) -> Placement:
    manifest: Placement | None = None
    for folder in [f.parent, *f.parent.parents]:
        if folder not in cache:
            found = next((folder / m for m in MANIFESTS if (folder / m).is_file()), None)
            cache[folder] = read_manifest(found) if found else {}
        entry = cache[folder].get(f.relative_to(folder).as_posix())
        if entry is not None:
            manifest = entry
            break
        if folder == base:
            break
    folder_outlet = None
    if root.is_dir():
        rel = f.relative_to(base).parts
        if len(rel) > 1:
            folder_outlet = Placement(outlet=rel[0], outlet_from="folder")
    return _merge(manifest, _sidecar(f), folder_outlet)
