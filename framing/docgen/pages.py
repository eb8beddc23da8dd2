"""Documentation and schemas generated from the code (never written by hand).

``python -m framing.docgen`` writes every generated file: the metric index and one page per
metric (from the metric registry, each with a worked example scored by the real engine), the
output tables, the JSON Schema, the CLI reference (from the click tree), the Python API
reference (from docstrings) and ``mkdocs.yml`` with its navigation. ``--check`` only reports
stale files; ``tests/docgen/test_pages.py`` fails on any.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from framing.features import families, metrics
from framing.features.registry import Family, Metric
from framing.schema import SCHEMA_VERSION, _range, article_schema_json, metrics_markdown

if TYPE_CHECKING:
    from framing.evidence import Evidence
    from framing.score import ArticleScore


def tables_markdown() -> str:
    """docs/tables.md: every table `framing compare` writes, column by column."""
    from framing.export.tables import all_tables

    out = [
        "# Output tables",
        "",
        "Generated from `framing/export/tables.py` (`python -m framing.docgen`); "
        "do not edit by hand.",
        f"Schema version `{SCHEMA_VERSION}`. `framing compare` writes each table as CSV and "
        "Parquet (evidence also as JSON Lines) into `--out`, describes them in "
        "`datapackage.json` (Frictionless Data Package), and loads them into the database sink "
        "(SQL names: `articles`, `outlet_summaries`, `metrics`, `evidence`, plus `runs`). "
        "Missing values are empty CSV cells, Parquet/JSON nulls and SQL NULLs.",
        "",
        "CSV text cells that start with `=`, `+`, `-` or `@` get a leading `'` so spreadsheet "
        "programs do not run them as formulas; `--no-formula-guard` writes them as they are.",
        "",
    ]
    for spec in all_tables():
        out += [
            f"## `{spec.name}`",
            "",
            spec.description,
            "",
            f"Key: {', '.join(f'`{k}`' for k in spec.primary_key)}.",
            "",
            "| column | type | unit | description |",
            "|---|---|---|---|",
        ]
        for col in spec.columns:
            req = "" if col.nullable else " (required)"
            desc = col.description.replace("|", "\\|")
            out.append(f"| `{col.name}` | {col.type}{req} | {col.unit or ''} | {desc} |")
        out.append("")
    return "\n".join(out + database_markdown())


def database_markdown() -> list[str]:
    """The database's own tables, keys, migrations and views (for docs/tables.md)."""
    from framing.export.dashboard import datasette_metadata
    from framing.export.sql import DB_VERSION, RUN_ARTICLES, RUNS, STORIES, VIEWS, sql_tables

    out = [
        "# The database",
        "",
        "`framing compare` also writes every table above into a database (`--db`; default the "
        "SQLite file `OUT/framing.sqlite`, or PostgreSQL with `postgresql://…`), under the SQL "
        "names `articles`, `outlet_summaries`, `metrics` (= `metrics_long`), `evidence`, "
        "`pairs`, `changes` and `conflicts`, beside the tables below. SQLite and PostgreSQL "
        "get the same layout from the same code (`framing/export/sql.py`, SQLAlchemy metadata).",
        "",
        "- **Keys.** Articles, metrics and evidence are keyed by content (`article_id`, "
        "`outlet`, `lexicon_hash`, `pipeline`, `tool_version`): a second run with another "
        "pipeline or lexicon version adds rows beside the old ones, and the same run again adds "
        "nothing. Everything that depends on which articles were compared is keyed by "
        "`run_id`. **Count articles in `article_scores` or the views, never in `articles`.**",
        "- **Foreign keys** tie `run_articles`, `stories`, `outlet_summaries`, `pairs`, "
        "`changes` and `conflicts` to `runs`, `metrics`, `evidence` and `run_articles` to "
        "`articles`, and `run_articles` to `stories` (SQLite enforces them on framing's "
        "connections).",
        "- **Dates are typed**: `articles.date` is a `DATE` (empty when the input's date is not "
        "ISO `YYYY-MM-DD`; the value as given is in `date_as_given`), `runs.created_at` a "
        "timestamp (UTC).",
        "- **Stories.** A story id belongs to a run (clustering depends on the corpus "
        "compared): `run_articles.story_id` / `event_id` place each article in that run, "
        "`stories` lists the run's stories, and `article_scores` carries both from the latest "
        "run.",
        f"- **Migrations.** `framing_schema` records the layout version ({DB_VERSION}), the "
        "output schema version, a fingerprint of the views and what each migration did. "
        "Opening a database written by an older framing adds the columns it lacks when they may "
        "be empty (a newer metric: old rows keep NULL there), converts text dates of layout 1, "
        "and rebuilds the views; a missing key column is refused with a one-line error.",
        "",
    ]
    tables = {t.spec.name: t for t in sql_tables()}
    for spec in (RUNS, STORIES, RUN_ARTICLES):
        refs = tables[spec.name].references
        out += [f"## `{spec.name}`", "", spec.description, ""]
        out.append(f"Key: {', '.join(f'`{k}`' for k in spec.primary_key)}.")
        if refs:
            out.append(
                "References: "
                + "; ".join(f"({', '.join(cols)}) → `{target}`" for cols, target in refs)
                + "."
            )
        out += ["", "| column | type | description |", "|---|---|---|"]
        for col in spec.columns:
            req = "" if col.nullable else " (required)"
            out.append(f"| `{col.name}` | {col.type}{req} | {col.description} |")
        out.append("")
    meta = datasette_metadata("framing")["databases"]["framing"]["tables"]
    out += [
        "# Views",
        "",
        "What dashboard tools (Datasette, Metabase, Superset, Grafana) read directly; "
        "`framing dashboard` charts them. Plain SQL views, the same on SQLite and PostgreSQL "
        "(only the week start is computed per dialect). The latest run is the one written last "
        "(`runs.created_at`, then `run_id`).",
        "",
    ]
    for name, description in VIEWS.items():
        out += [f"## `{name}`", "", description, ""]
        columns = meta[name]["columns"]
        if name == "outlet_metrics":
            first = ("outlet", "lexicon_hash", "n_articles", "first_date", "last_date")
            columns = {
                **{c: columns[c] for c in first},
                "(metric)": "One column per registered metric, as in `articles`: the mean "
                "over the outlet's articles.",
            }
        if columns:
            out += ["| column | description |", "|---|---|"]
            out += [f"| `{c}` | {d} |" for c, d in columns.items()]
            out.append("")
    return out


