"""Fit the cascade's switch: `python training/fit_cascade.py` (after fit_chooser.py).

The cascade answers with the learned path where its chooser's probability beats a
threshold, else with the rule reader, which may be vetoed (a refusal). Both thresholds are
fitted here on the same held-out training questions as the chooser (never the eval sets):
each question is asked of the index of their own texts through the learned path (its best
candidate's probability, answer and whether it is right) and through the rule reader (its
answer, confidence and whether it is right); some answerable ones again with their own
document left out (questions the transcripts do not answer). On 70% of the questions (drawn
at random) the thresholds are the pair that maximises the mean of answer accuracy and
refusal rate; the other 30% report it, beside the learned path alone, the rules alone and
the cascade at the chooser's own threshold. Writes models/reader/cascade.json.

The rule reader was written for press conferences, and these questions are of Wikipedia,
dialogue and reports: its share of right answers here is lower than on transcripts, so
the fitted switch leans to the learned path more than an in-domain fit would. The closing
figures on never-seen transcript questions say whether that costs anything.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.answer.cascade import CASCADE_FILE  # noqa: E402
from bot.answer.choose import load_chooser  # noqa: E402
from bot.answer.matching import contains_answer, same_answer  # noqa: E402
from bot.config import Settings  # noqa: E402
from bot.schema import Filters  # noqa: E402
from bot.service import QAService  # noqa: E402
from training.data import SHARED_TRAIN, Example  # noqa: E402
from training.fit_chooser import (  # noqa: E402
    FIT_SHARE,
    add_transcript_options,
    held_out,
    questions_asked,
    write_documents,
)


@dataclass
class Asked:
    source: str
    answerable: bool
    learned_p: float  # the chooser's probability of the learned path's best candidate
    learned_right: bool
    rules_answered: bool
    rules_right: bool
    rules_confidence: float = 0.0  # (near 1 for almost every rule answer: not used)
    agree: bool = False  # the rules' answer is one of the learned path's candidates
    absent: bool = False


def ask_both(learned: QAService, rules: QAService, e: Example,
             filters: Filters | None) -> Asked:
    golds = [text for _, text in e.answers] if filters is None else []
    trace = learned.explain(e.question, filters)
    best = trace.read[0] if trace.read else None
    answer = rules.ask(e.question, filters)
    said = answer.answer or ""
    return Asked(
        e.source, bool(golds), best.score if best else 0.0,
        bool(best) and any(contains_answer(best.answer, g) for g in golds),
        answer.answered,
        answer.answered and any(contains_answer(said, g) for g in golds),
        answer.confidence or 0.0,
        answer.answered and any(same_answer(said, c.answer) for c in trace.read),
        absent=filters is not None)


def collect(learned: QAService, rules: QAService, held: dict[str, list[Example]],
            per_source: int, absent: int, seed: int) -> list[Asked]:
    every = [d.doc_id for d in learned.documents()]
    return [ask_both(learned, rules, e, f)
            for e, f in questions_asked(held, every, per_source, absent, seed)]


def outcome(rows: list[Asked], learned_t: float, rules_on: bool = True,
            need_agreement: bool = False, fallback_t: float | None = None) -> dict:
    """Figures of the cascade: learned above `learned_t`, else the rules (if `rules_on`)
    where the learned path found the same answer among its candidates; else, with a
    `fallback_t`, the learned path's best candidate above it; else the rules' answer,
    unless `need_agreement` (a refusal)."""
    right = refused = false = 0
    n_a = sum(r.answerable for r in rows) or 1
    n_u = sum(not r.answerable for r in rows) or 1
    for r in rows:
        rules = rules_on and r.rules_answered
        if r.learned_p > learned_t:
            answered, ok = True, r.learned_right
        elif rules and r.agree:
            answered, ok = True, r.rules_right
        elif fallback_t is not None and r.learned_p > fallback_t:
            answered, ok = True, r.learned_right
        elif rules and not need_agreement:
            answered, ok = True, r.rules_right
        else:
            answered, ok = False, False
        if r.answerable:
            right += ok
            false += not answered
        else:
            refused += not answered
    return {"answer_accuracy": round(right / n_a, 3), "refusal": round(refused / n_u, 3),
            "false_refusals": round(false / n_a, 3),
            "balanced": round((right / n_a + refused / n_u) / 2, 3),
            "answerable": n_a, "unanswerable": n_u}


def _thresholds(rows: list[Asked], most: int | None = None) -> list[float]:
    """Where a threshold can fall: just below each probability seen, or below `most`
    quantiles of them when there are more, and 0 and 1."""
    seen = sorted({round(r.learned_p, 4) for r in rows})
    if most is not None and len(seen) > most:
        seen = sorted({seen[round(i * (len(seen) - 1) / (most - 1))] for i in range(most)})
    return sorted({t - 1e-4 for t in seen} | {0.0, 1.0})


def best_threshold(rows: list[Asked], need_agreement: bool = False) -> float:
    """The learned-path threshold that maximises the balanced figure, the rules below it."""
    return max(_thresholds(rows), key=lambda t: (
        outcome(rows, t, need_agreement=need_agreement)["balanced"], t))


def best_switch(rows: list[Asked], fallback: bool = False) -> tuple[float, bool, float | None]:
    """The threshold, whether the rules need agreement and (with `fallback`) the learned
    path's fallback threshold below it: whichever is best on the balanced figure (ties: no
    agreement needed, no fallback)."""
    switches: list[tuple[float, bool, float | None]] = [
        (best_threshold(rows, need), need, None) for need in (False, True)]
    if fallback:
        grid = _thresholds(rows, most=60)
        switches += [(t, need, f) for t in grid for f in grid if f < t
                     for need in (False, True)]
    return max(switches, key=lambda s: (
        outcome(rows, s[0], need_agreement=s[1], fallback_t=s[2])["balanced"],
        not s[1], s[2] is None))


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--work", type=Path, default=Path("/tmp/pressbot-chooser"))
    p.add_argument("--train-root", type=Path, default=SHARED_TRAIN)
    p.add_argument("--per-source", type=int, default=250, help="questions asked a source")
    p.add_argument("--absent", type=int, default=60,
                   help="answerable questions of a source asked without their document")
    p.add_argument("--out", type=Path, default=CASCADE_FILE)
    p.add_argument("--seed", type=int, default=13)
    add_transcript_options(p)
    p.add_argument("--fallback", action="store_true",
                   help="also fit a lower threshold above which the learned path answers "
                        "where the two readers disagree")
    a = p.parse_args(argv)
    started = time.time()
    cfg, held = held_out(a)
    cache = a.work / (f"cascade-{a.per_source}-{a.absent}-{a.transcript_questions}"
                      f"-{a.who_share}.json")
    if cache.exists():
        rows = [Asked(**r) for r in json.loads(cache.read_text())]
    else:
        index, docs = a.work / "index", a.work / "docs"
        if not index.exists():
            print(f"{write_documents(held, docs, cfg.transcripts)} documents written",
                  flush=True)
        learned = QAService(Settings(index_dir=index, reader="learned"))
        if not index.exists():
            learned.ingest(docs)
        rules = QAService(Settings(index_dir=index, reader="rules"))
        rows = collect(learned, rules, held, a.per_source, a.absent, a.seed)
        cache.write_text(json.dumps([asdict(r) for r in rows]))
    rng = random.Random(a.seed)
    fitting = [rng.random() < FIT_SHARE for _ in rows]
    fit_rows = [r for r, f in zip(rows, fitting, strict=True) if f]
    val_rows = [r for r, f in zip(rows, fitting, strict=True) if not f]
    chooser = load_chooser()
    chooser_t = chooser.threshold if chooser else 0.5
    free_t = best_threshold(fit_rows)
    agreed_t = best_threshold(fit_rows, need_agreement=True)
    threshold, need, fallback_t = best_switch(fit_rows, a.fallback)
    figures = {
        f"cascade, fitted switch ({threshold:.4f}, agreement {need}, fallback "
        f"{fallback_t})": outcome(val_rows, threshold, need_agreement=need,
                                  fallback_t=fallback_t),
        f"cascade, fitted threshold {free_t:.4f}": outcome(val_rows, free_t),
        f"cascade, fitted threshold {agreed_t:.4f}, the rules' answer only where the "
        "learned path agrees": outcome(val_rows, agreed_t, need_agreement=True),
        "cascade, the chooser's threshold": outcome(val_rows, chooser_t),
        "learned alone": outcome(val_rows, chooser_t, rules_on=False),
        "rules alone": outcome(val_rows, 1.0),
    }
    curve = [{"threshold": round(t, 2), **outcome(val_rows, t, need_agreement=need)}
             for t in np.linspace(0.0, 0.95, 20)]
    by_source = {source: outcome([r for r in val_rows if r.source == source], threshold,
                                 need_agreement=need, fallback_t=fallback_t)
                 for source in sorted({r.source for r in val_rows})}
    out = {"learned_threshold": round(threshold, 4), "rules_need_agreement": need,
           "fallback_threshold": None if fallback_t is None else round(fallback_t, 4),
           "chooser_threshold": chooser_t,
           "report": {"validation": figures, "by_source": by_source, "curve": curve,
                      "fit_questions": len(fit_rows), "validation_questions": len(val_rows),
                      "seconds": round(time.time() - started)}}
    a.out.write_text(json.dumps(out, indent=1) + "\n")
    print(json.dumps({k: out[k] for k in ("learned_threshold", "rules_need_agreement",
                                           "fallback_threshold")}
                     | figures | {"by_source": by_source}, indent=1),
          flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
