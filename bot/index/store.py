"""Chroma behind one interface: passages with embeddings, and the document registry.

Four collections:
- `<name>`: one vector per passage (all-MiniLM), with the fields filters need;
- `<name>-multilingual`: the multilingual-e5 vectors of the non-English passages
  (same ids and fields);
- `<name>-records`: one record per document, the parsed document and its passages'
  spans, compressed (`bot.index.records`); passages are read from it;
- `<name>-documents`: the registry, one small entry per document (title, date,
  content hash…) with its title's vector.

The registry entry is written last and removed first, so it marks a document as
whole: a document is readable when its registry entry and its record carry the same
content hash. Vectors and records without that are leftovers of an interrupted
write, which readers never see and the writer sweeps.

Passage texts are not stored as Chroma documents: Chroma indexes those for full-text
search, which nothing here uses and which was most of an ingest's write time.

The store is embedded (`chromadb.PersistentClient` under the index folder) or a
Chroma server (`chromadb.HttpClient`) when `chroma_url` is set: configuration,
not code.
"""

from __future__ import annotations

import json
import threading
import time
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import chromadb
import numpy as np
from chromadb.config import Settings as ChromaSettings

from bot.index.records import decode_record, encode_record
from bot.schema import DocumentInfo, Filters, ParsedDocument, Passage

STORE_FORMAT = 2  # 1: passage texts and fields in the passages collection, no records
_VECTOR_FIELDS = ("doc_id", "speaker", "source")
_RECORD_CACHE = 256  # decoded documents kept per process


def date_int(date: str | None) -> int:
    """`2022-09-27` → 20220927 (0 when unknown), for range filters in Chroma."""
    return int(date.replace("-", "")) if date else 0


def _clean(meta: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in meta.items() if v is not None}


def vector_metadata(p: Passage, content_hash: str, written_at: int = 0) -> dict[str, Any]:
    """What a passage's vector carries: the fields filters need, and whose write it was."""
    meta: dict[str, Any] = {f: getattr(p, f) for f in _VECTOR_FIELDS}
    meta["date_int"] = date_int(p.date)
    meta["content_hash"] = content_hash
    meta["written_at"] = written_at  # unix seconds: lets a sweep spare a write in progress
    return _clean(meta)


def registry_metadata(doc: ParsedDocument, passages: int, content_hash: str) -> dict[str, Any]:
    """A document's registry entry: what lists and filters need, and its content hash."""
    return _clean({
        "path": doc.path, "title": doc.title, "date": doc.date,
        "date_int": date_int(doc.date), "source": doc.source,
        "source_url": doc.source_url, "language": doc.language,
        "speakers": json.dumps(doc.speakers), "passages": passages,
        "content_hash": content_hash,
    })


