"""The web UI: a Gradio chat over QAService (a fuller reporter UI will replace it)."""

from __future__ import annotations

import html
import os

from bot.schema import Answer
from bot.service import QAService

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")


def render_answer(answer: Answer) -> str:
    """Markdown for the chat: the short answer in bold, then numbered citations."""
    if not answer.answered:
        return f"**Not in the transcripts.** {answer.reason or ''}"
    lines = [f"**{html.escape(answer.answer or '')}**", ""]
    for c in answer.citations:
        who = c.speaker or "unknown speaker"
        lines.append(f"[{c.n}] “{html.escape(c.quote)}”  \n— {who}, {c.date or 'undated'}, "
                     f"*{html.escape(c.title or c.doc_id)}* ({c.doc_id})")
        lines.append("")
    for o in answer.others:
        lines.append(f"Also: **{html.escape(o.answer)}** on {o.date} ({o.citation.doc_id})")
    return "\n".join(lines)


def build_ui(service: QAService):
    """The chat page; its API endpoint (for `gradio_client`) is `/respond`."""
    import gradio as gr

    def respond(message: str, history: list) -> str:
        if not message.strip():
            return "Please type a question."
        return render_answer(service.ask(message))

    return gr.ChatInterface(
        respond,
        title="Press-conference Q&A",
        description="Ask the transcripts; every answer cites the passage it comes from.",
        examples=["How many difficulties had been resolved for companies by September 25?"],
    )
