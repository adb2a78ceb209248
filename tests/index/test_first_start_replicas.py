"""Replicas started at once on an empty Chroma server: one indexes the corpus, none twice."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

from bot.config import Settings
from bot.index.store import PassageStore

PROJECT = Path(__file__).resolve().parents[2]
REPLICA = """
import json, sys, time
from pathlib import Path
from bot.app import index_corpus_if_empty
from bot.service import QAService
service = QAService()
Path(sys.argv[1]).touch()                      # ready: wait for the other replica
while len(list(Path(sys.argv[1]).parent.glob("ready-*"))) < 2:
    time.sleep(0.05)
report = index_corpus_if_empty(service, poll=0.2)
print(json.dumps({"indexed": None if report is None else
                  sum(f.status == "indexed" for f in report.files),
                  "documents": len(service.documents())}))
"""


def _corpus(root: Path) -> Path:
    root.mkdir()
    for n in range(4):
        (root / f"2023-0{n + 1}-10_briefing.txt").write_text(
            f"Title: Briefing {n}\nDate: 2023-0{n + 1}-10\n---\n\n"
            f"SPOKESPERSON ADEBAYO: The agency answered {1000 + n} letters this month.\n\n"
            "Q: And next month?\n\nSPOKESPERSON ADEBAYO: We expect about as many.\n")
    return root


def test_two_replicas_on_an_empty_server_index_the_corpus_once(chroma_url: str,
                                                               tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "corpus")
    collection = f"r{uuid.uuid4().hex[:12]}"
    env = {**os.environ, "PRESSBOT_CHROMA_URL": chroma_url, "PRESSBOT_COLLECTION": collection,
           "PRESSBOT_CORPUS_DIR": str(corpus), "PRESSBOT_INDEX_DIR": str(tmp_path / "local"),
           "PRESSBOT_EMBEDDING_BACKEND": "int8"}
    barrier = tmp_path / "barrier"
    barrier.mkdir()
    procs = [subprocess.Popen([sys.executable, "-c", REPLICA, str(barrier / f"ready-{i}")],
                              cwd=PROJECT, env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for i in range(2)]
    results = []
    for proc in procs:
        out, err = proc.communicate(timeout=600)
        assert proc.returncode == 0, err[-2000:]
        results.append(json.loads(out.strip().splitlines()[-1]))
    indexed = [r["indexed"] for r in results]
    assert indexed.count(None) == 1 and 4 in indexed, results  # one replica indexed, once
    assert [r["documents"] for r in results] == [4, 4]
    store = PassageStore(tmp_path / "check", collection, chroma_url)
    passages = store.passages.get(include=["metadatas"])
    assert len(passages["ids"]) == len(set(passages["ids"])) == store.count()
    assert sum(int(d.passages) for d in store.documents()) == store.count()
    assert Settings().chroma_url is None  # the environment of this process is untouched
