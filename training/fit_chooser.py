"""Fit the answer chooser: `python training/fit_chooser.py` (after train_reader.py).

The reader's held-out training questions (never the eval sets) are asked end to end of an
index of their own texts, and some answerable ones again with their own document left out
of the search, as questions the transcripts do not answer. Every held-out article, scene
and report is written as a document and ingested by the real pipeline; each question goes
through the service's retrieval and the shipped reader. Each candidate (the reader's best
span in one read passage) is labelled right when it holds a gold answer as the evaluation
scores it. A logistic model over the candidates' features (bot/answer/choose.py) is fitted
on 70% of the questions (drawn at random); the refusal threshold is the one that maximises
the mean of answer accuracy and refusal rate on them; the other 30% report it, beside the
reader's margin alone and retrieval's top passage. (Questions of one article may fall in
both halves: the chooser sees scores, never text, so one half teaches it nothing of the
other's answers.) Writes models/reader/chooser.json.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import random
import re
import sys
import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.answer.choose import CHOOSER_FILE, FEATURES  # noqa: E402
from bot.config import Settings  # noqa: E402
from bot.evaluate import contains_answer  # noqa: E402
from bot.ingest.read import read_text  # noqa: E402
from bot.schema import Filters  # noqa: E402
from bot.service import QAService  # noqa: E402
from training.data import SHARED_TRAIN, Example, load_all  # noqa: E402
from training.train_reader import parse_args as reader_config  # noqa: E402
from training.train_reader import split, transcript_examples  # noqa: E402
from training.transcript_questions import SOURCE, transcript_files  # noqa: E402

DIALOGUE = {"friendsqa", "molweni"}  # one utterance a line: a paragraph each
FIT_SHARE = 0.7


@dataclass
class Row:
    source: str
    group: str
    answerable: bool
    features: list[list[float]]  # one per candidate, in FEATURES order
    right: list[bool]
    margins: list[float]
    reader_threshold: float
    absent: bool = False  # asked with its own document left out of the search


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-")[:80] or "doc"


def write_documents(held: dict[str, list[Example]], folder: Path,
                    transcripts: Path | None = None) -> int:
    """One Markdown document per held-out group: its title, then each of its texts; a
    transcript the in-domain questions were made from is copied as it is."""
    texts: dict[tuple[str, str], list[str]] = defaultdict(list)
    copied = 0
    for source, examples in held.items():
        if source == SOURCE and transcripts is not None:
            by_stem = {f.stem: f for f in transcript_files(transcripts)}  # listed once
            for group in sorted({e.group for e in examples}):
                _copy_transcript(by_stem, group, folder / _doc_id(source, group))
                copied += 1
            continue
        for e in examples:
            seen = texts[(source, e.group)]
            for t in (e.context, *e.neighbours):
                if t not in seen:
                    seen.append(t)
    for (source, group), parts in texts.items():
        if source in DIALOGUE:
            parts = ["\n\n".join(line for line in t.splitlines() if line.strip())
                     for t in parts]
        path = folder / _doc_id(source, group)
        path.parent.mkdir(parents=True, exist_ok=True)
        title = group.split(":", 1)[-1].replace("_", " ")
        path.write_text(f"# {title}\n\n" + "\n\n".join(parts) + "\n", encoding="utf-8")
    return len(texts) + copied


def _copy_transcript(by_stem: dict[str, Path], group: str, target: Path) -> None:
    stem = group.split(":", 1)[1]
    if stem not in by_stem:
        raise SystemExit(f"the transcript {stem} the questions were made from is gone")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(read_text(by_stem[stem]), encoding="utf-8")


def _doc_id(source: str, group: str) -> str:
    return f"{source}/{_slug(group)}.md"


def _row(service: QAService, e: Example, filters: Filters | None) -> Row:
    trace = service.explain(e.question, filters)
    golds = [text for _, text in e.answers] if filters is None else []
    read = trace.read
    return Row(e.source, e.group, bool(golds),
               [[c.features[f] for f in FEATURES] for c in read],
               [any(contains_answer(c.answer, g) for g in golds) for c in read],
               [c.margin for c in read],
               service.learned().reader.threshold, filters is not None)


def questions_asked(held: dict[str, list[Example]], every: list[str], per_source: int,
                    absent: int, seed: int) -> Iterator[tuple[Example, Filters | None]]:
    """Each source's questions to ask of the index (filters None); and `absent` of its
    answerable ones with their own document left out (the transcripts do not answer them)."""
    rng = random.Random(seed)
    for source, examples in held.items():
        chosen = list(examples)
        rng.shuffle(chosen)
        yield from ((e, None) for e in chosen[:per_source])
        answerable = [e for e in chosen[per_source:] if e.answers] or [
            e for e in chosen if e.answers]
        for e in answerable[:absent]:
            own = _doc_id(source, e.group)
            yield e, Filters(doc_ids=[d for d in every if d != own])
        print(f"{source}: {min(per_source, len(chosen))} questions asked, "
              f"{min(absent, len(answerable))} without their document", flush=True)


def collect(service: QAService, held: dict[str, list[Example]], per_source: int,
            absent: int, seed: int) -> list[Row]:
    every = [d.doc_id for d in service.documents()]
    return [_row(service, e, f)
            for e, f in questions_asked(held, every, per_source, absent, seed)]


def outcome(rows: list[Row], pick: list[tuple[int, float]], threshold: float) -> dict:
    """Answer accuracy, refusal and false refusals when each row answers with its
    candidate `pick[i][0]` if its score `pick[i][1]` beats `threshold`."""
    answerable = [(r, p) for r, p in zip(rows, pick, strict=True) if r.answerable]
    unanswerable = [(r, p) for r, p in zip(rows, pick, strict=True) if not r.answerable]

    def answers(row: Row, p: tuple[int, float]) -> bool:
        return p[0] >= 0 and p[1] > threshold

    right = sum(1 for r, p in answerable if answers(r, p) and r.right[p[0]])
    picked = sum(1 for r, p in answerable if p[0] >= 0 and r.right[p[0]])
    refused = sum(1 for r, p in unanswerable if not answers(r, p))
    false = sum(1 for r, p in answerable if not answers(r, p))
    n_a, n_u = max(1, len(answerable)), max(1, len(unanswerable))
    return {"picked_right": round(picked / n_a, 3), "answer_accuracy": round(right / n_a, 3),
            "refusal": round(refused / n_u, 3),
            "false_refusals": round(false / n_a, 3),
            "balanced": round((right / n_a + refused / n_u) / 2, 3),
            "answerable": len(answerable), "unanswerable": len(unanswerable)}


def best_threshold(rows: list[Row], pick: list[tuple[int, float]]) -> float:
    scores = sorted({round(p[1], 4) for p in pick if p[0] >= 0})
    candidates = [s - 1e-4 for s in scores] or [0.0]
    return max(candidates, key=lambda t: (outcome(rows, pick, t)["balanced"], -t))


def picks_by(rows: list[Row], score: list[list[float]]) -> list[tuple[int, float]]:
    out = []
    for s in score:
        out.append((int(np.argmax(s)), float(max(s))) if s else (-1, float("-inf")))
    return out


def fit(rows: list[Row]) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
    from sklearn.linear_model import LogisticRegression

    x = np.array([f for r in rows for f in r.features])
    y = np.array([ok for r in rows for ok in r.right])
    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-6
    model = LogisticRegression(C=1.0, max_iter=1000)
    model.fit((x - mean) / scale, y)
    return mean, scale, model.coef_[0], float(model.intercept_[0])


def probabilities(rows: list[Row], mean: np.ndarray, scale: np.ndarray, w: np.ndarray,
                  b: float) -> list[list[float]]:
    out = []
    for r in rows:
        if not r.features:
            out.append([])
            continue
        z = ((np.array(r.features) - mean) / scale) @ w + b
        out.append(list(1.0 / (1.0 + np.exp(-z))))
    return out


def report(fit_rows: list[Row], val_rows: list[Row], mean: np.ndarray, scale: np.ndarray,
           w: np.ndarray, b: float) -> tuple[float, dict]:
    chooser_fit = picks_by(fit_rows, probabilities(fit_rows, mean, scale, w, b))
    threshold = best_threshold(fit_rows, chooser_fit)
    chooser_val = picks_by(val_rows, probabilities(val_rows, mean, scale, w, b))
    margin_val = picks_by(val_rows, [r.margins for r in val_rows])
    reader_t = val_rows[0].reader_threshold if val_rows else 0.0
    log_rank = FEATURES.index("log_rank")
    first = [int(np.argmin([f[log_rank] for f in r.features])) if r.features else -1
             for r in val_rows]
    retrieval_val = [(i, r.margins[i]) if i >= 0 else (-1, float("-inf"))
                     for i, r in zip(first, val_rows, strict=True)]
    curve = [{"threshold": round(t, 2), **outcome(val_rows, chooser_val, t)}
             for t in np.linspace(0.05, 0.95, 19)]
    sources = sorted({r.source for r in val_rows})
    absent = [r for r in val_rows if r.absent]
    absent_picks = [p for r, p in zip(val_rows, chooser_val, strict=True) if r.absent]
    return threshold, {
        "validation": {
            "chooser": outcome(val_rows, chooser_val, threshold),
            "reader_margin": outcome(val_rows, margin_val, reader_t),
            "retrieval_top_passage": outcome(val_rows, retrieval_val, reader_t),
            "chooser_by_source": {s: outcome(
                [r for r in val_rows if r.source == s],
                [p for r, p in zip(val_rows, chooser_val, strict=True) if r.source == s],
                threshold) for s in sources},
        },
        "chooser_document_absent": outcome(absent, absent_picks, threshold),
        "refusal_curve": curve,
        "fit_questions": len(fit_rows), "validation_questions": len(val_rows),
    }


def without(rows: list[Row], drop: list[str]) -> list[Row]:
    """The rows with the `drop` features' columns left out."""
    keep = [i for i, f in enumerate(FEATURES) if f not in drop]
    return [dataclasses.replace(r, features=[[v[i] for i in keep] for v in r.features])
            for r in rows]


