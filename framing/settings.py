"""Every run setting, declared once: name, default, type and help in one dataclass field.

Settings are layered: the defaults below, then an optional ``framing.toml`` (top-level keys,
named as here), then the command-line flags. The CLI builds its shared options from these
fields (:func:`setting_rows`), so a flag's help and default cannot drift from the file's.
Per-invocation output choices (``--format``, ``--explain``) are plain flags, not settings.

``framing.toml``::

    spacy_model = "blank"
    jobs = 2
    lexicons = ["lexicons/my_terms.toml"]
    formula_guard = true

An unknown key or a value of the wrong type is a :class:`~framing.errors.ConfigError` naming
the file and, for a misspelt key, the closest setting.

>>> from framing.settings import Settings, parse_settings
>>> parse_settings('jobs = 2\\nspacy_model = "blank"', "framing.toml").jobs
2
"""

from __future__ import annotations

import difflib
import tomllib
import typing
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from framing.errors import ConfigError

#: The settings file read from the current folder when ``--config`` is not given.
CONFIG_FILE = "framing.toml"


def setting(
    default: Any,
    help: str,
    *,
    choices: tuple[str, ...] = (),
    minimum: int | None = None,
    maximum: int | None = None,
    metavar: str | None = None,
) -> Any:
    """One setting: a dataclass field whose metadata carries its help and its valid values."""
    meta = {"help": help, "choices": choices, "minimum": minimum, "maximum": maximum}
    return field(default=default, metadata={**meta, "metavar": metavar})


@dataclass(frozen=True)
class Settings:
    """Resolved settings for one run (defaults → ``framing.toml`` → flags)."""

    spacy_model: str = setting(
        "auto",
        "'auto' (a trained English pipeline if installed, else blank), 'blank' (fast path) or "
        "an installed pipeline name.",
    )
    lexicons: tuple[str, ...] = setting(
        (),
        "A lexicon file (TOML, or a LIWC .dic/.dicx dictionary) that overrides or adds "
        "categories (repeatable).",
    )
    jobs: int = setting(
        1,
        "Worker processes for scoring (results are the same, in input order, for any N).",
        minimum=1,
        maximum=256,
    )
    cache: str | None = setting(
        None,
        "SQLite file of scores keyed by content, lexicons, pipeline and version: unchanged "
        "articles are not scored again (created if missing; default: no cache).",
    )
    engine: str = setting(
        "local",
        "Where scoring runs: 'local' (this process, or --jobs processes) or 'dask' (a "
        "LocalCluster of --jobs worker processes, or the cluster at --scheduler).",
        choices=("local", "dask"),
    )
    scheduler: str | None = setting(
        None,
        "With --engine dask: the address of a running Dask scheduler.",
        metavar="tcp://HOST:PORT",
    )
    partitioned_parquet: str | None = setting(
        None,
        "With --engine dask: the workers also write DIR/{articles,metrics_long,evidence}/"
        "part-NNNNN.parquet, one file per partition.",
    )
    text_field: str | None = setting(None, "Field holding the text in JSON/CSV input.")
    formula_guard: bool = setting(
        True,
        "CSV: cells starting with = + - @ get a leading ' so spreadsheets do not run them "
        "(--no-formula-guard keeps them as they are).",
    )
    reference: str | None = setting(
        None,
        "Outlet to compute deltas against (default: the manifest's 'original' outlet, when "
        "there is exactly one).",
    )
    out: str = setting("outputs", "Folder for tables, report and database.")
    metrics: tuple[str, ...] = setting(
        (),
        "Metrics or families to summarise, comma-separated or repeated (default: all).",
    )
    db: str | None = setting(
        None,
        "SQLAlchemy URL of the database sink (default: the SQLite file OUT/framing.sqlite; "
        "postgresql://… for a server).",
    )
    rewrites: bool = setting(
        True,
        "Find stories and rewrites (pairs, changes, conflicts); --no-rewrites skips them for "
        "archive-scale runs, where story clustering would hold every text and compare every "
        "pair in memory.",
    )
    model: str | None = setting(
        None,
        "A frame model file (`framing train --out`): adds each article's probability per "
        "frame, with the terms and sentence behind it, and per outlet the mean probability "
        "and share over the threshold.",
        metavar="MODEL.skops",
    )
    keep_going: bool = setting(
        False, "Exit 0 even when some inputs failed (they are still reported)."
    )
    language_check: str = setting(
        "on",
        "The measures are English: 'on' refuses text that is confidently in another language "
        "(naming it); 'off' scores it anyway. The detected language is recorded either way.",
        choices=("on", "off"),
    )
    fetch: bool = setting(
        False,
        "Read http(s) URLs given as PATH by downloading them (timeouts, a 10 MB limit, HTML or "
        "text only); off by default.",
    )
    progress_seconds: int = setting(
        10,
        "Off a terminal, print one progress line at most every N seconds (and one line per "
        "finished phase).",
        minimum=1,
        maximum=3600,
    )
    host: str = setting(
        "127.0.0.1",
        "framing serve: address to listen on (0.0.0.0 for every interface).",
    )
    port: int = setting(8000, "framing serve: port to listen on.", minimum=1, maximum=65535)
    workers: int = setting(
        1,
        "framing serve: worker processes, each with one scoring engine of its own.",
        minimum=1,
        maximum=64,
    )
    max_request_bytes: int = setting(
        2_000_000,
        "framing serve: largest request body accepted; a larger one gets 413.",
        minimum=1_000,
        maximum=100_000_000,
    )
    request_timeout: int = setting(
        30,
        "framing serve: seconds a request may take to score; a slower one gets 503.",
        minimum=1,
        maximum=3600,
    )


