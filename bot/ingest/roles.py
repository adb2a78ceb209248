"""Who is who in a transcript: officials, reporters and moderators, and reporters' names."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from bot.ingest.sentences import split_sentences
from bot.ingest.speakers import Kind, edit_distance

_CALL_ON_MAX_WORDS = 60
_MAIN_SPEAKER_SHARE = 0.4
_CALL_ON_WORDS = re.compile(
    r"\b(?:go(?:ing)? to|next question|question|turn (?:it )?(?:over )?to|let[’']s|"
    r"go ahead|over to|call on|back to)\b",
    re.IGNORECASE,
)
_NAME_WORD = r"[A-Z][a-zà-ÿ’'\-]+"
_NAME = (
    rf"(?P<name>{_NAME_WORD}(?:\s+(?:[A-Z]\.|[A-Z][a-zà-ÿ’'\-]+)){{0,2}}"
    rf"\s+[A-Z][A-Za-zà-ÿ’'\-]*[a-zà-ÿ])"
)
_AFFILIATION = r"(?:,\s*(?:(?:of|with|from|at)\s+)?|\s+(?:with|from|of|at)\s+)(?:the\s+)?[A-Z0-9]"
_INTRO = re.compile(rf"{_NAME}(?={_AFFILIATION})")
_CALLED = re.compile(
    rf"\b(?:go(?:ing)? to|turn (?:it )?(?:over )?to|call on|over to|from)\s+{_NAME}")
_INTRO_NAME_ONLY = re.compile(rf"{_NAME}\.(?:\s|$)")
_NAMED = re.compile(rf"(?<![\w’']){_NAME}(?=[\s,.?!:;—–-]*$|{_AFFILIATION})")
_NOT_A_PERSON = re.compile(r"\b(?:the|a|an|of)\s+$", re.IGNORECASE)  # "the State Department"
_OUTLET_WORD = r"(?:(?:[A-Z]\.){2,}|[A-Z0-9](?:[\w&’'\-]|\.(?=\w))*)"  # "L.A. Times", "CNBC"
_OUTLET = re.compile(
    r"(?:,\s*(?:(?:of|with|from|at)\s+)?|\s+(?:with|from|of|at)\s+)"
    rf"(?P<outlet>(?:the\s+)?{_OUTLET_WORD}(?:\s+(?:{_OUTLET_WORD}|of|and|&)){{0,5}})")
_OUTLET_JOINS = {"of", "and", "&"}
_LABEL_OUTLET = re.compile(r"\(([^()]{1,60})\)\W*$")
_CUE_REACH = 40  # characters from "go to" / "next question" to the name it calls
_SHORT_REPLY_WORDS = 12  # "Yes, we can hear you.": the floor stays with the reporter
_LEAD = re.compile(
    r"(?:(?:Hi|Hello|Hey|Yes|Yeah|Okay|OK|Sure|Great|Sorry|Thank you(?: (?:very|so) much)?"
    r"|Thanks(?: (?:very|so) much)?|Good (?:morning|afternoon|evening))"
    r"(?:,? (?:(?:Mr\.|Madam|Madame|Ms\.|Dr\.) )?[A-ZÀ-Þ][a-zà-ÿ]+)?"
    r"|(?:Mr\.|Madam|Madame|Ms\.|Dr\.) (?:Chairman|Chair|Chairwoman|President|Secretary|"
    r"Vice President|Speaker|[A-Z][a-z]+)"
    r"|Chair(?:man|woman)?(?: [A-Z][a-z]+)?|Sir|Ma[’']am|Everyone|Everybody|Guys|All"
    r"|[A-ZÀ-Þ][a-zà-ÿ]+(?=,))"  # one word that addresses the official: "Stéphane, "
    r"[,.!]\s+|(?:I[’']m|I am|This is|My name is|It[’']s)\s+"
)
_NOT_NAMES = {
    "Mr", "Ms", "Mrs", "Dr", "Chair", "Chairman", "Chairwoman", "President", "Governor",
    "Secretary", "Senator", "General", "Admiral", "The", "Thank", "Thanks", "Good", "Can", "Could",
    "What", "How", "Why", "When", "Where", "Who", "Is", "Are", "Do", "Does", "Did", "Will", "Would",
    "I", "If", "And", "But", "So", "On", "In", "Last", "Next", "First", "Second", "Third", "Just",
    "My", "Our", "Your", "This", "That", "These", "Those", "There", "Yesterday", "Today",
    "Tomorrow", "Attorney", "Speaker", "Vice", "Prime", "Federal", "Fed", "White", "House", "Well",
    "Also", "Now", "Let’s", "Let's", "Okay", "Yes", "No", "Hi", "Hello", "Dear", "Congress",
    "Senate", "Leader", "Director", "Ambassador", "Deputy", "Acting", "Surgeon", "January",
    "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December", "American", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
    "Saturday", "Sunday", "United", "New", "North", "South", "East", "West"
}  # fmt: skip
_OFFICIAL_WORDS = re.compile(
    r"\b(?:director|minister|spokes(?:person|man|woman)|official|deputy|head|chair(?:man|woman)?|"
    r"secretary|governor|mayor|commissioner|president|chief|leader|department|bureau|office|"
    r"ministry|government|administration|committee|council|agency|authority)\b",
    re.IGNORECASE,
)
_HONORIFIC = re.compile(r"Q?(?:Mr|Ms|Mrs|Dr|Mx|M)\.|[A-Z]\.?", re.IGNORECASE)
_REPORTED_SPEAKER = re.compile(
    r"(?P<name>[A-Z][a-z]+(?: [A-Z][a-z]+){1,2}),\s+(?P<desc>[^,;.]{3,200}?),\s+"
    r"(?P<verb>answered questions|answered|said|introduced|stated|explained|told|noted|"
    r"pointed out|briefed|announced|presented|responded)\b"
    r"|(?P<name2>[A-Z][a-z]+(?: [A-Z][a-z]+){1,2})\s+"
    r"(?P<verb2>answered questions|said|introduced|stated|explained|pointed out)\b"
)


@dataclass
class RawTurn:
    """A turn while its speaker and role are being worked out."""

    start: int
    end: int
    label: str | None
    speaker: str | None
    kind: Kind | None
    outlet: str | None = None  # a reporter's news organisation, where the transcript says


@dataclass(frozen=True)
class ReportedSpeaker:
    name: str
    official: bool


def words_in(text: str) -> int:
    return len(text.split())


def merge_typo_speakers(turns: list[RawTurn]) -> None:
    """`Michelle Smth` (once) -> `Michelle Smith` (often): one letter off, same first word."""
    counts = Counter(t.speaker for t in turns if t.speaker)
    names = sorted(counts, key=lambda n: -counts[n])
    rename: dict[str, str] = {}
    for rare in names:
        for common in names:
            if counts[common] <= counts[rare] or len(rare) < 8:
                continue
            if rare.split()[0] != common.split()[0]:
                continue
            limit = 1 if len(rare) < 14 else 2
            if edit_distance(rare.lower(), common.lower()) <= limit:
                rename[rare] = common
                break
    rename.update(_surname_variants(turns, counts, rename))
    kinds = {t.speaker: t.kind for t in turns if t.speaker in counts.keys() - rename.keys()}
    for turn in turns:
        if turn.speaker in rename:
            turn.speaker = rename[turn.speaker]
            turn.kind = kinds.get(turn.speaker, turn.kind)


def _surname_variants(
    turns: list[RawTurn], counts: Counter[str], taken: dict[str, str]
) -> dict[str, str]:
    """`S. Psaki`, `Mr. Psaki`, `PSAKI` (rare) -> `Ms. Psaki` (at least three times as often).

    Only into a speaker named by honorific and surname, so `Dr. Biden` stays apart
    from `President Biden`.
    """
    officials = {t.speaker for t in turns
                 if t.kind == "official" and t.speaker and _only_honorific(t.speaker)}  # fmt: skip
    rename: dict[str, str] = {}
    for rare in counts:
        if rare in taken or not _only_honorific(rare):
            continue
        surname = rare.split()[-1].lower()
        matches = [o for o in officials if o != rare and o.split()[-1].lower() == surname
                   and counts[o] >= 3 * counts[rare]]  # fmt: skip
        if len(matches) == 1:
            rename[rare] = matches[0]
    return rename


def _only_honorific(name: str) -> bool:
    """Nothing before the surname but honorifics or initials (`Mr.`, `S.`, `QMS.`)."""
    return all(_HONORIFIC.fullmatch(w) for w in name.split()[:-1])


def resolve_persons(turns: list[RawTurn], text: str) -> None:
    """Give untitled named speakers a role: main speaker, moderator or reporter.

    The speaker with most of the words is an official; someone whose turns mostly
    call on the next (non-official) speaker is the moderator; other names are reporters,
    unless the transcript marks its reporters `Q:`, when their role is left unknown.
    """
    words: Counter[str] = Counter()
    for turn in turns:
        if turn.speaker:
            words[turn.speaker] += words_in(text[turn.start : turn.end])
    total = sum(words.values()) or 1
    persons = {t.speaker for t in turns if t.kind == "person" and t.speaker}
    top_official = max((words[t.speaker] for t in turns if t.kind == "official" and t.speaker),
                       default=0)  # fmt: skip
    anonymous_reporters = any(t.kind == "reporter" and not t.speaker for t in turns)
    kinds: dict[str, Kind] = {}
    for name in persons:
        if words[name] / total > _MAIN_SPEAKER_SHARE and words[name] > top_official:
            kinds[name] = "official"
        elif _calls_on_others(name, turns, text):
            kinds[name] = "moderator"
        else:  # where reporters are `Q:`, an untitled name is a guest of unknown role
            kinds[name] = "unknown" if anonymous_reporters else "reporter"
    for turn in turns:
        if turn.kind == "person" and turn.speaker:
            turn.kind = kinds[turn.speaker]


def _calls_on_others(name: str, turns: list[RawTurn], text: str) -> bool:
    own = [i for i, t in enumerate(turns) if t.speaker == name]
    calls = sum(1 for i in own if _is_call_on(i, turns, text))
    return calls >= 2 and calls / len(own) >= 0.5


def _is_call_on(i: int, turns: list[RawTurn], text: str) -> bool:
    """A short turn handing the floor to a reporter, often by name (`Steve.`)."""
    turn = turns[i]
    words = text[turn.start : turn.end]
    if words_in(words) > _CALL_ON_MAX_WORDS or i + 1 >= len(turns):
        return False
    nxt = turns[i + 1]
    if nxt.kind not in ("person", "reporter") or nxt.speaker == turn.speaker:
        return False
    next_names = [w for w in (nxt.speaker or "").split() if len(w) >= 3]
    named = any(re.search(rf"\b{re.escape(w)}\b", words) for w in next_names)
    return named or bool(_CALL_ON_WORDS.search(words))


def name_questioners(turns: list[RawTurn], text: str) -> None:
    """Name anonymous reporter turns, and give every reporter turn its outlet, from who holds
    the floor.

    A reporter introduces themselves (`Scott Lanman from Bloomberg News.`) or is called on
    at the end of the turn before (`We'll next go to Michael Gordon from the Wall Street
    Journal.`). Where a moderator hands out the floor, the reporter called on keeps it,
    through "Can you hear me?" and follow-ups, until the moderator speaks again; where the
    officials call on reporters themselves, only across turns too short to be an answer.
    """
    official_words = {w for t in turns if t.kind == "official" and t.speaker
                      for w in t.speaker.split()[-1:]}  # fmt: skip
    calls = [None if t.kind == "reporter" else called_on(text[t.start : t.end],
                                                          cue=t.kind != "moderator")
             for t in turns]
    moderated = sum(1 for t, c in zip(turns, calls, strict=True)
                    if t.kind == "moderator" and c) >= 2  # a moderator hands out the floor
    floor: Floor | None = None
    for turn, called in zip(turns, calls, strict=True):
        said = text[turn.start : turn.end]
        if turn.kind == "reporter":
            intro = introduction(said)
            if turn.speaker is None:
                name = intro.name if intro else floor.name if floor else None
                if name and name.split()[-1] not in official_words:
                    turn.speaker = name
            same = floor is not None and floor.name == turn.speaker
            labelled = _LABEL_OUTLET.search(turn.label or "")  # `Karl Jensen (Daily Courier)`
            turn.outlet = (intro.outlet if intro else None) or (
                labelled.group(1).strip() if labelled else None) or (
                floor.outlet if floor and same else None)
            floor = Floor(turn.speaker, turn.outlet) if turn.speaker else None
            continue
        if called and called.name.split()[-1] not in official_words:
            floor = called
        elif (turn.kind == "moderator" or (not moderated and words_in(said) > _SHORT_REPLY_WORDS)
              or _hands_on(said)):
            floor = None  # a new, unnamed reporter may have it now


@dataclass(frozen=True)
class Floor:
    """A reporter who has been given, or has taken, the floor; and for whom they ask."""

    name: str
    outlet: str | None = None


def introduction(question: str) -> Floor | None:
    """`Thank you. Scott Lanman from Bloomberg News. ...` -> Scott Lanman, Bloomberg News."""
    rest, stripped = question[:300], False
    while True:
        lead = _LEAD.match(rest)
        if not lead:
            break
        rest, stripped = rest[lead.end() :], True
    match = _INTRO.match(rest) or (_INTRO_NAME_ONLY.match(rest) if stripped else None)
    name = _plausible_name(match.group("name")) if match else None
    if match is None or name is None:
        return None
    return Floor(name, _outlet_after(rest, match.end("name")))


def called_on(said: str, cue: bool = False) -> Floor | None:
    """The reporter a turn hands the floor to in its last sentences, by full name, with the
    outlet named after them (`Our next question comes from Kaitlan Collins with CNN.`).
    With `cue` (an official's turn, where names are also talked about), only a sentence
    that calls on someone (`go to`, `next question`) counts."""
    tail = said[-400:]
    sentences = [tail[a:b] for a, b in split_sentences(tail)][-3:]
    for sentence in reversed(sentences):
        cues = [m.end() for m in _CALL_ON_WORDS.finditer(sentence)
                if not m.group().lower().startswith("going")]  # "going to" is not a call
        calls = bool(cues)
        if cue and not calls:
            continue
        found = [m for m in _INTRO.finditer(sentence)] + [m for m in _CALLED.finditer(sentence)]
        if not found and calls:
            found = list(_NAMED.finditer(sentence))
        named = [(m.start("name"), m.end("name"), n) for m in found
                 if (n := _plausible_name(m.group("name")))
                 and not _NOT_A_PERSON.search(sentence[:m.start("name")])
                 and not n.endswith(("’s", "'s"))
                 and (not cue or any(0 <= m.start("name") - c <= _CUE_REACH for c in cues))]
        if named:
            _, end, name = max(named)
            return Floor(name, _outlet_after(sentence, end))
    return None


def _hands_on(said: str) -> bool:
    """Whether a turn ends by handing the floor on, naming no one (`Go ahead.`)."""
    tail = said[-200:]
    last = split_sentences(tail)
    return bool(last) and bool(_CALL_ON_WORDS.search(tail, *last[-1]))


def _outlet_after(text: str, end: int) -> str | None:
    """The organisation named right after a name: `, CNBC`, ` with NPR News`."""
    match = _OUTLET.match(text, end)
    if not match:
        return None
    words = match.group("outlet").split()
    if words and words[0] == "the":
        words.pop(0)
    while words and words[-1] in _OUTLET_JOINS:
        words.pop()
    return " ".join(words) or None


def _plausible_name(name: str) -> str | None:
    parts = name.split()
    if len(parts) < 2 or any(p.rstrip(",.") in _NOT_NAMES for p in parts):
        return None
    return name


def reported_speaker(paragraph: str) -> ReportedSpeaker | None:
    """`Zhu Dadong, deputy director of ..., answered questions` -> Zhu Dadong, an official."""
    for match in _REPORTED_SPEAKER.finditer(paragraph):
        name = match.group("name") or match.group("name2")
        if not _plausible_name(name):
            continue
        desc = match.group("desc") or ""
        verb = match.group("verb") or match.group("verb2") or ""
        official = bool(_OFFICIAL_WORDS.search(desc)) or verb.startswith("answered")
        return ReportedSpeaker(name, official)
    return None
