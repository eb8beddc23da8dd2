"""``framing serve``: score articles over HTTP (FastAPI on uvicorn).

=========================  =================================================================
``POST /v1/score``         one article → the JSON of ``framing score --format json``. Body:
                           ``text/plain`` (a raw page dump is fine), ``text/html`` (the
                           article is extracted), or ``application/json``
                           ``{"text": …}`` / ``{"html": …}`` / ``{"record": {"text": …,
                           "outlet": …, "date": …}}``
``POST /v1/diff``          ``{"source": …, "rewrite": …}`` → what the rewrite changed (the
                           JSON of ``framing diff --format json``)
``GET /v1/metrics``        the metric registry: definition, unit, range, citation
``GET /v1/schema``         the JSON Schema of a scored article
``GET /healthz``           liveness, versions and the pipeline loaded (never needs a key)
``GET /docs``              OpenAPI documentation (``/openapi.json``), served without a CDN
=========================  =================================================================

Each worker process builds one scoring engine at start-up and scores on one thread of its
own, so requests of a worker are scored one at a time while the event loop keeps answering
(more throughput: ``--workers``). Limits: a body larger than ``max_request_bytes`` gets 413
before it is read whole; scoring that takes longer than ``request_timeout`` seconds gets 503.
Bad input is a 4xx with a one-line ``detail``, never a 500: malformed JSON or a body that is
not UTF-8 text 422, another content type 415, a missing or wrong API key 401. With
``FRAMING_API_KEY`` set in the environment, every ``/v1`` route needs it in ``X-API-Key`` (or
``Authorization: Bearer …``).
"""

# No `from __future__ import annotations`: FastAPI reads the handlers' annotations at run time,
# and Request is imported inside create_app (FastAPI is an optional extra).
import asyncio
import hmac
import json
import os
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from framing import api
from framing.about import __version__
from framing.errors import ConfigError, FramingError, ResourceMissingError

if TYPE_CHECKING:
    from fastapi import FastAPI

#: Where ``framing serve`` hands the options to its worker processes.
OPTIONS_ENV = "FRAMING_SERVE_OPTIONS"
#: The API key, when the service needs one (an environment variable: never a settings file).
API_KEY_ENV = "FRAMING_API_KEY"

TEXT_TYPES = ("text/plain", "text/html")
JSON_TYPE = "application/json"

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


@dataclass(frozen=True)
class ServeOptions:
    """What a worker needs to answer: the engine's pipeline and lexicons, and the limits."""

    spacy_model: str = "auto"
    lexicons: tuple[str, ...] = ()
    max_request_bytes: int = 2_000_000
    request_timeout: float = 30.0
    api_key: str | None = field(default=None, repr=False)

    def to_env(self) -> str:
        """The options as JSON for the workers, without the key (they read it themselves)."""
        return json.dumps({**asdict(self), "api_key": None})

    @classmethod
    def from_env(cls) -> "ServeOptions":
        raw = json.loads(os.environ.get(OPTIONS_ENV) or "{}")
        raw["lexicons"] = tuple(raw.get("lexicons", ()))
        raw["api_key"] = os.environ.get(API_KEY_ENV) or None
        return cls(**raw)


def require() -> None:
    """FastAPI and uvicorn, or a one-line install hint."""
    try:
        import fastapi  # noqa: F401
        import fastapi_offline  # noqa: F401
        import uvicorn  # noqa: F401
    except ImportError:
        raise ResourceMissingError(
            "framing serve needs FastAPI, fastapi-offline and uvicorn: "
            "pip install 'framing-toolkit[serve]'"
        ) from None


class RequestError(Exception):
    """A request the service refuses: HTTP status and a one-line reason."""

    def __init__(self, status: int, detail: str) -> None:
        super().__init__(detail)
        self.status, self.detail = status, detail


class _TooLarge(Exception):
    pass


class BodyLimit:
    """ASGI middleware: 413 for a body over ``limit`` bytes, decided from Content-Length when
    given and while reading otherwise, so a large body is never held whole."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope["headers"]).get(b"content-length", b"0")
        if not length.isdigit() or int(length) > self.limit:
            await self._refuse(send)
            return
        seen = 0
        started = False

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.limit:
                raise _TooLarge
            return message

        async def tracked(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, limited, tracked)
        except _TooLarge:
            if not started:
                await self._refuse(send)

    async def _refuse(self, send: Send) -> None:
        body = json.dumps({"detail": f"request body larger than {self.limit} bytes"}).encode(
            "utf-8"
        )
        headers = [(b"content-type", b"application/json"), (b"content-length", b"%d" % len(body))]
        await send({"type": "http.response.start", "status": 413, "headers": headers})
        await send({"type": "http.response.body", "body": body})


def _text(body: bytes) -> str:
    """A request body as text: UTF-8, no NUL characters (that is a binary file)."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise RequestError(422, f"body is not UTF-8 text (byte {exc.start})") from None
    if "\x00" in text:
        raise RequestError(422, "body is binary (it holds NUL characters), not text")
    return text


