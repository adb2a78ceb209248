"""Follow-ups: the LLM rewrites "And in June?" as a question that stands alone."""

from __future__ import annotations

import re

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage

from bot.generate.markers import strip_markers
from bot.generate.prompt import neutralise
from bot.schema import ChatTurn

MAX_TURNS = 4
SYSTEM = """Rewrite the reporter's last question so that it can be understood without the
conversation: name the people, dates and topics it refers to. Reply with the rewritten
question only, on one line."""


def _answer_text(turn: ChatTurn) -> str:
    text = turn.answer.answer if turn.answer else None
    return neutralise(strip_markers(text or "no answer"))


def rewrite_messages(question: str, history: list[ChatTurn]) -> list[BaseMessage]:
    messages: list[BaseMessage] = [SystemMessage(SYSTEM)]
    for turn in history[-MAX_TURNS:]:
        messages += [HumanMessage(neutralise(turn.question)), AIMessage(_answer_text(turn))]
    messages.append(HumanMessage(f"Rewrite this question: {neutralise(question)}"))
    return messages


def standalone_question(llm: BaseChatModel, question: str,
                        history: list[ChatTurn]) -> str:
    """`question` rewritten to stand alone; the question itself when the reply is unusable."""
    if not history:
        return question
    reply = llm.invoke(rewrite_messages(question, history)).content
    text = reply if isinstance(reply, str) else " ".join(str(r) for r in reply)
    lines = [ln.strip() for ln in text.strip().splitlines() if ln.strip()]
    candidate = re.sub(r"^(?:rewritten question|question)\s*:\s*", "", lines[0], flags=re.I) \
        if lines else ""
    candidate = candidate.strip(" \"'“”")
    if not candidate or len(candidate) > max(300, 3 * len(question)):
        return question
    return candidate
