"""Datasette metadata for the database: titles, descriptions and units of every table, view
and column (from the table specs and the metric registry), and ready-made charts for the
datasette-dashboards plugin, all read from the views of :mod:`framing.export.sql`.

>>> meta = datasette_metadata("framing")
>>> meta["databases"]["framing"]["tables"]["articles"]["columns"]["words"].endswith("[words]")
True
>>> sorted(meta["plugins"]["datasette-dashboards"]["framing"]["charts"])
['articles', 'coverage', 'differences', 'outlets', 'weekly']
"""

from __future__ import annotations

from typing import Any

from framing.comparison import HEADLINE_METRICS
from framing.export.sql import MIN_N, VIEWS, sql_tables
from framing.export.tables import Column, metric_columns

#: The metric the charts open on.
DEFAULT_METRIC = HEADLINE_METRICS[0]


def _described(col: Column) -> str:
    return f"{col.description} [{col.unit}]" if col.unit else col.description


def _view_columns() -> dict[str, dict[str, str]]:
    """Every view's columns, described (the metric columns from the registry)."""
    metric = {c.name: f"Mean over the outlet's articles: {_described(c)}" for c in metric_columns()}
    outlet = {"outlet": "Outlet.", "lexicon_hash": "Lexicon version the scores were made with."}
    return {
        "article_scores": {
            "run_id": "The run written last that scored the article.",
            "scored_at": "When that run was written (UTC).",
            "run_source": "The article's input label in that run.",
            "story_id": "Story of the article in that run.",
            "event_id": "Same-event group inside the story.",
            "…": "then every column of `articles`.",
        },
        "outlet_metrics": {
            **outlet,
            "n_articles": "Articles counted (each article once, its latest score).",
            "first_date": "Earliest publication date.",
            "last_date": "Latest publication date.",
            **metric,
        },
        "outlet_week_metrics": {
            **outlet,
            "week": "Monday of the week the articles were published in.",
            "metric": "Metric name (registry), or custom.LEXICON.CATEGORY.*.",
            "unit": "Unit of the metric.",
            "n_articles": "Articles of the outlet that week with a value for the metric.",
            "mean": "Mean of the metric over them (in its unit).",
        },
        "story_coverage": {
            "run_id": "The latest run that grouped articles into stories.",
            "story_id": "Story id in that run.",
            "story_title": "Headline of the story's first article.",
            "outlet": "Outlet.",
            "n_articles": "Articles of the outlet in the story.",
            "n_events": "Same-event groups of the story the outlet covered.",
            "first_date": "Earliest publication date of those articles.",
            "last_date": "Latest publication date of those articles.",
        },
        "reference_deltas": {
            "run_id": "The latest run.",
            "outlet": "Outlet.",
            "metric": "Metric name.",
            "reference": "The reference outlet.",
            "n": "Articles with a value for the metric.",
            "mean": "Mean over the outlet's articles.",
            "ci_low": f"Bootstrap 95 % CI of the mean, lower end (empty below {MIN_N} articles).",
            "ci_high": "Upper end of the same.",
            "delta": "Outlet mean minus the reference outlet's mean.",
            "delta_relative": "delta / |reference mean| (empty when that mean is 0).",
            "delta_ci_low": "The outlet's CI shifted onto the difference (the reference's own "
            f"uncertainty is not in it; empty below {MIN_N} articles).",
            "delta_ci_high": "Upper end of the same.",
            "too_few_articles": f"1 when the outlet has fewer than {MIN_N} articles: no CI.",
        },
    }


_METRIC_FILTER = "[[ AND metric = :metric ]]"


