"""What a question asks for: answer type, head noun, conference date, names, terms.

Rules only (regexes and word tables, no model): fast (well under 1 ms) and
deterministic. The date rules live in `bot.understand.dates`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.lang import language_of
from bot.understand.dates import DateSpan, analyze_dates
from bot.understand.question_zh import chinese_answer_type, chinese_dates, chinese_terms

__all__ = ["DateSpan", "QuestionAnalysis", "analyze_question"]


@dataclass(frozen=True)
class QuestionAnalysis:
    question: str
    answer_type: str  # number | date | who | what
    subtype: str | None = None
    head_noun: str | None = None
    conference: DateSpan | None = None
    year_hint: int | None = None
    content_dates: list[str] = field(default_factory=list)
    speakers: list[str] = field(default_factory=list)
    organisations: list[str] = field(default_factory=list)
    asks_reporter: bool = False
    asks_speaker: bool = False
    ordinal: int | None = None
    terms: list[str] = field(default_factory=list)
    must_terms: list[str] = field(default_factory=list)
    language: str = "en"  # of the question: "en", "zh"


def _set(s: str) -> frozenset[str]:
    return frozenset(s.split())


WH = _set("who whom whose who's what what's whats which when when's where why how")
COPULA = _set("was is were are 's be")
AUX = _set("did does do has have had will would can could should might may")
DETS = _set("the a an this that these those its their his her our")
FOCUS_STOP = (
    AUX | COPULA | WH | DETS
    | _set("of for to at in on by after before from with under per since until about as during "
           "than into over among between against that not and or")
    | _set("got get gets made make brought bring came say said says show shown showed give gave "
           "given lift lifted start started called pressed asked walked wrote answered rolled "
           "launched flagged floated cite cited taper tapered paired laid went reach reached "
           "hit set rise rose fall fell grow grew need needed take took expect expected")
)  # fmt: skip
DATE_NOUNS = _set(
    "date dates day days month months year years week weeks time deadline meeting weekday season"
)
REPORTER_NOUNS = _set(
    "reporter reporters journalist journalists correspondent correspondents questioner asker"
)
PERSON_NOUNS = _set(
    "official officials chair chairman chairwoman president secretary spokesperson spokesman "
    "spokeswoman speaker governor director administrator doctor member senator person adviser "
    "advisor coordinator minister commissioner expert scientist economist lawmaker leader head "
    "ceo general admiral ambassador aide staffer chief boss founder executive"
)
ORG_NOUNS = _set(
    "agency organization organisation outlet network newspaper department ministry "
    "bureau office union party publication paper institution"
)
NUMBER_SUBTYPES: list[tuple[str, frozenset[str]]] = [
    ("range", _set("range")),
    ("multiplier", _set("factor multiple multiplier times fold")),
    (
        "money",
        _set(
            "money funding dollars cost costs price budget spending aid "
            "investment revenue debt payment payments loan loans salary wage amount $"
        ),
    ),
    ("duration", _set("duration period length interval")),
    (
        "percent",
        _set(
            "rate rates share percentage percent proportion fraction growth inflation "
            "unemployment jobless yield ratio margin efficacy effectiveness positivity tendency"
        ),
    ),
    ("rate", _set("pace speed")),
    ("count", _set("number count total tally toll")),
]
NUMBER_NOUNS = frozenset().union(*(w for _, w in NUMBER_SUBTYPES)) | _set(
    "projection projections median level value figure estimate forecast size quantity magnitude "
    "increase decrease cut hike reduction drop gain average supply peak distance height "
    "weight area volume capacity attendance turnout headcount"
)
NUMBER_VERBS = _set(
    "averaged average averages totaled totalled total totals amounted numbered reached peaked "
    "cost costs climbed jumped surged grew"
)
REPORT_VERBS = _set(
    "say said put estimate estimated project projected cite cited give gave report reported peg "
    "pegged expect expected set think see"
)
NAME_NOUNS = _set(
    "name company firm ship destroyer vessel country city bank drug vaccine variant "
    "subvariant brand title maker manufacturer producer"
)
SPEECH_VERBS = _set(
    "say says said told tell called call cited cite flagged flag walked gave give asked asking ask "
    "floated floating rolled announced announce noted note warned warn mentioned described "
    "explained predicted estimated projected claimed stated argued testified put pegged reported "
    "urged stressed acknowledged unveiled launched outlined offered promised signaled signalled "
    "suggested insisted revealed confirmed discussed answered responded replied added emphasized "
    "emphasised highlighted touted pointed updated briefed presented showed shared expects thinks "
    "believes wants wanted took opened delivered spoke read introduced defended gives"
)
PERSON_BEFORE = _set("per did does do was is were asked pressed told questioned interviewed by")
REPORTER_CUE = re.compile(
    r"\bwho\s+(?:asked|pressed|questioned|queried|posed|raised|challenged|grilled)\b"
    r"|\bwho\s+(?:got|had|received|took|asked)\s+(?:the\s+)?(?:\w+\s+)?question"
    r"|\b(?:reporter|journalist|correspondent|questioner)s?\b",
    re.I,
)
ORDINALS = {
    "first": 1,
    "opening": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "last": -1,
    "final": -1,
    "closing": -1,
}
ORDINAL_RX = re.compile(
    r"\b(first|opening|second|third|fourth|fifth|last|final|closing)\s+"
    r"(?:question|questions|questioner|reporter|asker|turn|speaker)\b",
    re.I,
)
TITLES = _set(
    "chair chairman chairwoman dr dr. mr mr. ms ms. mrs mrs. secretary president "
    "governor senator gen gen. general admiral ambassador minister director "
    "coordinator commissioner surgeon vice press"
)
ORG_WORDS = _set(
    "fed fomc cdc fda nih hhs cms fema dod dhs doj epa sec imf omb usda nato un eu who ecb boj "
    "npr cnn cbs nbc abc ap bbc pbs msnbc fox reuters bloomberg cnbc congress senate house "
    "state treasury pentagon navy army administration commerce labor white kremlin xinhua"
)
ORG_SUFFIXES = _set(
    "news business times post journal agency department administration bank reserve committee "
    "council service institute ministry office network radio tv press company corp inc "
    "association bureau center centers centre commission board foundation group daily herald "
    "tribune wire"
)
NOT_ORGS = _set(
    "qe mbs sme sep cpi pce ppi gdp ira arp ppe icu mrna dna rna pcr ok tv id qt "
    "lsap ioer iorb repo etf ceo cfo"
)
NOT_NAMES = _set(
    "us u.s. usa america american americans covid covid-19 omicron delta ok i q a.m. p.m."
)
STOP = _set(
    "a an the of to in on at by for from with about as and or but if than then that this these "
    "those it its it's is was were are be been being has have had do does did will would can "
    "could should may might must shall what what's whats which who whom whose when where why how "
    "many much there their they them he she his her him we our you your i me my not no yes so "
    "up out into over under per after before since until during s say says said tell told give "
    "gave get got according any some all also just still yet again ever more most other such "
    "very own same both each few only one's like through right actually presser briefing "
    "briefings conference"
)
_TOKEN = re.compile(r"\$?[A-Za-z0-9][\w.'’$%&-]*[\w%]|\$?[A-Za-z0-9]")
_CODE = re.compile(r"^(?=.*[a-z])(?=.*\d)(?:.*[a-z]\d|.*\d[a-z]|.*[a-z]\.\d)", re.I)
_FIGURE_WITH_UNIT = re.compile(r"^\d[\d.,]*[a-z]{1,3}$", re.I)  # 75bp, 10th, 2pm, 5k
_POSS = re.compile(r"['’]s$", re.I)


def _strip(w: str) -> str:
    return _POSS.sub("", w.rstrip(".")).lower()


def _mask(q: str, spans: list[tuple[int, int]]) -> str:
    out = list(q)
    for s, e in spans:
        out[s:e] = " " * (e - s)
    return "".join(out)


def _focus(words: list[str], i: int) -> list[str]:
    """The noun phrase a wh-word asks about: 'what [was the] jobless rate ...'."""
    j = i + 1
    w0 = words[i].lower()
    if w0 in ("what's", "whats"):
        pass
    elif j < len(words) and words[j].lower() in COPULA:
        j += 1
    elif j < len(words) and words[j].lower() in AUX:
        return []
    while j < len(words) and words[j].lower() in DETS:
        j += 1
    out: list[str] = []
    typed = False
    for w in words[j:]:
        low = _strip(w)
        if low in FOCUS_STOP or not low:
            break
        if typed and w[0].isupper():
            break  # "the jobless rate Bernanke called": a new clause starts
        if (
            out
            and low.endswith("ed")
            and len(low) > 3
            and "-" not in low
            and not out[-1].endswith("ly")
        ):
            break  # "how many people died", "framework document shrank/grew ..."
        out.append(low)
        typed = typed or low in NUMBER_NOUNS or low in DATE_NOUNS or low in PERSON_NOUNS
        if len(out) >= 6:
            break
    return out


def _number_subtype(words: list[str]) -> str | None:
    if "fed funds" in " ".join(words):
        return "percent"
    for sub, vocab in NUMBER_SUBTYPES:
        if any(w in vocab for w in words):
            return sub
    return None


_SPEAKER_NOUNS = (r"who|chair|chairman|official|secretary|president|spokes\w+|speaker|member|"
                  r"chief|ceo|head|director|administrator|commissioner|governor|doctor|"
                  r"expert|general|admiral|adviser|advisor|coordinator|executive")
_KIND_WORDS = frozenset({"kind", "kinds", "type", "types", "sort", "sorts"})
_LEAD_CLAUSE = re.compile(
    r"\s*(?:when|while|after|before|as|once|since|if|with|during)\b[^,?]*,\s*"
    r"(?=(?:what|which|who|whom|whose|how|when|where)\b)", re.I)


def _answer_type(q: str, masked: str) -> tuple[str, str | None, str | None]:
    lead = _LEAD_CLAUSE.match(masked)  # "When the Fed dropped X, what had ..." asks the "what"
    if lead:
        masked = masked[lead.end():]
    low = masked.lower()
    words = _TOKEN.findall(masked)
    idx = next((k for k, w in enumerate(words) if w.lower() in WH), None)
    if re.search(
        r"\bby what (?:factor|multiple)\b|\bhow many times (?:more|greater|higher|less|"
        r"lower|as)\b|\bhow much (?:greater|higher|more likely|less likely|bigger|"
        r"larger|lower|smaller)\b(?! money| funding)|\bhow many[- ]fold\b",
        low,
    ):
        return "number", "multiplier", None
    if idx is None:
        if re.match(r"\s*(?:name|give|list|tell)\b", low):
            return "what", "name", None
        return "what", None, None
    wh = words[idx].lower()
    nxt = words[idx + 1].lower() if idx + 1 < len(words) else ""
    if wh == "how":
        focus = _focus(words, idx + 1)
        if nxt == "many":
            head = focus[-1] if focus else None
            if head in ("times",) and not focus[:-1]:
                return "number", "count", None
            return "number", "count", head
        if nxt == "much":
            rest = [_strip(w) for w in words[idx + 2 : idx + 9]]
            sub = _number_subtype(focus) or (
                "money"
                if "$" in q
                or any(
                    w in ("cost", "spend", "spent", "pay", "paid", "raise", "raised", "fund", "buy")
                    for w in rest
                )
                else None
            )
            return "number", sub, focus[-1] if focus else None
        if nxt == "long":
            return "number", "duration", None
        if nxt in ("soon", "early", "late"):
            return "date", None, None
        rest = [_strip(w) for w in words[idx + 2 : idx + 8]]
        return "number", _number_subtype(rest), None
    if wh in ("when", "when's"):
        return "date", None, None
    if wh in ("who", "whom", "whose", "who's"):
        return "who", "reporter" if REPORTER_CUE.search(low) else "person", None
    if wh in ("what", "which", "what's", "whats"):
        focus = _focus(words, idx)
        k = idx + 1 + len(focus)
        if focus and focus[-1] in _KIND_WORDS and k + 1 < len(words) and words[k] == "of":
            focus = _focus(words, k)  # "what kinds of places" asks about places
        if not focus:
            # "What did Yellen say the longer-run unemployment rate was?"
            if any(_strip(w) in NUMBER_VERBS for w in words[idx + 1:]):
                return "number", None, None  # "what had job gains averaged"
            j = next((k for k in range(idx + 1, len(words)) if _strip(words[k]) in REPORT_VERBS), 0)
            focus = _focus(words, j) if j else []
            typed = _type_of_focus(focus)
            return typed if typed[0] != "what" else ("what", None, None)
        return _type_of_focus(focus)
    return "what", None, None


_MEASURED_CHANGE = re.compile(r"^\d+-(?:month|year|week|day|quarter)$")


def _type_of_focus(focus: list[str]) -> tuple[str, str | None, str | None]:
    if len(focus) > 1 and _MEASURED_CHANGE.match(focus[-2]):  # "the 12-month change"
        return "number", "percent", focus[-1]
    typed = [
        w
        for w in focus
        if w in NUMBER_NOUNS
        or w in DATE_NOUNS
        or w in PERSON_NOUNS
        or w in REPORTER_NOUNS
        or w in ORG_NOUNS
        or w in NAME_NOUNS
    ]
    head = typed[-1] if typed else (focus[-1] if focus else None)
    if head in DATE_NOUNS:
        return "date", None, None
    if head in REPORTER_NOUNS:
        return "who", "reporter", None
    if head in PERSON_NOUNS:
        return "who", "person", None
    if head in ORG_NOUNS:
        return "who", "org", None
    if head in NUMBER_NOUNS:
        hn: str | None = head
        if head in ("number", "count", "total", "tally", "figure"):
            hn = focus[-2] if len(focus) > 1 and focus[-1] == head else None
        return "number", _number_subtype(focus), hn
    last = focus[-1] if focus else None
    if head == "name" or head in NAME_NOUNS or (focus and "name" in focus):
        return "what", "name", None if last == "name" else last
    return "what", None, last


def _of_phrase(toks: list[tuple[str, int, int]], seq: list[int], q: str) -> list[int]:
    """A name of the form "Bank of England", "Department of Health and Human Services":
    `seq` (capitalised tokens) ending in an organisation word, carried on through "of" and
    the capitalised words after it (then "of" or "and" again), all one space apart."""
    if _POSS.search(toks[seq[-1]][0]) or toks[seq[-1]][0].lower() not in ORG_SUFFIXES:
        return seq

    def spaced(i: int) -> bool:
        return q[toks[i - 1][2]:toks[i][1]] == " "

    out, k, joiners = list(seq), seq[-1] + 1, {"of"}
    while (k + 1 < len(toks) and toks[k][0] in joiners and toks[k + 1][0][0].isupper()
           and spaced(k) and spaced(k + 1)):
        out += [k, k + 1]
        k += 2
        while (k < len(toks) and toks[k][0][0].isupper() and not _POSS.search(toks[k - 1][0])
               and spaced(k)):
            out.append(k)
            k += 1
        joiners = {"of", "and"}
    return out


def _names(q: str, masked: str) -> tuple[list[str], list[str]]:
    """People named as a speaker or source, and outlets or agencies."""
    toks = [(m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(masked)]
    speakers: list[str] = []
    orgs: list[str] = []
    k = 0
    while k < len(toks):
        w = toks[k][0]
        if not w[0].isupper() or (
            (k == 0 or toks[k - 1][0].endswith((".", "?")))
            and (_strip(w) in STOP or (_strip(w) in TITLES and w.lower() != "chair"))
        ):
            k += 1
            continue
        seq = [k]
        while (
            not _POSS.search(toks[seq[-1]][0])
            and seq[-1] + 1 < len(toks)
            and toks[seq[-1] + 1][0][0].isupper()
            and q[toks[seq[-1]][2] : toks[seq[-1] + 1][1]]
            .strip("." if toks[seq[-1]][0].lower() in TITLES else "")
            .strip()
            == ""
        ):
            seq.append(seq[-1] + 1)
        seq = _of_phrase(toks, seq, q)
        k = seq[-1] + 1
        parts = [_POSS.sub("", toks[i][0]) for i in seq]
        while parts and _strip(parts[0]) in STOP | WH:
            parts, seq = parts[1:], seq[1:]
        if not parts:
            continue
        titled = False
        while len(parts) > 1 and _strip(parts[0]) in TITLES:
            parts, seq, titled = parts[1:], seq[1:], True
        name = " ".join(parts)
        low = [p.lower() for p in parts]
        prev = toks[seq[0] - 1][0].lower() if seq[0] > 0 else ""
        nxt = toks[seq[-1] + 1][0].lower() if seq[-1] + 1 < len(toks) else ""
        possessive = bool(_POSS.search(toks[seq[-1]][0]))
        if nxt.rstrip("s") in REPORTER_NOUNS or nxt in REPORTER_NOUNS:
            orgs.append(name)
        elif titled and not (low[-1] in ORG_WORDS or low[-1] in ORG_SUFFIXES):
            speakers.append(name)
        elif (
            (len(low) == 1 and low[0] in ORG_WORDS)
            or " ".join(low) in ("white house",)
            or (len(low) > 1 and low[-1] in ORG_SUFFIXES)
            or ("of" in low and low[low.index("of") - 1] in ORG_SUFFIXES)
        ):
            orgs.append(name)
        elif low[0] in NOT_NAMES or any(c.isdigit() for c in name):
            continue
        elif (prev in PERSON_BEFORE and prev not in ("the",) and not possessive) or (
            not possessive and nxt in SPEECH_VERBS
        ):
            speakers.append(name)
        elif name.isupper() and 2 <= len(name) <= 8 and name.lower() not in NOT_ORGS:
            orgs.append(name)
    dedup = lambda xs: list(dict.fromkeys(xs))  # noqa: E731
    return dedup(speakers), dedup(orgs)


def _terms(masked: str) -> list[str]:
    out: list[str] = []
    for tok in _TOKEN.findall(masked):
        t = _strip(tok)
        if not t:
            continue
        parts = [t] if _CODE.match(t) else [p for p in re.split(r"[-–]", t) if p]
        for p in parts:
            p = p.strip(".'’")
            if p and p not in STOP and (len(p) > 1 or p.isdigit()):
                out.append(p)
    return list(dict.fromkeys(out))


def analyze_question(question: str) -> QuestionAnalysis:
    if language_of(question) == "zh":
        return _analyze_chinese(question)
    q = " ".join(question.replace("’", "'").replace("‘", "'").split())
    conference, year_hint, content_dates, mentions = analyze_dates(q)
    all_dates = _mask(q, [(m.start, m.end) for m in mentions])
    conf_mask = _mask(q, [(m.start, m.end) for m in mentions if m.role == "conference"])
    answer_type, subtype, head = _answer_type(q, all_dates)
    speakers, orgs = _names(q, all_dates)
    low = q.lower()
    asks_reporter = answer_type == "who" and subtype == "reporter"
    asks_speaker = (
        answer_type == "who"
        and not asks_reporter
        and bool(
            re.search(
                rf"\b(?:{_SPEAKER_NOUNS})\s+(\w+)",
                low,
            )
            and any(
                w in SPEECH_VERBS or w in ("gave", "took", "made", "led")
                for w in re.findall(
                    rf"\b(?:{_SPEAKER_NOUNS})\s+(\w+)",
                    low,
                )
            )
        )
    )
    if asks_speaker:
        subtype = "speaker"
    om = ORDINAL_RX.search(q)
    ordinal = ORDINALS[om.group(1).lower()] if om else None
    terms = _terms(conf_mask)
    must = [
        t.rstrip(".")
        for t in _TOKEN.findall(conf_mask)
        if _CODE.match(t) and not re.fullmatch(r"[qh][1-4]", t, re.I)
        and not _FIGURE_WITH_UNIT.match(t)
    ]
    conf_year = conference.start.year if conference and conference.month_day is None else None
    for m in mentions:
        if m.kind == "end" and m.year and conf_year and not 0 <= m.year - conf_year <= 1:
            must.append(str(m.year))  # "this year"/"next year" stand for nearby years
    return QuestionAnalysis(
        question=question,
        answer_type=answer_type,
        subtype=subtype,
        head_noun=head,
        conference=conference,
        year_hint=year_hint,
        content_dates=content_dates,
        speakers=speakers,
        organisations=orgs,
        asks_reporter=asks_reporter,
        asks_speaker=asks_speaker,
        ordinal=ordinal,
        terms=terms,
        must_terms=list(dict.fromkeys(must)),
    )


def _analyze_chinese(question: str) -> QuestionAnalysis:
    q = "".join(question.split())
    answer_type, subtype, head = chinese_answer_type(q)
    conference, content_dates = chinese_dates(q)
    if conference is not None:
        q = q.replace(conference.text, "")  # the conference's date is not content
    return QuestionAnalysis(
        question=question,
        answer_type=answer_type,
        subtype=subtype,
        head_noun=head,
        conference=conference,
        content_dates=content_dates,
        asks_speaker=answer_type == "who" and subtype == "person" and "发言人" not in q,
        terms=chinese_terms(q),
        language="zh",
    )
