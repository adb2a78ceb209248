"""Load check: concurrent clients asking the dev questions over HTTP for a while.

    python bench/load.py                       # 16 clients, 60 s, on ../shared/corpus
    python bench/load.py --url http://127.0.0.1:7860 --pid 1234   # a server already running

Without --url it starts `pressbot serve` on a free loopback port over --index
(indexing ../shared/corpus there on first start), waits for /api/v1/readyz,
then runs the clients. Reports requests, errors, throughput, latency p50/p95/max
and the server process's peak memory (VmHWM: peak resident set since it started).
A benchmark, not a test: it prints figures and exits 1 only if a request failed.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

PROJECT = Path(__file__).resolve().parent.parent
SHARED = PROJECT.parent / "shared"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def memory_mb(pid: int) -> dict[str, float]:
    """Current (VmRSS) and peak (VmHWM) resident memory of `pid`, in MB."""
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            fields[key] = int(value.split()[0]) / 1024
    return fields


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    k = (len(ordered) - 1) * pct
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def start_server(index: Path, corpus: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = {**os.environ, "PRESSBOT_CORPUS_DIR": str(corpus)}
    proc = subprocess.Popen([sys.executable, "-m", "bot.cli", "serve", "--index", str(index),
                             "--port", str(port)], env=env, stdout=subprocess.DEVNULL,
                            stderr=sys.stderr)
    return proc, f"http://127.0.0.1:{port}"


def wait_ready(url: str, proc: subprocess.Popen | None, timeout_s: float = 1800) -> float:
    started = time.monotonic()
    while time.monotonic() - started < timeout_s:
        if proc is not None and proc.poll() is not None:
            raise SystemExit(f"the server exited with {proc.returncode}")
        try:
            if httpx.get(f"{url}/api/v1/readyz", timeout=5).status_code == 200:
                return time.monotonic() - started
        except httpx.TransportError:
            pass
        time.sleep(0.5)
    raise SystemExit("the server was not ready in time")


async def run_load(url: str, questions: list[str], clients: int, seconds: float,
                   pid: int | None) -> dict:
    latencies: list[float] = []
    errors: list[str] = []
    peak_rss = 0.0
    order = itertools.cycle(questions)
    stop_at = time.monotonic() + seconds

    async def client(http: httpx.AsyncClient) -> None:
        while time.monotonic() < stop_at:
            question = next(order)
            started = time.perf_counter()
            try:
                reply = await http.post("/api/v1/ask", json={"question": question})
                if reply.status_code != 200 or "answered" not in reply.json():
                    errors.append(f"{reply.status_code}: {reply.text[:200]}")
                    continue
            except (httpx.HTTPError, ValueError) as exc:
                errors.append(f"{type(exc).__name__}: {exc}")
                continue
            latencies.append((time.perf_counter() - started) * 1000)

    async def sample_memory() -> None:
        nonlocal peak_rss
        while time.monotonic() < stop_at and pid is not None:
            peak_rss = max(peak_rss, memory_mb(pid).get("VmRSS", 0.0))
            await asyncio.sleep(0.25)

    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=url, timeout=120, limits=limits) as http:
        began = time.monotonic()
        await asyncio.gather(sample_memory(), *(client(http) for _ in range(clients)))
        elapsed = time.monotonic() - began
    result = {
        "clients": clients, "seconds": round(elapsed, 1), "requests": len(latencies),
        "errors": len(errors), "throughput_rps": round(len(latencies) / elapsed, 2),
        "p50_ms": round(percentile(latencies, 0.5), 1),
        "p95_ms": round(percentile(latencies, 0.95), 1),
        "max_ms": round(max(latencies, default=0.0), 1),
        "first_errors": errors[:5],
    }
    if pid is not None:
        mem = memory_mb(pid)
        result["server_rss_peak_during_load_mb"] = round(max(peak_rss, mem["VmRSS"]), 1)
        result["server_peak_mb_since_start"] = round(mem["VmHWM"], 1)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", help="a running server (else one is started)")
    parser.add_argument("--pid", type=int, help="that server's process id, for its memory")
    parser.add_argument("--index", type=Path, default=Path("/tmp/pressbot-bench-index"))
    parser.add_argument("--corpus", type=Path, default=SHARED / "corpus",
                        help="indexed on first start when --index is empty")
    parser.add_argument("--questions", type=Path, default=SHARED / "eval" / "dev.jsonl")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--out", type=Path, help="also write the figures as JSON")
    args = parser.parse_args(argv)

    questions = [json.loads(line)["question"] for line in
                 args.questions.read_text(encoding="utf-8").splitlines() if line.strip()]
    proc = None
    url, pid = args.url, args.pid
    if url is None:
        proc, url = start_server(args.index, args.corpus)
        pid = proc.pid
    try:
        ready_s = wait_ready(url, proc)
        result = asyncio.run(run_load(url, questions, args.clients, args.seconds, pid))
        result["ready_after_s"] = round(ready_s, 1)
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait(timeout=60)
    print(json.dumps(result, indent=1))
    if args.out:
        args.out.write_text(json.dumps(result, indent=1))
    return 1 if result["errors"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