def _json_object(body: bytes) -> dict[str, Any]:
    try:
        value = json.loads(_text(body))
    except json.JSONDecodeError as exc:
        raise RequestError(422, f"malformed JSON: {exc.msg} at line {exc.lineno}") from None
    if not isinstance(value, dict):
        raise RequestError(422, "the JSON body must be an object")
    return value


def _media_type(content_type: str | None) -> str:
    return (content_type or "").split(";")[0].strip().lower()


def score_arguments(content_type: str | None, body: bytes) -> dict[str, Any]:
    """``POST /v1/score``'s body as the keyword arguments of :func:`framing.api.score_input`."""
    media = _media_type(content_type)
    if media == "text/plain":
        return {"text": _text(body)}
    if media == "text/html":
        return {"html": _text(body)}
    if media != JSON_TYPE:
        raise RequestError(
            415,
            f"unsupported content type {media or '(none)'!r}; use text/plain, text/html "
            "or application/json",
        )
    value = _json_object(body)
    given = sorted(set(value) & {"text", "html", "record"})
    unknown = sorted(set(value) - {"text", "html", "record"})
    if unknown or len(given) != 1:
        raise RequestError(
            422,
            "give exactly one of 'text', 'html' or 'record'"
            + (f" (unknown: {', '.join(unknown)})" if unknown else ""),
        )
    (key,) = given
    wanted = dict if key == "record" else str
    if not isinstance(value[key], wanted):
        raise RequestError(422, f"'{key}' must be {'an object' if key == 'record' else 'a string'}")
    if key != "record" and "\x00" in value[key]:
        raise RequestError(422, f"'{key}' holds NUL characters: binary, not text")
    return {key: value[key]}


def diff_arguments(content_type: str | None, body: bytes) -> tuple[str, str]:
    """``POST /v1/diff``'s body: the source and rewrite texts."""
    if _media_type(content_type) != JSON_TYPE:
        raise RequestError(415, 'use application/json: {"source": …, "rewrite": …}')
    value = _json_object(body)
    texts = [value.get(k) for k in ("source", "rewrite")]
    if set(value) != {"source", "rewrite"} or not all(isinstance(t, str) for t in texts):
        raise RequestError(422, "give 'source' and 'rewrite', both strings, and nothing else")
    if any("\x00" in str(t) for t in texts):
        raise RequestError(422, "'source' and 'rewrite' must be text, not binary")
    return str(texts[0]), str(texts[1])


_TEXT_BODY = {"type": "string", "description": "The article: a raw page dump or an HTML page."}
_SCORE_JSON = {
    "type": "object",
    "description": "Exactly one of text, html or record.",
    "properties": {
        "text": {"type": "string"},
        "html": {"type": "string"},
        "record": {
            "type": "object",
            "description": "A record as in a JSON Lines file: text plus metadata "
            "(title, outlet, date, url, byline, …).",
            "properties": {"text": {"type": "string"}},
            "required": ["text"],
        },
    },
    "additionalProperties": False,
    "minProperties": 1,
    "maxProperties": 1,
}
_DIFF_JSON = {
    "type": "object",
    "properties": {"source": {"type": "string"}, "rewrite": {"type": "string"}},
    "required": ["source", "rewrite"],
    "additionalProperties": False,
}
_ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"description": what}
    for code, what in (
        (401, "API key missing or wrong"),
        (413, "request body too large"),
        (415, "unsupported content type"),
        (422, "malformed or unreadable input"),
        (503, "scoring took longer than the time limit"),
    )
}


