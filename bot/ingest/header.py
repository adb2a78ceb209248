"""Metadata headers of transcripts: `Key: value` blocks, YAML front matter, bylines."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.ingest.dates import parse_date

_KEY_LINE = re.compile(r"^(?P<key>[A-Za-z][A-Za-z _-]{0,30}?|[\u4e00-\u9fff]{2,4})\s*[:：]\s*"
                       r"(?P<value>.*)$")
# Chinese header keys, as the English ones they stand for
_ZH_KEYS = {"标题": "title", "题目": "title", "日期": "date", "时间": "date", "来源": "source",
            "发布时间": "date", "链接": "url", "原文链接": "url", "网址": "url"}
_RULE = re.compile(r"^\s*---+\s*$")
_BYLINE = re.compile(
    r"^\s*(?:Author|By|Source|From)\s*[:：]\s*(?P<source>.+?)\s*"
    r"(?:(?:Time|Date|Published)\s*[:：]\s*(?P<date>.+?))?\s*$",
    re.IGNORECASE,
)
_URL_KEYS = ("original url", "source url", "source_url", "url", "original pdf", "pdf", "link")
_TITLE_MAX = 300


@dataclass
class Header:
    """What a file's header says; `body` is the text after it."""

    body: str
    title: str | None = None
    date: str | None = None
    source: str | None = None
    source_url: str | None = None
    markdown: bool = False
    date_text: str | None = None  # the header's date as written, e.g. "September 21, 2022"


def split_header(raw: str) -> Header:
    """Find the header (key block, YAML front matter or title + byline) and the body."""
    text = raw.lstrip("\ufeff")
    stripped = text.lstrip()
    if stripped.startswith("---"):
        header = _front_matter(stripped)
        if header is not None:
            return header
    header = _key_block(text)
    if header is not None:
        return header
    return _title_byline(text)


def _finish(fields: dict[str, str], body: str, markdown: bool = False) -> Header:
    """Build a `Header` from lower-cased keys."""
    date_value = fields.get("date") or fields.get("published") or fields.get("time")
    url = next((fields[k] for k in _URL_KEYS if fields.get(k)), None)
    return Header(
        body=body,
        title=_clean_value(fields.get("title")),
        date=parse_date(date_value) if date_value else None,
        source=_clean_value(fields.get("source") or fields.get("author")),
        source_url=_clean_value(url),
        markdown=markdown,
        date_text=date_value,
    )


def _clean_value(value: str | None) -> str | None:
    if value is None:
        return None
    value = re.sub(r"[\u200b-\u200d\u2060\ufeff]", "", value).replace("\u00a0", " ")
    value = re.sub(r"\s+", " ", value).strip()
    return value or None


def _key(match: re.Match[str]) -> str:
    key = match.group("key").strip().lower()
    return _ZH_KEYS.get(key, key)


def _key_block(text: str) -> Header | None:
    """`Title: ...` / `Date: ...` lines ending in a `---` line (or a blank line)."""
    lines = text.split("\n")
    start = 0
    while start < len(lines) and not lines[start].strip():
        start += 1
    first = _KEY_LINE.match(lines[start]) if start < len(lines) else None
    if not first or _key(first) not in ("title", "date", "source"):
        return None
    fields: dict[str, str] = {}
    end = start
    for i in range(start, len(lines)):
        line = lines[i]
        if _RULE.match(line):
            end = i + 1
            break
        match = _KEY_LINE.match(line)
        if match:
            fields.setdefault(_key(match), match.group("value").strip())
        elif not line.strip():
            if any(_RULE.match(rest) for rest in lines[i + 1 : i + 3]):
                continue
            end = i + 1
            break
        end = i + 1
    return _finish(fields, "\n".join(lines[end:]))


def _front_matter(text: str) -> Header | None:
    """YAML front matter between two `---` lines (simple scalars only)."""
    lines = text.split("\n")
    if not _RULE.match(lines[0]):
        return None
    close = next((i for i in range(1, len(lines)) if _RULE.match(lines[i])), None)
    if close is None:
        return None
    fields = _parse_yaml_scalars(lines[1:close])
    if not fields:
        return None
    return _finish(fields, "\n".join(lines[close + 1 :]), markdown=True)


def _parse_yaml_scalars(lines: list[str]) -> dict[str, str]:
    """Top-level `key: value` pairs of a YAML mapping, with multi-line quoted values."""
    entries: list[tuple[str, list[str]]] = []
    for line in lines:
        match = re.match(r"^([A-Za-z_][\w -]*?)\s*:(?:\s+(.*)|\s*)$", line)
        if match and not line[:1].isspace():
            entries.append((match.group(1).strip().lower(), [match.group(2) or ""]))
        elif entries:
            entries[-1][1].append(line)
    return {key: _yaml_value(parts) for key, parts in entries}


def _yaml_value(parts: list[str]) -> str:
    """Join a (possibly folded) YAML scalar and undo its quoting."""
    first = parts[0].strip()
    if first[:1] not in ('"', "'"):
        return " ".join(p.strip() for p in parts).strip()
    joined = first
    for part in parts[1:]:
        if joined.endswith("\\") and first[0] == '"':
            joined = joined[:-1] + part.lstrip()
        else:
            joined = joined + " " + part.strip()
    quote = joined[0]
    inner = joined[1:-1] if len(joined) > 1 and joined.endswith(quote) else joined[1:]
    if quote == "'":
        return inner.replace("''", "'")
    return _unescape_double_quoted(inner)


_YAML_ESCAPES = {"_": "\u00a0", " ": " ", '"': '"', "\\": "\\", "/": "/", "t": "\t", "n": "\n"}


def _unescape_double_quoted(value: str) -> str:
    def repl(match: re.Match[str]) -> str:
        code = match.group(1)
        if code:
            return chr(int(code, 16))
        return _YAML_ESCAPES.get(match.group(2), match.group(2))

    return re.sub(r"\\(?:[uU]([0-9a-fA-F]{4})|(.))", repl, value)


def _title_byline(text: str) -> Header:
    """Headerless file: a first-line title followed by `Author:... Time:...` (the seed)."""
    paragraphs = [p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    if len(paragraphs) < 2:
        return Header(body=text)
    first, second = paragraphs[0].strip(), paragraphs[1].strip()
    byline = _BYLINE.match(second) if "\n" not in second else None
    if not _looks_like_title(first) or not byline:
        return Header(body=text)
    body_start = text.index(second) + len(second)
    date_text = byline.group("date")
    return Header(
        body=text[body_start:],
        title=_clean_value(first),
        date=parse_date(date_text) if date_text else None,
        source=_clean_value(byline.group("source")),
        date_text=date_text,
    )


def _looks_like_title(line: str) -> bool:
    """One line, not too long, not ending like a sentence of a transcript turn."""
    return "\n" not in line and len(line) <= _TITLE_MAX and not line.endswith((":", "?"))
