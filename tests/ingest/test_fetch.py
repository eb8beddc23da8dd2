"""--fetch: pages read from a server started here, on 127.0.0.1 only."""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from framing.errors import InputError
from framing.ingest.fetch import read_url
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from hard_inputs import ENGLISH

PAGE = (
    "<html><head><title>Ferry crews strike</title></head><body><nav>Home | World</nav>"
    "<article><h1>Ferry crews strike</h1>"
    + "".join(f"<p>{p}</p>" for p in ENGLISH)
    + "</article><footer>© 2025 Courier</footer></body></html>"
).encode("utf-8")

ROUTES: dict[str, tuple[int, str, bytes]] = {
    "/story.html": (200, "text/html; charset=utf-8", PAGE),
    "/story.txt": (200, "text/plain", "\n\n".join(ENGLISH).encode("cp1252")),
    "/photo.png": (200, "image/png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100),
    "/big.html": (200, "text/html", b"<html><body><p>" + b"word " * 400_000 + b"</p></body>"),
    "/gone.html": (404, "text/html", b"<html><body>Not found</body></html>"),
}


class Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path == "/slow.html":
            time.sleep(3)
        status, kind, body = ROUTES.get(self.path, ROUTES["/story.html"])
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:  # keep the test output clean
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_a_page_is_fetched_extracted_and_cleaned(server: str) -> None:
    document = read_url(f"{server}/story.html", allow_private=True)
    assert document.text.startswith("Ferry crews on the northern route")
    assert "Home | World" not in document.text and "Courier" not in document.text
    assert document.metadata.title == "Ferry crews strike"
    assert document.metadata.url == f"{server}/story.html"
    assert document.source == f"{server}/story.html"


def test_a_text_page_in_a_legacy_encoding_is_decoded_with_a_warning(server: str) -> None:
    document = read_url(f"{server}/story.txt", allow_private=True)
    assert "“We have been patient" in document.text
    assert document.encoding == "cp1252"
    assert "decoded as cp1252" in document.warnings[0]


def test_other_content_types_are_refused(server: str) -> None:
    with pytest.raises(InputError, match="content type 'image/png' is not a web page or text"):
        read_url(f"{server}/photo.png", allow_private=True)


def test_a_page_over_the_size_limit_is_refused(server: str) -> None:
    with pytest.raises(InputError, match="larger than 1,000,000 bytes"):
        read_url(f"{server}/big.html", allow_private=True, max_bytes=1_000_000)


def test_an_error_status_is_refused(server: str) -> None:
    with pytest.raises(InputError, match=r"could not be downloaded|HTTP 404"):
        read_url(f"{server}/gone.html", allow_private=True)


def test_a_slow_server_times_out(server: str) -> None:
    with pytest.raises(InputError, match="no answer within 1 s"):
        read_url(f"{server}/slow.html", allow_private=True, timeout=1)


def test_private_addresses_are_refused_unless_allowed(server: str) -> None:
    with pytest.raises(InputError, match="could not be downloaded"):
        read_url(f"{server}/story.html")


def test_only_http_urls_are_fetched() -> None:
    with pytest.raises(InputError, match="only http:// and https:// URLs"):
        read_url("file:///etc/passwd")
