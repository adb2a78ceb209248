"""The data that crosses module boundaries: parsed documents, passages, answers.

`Answer` and `Citation` follow the contract of `../shared/API.md`: fields may be
added, never renamed or removed.
"""

from __future__ import annotations

from typing import Literal, get_args

from pydantic import BaseModel, Field

SpeakerRole = Literal["official", "reporter", "moderator"]
Speech = Literal["direct", "reported"]
Mode = Literal["extractive", "generative"]
MODES: tuple[str, ...] = get_args(Mode)


class Turn(BaseModel):
    """One speaker's turn inside a parsed transcript.

    `start`/`end` are offsets into `ParsedDocument.text` of the turn's words,
    *after* any speaker label (`CHAIR POWELL: ` is not inside the span).
    """

    start: int
    end: int
    speaker: str | None = None
    speaker_role: SpeakerRole | None = None
    speech: Speech = "direct"
    label: str | None = None  # the raw label as printed, e.g. "CHAIRMAN BERNANKE"
    outlet: str | None = None  # a reporter's news organisation, where the transcript says


class ParsedDocument(BaseModel):
    """A transcript after parsing: metadata, cleaned text and speaker turns."""

    doc_id: str
    path: str
    title: str | None = None
    date: str | None = None  # YYYY-MM-DD of the press conference
    source: str | None = None
    source_url: str | None = None
    language: str = "en"
    text: str  # the parsed text; every offset in the system points into it
    turns: list[Turn] = Field(default_factory=list)
    speakers: list[str] = Field(default_factory=list)


class Passage(BaseModel):
    """A sentence-aware chunk inside one turn; the unit that is indexed."""

    id: str  # f"{doc_id}#{n}"
    doc_id: str
    n: int
    text: str  # == document.text[start:end]
    start: int
    end: int
    turn: int  # index of the turn in ParsedDocument.turns
    speaker: str | None = None
    speaker_role: SpeakerRole | None = None
    speech: Speech = "direct"
    date: str | None = None
    title: str | None = None
    source: str | None = None
    source_url: str | None = None
    question: str | None = None  # the reporter's question this passage answers
    asker: str | None = None  # who asked it, where the transcript says
    outlet: str | None = None  # the asker's news organisation, where the transcript says
    language: str = "en"  # of its transcript: "en", "zh"

    @classmethod
    def of(cls, doc: ParsedDocument, n: int, start: int, end: int, turn: int,
           question: str | None, asker: str | None, outlet: str | None = None) -> Passage:
        """The `n`-th passage of `doc`: `doc.text[start:end]` inside turn `turn`; every other
        field comes from the document and the turn."""
        t = doc.turns[turn]
        return cls(id=f"{doc.doc_id}#{n}", doc_id=doc.doc_id, n=n, text=doc.text[start:end],
                   start=start, end=end, turn=turn, speaker=t.speaker,
                   speaker_role=t.speaker_role, speech=t.speech, date=doc.date,
                   title=doc.title, source=doc.source, source_url=doc.source_url,
                   language=doc.language, question=question, asker=asker, outlet=outlet)


class DocumentInfo(BaseModel):
    """A row of the document registry."""

    doc_id: str
    path: str
    title: str | None = None
    date: str | None = None
    source: str | None = None
    source_url: str | None = None
    language: str = "en"
    speakers: list[str] = Field(default_factory=list)
    passages: int = 0
    content_hash: str


class Citation(BaseModel):
    n: int
    doc_id: str
    path: str
    title: str | None = None
    date: str | None = None
    source: str | None = None
    source_url: str | None = None
    speaker: str | None = None
    speaker_role: SpeakerRole | None = None
    speech: Speech = "direct"
    passage_id: str
    quote: str
    start: int
    end: int
    score: float
    url: str
    quote_line: str | None = Field(
        None, description="\"Copy as quote\": an attribution line to paste into a story; "
                          "reported speech is never put in quotation marks.")
    language: str = "en"  # the quote's language ("zh": a copy-as-quote line in Chinese)


class OtherAnswer(BaseModel):
    answer: str
    date: str | None = None
    citation: Citation


class Filters(BaseModel):
    date_from: str | None = None
    date_to: str | None = None
    source: str | None = None
    speaker: str | None = None
    doc_ids: list[str] | None = None


class Grounding(BaseModel):
    """Whether every figure, date and name of a generated answer is in a passage it cites."""

    ok: bool
    unsupported: list[str] = Field(default_factory=list)  # as written in the generated text
    attributed: bool = False  # the model wrote no [n]; pressbot added them (generate/attribute)


class Answer(BaseModel):
    question: str
    answered: bool
    answer: str | None = None
    sentence: str | None = None
    confidence: float = 0.0
    citations: list[Citation] = Field(default_factory=list)
    others: list[OtherAnswer] = Field(default_factory=list)
    reason: str | None = None
    translation: str | None = None
    standalone_question: str | None = Field(
        None, description="A follow-up question as it was read, made to stand alone from the "
                          "conversation's earlier questions; absent when it already stood alone.")
    mode: str = "extractive"
    # generative mode: the grounding check of the LLM's text (None when no LLM was used),
    # a plain note when the LLM's text was not used
    grounding: Grounding | None = None
    note: str | None = None
    timings_ms: dict[str, float] = Field(default_factory=dict)


class RetrievedPassage(BaseModel):
    """A passage as retrieval ranked it (`explain`)."""

    passage_id: str
    date: str | None = None
    speaker: str | None = None
    score: float
    dense: float = 0.0
    keyword: float = 0.0


class ReaderCandidate(BaseModel):
    """The reader's best span in one passage, and how far it beats "no answer here"."""

    passage_id: str
    answer: str
    margin: float
    score: float  # what the answer is chosen by: the chooser's probability, else the margin
    features: dict[str, float] = Field(default_factory=dict)  # the chooser's inputs


class Explanation(BaseModel):
    """Each stage's output for one question: what was searched, found, read and decided."""

    question: str
    language: str
    answer_type: str | None = None
    scope: list[str] | None = None  # the documents searched; None: all
    retrieved: list[RetrievedPassage] = Field(default_factory=list)
    read: list[ReaderCandidate] = Field(default_factory=list)
    threshold: float | None = None  # the score the chosen answer had to beat
    answer: Answer


class ChatTurn(BaseModel):
    """An earlier question of a conversation (with the filters it was asked under)."""

    question: str
    answer: Answer | None = None
    filters: Filters | None = None


class IngestFileResult(BaseModel):
    path: str
    status: Literal["indexed", "unchanged", "duplicate", "failed"]
    passages: int = 0
    reason: str | None = None
    duplicate_of: str | None = None


class IngestReport(BaseModel):
    files: list[IngestFileResult] = Field(default_factory=list)

    @property
    def failed(self) -> list[IngestFileResult]:
        return [f for f in self.files if f.status == "failed"]

    @property
    def indexed(self) -> list[IngestFileResult]:
        return [f for f in self.files if f.status == "indexed"]
