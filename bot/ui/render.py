"""An Answer as the chat's HTML: the answer in bold, its sentence, numbered citation cards."""

from __future__ import annotations

import html
import re

from bot.schema import Answer, Citation
from bot.viewer import view_url

REFUSAL = "Not in the transcripts."


def mark(quote: str, answer: str | None) -> str:
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


def card(c: Citation, answer: str | None) -> str:
    who = html.escape(c.speaker or "unknown speaker")
    role = f" ({html.escape(c.speaker_role)})" if c.speaker_role else ""
    reported = " · reported speech" if c.speech == "reported" else ""
    title = html.escape(c.title or c.doc_id)
    source = f" · {html.escape(c.source)}" if c.source else ""
    link = html.escape(view_url(c))
    # the line rides in `title` (the chat's sanitiser keeps it; it drops data-* attributes)
    copy = (f' <button class="pb-copy" type="button" title="{html.escape(c.quote_line)}">'
            f'Copy as quote</button>' if c.quote_line else "")
    return (f'<li class="pb-card"><blockquote><strong>[{c.n}]</strong> '
            f'“{mark(c.quote, answer)}”</blockquote>'
            f'<div class="pb-meta"><strong>{who}</strong>{role}{reported} · '
            f'{html.escape(c.date or "undated")} · <em>{title}</em>{source}<br>'
            f'<a href="{link}" target="_blank" rel="noopener">Open in transcript</a>{copy} '
            f'<code>{html.escape(c.doc_id)}</code></div></li>')


def render_answer(answer: Answer) -> str:
    """The chat's reply: how a follow-up was read, the answer in bold, its sentence, cards."""
    parts = []
    if answer.standalone_question:
        parts.append(f'<p class="pb-read-as">Read as: <em>'
                     f'{html.escape(answer.standalone_question)}</em></p>')
    if not answer.answered:
        reason = f" {html.escape(answer.reason)}" if answer.reason else ""
        return "".join([*parts, f"<p><strong>{REFUSAL}</strong>{reason}</p>"])
    parts.append(f"<p><strong>{html.escape(answer.answer or '')}</strong></p>")
    if answer.note:
        parts.append(f'<p class="pb-note">⚠ {html.escape(answer.note)}</p>')
    elif answer.mode == "generative" and answer.grounding and answer.grounding.ok:
        parts.append('<p class="pb-note">Written by an LLM from the cited passages; every '
                     "figure, date and name in it was found in the passage it cites.</p>")
    if answer.sentence:
        parts.append(f"<p>{html.escape(answer.sentence)}</p>")
    cards = "".join(card(c, answer.answer) for c in answer.citations)
    if cards:
        parts.append(f'<ol class="pb-cards">{cards}</ol>')
    for o in answer.others:
        parts.append(f"<p>Also: <strong>{html.escape(o.answer)}</strong> on "
                     f"{html.escape(o.date or 'an undated conference')} "
                     f'(<a href="{html.escape(view_url(o.citation))}" target="_blank" '
                     f'rel="noopener">{html.escape(o.citation.doc_id)}</a>)</p>')
    return "".join(parts)
