"""Speaker labels: finding them at the start of a line, and normalising them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from bot.ingest.speakers_zh import match_zh_label, zh_kind
from bot.lang import has_cjk

Kind = Literal["official", "reporter", "moderator", "person", "unknown"]

_UC = "A-ZÀ-ÖØ-Þ"
_WORD = rf"[{_UC}][{_UC}.’'\-]*"
_COLON_LABEL = re.compile(rf"(?P<label>{_WORD}(?: {{1,2}}{_WORD}){{0,6}}) *:(?:\s+|$)")
_BARE_Q = re.compile(r"(?P<label>Q)(?: {2,}(?=\S)| (?=[A-Z“\"‘'(\[—–-]))")
_NOT_LABELS = {
    "END", "NOTE", "NOTES", "UPDATE", "UPDATED", "EDITOR", "CORRECTION", "TRANSCRIPT", "SUMMARY",
    "COVID", "AGENDA", "WHERE", "WHEN", "WHAT", "WHO", "WHY", "HOW", "PS", "P.S.", "RE", "FYI",
    "TOPIC", "SUBJECT", "LOCATION", "TIME", "DATE", "SOURCE", "TITLE", "URL", "BACKGROUND",
}  # fmt: skip
REPORTER_LABELS = {
    "Q", "QUESTION", "QUESTIONS", "REPORTER", "REPORTERS", "AUDIENCE MEMBER", "AUDIENCE",
    "PARTICIPANT", "PHOTOJOURNALIST", "JOURNALIST", "UNIDENTIFIED REPORTER", "PRESS",
}  # fmt: skip
MODERATOR_LABELS = {
    "MODERATOR", "OPERATOR", "AIDE", "WHITE HOUSE AIDE", "MILITARY AIDE", "STAFF", "HOST",
    "EMCEE", "ANNOUNCER", "STAFFER",
}  # fmt: skip
UNKNOWN_LABELS = {
    "UNIDENTIFIED SPEAKER", "UNIDENTIFIED", "SPEAKER", "VOICE", "VOICES", "INTERPRETER",
    "TRANSLATOR", "CROWD", "AUDIENCE MEMBERS", "UNKNOWN", "MALE SPEAKER", "FEMALE SPEAKER",
}  # fmt: skip
OFFICIAL_ANONYMOUS = {"A", "ANSWER", "SPOKESPERSON", "OFFICIAL"}
HONORIFICS = {"MR": "Mr.", "MS": "Ms.", "MRS": "Mrs.", "DR": "Dr.", "MX": "Mx.", "M": "M."}
CHAIR_WORDS = {"CHAIR", "CHAIRMAN", "CHAIRWOMAN", "CHAIRPERSON"}
TITLE_WORDS = CHAIR_WORDS | {
    "THE", "PRESIDENT", "VICE", "SECRETARY", "ACTING", "ASSISTANT", "DEPUTY", "UNDER", "ADMIRAL",
    "REAR", "GENERAL", "LIEUTENANT", "MAJOR", "COLONEL", "CAPTAIN", "COMMANDER", "SERGEANT",
    "ADMINISTRATOR", "ADMINISTRATION", "AMBASSADOR", "SURGEON", "ATTORNEY", "LEADER", "GOVERNOR",
    "MAYOR", "SENATOR", "REPRESENTATIVE", "CONGRESSMAN", "CONGRESSWOMAN", "SPEAKER", "DIRECTOR",
    "ADVISOR", "ADVISER", "COMMISSIONER", "COORDINATOR", "SPOKESPERSON", "SPOKESMAN",
    "SPOKESWOMAN", "MINISTER", "PRIME", "PREMIER", "FOREIGN", "OFFICIAL", "CHIEF", "FIRST", "LADY",
    "SECOND", "GENTLEMAN", "JUDGE", "JUSTICE", "SHERIFF", "CHANCELLOR", "KING", "QUEEN", "PRINCE",
    "PROFESSOR", "SENIOR", "COUNSELOR", "ENVOY", "SPECIAL", "PRESS", "SECRETARY-GENERAL",
    "SUPERINTENDENT", "TREASURER", "COMPTROLLER", "MODERATOR", "OPERATOR",
}  # fmt: skip
ROLE_NOUNS = {
    "OFFICIAL", "SPOKESPERSON", "SPOKESMAN", "SPOKESWOMAN", "ADVISOR", "ADVISER", "COORDINATOR",
    "DIRECTOR", "SECRETARY", "MINISTER", "AMBASSADOR", "GOVERNOR", "MAYOR", "ADMINISTRATOR",
}  # fmt: skip
_ACRONYMS = {
    "DOD", "FBI", "DHS", "FAA", "NSC", "NEC", "CDC", "FDA", "HHS", "USDA", "EPA", "FEMA", "NIH",
    "CEA", "OMB", "NATO", "UN", "US", "U.S.", "EU", "II", "III", "IV", "USA", "FOMC",
}  # fmt: skip
_SMALL_WORDS = {"OF", "THE", "AND", "FOR", "ON", "TO", "AT"}
_VOWELS = set("AEIOUYÀÁÂÄÈÉÊËÌÍÎÏÒÓÔÖÙÚÛÜ")


@dataclass(frozen=True)
class LabelMatch:
    """A speaker label at the start of a line; the turn's words start at `end`."""

    label: str
    end: int


@dataclass(frozen=True)
class SpeakerName:
    """A normalised speaker and what kind of speaker the label alone says it is."""

    speaker: str | None
    kind: Kind


