"""The web UI: a reporter's chat over QAService (Gradio Blocks).

The answer in bold, the supporting sentence, then numbered citation cards (the quote
with the answer marked, speaker, date, title, source, a link into the transcript viewer
of `bot/viewer.py`). Filters (dates, source, speaker) apply to the next question. The
API endpoint for `gradio_client` is `/respond` (question, optional filters → Markdown).
"""

from __future__ import annotations

import html
import os
import re
from datetime import date

from bot.schema import Answer, Citation, Filters
from bot.service import QAService
from bot.viewer import view_url

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

REFUSAL = "Not in the transcripts."
EXAMPLES = [
    "How many difficulties had been resolved for companies by September 25?",
    "What did the Fed decide on September 21, 2022?",
    "What did Powell say about inflation?",
    "What did the Fed do at its March 22, 2023 meeting?",
]

CSS = """
.pb-card{border:1px solid var(--border-color-primary);border-radius:8px;padding:.5rem .7rem;
 margin:.4rem 0;list-style:none}
.pb-cards{padding-left:0}
.pb-card blockquote{margin:.2rem 0 .3rem;padding-left:.6rem;border-left:3px solid #f0b400}
.pb-meta{font-size:.9em;opacity:.85}
#pb-active{font-size:.9em}
"""


def _mark(quote: str, answer: str | None) -> str:
    """The quote, HTML-escaped, with the answer's words inside <mark>."""
    if not answer:
        return html.escape(quote)
    found = re.search(re.escape(answer), quote, flags=re.IGNORECASE)
    if found is None:  # answer not verbatim: mark its longer words where they occur
        words = [w for w in re.findall(r"\w[\w.,%-]*\w|\w", answer) if len(w) > 2]
        if not words:
            return html.escape(quote)
        pattern = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
        spans = [m.span() for m in re.finditer(pattern, quote, flags=re.IGNORECASE)]
    else:
        spans = [found.span()]
    out, pos = [], 0
    for a, b in spans:
        out += [html.escape(quote[pos:a]), f"<mark>{html.escape(quote[a:b])}</mark>"]
        pos = b
    return "".join([*out, html.escape(quote[pos:])])


def _card(c: Citation, answer: str | None) -> str:
    who = html.escape(c.speaker or "unknown speaker")
    role = f" ({html.escape(c.speaker_role)})" if c.speaker_role else ""
    reported = " · reported speech" if c.speech == "reported" else ""
    title = html.escape(c.title or c.doc_id)
    source = f" · {html.escape(c.source)}" if c.source else ""
    link = html.escape(view_url(c))
    return (f'<li class="pb-card"><blockquote><strong>[{c.n}]</strong> '
            f'“{_mark(c.quote, answer)}”</blockquote>'
            f'<div class="pb-meta"><strong>{who}</strong>{role}{reported} · '
            f'{html.escape(c.date or "undated")} · <em>{title}</em>{source}<br>'
            f'<a href="{link}" target="_blank" rel="noopener">Open in transcript</a> '
            f'<code>{html.escape(c.doc_id)}</code></div></li>')


def render_answer(answer: Answer) -> str:
    """The chat's reply: the answer in bold, its sentence, numbered citation cards."""
    if not answer.answered:
        reason = f" {html.escape(answer.reason)}" if answer.reason else ""
        return f"<p><strong>{REFUSAL}</strong>{reason}</p>"
    parts = [f"<p><strong>{html.escape(answer.answer or '')}</strong></p>"]
    if answer.sentence:
        parts.append(f"<p>{html.escape(answer.sentence)}</p>")
    cards = "".join(_card(c, answer.answer) for c in answer.citations)
    if cards:
        parts.append(f'<ol class="pb-cards">{cards}</ol>')
    for o in answer.others:
        parts.append(f"<p>Also: <strong>{html.escape(o.answer)}</strong> on "
                     f"{html.escape(o.date or 'an undated conference')} "
                     f'(<a href="{html.escape(view_url(o.citation))}" target="_blank" '
                     f'rel="noopener">{html.escape(o.citation.doc_id)}</a>)</p>')
    return "".join(parts)


def make_filters(date_from: str | None, date_to: str | None, source: str | None,
                 speaker: str | None) -> Filters | None:
    """Filters from the UI's fields (blank is no filter); ValueError on a bad date."""
    values: dict[str, str] = {}
    for name, value in (("date_from", date_from), ("date_to", date_to)):
        value = (value or "").strip()
        if value:
            try:
                date.fromisoformat(value)
            except ValueError:
                raise ValueError(f"{name.replace('_', ' ')} must be YYYY-MM-DD, "
                                 f"not {value!r}") from None
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                raise ValueError(f"{name.replace('_', ' ')} must be YYYY-MM-DD")
            values[name] = value
    if (source or "").strip():
        values["source"] = source.strip()
    if (speaker or "").strip():
        values["speaker"] = speaker.strip()
    return Filters(**values) if values else None


