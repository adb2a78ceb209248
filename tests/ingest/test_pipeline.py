"""Ingesting many files at once: passages embedded across files, each document written whole."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from bot.config import Settings
from bot.ingest.pipeline import Ingester, embedding_text
from bot.service import QAService


def _briefing(n: int) -> str:
    return (f"Title: Harbour briefing {n}\nDate: 2023-05-0{n}\n---\n\n"
            f"MAYOR OKAFOR: The ferry carried {n},400 passengers in week {n}.\n\n"
            "Q: When does the night service start?\n\n"
            f"MAYOR OKAFOR: The night service starts on June {n}. It runs every hour.\n")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "docs"
    root.mkdir()
    for n in range(1, 6):
        (root / f"2023-05-0{n}_harbour.txt").write_text(_briefing(n))
    (root / "2023-05-03_broken.txt").write_bytes(b"")  # between two good files
    (root / "2023-05-04_twin.txt").write_text(_briefing(4))  # same text as a file before it
    return root


@pytest.mark.parametrize("workers", [1, 2])  # in this process; in two worker processes
def test_files_batched_together_are_reported_in_order_and_written_whole(
        folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers: int) -> None:
    monkeypatch.setattr(Ingester, "EMBED_BATCH", 7)  # a batch spans two or three files
    service = QAService(Settings(index_dir=tmp_path / "index", embedding_backend="torch",
                                 embed_workers=workers))
    report = service.ingest(folder)
    assert [(f.path, f.status) for f in report.files] == [
        ("2023-05-01_harbour.txt", "indexed"),
        ("2023-05-02_harbour.txt", "indexed"),
        ("2023-05-03_broken.txt", "failed"),
        ("2023-05-03_harbour.txt", "indexed"),
        ("2023-05-04_harbour.txt", "indexed"),
        ("2023-05-04_twin.txt", "duplicate"),
        ("2023-05-05_harbour.txt", "indexed"),
    ]
    store = service.index.store
    for f in report.files:
        if f.status == "indexed":
            passages = store.passages_of(f.path)
            assert len(passages) == f.passages
            assert str(f.path[8:10].lstrip("0")) + ",400" in " ".join(p.text for p in passages)
    # each passage's vector is its own text's, whichever batch it was embedded in
    passage = store.passages_of("2023-05-03_harbour.txt")[0]
    stored = store.passages.get(ids=[passage.id], include=["embeddings"])["embeddings"][0]
    alone = service.index.embeddings.embed_array([embedding_text(passage)])[0]
    assert float(np.dot(stored, alone)) > 0.999


def test_leftovers_are_swept_only_after_an_interrupted_write(folder: Path,
                                                              tmp_path: Path) -> None:
    service = QAService(Settings(index_dir=tmp_path / "index", embedding_backend="torch"))
    service.ingest(folder)
    marker = tmp_path / "index" / "ingest-in-progress"
    assert not marker.exists()  # a clean ingest leaves none
    store = service.index.store
    orphan = store.passages_of("2023-05-01_harbour.txt")[0]
    vector = store.passages.get(ids=[orphan.id], include=["embeddings"])["embeddings"][0]
    store.passages.upsert(ids=["leftover#0"], embeddings=[vector], documents=["half written"],
                          metadatas=[{"doc_id": "leftover", "content_hash": "x"}])
    service.ingest(folder)  # no marker: an unchanged re-ingest reads no passage metadata
    assert store.passages.get(ids=["leftover#0"])["ids"] == ["leftover#0"]
    marker.touch()  # what a killed ingest leaves behind
    service.ingest(folder)
    assert store.passages.get(ids=["leftover#0"])["ids"] == []
    assert not marker.exists()


def test_a_delete_marks_its_write_until_it_ends(folder: Path, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    service = QAService(Settings(index_dir=tmp_path / "index", embedding_backend="torch"))
    service.ingest(folder)
    marker = tmp_path / "index" / "ingest-in-progress"
    seen: list[bool] = []
    delete = service.index.store.delete_document
    monkeypatch.setattr(service.index.store, "delete_document",
                        lambda doc_id: seen.append(marker.exists()) or delete(doc_id))
    assert service.delete_document("2023-05-01_harbour.txt")
    assert seen == [True] and not marker.exists()
    assert "2023-05-01_harbour.txt" not in service.index.documents()
