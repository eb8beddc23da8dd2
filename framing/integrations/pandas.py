"""pandas: score a DataFrame's text column and get the metrics as columns beside the input's.

Needs the ``pandas`` extra (``pip install 'framing-toolkit[pandas]'``).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from framing.errors import ConfigError, InputError, MissingExtraError
from framing.features import metrics as registry_metrics

if TYPE_CHECKING:
    import pandas as pd

    from framing.document import Document

ERROR_COLUMN = "error"


def score_frame(
    df: pd.DataFrame,
    text_col: str = "text",
    *,
    metrics: Sequence[str] | None = None,
    spacy_model: str = "auto",
    lexicons: Sequence[str | Path] = (),
    prefix: str = "",
    clean: bool = True,
) -> pd.DataFrame:
    """The input's columns, then one column per metric, then ``error``; same index and order.

    Every row of ``text_col`` is scored like :func:`framing.score_text` (cleaned first unless
    ``clean`` is False). A row whose text is missing, not a string, empty, or empty after cleaning
    gets missing metrics and the reason in ``error`` (missing where the row was scored), rather
    than stopping the whole frame. Counts are nullable integers (``Int64``), rates and scores
    floats (NaN where there is no denominator). ``metrics`` picks columns (default: all);
    ``prefix`` is put before every added column name (e.g. ``"framing."``); an added name that
    is already a column of ``df`` is refused.

    >>> import pandas as pd
    >>> df = pd.DataFrame({"outlet": ["A", "B"], "text": ["Refugees fled, perhaps.", None]})
    >>> out = score_frame(df, metrics=["humanitarian_terms", "hedges"], spacy_model="blank")
    >>> out.drop(columns="text")
      outlet  humanitarian_terms  hedges                       error
    0      A                   2       1                        <NA>
    1      B                <NA>    <NA>  text[1]: missing (no text)
    """
    pd = _pandas()
    from framing.integrations.columns import select, values
    from framing.score import get_engine

    if text_col not in df.columns:
        raise ConfigError(
            f"no column {text_col!r} in the DataFrame; columns: {', '.join(map(str, df.columns))}"
        )
    engine = get_engine(spacy_model, tuple(str(p) for p in lexicons))
    columns = select(engine, metrics)
    added = [f"{prefix}{c}" for c in (*columns, ERROR_COLUMN)]
    clash = [c for c in added if c in df.columns]
    if clash:
        raise ConfigError(f"column(s) {clash} are already in the DataFrame; pass a prefix")

    texts = df[text_col].tolist()
    labels = df.index.tolist()
    errors: list[str | None] = [None] * len(texts)
    todo: list[tuple[int, Document]] = []
    for i, (label, text) in enumerate(zip(labels, texts, strict=True)):
        source = f"{text_col}[{label}]"
        try:
            todo.append((i, _document(text, source, clean)))
        except InputError as exc:
            errors[i] = str(exc)
    rows: list[list[Any]] = [[None] * len(columns) for _ in texts]
    scores = engine.score_documents(doc for _, doc in todo)
    for (i, _), score in zip(todo, scores, strict=True):
        rows[i] = list(values(score, columns))

    integer = {m.name for m in registry_metrics() if m.dtype == "integer"}
    data: dict[str, Any] = {}
    for k, (name, column) in enumerate(zip(added, columns, strict=False)):
        column_values = [r[k] for r in rows]
        if column in integer or column.endswith(".count"):
            data[name] = pd.array(column_values, dtype="Int64")
        else:
            data[name] = np.asarray(column_values, dtype=np.float64)  # None becomes NaN
    data[added[-1]] = pd.array(errors, dtype="string")
    return pd.concat([df, pd.DataFrame(data, index=df.index)], axis=1)


def _document(text: object, source: str, clean: bool) -> Document:
    from framing.ingest import read_text
    from framing.ingest.text import document_as_is

    if text is None or (isinstance(text, float) and text != text) or _is_na(text):
        raise InputError(f"{source}: missing (no text)")
    if not isinstance(text, str):
        raise InputError(f"{source}: {type(text).__name__} {text!r} is not a text")
    if not text.strip():
        raise InputError(f"{source}: empty (no text)")
    return read_text(text, source) if clean else document_as_is(text, source)


def _is_na(value: object) -> bool:
    pd = _pandas()
    return value is pd.NA or value is pd.NaT


def _pandas() -> Any:
    try:
        import pandas
    except ImportError as exc:
        raise MissingExtraError(
            "framing.score_frame needs pandas: pip install 'framing-toolkit[pandas]'"
        ) from exc
    return pandas
