"""The web app: a Gradio chat over QAService, on the shipped corpus by default.

The REST API and the full reporter UI are built on this process (see the
README); this module only wires the service to a page.
"""

from __future__ import annotations

import html
import logging

from bot.config import get_settings
from bot.schema import Answer
from bot.service import QAService

log = logging.getLogger(__name__)


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


def prepare_service() -> QAService:
    """Open the index; index the shipped corpus on first start."""
    settings = get_settings()
    service = QAService(settings)
    if not service.documents():
        log.warning("indexing %s on first start", settings.corpus_dir)
        service.ingest(settings.corpus_dir, hold_lock=False)
    service.warm_up()
    return service


def build_ui(service: QAService):
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


def run(host: str = "127.0.0.1", port: int = 7860) -> None:
    from bot.index.lock import WriterLock

    settings = get_settings()
    with WriterLock(settings.index_dir):
        service = prepare_service()
        build_ui(service).launch(server_name=host, server_port=port)
