"""In-domain reader training questions made from transcripts (unlabelled data), no labels.

Transcripts are parsed and cut into passages by pressbot's own ingest, and each passage is
shown to the reader as pressbot shows it ("Speaker, date: text", `context_of`). Two kinds
of question come out of a passage:

- **figure, date and name questions**: a sentence of an official that holds a named
  entity (spaCy's MONEY, PERCENT, QUANTITY; a CARDINAL that counts something; a DATE with a
  number or a month; a PERSON's full name) becomes a question by putting
  a wh-phrase of the entity's type in the entity's place, in the clause that holds it
  ("… had resolved how many difficulties for companies?"); the entity is the answer;
- **speaker questions**: "Who said <clause>?" over a clause of an official's turn; the
  answer is the speaker's name in the passage's label.

The generated questions are echo questions, easier than a reporter's; what the reader
learns from them is the transcripts' text (spoken sentences, labels, dates, figures with
their units), not how reporters phrase things. The same question shown another passage of
its transcript that does not hold the answer is a no-answer window (`WindowMaker`).
Nothing here reads `eval/` or `bench/questions/`; `tests/training/test_no_eval_leak.py`
checks that no generated question is a near copy of one.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from bot.answer.learned import context_of
from bot.errors import IngestError
from bot.ingest.parse import parse_transcript
from bot.ingest.passages import split_passages
from bot.ingest.read import read_text
from bot.ingest.sentences import split_sentences
from bot.schema import Passage

if TYPE_CHECKING:
    from spacy.tokens import Span
from training.data import Example

SOURCE = "transcripts"
# the wh-phrase that asks for an entity of each spaCy type
WH: dict[str, str] = {
    "MONEY": "how much", "PERCENT": "what percent", "CARDINAL": "how many",
    "QUANTITY": "how much", "DATE": "when", "PERSON": "who",
}
MONTHS = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b", re.I)
OPENERS = re.compile(r"^(?:(?:and|but|so|well|now|look|again|also|yes|no|okay|oh)\b[,\s]*)+",
                     re.I)
MIN_WORDS, MAX_WORDS = 5, 30  # a clause that makes a question
SUFFIXES = (".md", ".txt", ".markdown")


def cited_documents(root: Path, shared: Path) -> set[str]:
    """The file names the measuring sets cite (`doc`), kept out of training so that those
    sets stay unseen. Only the names are read, never a question."""
    files = [*sorted((shared / "eval").glob("*.jsonl")),
             *sorted((root / "bench" / "questions").glob("*.jsonl"))]
    names: set[str] = set()
    for f in files:
        for line in f.read_text(encoding="utf-8").splitlines():
            if line.strip() and (doc := json.loads(line).get("doc")):
                names.add(Path(doc).name)
    return names


def transcript_files(folder: Path, exclude: Iterable[str] = ()) -> list[Path]:
    """The transcripts of `folder` (recursively), less the files named in `exclude`."""
    skip = set(exclude)
    return sorted(p for p in folder.rglob("*") if p.suffix.lower() in SUFFIXES
                  and p.is_file() and p.name not in skip and p.stem not in skip)


def passages_of(path: Path) -> list[Passage]:
    """The English passages of one transcript, as pressbot indexes them."""
    try:
        doc = parse_transcript(read_text(path), path.stem, str(path))
    except IngestError:
        return []
    if doc.language != "en":
        return []
    return split_passages(doc)


def _clauses(text: str) -> Iterator[tuple[int, int]]:
    """Sentences of `text`, cut at semicolons and dashes, as (start, end)."""
    for s, e in split_sentences(text) or [(0, len(text))]:
        start = s
        for m in re.finditer(r";\s+|\s+[—–]\s+", text[s:e]):
            yield start, s + m.start()
            start = s + m.end()
        yield start, e


def _question(text: str, clause: tuple[int, int], entity: tuple[int, int], wh: str) -> str:
    a, b = clause
    before = OPENERS.sub("", text[a:entity[0]].strip())
    if wh == "how many":
        before = re.sub(r"\b(?:the|a|an|some)$", "", before).strip()
    after = text[entity[1]:b].strip().rstrip(".!?;:,")
    if wh == "when":  # "by September 25" -> "by when"; "on Monday" -> "when"
        before = re.sub(r"\b(?:on|in|at)$", "", before).strip()
    words = " ".join(x for x in (before, wh, after) if x)
    words = re.sub(r"\s+", " ", words).strip(" ,")
    return words[:1].upper() + words[1:] + "?"


def _words(text: str) -> int:
    return len(text.split())


def _askable(ent: Span) -> bool:
    """An entity a reporter would ask for: a figure with something counted after it, a
    calendar date, a full name."""
    text = ent.text.strip()
    if len(text) < 2:
        return False
    if ent.label_ == "DATE":
        return bool(re.search(r"\d", text) or MONTHS.search(text))
    if ent.label_ == "CARDINAL":
        following = ent.doc[ent.end] if ent.end < len(ent.doc) else None
        return following is not None and following.pos_ in ("NOUN", "ADJ")
    if ent.label_ == "PERSON":
        before = ent.doc[ent.start - 1] if ent.start > 0 else None
        return len(ent) >= 2 and not (before is not None and before.text[:1].isupper())
    return True


class QuestionMaker:
    """Questions with their answers from passages; spaCy is loaded once."""

    def __init__(self, seed: int = 13) -> None:
        from bot.models import get_nlp

        self.nlp = get_nlp()
        self.rng = random.Random(seed)

    def entity_questions(self, p: Passage, group: str, neighbours: list[str]) -> list[Example]:
        ctx = context_of(p)
        out: list[Example] = []
        if p.speaker_role == "reporter":
            return out
        clauses = [c for c in _clauses(p.text) if MIN_WORDS <= _words(p.text[c[0]:c[1]])
                   <= MAX_WORDS and not p.text[c[0]:c[1]].rstrip().endswith("?")]
        if not clauses:
            return out
        for a, b in self.rng.sample(clauses, min(2, len(clauses))):
            doc = self.nlp(p.text[a:b])
            ents = [e for e in doc.ents if e.label_ in WH and _askable(e)]
            if not ents:
                continue
            ent = self.rng.choice(ents)
            start, end = a + ent.start_char, a + ent.end_char
            question = _question(p.text, (a, b), (start, end), WH[ent.label_])
            if _words(question) < 4:
                continue
            out.append(Example(question, ctx.text, [(ctx.body + start, p.text[start:end])],
                               SOURCE, group, neighbours))
        return out

    def speaker_question(self, p: Passage, group: str, neighbours: list[str]
                         ) -> Example | None:
        ctx = context_of(p)
        if p.speaker_role != "official" or not p.speaker or ctx.speaker is None:
            return None
        clauses = [c for c in _clauses(p.text)
                   if MIN_WORDS + 2 <= _words(p.text[c[0]:c[1]]) <= MAX_WORDS - 10
                   and not p.text[c[0]:c[1]].rstrip().endswith("?")]
        if not clauses:
            return None
        a, b = self.rng.choice(clauses)
        said = OPENERS.sub("", p.text[a:b].strip()).rstrip(".!?;:,")
        if _words(said) < MIN_WORDS:
            return None
        said = said[:1].lower() + said[1:] if not said[:2].isupper() else said
        s, e = ctx.speaker
        return Example(f"Who said that {said}?", ctx.text, [(s, ctx.text[s:e])], SOURCE,
                       group, neighbours)

    def from_files(self, files: list[Path], count: int, who_share: float = 0.15
                   ) -> list[Example]:
        """About `count` questions from passages drawn evenly over `files`."""
        files = list(files)
        self.rng.shuffle(files)
        per_file = max(1, count // max(1, len(files)) + 1)
        out: list[Example] = []
        for path in files:
            if len(out) >= count:
                break
            passages = [p for p in passages_of(path) if _words(p.text) >= 20]
            if len(passages) < 2:
                continue
            texts = [context_of(p).text for p in passages]
            group = f"{SOURCE}:{path.stem}"
            made = 0
            for i in self.rng.sample(range(len(passages)), len(passages)):
                if made >= per_file:
                    break
                neighbours = texts[:i] + texts[i + 1:]
                if self.rng.random() < who_share:
                    found = self.speaker_question(passages[i], group, neighbours)
                    new = [found] if found else []
                else:
                    new = self.entity_questions(passages[i], group, neighbours)[:1]
                out += new
                made += len(new)
        return out[:count]
