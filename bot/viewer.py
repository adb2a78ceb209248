"""The transcript viewer: one parsed transcript as an HTML page, a cited passage highlighted.

`GET /view/{doc_id}?start=&end=` shows every speaker turn as a paragraph, each indexed
passage under an anchor `passage-<n>`, and the characters `start:end` (offsets into the
parsed text, as in a Citation) inside `<mark id="hit">`, scrolled into view. A citation's
`url`, `/?doc=<doc_id>#passage-<n>`, is redirected here (the browser keeps the fragment).
"""

from __future__ import annotations

import html
import itertools
from collections.abc import Callable
from urllib.parse import parse_qs
from urllib.parse import quote as urlquote

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse
from starlette.concurrency import run_in_threadpool
from starlette.responses import RedirectResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from bot.api.auth import Bearer, Header, require_read
from bot.ingest.limits import safe_url
from bot.schema import Citation, Passage
from bot.service import QAService

__all__ = ["DocLinkRedirect", "render_transcript", "view_router", "view_url"]

VIEW_PREFIX = "/view"


def view_url(c: Citation) -> str:
    """The viewer's link for a citation: its document, its quote's offsets, its passage."""
    n = c.passage_id.rsplit("#", 1)[-1]
    return (f"{VIEW_PREFIX}/{urlquote(c.doc_id, safe='/')}?start={c.start}&end={c.end}"
            f"#passage-{n}")


_STYLE = """
body{font:16px/1.55 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;
 color:#1f2328;background:#fafafa}
header{background:#fff;border-bottom:1px solid #ddd;padding:.6rem 1rem}
header h1{font-size:1.1rem;margin:0}header p{margin:.2rem 0 0;color:#555;font-size:.9rem}
main{max-width:52rem;margin:0 auto;padding:1rem}
.turn{background:#fff;border:1px solid #e5e5e5;border-radius:6px;padding:.6rem .8rem;
 margin:.6rem 0;white-space:pre-wrap;overflow-wrap:anywhere}
.turn .who{display:block;font-weight:600;white-space:normal}
.turn .role{font-weight:400;color:#666;font-size:.85em;margin-left:.4em}
.turn.reporter{background:#f4f7fb}.gap{color:#555;white-space:pre-wrap}
.target{background:#fff6d6}mark{background:#ffe066;padding:0 .1em}
a.back{font-size:.9rem}[id]{scroll-margin-top:4rem}
@media (max-width:600px){main{padding:.5rem}.turn{padding:.5rem}}
"""

_SCRIPT = """
window.addEventListener('load', function(){ setTimeout(function(){
  var m = /^#passage-(\\d+)$/.exec(location.hash);
  if (m) document.querySelectorAll('[data-p="'+m[1]+'"]').forEach(function(e){
    e.classList.add('target');});
  var hit = document.getElementById('hit') ||
            (m && document.querySelector('[data-p="'+m[1]+'"]'));
  if (hit) hit.scrollIntoView({block: 'center'});
}, 0); });
"""


def _segments(text: str, lo: int, hi: int, passages: list[Passage], start: int | None,
              end: int | None, hit_open: list[bool]) -> str:
    """The HTML of text[lo:hi]: passages as spans with anchors, the hit inside <mark>."""
    cuts = {lo, hi}
    for p in passages:
        cuts |= {max(lo, min(hi, p.start)), max(lo, min(hi, p.end))}
    if start is not None and end is not None:
        cuts |= {max(lo, min(hi, start)), max(lo, min(hi, end))}
    points = sorted(cuts)
    out: list[str] = []
    for a, b in itertools.pairwise(points):
        if a >= b:
            continue
        piece = html.escape(text[a:b])
        owner = next((p for p in passages if p.start <= a < p.end), None)
        if start is not None and end is not None and start <= a < end:
            ident = ' id="hit"' if not hit_open[0] else ""
            hit_open[0] = True
            piece = f'<mark{ident}>{piece}</mark>'
        if owner is not None:
            anchor = f'<a id="passage-{owner.n}"></a>' if a == owner.start else ""
            piece = f'{anchor}<span class="passage" data-p="{owner.n}">{piece}</span>'
        out.append(piece)
    return "".join(out)


