"""Settings declared once: defaults → framing.toml → flags, unknown keys and bad types refused."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest

from framing import api
from framing.errors import ConfigError
from framing.settings import Settings, parse_settings, read_settings, setting_rows


def test_every_setting_has_a_type_a_default_and_help() -> None:
    rows = setting_rows()
    assert {"spacy_model", "lexicons", "jobs", "cache", "engine", "out"} <= set(rows)
    for row in rows.values():
        assert row.help.strip(), row.name
        assert row.base in (str, int, bool), row.name


def test_a_file_overrides_the_defaults_key_by_key() -> None:
    s = parse_settings('jobs = 2\nlexicons = ["a.toml", "b.dic"]\nrewrites = false')
    assert (s.jobs, s.lexicons, s.rewrites) == (2, ("a.toml", "b.dic"), False)
    assert s.spacy_model == Settings().spacy_model  # untouched keys keep their defaults


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("jbos = 2", "unknown setting 'jbos'; did you mean 'jobs'?"),
        ("colour = 'red'", "unknown setting 'colour' (valid: spacy_model,"),
        ("jobs = true", "jobs must be an integer, not True"),  # a bool is an int in Python
        ("jobs = 0", "jobs must be between 1 and 256"),
        ("jobs = '2'", "jobs must be an integer"),
        ("engine = 'spark'", "engine must be one of local, dask"),
        ("lexicons = 'a.toml'", "lexicons must be a list of strings"),
        ("lexicons = [1]", "lexicons must be a list of strings"),
        ("rewrites = 'no'", "rewrites must be true or false"),
        ("jobs = ", "not valid TOML"),
    ],
)
def test_bad_files_are_refused_with_the_file_named(text: str, message: str) -> None:
    with pytest.raises(ConfigError, match=r"^my\.toml: ") as info:
        parse_settings(text, "my.toml")
    assert message in str(info.value)


def test_no_file_in_the_folder_means_no_values(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert read_settings() == {}
    (tmp_path / "framing.toml").write_text("jobs = 3\n", encoding="utf-8")
    assert read_settings() == {"jobs": 3}
    with pytest.raises(ConfigError, match=r"missing\.toml: cannot read settings file"):
        read_settings(tmp_path / "missing.toml")


@pytest.mark.parametrize(
    "function",
    [api.score_text, api.score_path, api.score_paths, api.compare, api.stories, api.diff],
)
def test_the_library_defaults_are_the_declared_ones(function: object) -> None:
    """A keyword of the Python API named like a setting defaults to the setting's default."""
    rows = setting_rows()
    params = inspect.signature(function).parameters  # type: ignore[arg-type]
    shared = [p for p in params.values() if p.name in rows]
    assert shared, function
    for p in shared:
        default = rows[p.name].default
        assert p.default == default or (p.default is None and default == ()), p.name
