"""A Chroma server (`chroma run`) shared by several app replicas (`PRESSBOT_CHROMA_URL`)."""

from __future__ import annotations

import time
import uuid
from pathlib import Path

import pytest

from bot.service import QAService
from tests.index.conftest import server_settings, write_folder

DOCS = {
    "2022-02-08_ports.txt": (
        "Title: Ports briefing\nDate: 2022-02-08\n---\n\n"
        "MINISTER ADEYEMI: Good morning. The new container terminal handled 731 ships in its "
        "first quarter, ahead of the forecast.\n\n"
        "Q: What about the rail link to the terminal?\n\n"
        "MINISTER ADEYEMI: The rail link will open in October after the signalling upgrade.\n"),
    "2022-04-14_forests.txt": (
        "Title: Forests briefing\nDate: 2022-04-14\n---\n\n"
        "DIRECTOR NAKAMURA: Volunteers planted 58,200 oak saplings along the river this "
        "spring.\n\n"
        "Q: Will the planting continue next year?\n\n"
        "DIRECTOR NAKAMURA: Yes, the programme is funded through the end of next year.\n"),
}
PORTS_Q = "How many ships did the new container terminal handle in its first quarter?"
FORESTS_Q = "How many oak saplings did volunteers plant along the river?"


@pytest.fixture
def replicas(chroma_url: str, tmp_path: Path):
    """Two QAServices on one server collection (unique per test), local folders apart."""
    collection = f"t{uuid.uuid4().hex[:12]}"

    def make(name: str, refresh: float = 0.0) -> QAService:
        return QAService(server_settings(tmp_path / name, chroma_url, collection, refresh))

    return make


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return write_folder(tmp_path / "docs", DOCS)


def _answer_key(service: QAService, question: str) -> tuple:
    a = service.ask(question)
    return (a.answered, a.answer, [(c.doc_id, c.passage_id, c.quote) for c in a.citations])


def test_two_replicas_answer_alike_and_follow_each_others_writes(replicas, folder: Path,
                                                                  tmp_path: Path) -> None:
    writer, reader = replicas("a"), replicas("b")
    assert reader.documents() == []  # the reader caches an empty registry first
    report = writer.ingest(folder)
    assert sorted(f.status for f in report.files) == ["indexed", "indexed"]
    # the reader notices the writer's ingest and rebuilds its keyword index from the server
    assert {d.doc_id for d in reader.documents()} == set(DOCS)
    ported = _answer_key(writer, PORTS_Q)
    assert ported[0] and "731" in (ported[1] or "")
    assert _answer_key(reader, PORTS_Q) == ported
    assert _answer_key(reader, FORESTS_Q) == _answer_key(writer, FORESTS_Q)
    assert reader.index.keyword().search("saplings", 5)
    # stateless replicas: no keyword files on local disk in server mode
    assert not any((tmp_path / name / "keyword").exists() for name in ("a", "b"))
    # a deletion through one replica is seen by the other's next ask
    assert reader.delete_document("2022-02-08_ports.txt")
    after = writer.ask(PORTS_Q)
    assert all(c.doc_id != "2022-02-08_ports.txt" for c in after.citations)
    assert "2022-02-08_ports.txt" not in {d.doc_id for d in writer.documents()}
    assert writer.index.keyword().search("container terminal", 5) == []


def test_refresh_interval_bounds_the_staleness_checks(replicas, folder: Path) -> None:
    writer, reader = replicas("a"), replicas("b", refresh=3.0)
    writer.index.embeddings.embed_query("load the model first")
    reader.documents()
    started = time.monotonic()
    writer.ingest(folder)
    if time.monotonic() - started < 2.5:
        assert reader.documents() == []  # within the interval: the cached registry
    time.sleep(3.1)
    assert {d.doc_id for d in reader.documents()} == set(DOCS)


def test_reingest_unchanged_through_another_replica_embeds_nothing(replicas,
                                                                    folder: Path) -> None:
    first, second = replicas("a"), replicas("b")
    first.ingest(folder)
    count = second.index.store.count()
    calls: list[int] = []
    embed = second.index.embeddings.embed_array
    second.index.embeddings.embed_array = lambda texts, **kw: calls.append(len(texts)) or embed(
        texts, **kw)
    report = second.ingest(folder)
    assert [f.status for f in report.files] == ["unchanged", "unchanged"]
    assert calls == []
    assert second.index.store.count() == count


def test_sweep_spares_a_write_in_progress_on_a_server(replicas, folder: Path) -> None:
    """Another replica's passages whose document record is not written yet are not swept."""
    service = replicas("a")
    service.ingest(folder)
    service.index.store.docs.delete(ids=["2022-04-14_forests.txt"])  # record not yet written
    assert service.index.store.sweep_orphans(3600.0) == 0
    assert service.index.store.sweep_orphans() > 0
