"""Crash safety: `kill -9` at any moment of an ingest leaves a usable, consistent index.

Every document listed is whole (exactly its registered passages, ids contiguous),
readers never cite a document that is not listed, questions are answered, and the
next ingest completes so that the index equals one built in one go.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot.config import Settings
from bot.service import QAService

PROJECT_DIR = Path(__file__).resolve().parents[2]

# (file name, conference date, speaker, distinctive fact sentence, question, answer)
FACTS = [
    ("2021-03-04_harbour.txt", "2021-03-04", "MINISTER OKAFOR",
     "The harbour authority dredged 417 kilometres of shipping channel this winter.",
     "How many kilometres of shipping channel did the harbour authority dredge?", "417"),
    ("2021-05-11_orchards.txt", "2021-05-11", "SECRETARY LINDQVIST",
     "Frost destroyed 2,315 hectares of apple orchards in the northern valleys.",
     "How many hectares of apple orchards did frost destroy?", "2,315"),
    ("2021-07-19_bridges.txt", "2021-07-19", "COMMISSIONER PATEL",
     "Inspectors closed 86 rusted footbridges after the spring survey.",
     "How many rusted footbridges did inspectors close?", "86"),
    ("2021-09-02_libraries.txt", "2021-09-02", "MAYOR DUBOIS",
     "The city lent 9,140 telescopes through its public libraries last year.",
     "How many telescopes did the city lend through its public libraries?", "9,140"),
    ("2021-11-23_glaciers.txt", "2021-11-23", "DR. HALVORSEN",
     "Survey teams measured 53 retreating glaciers across the eastern range.",
     "How many retreating glaciers did survey teams measure?", "53"),
]


def _transcript(title: str, date: str, speaker: str, fact: str, n: int) -> str:
    filler = " ".join(
        f"Paragraph {i} of the {title.lower()} briefing covers routine matters such as "
        f"staffing, schedules and the budget review number {i + n}." for i in range(6))
    return (
        f"Title: {title}\nDate: {date}\n---\n\n"
        f"{speaker}: Good morning. {fact} We will publish the full figures next week.\n\n"
        f"Q: Can you say more about the plan for the coming months?\n\n"
        f"{speaker}: {filler}\n\n"
        f"Q: What comes next?\n\n"
        f"{speaker}: {filler} That concludes today's briefing.\n"
    )


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("crash-docs")
    for n, (name, date, speaker, fact, _, _) in enumerate(FACTS):
        title = name.split("_", 1)[1].removesuffix(".txt").title() + " briefing"
        (root / name).write_text(_transcript(title, date, speaker, fact, n))
    return root


@pytest.fixture(scope="module")
def reference(folder: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, float]:
    """The index built in one go by the CLI: (doc ids → [(passage id, text)], seconds taken)."""
    index_dir = tmp_path_factory.mktemp("crash-ref")
    started = time.monotonic()
    done = subprocess.run(_ingest_cmd(folder, index_dir), cwd=PROJECT_DIR, env=_env(),
                          capture_output=True, timeout=300)
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    return _snapshot(QAService(Settings(index_dir=index_dir))), time.monotonic() - started


def _snapshot(service: QAService) -> dict[str, list[tuple[str, str]]]:
    return {d.doc_id: [(p.id, p.text) for p in service.passages(d.doc_id)]
            for d in service.documents()}


def _ingest_cmd(folder: Path, index_dir: Path) -> list[str]:
    return [sys.executable, "-m", "bot.cli", "ingest", str(folder), "--index", str(index_dir)]


def _env() -> dict[str, str]:
    env = dict(os.environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1",
               ANONYMIZED_TELEMETRY="False")
    env.pop("PRESSBOT_CHROMA_URL", None)
    return env


def _check_consistent(index_dir: Path) -> QAService:
    """The invariants every reader relies on, in a fresh service.

    Chroma caches an embedded store per path in a process, so an index another process
    wrote after this one opened it is checked in a new process (`_check_in_subprocess`).
    """
    service = QAService(Settings(index_dir=index_dir))
    docs = {d.doc_id: d for d in service.documents()}
    for doc_id, info in docs.items():
        passages = service.passages(doc_id)
        assert len(passages) == info.passages, (doc_id, len(passages), info.passages)
        assert [p.n for p in passages] == list(range(info.passages)), doc_id
        assert [p.id for p in passages] == [f"{doc_id}#{n}" for n in range(info.passages)]
        assert service.get_document(doc_id) is not None
    # the keyword index holds whole documents only
    keyword_docs = {pid.rsplit("#", 1)[0] for pid in service.index.keyword().ids}
    assert keyword_docs == set(docs)
    # readers never cite an absent document, orphans or not; present ones answer
    for name, _, _, _, question, answer in FACTS:
        for c in service.search(question, k=10):
            assert c.doc_id in docs, c.doc_id
        result = service.ask(question)
        assert {c.doc_id for c in result.citations} <= set(docs)
        if name in docs:
            assert result.answered and answer in (result.answer or ""), (question, result)
            assert result.citations[0].doc_id == name
    return service


def _check_in_subprocess(index_dir: Path) -> int:
    """`_check_consistent` in a new process; the number of documents listed."""
    code = ("import sys; from pathlib import Path; "
            "from tests.index.test_crash import _check_consistent; "
            "print('DOCS', len(_check_consistent(Path(sys.argv[1])).documents()))")
    done = subprocess.run([sys.executable, "-c", code, str(index_dir)], cwd=PROJECT_DIR,
                          env=_env(), capture_output=True, timeout=300)
    assert done.returncode == 0, done.stderr.decode(errors="replace")[-3000:]
    return int(done.stdout.decode().rsplit("DOCS", 1)[1])


def _kill_during(folder: Path, index_dir: Path, rng: random.Random, full: float,
                 after_indexed: int) -> None:
    """Run the ingest and SIGKILL it: `after_indexed` 0 kills at a random moment of the
    start (imports, model loading); n > 0 kills a random instant after the n-th file was
    reported indexed, that is while the next file is embedded and written."""
    proc = subprocess.Popen(_ingest_cmd(folder, index_dir), cwd=PROJECT_DIR, env=_env(),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        if after_indexed == 0:
            time.sleep(rng.uniform(0.05, 0.6) * full)
        else:
            seen = 0
            assert proc.stderr is not None
            for line in proc.stderr:
                seen += line.lstrip().startswith("indexed")
                if seen >= after_indexed:
                    break
            time.sleep(rng.uniform(0.0, 0.15))
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        if proc.stderr is not None:
            proc.stderr.close()


def test_kill_9_during_ingest_leaves_a_whole_index(folder: Path, reference: tuple[dict, float],
                                                   tmp_path: Path) -> None:
    expected, full = reference
    # seed → how far the ingest gets: model loading, then writes early and late in the run
    for seed, after_indexed in [(11, 0), (23, 1), (37, 3)]:
        rng = random.Random(seed)
        index_dir = tmp_path / f"seed-{seed}"
        _kill_during(folder, index_dir, rng, full, after_indexed)
        if (index_dir / "chroma").exists():
            listed = _check_in_subprocess(index_dir)  # the state the kill left, as read
            if after_indexed:  # killed after n files: those n at least are whole and listed
                assert after_indexed <= listed <= len(FACTS), (seed, listed)
        again = subprocess.run(_ingest_cmd(folder, index_dir), cwd=PROJECT_DIR, env=_env(),
                               capture_output=True, timeout=300)
        assert again.returncode == 0, (seed, again.stderr.decode(errors="replace"))
        service = _check_consistent(index_dir)  # first opened in this process here
        assert _snapshot(service) == expected, seed


def test_orphan_passages_are_ignored_by_readers_and_swept(
        folder: Path, reference: tuple[dict, float], tmp_path: Path) -> None:
    """A write interrupted after its passages but before the document record."""
    service = QAService(Settings(index_dir=tmp_path / "index"))
    service.ingest(folder)
    victim = FACTS[0][0]
    doc = service.get_document(victim)
    assert doc is not None
    service.index.store.docs.delete(ids=[victim])  # as if killed before the record was written
    service.index.refresh()
    fresh = QAService(Settings(index_dir=tmp_path / "index"))
    assert victim not in {d.doc_id for d in fresh.documents()}
    for c in fresh.search(FACTS[0][4], k=20):
        assert c.doc_id != victim
    assert all(c.doc_id != victim for c in fresh.ask(FACTS[0][4]).citations)
    expected, _ = reference
    assert fresh.index.store.sweep_orphans() == len(expected[victim])
    fresh.ingest(folder)
    assert _snapshot(fresh) == expected
