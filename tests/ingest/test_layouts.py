"""Speaker turns in the layouts newsrooms get (issue 19), on small transcripts written
for these tests: names in headings and on lines of their own, mixed-case and `Q.`/`A.`
labels, bold questions, unlabelled interviews, a conference in one line."""

from __future__ import annotations

from bot.ingest.parse import Parsed, parse_with_notes
from bot.ingest.passages import split_passages
from bot.schema import ParsedDocument

CALL_EXPORT = """Northwind Traders Q3 2021 Earnings Call

November 4, 2021

Prepared Remarks

Operator
Good day, everyone, and welcome to the Northwind Traders third quarter call.

Maria Lopez -- Chief Executive Officer
Thank you, operator. Revenue grew 12 percent to 410 million dollars in the quarter.

Questions and Answers

Operator
Our first question comes from Tom Baker with Harbor Securities.

Tom Baker -- Harbor Securities -- Analyst
Thanks. How many stores do you plan to open next year?

Maria Lopez -- Chief Executive Officer
We plan to open about twenty stores next year.

Operator
Our next question comes from Ann Weber with Delta Research.

Ann Weber -- Delta Research -- Analyst
What drove the margin decline?

Maria Lopez
Freight costs, mostly. They rose by a third.
"""

HEADINGS = """# Press conference on the flood response

Skip to main content

Home | Newsroom | Transcripts

Published 5 March 2019

Share this page

### Minister Anna Berg

Good morning. We have deployed 300 soldiers to the affected districts. You can read \
[the full statement](https://example.org/statement) on our site. \
![Photo of the minister](https://example.org/a.jpg)

### Karl Jensen (Daily Courier)

How many homes were damaged?

### Minister Anna Berg

About 1,200 homes. [inaudible] We expect that figure to rise.

### **Lena Holt (Radio North)**

When will the schools reopen?

### ANNA BERG

Next Monday, if the water keeps falling.

Related links

- [Flood map](https://example.org/map)
- [Emergency numbers](https://example.org/numbers)

Back to top
"""

BOLD_QUESTIONS = """Interview with Foreign Minister Jonas Petersen

Published: 05.03.2019

**Minister, what is the purpose of your visit?**

We want to deepen trade ties. Exports to the region have doubled since 2015.

**Will you meet the president?**

Yes, on Thursday. We will sign two agreements.
"""

UNLABELLED_INTERVIEW = """An interview with Mayor Clara Nilsen

The mayor spoke with us at city hall about the budget.

Why did the city raise the parking fees?

We needed 14 million for road repairs, and the fees cover about half of that.

Who will pay the rest?

The regional government has promised the other half.

When will the repairs start?

In April, on the northern bridge first.
"""

DOTTED_QA = """Briefing by the spokesperson, 2019-03-05

Q. Has the ministry received the report?

A. Yes, we received it on Monday and are studying it.

Q. When will it be published?

A. Within two weeks.
"""

MIXED_COLON = """Joint press conference
March 5, 2019

Prime Minister Eva Lind: Welcome. Today we agreed on a new border treaty.

Question (Nordic Post): Which border crossings will reopen?

Prime Minister Eva Lind: All four crossings, from next month.

Reporter: Karin Holm from TV North. Will there be checks?

Eva Lind: Random checks only.
"""


def _parse(text: str, name: str = "upload.txt") -> Parsed:
    return parse_with_notes(text, name)


def _turns(doc: ParsedDocument) -> list[tuple[str | None, str | None, str]]:
    return [(t.speaker, t.speaker_role, doc.text[t.start : t.end]) for t in doc.turns]


def _check_offsets(doc: ParsedDocument) -> None:
    """Every turn and passage is the text at its offsets, and passages stay in one turn."""
    for turn in doc.turns:
        words = doc.text[turn.start : turn.end]
        assert words and words == words.strip()
    for passage in split_passages(doc, max_chars=200):
        assert doc.text[passage.start : passage.end] == passage.text
        turn = doc.turns[passage.turn]
        assert turn.start <= passage.start and passage.end <= turn.end
        assert passage.speaker == turn.speaker


def test_call_transcript_export_names_on_their_own_lines() -> None:
    parsed = _parse(CALL_EXPORT)
    doc = parsed.doc
    assert parsed.notes.layout == "names"
    assert doc.title == "Northwind Traders Q3 2021 Earnings Call"
    assert doc.date == "2021-11-04" and parsed.notes.date_from == "text"
    turns = _turns(doc)
    assert [(s, r) for s, r, _ in turns[1:]] == [
        (None, "moderator"), ("Maria Lopez", "official"), (None, "moderator"),
        ("Tom Baker", "reporter"), ("Maria Lopez", "official"), (None, "moderator"),
        ("Ann Weber", "reporter"), ("Maria Lopez", "official"),
    ]
    assert turns[4][2] == "Thanks. How many stores do you plan to open next year?"
    assert turns[-1][2] == "Freight costs, mostly. They rose by a third."
    # section lines are neither speakers nor speech
    assert "Questions and Answers" not in doc.text and "Prepared Remarks" not in doc.text
    assert {"Questions and Answers", "Prepared Remarks"} <= set(parsed.notes.dropped)
    assert doc.speakers == ["Maria Lopez", "Tom Baker", "Ann Weber"]
    _check_offsets(doc)