#: Scored on the blank pipeline for every metric page's worked example (an invented story).
EXAMPLE_TEXT = (
    "Ukrainian forces captured two North Korean soldiers near the border, officials said on "
    "Friday. One of the men was reportedly wounded and may need surgery, according to a "
    "military source.\n\n"
    '"We will treat them as prisoners of war, and they could be allowed to seek asylum," said '
    "Mira Holt, a spokeswoman for the defence ministry. Critics in Seoul clearly accused the "
    "government of ignoring the refugees' suffering. Analysts believe the troop deployment "
    "could strengthen the alliance.\n"
)


EXAMPLE_PATH = "docs/example.txt"


EXAMPLE_PIPELINE = "blank"


@cache
def example_score() -> ArticleScore:
    """The worked example, scored once by the real engine on the blank pipeline."""
    from framing.score import get_engine

    return get_engine(EXAMPLE_PIPELINE).score_text(EXAMPLE_TEXT, "example.txt")


def _value(v: float | int) -> str:
    if isinstance(v, float) and math.isnan(v):
        return "null (no data)"
    return str(v) if isinstance(v, int) else f"{v:.4g}"


def _tokens_in(name: str, metric_name: str) -> bool:
    """Whether a category name (or its plural) is a run of ``_``-separated words of a metric."""
    words = f"_{metric_name}_"
    return any(f"_{form}_" in words for form in (name, name + "s"))


