"""Request bodies: an earlier turn's Answer is checked strictly, as JSON Schema types it."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from bot.api.models import AskRequest
from bot.schema import Answer, Citation

CITATION = Citation(n=1, doc_id="d", path="d", passage_id="p", quote="q", start=0, end=5,
                    score=0.5, url="/view/d")


def ask_with(citation: dict) -> dict:
    answer = Answer(question="q", answered=True, answer="3002").model_dump(mode="json")
    answer["citations"] = [citation]
    return {"question": "And in August?", "history": [{"question": "q", "answer": answer}]}


def test_an_earlier_answer_round_trips() -> None:
    body = ask_with(CITATION.model_dump(mode="json"))
    request = AskRequest.model_validate(body)
    assert request.history[0].answer.citations == [CITATION]


@pytest.mark.parametrize("field, value", [
    ("start", True), ("end", False), ("n", "1"), ("score", True), ("quote", 3), ("start", 2.5)])
def test_wrong_types_deep_in_an_earlier_answer_are_refused(field: str, value: object) -> None:
    citation = CITATION.model_dump(mode="json") | {field: value}
    with pytest.raises(ValidationError, match=field):
        AskRequest.model_validate(ask_with(citation))


def test_an_integral_number_is_an_integer() -> None:
    citation = CITATION.model_dump(mode="json") | {"start": 0.0, "score": 1}
    answer = AskRequest.model_validate(ask_with(citation)).history[0].answer
    assert answer.citations[0].start == 0 and answer.citations[0].score == 1.0