def test_answers_carry_the_question_and_who_asked() -> None:
    doc = _parse(CALL_EXPORT).doc
    answer = next(p for p in split_passages(doc) if "twenty stores" in p.text)
    assert answer.speaker == "Maria Lopez" and answer.asker == "Tom Baker"
    assert answer.outlet == "Harbor Securities"  # named by the operator who called on him
    assert answer.question and answer.question.startswith("Thanks. How many stores")


def test_markdown_headings_with_outlets_and_web_furniture() -> None:
    parsed = _parse(HEADINGS, "flood.md")
    doc = parsed.doc
    assert parsed.notes.layout == "names"
    assert doc.title == "Press conference on the flood response"
    assert doc.date == "2019-03-05"
    speakers = [(s, r) for s, r, _ in _turns(doc) if s]
    assert speakers == [
        ("Minister Anna Berg", "official"), ("Karl Jensen", "reporter"),
        ("Minister Anna Berg", "official"), ("Lena Holt", "reporter"),
        ("Minister Anna Berg", "official"),  # `ANNA BERG` is the same person
    ]
    labels = [t.label for t in doc.turns if t.speaker == "Minister Anna Berg"]
    assert labels == ["Minister Anna Berg", "Minister Anna Berg", "ANNA BERG"]
    outlets = [t.outlet for t in doc.turns if t.speaker_role == "reporter"]
    assert outlets == ["Daily Courier", "Radio North"]  # from the brackets of the label
    first = doc.text[doc.turns[1].start : doc.turns[1].end]
    assert first == ("Good morning. We have deployed 300 soldiers to the affected districts. "
                     "You can read the full statement on our site.")
    for gone in ("Share this page", "Back to top", "Skip to main content", "Newsroom",
                 "Flood map", "http", "](", "![", "[inaudible]", "#", "**"):
        assert gone not in doc.text, gone
    assert "About 1,200 homes. We expect that figure to rise." in doc.text
    assert "Share this page" in parsed.notes.dropped
    _check_offsets(doc)


def test_bold_questions_and_plain_answers() -> None:
    parsed = _parse(BOLD_QUESTIONS, "interview.md")
    doc = parsed.doc
    assert parsed.notes.layout == "bold-questions"
    assert doc.date == "2019-03-05"
    turns = _turns(doc)[1:]
    assert turns == [
        (None, "reporter", "Minister, what is the purpose of your visit?"),
        ("Foreign Minister Jonas Petersen", "official",
         "We want to deepen trade ties. Exports to the region have doubled since 2015."),
        (None, "reporter", "Will you meet the president?"),
        ("Foreign Minister Jonas Petersen", "official",
         "Yes, on Thursday. We will sign two agreements."),
    ]
    assert "**" not in doc.text
    _check_offsets(doc)


def test_interview_without_any_labels() -> None:
    parsed = _parse(UNLABELLED_INTERVIEW)
    doc = parsed.doc
    assert parsed.notes.layout == "interview"
    assert parsed.notes.date_from == "none" and doc.date is None  # never today
    turns = _turns(doc)
    assert turns[0][0] is None and turns[0][1] is None  # the introduction
    assert [(s, r) for s, r, _ in turns[1:]] == [
        (None, "reporter"), ("Mayor Clara Nilsen", "official")] * 3
    assert turns[1][2] == "Why did the city raise the parking fees?"
    _check_offsets(doc)


def test_prose_with_a_few_questions_is_not_an_interview() -> None:
    text = ("Remarks at the opening\n\nWhat does this bridge mean? It means jobs.\n\n"
            "We built it in two years. Who paid for it? You did, and I thank you.\n\n"
            "Why does it matter?\n\nBecause it joins two towns.")
    parsed = _parse(text)
    assert parsed.notes.layout == "none"
    assert all(t.speaker_role is None for t in parsed.doc.turns)


def test_dotted_q_and_a_labels() -> None:
    parsed = _parse(DOTTED_QA)
    doc = parsed.doc
    assert doc.title == "Briefing by the spokesperson, 2019-03-05"
    assert doc.date == "2019-03-05"
    assert [(t.label, t.speaker_role) for t in doc.turns[1:]] == [
        ("Q", "reporter"), ("A", "official"), ("Q", "reporter"), ("A", "official")]
    assert _turns(doc)[-1][2] == "Within two weeks."
    _check_offsets(doc)


