"""Where the human-coded corpora live and how they are cited.

The corpora are never copied into the repository: they are read from ``../shared/eval/`` next to
the repository root, or from the folder named by the ``FRAMING_EVAL_DIR`` environment variable.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from framing.errors import ResourceMissingError
from framing.evaluate.results import Dataset

ENV_VAR = "FRAMING_EVAL_DIR"
#: The repository root of a source checkout (``framing/evaluate/data.py`` -> three levels up).
REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_EVAL_DIR = REPO_ROOT.parent / "shared" / "eval"
#: The hand-labelled named/anonymous sentences (written for this project, not corpus text).
SOURCES_FIXTURE = REPO_ROOT / "tests" / "fixtures" / "sources_labelled.jsonl"


class CorpusMissingError(ResourceMissingError):
    """An evaluation corpus is not where it should be; the feature's validation is skipped."""


def eval_dir(override: str | Path | None = None) -> Path:
    """The corpora folder: ``override``, else ``$FRAMING_EVAL_DIR``, else ``../shared/eval``."""
    if override:
        return Path(override)
    env = os.environ.get(ENV_VAR)
    return Path(env) if env else DEFAULT_EVAL_DIR


def require(path: Path, what: str) -> Path:
    """``path`` if it exists, else :class:`CorpusMissingError` naming it and the override."""
    if not path.exists():
        raise CorpusMissingError(
            f"{what} not found at {path} (set {ENV_VAR} to the folder holding the corpora)"
        )
    return path


_BULLET = re.compile(r"^- (\w[\w ]*):\s*(.*)$")


def read_dataset(folder: Path, key: str) -> Dataset:
    """The title, citation, origin and licence lines of ``folder/SOURCE.md`` (continuation
    lines joined); the folder name alone if the file is missing."""
    path = folder / "SOURCE.md"
    if not path.exists():
        return Dataset(key=key, citation=key)
    fields: dict[str, str] = {}
    current = name = ""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# ") and not name:
            name = line[2:].strip()
        m = _BULLET.match(line)
        if m:
            current = m.group(1).lower()
            fields[current] = m.group(2).strip()
        elif current and line.startswith((" ", "\t")) and line.strip():
            fields[current] += " " + line.strip()
        else:
            current = ""
    return Dataset(
        key=key,
        citation=fields.get("paper", key),
        name=name,
        origin=fields.get("origin", ""),
        license=fields.get("license", ""),
    )
