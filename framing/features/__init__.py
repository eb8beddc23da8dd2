"""Feature families. Importing this package registers them; import order is column order."""

# isort: skip_file
from framing.features import basics, frames, hedging, attribution, readability, tone

__all__ = ["attribution", "basics", "frames", "hedging", "readability", "tone"]
