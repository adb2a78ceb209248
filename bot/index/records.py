"""A document and its passages as one compact record, the form the store keeps them in.

A passage is a span of its document's text inside one turn, so the record holds the
parsed document once and, per passage, only what the document cannot tell: its span,
its turn and the question it answers. Every other field of a `Passage` (its text,
speaker, date, title…) is read back from the document. Compressed, a record is about
half the size of the document's JSON, and Chroma writes it without full-text indexing
(the passages' own texts were most of an ingest's write time).
"""

from __future__ import annotations

import base64
import json
import zlib

from bot.schema import ParsedDocument, Passage


def encode_record(doc: ParsedDocument, passages: list[Passage]) -> str:
    table = [[p.start, p.end, p.turn, p.question, p.asker, p.outlet] for p in passages]
    payload = json.dumps({"doc": doc.model_dump(mode="json"), "passages": table},
                         ensure_ascii=False, separators=(",", ":"))
    return base64.b64encode(zlib.compress(payload.encode("utf-8"), 1)).decode("ascii")


def decode_record(blob: str) -> tuple[ParsedDocument, list[Passage]]:
    data = json.loads(zlib.decompress(base64.b64decode(blob)))
    doc = ParsedDocument.model_validate(data["doc"])
    return doc, [Passage.of(doc, n, *row) for n, row in enumerate(data["passages"])]
