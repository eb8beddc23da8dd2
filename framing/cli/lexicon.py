"""``framing lexicon …``: inspect, validate and try out lexicons (parse → one api call →
render, like every command)."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence

import click

from framing import api
from framing.cli import render
from framing.cli.options import option


@click.group()
def lexicon() -> None:
    """Inspect, validate and try out lexicons (TOML, or LIWC .dic/.dicx dictionaries)."""


@lexicon.command("list")
@option("lexicons")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
def lexicon_list(lexicons: Sequence[str], fmt: str) -> None:
    """List the built-in lexicons and the given ones: version, source, categories and sizes."""
    lexset = api.lexicons(lexicons)
    if fmt == "json":
        click.echo(json.dumps(api.describe_lexicons(lexset), indent=2, ensure_ascii=False))
    else:
        click.echo(render.lexicon_list(lexset), nl=False)


@lexicon.command("show")
@click.argument("name")
@option("lexicons")
def lexicon_show(name: str, lexicons: Sequence[str]) -> None:
    """Print the entries of NAME: LEXICON.CATEGORY, a category, or a whole LEXICON
    (weak terms start with ~)."""
    click.echo(render.lexicon_entries(api.lexicons(lexicons), name), nl=False)


@lexicon.command("validate")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
def lexicon_validate(files: Sequence[str]) -> None:
    """Check lexicon files (.toml, .dic, .dicx): FILE:LINE errors and warnings; exit status 1
    on any error."""
    results = api.validate_lexicons(files)
    render.render_validation(results)
    if any(v.error for v in results):
        sys.exit(1)


@lexicon.command("kwic")
@click.argument("category")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option(
    "--window",
    default=5,
    show_default=True,
    type=click.IntRange(0, 100),
    help="Words of context either side.",
)
@click.option("--limit", default=None, type=click.IntRange(1), help="Show at most N matches.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "csv", "jsonl"]),
    default="text",
    show_default=True,
)
@option("lexicons")
@option("spacy_model")
def lexicon_kwic(
    category: str,
    paths: Sequence[str],
    window: int,
    limit: int | None,
    fmt: str,
    lexicons: Sequence[str],
    spacy_model: str,
) -> None:
    """Keyword in context: every match of CATEGORY (LEXICON.CATEGORY) in the articles under
    PATH, with the words around it (source, left context, match, right context)."""
    lines, failures = api.kwic(
        category, paths, window=window, limit=limit, lexicons=lexicons, spacy_model=spacy_model
    )
    click.echo(render.kwic_text(lines, fmt), nl=False)
    render.render_failures(failures)


@lexicon.command("stats")
@click.argument("name")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@option("lexicons")
@option("spacy_model")
def lexicon_stats(
    name: str, paths: Sequence[str], fmt: str, lexicons: Sequence[str], spacy_model: str
) -> None:
    """How the categories of NAME (LEXICON.CATEGORY or LEXICON) behave on the articles under
    PATH: documents hit, hits per 1,000 words, top entries, entries never hit, and internal
    consistency (Cronbach's alpha on entry rates, KR-20 on presence)."""
    stats, failures = api.lexicon_stats(name, paths, lexicons=lexicons, spacy_model=spacy_model)
    click.echo(render.stats_text(stats, fmt), nl=False)
    render.render_failures(failures)
