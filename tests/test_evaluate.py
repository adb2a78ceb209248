from __future__ import annotations

from bot.evaluate import EvalQuestion, contains_answer, evaluate, score_answer, shorten
from bot.schema import Answer, Citation


def test_whole_token_matching() -> None:
    assert contains_answer("3,002 difficulties", "3002")
    assert contains_answer("3002", "3,002")
    assert not contains_answer("150", "50")
    assert contains_answer("over 50,000 citizens", "50,000")
    assert contains_answer("¼ to ½ percent", "¼ to ½ percent")
    assert contains_answer("Dr.  Birx", "dr. birx")
    assert not contains_answer(None, "x")


def test_answer_is_cut_to_fifteen_words() -> None:
    long = " ".join(["word"] * 20) + " 3002"
    assert shorten(long) is not None and "3002" not in shorten(long)


def _citation(doc: str, quote: str, speaker: str | None = None) -> Citation:
    return Citation(n=1, doc_id=doc, path=doc, passage_id=f"{doc}#0", quote=quote, start=0,
                    end=len(quote), score=1.0, url="/", speaker=speaker)


def test_scoring_of_one_answer() -> None:
    q = EvalQuestion(id="x", question="?", answers=["3002"], doc="a/seed.txt", type="number")
    good = Answer(question="?", answered=True, answer="3002",
                  citations=[_citation("seed.txt", "solve 3002 difficulties")])
    assert score_answer(q, good) == (True, True)
    wrong_doc = good.model_copy(update={"citations": [_citation("other.txt", "3002")]})
    assert score_answer(q, wrong_doc) == (True, False)
    who = EvalQuestion(id="y", question="?", answers=["Birx"], doc="b.txt", type="who")
    spoke = Answer(question="?", answered=True, answer="Dr. Birx",
                   citations=[_citation("b.txt", "I have a call", speaker="Dr. Birx")])
    assert score_answer(who, spoke) == (True, True)


def test_summary_counts_refusals() -> None:
    questions = [
        EvalQuestion(id="a", question="qa", answers=["1"], doc="d.txt", type="number"),
        EvalQuestion(id="b", question="qb", answers=[], doc=None, type="unanswerable"),
    ]
    refusal = {"qa": Answer(question="qa", answered=False),
               "qb": Answer(question="qb", answered=False)}
    report = evaluate(questions, lambda q: refusal[q])
    s = report.summary
    assert (s.answer_accuracy, s.refusal_rate, s.false_refusal_rate) == (0.0, 1.0, 1.0)
