"""Ingest and ask, against the embedded store and against a real `chroma run` server."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from bot.config import Settings
from bot.service import QAService
from tests.index.conftest import server_settings, write_folder

DOCS = {
    "2021-03-02_rail.txt": (
        "Title: Rail briefing\nDate: 2021-03-02\n---\n\n"
        "SECRETARY OKONJO: The night trains carried 48,300 passengers in February, twice "
        "the number of a year ago.\n\n"
        "Q: Who will run the new line to the coast?\n\n"
        "SECRETARY OKONJO: The new coastal line will be run by Harbourline Transit from "
        "September.\n"),
    "2021-06-15_water.txt": (
        "Title: Water briefing\nDate: 2021-06-15\n---\n\n"
        "COMMISSIONER LINDQVIST: The reservoir stood at 71 percent of capacity on Monday.\n\n"
        "Q: Will there be a hosepipe ban?\n\n"
        "COMMISSIONER LINDQVIST: No hosepipe ban is planned for this summer.\n"),
}


@pytest.fixture(params=["embedded", "server"])
def store_settings(request: pytest.FixtureRequest, tmp_path: Path):
    """Settings of a fresh index in either store (a new collection on the shared server)."""
    def make(name: str = "index") -> Settings:
        if request.param == "embedded":
            return Settings(index_dir=tmp_path / name)
        return server_settings(tmp_path / name, request.getfixturevalue("chroma_url"),
                               collection)

    collection = f"s{uuid.uuid4().hex[:12]}"
    return make


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return write_folder(tmp_path / "docs", {**DOCS, "empty.txt": ""})


def test_ingest_ask_reingest_prune(store_settings, folder: Path) -> None:
    service = QAService(store_settings())
    report = service.ingest(folder)
    statuses = {f.path: f.status for f in report.files}
    assert statuses == {"2021-03-02_rail.txt": "indexed", "2021-06-15_water.txt": "indexed",
                        "empty.txt": "failed"}
    answer = service.ask("How many passengers did the night trains carry in February?")
    assert answer.answered and "48,300" in (answer.answer or "")
    top = answer.citations[0]
    assert (top.doc_id, top.date) == ("2021-03-02_rail.txt", "2021-03-02")
    assert "48,300 passengers" in top.quote
    count = service.index.store.count()
    again = service.ingest(folder)
    assert {f.status for f in again.files if f.path != "empty.txt"} == {"unchanged"}
    assert service.index.store.count() == count
    (folder / "2021-06-15_water.txt").unlink()
    service.ingest(folder, prune=True)
    assert [d.doc_id for d in service.documents()] == ["2021-03-02_rail.txt"]
    water = service.ask("What share of capacity did the reservoir stand at on Monday?")
    assert all(c.doc_id != "2021-06-15_water.txt" for c in water.citations)


def test_a_second_service_on_the_same_index_answers_alike(store_settings, folder: Path) -> None:
    first = QAService(store_settings())
    first.ingest(folder)
    question = "Who will run the new coastal line?"
    expected = first.ask(question)
    assert expected.answered and "Harbourline" in (expected.answer or "")
    del first
    second = QAService(store_settings())
    got = second.ask(question)
    assert (got.answer, [c.passage_id for c in got.citations]) == (
        expected.answer, [c.passage_id for c in expected.citations])
