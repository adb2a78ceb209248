"""Ingest a folder (or files) into the index: incremental, per-file, never losing data.

Each file is read, hashed, parsed, split and embedded on its own; a failure is
reported with its reason and the rest go on. Unchanged files are skipped
before anything is parsed or embedded.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Callable
from pathlib import Path

from bot.errors import IngestError
from bot.index.index import Index
from bot.ingest.parse import parse_transcript
from bot.ingest.passages import split_passages
from bot.schema import IngestFileResult, IngestReport, Passage

log = logging.getLogger(__name__)

# Bumped when parsing or splitting changes, so that re-ingesting re-parses unchanged files.
INGEST_VERSION = b"pressbot-ingest-4\n"
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


class Ingester:
    """Writes documents into an `Index`; the caller holds the writer lock."""

    def __init__(self, index: Index) -> None:
        self.index = index
        self.max_bytes = int(index.settings.max_file_mb * 1024 * 1024)

    def ingest_path(self, root: Path, prune: bool = False,
                    on_file: Progress | None = None) -> IngestReport:
        root = root.resolve() if not root.is_symlink() else root
        if not root.exists():
            raise IngestError(str(root), "no such file or folder")
        files = discover(root)
        report = IngestReport()
        # leftovers of an interrupted write; with a Chroma server other replicas may be
        # writing right now, so only passages an hour old are swept (readers ignore the rest)
        self.index.store.sweep_orphans(3600.0 if self.index.settings.chroma_url else 0.0)
        known = self.index.store.content_hashes()
        by_hash = {h: d for d, h in known.items()}
        for path in files:
            doc_id = doc_id_for(path, root)
            result = self._ingest_one(path, doc_id, known, by_hash)
            report.files.append(result)
            if on_file:
                on_file(result)
        if prune and root.is_dir():
            seen = {doc_id_for(p, root) for p in files}
            for doc_id in sorted(set(known) - seen):
                self.index.store.delete_document(doc_id)
        self.index.refresh()
        self.index.keyword()
        return report

    def ingest_bytes(self, data: bytes, doc_id: str) -> IngestFileResult:
        """Index one uploaded file's content under `doc_id`."""
        known = self.index.store.content_hashes()
        by_hash = {h: d for d, h in known.items()}
        result = self._ingest_content(data, doc_id, known, by_hash)
        self.index.refresh()
        return result

    def _ingest_one(self, path: Path, doc_id: str, known: dict[str, str],
                    by_hash: dict[str, str]) -> IngestFileResult:
        try:
            check_size(path.stat().st_size, self.max_bytes, doc_id)
            data = path.read_bytes()
        except OSError as exc:
            return IngestFileResult(path=doc_id, status="failed", reason=f"cannot read: {exc}")
        except IngestError as exc:
            return IngestFileResult(path=doc_id, status="failed", reason=exc.reason)
        return self._ingest_content(data, doc_id, known, by_hash, path)

    def _ingest_content(self, data: bytes, doc_id: str, known: dict[str, str],
                        by_hash: dict[str, str], path: Path | None = None) -> IngestFileResult:
        content_hash = hashlib.sha256(INGEST_VERSION + data).hexdigest()
        if known.get(doc_id) == content_hash:
            return IngestFileResult(path=doc_id, status="unchanged")
        twin = by_hash.get(content_hash)
        if twin and twin != doc_id:
            return IngestFileResult(path=doc_id, status="duplicate", duplicate_of=twin,
                                    reason=f"same text as {twin}")
        try:
            passages = self._write(data, doc_id, content_hash, path)
        except IngestError as exc:
            return IngestFileResult(path=doc_id, status="failed", reason=exc.reason)
        known[doc_id] = content_hash
        by_hash[content_hash] = doc_id
        return IngestFileResult(path=doc_id, status="indexed", passages=passages)

    def _write(self, data: bytes, doc_id: str, content_hash: str, path: Path | None) -> int:
        text = read_text_bytes(data, doc_id, self.max_bytes, path)
        doc = parse_transcript(text, doc_id, doc_id)
        passages = split_passages(doc, self.index.settings.passage_max_chars)
        if not passages:
            raise IngestError(doc_id, "no transcript text found")
        vectors = self.index.embeddings.embed_array(
            [embedding_text(p) for p in passages] + [doc.title or doc_id])
        foreign = [p for p in passages if p.language != "en"]
        multilingual = dict(zip([p.id for p in foreign], self.index.multilingual.embed_documents(
            [multilingual_text(p) for p in foreign]), strict=True))
        self.index.store.replace_document(doc, passages, vectors[:-1].tolist(),
                                          vectors[-1].tolist(), content_hash, multilingual)
        log.info("indexed %s: %d passages", doc_id, len(passages))
        return len(passages)


def check_size(size: int, max_bytes: int, doc_id: str) -> None:
    if size > max_bytes:
        raise IngestError(doc_id, f"file is {size / 1e6:.1f} MB, over the limit of "
                                  f"{max_bytes / 1e6:.1f} MB")


def read_text_bytes(data: bytes, doc_id: str, max_bytes: int, path: Path | None) -> str:
    """Transcript text of a file's bytes, by its format; errors name the file as `doc_id`."""
    from bot.ingest.formats import load_document

    check_size(len(data), max_bytes, doc_id)
    try:
        return load_document(data, str(path) if path is not None else doc_id)
    except IngestError as exc:
        raise IngestError(doc_id, exc.reason) from None
