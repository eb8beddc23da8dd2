"""The wheel carries the lexicons (as ``framing.lexicons``), the report's stylesheet and the
``py.typed`` marker.

The build runs on a copy of the sources, so no ``build/`` or ``*.egg-info`` lands in the
checkout. It uses an isolated build environment: the project's venv need not hold the build
requirements (``setuptools>=68`` and ``wheel``); pip takes them from the configured index.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from framing.lexicon.load import BUILTIN
from tests.conftest import ROOT

SOURCES = ("framing", "lexicons", "pyproject.toml", "README.md")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("build")
    src = tmp_path_factory.mktemp("src")
    out = tmp_path_factory.mktemp("dist")
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in SOURCES:
        path = ROOT / name
        if path.is_dir():
            shutil.copytree(path, src / name, ignore=ignore)
        else:
            shutil.copy2(path, src / name)
    result = subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(out), str(src)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    if result.returncode != 0 and "No matching distribution" in result.stdout + result.stderr:
        pytest.skip("the build requirements (setuptools>=68, wheel) are not available offline")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    (path,) = out.glob("*.whl")
    return path


@pytest.fixture(scope="module")
def wheel_names(wheel: Path) -> list[str]:
    with zipfile.ZipFile(wheel) as zf:
        return zf.namelist()


@pytest.mark.parametrize("name", BUILTIN)
def test_wheel_ships_the_builtin_lexicons(wheel_names: list[str], name: str) -> None:
    assert f"framing/lexicons/{name}.toml" in wheel_names


def test_wheel_ships_the_lexicons_package_and_type_marker(wheel_names: list[str]) -> None:
    assert "framing/lexicons/__init__.py" in wheel_names
    assert "framing/py.typed" in wheel_names


def test_wheel_ships_the_report_stylesheet(wheel_names: list[str]) -> None:
    assert "framing/export/report/report.css" in wheel_names


def test_wheel_holds_only_the_package(wheel_names: list[str]) -> None:
    tops = {n.split("/")[0] for n in wheel_names}
    assert {t for t in tops if not t.endswith(".dist-info")} == {"framing"}
    assert not any(n.startswith(("lexicons/", "tests/", "seeds/")) for n in wheel_names)
    assert not any("__pycache__" in n for n in wheel_names)


def test_wheel_declares_the_console_script(wheel: Path, wheel_names: list[str]) -> None:
    (entry_points,) = [n for n in wheel_names if n.endswith(".dist-info/entry_points.txt")]
    with zipfile.ZipFile(wheel) as zf:
        text = zf.read(entry_points).decode("utf-8")
    assert "framing = framing.cli:main" in text
