"""The index: the Chroma store, the keyword index derived from it, and the embedder."""

from __future__ import annotations

import threading
from pathlib import Path

from bot.config import Settings
from bot.index.embeddings import PackagedEmbeddings
from bot.index.keyword import KeywordIndex, stamp_of
from bot.index.store import PassageStore
from bot.schema import DocumentInfo


class Index:
    """Everything retrieval reads and ingestion writes, behind one object."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.dir: Path = settings.index_dir
        self.store = PassageStore(self.dir, settings.collection, settings.chroma_url)
        self.embeddings = PackagedEmbeddings(settings.embed_batch_size)
        self._keyword: KeywordIndex | None = None
        self._stamp: str | None = None
        self._docs: dict[str, DocumentInfo] | None = None
        self._lock = threading.RLock()

    @property
    def keyword_dir(self) -> Path:
        return self.dir / "keyword" / self.settings.collection

    def documents(self) -> dict[str, DocumentInfo]:
        """The registry, cached until the next `refresh`."""
        with self._lock:
            if self._docs is None:
                self._docs = {d.doc_id: d for d in self.store.documents()}
            return self._docs

    def keyword(self) -> KeywordIndex:
        """The keyword index for the store's current state (loaded or rebuilt)."""
        with self._lock:
            if self._keyword is None:
                hashes = {d.doc_id: d.content_hash for d in self.documents().values()}
                stamp = stamp_of(hashes)
                index = KeywordIndex.load(self.keyword_dir, stamp)
                if index is None:
                    index = KeywordIndex.build(self.store.iter_passages())
                    if not self.settings.chroma_url:
                        index.save(self.keyword_dir, stamp)
                self._keyword, self._stamp = index, stamp
            return self._keyword

    def refresh(self) -> None:
        """Forget cached registry and keyword index after a write (rebuilt lazily)."""
        with self._lock:
            self._docs = None
            self._keyword = None

    def is_stale(self) -> bool:
        """True when another process changed the store since our keyword index was built."""
        hashes = self.store.content_hashes()
        return stamp_of(hashes) != self._stamp
