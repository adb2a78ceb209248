"""Dates in the text: a line that only gives one (the publication date of a saved page)."""

from __future__ import annotations

from bot.ingest.dates import is_date_line


def test_a_date_with_a_lead_word_and_a_time_is_a_date_line() -> None:
    for line in ("5 March 2019", "March 5, 2019", "2019-03-05", "05.03.2019", "(March 5, 2019)",
                 "Published 5 March 2019", "Published: Tuesday, 5 March 2019",
                 "Updated: 2019-03-05 14:00", "Posted on March 5th, 2019 at 2:30 p.m. EDT",
                 "Date: 05.03.2019", "Last updated 03/05/2019 | 9:15 AM ET",
                 "发布时间：2019-03-05 10:00", "2019年3月5日"):
        assert is_date_line(line), line


def test_a_sentence_holding_a_date_is_not() -> None:
    for line in ("We opened the pier on March 5, 2019.", "On 5 March 2019 the pier opened.",
                 "Briefing by the spokesperson, 2019-03-05", "May 5, 2019: the pier opens",
                 "2019年3月5日，市长出席码头开放仪式。", "March 2019", "Tuesday", "Updated"):
        assert not is_date_line(line), line
