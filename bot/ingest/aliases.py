"""One person under several labels: `Minister Doe`, `Jane Doe`, `JANE DOE -- Minister`.

A speaker whose name's words (less titles and honorifics) are all in exactly one other,
fuller name is that person: `Minister Doe` and `Doe` become `Jane Doe`. Names in capitals
are already written as names by `bot.ingest.speakers.normalise`. A label spelt
differently is not matched to a name in the text: it is kept as published.
"""

from __future__ import annotations

import re

from bot.ingest.roles import RawTurn
from bot.ingest.speakers import CHAIR_WORDS, HONORIFICS, TITLE_WORDS, Kind

_KIND_RANK = {"official": 3, "moderator": 2, "reporter": 1}


def merge_aliases(turns: list[RawTurn]) -> None:
    """Rename each speaker known by a shorter form of another's name to that name."""
    names = {t.speaker for t in turns if t.speaker}
    words = {n: _name_words(n) for n in names}
    rename: dict[str, str] = {}
    for short in names:
        if not words[short]:
            continue
        fuller = [n for n in names if n != short and (words[short] < words[n] or (
            words[short] == words[n] and _bare(short, words[short])))]
        if len(fuller) == 1 and _compatible(turns, short, fuller[0]):
            rename[short] = fuller[0]
    # one person, one role: a label without the role (`Maria Lopez`) takes the one that
    # the same name's other labels give (`Maria Lopez -- Chief Executive Officer`)
    kinds: dict[str, Kind | None] = {}
    for turn in turns:
        target = rename.get(turn.speaker or "", turn.speaker)
        if target and _KIND_RANK.get(turn.kind or "", 0) > _KIND_RANK.get(
                kinds.get(target) or "", 0):
            kinds[target] = turn.kind
    for turn in turns:
        if turn.speaker in rename:
            turn.speaker = rename[turn.speaker]
        if turn.speaker in kinds and turn.kind in ("person", "unknown", None):
            turn.kind = kinds[turn.speaker]


def _bare(name: str, words: frozenset[str]) -> bool:
    """A name without any title: `Anna Berg` beside `Minister Anna Berg`."""
    return len(name.split()) == len(words)


def _name_words(name: str) -> frozenset[str]:
    """The words of a name, less titles and honorifics, in lower case."""
    kept = []
    for word in re.split(r"[\s]+", name):
        bare = word.rstrip(".,").upper()
        if bare in HONORIFICS or bare in TITLE_WORDS or bare in CHAIR_WORDS:
            continue
        kept.append(bare.lower())
    return frozenset(kept)


def _compatible(turns: list[RawTurn], a: str, b: str) -> bool:
    """Not a reporter under one name and an official under the other."""
    kinds = {t.kind for t in turns if t.speaker in (a, b)}
    return not {"reporter", "official"} <= kinds