def render_transcript(doc, passages: list[Passage], start: int | None = None,
                      end: int | None = None) -> str:
    """A whole HTML page for a ParsedDocument, its speaker turns as paragraphs."""
    text = doc.text
    if start is not None and end is not None and not 0 <= start < end <= len(text):
        start = end = None
    passages = sorted(passages, key=lambda p: p.start)
    hit_open = [False]

    def seg(lo: int, hi: int) -> str:
        return _segments(text, lo, hi, passages, start, end, hit_open)

    blocks: list[str] = []
    pos = 0
    turns = sorted(doc.turns, key=lambda t: t.start) or []
    for turn in turns:
        gap = text[pos:turn.start].strip().rstrip(":").strip().upper()
        if gap and gap != (turn.label or "").strip().rstrip(":").upper():
            blocks.append(f'<p class="gap">{seg(pos, turn.start)}</p>')
        who = html.escape(turn.speaker or turn.label or "Unattributed")
        role = f'<span class="role">{html.escape(turn.speaker_role)}</span>' \
            if turn.speaker_role else ""
        body = seg(turn.start, turn.end)
        blocks.append(f'<div class="turn {html.escape(turn.speaker_role or "")}">'
                      f'<span class="who">{who}{role}</span>{body}</div>')
        pos = max(pos, turn.end)
    if text[pos:].strip():
        blocks.append(f'<p class="gap">{seg(pos, len(text))}</p>')
    meta = " · ".join(html.escape(x) for x in (doc.date, doc.source) if x)
    url = safe_url(doc.source_url)  # http(s) only, for documents indexed before the check
    source = f' · <a href="{html.escape(url)}" rel="noopener noreferrer">original</a>' \
        if url else ""
    title = html.escape(doc.title or doc.doc_id)
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width,initial-scale=1">'
            f'<title>{title}</title><style>{_STYLE}</style></head><body>'
            f'<header><a class="back" href="/">← back to the chat</a><h1>{title}</h1>'
            f'<p>{meta}{source} · <code>{html.escape(doc.doc_id)}</code></p></header>'
            f'<main id="transcript">{"".join(blocks)}</main>'
            f'<script>{_SCRIPT}</script></body></html>')


def _page(service: QAService, doc_id: str, start: int | None, end: int | None) -> str | None:
    doc = service.get_document(doc_id)
    if doc is None:
        return None
    info = {d.doc_id: d for d in service.documents()}.get(doc_id)
    count = info.passages if info is not None else 0
    ids = [f"{doc_id}#{n}" for n in range(count)]
    found = service.index.store.get_passages(ids)
    return render_transcript(doc, [found[i] for i in ids if i in found], start, end)


SignedIn = Callable[[Request], bool]


def view_router(service: QAService, signed_in: SignedIn | None = None) -> APIRouter:
    """`GET /view/{doc_id}`: the transcript page. When reads need a key, a reader signed in
    to the web UI (`signed_in(request)`, its session cookie) may open it, as may a key."""
    router = APIRouter()

    def may_read(request: Request, bearer: Bearer, header: Header) -> None:
        if signed_in is None or not signed_in(request):
            require_read(request, bearer, header)

    @router.get(VIEW_PREFIX + "/{doc_id:path}", response_class=HTMLResponse,
                include_in_schema=False, dependencies=[Depends(may_read)])
    async def view(doc_id: str, start: int | None = Query(None, ge=0),
                   end: int | None = Query(None, ge=0)) -> HTMLResponse:
        page = await run_in_threadpool(_page, service, doc_id, start, end)
        if page is None:
            return HTMLResponse(f"<!doctype html><p>No transcript {html.escape(doc_id)!s}. "
                                f'<a href="/">Back to the chat</a></p>', status_code=404)
        return HTMLResponse(page)

    return router


class DocLinkRedirect:
    """ASGI middleware: `/?doc=<doc_id>` (a citation's `url`) → `/view/<doc_id>`.

    The fragment (`#passage-<n>`) is not sent to the server; browsers keep it across
    the redirect, and the viewer highlights and scrolls to that passage.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"] == "/" and scope.get("method") == "GET":
            query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
            doc = (query.get("doc") or [""])[0]
            if doc:
                target = f"{VIEW_PREFIX}/{urlquote(doc, safe='/')}"
                await RedirectResponse(target, status_code=302)(scope, receive, send)
                return
        await self.app(scope, receive, send)