@dataclass
class DocumentWrite:
    """A document to write: its passages, their vectors (all-MiniLM, one row each), its
    title's vector, content hash, and the E5 vectors of its non-English passages by id;
    `new` when no document of that id is in the index."""

    doc: ParsedDocument
    passages: list[Passage]
    vectors: Sequence[Sequence[float]] | np.ndarray
    title_vector: Sequence[float] | np.ndarray
    content_hash: str
    multilingual: dict[str, list[float]] = field(default_factory=dict)
    new: bool = False


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

        def open_collection(name: str) -> Any:
            return self.client.get_or_create_collection(
                name, configuration=space, embedding_function=None)  # type: ignore[arg-type]

        self.passages = open_collection(collection)
        self.multilingual = open_collection(f"{collection}-multilingual")
        self.records = open_collection(f"{collection}-records")
        self.docs = open_collection(f"{collection}-documents")
        self._batch = max(1, min(self.client.get_max_batch_size(), 2000))
        self._decoded: OrderedDict[str, tuple[str, ParsedDocument, list[Passage]]] = \
            OrderedDict()
        self._cache_lock = threading.Lock()
        self._upgrade()

    # ---- what embedded the passages, and in what form ----------------------------
    def embedding_backend(self) -> str | None:
        """The embedding backend recorded in the passages collection, if any."""
        value = (self.passages.metadata or {}).get("embedding_backend")
        return str(value) if value else None

    def record_embedding_backend(self, backend: str) -> None:
        self._set_metadata(embedding_backend=backend)

    def _set_metadata(self, **values: Any) -> None:
        self.passages.modify(metadata={**(self.passages.metadata or {}), **values})

    def _upgrade(self) -> None:
        """Bring an index written by an older pressbot to `STORE_FORMAT` (idempotent:
        replicas starting together may all run it)."""
        if (self.passages.metadata or {}).get("store_format") == STORE_FORMAT:
            return
        old = self.docs.get(include=["documents", "metadatas"])
        for doc_id, text, meta in zip(old["ids"], old["documents"] or [],
                                      old["metadatas"] or [], strict=True):
            if not text or self.records.get(ids=[doc_id], include=[])["ids"]:
                continue
            doc = ParsedDocument.model_validate_json(text)
            rows = self.passages.get(where={"doc_id": doc_id}, include=["metadatas"])
            passages = sorted((self._old_passage(doc, pid, dict(m)) for pid, m in
                               zip(rows["ids"], rows["metadatas"] or [], strict=True)),
                              key=lambda x: x.n)
            self._write_records([(doc, passages, str(meta["content_hash"]))], int(time.time()))
        self._set_metadata(store_format=STORE_FORMAT)

    @staticmethod
    def _old_passage(doc: ParsedDocument, pid: str, meta: dict[str, Any]) -> Passage:
        start, end = int(meta["start"]), int(meta["end"])
        return Passage(id=pid, doc_id=doc.doc_id, n=int(pid.rsplit("#", 1)[1]),
                       text=doc.text[start:end], start=start, end=end, turn=int(meta["turn"]),
                       question=meta.get("question"), asker=meta.get("asker"))

    # ---- documents -------------------------------------------------------
    def documents(self) -> list[DocumentInfo]:
        records = self.docs.get(include=["metadatas"])
        infos = [self._info(i, m) for i, m in zip(records["ids"], records["metadatas"] or [],
                                                   strict=True)]
        return sorted(infos, key=lambda d: (d.date or "", d.doc_id))

    def get_document(self, doc_id: str) -> ParsedDocument | None:
        found = self._whole([doc_id]).get(doc_id)
        return found[0] if found else None

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

    def _whole(self, doc_ids: Iterable[str],
               hashes: dict[str, str] | None = None
               ) -> dict[str, tuple[ParsedDocument, list[Passage]]]:
        """The whole documents among `doc_ids`, decoded (cached by content hash): those
        whose registry entry and record agree. `hashes`: the registry's, if already read."""
        wanted = list(dict.fromkeys(doc_ids))
        if not wanted:
            return {}
        if hashes is None:
            entries = self.docs.get(ids=wanted, include=["metadatas"])
            hashes = {i: str(m["content_hash"]) for i, m in
                      zip(entries["ids"], entries["metadatas"] or [], strict=True)}
        out: dict[str, tuple[ParsedDocument, list[Passage]]] = {}
        missing: list[str] = []
        with self._cache_lock:
            for doc_id in wanted:
                cached = self._decoded.get(doc_id)
                if doc_id not in hashes:
                    continue
                if cached and cached[0] == hashes[doc_id]:
                    self._decoded.move_to_end(doc_id)
                    out[doc_id] = cached[1], cached[2]
                else:
                    missing.append(doc_id)
        for i in range(0, len(missing), 100):
            got = self.records.get(ids=missing[i:i + 100], include=["metadatas"])
            for doc_id, meta in zip(got["ids"], got["metadatas"] or [], strict=True):
                if meta.get("content_hash") != hashes[doc_id]:
                    continue  # a write in progress (or interrupted): not whole
                doc, passages = decode_record(str(meta["record"]))
                out[doc_id] = doc, passages
                with self._cache_lock:
                    self._decoded[doc_id] = (hashes[doc_id], doc, passages)
                    self._decoded.move_to_end(doc_id)
                    while len(self._decoded) > _RECORD_CACHE:
                        self._decoded.popitem(last=False)
        return out

    # ---- writes ------------------------------------------------------------
    def replace_document(self, doc: ParsedDocument, passages: list[Passage],
                         vectors: Sequence[Sequence[float]] | np.ndarray,
                         title_vector: Sequence[float] | np.ndarray, content_hash: str,
                         multilingual: dict[str, list[float]] | None = None,
                         new: bool = False) -> None:
        """Swap one document's passages for new ones (see `write_documents`)."""
        self.write_documents([DocumentWrite(doc, passages, vectors, title_vector,
                                            content_hash, multilingual or {}, new)])

    def write_documents(self, writes: list[DocumentWrite]) -> None:
        """Write documents whole, replacing what the index held under their ids.

        For all of them at once: records, then vectors, then registry entries, so that
        each document is readable only once all of it is in. One Chroma call for all is
        much cheaper than one per document (a local upsert costs about 6 ms however
        small). A `new` document (none of that id in the index) skips the deletes, a third
        of the write time of a large ingest; its writes overwrite leftovers of an
        interrupted write of the same id, and any leftover beyond them is an orphan that
        no reader sees.
        """
        if not writes:
            return
        for w in writes:
            if not w.new:
                self.delete_document(w.doc.doc_id)
        written_at = int(time.time())
        self._write_records([(w.doc, w.passages, w.content_hash) for w in writes], written_at)
        rows = [(p, w) for w in writes for p in w.passages]
        if rows:
            self._upsert(self.passages, [p.id for p, _ in rows],
                         np.concatenate([np.asarray(w.vectors, dtype=np.float32).reshape(
                             len(w.passages), -1) for w in writes]),
                         [vector_metadata(p, w.content_hash, written_at) for p, w in rows])
        extra = [(p, w) for p, w in rows if p.id in w.multilingual]
        if extra:
            self._upsert(self.multilingual, [p.id for p, _ in extra],
                         [w.multilingual[p.id] for p, w in extra],
                         [vector_metadata(p, w.content_hash, written_at) for p, w in extra])
        self._upsert(self.docs, [w.doc.doc_id for w in writes],
                     [[float(x) for x in w.title_vector] for w in writes],
                     [registry_metadata(w.doc, len(w.passages), w.content_hash)
                      for w in writes])

    def _write_records(self, docs: list[tuple[ParsedDocument, list[Passage], str]],
                       written_at: int) -> None:
        """Each (document, its passages, its content hash) as one record."""
        self._upsert(self.records, [doc.doc_id for doc, _, _ in docs], [[1.0]] * len(docs),
                     [{"record": encode_record(doc, passages), "content_hash": content_hash,
                       "written_at": written_at} for doc, passages, content_hash in docs])

    def _upsert(self, collection: Any, ids: list[str], embeddings: Any,
                metadatas: list[dict[str, Any]]) -> None:
        """Upsert in slices of at most the client's batch size."""
        for i in range(0, len(ids), self._batch):
            collection.upsert(ids=ids[i:i + self._batch],
                              embeddings=embeddings[i:i + self._batch],
                              metadatas=metadatas[i:i + self._batch])

    def delete_document(self, doc_id: str) -> bool:
        existed = bool(self.docs.get(ids=[doc_id], include=[])["ids"])
        self.docs.delete(ids=[doc_id])
        self.passages.delete(where={"doc_id": doc_id})
        self.multilingual.delete(where={"doc_id": doc_id})
        self.records.delete(ids=[doc_id])
        return existed

    def sweep_orphans(self, min_age_seconds: float = 0.0) -> int:
        """Delete what an interrupted write left (vectors and records of no whole
        document); the number of passage vectors deleted.

        With several writers (a Chroma server), another replica's write in progress looks
        like leftovers until its registry entry lands: `min_age_seconds` spares what was
        written more recently than that.
        """
        hashes = self.content_hashes()
        cutoff = time.time() - min_age_seconds

        def orphan(meta: dict[str, Any], doc_id: str) -> bool:
            return hashes.get(doc_id) != meta.get("content_hash") and (
                min_age_seconds <= 0 or float(meta.get("written_at", 0)) < cutoff)

        orphans = [pid for pid, meta in self._iter_metadata(self.passages)
                   if orphan(meta, str(meta.get("doc_id")))]
        for i in range(0, len(orphans), self._batch):
            self.passages.delete(ids=orphans[i:i + self._batch])
            self.multilingual.delete(ids=orphans[i:i + self._batch])
        # a record without a registry entry: its write or delete was interrupted
        stale = [d for d in self.records.get(include=[])["ids"] if d not in hashes]
        if stale and min_age_seconds > 0:
            got = self.records.get(ids=stale, include=["metadatas"])
            stale = [d for d, m in zip(got["ids"], got["metadatas"] or [], strict=True)
                     if float(m.get("written_at", 0)) < cutoff]
        if stale:
            self.records.delete(ids=stale)
        return len(orphans)

    # ---- reads ---------------------------------------------------------------
    def count(self) -> int:
        return self.passages.count()

    def _iter_metadata(self, collection: Any) -> Iterator[tuple[str, dict[str, Any]]]:
        offset = 0
        while True:
            page = collection.get(include=["metadatas"], limit=self._batch, offset=offset)
            if not page["ids"]:
                return
            yield from zip(page["ids"], page["metadatas"] or [], strict=True)
            offset += len(page["ids"])

    def iter_passages(self) -> Iterator[Passage]:
        """Every whole document's passages, a few documents at a time (for the keyword
        index)."""
        hashes = self.content_hashes()
        ids = sorted(hashes)
        for i in range(0, len(ids), 50):
            part = ids[i:i + 50]
            found = self._whole(part, {d: hashes[d] for d in part})
            for doc_id in part:
                if doc_id in found:
                    yield from found[doc_id][1]

    def get_passages(self, ids: list[str]) -> dict[str, Passage]:
        """The passages of `ids` that belong to whole documents."""
        if not ids:
            return {}
        docs = self._whole(pid.rsplit("#", 1)[0] for pid in ids)
        out: dict[str, Passage] = {}
        for pid in ids:
            doc_id, _, n = pid.rpartition("#")
            passages = docs[doc_id][1] if doc_id in docs else []
            if n.isdigit() and int(n) < len(passages):
                out[pid] = passages[int(n)]
        return out

    def passages_of(self, doc_id: str) -> list[Passage]:
        """A document's passages in order."""
        found = self._whole([doc_id]).get(doc_id)
        return list(found[1]) if found else []

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
