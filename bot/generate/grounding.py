"""The grounding check: every figure, date and name an LLM wrote is in a passage it cites.

Each sentence of the generated text is checked against the passages cited in that
sentence (or, when it cites none, those the whole answer cites). What is checked:

- figures: every number (`3002`, `2.5`, `3/4`, `3¼`, `600,000`) must be in a cited
  passage, and a number given as a percentage, in basis points or in millions must be
  given so there too (`2%` is not supported by "2 million");
- dates: month names and years (years are figures);
- proper names: spaCy's named entities and proper nouns; each word must be in a
  cited passage (or its header: speaker, date, title), "Fed" matching "Federal".

Every `[n]` must name a passage that was given. Numbers written as words are not checked.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.generate.markers import MARKER, cited, numbers_in
from bot.models import get_nlp
from bot.schema import Grounding

NO_CITATION = "no passage is cited"
_FRACTIONS = {"¼": "1/4", "½": "1/2", "¾": "3/4", "⅓": "1/3", "⅔": "2/3", "⅛": "1/8",
              "⅜": "3/8", "⅝": "5/8", "⅞": "7/8"}
_UNITS = [("percentage point", r"percentage[- ]points?"), ("basis point", r"basis[- ]points?|bps"),
          ("percent", r"%|percent|per cent"), ("million", r"million|mln"),
          ("billion", r"billion|bn"), ("trillion", r"trillion")]
_NUM = r"\d+(?:\.\d+)?(?: \d+/\d+|/\d+)?"
_FIGURE = re.compile(rf"(?<![\w.])({_NUM})(?:\s*({'|'.join(p for _, p in _UNITS)})\b)?",
                     re.IGNORECASE)
_MONTH = re.compile(r"\b(January|February|March|April|May|June|July|August|September|October|"
                    r"November|December)\b")
_NAME_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "PRODUCT", "LAW",
                "WORK_OF_ART"}
_NOT_NAMES = {"i", "the", "of", "and", "a", "an", "mr", "mrs", "ms", "dr", "q"}
_LEADING_MARKERS = re.compile(r"^(?:\s*" + MARKER.pattern + r")+")


def normalise_figures(text: str) -> str:
    """Thousands separators out, fractions as `n/d`, `3-1/4` and `3¼` as `3 1/4`."""
    for char, plain in _FRACTIONS.items():
        text = re.sub(rf"(\d)\s*-?\s*{char}", rf"\1 {plain}", text).replace(char, plain)
    text = re.sub(r"(?<=\d)-(?=\d+/\d+)", " ", text)
    return re.sub(r"(?<=\d),(?=\d{3}(?!\d))", "", text)


def _unit(raw: str | None) -> str | None:
    if not raw:
        return None
    return next(name for name, pattern in _UNITS if re.fullmatch(pattern, raw, re.IGNORECASE))


def figures(text: str) -> list[tuple[str, str | None, str]]:
    """(number, unit, as written) for every figure in `text`."""
    return [(m.group(1), _unit(m.group(2)), m.group(0).strip())
            for m in _FIGURE.finditer(normalise_figures(text))]


def _figure_supported(number: str, unit: str | None, support: str) -> bool:
    return any(n == number and (unit is None or u == unit) for n, u, _ in figures(support))


def _word_in(word: str, words: set[str]) -> bool:
    if word in words:
        return True
    return any(w.startswith(word) for w in words) if len(word) >= 3 else False


def _words(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[^\W\d_]+", text.replace("’s", "").replace("'s", ""))}


def names(text: str) -> list[str]:
    """Proper names: spaCy's named entities, and proper nouns outside them."""
    doc = get_nlp()(text)
    found = [e.text for e in doc.ents if e.label_ in _NAME_LABELS]
    inside = {t.i for e in doc.ents for t in e}
    found += [t.text for t in doc if t.pos_ == "PROPN" and t.i not in inside and t.is_alpha]
    return list(dict.fromkeys(found))


def _name_supported(name: str, support_words: set[str]) -> bool:
    words = [w for w in _words(name) if w not in _NOT_NAMES and len(w) > 1]
    return all(_word_in(w, support_words) for w in words)


def claims(sentence: str) -> list[str]:
    """The figures, months and names `sentence` states."""
    found = [written for _, _, written in figures(sentence)] + _MONTH.findall(sentence)
    return list(dict.fromkeys(found + [n for n in names(sentence) if not _MONTH.fullmatch(n)]))


def unsupported_claims(sentence: str, support: str) -> list[str]:
    """The figures, months and names of `sentence` that `support` does not hold."""
    missing = [written for number, unit, written in figures(sentence)
               if not _figure_supported(number, unit, support)]
    support_words = _words(support)
    missing += [m for m in _MONTH.findall(sentence) if m.lower() not in support_words]
    missing += [n for n in names(sentence) if not _MONTH.fullmatch(n)
                and not _name_supported(n, support_words)]
    return list(dict.fromkeys(missing))


def sentences(text: str) -> list[str]:
    """Sentences, each with the markers that follow its full stop ("... rose. [2]")."""
    out: list[str] = []
    for piece in re.split(r"(?<=[.!?])\s+|\n+", text):
        lead = _LEADING_MARKERS.match(piece)
        if lead and out:
            out[-1] += " " + lead.group(0).strip()
            piece = piece[lead.end():]
        if piece.strip():
            out.append(piece.strip())
    return out


def check(text: str, supports: Sequence[str]) -> Grounding:
    """Check `text` (citing `[1]`..`[len(supports)]`) against the passages' `supports`."""
    given = range(1, len(supports) + 1)
    bad = [f"[{n}]" for n in cited(text) if n not in given]
    valid = [n for n in cited(text) if n in given]
    if not valid:
        return Grounding(ok=False, unsupported=[*bad, NO_CITATION])
    unsupported: list[str] = []
    for sentence in sentences(text):
        own = [n for m in MARKER.finditer(sentence) for n in numbers_in(m.group(1))
               if n in given]
        support = "\n".join(supports[n - 1] for n in (own or valid))
        unsupported += unsupported_claims(MARKER.sub(" ", sentence), support)
    unsupported = list(dict.fromkeys(bad + unsupported))
    return Grounding(ok=not unsupported, unsupported=unsupported)