def match_label(line: str, paragraph_start: bool = True) -> LabelMatch | None:
    """The speaker label at the start of `line`, if there is one.

    A bare `Q` without a colon counts only at the start of a paragraph (or followed
    by two spaces, as in Markdown sources).
    """
    zh = match_zh_label(line)
    if zh:
        return LabelMatch(*zh)
    match = _COLON_LABEL.match(line)
    if match and _plausible_label(match.group("label")):
        return LabelMatch(match.group("label"), match.end())
    match = _BARE_Q.match(line)
    if match and (paragraph_start or line.startswith("Q  ")):
        end = match.end()
        while end < len(line) and line[end] == " ":
            end += 1
        return LabelMatch("Q", end)
    return None


def _plausible_label(label: str) -> bool:
    letters = sum(1 for ch in label if ch.isalpha())
    if label in ("Q", "A"):
        return True
    return letters >= 2 and len(label) <= 60 and label.strip(".") not in _NOT_LABELS


def normalise(label: str, president: str | None = None, vice: str | None = None) -> SpeakerName:
    """Turn a printed label into a speaker name and a kind.

    `CHAIR POWELL` and `CHAIRMAN POWELL` -> "Chair Powell"; `DR. FAUCI` -> "Dr. Fauci";
    `THE PRESIDENT` -> `president` when the header names one; `Q` -> no name, reporter.
    """
    if has_cjk(label):
        speaker, kind = zh_kind(label)
        return SpeakerName(speaker, kind)  # type: ignore[arg-type]
    label = re.sub(r"\b(MR|MS|MRS|DR)\.(?=[A-Z])", r"\1. ", label)
    words = fix_title_typos(label.split())
    key = " ".join(words).rstrip(".")
    if words[0] == "Q" and len(words) > 1:  # `Q MR. KIRBY:` -- a question addressed to him
        key = "Q"
    if key in REPORTER_LABELS:
        return SpeakerName(None, "reporter")
    if key in MODERATOR_LABELS:
        return SpeakerName(None, "moderator")
    if key in UNKNOWN_LABELS or key.startswith("UNIDENTIFIED"):
        return SpeakerName(None, "unknown")
    if key in OFFICIAL_ANONYMOUS:
        return SpeakerName(None, "official")
    if key in ("THE PRESIDENT", "PRESIDENT"):
        return SpeakerName(president or "The President", "official")
    if key in ("THE VICE PRESIDENT", "VICE PRESIDENT"):
        return SpeakerName(vice or "The Vice President", "official")
    if words[0] in CHAIR_WORDS and len(words) > 1:
        words = ["CHAIR", *words[1:]]
    titled = any(_bare(w) in HONORIFICS or w in TITLE_WORDS for w in words[:-1])
    titled = titled or words[-1] in ROLE_NOUNS
    name = " ".join(_title_case(w) if i == 0 or w not in _SMALL_WORDS else w.lower()
                    for i, w in enumerate(words))  # fmt: skip
    return SpeakerName(name, "official" if titled else "person")


def _bare(word: str) -> str:
    return word.rstrip(".")


def fix_title_typos(words: list[str]) -> list[str]:
    """`CHAIRIMAN POWELL` -> `CHAIRMAN POWELL`, `MODERTOR` -> `MODERATOR`.

    A word is corrected only where a title is expected: before the name, or as the
    last word when it stands alone or after `THE` (`THE PRESIDNET`).
    """
    fixed: list[str] = []
    for i, word in enumerate(words):
        is_last = i == len(words) - 1
        title_position = not is_last or not fixed or fixed == ["THE"]
        fixed.append(_closest_title(word) if title_position else word)
    return fixed


def _closest_title(word: str) -> str:
    if word in TITLE_WORDS or _bare(word) in HONORIFICS or len(word) < 5:
        return word
    limit = 1 if len(word) < 8 else 2
    candidates = [t for t in TITLE_WORDS | MODERATOR_LABELS if abs(len(t) - len(word)) <= limit]
    best = min(candidates, key=lambda t: edit_distance(word, t), default=None)
    if best is not None and edit_distance(word, best) <= limit:
        return best
    return word


def edit_distance(a: str, b: str) -> int:
    """Optimal-string-alignment distance (edits and swaps of adjacent letters)."""
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[len(b)]


def _title_case(word: str) -> str:
    """`DR.` -> `Dr.`, `JEAN-PIERRE` -> `Jean-Pierre`, `O’BRIEN` -> `O’Brien`, `MCKEE` -> `McKee`.

    Short all-consonant words and known acronyms (`NSC`, `FBI`) stay upper case.
    """
    if _bare(word) in HONORIFICS:
        return HONORIFICS[_bare(word)] + word[len(_bare(word)) + 1 :]
    if word in _ACRONYMS or (len(word) <= 4 and not set(word) & _VOWELS):
        return word
    parts = re.split(r"([-’'.])", word)
    out = []
    for part in parts:
        if len(part) > 2 and part.startswith("MC"):
            out.append("Mc" + part[2:].capitalize())
        else:
            out.append(part.capitalize())
    return "".join(out)


def named_leaders(title: str | None) -> tuple[str | None, str | None]:
    """The president and vice president a title names: `Remarks by President Trump, ...`."""
    if not title:
        return None, None
    return _leader(title, r"(?<!Vice )President"), _leader(title, r"Vice President")


def _leader(title: str, prefix: str) -> str | None:
    match = re.search(rf"\b{prefix}((?:\s+(?:[A-Z][\w’'\-]+|[A-Z]\.))+)", title)
    if not match:
        return None
    names = match.group(1).split()
    initial = next((i for i, w in enumerate(names) if re.fullmatch(r"[A-Z]\.", w)), None)
    has_surname = initial is not None and initial + 1 < len(names)
    surname = names[initial + 1] if has_surname and initial is not None else names[0]
    if surname in {"Of", "And", "The", "Before", "On", "In", "At"}:
        return None
    office = "Vice President" if prefix.startswith("Vice") else "President"
    return f"{office} {surname}"
