"""Click options built from the declared settings (:mod:`framing.settings`): a flag's name,
default, type and help come from its setting, so the CLI, ``framing.toml`` and the docs agree.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from framing.settings import Setting, setting_rows

F = TypeVar("F", bound=Callable[..., Any])

#: Click types for settings that name files or folders (the setting itself is a string).
_PATHS: dict[str, click.Path] = {
    "lexicons": click.Path(dir_okay=False),
    "cache": click.Path(dir_okay=False),
    "out": click.Path(file_okay=False),
    "partitioned_parquet": click.Path(file_okay=False),
    "model": click.Path(dir_okay=False, exists=True),
}
#: Short flags and flag names that differ from the setting's name.
_FLAGS: dict[str, tuple[str, ...]] = {
    "jobs": ("--jobs", "-j"),
    "lexicons": ("--lexicon",),
}


def _click_type(row: Setting) -> Any:
    if row.name in _PATHS:
        return _PATHS[row.name]
    if row.choices:
        return click.Choice(list(row.choices))
    if row.base is int:
        return click.IntRange(row.minimum, row.maximum)
    return None


def option(name: str) -> Callable[[F], F]:
    """The click option of setting ``name``: ``--name`` (``--name/--no-name`` for a switch)."""
    row = setting_rows()[name]
    flag = "--" + name.replace("_", "-")
    decls = _FLAGS.get(name, (flag,))
    kw: dict[str, Any] = {"default": row.default, "help": row.help}
    if row.base is bool:
        decls = (f"{flag}/--no-{flag[2:]}",)
        kw["show_default"] = False
    else:
        kw["type"] = _click_type(row)
        kw["show_default"] = row.default not in (None, ())
        kw["multiple"] = row.multiple
        kw["metavar"] = row.metavar
    return click.option(*decls, name, **kw)


def settings_defaults(command: click.Command, values: dict[str, Any]) -> dict[str, Any]:
    """A click ``default_map`` for ``command`` (and its subcommands) from settings-file
    values: each command gets the settings it has a parameter for."""
    out: dict[str, Any] = {p.name: values[p.name] for p in command.params if p.name in values}
    if isinstance(command, click.Group):
        for sub_name, sub in command.commands.items():
            sub_map = settings_defaults(sub, values)
            if sub_map:
                out[sub_name] = sub_map
    return out