def _lexicon_categories(fam: Family) -> list[tuple[str, str, list[tuple[str, int]]]]:
    """(lexicon, version, [(category, terms)]) for each lexicon the family requires, as the
    example's engine loaded it."""
    from framing.score import get_engine

    compiled = get_engine(EXAMPLE_PIPELINE).resources.lexicons
    lexicons = {name: c.lexicon for name, c in compiled.items()}
    out = []
    for req in fam.requires:
        kind, _, name = req.partition(":")
        if kind == "lexicon" and name in lexicons:
            lex = lexicons[name]
            out.append((name, lex.version, [(c.name, c.size) for c in lex.categories.values()]))
    return out


def _evidence_for(m: Metric, evidence: list[Evidence]) -> tuple[list[Evidence], str]:
    """The family's evidence of the categories the metric names, or all of it if it names none."""
    cats = sorted({e.category for e in evidence})
    named = [c for c in cats if _tokens_in(c.rpartition(":")[2], m.name)]
    if not named:
        return evidence, "all categories of the family"
    label = "categories named in the metric: " + ", ".join(f"`{c}`" for c in named)
    return [e for e in evidence if e.category in named], label


def _marked_sentences(score: ArticleScore, spans: list[tuple[int, int]]) -> list[str]:
    """Each sentence as a table cell, the given character spans (merged) in ``<mark>``."""
    merged: list[list[int]] = []
    for a, b in sorted(spans):
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    cells = []
    for start, end in score.sentences:
        parts, pos = [], start
        for a, b in merged:
            a, b = max(a, start), min(b, end)
            if a >= b:
                continue
            parts += [_md_escape(score.text[pos:a]), f"<mark>{_md_escape(score.text[a:b])}</mark>"]
            pos = b
        parts.append(_md_escape(score.text[pos:end]))
        cells.append(re.sub(r"\s+", " ", "".join(parts)).strip())
    return cells


def metric_page(name: str) -> str:
    """docs/metrics/NAME.md: the registry entry and a worked example with its evidence."""
    fam = next(f for f in families() if any(m.name == name for m in f.metrics))
    m = next(m for m in fam.metrics if m.name == name)
    score = example_score()
    out = [
        f"# `{m.name}`",
        "",
        "Generated from the metric registry and a run of the engine (`python -m framing.docgen`); "
        "do not edit by hand.",
        "",
        m.definition,
        "",
        "| field | value |",
        "|---|---|",
        f"| family | [{fam.title}](../metrics.md#{fam.name}) (`{fam.name}`) |",
        f"| unit | {m.unit} |",
        f"| type | {m.dtype} |",
        f"| range | {_range(m)} |",
        f"| direction | {m.direction} |",
        f"| citation | {(m.citation or fam.citation or '—').replace('|', '/')} |",
        f"| column | `{m.name}` in `articles.csv`; `metrics.{m.name}` in `--format json` |",
        "",
        "Missing values (no data, e.g. a rate over zero sentences) are `null` in JSON and empty "
        "in CSV; counts of an empty text are 0.",
        "",
        "## What feeds it",
        "",
        f"The `{fam.name}` family: {fam.description}",
        "",
    ]
    lexicons = _lexicon_categories(fam)
    if not lexicons:
        out += ["No lexicon: the value is computed from the text itself.", ""]
    for lex, version, cats in lexicons:
        named = [c for c in cats if _tokens_in(c[0], m.name)]
        listed = ", ".join(f"`{c}` ({n} terms)" for c, n in (named or cats))
        which = "category" if len(named) == 1 else "categories"
        scope = "" if named else " (all of them)"
        out += [f"- lexicon `{lex}` {version}, {which}{scope}: {listed}", ""]
    family_evidence = [e for e in score.evidence if e.family == fam.name]
    shown, which = _evidence_for(m, family_evidence)
    marked = _marked_sentences(score, [(e.start, e.end) for e in shown])
    out += [
        "## Worked example",
        "",
        f"This invented story ([`example.txt`](../example.txt)), scored with the "
        f"`{EXAMPLE_PIPELINE}` pipeline, sentence by sentence"
        + (", with the evidence below marked:" if shown else ":"),
        "",
        "| sentence | text |",
        "|---:|---|",
        *(f"| {k} | {cell} |" for k, cell in enumerate(marked)),
        "",
        f"`{m.name}` = **{_value(score.metrics[m.name])}**",
        "",
        "```sh",
        f"framing score {EXAMPLE_PATH} --spacy-model {EXAMPLE_PIPELINE} --explain",
        "```",
        "",
    ]
    if not family_evidence:
        out += [f"The `{fam.name}` family records no evidence spans for this text.", ""]
    else:
        out += [
            f"Evidence from the `{fam.name}` family ({which}); offsets index the cleaned text:",
            "",
            "| sentence | category | text | characters | note |",
            "|---:|---|---|---|---|",
        ]
        for e in shown:
            out.append(
                f"| {e.sentence} | `{e.category}` | {_md_cell(e.text)} | {e.start}–{e.end} | "
                f"{_md_cell(e.note)} |"
            )
        out.append("")
    return "\n".join(out)