def create_app(options: ServeOptions | None = None) -> "FastAPI":
    """The FastAPI application of one worker (one engine, one scoring thread)."""
    require()
    from fastapi import Depends, Request
    from fastapi.responses import JSONResponse
    from fastapi_offline import FastAPIOffline

    opts = options if options is not None else ServeOptions.from_env()
    state: dict[str, str] = {}
    threads: list[ThreadPoolExecutor] = []

    def executor() -> ThreadPoolExecutor:
        """The worker's one scoring thread (made anew after a lifespan ended)."""
        if not threads:
            threads.append(ThreadPoolExecutor(max_workers=1, thread_name_prefix="framing-score"))
        return threads[0]

    @asynccontextmanager
    async def lifespan(_: "FastAPI") -> AsyncIterator[None]:
        loop = asyncio.get_running_loop()
        state["pipeline"] = await loop.run_in_executor(
            executor(), lambda: api.warm_up(opts.spacy_model, opts.lexicons)
        )
        yield
        threads.pop().shutdown(wait=False, cancel_futures=True)

    # /docs and /redoc from files fastapi-offline ships, not from a CDN (works offline)
    app = FastAPIOffline(
        title="framing",
        version=__version__,
        description="Measure how a news article frames its story: humanitarian vs strategic "
        "language, hedging, attribution, readability, tone, with the evidence behind every "
        "number. Every score carries schema_version, lexicon hash and pipeline.",
        lifespan=lifespan,
    )

    @app.exception_handler(RequestError)
    async def refused(_: Request, exc: RequestError) -> JSONResponse:
        return JSONResponse({"detail": exc.detail}, status_code=exc.status)

    def authorised(request: Request) -> None:
        if opts.api_key is None:
            return
        given = request.headers.get("x-api-key") or ""
        bearer = request.headers.get("authorization") or ""
        if bearer.lower().startswith("bearer "):
            given = given or bearer[7:].strip()
        if not hmac.compare_digest(given.encode("utf-8"), opts.api_key.encode("utf-8")):
            raise RequestError(401, "missing or wrong API key (X-API-Key header)")

    async def run(call: Callable[[], Any]) -> Any:
        loop = asyncio.get_running_loop()
        try:
            return await asyncio.wait_for(
                loop.run_in_executor(executor(), call), timeout=opts.request_timeout
            )
        except TimeoutError:
            raise RequestError(
                503, f"scoring took longer than {opts.request_timeout:g} s; send a shorter text"
            ) from None
        except ConfigError as exc:
            raise RequestError(400, str(exc)) from None
        except FramingError as exc:  # unreadable input: no text, no article in the page, …
            raise RequestError(422, str(exc).splitlines()[0]) from None

    def body_spec(content: dict[str, Any]) -> dict[str, Any]:
        return {"requestBody": {"required": True, "content": content}}

    @app.post(
        "/v1/score",
        dependencies=[Depends(authorised)],
        summary="Score one article",
        responses=_ERRORS,
        openapi_extra=body_spec(
            {
                JSON_TYPE: {"schema": _SCORE_JSON},
                "text/plain": {"schema": _TEXT_BODY},
                "text/html": {"schema": _TEXT_BODY},
            }
        ),
    )
    async def score(request: Request) -> JSONResponse:
        """The article's metrics, evidence spans and provenance: the JSON of
        `framing score --format json` (schema: GET /v1/schema)."""
        arguments = score_arguments(request.headers.get("content-type"), await request.body())
        result = await run(
            lambda: api.score_input(
                **arguments, spacy_model=opts.spacy_model, lexicons=opts.lexicons
            )
        )
        return JSONResponse(result.to_dict())

    @app.post(
        "/v1/diff",
        dependencies=[Depends(authorised)],
        summary="What a rewrite changed",
        responses=_ERRORS,
        openapi_extra=body_spec({JSON_TYPE: {"schema": _DIFF_JSON}}),
    )
    async def diff(request: Request) -> JSONResponse:
        """Aligned sentences and the changes: numbers, dates, quotes, attribution, hedging,
        inserted commentary (the JSON of `framing diff --format json`)."""
        source, rewrite = diff_arguments(request.headers.get("content-type"), await request.body())
        result = await run(
            lambda: api.diff_texts(
                source, rewrite, spacy_model=opts.spacy_model, lexicons=opts.lexicons
            )
        )
        return JSONResponse(result.to_dict())

    @app.get("/v1/metrics", dependencies=[Depends(authorised)], summary="The metric registry")
    async def metrics() -> list[dict[str, Any]]:
        """Every metric: family, definition, unit, range and citation."""
        return api.metric_registry()

    @app.get("/v1/schema", dependencies=[Depends(authorised)], summary="Output JSON Schema")
    async def schema() -> dict[str, Any]:
        """The JSON Schema of POST /v1/score's answer."""
        return api.output_schema()

    @app.get("/healthz", summary="Liveness")
    async def healthz() -> dict[str, Any]:
        """Versions and the pipeline this worker loaded (no key needed)."""
        return {
            "status": "ok",
            "version": __version__,
            "schema_version": api.SCHEMA_VERSION,
            "pipeline": state.get("pipeline"),
            "auth": opts.api_key is not None,
        }

    app.add_middleware(BodyLimit, limit=opts.max_request_bytes)
    return app


def app_from_env() -> "FastAPI":
    """The factory uvicorn's workers call (``framing.serve.app:app_from_env``)."""
    return create_app(ServeOptions.from_env())


def run_server(options: ServeOptions, host: str, port: int, workers: int) -> None:
    """Serve until interrupted: ``workers`` processes, each with its own engine."""
    require()
    import uvicorn

    os.environ[OPTIONS_ENV] = options.to_env()
    if options.api_key is not None:
        os.environ[API_KEY_ENV] = options.api_key
    uvicorn.run(
        "framing.serve.app:app_from_env",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="warning",
        timeout_graceful_shutdown=5,
    )
