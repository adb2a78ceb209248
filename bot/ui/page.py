"""The page: an Ask tab (chat with follow-ups, filters, examples, copy-as-quote) and a
Library tab (the indexed transcripts, upload with progress, delete).

The API endpoint for `gradio_client` is `/respond` (question, optional filters → HTML).
"""

from __future__ import annotations

import contextlib
import html
import os
import threading
from collections.abc import Iterator

from bot.answer.events import AnswerEvent, TokenEvent
from bot.api.models import MAX_QUESTION_CHARS
from bot.errors import PressbotError
from bot.schema import ChatTurn
from bot.service import QAService
from bot.ui.examples import COUNT, example_questions
from bot.ui.filters import describe_filters, make_filters
from bot.ui.library import (
    DOC_HEADERS,
    DOC_WIDTHS,
    UPLOAD_HTML,
    UPLOAD_JS,
    WriteRule,
    document_rows,
    no_writes,
    refused,
)
from bot.ui.render import render_answer

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

CSS = """
.pb-card{border:1px solid var(--border-color-primary);border-radius:8px;padding:.5rem .7rem;
 margin:.4rem 0;list-style:none}
.pb-cards{padding-left:0}
.pb-card blockquote{margin:.2rem 0 .3rem;padding-left:.6rem;border-left:3px solid #f0b400}
.pb-meta{font-size:.9em;opacity:.85}
.pb-copy{margin-left:.5rem;padding:.05rem .45rem;border:1px solid var(--border-color-primary);
 border-radius:6px;background:var(--background-fill-secondary);cursor:pointer;font-size:.9em}
.pb-read-as{font-size:.9em;opacity:.8}
#pb-active{font-size:.9em}
.pb-hidden{display:none!important}
#pb-upload label{display:block;margin-bottom:.4rem}
#pb-upload button{margin:.3rem 0;padding:.4rem 1rem;border-radius:8px;cursor:pointer;
 background:var(--button-primary-background-fill);color:var(--button-primary-text-color);
 border:none}
#pb-upload progress{width:100%}
#pb-upload-results{width:100%;border-collapse:collapse;font-size:.9em}
#pb-upload-results td,#pb-upload-results th{border:1px solid var(--border-color-primary);
 padding:.2rem .4rem;text-align:left}
"""

# one listener for every card's "Copy as quote" button (cards are re-rendered as HTML)
COPY_JS = """
() => {
  if (window.pbCopyInstalled) return;
  window.pbCopyInstalled = true;
  document.addEventListener('click', async (event) => {
    const button = event.target.closest('.pb-copy');
    if (!button) return;
    event.preventDefault();
    const text = button.getAttribute('title') || '';
    try {
      await navigator.clipboard.writeText(text);
    } catch (error) {
      const area = document.createElement('textarea');
      area.value = text; document.body.appendChild(area); area.select();
      document.execCommand('copy'); area.remove();
    }
    button.textContent = 'Copied ✓';
    setTimeout(() => { button.textContent = 'Copy as quote'; }, 2000);
  });
""" + UPLOAD_JS + """
}
"""


# questions longer than this cost several times a short one's CPU (embedding every token):
# they are answered one at a time, so that a few of them never starve the short ones
LONG_QUESTION_CHARS = 500


def too_long(question: str) -> str | None:
    """The chat's reply to a question over the REST API's limit, or None."""
    if len(question) <= MAX_QUESTION_CHARS:
        return None
    return (f"<p>⚠ Questions are limited to {MAX_QUESTION_CHARS:,} characters; this one has "
            f"{len(question):,}.</p>")


