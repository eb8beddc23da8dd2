"""``framing dashboard``: the seeds' database in Datasette with metadata and charts, through
Datasette's test client, and once in headless Chromium (a screenshot, charts drawn offline)."""

from __future__ import annotations

import asyncio
import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("datasette")
pytest.importorskip("datasette_dashboards")

from click.testing import CliRunner

from framing.api import compare
from framing.cli import cli
from framing.export.sql import VIEWS, write_database
from framing.serve.dashboard import datasette
from tests.conftest import SEEDS

DASHBOARD = "/-/dashboards/framing?metric=humanitarian_strategic_index"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("dashboard") / "framing.sqlite"
    write_database(compare([str(SEEDS)], spacy_model="blank"), f"sqlite:///{path}")
    return path


def get(ds: Any, path: str) -> Any:
    return asyncio.run(ds.client.get(path))


def test_the_dashboard_page_lists_its_charts(db: Path) -> None:
    ds = datasette(db)

    first = get(ds, "/-/dashboards/framing")
    assert first.status_code == 302 and first.headers["location"] == DASHBOARD
    page = get(ds, DASHBOARD)
    assert page.status_code == 200
    for title in ("Difference from the reference outlet", "per outlet and week", "Who covered"):
        assert title in page.text


def test_every_chart_query_returns_rows(db: Path) -> None:
    ds = datasette(db)
    charts = ds.metadata()["plugins"]["datasette-dashboards"]["framing"]["charts"]

    for name, chart in charts.items():
        sql = chart["query"].replace("[[ AND metric = :metric ]]", "AND metric = :metric")
        rows = get(ds, f"/{db.stem}.json?" + _qs(sql)).json()["rows"]
        assert rows, name


def _qs(sql: str) -> str:
    from urllib.parse import urlencode

    return urlencode({"sql": sql, "metric": "humanitarian_strategic_index", "_shape": "objects"})


def test_tables_and_views_carry_descriptions_and_units(db: Path) -> None:
    ds = datasette(db)

    page = get(ds, f"/{db.stem}/articles").text
    assert "One row per scored article" in page
    assert "[words]" in page  # a unit from the metric registry
    for view in VIEWS:
        assert get(ds, f"/{db.stem}/{view}.json").status_code == 200, view
    meta = get(ds, "/-/metadata.json").json()
    assert meta["databases"][db.stem]["tables"]["outlet_metrics"]["description"]


def test_a_missing_database_is_a_one_line_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["dashboard", str(tmp_path / "none.sqlite")])

    assert result.exit_code == 1
    assert "no such database" in result.output and "framing compare" in result.output


@pytest.fixture
def served(db: Path) -> Iterator[str]:
    """The dashboard on a free loopback port, in a thread of this process."""
    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(datasette(db).app(), host="127.0.0.1", port=port, log_level="error")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


def test_chromium_draws_the_charts_offline(
    loopback_browser: Any, served: str, tmp_path: Path
) -> None:
    browser = loopback_browser
    browser.get_log("browser")
    browser.get(served + DASHBOARD)
    drawn = "return document.querySelectorAll('{} canvas, {} svg').length"
    deadline = time.monotonic() + 20
    charts = ("#chart-differences", "#chart-coverage", "#chart-weekly")
    while time.monotonic() < deadline:
        counts = [browser.execute_script(drawn.format(c, c)) for c in charts]
        if all(counts):
            break
        time.sleep(0.2)
    assert all(counts), dict(zip(charts, counts, strict=True))
    # FRAMING_SCREENSHOT_DIR keeps the picture for a person to look at
    shot = Path(os.environ.get("FRAMING_SCREENSHOT_DIR") or tmp_path) / "dashboard.png"
    png = browser.get_screenshot_as_png()
    shot.write_bytes(png)
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 20_000
    severe = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert severe == []
