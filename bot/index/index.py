"""The index: the Chroma store, the keyword index derived from it, and the embedder.

With a Chroma server several replicas share one store. Each builds its keyword
index from the server's passages (nothing is written locally) and, at most every
`chroma_refresh_seconds`, re-reads the documents' content hashes: when their
stamp changed (another replica indexed or deleted a document) the cached
registry and keyword index are dropped and rebuilt on the next read.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

from bot.config import Settings
from bot.errors import EmbeddingMismatchError
from bot.index.embeddings import PackagedEmbeddings
from bot.index.keyword import KeywordIndex, stamp_of
from bot.index.multilingual import MultilingualEmbeddings
from bot.index.store import PassageStore
from bot.models import LEGACY_EMBEDDING_BACKEND, EmbeddingBackend, default_embedding_backend
from bot.schema import DocumentInfo


class Index:
    """Everything retrieval reads and ingestion writes, behind one object."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.dir: Path = settings.index_dir
        self.store = PassageStore(self.dir, settings.collection, settings.chroma_url)
        backend = self._choose_backend()
        self.embeddings = PackagedEmbeddings(settings.embed_batch_size, backend,
                                             settings.model_cache_dir,
                                             settings.embedding_precision)
        self.multilingual = MultilingualEmbeddings()  # loaded only for non-English text
        self._keyword: KeywordIndex | None = None
        self._multilingual: bool | None = None
        self._docs: dict[str, DocumentInfo] | None = None
        self._docs_stamp: str | None = None
        self._checked = 0.0  # monotonic time of the last staleness check (server mode)
        self._lock = threading.RLock()

    def _choose_backend(self) -> EmbeddingBackend:
        """The index's own embedding backend; a new index records the configured one.

        Query vectors must come from the model that embedded the passages, so a setting
        that contradicts the index is an error, not a silent mix.
        """
        recorded = self.store.embedding_backend()
        if recorded is None and self.store.count() > 0:
            recorded = LEGACY_EMBEDDING_BACKEND
        wanted = self.settings.embedding_backend
        if recorded is None:
            chosen: EmbeddingBackend = wanted or default_embedding_backend()
            self.store.record_embedding_backend(chosen)
            return chosen
        if wanted is not None and wanted != recorded:
            where = self.settings.chroma_url or str(self.dir)
            raise EmbeddingMismatchError(
                f"the index at {where} (collection {self.settings.collection!r}) was embedded "
                f"with the {recorded!r} backend, but PRESSBOT_EMBEDDING_BACKEND is {wanted!r}: "
                f"unset it, or build a new index with {wanted!r}")
        return recorded  # type: ignore[return-value]

    @property
    def keyword_dir(self) -> Path:
        return self.dir / "keyword" / self.settings.collection

    def documents(self) -> dict[str, DocumentInfo]:
        """The registry, cached until the next `refresh`."""
        with self._lock:
            self._follow_other_replicas()
            if self._docs is None:
                self._docs = {d.doc_id: d for d in self.store.documents()}
                self._docs_stamp = stamp_of({d.doc_id: d.content_hash
                                             for d in self._docs.values()})
                self._checked = time.monotonic()
            return self._docs

    def keyword(self) -> KeywordIndex:
        """The keyword index for the store's current state (loaded or rebuilt)."""
        with self._lock:
            self._follow_other_replicas()
            if self._keyword is None:
                self.documents()
                stamp = self._docs_stamp or ""
                index = KeywordIndex.load(self.keyword_dir, stamp)
                if index is None:
                    index = KeywordIndex.build(self.store.iter_passages())
                    if not self.settings.chroma_url:
                        index.save(self.keyword_dir, stamp)
                self._keyword = index
            return self._keyword

    def has_multilingual(self) -> bool:
        """Whether any non-English passage is indexed (so E5 is worth loading for a question)."""
        with self._lock:
            self._follow_other_replicas()
            if self._multilingual is None:
                self._multilingual = self.store.multilingual_count() > 0
            return self._multilingual

    def refresh(self) -> None:
        """Forget cached registry and keyword index after a write (rebuilt lazily)."""
        with self._lock:
            self._docs = None
            self._keyword = None
            self._multilingual = None

    def _follow_other_replicas(self) -> None:
        """With a Chroma server, drop cached state another replica's write made stale.

        Cheap: one read of the document records' metadata, at most every
        `chroma_refresh_seconds`. The embedded store has one writer, this process.
        """
        if not self.settings.chroma_url or self._docs is None:
            return
        now = time.monotonic()
        if now - self._checked < self.settings.chroma_refresh_seconds:
            return
        self._checked = now
        if stamp_of(self.store.content_hashes()) != self._docs_stamp:
            self.refresh()
