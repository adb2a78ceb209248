"""The store and keyword index on a real embedded Chroma."""

from __future__ import annotations

from pathlib import Path

from bot.index.keyword import KeywordIndex
from bot.index.store import filters_to_where
from bot.schema import Filters
from bot.tokens import tokenize

SEED = "2022-09-27_tianshan_xinjiang_industry_presser.txt"


def test_tokenize_keeps_figures_whole() -> None:
    assert "3002" in tokenize("solve 3,002 difficulties")
    assert "8.8" in tokenize("At 8.8 percent, the rate")
    assert "the" not in tokenize("the rate")


def test_filters_translate_to_where() -> None:
    where = filters_to_where(Filters(date_from="2022-01-01", source="X"), ["a.txt"])
    assert where == {"$and": [{"date_int": {"$gte": 20220101}}, {"source": {"$eq": "X"}},
                              {"doc_id": {"$in": ["a.txt"]}}]}
    assert filters_to_where(None) is None


def test_reingest_unchanged_embeds_nothing(make_service, corpus_dir: Path, tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / SEED).write_bytes((corpus_dir / SEED).read_bytes())
    service = make_service()
    first = service.ingest(folder)
    assert [f.status for f in first.files] == ["indexed"]
    count = service.index.store.count()
    before = service.index.embeddings.embed_array
    calls: list[int] = []
    service.index.embeddings.embed_array = lambda texts, **kw: calls.append(len(texts)) or before(
        texts, **kw)
    second = service.ingest(folder)
    assert [f.status for f in second.files] == ["unchanged"]
    assert calls == []
    assert service.index.store.count() == count


def test_changed_file_replaces_its_passages_and_keyword_index_follows(
        make_service, corpus_dir: Path, tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    target = folder / "a.txt"
    target.write_text("Title: A\nDate: 2020-01-02\n---\nMR. SMITH: The zebra count is 41.\n")
    service = make_service()
    service.ingest(folder)
    assert service.index.keyword().search("zebra", 5)
    target.write_text("Title: A\nDate: 2020-01-02\n---\nMR. SMITH: The giraffe count is 42.\n")
    report = service.ingest(folder)
    assert [f.status for f in report.files] == ["indexed"]
    assert service.index.keyword().search("zebra", 5) == []
    assert service.index.keyword().search("giraffe", 5)
    assert service.index.store.count() == 1
    reopened = make_service()  # a new process: keyword index loaded from disk
    assert isinstance(reopened.index.keyword(), KeywordIndex)
    assert reopened.index.keyword().search("giraffe", 5)