def _md_escape(text: str) -> str:
    """Text for Markdown: no raw HTML, no emphasis, links, code or table cells by accident."""
    return re.sub(r"([|*_\[\]`\\])", r"\\\1", text.replace("&", "&amp;").replace("<", "&lt;"))


def _md_cell(text: str) -> str:
    return _md_escape(" ".join(text.split()))


#: Hand-written pages (title, file under docs/) before the generated Metrics, Command line
#: and Python API sections of the navigation; ``REFERENCE_PAGES`` come after them.
PAGES: tuple[tuple[str, str], ...] = (
    ("Home", "index.md"),
    ("Getting started", "getting-started.md"),
)


REFERENCE_PAGES: tuple[tuple[str, str], ...] = (
    ("Output tables", "tables.md"),
    ("Validation", "validation.md"),
    ("Frame models", "models.md"),
    ("Performance", "performance.md"),
    ("Performance: hostile inputs", "performance-hard-inputs.md"),
    ("Performance: TextDescriptives", "performance-textdescriptives.md"),
)


#: Modules of the Python API reference, in order. Names not importable in this checkout are
#: left out, so modules still on other branches appear once merged.
API_MODULES: tuple[str, ...] = (
    "framing",
    "framing.api",
    "framing.settings",
    "framing.score",
    "framing.comparison",
    "framing.schema",
    "framing.rewrite",
    "framing.rewrite.stories",
    "framing.features",
    "framing.features.registry",
    "framing.evidence",
    "framing.lexicon",
    "framing.lexicon.liwc",
    "framing.evaluate.lexicons",
    "framing.ingest",
    "framing.corpus",
    "framing.errors",
    "framing.evaluate",
    "framing.integrations.spacy",
    "framing.integrations.sklearn",
    "framing.integrations.pandas",
    "framing.run.local",
    "framing.run.dask",
    "framing.run.cache",
    "framing.heap",
    "framing.docgen",
)


#: Folders holding only generated pages: ``main`` deletes any page it no longer generates.
OWNED_DIRS = ("docs/metrics", "docs/api")


def api_modules() -> list[str]:
    from framing.docgen.reference import available

    return available(API_MODULES)