def build_ui(service: QAService, write_rule: WriteRule = no_writes, keys_enabled: bool = False,
             concurrency: int = 8):
    """The page. `write_rule(key)` says why a key may not delete (None: it may), the same
    rule as the REST API's; `keys_enabled` shows the key box; `concurrency` is how many
    questions (and other events) are answered at once."""
    import gradio as gr

    long_questions = threading.BoundedSemaphore(1)

    @contextlib.contextmanager
    def turn_for(question: str) -> Iterator[None]:
        """A short question goes at once; a long one waits for the other long ones."""
        if len(question) <= LONG_QUESTION_CHARS:
            yield
            return
        with long_questions:
            yield

    def respond(message: str, date_from: str = "", date_to: str = "", source: str = "",
                speaker: str = "") -> str:
        """Answer one question (with optional filters) as the chat's HTML reply."""
        if not isinstance(message, str) or not message.strip():
            return "Please type a question."
        if too_long(message.strip()):
            return too_long(message.strip()) or ""
        try:
            filters = make_filters(date_from, date_to, source, speaker)
        except ValueError as error:
            return f"<p>⚠ {html.escape(str(error))}</p>"
        with turn_for(message):
            return render_answer(service.ask(message.strip(), filters))

    def chat(message: str, history: list, turns: list, date_from: str, date_to: str,
             source: str | None, speaker: str | None, mode: str = "extractive"):
        """One turn of the conversation, streamed; earlier questions make follow-ups stand
        alone. In generative mode the LLM's words appear as they come, then the checked
        answer replaces them."""
        question = (message if isinstance(message, str) else "").strip()
        history = history if isinstance(history, list) else []
        if not question:
            yield history, turns, ""
            return
        if too_long(question):
            yield [*history, {"role": "user", "content": question[:200] + "…"},
                   {"role": "assistant", "content": too_long(question)}], turns, ""
            return
        asked = [*(history or []), {"role": "user", "content": question}]
        try:
            filters = make_filters(date_from, date_to, source, speaker)
        except ValueError as error:
            yield [*asked, {"role": "assistant",
                            "content": f"<p>⚠ {html.escape(str(error))}</p>"}], turns, ""
            return
        earlier = [ChatTurn.model_validate(t) for t in turns or []]
        answer, written = None, ""
        try:
            with turn_for(question):
                for event in service.ask_events(question, filters, earlier,
                                                mode or "extractive"):
                    if isinstance(event, AnswerEvent):
                        answer = event.answer
                    elif isinstance(event, TokenEvent) and mode == "generative":
                        written += event.text
                        yield [*asked, {"role": "assistant",
                                        "content": html.escape(written)}], turns, ""
        except PressbotError as error:
            yield [*asked, {"role": "assistant",
                            "content": f"<p>⚠ {html.escape(str(error))}</p>"}], turns, ""
            return
        if answer is None:
            return
        turn = ChatTurn(question=answer.standalone_question or question, filters=filters)
        yield ([*asked, {"role": "assistant", "content": render_answer(answer)}],
               [*(turns or []), turn.model_dump(exclude_none=True)], "")

    def page_load():
        docs = service.documents()
        sources = sorted({d.source for d in docs if d.source})
        speakers = sorted({s for d in docs for s in d.speakers if s})
        examples = example_questions(docs)
        buttons = [gr.Button(value=q, visible=True) for q in examples]
        buttons += [gr.Button(visible=False)] * (COUNT - len(examples))
        return (gr.Dropdown(choices=[("Any source", ""), *sources]),
                gr.Dropdown(choices=[("Any speaker", ""), *speakers]), *buttons)

    def clear_filters():
        return "", "", "", "", describe_filters("", "", "", "")

    def library_state(note: str = ""):
        rows = document_rows(service)
        ids = [row[-1] for row in rows]
        return (gr.Dataframe(value=rows), gr.Dropdown(choices=ids, value=None),
                f"{len(rows)} transcripts indexed. {note}".strip())

    def do_delete(doc_id: str | None, key: str | None):
        why = refused(write_rule, key if isinstance(key, str) else None)
        if why is not None:
            return library_state(why)
        if not isinstance(doc_id, str) or not doc_id:
            return library_state("Choose a transcript to delete.")
        existed = service.delete_document(doc_id)
        return library_state(f"Deleted {doc_id}." if existed else f"No transcript {doc_id}.")

    # Gradio's cache (this page puts nothing in it) is emptied every 5 minutes of what is
    # over 10 minutes old, and entirely at start
    with gr.Blocks(title="pressbot: press-conference Q&A", delete_cache=(300, 600)) as demo:
        gr.Markdown("## Press-conference Q&A\nAsk the transcripts; every answer cites the "
                    "passage it comes from. Press Enter to send; ask a follow-up "
                    "(“And in June 2022?”) and it keeps the subject.")
        with gr.Tab("Ask", id="ask"), gr.Row():
            with gr.Column(scale=3, min_width=300):
                active = gr.Markdown(describe_filters("", "", "", ""), elem_id="pb-active")
                chatbot = gr.Chatbot(label="Answers", elem_id="pb-chat", height=560,
                                     feedback_options=None, buttons=["copy"])
                turns = gr.State([])
                box = gr.Textbox(placeholder="Ask a question about the transcripts…",
                                 show_label=False, lines=1, max_lines=4,
                                 max_length=MAX_QUESTION_CHARS,
                                 elem_id="pb-question", autofocus=True, submit_btn=True)
                with gr.Row():
                    new = gr.Button("New conversation", size="sm", elem_id="pb-new")
                    mode = gr.Radio([("Extractive", "extractive"),
                                     ("Generative (LLM, checked)", "generative")],
                                    value="extractive", label="Answer mode",
                                    visible=service.llm_configured, elem_id="pb-mode")
                gr.Markdown("**Examples** (click to ask):")
                with gr.Row(elem_id="pb-examples"):
                    example_buttons = [gr.Button(visible=False, size="sm")
                                       for _ in range(COUNT)]
            with gr.Column(scale=1, min_width=240), gr.Accordion("Filters", open=True):
                date_from = gr.Textbox(label="From date", placeholder="YYYY-MM-DD",
                                       elem_id="pb-date-from")
                date_to = gr.Textbox(label="To date", placeholder="YYYY-MM-DD",
                                     elem_id="pb-date-to")
                source = gr.Dropdown(label="Source", choices=[("Any source", "")], value="",
                                     allow_custom_value=True, filterable=True,
                                     elem_id="pb-source")
                speaker = gr.Dropdown(label="Speaker", choices=[("Any speaker", "")],
                                      value="", allow_custom_value=True, filterable=True,
                                      elem_id="pb-speaker")
                reset = gr.Button("Clear filters", size="sm")
        with gr.Tab("Library", id="library", elem_id="pb-library-tab") as library_tab:
            status = gr.Markdown(elem_id="pb-library-status")
            gr.Markdown(f"_{no_writes(None)}_", visible=not keys_enabled,
                        elem_id="pb-writes-disabled")
            key = gr.Textbox(label="API key (needed to upload or delete)", type="password",
                             visible=keys_enabled, elem_id="pb-key")
            with gr.Row(visible=keys_enabled):
                with gr.Column(scale=2, min_width=300):
                    gr.HTML(UPLOAD_HTML, elem_id="pb-upload-box")
                    refresh = gr.Button("Refresh", elem_id="pb-library-refresh",
                                        elem_classes=["pb-hidden"])
                with gr.Column(scale=1, min_width=240):
                    doomed = gr.Dropdown(label="Delete a transcript", choices=[],
                                         elem_id="pb-delete-choice")
                    delete = gr.Button("Delete", variant="stop", elem_id="pb-delete")
            table = gr.Dataframe(headers=DOC_HEADERS, label="Indexed transcripts",
                                 interactive=False, wrap=True, column_widths=DOC_WIDTHS,
                                 elem_id="pb-documents")

        filters = [date_from, date_to, source, speaker]
        gr.api(respond, api_name="respond")
        box.submit(chat, [box, chatbot, turns, *filters, mode], [chatbot, turns, box],
                   api_visibility="private")
        for button in example_buttons:
            button.click(chat, [button, chatbot, turns, *filters, mode], [chatbot, turns, box],
                         api_visibility="private")
        new.click(lambda: ([], [], ""), None, [chatbot, turns, box], api_visibility="private")
        for field in filters:
            field.change(describe_filters, filters, active, api_visibility="private")
        reset.click(clear_filters, None, [*filters, active], api_visibility="private")
        demo.load(page_load, None, [source, speaker, *example_buttons],
                  api_visibility="private")
        library_tab.select(library_state, None, [table, doomed, status],
                           api_visibility="private")
        refresh.click(library_state, None, [table, doomed, status],
                      api_visibility="private").then(
            page_load, None, [source, speaker, *example_buttons], api_visibility="private")
        delete.click(do_delete, [doomed, key], [table, doomed, status],
                     api_visibility="private", js="(d, k) => (d && confirm('Delete ' + d + "
                     "' from the index?')) ? [d, k] : [null, k]").then(
            page_load, None, [source, speaker, *example_buttons], api_visibility="private")
    demo.queue(default_concurrency_limit=concurrency)
    return demo
