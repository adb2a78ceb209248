"""Example questions drawn from the indexed transcripts (the newest dated ones)."""

from __future__ import annotations

from datetime import date

from bot.schema import DocumentInfo

COUNT = 4


def _long_date(iso: str) -> str:
    d = date.fromisoformat(iso)
    return f"{d.strftime('%B')} {d.day}, {d.year}"


def example_questions(docs: list[DocumentInfo], count: int = COUNT) -> list[str]:
    """"What did <first speaker> say at the <date> press conference?" for the newest
    transcripts with a date and a speaker, one per speaker."""
    out: list[str] = []
    seen: set[str] = set()
    for d in sorted(docs, key=lambda d: d.date or "", reverse=True):
        if not d.date or not d.speakers or d.speakers[0] in seen:
            continue
        try:
            when = _long_date(d.date)
        except ValueError:
            continue
        seen.add(d.speakers[0])
        out.append(f"What did {d.speakers[0]} say at the {when} press conference?")
        if len(out) == count:
            break
    return out
