"""The comparison as a report for people: ``report.md`` and one self-contained ``report.html``.

The HTML opens from disk with the network off: inline CSS, charts drawn here as inline SVG, no
scripts, no fonts or images fetched from anywhere. Everything taken from an article (titles,
outlet names, sources, text, evidence notes, file names) is escaped, and the same Comparison
always gives the same bytes: no timestamps, no random ids.

When the comparison carries a rewrite analysis (``Comparison.stories``), a "Stories and
rewrites" section follows the outlet comparison: each story's events, who rewrote whom with the
evidence, the figures its articles disagree on, and every derived pair side by side, sentence by
sentence, with what the rewrite changed marked (``<mark class="chg-KIND">``).

The page opens with the answer (:mod:`~framing.export.report.findings`): one line per outlet
against the reference (difference on the humanitarian–strategic index, the terms behind it, n,
"too few articles" below three, articles about another event marked), then each outlet's
difference from the reference charted with its CI and linked to its articles, a time chart per
outlet when articles have dates, and the levels behind a disclosure.

One module per concern: :mod:`~framing.export.report.format` (numbers, deltas, escaping; the
terminal formats with it too), :mod:`~framing.export.report.view` (what both renderers look
up), :mod:`~framing.export.report.markdown`, :mod:`~framing.export.report.charts`,
:mod:`~framing.export.report.highlight`, :mod:`~framing.export.report.stories` and
:mod:`~framing.export.report.html` (the page). This module only re-exports their public names.

>>> from framing.api import compare
>>> c = compare(["seeds"], spacy_model="blank")
>>> "<svg" in render_html(c) and "humanitarian_strategic_index" in render_markdown(c)
True
"""

from framing.export.report.highlight import highlight
from framing.export.report.html import iter_html, render_html, write_report
from framing.export.report.markdown import render_markdown
from framing.export.report.view import HEADLINE

__all__ = ["HEADLINE", "highlight", "iter_html", "render_html", "render_markdown", "write_report"]
