"""Embedding in worker processes: the same vectors, in order, and no process left behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import numpy as np
import pytest

from bot.config import PROJECT_DIR, Settings
from bot.index.embed_workers import EmbeddingPool
from bot.index.embeddings import PackagedEmbeddings

TEXTS = [
    "The Committee decided to raise the target range for the federal funds rate.",
    "Inflation remains elevated.",
    "We have solved 3,002 difficulties for companies by September 25.",
    "Q: Mr. Chairman, how do you see the labor market evolving over the next year?",
    "Thank you.",
    "The ferry carried 2,400 passengers in the week to Sunday, up from 1,900.",
    "Vaccines are free and available at pharmacies across the country.",
]


@pytest.mark.parametrize("backend", ["torch", "onnx"])
def test_workers_give_each_text_its_own_vector(backend: str) -> None:
    cache = Settings().model_cache_dir
    pool = EmbeddingPool(2, 4, backend, cache)  # type: ignore[arg-type]
    try:
        vectors = pool.submit(TEXTS).result()
        empty = pool.submit([]).result()
    finally:
        pool.close()
    reference = PackagedEmbeddings(4, "torch", precision="fp32").embed_array(TEXTS)
    assert vectors.shape == reference.shape
    cosines = np.sum(vectors * reference, axis=1)
    assert cosines.min() > 0.999, cosines
    assert empty.shape[0] == 0


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with open(f"/proc/{pid}/stat") as stat:  # a zombie is dead too
        return stat.read().split()[2] != "Z"


def test_workers_exit_when_their_parent_is_killed() -> None:
    code = ("from bot.index.embed_workers import EmbeddingPool\n"
            "import time\n"
            "pool = EmbeddingPool(2, 4)\n"
            "pool.submit(['warm up', 'the workers']).result()\n"
            "print(*pool._executor._processes, flush=True)\n"
            "time.sleep(600)\n")
    parent = subprocess.Popen([sys.executable, "-c", code], cwd=PROJECT_DIR,
                              stdout=subprocess.PIPE, text=True,
                              env=dict(os.environ, HF_HUB_OFFLINE="1"))
    assert parent.stdout is not None
    workers = [int(pid) for pid in parent.stdout.readline().split()]
    assert len(workers) == 2 and all(_alive(pid) for pid in workers)
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 20
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not any(_alive(pid) for pid in workers)