def _q(text: str) -> str:
    """A YAML scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _other_pages(docs_dir: Path) -> list[tuple[str, str]]:
    """Pages in docs/ that no list above names (added on another branch, say), titled by
    their first heading, so they join the navigation without an edit here."""
    known = {p for _, p in (*PAGES, *REFERENCE_PAGES)} | {"metrics.md", "cli.md"}
    out = []
    for path in sorted(docs_dir.glob("*.md")):
        if path.name in known:
            continue
        lines = path.read_text(encoding="utf-8").splitlines()
        title = next((ln[2:].strip() for ln in lines if ln.startswith("# ")), path.stem)
        out.append((title.replace("`", ""), path.name))
    return out


def mkdocs_yml(docs_dir: Path | None = None) -> str:
    """mkdocs.yml: offline theme, strict link checks, the navigation of every page."""
    nav = [f"  - {_q(t)}: {_q(p)}" for t, p in PAGES]
    nav += ["  - Metrics:", f"      - {_q('All metrics')}: {_q('metrics.md')}"]
    for fam in families():
        nav.append(f"      - {_q(fam.title)}:")
        nav += [f"          - {_q(m.name)}: {_q(f'metrics/{m.name}.md')}" for m in fam.metrics]
    nav.append(f"  - {_q('Command line')}: {_q('cli.md')}")
    nav.append(f"  - {_q('Python API')}:")
    nav += [f"      - {_q(mod)}: {_q(f'api/{mod}.md')}" for mod in api_modules()]
    others = _other_pages(docs_dir or Path.cwd() / "docs")
    nav += [f"  - {_q(t)}: {_q(p)}" for t, p in (*REFERENCE_PAGES, *others)]
    lines = [
        "# Generated by `python -m framing.docgen` (framing/docgen/pages.py); do not edit by hand.",
        "site_name: framing",
        "site_description: Measure how news outlets frame the same story, with the evidence "
        "behind every number.",
        "docs_dir: docs",
        "theme:",
        "  name: readthedocs",
        "  # highlight.js would load from a CDN: the site must work offline",
        "  highlightjs: false",
        "  navigation_depth: 3",
        "extra_css:",
        "  - css/extra.css",
        "validation:",
        "  omitted_files: warn",
        "  absolute_links: warn",
        "  unrecognized_links: warn",
        "  anchors: warn",
        "markdown_extensions:",
        "  - attr_list",
        "  - tables",
        "  - fenced_code",
        "  - toc:",
        "      permalink: true",
        "plugins:",
        "  - search",
        "nav:",
        *nav,
    ]
    return "\n".join(lines) + "\n"


GENERATED: dict[str, Callable[[], str]] = {
    "docs/metrics.md": lambda: metrics_markdown(links=True),
    "docs/article.schema.json": article_schema_json,
    "docs/tables.md": tables_markdown,
    EXAMPLE_PATH: lambda: EXAMPLE_TEXT,
    "mkdocs.yml": mkdocs_yml,
}


def _reference_page(module: str) -> Callable[[], str]:
    from framing.docgen.reference import api_markdown

    return lambda: api_markdown(module)


def _metric_page(name: str) -> Callable[[], str]:
    return lambda: metric_page(name)


def generated() -> dict[str, Callable[[], str]]:
    """Every generated file (path relative to the repository root -> its maker)."""
    from framing.docgen.reference import cli_markdown

    out = dict(GENERATED)
    out["docs/cli.md"] = cli_markdown
    out.update({f"docs/metrics/{m.name}.md": _metric_page(m.name) for m in metrics()})
    out.update({f"docs/api/{mod}.md": _reference_page(mod) for mod in api_modules()})
    return out


def stale_pages(root: Path, files: dict[str, Callable[[], str]]) -> list[str]:
    """Pages in the generated-only folders that nothing generates any more."""
    return sorted(
        p.relative_to(root).as_posix()
        for d in OWNED_DIRS
        if (root / d).is_dir()
        for p in (root / d).glob("*.md")
        if p.relative_to(root).as_posix() not in files
    )


def main(argv: list[str] | None = None) -> int:
    """Regenerate every generated file (``python -m framing.docgen [--check]``) in the current
    folder, the repository root. ``--check`` writes nothing and exits 1 if any is stale."""
    import sys

    args = sys.argv[1:] if argv is None else argv
    check = "--check" in args
    root = Path.cwd()
    files = generated()
    stale = []
    for rel, make in files.items():
        path = root / rel
        text = make()
        if path.is_file() and path.read_text(encoding="utf-8") == text:
            continue
        stale.append(rel)
        if not check:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            print(f"wrote {rel}")
    for rel in stale_pages(root, files):
        stale.append(rel)
        if not check:
            (root / rel).unlink()
            print(f"removed {rel}")
    if check:
        for rel in stale:
            print(f"stale: {rel}")
    return 1 if check and stale else 0


if __name__ == "__main__":
    raise SystemExit(main())
