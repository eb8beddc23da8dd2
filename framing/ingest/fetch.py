"""``--fetch``: read an article from an http(s) URL with trafilatura's downloader.

Off by default: framing reads files, and fetching is a choice the user makes per run. The
download goes through ``trafilatura.downloads.fetch_response`` with its protections on
(redirect limit, refusal of private and loopback addresses unless ``allow_private``) and
framing's own limits: a timeout (:data:`TIMEOUT_SECONDS`), a size limit
(:data:`MAX_BYTES`, enforced while downloading), a 200 status and an HTML or plain-text
content type. The page then goes through the same readers as a file (HTML extraction,
decoding, cleaning), with the URL as its source.
"""

from __future__ import annotations

from configparser import ConfigParser
from dataclasses import replace

from framing.document import Document
from framing.errors import InputError

#: Seconds to wait for the server (connect and each read).
TIMEOUT_SECONDS = 20
#: The largest page downloaded, in bytes.
MAX_BYTES = 10_000_000
#: Content types read; anything else (PDF, images, JSON APIs) is refused.
CONTENT_TYPES = ("text/html", "application/xhtml+xml", "text/plain")


def _config(timeout: int, max_bytes: int, allow_private: bool) -> ConfigParser:
    from trafilatura.settings import DEFAULT_CONFIG

    config = ConfigParser()
    config.read_dict({"DEFAULT": dict(DEFAULT_CONFIG["DEFAULT"])})
    config["DEFAULT"]["DOWNLOAD_TIMEOUT"] = str(timeout)
    config["DEFAULT"]["MAX_FILE_SIZE"] = str(max_bytes)
    config["DEFAULT"]["SSRF_PROTECTION"] = "off" if allow_private else "on"
    return config


def read_url(
    url: str,
    *,
    timeout: int = TIMEOUT_SECONDS,
    max_bytes: int = MAX_BYTES,
    allow_private: bool = False,
) -> Document:
    """Download ``url`` and read it as an HTML page or a text dump; InputError in one line
    when it cannot be downloaded, is too large, or is not a web page.

    ``allow_private`` lets loopback and private addresses through (tests against a local
    server); by default trafilatura refuses them.
    """
    import logging

    from trafilatura.downloads import fetch_response

    from framing.ingest import read_text
    from framing.ingest.decode import decode_bytes

    if not url.lower().startswith(("http://", "https://")):
        raise InputError(f"{url}: only http:// and https:// URLs can be fetched")
    logger = logging.getLogger("trafilatura")
    level = logger.level
    logger.setLevel(logging.CRITICAL)  # its download errors are reported below, in one line
    try:
        response = fetch_response(url, config=_config(timeout, max_bytes, allow_private))
    finally:
        logger.setLevel(level)
    if response is None:
        raise InputError(
            f"{url}: could not be downloaded (no answer within {timeout} s, refused, larger "
            f"than {max_bytes:,} bytes, or a private address)"
        )
    if response.status != 200:
        raise InputError(f"{url}: the server answered HTTP {response.status}")
    headers = response.headers or {}
    kind = str(headers.get("content-type", "")).split(";")[0].strip().lower()
    if kind and kind not in CONTENT_TYPES:
        raise InputError(f"{url}: content type {kind!r} is not a web page or text")
    data = response.data or b""
    if len(data) > max_bytes:
        raise InputError(f"{url}: larger than {max_bytes:,} bytes")
    decoded = decode_bytes(data, url)
    if not decoded.text.strip():
        raise InputError(f"{url}: empty page")
    document = read_text(decoded.text, url)
    warnings = (decoded.warning, *document.warnings) if decoded.warning else document.warnings
    return replace(
        document,
        metadata=replace(document.metadata, url=document.metadata.url or url),
        encoding=decoded.encoding,
        encoding_confidence=decoded.confidence,
        warnings=warnings,
    )
