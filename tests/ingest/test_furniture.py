"""Page furniture dropped from transcripts saved from the web (issue 19)."""

from __future__ import annotations

from bot.ingest.dates import date_in_line, is_date_line
from bot.ingest.furniture import strip_furniture
from bot.ingest.name_lines import colon_name, name_line


def test_links_images_addresses_and_markers_inline() -> None:
    found = strip_furniture(
        "We published [the statement](https://example.org/s) today ![chart](c.png). "
        "See https://example.org/report.pdf. Call www.helpline.gov now. [Laughter] Yes "
        "[inaudible] indeed [00:12:04].")
    assert found.text == ("We published the statement today. See. Call www.helpline.gov now. "
                          "Yes indeed.")
    assert found.dropped == []


def test_markers_leave_clean_text() -> None:
    """A marker goes without leaving a double space, or a space before punctuation."""
    cases = {
        "the rate [inaudible] went up": "the rate went up",
        "the rate [laughs] [inaudible] went up.": "the rate went up.",
        "It went up [Laughter], and then [crosstalk].": "It went up, and then.",
        "Fine. [Laughter] So we wait.": "Fine. So we wait.",
        "[Laughter] So we wait.": "So we wait.",
        "the rate ([inaudible]) went up": "the rate went up",
        "“[inaudible] yes,” she said": "“yes,” she said",
        "shaking your head [laughter]—that settles it": "shaking your head—that settles it",
        "the best—[laughs]—the very best": "the best—the very best",
        "rates — [crosstalk] — went up": "rates — went up",
        "KIM SOO: [Inaudible]—question on rates.": "KIM SOO: —question on rates.",
        "the rate *[inaudible]* went up": "the rate went up",
        "the rate \\[inaudible\\] went up": "the rate went up",
        "the rate[inaudible]went up": "the rate went up",
    }
    for raw, clean in cases.items():
        assert strip_furniture(raw).text == clean, raw
    bold = "**Why did the rate [inaudible] go up?**"
    assert strip_furniture(bold).text == "**Why did the rate go up?**"


def test_spoken_brackets_stay() -> None:
    text = "I spoke with [senior administration official] and he [sic] agreed."
    assert strip_furniture(text).text == text


def test_menus_controls_players_and_related_links() -> None:
    page = "\n".join([
        "Home > Newsroom > Speeches Remarks at the harbour opening",
        "", "Share this page", "", "Watch the video (12 min)", "",
        "T R A N S C R I P T", "",
        "MAYOR: We open the harbour today.", "",
        "Related articles", "", "- [Harbour plan](/plan)", "- [Budget](/budget)", "",
        "[Contact us](/contact) | [Privacy](/privacy)", "", "Back to top",
    ])
    found = strip_furniture(page)
    assert " ".join(found.text.split()) == ("Remarks at the harbour opening MAYOR: We open "
                                            "the harbour today.")
    assert "Home > Newsroom > Speeches" in found.dropped
    for line in ("Share this page", "Watch the video (12 min)", "T R A N S C R I P T",
                 "Related articles", "- [Harbour plan](/plan)", "Back to top"):
        assert line in found.dropped


def test_a_wrapped_word_is_not_a_control() -> None:
    text = "we will keep the list of\ntopics.\nAnd we will\nsearch\nfor more."
    assert strip_furniture(text).text == text


def test_publication_date_lines_at_the_top_are_dropped() -> None:
    for line in ("Published 5 March 2019", "March 5, 2019", "Updated: 2019-03-05 14:00",
                 "*Posted on Tuesday, 5th March 2019 at 9:30 a.m. CET*", "(05.03.2019)",
                 "## Date: 2019-03-05", "Last updated 03/05/2019 | 9:15 AM ET"):
        page = f"Pier works update\n{line}\n\nMAYOR EK: The pier is finished."
        found = strip_furniture(page, "2019-03-05")
        assert found.text == "Pier works update\n\nMAYOR EK: The pier is finished.", line
        assert found.dropped == [line]


def test_a_date_line_other_than_the_documents_date_stays() -> None:
    page = "Background call on the harbour\n(March 4, 2019)\n\nMAYOR EK: The pier is finished."
    assert strip_furniture(page, "2019-03-05").text == page  # the day the call was held
    assert strip_furniture(page).text == page  # no document date known


def test_dates_in_sentences_wrapped_lines_and_further_down_stay() -> None:
    kept = [
        "MAYOR EK: On 5 March 2019 the pier opened.\n\nQ: Thanks.",
        "March 2019\n\nMAYOR EK: The pier is finished.",  # no day: not a date
        "MAYOR EK: We signed the lease on\nMarch 5, 2019\nand started work at once.",
        "MAYOR EK: We signed the lease. The date was\n5 March 2019\nif I remember well.",
        "\n\n".join([f"MAYOR EK: Point {n} of the plan is done." for n in range(12)]
                     + ["5 March 2019", "Q: Thanks."]),  # not near the top
    ]
    for text in kept:
        found = strip_furniture(text, "2019-03-05")
        assert found.text == text and found.dropped == [], text


def test_name_line_shapes() -> None:
    found = name_line("Tom Baker -- Harbor Securities -- Analyst")
    assert found and found.name == "Tom Baker" and found.affiliation == "reporter"
    found = name_line("### ignored")
    assert found is None
    found = name_line("Jane Doe, Minister of Finance")
    assert found and found.affiliation == "official"
    found = name_line("Karl Jensen (Daily Courier)")
    assert found and found.name == "Karl Jensen" and found.affiliation == "reporter"
    for not_a_name in ("Questions and Answers", "Prepared Remarks", "Thank You.",
                       "As Labor Secretary, I’m thrilled by the investment it would make",
                       "Q So, should the American people be seeing the", "Presentation"):
        assert name_line(not_a_name) is None, not_a_name
    label = colon_name("Minister Smith (Finance): Yes.")
    assert label and label.name == "Minister Smith" and label.affiliation == "official"
    assert colon_name("The reason: money.") is None
    assert colon_name("Note: embargoed.") is None
    assert colon_name("MR. SMITH: Yes.") is None  # capitals: `match_label`'s


def test_dates_in_common_forms_never_made_up() -> None:
    for line in ("5 March 2019", "March 5, 2019", "05.03.2019", "2019-03-05",
                 "Tuesday, the 5th of March 2019", "Published: 5 Mar 2019"):
        assert date_in_line(line) == "2019-03-05", line
    for line in ("today", "yesterday at noon", "March 2019", "Version 5 of the plan"):
        assert date_in_line(line) is None, line
    assert is_date_line("Published: Tuesday, 5 March 2019")
    assert not is_date_line("Briefing by the spokesperson, 2019-03-05")