def describe_filters(date_from: str | None, date_to: str | None, source: str | None,
                     speaker: str | None) -> str:
    """The active filters, in words, for the line above the chat."""
    try:
        filters = make_filters(date_from, date_to, source, speaker)
    except ValueError as error:
        return f"⚠ {error}"
    if filters is None:
        return "Filters: none (all transcripts)."
    bits = []
    if filters.date_from or filters.date_to:
        bits.append(f"dates {filters.date_from or '…'} to {filters.date_to or '…'}")
    if filters.source:
        bits.append(f"source “{filters.source}”")
    if filters.speaker:
        bits.append(f"speaker “{filters.speaker}”")
    return "Active filters: " + "; ".join(bits) + "."


def build_ui(service: QAService):
    """The chat page; its API endpoint (for `gradio_client`) is `/respond`."""
    import gradio as gr

    def respond(message: str, date_from: str = "", date_to: str = "", source: str = "",
                speaker: str = "") -> str:
        """Answer one question (with optional filters) as the chat's HTML/Markdown reply."""
        if not (message or "").strip():
            return "Please type a question."
        try:
            filters = make_filters(date_from, date_to, source, speaker)
        except ValueError as error:
            return f"<p>⚠ {html.escape(str(error))}</p>"
        return render_answer(service.ask(message.strip(), filters))

    def chat(message: str, history: list, date_from: str, date_to: str,
             source: str | None, speaker: str | None):
        if not (message or "").strip():
            return history, ""
        reply = respond(message, date_from, date_to, source or "", speaker or "")
        history = [*(history or []), {"role": "user", "content": message.strip()},
                   {"role": "assistant", "content": reply}]
        return history, ""

    def choices():
        docs = service.documents()
        sources = sorted({d.source for d in docs if d.source})
        speakers = sorted({s for d in docs for s in d.speakers if s})
        return (gr.Dropdown(choices=[("Any source", ""), *sources]),
                gr.Dropdown(choices=[("Any speaker", ""), *speakers]))

    def clear_filters():
        return "", "", "", "", describe_filters("", "", "", "")

    with gr.Blocks(title="pressbot: press-conference Q&A") as demo:
        gr.Markdown("## Press-conference Q&A\nAsk the transcripts; every answer cites the "
                    "passage it comes from. Press Enter to send.")
        with gr.Row():
            with gr.Column(scale=3, min_width=300):
                active = gr.Markdown(describe_filters("", "", "", ""), elem_id="pb-active")
                chatbot = gr.Chatbot(label="Answers", elem_id="pb-chat", height=560,
                                     feedback_options=None, buttons=["copy"])
                box = gr.Textbox(placeholder="Ask a question about the transcripts…",
                                 show_label=False, lines=1, max_lines=4,
                                 elem_id="pb-question", autofocus=True, submit_btn=True)
                gr.Markdown("**Examples** (click to ask):")
                with gr.Row(elem_id="pb-examples"):
                    example_buttons = [gr.Button(q, size="sm") for q in EXAMPLES]
            with gr.Column(scale=1, min_width=240), gr.Accordion("Filters", open=True):
                date_from = gr.Textbox(label="From date", placeholder="YYYY-MM-DD",
                                       elem_id="pb-date-from")
                date_to = gr.Textbox(label="To date", placeholder="YYYY-MM-DD",
                                     elem_id="pb-date-to")
                source = gr.Dropdown(label="Source", choices=[("Any source", "")], value="",
                                     allow_custom_value=True, filterable=True,
                                     elem_id="pb-source")
                speaker = gr.Dropdown(label="Speaker", choices=[("Any speaker", "")], value="",
                                      allow_custom_value=True, filterable=True,
                                      elem_id="pb-speaker")
                reset = gr.Button("Clear filters", size="sm")

        filters = [date_from, date_to, source, speaker]
        gr.api(respond, api_name="respond")
        box.submit(chat, [box, chatbot, *filters], [chatbot, box], api_visibility="private")
        for button, question in zip(example_buttons, EXAMPLES, strict=True):
            button.click(lambda h, a, b, c, d, q=question: chat(q, h, a, b, c, d),
                         [chatbot, *filters], [chatbot, box], api_visibility="private")
        for field in filters:
            field.change(describe_filters, filters, active, api_visibility="private")
        reset.click(clear_filters, None, [*filters, active], api_visibility="private")
        demo.load(choices, None, [source, speaker], api_visibility="private")
    return demo
