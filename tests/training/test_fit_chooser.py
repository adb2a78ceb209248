"""The chooser's fitting on small hand-made rows: documents, outcomes, threshold, fit."""

from __future__ import annotations

from pathlib import Path

from bot.answer.choose import FEATURES
from training.data import Example
from training.fit_chooser import (
    Row,
    ablation,
    best_threshold,
    fit,
    outcome,
    picks_by,
    without,
    write_documents,
)


def _row(answerable: bool, right: list[bool], margins: list[float]) -> Row:
    features = [[m, 0.0, 0.0, 1.0, 0.5, 0.5, float(m > 0), float(m <= 0), 0.0] for m in margins]
    assert all(len(f) == len(FEATURES) for f in features)
    return Row("s", "g", answerable, features, right, margins, 0.0)


def test_documents_hold_every_text_of_a_group_once_and_dialogue_a_turn_a_paragraph(
        tmp_path: Path) -> None:
    scene = "Ross Geller: Hi .\nRachel Green: Hello ."
    held = {"friendsqa": [
        Example("Who said hi?", scene, [(0, "Ross Geller")], "friendsqa", "friendsqa:s01"),
        Example("Who said hello?", scene, [(0, "Rachel Green")], "friendsqa", "friendsqa:s01")],
        "squad_v2_dev": [Example("Q?", "First text.", [], "squad_v2_dev", "Normans",
                                 ["Second text."])]}
    assert write_documents(held, tmp_path) == 2
    scene_doc = (tmp_path / "friendsqa" / "friendsqa-s01.md").read_text()
    assert scene_doc == "# s01\n\nRoss Geller: Hi .\n\nRachel Green: Hello .\n"
    article = (tmp_path / "squad_v2_dev" / "Normans.md").read_text()
    assert article == "# Normans\n\nFirst text.\n\nSecond text.\n"


def test_outcome_counts_answers_refusals_and_false_refusals() -> None:
    rows = [_row(True, [True, False], [2.0, 1.0]), _row(True, [False], [0.5]),
            _row(False, [False], [-1.0]), _row(True, [], [])]
    picks = picks_by(rows, [r.margins for r in rows])
    got = outcome(rows, picks, threshold=0.0)
    assert got["picked_right"] == round(1 / 3, 3) and got["answer_accuracy"] == round(1 / 3, 3)
    assert got["refusal"] == 1.0 and got["false_refusals"] == round(1 / 3, 3)


def test_the_threshold_separates_right_answers_from_unanswerable_questions() -> None:
    rows = [_row(True, [True], [3.0]), _row(True, [True], [2.5]),
            _row(False, [False], [0.4]), _row(False, [False], [0.2])]
    threshold = best_threshold(rows, picks_by(rows, [r.margins for r in rows]))
    assert 0.4 <= threshold < 2.5


def test_the_fit_weights_the_margin_up_when_the_margin_tells_right_from_wrong() -> None:
    rows = [_row(True, [True, False], [3.0 + i % 3, -1.0 - i % 2]) for i in range(30)]
    mean, scale, weights, _ = fit(rows)
    assert weights[FEATURES.index("margin")] > 0 and len(mean) == len(scale) == len(FEATURES)


def test_an_ablation_fits_without_the_named_features_and_reports_both() -> None:
    rows = [_row(True, [True, False], [3.0 + i % 3, -1.0 - i % 2]) for i in range(20)]
    rows += [_row(False, [False], [-0.5 - i % 2]) for i in range(10)]
    assert all(len(f) == len(FEATURES) - 2 for r in without(rows, ["votes", "by_speaker"])
               for f in r.features)
    got = ablation(rows, rows, ["votes", "by_speaker"])
    assert set(got) == {"all features", "without votes, by_speaker"}
    assert all(0.0 <= g["answer_accuracy"] <= 1.0 and "threshold" in g for g in got.values())


def test_a_transcript_questions_were_made_from_is_copied_as_it_is(tmp_path: Path) -> None:
    source = tmp_path / "archive"
    source.mkdir()
    text = "---\ntitle: Briefing\ndate: '2031-04-02'\n---\n\nMS. OKAFOR:  Good afternoon.\n"
    (source / "2031-04-02-briefing.md").write_text(text, encoding="utf-8")
    held = {"transcripts": [Example("Who said that?", "Ms. Okafor, 2031-04-02: Good afternoon.",
                                    [(0, "Ms. Okafor")], "transcripts",
                                    "transcripts:2031-04-02-briefing")]}
    docs = tmp_path / "docs"
    assert write_documents(held, docs, source) == 1
    (copied,) = (docs / "transcripts").iterdir()
    assert copied.read_text(encoding="utf-8") == text
