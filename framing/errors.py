"""The few exceptions the library raises; the CLI turns each into one line and an exit code."""

from __future__ import annotations

import difflib


class FramingError(Exception):
    """Base class for every error the library raises on purpose."""


class InputError(FramingError):
    """An input cannot be read or scored: missing, unreadable, empty, binary, malformed."""


class LexiconError(FramingError, ValueError):
    """A lexicon file is invalid. The message starts with ``FILE:LINE:``."""


class ConfigError(FramingError, ValueError):
    """An option or setting has a value outside its valid choices."""


class ResourceMissingError(FramingError):
    """An optional resource (a spaCy pipeline, an extra) is not installed."""


class MissingExtraError(ResourceMissingError, ImportError):
    """An optional dependency is not installed; the message names the extra that installs it."""


class FeatureError(FramingError, ValueError):
    """A feature family broke its contract: registered twice, a metric name already taken, or
    returned metrics other than the ones it declared."""


class UnknownMetricError(FramingError, KeyError):
    """A metric or family name that is not registered; the message names the closest names, or
    lists every valid one when none is close.

    A ``KeyError`` too, so ``except KeyError`` around a lookup keeps working.
    """

    def __init__(self, name: str, valid: list[str], *, kind: str = "metric") -> None:
        close = difflib.get_close_matches(name, valid, n=3, cutoff=0.6)
        self.name = name
        self.valid = tuple(valid)
        self.close = tuple(close)
        # the closest names when there are some; the whole list (52 metrics) only when not
        self.message = (
            f"unknown {kind} {name!r}; did you mean {', '.join(repr(c) for c in close)}?"
            if close
            else f"unknown {kind} {name!r}; valid: {', '.join(valid)}"
        )
        super().__init__(self.message)

    def __str__(self) -> str:  # KeyError's own __str__ would wrap the message in quotes
        return self.message
