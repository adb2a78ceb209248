"""Documents and passages as compact records, and indexes written in the older form."""

from __future__ import annotations

from pathlib import Path

import chromadb
import numpy as np
from chromadb.config import Settings as ChromaSettings

from bot.index.records import decode_record, encode_record
from bot.index.store import STORE_FORMAT, DocumentWrite, PassageStore
from bot.ingest.parse import parse_transcript
from bot.ingest.passages import split_passages
from bot.ingest.pipeline import read_text_bytes
from bot.schema import ParsedDocument, Passage

SEED = "2022-09-27_tianshan_xinjiang_industry_presser.txt"
FOMC = "fomc/2022-09-21_fomc_presser.txt"


def _parsed(corpus_dir: Path, name: str) -> tuple[ParsedDocument, list[Passage]]:
    path = corpus_dir / name
    doc = parse_transcript(read_text_bytes(path.read_bytes(), name, 1 << 30, path), name, name)
    return doc, split_passages(doc, 700)


def test_a_record_gives_back_the_document_and_every_passage_field(corpus_dir: Path) -> None:
    for name in (SEED, FOMC):
        doc, passages = _parsed(corpus_dir, name)
        if name == FOMC:  # reporters' questions, and who asked them
            assert any(p.question for p in passages) and any(p.asker for p in passages)
        blob = encode_record(doc, passages)
        assert len(blob) < len(doc.model_dump_json())  # compressed, text kept once
        assert decode_record(blob) == (doc, passages)


def test_an_index_of_the_older_form_is_upgraded_on_open(corpus_dir: Path,
                                                        tmp_path: Path) -> None:
    """Format 1 kept each passage's text and fields in the passages collection and the
    document's JSON as the registry entry's Chroma document; it is read, not re-embedded."""
    doc, passages = _parsed(corpus_dir, SEED)
    client = chromadb.PersistentClient(path=str(tmp_path / "chroma"),
                                       settings=ChromaSettings(anonymized_telemetry=False))
    space = {"hnsw": {"space": "cosine"}}
    old = client.get_or_create_collection("passages", configuration=space,
                                          embedding_function=None)  # type: ignore[arg-type]
    registry = client.get_or_create_collection("passages-documents", configuration=space,
                                               embedding_function=None)  # type: ignore[arg-type]
    old.modify(metadata={"embedding_backend": "torch"})
    fields = ("doc_id", "n", "start", "end", "turn", "speaker", "speaker_role", "speech",
              "date", "title", "source", "source_url", "question", "asker", "language")
    old.add(ids=[p.id for p in passages], embeddings=[[0.1] * 384 for _ in passages],
            documents=[p.text for p in passages],
            metadatas=[{**{f: getattr(p, f) for f in fields if getattr(p, f) is not None},
                        "content_hash": "h1"} for p in passages])
    registry.add(ids=[doc.doc_id], embeddings=[[0.1] * 384], documents=[doc.model_dump_json()],
                 metadatas=[{"title": doc.title or "", "passages": len(passages),
                             "content_hash": "h1"}])
    del client

    store = PassageStore(tmp_path)
    assert store.passages.metadata["store_format"] == STORE_FORMAT
    assert store.embedding_backend() == "torch"
    assert store.get_document(doc.doc_id) == doc
    assert store.passages_of(doc.doc_id) == passages
    assert store.get_passages([passages[3].id]) == {passages[3].id: passages[3]}
    assert list(store.iter_passages()) == passages


def test_records_of_interrupted_writes_are_never_read_and_are_swept(
        corpus_dir: Path, tmp_path: Path) -> None:
    doc, passages = _parsed(corpus_dir, SEED)
    store = PassageStore(tmp_path)
    vectors = [[0.1] * 384 for _ in passages]
    store.replace_document(doc, passages, vectors, [0.1] * 384, "h1", new=True)
    assert store.passages_of(doc.doc_id) == passages
    store.docs.delete(ids=[doc.doc_id])  # killed after the record and vectors, before the entry
    assert store.get_document(doc.doc_id) is None
    assert store.get_passages([passages[0].id]) == {}
    assert list(store.iter_passages()) == []
    assert store.sweep_orphans() == len(passages)
    assert store.records.count() == 0 and store.count() == 0


def test_documents_written_together_are_each_whole_and_each_replaceable(
        corpus_dir: Path, tmp_path: Path) -> None:
    """A batch goes in with one call per collection; a kill before the registry entries
    leaves none of its documents readable, and a later write replaces one of them alone."""
    parsed = [_parsed(corpus_dir, name) for name in (SEED, FOMC)]
    store = PassageStore(tmp_path)
    writes = [DocumentWrite(doc, passages, np.full((len(passages), 384), 0.1, np.float32),
                            np.full(384, 0.1, np.float32), f"h-{doc.doc_id}", new=True)
              for doc, passages in parsed]
    store.write_documents(writes)
    for doc, passages in parsed:
        assert store.get_document(doc.doc_id) == doc
        assert store.passages_of(doc.doc_id) == passages
    assert store.count() == sum(len(p) for _, p in parsed)
    store.docs.delete(ids=[d.doc_id for d, _ in parsed])  # killed before the entries
    assert list(store.iter_passages()) == []
    store.write_documents(writes[:1])  # the next ingest writes the first again
    doc, passages = parsed[0]
    assert list(store.iter_passages()) == passages
    assert store.sweep_orphans() == len(parsed[1][1])
    assert store.count() == len(passages)
    store.write_documents([DocumentWrite(doc, passages[:3], np.full((3, 384), 0.2, np.float32),
                                         np.full(384, 0.2, np.float32), "h-new")])
    assert store.passages_of(doc.doc_id) == passages[:3] and store.count() == 3
