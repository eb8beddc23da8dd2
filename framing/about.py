"""The package's version: what inner modules import (never the public face, ``framing``)."""

__version__ = "0.1.0"
