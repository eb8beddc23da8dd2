"""Bytes to text: UTF-8, byte-order-marked UTF-16/32, and legacy single-byte encodings.

In order:

1. A byte-order mark decides: UTF-32 (LE/BE), UTF-16 (LE/BE) or UTF-8. Confidence 1.
2. NUL bytes without a byte-order mark: binary (or UTF-16 without a mark); refused.
3. Valid UTF-8 is UTF-8 (ASCII included). Confidence 1.
4. Otherwise a legacy encoding is guessed and a warning recorded. Windows-1252 comes first
   when it decodes the bytes cleanly (it is the legacy default of Western European news
   pages, and a superset of Latin-1's printable characters; on short texts charset-normalizer
   cannot tell it from its Central European siblings and reads *São* as *Sćo*). Else
   charset-normalizer's best guess. The confidence is one minus charset-normalizer's mess
   ratio of the decoded text (the share of characters that look wrong: odd symbols, mixed
   scripts, accents in unlikely places); a guess below :data:`MIN_CONFIDENCE` is refused.

>>> decode_bytes("“Quoted,” she said.".encode("cp1252"), "a.txt").encoding
'cp1252'
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from framing.errors import InputError

#: A legacy-encoding guess below this confidence is refused rather than scored as mojibake.
MIN_CONFIDENCE = 0.8
#: Windows-1252 is preferred when its mess ratio is at most this (see the module doc).
_CP1252_MESS = 0.1
#: The mess ratio is computed on at most this many characters (it is linear, but need not
#: read a whole archive to judge an encoding).
_MESS_SAMPLE = 200_000

_BOMS = (  # UTF-32 first: its little-endian mark starts with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
    (codecs.BOM_UTF8, "utf-8", "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
)


@dataclass(frozen=True)
class Decoded:
    """Text decoded from bytes: the encoding used, how sure, and a warning when guessed."""

    text: str
    encoding: str
    confidence: float = 1.0
    warning: str | None = None


def decode_bytes(data: bytes, source: str) -> Decoded:
    """Decode ``data`` read from ``source`` (see the module doc); InputError if it cannot be
    decoded with confidence."""
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data[len(bom) :].decode(codec), name)
            except UnicodeDecodeError as exc:
                raise InputError(
                    f"{source}: starts with a {name.upper()} byte-order mark but is not valid "
                    f"{name.upper()} (offset {exc.start + len(bom)})"
                ) from exc
    if b"\x00" in data:  # valid UTF-8, but no text has NUL bytes: binary, or unmarked UTF-16
        raise InputError(
            f"{source}: binary content (NUL bytes and no byte-order mark); expected text "
            "(UTF-8, or UTF-16/32 with a byte-order mark)"
        )
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        return _guess(data, source, exc.start)


def _guess(data: bytes, source: str, first_bad: int) -> Decoded:
    from charset_normalizer import from_bytes
    from charset_normalizer.md import mess_ratio

    def confidence(text: str) -> float:
        return round(1.0 - mess_ratio(text[:_MESS_SAMPLE], 1.0), 3)

    encoding = None
    try:
        text = data.decode("cp1252")
        score = confidence(text)
        if 1.0 - score <= _CP1252_MESS:
            encoding = "cp1252"
    except UnicodeDecodeError:
        pass
    if encoding is None:
        best = from_bytes(data).best()
        if best is None:
            raise InputError(
                f"{source}: not valid UTF-8 (byte 0x{data[first_bad]:02x} at offset "
                f"{first_bad}) and no other encoding fits; save it as UTF-8"
            )
        encoding, text = best.encoding, str(best)
        score = confidence(text)
    if score < MIN_CONFIDENCE:
        raise InputError(
            f"{source}: not valid UTF-8 (byte 0x{data[first_bad]:02x} at offset {first_bad}); "
            f"the best guess, {encoding}, has confidence {score:.2f} (below "
            f"{MIN_CONFIDENCE}); save it as UTF-8"
        )
    warning = (
        f"not valid UTF-8: decoded as {encoding} (a guess, confidence {score:.2f}); "
        "check the text, or save the file as UTF-8"
    )
    return Decoded(text, encoding, score, warning)
