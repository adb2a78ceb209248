"""Web pages (whole whitehouse.gov pages and the like) with BeautifulSoup.

Navigation, scripts, forms and footers are dropped; the transcript is the block
holding most of the page's paragraph text. Title, date, source and address come
from the page's meta tags; the date of the event from a dateline before the first
speaker (`April 24, 2020 5:39 P.M. EDT`), else from the page's publication date.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Tag

from bot.errors import IngestError
from bot.ingest.dates import parse_date
from bot.ingest.formats.compose import one_line, transcript_text
from bot.ingest.formats.text import load_text
from bot.ingest.limits import ParseBudget
from bot.ingest.speakers import match_label

_DROP = ("script", "style", "noscript", "template", "nav", "header", "footer", "aside",
         "form", "svg", "iframe", "button", "select", "dialog")  # fmt: skip
_BLOCKS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "dd", "dt")
_BARE_Q = re.compile(r"^Q(?:\s{2,}|\s(?=[A-Z“\"(—–-]))")
_TITLE_SUFFIX = re.compile(r"\s+[|–—-]\s+[^|–—-]{2,40}$")
_DATELINE_PARAGRAPHS = 6
MIN_CHARS = 200  # less paragraph text than this is a page without a transcript


def load_html(data: bytes, name: str, budget: ParseBudget | None = None) -> str:
    """Transcript text of an HTML page; `IngestError` when the page holds none."""
    budget = budget or ParseBudget()
    text = load_text(data, name, budget)
    budget.count(name, "elements", text.count("<"))  # every tag opens with one
    soup = BeautifulSoup(text, "html.parser")
    budget.tick(name)
    meta = _meta(soup)
    title = _title(soup, meta)
    for tag in soup.find_all(_DROP):
        tag.decompose()
    paragraphs = _paragraphs(_main_block(soup))
    budget.count(name, "paragraphs", len(paragraphs))
    budget.tick(name)
    if sum(len(p) for p in paragraphs) < MIN_CHARS:
        raise IngestError(name, "no transcript text found in the HTML page "
                                "(only navigation, scripts or too little text)")
    paragraphs = [_label(p) for p in paragraphs]
    date = _dateline(paragraphs) or _published(soup, meta)
    if title and paragraphs and one_line(paragraphs[0]) == title:
        paragraphs = paragraphs[1:]  # the page's own heading
    return transcript_text(paragraphs, title=title, date=date, source=meta.get("og:site_name"),
                           url=meta.get("og:url") or _canonical(soup))


def _meta(soup: BeautifulSoup) -> dict[str, str]:
    found: dict[str, str] = {}
    for tag in soup.find_all("meta"):
        key = tag.get("property") or tag.get("name") or tag.get("itemprop")
        value = tag.get("content")
        if isinstance(key, str) and isinstance(value, str) and value.strip():
            found.setdefault(key.lower(), value.strip())
    return found


def _main_block(soup: BeautifulSoup) -> Tag:
    """The element whose own paragraphs hold the most text (the article body)."""
    scores: dict[int, tuple[int, Tag]] = {}
    for block in soup.find_all(["p", "br"]):
        parent = block.parent
        if isinstance(parent, Tag):
            size = len(block.get_text(" ", strip=True)) if block.name == "p" else 40
            total = scores.get(id(parent), (0, parent))[0] + size
            scores[id(parent)] = (total, parent)
    if not scores:
        return soup.body or soup
    return max(scores.values(), key=lambda item: item[0])[1]


def _paragraphs(block: Tag) -> list[str]:
    """Text of the block's paragraphs in order; a `<br>` also ends a paragraph."""
    for br in block.find_all("br"):
        br.replace_with("\n")
    children = block.find_all(_BLOCKS)
    if not children:
        children = [block]
    result: list[str] = []
    blocks = {id(child) for child in children}  # a set: `in children` made this quadratic
    for child in children:
        parent = child.find_parent(_BLOCKS)
        if parent is not None and id(parent) in blocks:
            continue  # a `<p>` inside an `<li>`: its text is in the outer block
        for line in child.get_text().split("\n"):
            text = one_line(line)
            if text:
                result.append(text)
    return result


def _label(paragraph: str) -> str:
    """`Q    Mr. President` (a bare Q, as the White House prints it) -> `Q: Mr. President`."""
    match = _BARE_Q.match(paragraph)
    if match and not paragraph.startswith("Q:"):
        return "Q: " + paragraph[match.end() :].lstrip()
    return paragraph


def _dateline(paragraphs: list[str]) -> str | None:
    """A date on a short line before the first speaker: the day of the event."""
    for text in paragraphs[:_DATELINE_PARAGRAPHS]:
        if match_label(text, paragraph_start=True):
            return None
        if len(text) <= 60:
            found = parse_date(re.sub(r"(\d{4})(?=\d)", r"\1 ", text))
            if found:
                return found
    return None


def _published(soup: BeautifulSoup, meta: dict[str, str]) -> str | None:
    for key in ("article:published_time", "date", "dc.date", "datepublished", "pubdate"):
        if meta.get(key) and parse_date(meta[key]):
            return parse_date(meta[key])
    for script in soup.find_all("script", type="application/ld+json"):
        match = re.search(r'"datePublished"\s*:\s*"([^"]+)"', script.get_text())
        if match and parse_date(match.group(1)):
            return parse_date(match.group(1))
    for time in soup.find_all("time"):
        value = time.get("datetime")
        found = parse_date(value if isinstance(value, str) else "") or parse_date(
            time.get_text(" ", strip=True))
        if found:
            return found
    return None


def _title(soup: BeautifulSoup, meta: dict[str, str]) -> str | None:
    heading = soup.find("h1")
    if heading and one_line(heading.get_text(" ")):
        return one_line(heading.get_text(" "))
    raw = meta.get("og:title") or (soup.title.get_text() if soup.title else "")
    title = one_line(raw)
    site = meta.get("og:site_name")
    if site and title.endswith(site):
        title = _TITLE_SUFFIX.sub("", title)
    return title or None


def _canonical(soup: BeautifulSoup) -> str | None:
    link = soup.find("link", rel="canonical")
    href = link.get("href") if link else None
    return href if isinstance(href, str) else None

