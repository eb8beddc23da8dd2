"""A bounded load run against a real ``framing serve`` (uvicorn) on 127.0.0.1 only.

    .venv/bin/python benchmarks/serve_load.py                       # 2,000 requests, 8 at a time
    .venv/bin/python benchmarks/serve_load.py --requests 500 --concurrency 4 --workers 2

Starts the server as a subprocess on a free loopback port (blank pipeline by default), waits for
``/healthz``, sends the five seeds in turn to ``POST /v1/score`` (text/plain) with a fixed number
of requests in flight, then stops the server. Prints p50/p95/max latency, throughput, errors
(any status but 200, or a failed connection) and the server's resident memory after warm-up and
after the run. Bounded in count (``--requests``) and time (``--deadline`` seconds), and it never
targets anything but 127.0.0.1. A benchmark, not a test: numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def rss_kib(pid: int) -> int:
    """Resident memory of ``pid`` and its children (uvicorn's workers), in KiB."""
    total = 0
    pids = [pid]
    children = Path(f"/proc/{pid}/task/{pid}/children")
    if children.exists():
        pids += [int(p) for p in children.read_text().split()]
    for p in pids:
        for line in Path(f"/proc/{p}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
    return total


async def wait_healthy(base: str, deadline: float) -> dict[str, object]:
    async with httpx.AsyncClient() as client:
        while time.monotonic() < deadline:
            try:
                r = await client.get(f"{base}/healthz", timeout=2)
                if r.status_code == 200 and r.json().get("pipeline"):
                    return dict(r.json())
            except httpx.HTTPError:
                pass
            await asyncio.sleep(0.2)
    raise SystemExit("server did not become healthy in time")


async def load(
    base: str, bodies: list[bytes], n: int, concurrency: int, deadline: float
) -> tuple[list[float], dict[str, int]]:
    latencies: list[float] = []
    errors: dict[str, int] = {}
    queue: asyncio.Queue[int] = asyncio.Queue()
    for i in range(n):
        queue.put_nowait(i)

    async def worker(client: httpx.AsyncClient) -> None:
        while time.monotonic() < deadline:
            try:
                i = queue.get_nowait()
            except asyncio.QueueEmpty:
                return
            start = time.perf_counter()
            try:
                r = await client.post(
                    f"{base}/v1/score",
                    content=bodies[i % len(bodies)],
                    headers={"content-type": "text/plain"},
                    timeout=60,
                )
                key = None if r.status_code == 200 else str(r.status_code)
            except httpx.HTTPError as exc:
                key = type(exc).__name__
            latencies.append(time.perf_counter() - start)
            if key is not None:
                errors[key] = errors.get(key, 0) + 1

    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(limits=limits) as client:
        await asyncio.gather(*(worker(client) for _ in range(concurrency)))
    return latencies, errors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--spacy-model", default="blank")
    parser.add_argument("--deadline", type=float, default=900, help="stop after this many s")
    args = parser.parse_args()

    port = free_port()
    base = f"http://{HOST}:{port}"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("FRAMING_API_KEY", None)
    command = [
        sys.executable, "-c", "from framing.cli import main; main()", "serve",
        "--host", HOST, "--port", str(port), "--workers", str(args.workers),
        "--spacy-model", args.spacy_model,
    ]  # fmt: skip
    server = subprocess.Popen(command, env=env, cwd=ROOT, start_new_session=True)
    try:
        end = time.monotonic() + args.deadline
        health = asyncio.run(wait_healthy(base, time.monotonic() + 120))
        bodies = [p.read_bytes() for p in sorted((ROOT / "seeds").glob("*.txt"))]
        # warm-up: every body once, so memory "before" is the steady state's start
        asyncio.run(load(base, bodies, len(bodies), 1, end))
        before = rss_kib(server.pid)
        started = time.perf_counter()
        latencies, errors = asyncio.run(load(base, bodies, args.requests, args.concurrency, end))
        wall = time.perf_counter() - started
        after = rss_kib(server.pid)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)

    cuts = statistics.quantiles(latencies, n=100)
    result = {
        "requests": len(latencies),
        "concurrency": args.concurrency,
        "workers": args.workers,
        "pipeline": health["pipeline"],
        "errors": sum(errors.values()),
        "errors_by_kind": errors,
        "p50_ms": round(cuts[49] * 1000, 1),
        "p95_ms": round(cuts[94] * 1000, 1),
        "max_ms": round(max(latencies) * 1000, 1),
        "requests_per_s": round(len(latencies) / wall, 1),
        "rss_before_mib": round(before / 1024, 1),
        "rss_after_mib": round(after / 1024, 1),
        "rss_growth_percent": round(100 * (after - before) / before, 1),
    }
    print(json.dumps(result, indent=2))
    if result["errors"] or len(latencies) < args.requests:
        sys.exit(1)


if __name__ == "__main__":
    main()
