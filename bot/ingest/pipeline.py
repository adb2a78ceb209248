"""Ingest a folder (or files) into the index: incremental, per-file, never losing data.

Each file is read, hashed, parsed, split and embedded on its own; a failure is
reported with its reason and the rest go on. Unchanged files are skipped
before anything is parsed or embedded.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bot.errors import IngestError
from bot.index.embed_workers import EmbeddingPool, PendingVectors, default_workers
from bot.index.index import Index
from bot.index.store import DocumentWrite
from bot.ingest.limits import ParseBudget
from bot.ingest.parse import parse_transcript
from bot.ingest.passages import split_passages
from bot.schema import IngestFileResult, IngestReport, ParsedDocument, Passage

log = logging.getLogger(__name__)

# Bumped when parsing or splitting changes, so that re-ingesting re-parses unchanged files.
INGEST_VERSION = b"pressbot-ingest-10\n"
QUESTION_CONTEXT_CHARS = 200
SUPPORTED_SUFFIXES = frozenset({".txt", ".md", ".html", ".htm", ".pdf", ".docx"})
Progress = Callable[[IngestFileResult], None]


def discover(root: Path) -> list[Path]:
    """Transcript files under `root`, sorted; symlinked folders are not followed (no loops)."""
    if root.is_file():
        return [root]
    found: list[Path] = []
    for folder, dirs, files in os.walk(root, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(Path(folder) / f for f in sorted(files)
                     if not f.startswith(".") and Path(f).suffix.lower() in SUPPORTED_SUFFIXES)
    return found


def doc_id_for(path: Path, root: Path) -> str:
    if root.is_file():
        return path.name
    return path.relative_to(root).as_posix()


def embedding_text(p: Passage) -> str:
    return f"{p.speaker}: {p.text}" if p.speaker else p.text


def multilingual_text(p: Passage) -> str:
    """What E5 embeds of a non-English passage: the question it answers, then its words
    (an answer like "我也注意到了她的有关表态" is about what the reporter asked)."""
    question = (p.question or "")[:QUESTION_CONTEXT_CHARS]
    return f"{question}\n{embedding_text(p)}" if question else embedding_text(p)


@dataclass
class _Vectors:
    """A batch's all-MiniLM vectors (passages, then title, per document) and E5 vectors
    of its non-English passages by passage id; the former may still be computing."""

    minilm: np.ndarray | PendingVectors
    multilingual: dict[str, list[float]]

    def array(self) -> np.ndarray:
        """The all-MiniLM vectors, once computed."""
        if isinstance(self.minilm, PendingVectors):
            self.minilm = self.minilm.result()
        return self.minilm


@dataclass
class _Parsed:
    """A file parsed and split, waiting for its vectors."""

    doc: ParsedDocument
    passages: list[Passage]
    content_hash: str


@dataclass
class PreparedUpload:
    """An uploaded file parsed and embedded, not yet written."""

    parsed: _Parsed
    vectors: _Vectors


class Ingester:
    """Writes documents into an `Index`; the caller holds the writer lock.

    Files are parsed one by one, and their passages embedded together, `EMBED_BATCH`
    passages at a time across files (sorted by length, so little is padding). Each
    document is then written whole, or not at all. In a large ingest the embedding runs
    in worker processes (`bot.index.embed_workers`), and this process parses the next
    batch and writes the last one meanwhile.
    """

    EMBED_BATCH = 512

    def __init__(self, index: Index) -> None:
        self.index = index
        self.max_bytes = int(index.settings.max_file_mb * 1024 * 1024)
        self._pool: EmbeddingPool | None = None

    def ingest_path(self, root: Path, prune: bool = False,
                    on_file: Progress | None = None) -> IngestReport:
        root = root.resolve() if not root.is_symlink() else root
        if not root.exists():
            raise IngestError(str(root), "no such file or folder")
        files = discover(root)
        report = IngestReport()
        self._sweep()
        with self._marked():
            self._ingest_files(root, files, prune, on_file, report)
        return report

    def _ingest_files(self, root: Path, files: list[Path], prune: bool,
                      on_file: Progress | None, report: IngestReport) -> None:
        known = self.index.store.content_hashes()
        by_hash = {h: d for d, h in known.items()}
        queue: list[_Parsed | IngestFileResult] = []  # in the files' order
        # a batch being embedded, written once the next one is parsed and sent
        embedding: tuple[list[_Parsed | IngestFileResult], _Vectors] | None = None

        def write(batch: list[_Parsed | IngestFileResult], vectors: _Vectors) -> None:
            for result in self._store(batch, vectors, known):
                report.files.append(result)
                if on_file:
                    on_file(result)

        def flush(full: bool) -> None:
            nonlocal embedding
            batch = list(queue)
            queue.clear()
            vectors = self._embed([q for q in batch if isinstance(q, _Parsed)], full)
            if embedding is not None:
                write(*embedding)
            embedding = batch, vectors

        try:
            for path in files:
                queue.append(self._prepare_file(path, doc_id_for(path, root), known, by_hash))
                if sum(len(q.passages) for q in queue
                       if isinstance(q, _Parsed)) >= self.EMBED_BATCH:
                    flush(full=True)
            flush(full=False)
            if embedding is not None:
                write(*embedding)
        finally:
            self._close_pool()
        if prune and root.is_dir():
            seen = {doc_id_for(p, root) for p in files}
            for doc_id in sorted(set(known) - seen):
                self.index.store.delete_document(doc_id)
        self.index.refresh()
        self.index.keyword()

    @property
    def _marker(self) -> Path:
        return self.index.dir / "ingest-in-progress"

    def _sweep(self) -> None:
        """Delete the leftovers of an interrupted write. In an embedded index only after
        one (the marker `_marked` leaves behind): reading every passage's metadata is
        most of an unchanged re-ingest of a large archive (15 of 16 s for 1,154 files).
        With a Chroma server other replicas may be writing right now, so there it always
        runs, sparing passages less than an hour old (readers ignore them anyway)."""
        if self.index.settings.chroma_url:
            self.index.store.sweep_orphans(3600.0)
        elif self._marker.exists():
            self.index.store.sweep_orphans(0.0)

    @contextmanager
    def _marked(self) -> Iterator[None]:
        """Leave the marker while the block writes (embedded index); an exception or a kill
        leaves it behind, for the next ingest to sweep."""
        if self.index.settings.chroma_url:
            yield
            return
        self._marker.parent.mkdir(parents=True, exist_ok=True)
        self._marker.touch()
        yield
        self._marker.unlink(missing_ok=True)

    def delete(self, doc_id: str) -> bool:
        """Remove a document; a `kill -9` halfway leaves passages the next ingest sweeps."""
        with self._marked():
            existed = self.index.store.delete_document(doc_id)
            self.index.refresh()
        return existed

    def ingest_bytes(self, data: bytes, doc_id: str) -> IngestFileResult:
        """Index one uploaded file's content under `doc_id` (leftovers of an interrupted
        upload are swept by the next ingest, not by every upload)."""
        return self.write_upload(self.prepare_upload(data, doc_id))

    def prepare_upload(self, data: bytes, doc_id: str) -> PreparedUpload | IngestFileResult:
        """Parse, split and embed one uploaded file, writing nothing: this needs no writer
        lock, so a slow or oversized file holds up no other write. The result when there
        is nothing to write (unchanged, duplicate, failed)."""
        known = self.index.store.content_hashes()
        by_hash = {h: d for d, h in known.items()}
        outcome = self._prepare(data, doc_id, known, by_hash)
        if isinstance(outcome, IngestFileResult):
            return outcome
        return PreparedUpload(outcome, self._embed([outcome]))

    def write_upload(self, prepared: PreparedUpload | IngestFileResult) -> IngestFileResult:
        """Write a prepared upload (the caller holds the writer lock); what another write
        did since it was prepared is checked again."""
        if isinstance(prepared, IngestFileResult):
            return prepared
        item = prepared.parsed
        doc_id, content_hash = item.doc.doc_id, item.content_hash
        with self._marked():
            known = self.index.store.content_hashes()
            if known.get(doc_id) == content_hash:
                return IngestFileResult(path=doc_id, status="unchanged")
            twin = next((d for d, h in known.items() if h == content_hash and d != doc_id),
                        None)
            if twin:
                return IngestFileResult(path=doc_id, status="duplicate", duplicate_of=twin,
                                        reason=f"same text as {twin}")
            result = self._store([item], prepared.vectors, known)[0]
            self.index.refresh()
        return result

    def _prepare_file(self, path: Path, doc_id: str, known: dict[str, str],
                      by_hash: dict[str, str]) -> _Parsed | IngestFileResult:
        try:
            check_size(path.stat().st_size, self.max_bytes, doc_id)
            data = path.read_bytes()
        except OSError as exc:
            return IngestFileResult(path=doc_id, status="failed", reason=f"cannot read: {exc}")
        except IngestError as exc:
            return IngestFileResult(path=doc_id, status="failed", reason=exc.reason)
        return self._prepare(data, doc_id, known, by_hash, path)

    def _prepare(self, data: bytes, doc_id: str, known: dict[str, str],
                 by_hash: dict[str, str], path: Path | None = None) -> _Parsed | IngestFileResult:
        """The file parsed into passages, or why it needs no writing (or cannot be)."""
        content_hash = hashlib.sha256(INGEST_VERSION + data).hexdigest()
        if known.get(doc_id) == content_hash:
            return IngestFileResult(path=doc_id, status="unchanged")
        twin = by_hash.get(content_hash)
        if twin and twin != doc_id:
            return IngestFileResult(path=doc_id, status="duplicate", duplicate_of=twin,
                                    reason=f"same text as {twin}")
        budget = ParseBudget.of(self.index.settings)
        try:
            text = read_text_bytes(data, doc_id, self.max_bytes, path, budget)
            doc = parse_transcript(text, doc_id, doc_id)
            budget.tick(doc_id)
            passages = split_passages(doc, self.index.settings.passage_max_chars)
        except IngestError as exc:
            return IngestFileResult(path=doc_id, status="failed", reason=exc.reason)
        if not passages:
            return IngestFileResult(path=doc_id, status="failed",
                                    reason="no transcript text found")
        by_hash[content_hash] = doc_id  # a twin later in the same batch is a duplicate
        return _Parsed(doc, passages, content_hash)

    def _embed(self, parsed: list[_Parsed], large: bool = False) -> _Vectors:
        """The vectors of every passage and title of `parsed`, embedded together; a
        `large` batch in the worker processes, if there are to be any."""
        if not parsed:
            return _Vectors(np.zeros((0, 0), dtype=np.float32), {})
        texts = [t for p in parsed for t in
                 [embedding_text(x) for x in p.passages] + [p.doc.title or p.doc.doc_id]]
        foreign = [x for p in parsed for x in p.passages if x.language != "en"]
        multilingual = dict(zip([x.id for x in foreign], self.index.multilingual.embed_documents(
            [multilingual_text(x) for x in foreign]), strict=True))
        pool = self._workers() if large else self._pool
        if pool is not None:
            return _Vectors(pool.submit(texts), multilingual)
        return _Vectors(self.index.embeddings.embed_array(texts), multilingual)

    def _workers(self) -> EmbeddingPool | None:
        """The worker processes, started on the first large batch (their start, about
        3 s, is not worth it for a few files); None where they do not apply."""
        settings = self.index.settings
        workers = settings.embed_workers or default_workers()
        if self._pool is None and workers > 1:
            embeddings = self.index.embeddings
            self._pool = EmbeddingPool(workers, embeddings.batch_size, embeddings.backend,
                                       embeddings.cache_dir, embeddings.precision)
        return self._pool

    def _close_pool(self) -> None:
        if self._pool is not None:
            self._pool.close()
            self._pool = None

    def _store(self, queue: list[_Parsed | IngestFileResult], vectors: _Vectors,
               known: dict[str, str]) -> list[IngestFileResult]:
        """Write the parsed documents of `queue`, each whole, in one go; every file's
        result, in order."""
        minilm = vectors.array()
        writes: list[DocumentWrite] = []
        start = 0
        for item in queue:
            if isinstance(item, _Parsed):
                doc, passages = item.doc, item.passages
                own = minilm[start:start + len(passages) + 1]
                start += len(passages) + 1
                writes.append(DocumentWrite(
                    doc, passages, own[:-1], own[-1], item.content_hash,
                    {x.id: vectors.multilingual[x.id] for x in passages
                     if x.id in vectors.multilingual}, new=doc.doc_id not in known))
        self.index.store.write_documents(writes)
        results: list[IngestFileResult] = []
        for item in queue:
            if not isinstance(item, _Parsed):
                results.append(item)
                continue
            known[item.doc.doc_id] = item.content_hash
            log.info("indexed %s: %d passages", item.doc.doc_id, len(item.passages))
            results.append(IngestFileResult(path=item.doc.doc_id, status="indexed",
                                            passages=len(item.passages)))
        return results


def check_size(size: int, max_bytes: int, doc_id: str) -> None:
    if size > max_bytes:
        raise IngestError(doc_id, f"file is {size / 1e6:.1f} MB, over the limit of "
                                  f"{max_bytes / 1e6:.1f} MB")


def read_text_bytes(data: bytes, doc_id: str, max_bytes: int, path: Path | None,
                    budget: ParseBudget | None = None) -> str:
    """Transcript text of a file's bytes, by its format; errors name the file as `doc_id`.

    Within `budget` (characters, lines, and whatever the format counts); NUL characters,
    which no transcript has and which a store or a terminal may cut text at, are removed.
    """
    from bot.ingest.formats import load_document

    check_size(len(data), max_bytes, doc_id)
    budget = budget or ParseBudget()
    name = str(path) if path is not None else doc_id
    try:
        text = load_document(data, name, budget).replace("\x00", "")
        budget.count(name, "characters", len(text))
        budget.count(name, "lines", text.count("\n") + 1)
        budget.tick(name)
    except IngestError as exc:
        raise IngestError(doc_id, exc.reason.replace(name, doc_id)) from None
    return text