def ablation(fit_rows: list[Row], val_rows: list[Row], drop: list[str]) -> dict:
    """Validation figures of the chooser fitted with all features and without `drop`."""
    out = {}
    for name, (f_rows, v_rows) in {
            "all features": (fit_rows, val_rows),
            f"without {', '.join(drop)}": (without(fit_rows, drop), without(val_rows, drop)),
    }.items():
        mean, scale, w, b = fit(f_rows)
        threshold, figures = report(f_rows, v_rows, mean, scale, w, b)
        out[name] = {"threshold": round(threshold, 4), **figures["validation"]["chooser"]}
    return out


def add_transcript_options(p: argparse.ArgumentParser) -> None:
    """The in-domain questions' options, shared with fit_cascade.py."""
    p.add_argument("--transcript-questions", type=int, default=0,
                   help="as train_reader.py's: its held-out in-domain questions are asked too, "
                        "of the transcripts they were made from")
    p.add_argument("--who-share", type=float, default=0.0,
                   help="share of those questions that ask who said a clause (0: none; "
                        "who-questions are answered from the turns, not the chooser)")


def held_out(a: argparse.Namespace) -> tuple[argparse.Namespace, dict[str, list[Example]]]:
    """The reader's configuration for these options and its held-out questions by source
    (the transcript questions among them when asked for): never trained on."""
    cfg = reader_config(["--train-root", str(a.train_root), "--seed", str(a.seed),
                         "--transcript-questions", str(a.transcript_questions),
                         "--who-share", str(a.who_share)])
    sources = load_all(a.train_root)
    if cfg.transcript_questions:
        sources[SOURCE] = transcript_examples(cfg)
    return cfg, split(sources, cfg)[1]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--work", type=Path, default=Path("/tmp/pressbot-chooser"))
    p.add_argument("--train-root", type=Path, default=SHARED_TRAIN)
    p.add_argument("--per-source", type=int, default=400, help="questions asked a source")
    p.add_argument("--absent", type=int, default=100,
                   help="answerable questions of a source asked without their document")
    p.add_argument("--out", type=Path, default=CHOOSER_FILE)
    p.add_argument("--seed", type=int, default=13)
    add_transcript_options(p)
    p.add_argument("--ablate", nargs="+", choices=FEATURES, metavar="FEATURE",
                   help="fit without these features too and print both validations "
                        "(writes nothing)")
    a = p.parse_args(argv)
    started = time.time()
    cfg, held = held_out(a)
    docs = a.work / "docs"
    index = a.work / "index"
    cache = a.work / (f"candidates-{a.per_source}-{a.absent}-{a.transcript_questions}"
                      f"-{a.who_share}.json")
    if cache.exists():
        rows = [Row(**r) for r in json.loads(cache.read_text())]
    else:
        print(f"{write_documents(held, docs, cfg.transcripts)} documents written", flush=True)
        service = QAService(Settings(index_dir=index, reader="learned"))
        service.ingest(docs)
        rows = collect(service, held, a.per_source, a.absent, a.seed)
        cache.write_text(json.dumps([r.__dict__ for r in rows]))
    rng = random.Random(a.seed)
    fitting = [rng.random() < FIT_SHARE for _ in rows]
    fit_rows = [r for r, f in zip(rows, fitting, strict=True) if f]
    val_rows = [r for r, f in zip(rows, fitting, strict=True) if not f]
    if a.ablate:
        print(json.dumps(ablation(fit_rows, val_rows, a.ablate), indent=1), flush=True)
        return 0
    mean, scale, w, b = fit(fit_rows)
    threshold, figures = report(fit_rows, val_rows, mean, scale, w, b)
    figures["seconds"] = round(time.time() - started)
    out = {"features": list(FEATURES), "mean": mean.round(6).tolist(),
           "scale": scale.round(6).tolist(), "weights": w.round(6).tolist(),
           "bias": round(b, 6), "threshold": round(threshold, 4), "report": figures}
    a.out.write_text(json.dumps(out, indent=1) + "\n")
    print(json.dumps({k: out[k] for k in ("weights", "bias", "threshold")}), flush=True)
    print(json.dumps(figures["validation"], indent=1), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
