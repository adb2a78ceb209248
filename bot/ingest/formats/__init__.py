"""Loaders that turn a published file (txt, md, html, pdf, docx) into transcript text.

`load_document(data, name)` picks the loader by the file's suffix and returns text
that `bot.ingest.parse.parse_transcript` understands: a `Title:`/`Date:`/`Source:`/
`Original URL:` block ending in `---`, then paragraphs with speaker labels.
"""

from bot.ingest.formats.dispatch import SUFFIXES, load_document

__all__ = ["SUFFIXES", "load_document"]