def _charts() -> dict[str, dict[str, Any]]:
    tooltip = [
        {"field": "outlet"},
        {"field": "n", "title": "articles"},
        {"field": "delta", "format": ".3f"},
        {"field": "delta_ci_low", "format": ".3f", "title": "CI low"},
        {"field": "delta_ci_high", "format": ".3f", "title": "CI high"},
    ]
    return {
        "articles": {
            "title": "Articles (each counted once)",
            "db": "framing",
            "query": "SELECT COUNT(*) AS articles FROM article_scores",
            "library": "metric",
            "display": {"field": "articles"},
        },
        "differences": {
            "title": "Difference from the reference outlet (bar), with the outlet's 95 % CI; "
            f"grey: fewer than {MIN_N} articles, no CI",
            "db": "framing",
            "query": "SELECT outlet || ' (n=' || n || ')' AS outlet, n, delta, delta_ci_low, "
            "delta_ci_high, too_few_articles, metric, reference FROM reference_deltas WHERE "
            f"outlet <> reference {_METRIC_FILTER} ORDER BY delta",
            "library": "vega-lite",
            "display": {
                "layer": [
                    {
                        "mark": {"type": "bar", "tooltip": True},
                        "encoding": {
                            "y": {"field": "outlet", "type": "nominal", "sort": "x"},
                            "x": {"field": "delta", "type": "quantitative", "title": "difference"},
                            "color": {
                                "field": "too_few_articles",
                                "type": "nominal",
                                "scale": {"domain": [0, 1], "range": ["#0072B2", "#BBBBBB"]},
                                "legend": None,
                            },
                            "tooltip": tooltip,
                        },
                    },
                    {
                        "mark": {"type": "rule", "strokeWidth": 2},
                        "encoding": {
                            "y": {"field": "outlet", "type": "nominal", "sort": "x"},
                            "x": {"field": "delta_ci_low", "type": "quantitative"},
                            "x2": {"field": "delta_ci_high"},
                        },
                    },
                ]
            },
        },
        "weekly": {
            "title": "The metric per outlet and week (articles with a date)",
            "db": "framing",
            "query": "SELECT week, outlet, mean, n_articles FROM outlet_week_metrics WHERE 1 = 1 "
            f"{_METRIC_FILTER} ORDER BY week",
            "library": "vega-lite",
            "display": {
                "mark": {"type": "line", "point": True, "tooltip": True},
                "encoding": {
                    "x": {"field": "week", "type": "temporal", "title": "week"},
                    "y": {"field": "mean", "type": "quantitative"},
                    "color": {"field": "outlet", "type": "nominal"},
                },
            },
        },
        "coverage": {
            "title": "Who covered which story (latest run; articles per outlet)",
            "db": "framing",
            "query": "SELECT story_id || ': ' || COALESCE(substr(story_title, 1, 50), '') AS "
            "story, outlet, n_articles FROM story_coverage ORDER BY story_id, outlet",
            "library": "vega-lite",
            "display": {
                "mark": {"type": "rect", "tooltip": True},
                "encoding": {
                    "x": {"field": "outlet", "type": "nominal"},
                    "y": {"field": "story", "type": "nominal"},
                    "color": {"field": "n_articles", "type": "quantitative", "title": "articles"},
                },
            },
        },
        "outlets": {
            "title": "Outlets: articles and headline means",
            "db": "framing",
            "query": "SELECT outlet, n_articles, "
            + ", ".join(f"round({m}, 3) AS {m}" for m in HEADLINE_METRICS[:4])
            + " FROM outlet_metrics ORDER BY outlet",
            "library": "table",
        },
    }


def datasette_metadata(db_name: str = "framing") -> dict[str, Any]:
    """Datasette metadata for a framing database opened under the name ``db_name``."""
    tables: dict[str, dict[str, Any]] = {}
    for table in sql_tables():
        spec = table.spec
        tables[spec.name] = {
            "description": spec.description,
            "columns": {c.name: _described(c) for c in spec.columns},
        }
    for name, description in VIEWS.items():
        tables[name] = {"description": description, "columns": _view_columns().get(name, {})}
    charts = _charts()
    for chart in charts.values():
        chart["db"] = db_name
    return {
        "title": "framing: how outlets frame the same story",
        "description": "Scores, evidence and stories written by framing compare. Count "
        "articles in article_scores and the views, never in the articles table (it keeps every "
        "pipeline and lexicon version). Dashboard: /-/dashboards/framing",
        "databases": {db_name: {"tables": tables}},
        "plugins": {
            "datasette-dashboards": {
                "framing": {
                    "title": "framing: outlets against the reference",
                    "description": "Differences from the reference outlet with 95 % CIs, the "
                    "metric over time, and who covered which story.",
                    "layout": [
                        ["articles", "differences"],
                        ["weekly", "weekly"],
                        ["coverage", "outlets"],
                    ],
                    "filters": {
                        "metric": {
                            "name": "Metric",
                            "type": "select",
                            "db": db_name,
                            "query": "SELECT DISTINCT metric FROM reference_deltas ORDER BY metric",
                            "default": DEFAULT_METRIC,
                        }
                    },
                    "charts": charts,
                }
            }
        },
    }
