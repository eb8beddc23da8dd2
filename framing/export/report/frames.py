"""The report's frame-model section (``compare --model``): per outlet and frame, the mean
probability and the share of articles over the model's threshold, with 95 % intervals. Each
article's probabilities and evidence are in ``frame_probabilities.csv``."""

from __future__ import annotations

from typing import Any

from framing.comparison import Comparison
from framing.export.report.format import DASH, esc, md

NOTE = (
    "Probabilities from the frame model given with --model (its cross-validated figures are in "
    "the model file's card). Mean probability and share of articles at or over the model's "
    "threshold, each with a seeded 95 % bootstrap interval where an outlet has two or more "
    "articles; the terms and sentence behind each article's probability are in "
    "frame_probabilities.csv."
)


def _cell(value: Any, low: Any, high: Any) -> str:
    if value is None:
        return DASH
    return f"{value:.2f}" + (f" [{low:.2f}, {high:.2f}]" if low is not None else "")


def _rows(c: Comparison) -> list[tuple[str, str, str, str, str]]:
    return [
        (
            r["outlet"],
            r["frame"],
            str(r["n"]),
            _cell(r["mean_probability"], r["probability_ci_low"], r["probability_ci_high"]),
            _cell(r["share_over_threshold"], r["share_ci_low"], r["share_ci_high"]),
        )
        for r in c.outlet_frames
    ]


HEAD = ("outlet", "frame", "n", "mean probability [95 % CI]", "share over threshold [95 % CI]")


def md_frames(c: Comparison) -> list[str]:
    """Markdown lines of the section (none without a model)."""
    if not c.outlet_frames:
        return []
    out = [
        "## Frame model",
        "",
        NOTE,
        "",
        "| " + " | ".join(HEAD) + " |",
        "|---|---|---:|---:|---:|",
    ]
    out += ["| " + " | ".join(md(x) for x in row) + " |" for row in _rows(c)]
    return out


def html_frames(c: Comparison) -> str:
    """The HTML section (empty without a model)."""
    if not c.outlet_frames:
        return ""
    head = "".join(f"<th>{esc(h)}</th>" for h in HEAD)
    body = "".join(
        "<tr>" + "".join(f"<td>{esc(x)}</td>" for x in row) + "</tr>" for row in _rows(c)
    )
    return (
        f'<section id="frames"><h2>Frame model</h2><p class="lede">{esc(NOTE)}</p>'
        f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></section>"
    )
