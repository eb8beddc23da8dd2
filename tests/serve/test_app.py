"""``framing serve``'s API through FastAPI's test client: the answers are the CLI's JSON, bad
input is a clear 4xx and never a 500, limits and the API key hold; a property-based run over
the OpenAPI schema finds no server error."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import settings

pytest.importorskip("fastapi")
pytest.importorskip("httpx")

from fastapi.testclient import TestClient

from framing.api import score_text
from framing.serve.app import ServeOptions, create_app
from tests.conftest import SEEDS

ORIGINAL = (SEEDS / "004_d472f51968b70f97.txt").read_text(encoding="utf-8")
REWRITE = (SEEDS / "001_2274d8085f08d29a.txt").read_text(encoding="utf-8")
BLANK = ServeOptions(spacy_model="blank", max_request_bytes=1_000_000, request_timeout=20)


def client_for(options: ServeOptions) -> Iterator[TestClient]:
    with TestClient(create_app(options), raise_server_exceptions=False) as client:
        yield client


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    yield from client_for(BLANK)


def plain(body: bytes | str, kind: str = "text/plain") -> dict[str, Any]:
    return {"content": body, "headers": {"content-type": kind}}


def test_a_scored_text_is_the_json_of_framing_score(client: TestClient) -> None:
    response = client.post("/v1/score", **plain(ORIGINAL))

    assert response.status_code == 200
    got = response.json()
    expected = json.loads(score_text(ORIGINAL, spacy_model="blank", source="<request>").to_json())
    assert got == expected
    assert got["metrics"]["words"] > 300 and got["evidence"]


def test_a_json_record_keeps_its_metadata(client: TestClient) -> None:
    record = {"text": "Officials said 20 people may have died.", "outlet": "Daily X"}
    response = client.post("/v1/score", json={"record": record})

    assert response.status_code == 200
    assert response.json()["article"]["outlet"] == "Daily X"


def test_html_is_extracted(client: TestClient) -> None:
    page = f"<html><body><article><p>{ORIGINAL[:2000]}</p></article></body></html>"
    by_type = client.post("/v1/score", **plain(page, "text/html"))
    by_json = client.post("/v1/score", json={"html": page})

    assert by_type.status_code == by_json.status_code == 200
    assert by_type.json()["metrics"] == by_json.json()["metrics"]


def test_diff_lists_the_changes(client: TestClient) -> None:
    response = client.post("/v1/diff", json={"source": ORIGINAL, "rewrite": REWRITE})

    assert response.status_code == 200
    kinds = {c["kind"] for c in response.json()["changes"]}
    assert "quote" in kinds


def test_metrics_schema_and_health(client: TestClient) -> None:
    families = client.get("/v1/metrics").json()
    assert "humanitarian_strategic_index" in {m["name"] for f in families for m in f["metrics"]}
    assert client.get("/v1/schema").json()["type"] == "object"
    health = client.get("/healthz").json()
    assert health["status"] == "ok" and health["pipeline"].startswith("blank@")
    assert client.get("/openapi.json").json()["paths"].keys() >= {"/v1/score", "/v1/diff"}
    docs = client.get("/docs").text
    assert "swagger-ui-bundle.js" in docs and "cdn" not in docs.lower()  # works offline
    assert client.get("/static-offline-docs/swagger-ui-bundle.js").status_code == 200


@pytest.mark.parametrize(
    ("body", "kind", "status", "detail"),
    [
        (b"{not json", "application/json", 422, "malformed JSON"),
        (b"[1, 2]", "application/json", 422, "must be an object"),
        (b'{"text": "a", "html": "b"}', "application/json", 422, "exactly one"),
        (b'{"txt": "a"}', "application/json", 422, "unknown: txt"),
        (b'{"text": 5}', "application/json", 422, "must be a string"),
        (b'{"record": {"title": "no text"}}', "application/json", 422, "no text field"),
        (b'{"text": ""}', "application/json", 422, "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe", "application/octet-stream", 415, "type"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe", "text/plain", 422, "not UTF-8"),
        (b"PK\x03\x04\x00\x00binary", "text/plain", 422, "binary"),
        (b'{"text": "a\\u0000b"}', "application/json", 422, "NUL"),
        (b"<html><body></body></html>", "text/html", 422, "no main text"),
        (b"anything", "", 415, "(none)"),
    ],
)
def test_bad_input_is_a_clear_4xx(
    client: TestClient, body: bytes, kind: str, status: int, detail: str
) -> None:
    response = client.post("/v1/score", **plain(body, kind))

    assert response.status_code == status
    assert detail in response.json()["detail"]


def test_a_bad_diff_body_is_a_4xx(client: TestClient) -> None:
    assert client.post("/v1/diff", json={"source": "a"}).status_code == 422
    assert client.post("/v1/diff", **plain(b"a b", "text/plain")).status_code == 415


def test_a_10_mb_body_gets_413_before_scoring(client: TestClient) -> None:
    body = b"word " * 2_000_000  # 10 MB

    response = client.post("/v1/score", **plain(body))

    assert response.status_code == 413
    assert "larger than 1000000 bytes" in response.json()["detail"]


def test_a_body_without_content_length_is_limited_while_read(client: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(30):
            yield b"x" * 100_000

    response = client.post("/v1/score", content=chunks(), headers={"content-type": "text/plain"})

    assert response.status_code == 413


def test_a_slow_request_gets_503_and_the_worker_stays_up() -> None:
    for c in client_for(ServeOptions(spacy_model="blank", request_timeout=0.001)):
        response = c.post("/v1/score", **plain(ORIGINAL * 20))
        assert response.status_code == 503
        assert "longer than" in response.json()["detail"]
        assert c.get("/healthz").status_code == 200


def test_the_api_key_is_required_when_set() -> None:
    for c in client_for(ServeOptions(spacy_model="blank", api_key="s3cret")):
        assert c.post("/v1/score", **plain("Rain fell.")).status_code == 401
        wrong = {"x-api-key": "nope", "content-type": "text/plain"}
        assert c.post("/v1/score", content="Rain fell.", headers=wrong).status_code == 401
        good = {"x-api-key": "s3cret", "content-type": "text/plain"}
        assert c.post("/v1/score", content="Rain fell.", headers=good).status_code == 200
        bearer = {"authorization": "Bearer s3cret"}
        assert c.get("/v1/metrics", headers=bearer).status_code == 200
        assert c.get("/healthz").json()["auth"] is True  # health needs no key


# --------------------------------------------------------------------------- property-based

schemathesis = pytest.importorskip("schemathesis")
schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(BLANK))


@schema.parametrize()
@settings(max_examples=25, deadline=None)
def test_no_request_the_schema_allows_or_forbids_is_a_server_error(case: Any) -> None:
    from schemathesis.checks import not_a_server_error

    case.call_and_validate(checks=[not_a_server_error])