@dataclass(frozen=True)
class Setting:
    """A setting's declaration, read from its :class:`Settings` field."""

    name: str
    default: Any
    type: Any
    help: str
    choices: tuple[str, ...] = ()
    minimum: int | None = None
    maximum: int | None = None
    metavar: str | None = None

    @property
    def multiple(self) -> bool:
        return typing.get_origin(self.type) is tuple

    @property
    def base(self) -> type:
        """The value type without ``None``/``tuple``: str, int or bool."""
        args = [a for a in typing.get_args(self.type) if a is not type(None) and a is not Ellipsis]
        return args[0] if args else self.type


def setting_rows() -> dict[str, Setting]:
    """Every setting, in declaration order, by name."""
    hints = typing.get_type_hints(Settings)
    return {
        f.name: Setting(f.name, f.default, hints[f.name], **f.metadata) for f in fields(Settings)
    }


def _check(row: Setting, value: Any, where: str) -> Any:
    """``value`` from a settings file, converted to the setting's type, or a ConfigError."""
    if value is None or (row.multiple and isinstance(value, str)):
        raise ConfigError(f"{where}: {row.name} must be {_expected(row)}, not {value!r}")
    items = value if row.multiple and isinstance(value, list) else [value]
    if row.multiple and not isinstance(value, list):
        raise ConfigError(f"{where}: {row.name} must be {_expected(row)}, not {value!r}")
    for item in items:
        # bool is an int in Python: a TOML true must not pass for jobs = 1
        ok = isinstance(item, row.base) and not (row.base is int and isinstance(item, bool))
        if not ok:
            raise ConfigError(f"{where}: {row.name} must be {_expected(row)}, not {item!r}")
        if row.choices and item not in row.choices:
            raise ConfigError(
                f"{where}: {row.name} must be one of {', '.join(row.choices)}, not {item!r}"
            )
        if (row.minimum is not None and item < row.minimum) or (
            row.maximum is not None and item > row.maximum
        ):
            raise ConfigError(
                f"{where}: {row.name} must be between {row.minimum} and {row.maximum}, not {item!r}"
            )
    return tuple(items) if row.multiple else value


def _expected(row: Setting) -> str:
    name = {str: "a string", int: "an integer", bool: "true or false"}[row.base]
    return f"a list of {name.split(' ', 1)[1]}s" if row.multiple else name


def parse_settings(text: str, where: str = CONFIG_FILE, base: Settings | None = None) -> Settings:
    """Settings from the text of a ``framing.toml``, over ``base`` (default: the defaults)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{where}: not valid TOML ({exc})") from exc
    return replace(base or Settings(), **file_values(data, where))


def file_values(data: dict[str, Any], where: str) -> dict[str, Any]:
    """The settings a parsed ``framing.toml`` gives, checked; unknown keys are errors."""
    rows = setting_rows()
    out = {}
    for key, value in data.items():
        if key not in rows:
            close = difflib.get_close_matches(key, list(rows), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise ConfigError(f"{where}: unknown setting {key!r}{hint} (valid: {', '.join(rows)})")
        out[key] = _check(rows[key], value, where)
    return out


def read_settings(path: str | Path | None = None) -> dict[str, Any]:
    """The values of a settings file: ``path``, else ``framing.toml`` in the current folder
    when there is one (an empty dict when not). A named file that is missing is an error."""
    if path is None:
        if not Path(CONFIG_FILE).is_file():
            return {}
        path = CONFIG_FILE
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{p}: cannot read settings file ({exc.__class__.__name__})") from exc
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{p}: not valid TOML ({exc})") from exc
    return file_values(data, str(p))
