"""Build citations: a verbatim quote at its offsets, with who said it and when."""

from __future__ import annotations

from urllib.parse import quote as urlquote

from bot.schema import Citation, Passage


def passage_url(p: Passage) -> str:
    """The web UI's link that opens the transcript at this passage."""
    return f"/?doc={urlquote(p.doc_id, safe='/')}#passage-{p.n}"


def make_citation(n: int, p: Passage, start: int, end: int, score: float) -> Citation:
    """A citation of `p`'s words from `start` to `end` (offsets into the parsed document)."""
    if not p.start <= start <= end <= p.end:
        raise ValueError(f"quote {start}:{end} lies outside passage {p.id}")
    return Citation(
        n=n,
        doc_id=p.doc_id,
        path=p.doc_id,
        title=p.title,
        date=p.date,
        source=p.source,
        source_url=p.source_url,
        speaker=p.speaker,
        speaker_role=p.speaker_role,
        speech=p.speech,
        passage_id=p.id,
        quote=p.text[start - p.start:end - p.start],
        start=start,
        end=end,
        score=round(float(score), 4),
        url=passage_url(p),
        language=p.language,
    )