def test_a_lone_a_dot_is_a_list_item_not_a_label() -> None:
    text = "Title: Notes\n---\nMR. HAAS: Two points.\n\nA. Prices rose.\n\nB. Wages did not."
    doc = _parse(text).doc
    assert [t.label for t in doc.turns] == ["MR. HAAS"]


def test_mixed_case_labels_generic_labels_and_self_introductions() -> None:
    parsed = _parse(MIXED_COLON)
    doc = parsed.doc
    assert parsed.notes.layout == "names"
    assert doc.title == "Joint press conference" and doc.date == "2019-03-05"
    assert [(s, r) for s, r, _ in _turns(doc)[1:]] == [
        ("Prime Minister Eva Lind", "official"), (None, "reporter"),
        ("Prime Minister Eva Lind", "official"),
        ("Karin Holm", "reporter"),  # a generic label, named from her introduction
        ("Prime Minister Eva Lind", "official"),  # `Eva Lind` is the same person
    ]
    assert doc.turns[-1].label == "Eva Lind"  # kept as published
    _check_offsets(doc)


def test_one_long_line_is_split_at_its_labels() -> None:
    filler = " ".join(["We discussed the labour market at length and saw solid gains."] * 60)
    text = ("Title: Rate decision\n---\nCHAIR NORD: Good afternoon. We kept the rate at 2 "
            "percent. Q: Thank you. Erik Sand from the Daily Ledger. Why not cut? CHAIR NORD: "
            "Inflation is still above target. " + filler + " Q: And the currency? "
            "CHAIR NORD: We do not target it.")
    parsed = _parse(text)
    doc = parsed.doc
    assert "\n" not in text.split("---\n", 1)[1]
    assert [(t.speaker, t.speaker_role) for t in doc.turns] == [
        ("Chair Nord", "official"), ("Erik Sand", "reporter"), ("Chair Nord", "official"),
        (None, "reporter"), ("Chair Nord", "official")]
    assert _turns(doc)[1][2] == "Thank you. Erik Sand from the Daily Ledger. Why not cut?"
    passages = split_passages(doc, max_chars=300)
    assert len(passages) > 5
    for p in passages:
        assert "CHAIR NORD:" not in p.text and "Q:" not in p.text
    _check_offsets(doc)


def test_one_long_line_without_labels_is_cut_into_paragraphs() -> None:
    sentences = ["The pier reopens on Monday with forty berths.",
                 "Fees stay where they were last year.", "Will the night ferry run again?",
                 "It will, from June onwards.", "Cargo is up by a fifth on last year."]
    line = " ".join(sentences[i % len(sentences)] for i in range(100))
    parsed = _parse("Pier works update\n" + line + "\n")
    doc = parsed.doc
    assert parsed.notes.layout == "none" and doc.title == "Pier works update"
    paragraphs = doc.text.split("\n\n")
    assert paragraphs[0] == "Pier works update"
    assert len(paragraphs) > 20 and " ".join(paragraphs[1:]) == line
    assert all(len(p) <= 600 for p in paragraphs)
    passages = split_passages(doc)
    assert len(passages) > 5 and all(len(p.text) <= 700 for p in passages)
    _check_offsets(doc)


def test_one_csv_cell_with_escaped_line_breaks() -> None:
    text = "MS. ROSS: Welcome.\\n\\nQ: How many?\\n\\nMS. ROSS: Nine."
    doc = _parse(text).doc
    assert [doc.text[t.start : t.end] for t in doc.turns] == ["Welcome.", "How many?", "Nine."]


def test_title_line_that_is_a_speaker_name_is_not_a_title() -> None:
    text = ("Jane Doe\nThank you all for coming this morning to the launch.\n\n"
            "Tom Roe\nWhat will it cost the city?\n\nJane Doe\nAbout two million.")
    parsed = _parse(text)
    assert parsed.doc.title is None
    assert [t.speaker for t in parsed.doc.turns] == ["Jane Doe", "Tom Roe", "Jane Doe"]


def test_wrapped_lines_are_not_names() -> None:
    """In a hard-wrapped paragraph a capitalised last line is the sentence going on."""
    wrapped = ["we talked for a long time about the trade agreement that we signed last year."]
    lines = ["MS. PARK: We met this morning with the Foreign Minister of the Republic and",
             *wrapped * 12, "and tomorrow we will meet with the Foreign Minister", "Anna Berg"]
    text = "\n".join(lines) + "\n\nQ: Thanks.\n\nMS. PARK: Thank you.\n"
    doc = _parse(text, "briefing.md").doc
    assert [t.label for t in doc.turns] == ["MS. PARK", "Q", "MS. PARK"]
    assert "Republic and we talked" in doc.text
    assert "with the Foreign Minister Anna Berg\n\nQ: Thanks." in doc.text
