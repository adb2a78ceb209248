"""Chroma behind one interface: passages with embeddings, and the document registry.

Three collections: `<name>` holds passages (all-MiniLM embedding, text,
metadata), `<name>-multilingual` holds the multilingual-e5 vectors of the
non-English passages (same ids) and `<name>-documents` holds one record per
document (its parsed text and turns as JSON, its content hash). A document
record is written last and removed first, so it marks a document as whole:
passages without a matching record are leftovers of an interrupted write,
ignored by readers and swept by the writer.

The store is embedded (`chromadb.PersistentClient` under the index folder) or a
Chroma server (`chromadb.HttpClient`) when `chroma_url` is set: configuration,
not code.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import chromadb
from chromadb.config import Settings as ChromaSettings

from bot.schema import DocumentInfo, Filters, ParsedDocument, Passage

_PASSAGE_FIELDS = (
    "doc_id", "n", "start", "end", "turn", "speaker", "speaker_role", "speech", "date",
    "title", "source", "source_url", "question", "asker", "language",
)
_VECTOR_FIELDS = ("doc_id", "speaker", "date_int", "content_hash", "written_at")


def date_int(date: str | None) -> int:
    """`2022-09-27` → 20220927 (0 when unknown), for range filters in Chroma."""
    return int(date.replace("-", "")) if date else 0


def _clean(meta: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in meta.items() if v is not None}


def passage_metadata(p: Passage, content_hash: str, written_at: int = 0) -> dict[str, Any]:
    meta = {f: getattr(p, f) for f in _PASSAGE_FIELDS}
    meta["date_int"] = date_int(p.date)
    meta["content_hash"] = content_hash
    meta["written_at"] = written_at  # unix seconds: lets a sweep spare a write in progress
    return _clean(meta)


def passage_from_record(pid: str, text: str, meta: dict[str, Any]) -> Passage:
    fields = {f: meta.get(f) for f in _PASSAGE_FIELDS}
    return Passage(id=pid, text=text, **{k: v for k, v in fields.items() if v is not None})


def make_client(index_dir: Path, chroma_url: str | None) -> chromadb.ClientAPI:
    settings = ChromaSettings(anonymized_telemetry=False)
    if chroma_url:
        url = urlparse(chroma_url if "://" in chroma_url else f"http://{chroma_url}")
        return chromadb.HttpClient(
            host=url.hostname or "127.0.0.1",
            port=url.port or 8000,
            ssl=url.scheme == "https",
            settings=settings,
        )
    index_dir.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(index_dir / "chroma"), settings=settings)


def filters_to_where(filters: Filters | None, doc_ids: list[str] | None = None) -> dict | None:
    """Translate API filters (and an allow-list of documents) into a Chroma `where`."""
    clauses: list[dict[str, Any]] = []
    if filters:
        if filters.date_from:
            clauses.append({"date_int": {"$gte": date_int(filters.date_from)}})
        if filters.date_to:
            clauses.append({"date_int": {"$lte": date_int(filters.date_to)}})
        if filters.source:
            clauses.append({"source": {"$eq": filters.source}})
        if filters.speaker:
            clauses.append({"speaker": {"$eq": filters.speaker}})
        if filters.doc_ids is not None:
            clauses.append({"doc_id": {"$in": list(filters.doc_ids) or ["\0"]}})
    if doc_ids is not None:
        clauses.append({"doc_id": {"$in": list(doc_ids) or ["\0"]}})
    if not clauses:
        return None
    return clauses[0] if len(clauses) == 1 else {"$and": clauses}


class PassageStore:
    """Passages and documents in Chroma; the only module that talks to it."""

    def __init__(self, index_dir: Path, collection: str = "passages",
                 chroma_url: str | None = None) -> None:
        self.index_dir = index_dir
        self.client = make_client(index_dir, chroma_url)
        space = {"hnsw": {"space": "cosine"}}
        self.passages = self.client.get_or_create_collection(
            collection, configuration=space, embedding_function=None)  # type: ignore[arg-type]
        self.multilingual = self.client.get_or_create_collection(
            f"{collection}-multilingual", configuration=space,
            embedding_function=None)  # type: ignore[arg-type]
        self.docs = self.client.get_or_create_collection(
            f"{collection}-documents", configuration=space,
            embedding_function=None)  # type: ignore[arg-type]
        self._batch = max(1, min(self.client.get_max_batch_size(), 2000))

    # ---- what embedded the passages ------------------------------------------
    def embedding_backend(self) -> str | None:
        """The embedding backend recorded in the passages collection, if any."""
        value = (self.passages.metadata or {}).get("embedding_backend")
        return str(value) if value else None

    def record_embedding_backend(self, backend: str) -> None:
        self.passages.modify(metadata={**(self.passages.metadata or {}),
                                       "embedding_backend": backend})

    # ---- documents -------------------------------------------------------
    def documents(self) -> list[DocumentInfo]:
        records = self.docs.get(include=["metadatas"])
        infos = [self._info(i, m) for i, m in zip(records["ids"], records["metadatas"] or [],
                                                   strict=True)]
        return sorted(infos, key=lambda d: (d.date or "", d.doc_id))

    def get_document(self, doc_id: str) -> ParsedDocument | None:
        record = self.docs.get(ids=[doc_id], include=["documents"])
        if not record["ids"]:
            return None
        return ParsedDocument.model_validate_json(record["documents"][0])  # type: ignore[index]

    def content_hashes(self) -> dict[str, str]:
        records = self.docs.get(include=["metadatas"])
        return {i: str(m["content_hash"]) for i, m in zip(records["ids"],
                                                          records["metadatas"] or [], strict=True)}

    @staticmethod
    def _info(doc_id: str, meta: Any) -> DocumentInfo:
        return DocumentInfo(
            doc_id=doc_id,
            path=meta.get("path", doc_id),
            title=meta.get("title"),
            date=meta.get("date"),
            source=meta.get("source"),
            source_url=meta.get("source_url"),
            language=meta.get("language", "en"),
            speakers=json.loads(meta.get("speakers", "[]")),
            passages=int(meta.get("passages", 0)),
            content_hash=str(meta["content_hash"]),
        )

    # ---- writes ------------------------------------------------------------
    def replace_document(self, doc: ParsedDocument, passages: list[Passage],
                         vectors: list[list[float]], title_vector: list[float],
                         content_hash: str,
                         multilingual: dict[str, list[float]] | None = None,
                         new: bool = False) -> None:
        """Swap a document's passages for new ones; the document record goes last.

        `multilingual` maps the ids of non-English passages to their E5 vectors. A `new`
        document (none of that id in the index) skips the deletes, a third of the write
        time of a large ingest; its writes overwrite leftovers of an interrupted write of
        the same id, and any leftover beyond them is an orphan that no reader sees.
        """
        if not new:
            self.delete_document(doc.doc_id)
        written_at = int(time.time())
        for i in range(0, len(passages), self._batch):
            part = passages[i:i + self._batch]
            self.passages.upsert(
                ids=[p.id for p in part],
                embeddings=vectors[i:i + self._batch],  # type: ignore[arg-type]
                documents=[p.text for p in part],
                metadatas=[passage_metadata(p, content_hash, written_at) for p in part],  # type: ignore[misc]
            )
        extra = [p for p in passages if multilingual and p.id in multilingual]
        for i in range(0, len(extra), self._batch):
            part = extra[i:i + self._batch]
            self.multilingual.upsert(
                ids=[p.id for p in part],
                embeddings=[multilingual[p.id] for p in part],  # type: ignore[index,misc]
                metadatas=[{k: v for k, v in passage_metadata(p, content_hash, written_at).items()
                            if k in _VECTOR_FIELDS} for p in part],  # type: ignore[misc]
            )
        meta = _clean({
            "path": doc.path, "title": doc.title, "date": doc.date,
            "date_int": date_int(doc.date), "source": doc.source,
            "source_url": doc.source_url, "language": doc.language,
            "speakers": json.dumps(doc.speakers), "passages": len(passages),
            "content_hash": content_hash,
        })
        self.docs.upsert(ids=[doc.doc_id], embeddings=[title_vector],  # type: ignore[arg-type]
                         documents=[doc.model_dump_json()], metadatas=[meta])

    def delete_document(self, doc_id: str) -> bool:
        existed = bool(self.docs.get(ids=[doc_id], include=[])["ids"])
        self.docs.delete(ids=[doc_id])
        self.passages.delete(where={"doc_id": doc_id})
        self.multilingual.delete(where={"doc_id": doc_id})
        return existed

    def sweep_orphans(self, min_age_seconds: float = 0.0) -> int:
        """Delete passages left by an interrupted write (no whole document owns them).

        With several writers (a Chroma server), passages of another replica's write in
        progress look like orphans until its document record lands: `min_age_seconds`
        spares passages written more recently than that.
        """
        hashes = self.content_hashes()
        cutoff = time.time() - min_age_seconds
        orphans: list[str] = []
        for pid, meta in self._iter_metadata():
            if hashes.get(str(meta.get("doc_id"))) != meta.get("content_hash") and (
                    min_age_seconds <= 0 or float(meta.get("written_at", 0)) < cutoff):
                orphans.append(pid)
        for i in range(0, len(orphans), self._batch):
            self.passages.delete(ids=orphans[i:i + self._batch])
            self.multilingual.delete(ids=orphans[i:i + self._batch])
        return len(orphans)

    # ---- reads ---------------------------------------------------------------
    def count(self) -> int:
        return self.passages.count()

    def _iter_metadata(self) -> Iterator[tuple[str, dict[str, Any]]]:
        offset = 0
        while True:
            page = self.passages.get(include=["metadatas"], limit=self._batch, offset=offset)
            if not page["ids"]:
                return
            yield from zip(page["ids"], page["metadatas"] or [], strict=True)  # type: ignore[misc]
            offset += len(page["ids"])

    def iter_passages(self) -> Iterator[Passage]:
        """Every whole document's passages, in pages (for the keyword index)."""
        hashes = self.content_hashes()
        offset = 0
        while True:
            page = self.passages.get(include=["metadatas", "documents"], limit=self._batch,
                                     offset=offset)
            if not page["ids"]:
                return
            for pid, text, meta in zip(page["ids"], page["documents"] or [],
                                       page["metadatas"] or [], strict=True):
                if hashes.get(str(meta.get("doc_id"))) == meta.get("content_hash"):
                    yield passage_from_record(pid, text, dict(meta))
            offset += len(page["ids"])

    def get_passages(self, ids: list[str]) -> dict[str, Passage]:
        if not ids:
            return {}
        page = self.passages.get(ids=ids, include=["metadatas", "documents"])
        return {pid: passage_from_record(pid, text, dict(meta))
                for pid, text, meta in zip(page["ids"], page["documents"] or [],
                                           page["metadatas"] or [], strict=True)}

    def passages_of(self, doc_id: str) -> list[Passage]:
        """A document's passages in order."""
        page = self.passages.get(where={"doc_id": doc_id}, include=["metadatas", "documents"])
        found = [passage_from_record(pid, text, dict(meta))
                 for pid, text, meta in zip(page["ids"], page["documents"] or [],
                                            page["metadatas"] or [], strict=True)]
        return sorted(found, key=lambda p: p.n)

    def multilingual_count(self) -> int:
        return self.multilingual.count()

    def dense_search(self, vector: list[float], k: int, where: dict | None = None,
                     multilingual: bool = False) -> list[tuple[str, float]]:
        """(passage id, cosine similarity), best first; `multilingual`: the E5 vectors of the
        non-English passages instead of the all-MiniLM vectors of every passage."""
        collection = self.multilingual if multilingual else self.passages
        if collection.count() == 0:
            return []
        result = collection.query(query_embeddings=[vector],  # type: ignore[arg-type]
                                  n_results=min(k, collection.count()), where=where,
                                  include=["distances"])
        ids = result["ids"][0]
        distances = (result["distances"] or [[]])[0]
        return [(pid, 1.0 - float(d)) for pid, d in zip(ids, distances, strict=True)]
