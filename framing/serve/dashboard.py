"""``framing dashboard``: a framing database in Datasette, with the metadata and charts of
:func:`framing.api.dashboard_metadata` (datasette-dashboards draws them with Vega-Lite files it
ships, so nothing is fetched from the network)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from framing import api
from framing.errors import InputError, ResourceMissingError


def require() -> None:
    """Datasette and datasette-dashboards, or a one-line install hint."""
    try:
        import datasette  # noqa: F401
        import datasette_dashboards  # noqa: F401
    except ImportError:
        raise ResourceMissingError(
            "framing dashboard needs Datasette and datasette-dashboards: "
            "pip install 'framing-toolkit[dashboard]'"
        ) from None


def datasette(db: str | Path) -> Any:
    """A Datasette instance over the SQLite file ``db`` (opened immutable, under its file
    name without suffix), its layout and views brought up to date first; ``.app()`` is the
    ASGI application."""
    require()
    from datasette.app import Datasette

    path = Path(db)
    if not path.is_file():
        raise InputError(
            f"{path}: no such database; run `framing compare PATHS --out FOLDER` first"
        )
    api.prepare_dashboard_database(path)
    return Datasette(
        immutables=[str(path)],
        metadata=api.dashboard_metadata(path.stem),
        settings={"sql_time_limit_ms": 5000},
    )


def run_dashboard(db: str | Path, host: str, port: int) -> None:
    """Serve the dashboard until interrupted."""
    import uvicorn

    uvicorn.run(datasette(db).app(), host=host, port=port, log_level="warning")
