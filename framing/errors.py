"""The few exceptions the library raises; the CLI turns each into one line and an exit code."""

from __future__ import annotations


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
