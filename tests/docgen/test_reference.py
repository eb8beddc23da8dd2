"""The reference generators: click trees (groups included) and docstrings to Markdown."""

from __future__ import annotations

import click

from framing.docgen.reference import (
    _escape,
    _repr,
    api_markdown,
    cli_markdown,
    docstring_markdown,
    signature,
)


@click.group()
def tool() -> None:
    """A tool."""


@tool.group()
def lexicon() -> None:
    """Work on lexicons."""


@lexicon.command()
@click.argument("path", type=click.Path())
@click.option("--strict/--lenient", default=True, show_default=True, help="Fail on warnings.")
@click.option("--secret", hidden=True)
def check(path: str, strict: bool, secret: str | None) -> None:
    """Check a lexicon file.

    \b
    framing lexicon check my.toml
      exits 1 on <errors>

    More text with a | pipe.\f
    Not shown: click cuts the help here.
    """


def test_nested_groups_get_their_subcommands_options_and_arguments() -> None:
    page = cli_markdown(tool, prog="tool")
    assert "### `tool lexicon` {#tool-lexicon}" in page
    assert "#### `tool lexicon check` {#tool-lexicon-check}" in page
    assert "[`tool lexicon check`](#tool-lexicon-check)" in page  # index table and group list
    assert "tool lexicon check [OPTIONS] PATH" in page
    assert "| `PATH` | path | yes |" in page
    assert "| `--strict / --lenient` | Fail on warnings. \\[default: strict\\] |" in page
    assert "--secret" not in page


def test_click_help_keeps_verbatim_blocks_escapes_html_and_stops_at_form_feed() -> None:
    page = cli_markdown(tool, prog="tool")
    assert "```text\nframing lexicon check my.toml\n  exits 1 on <errors>\n```" in page
    assert "More text with a | pipe." in page
    assert "Not shown" not in page


def test_escape_leaves_code_spans_alone() -> None:
    assert _escape("a <b> `c <d>` *e*", "*") == "a &lt;b> `c <d>` \\*e\\*"


def test_docstrings_lose_rst_markup_and_doctests_become_code_blocks() -> None:
    doc = """Use :func:`score_text` on ``text``.

    >>> 1 + 1
    2
    Then <this>.
    """
    assert docstring_markdown(doc) == (
        "Use `score_text` on `text`.\n\n```pycon\n>>> 1 + 1\n2\nThen <this>.\n```"
    )
    assert docstring_markdown(None) == ""


def test_signature_is_as_written_and_wraps_long_parameter_lists() -> None:
    def f(a: int, /, b: str = "x", *args: int, c: float | None = None, **kw: object) -> None:
        pass

    assert signature(f, "f") == (
        "f(a: int, /, b: str = 'x', *args: int, c: float | None = None, **kw: object) -> None"
    )

    def g(*, first_long_parameter_name: str, second_long_parameter: str = "abc") -> int:
        return 0

    assert signature(g, "a_long_function_name") == (
        "a_long_function_name(\n    *,\n    first_long_parameter_name: str,\n"
        "    second_long_parameter: str = 'abc',\n) -> int"
    )


def test_values_are_printed_the_same_on_every_run() -> None:
    assert _repr(frozenset({"b", "a", "c"})) == "frozenset({'a', 'b', 'c'})"
    assert _repr({"k": {"y", "x"}}) == "{'k': {'x', 'y'}}"
    assert "0x" not in api_markdown("framing.score")
