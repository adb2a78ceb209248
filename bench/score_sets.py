"""Score the measuring sets side by side, each on the index it is asked of, models loaded once.

    python bench/score_sets.py --corpus-index /tmp/corpus-index \\
        --pdf-index /tmp/idx-pdf --briefings-index /tmp/idx-brief [--reader rules]

The indexes are built beforehand: `pressbot ingest ../shared/corpus --index DIR` for the
corpus sets, and `bench/archive_eval.py ... --index DIR` for the Fed PDFs (all of
`raw/fomc-pdf`) and the briefings (the cited files and 200 others). A set whose index is
not given is skipped. Prints one table row a set (answer / citation / refusal / false
refusals / p50 / p95 / the reading stage's p50, the rest being retrieval) and writes them
as JSON with `--out`. These sets are for measuring only: nothing may be fitted to them.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # this checkout's `bot`

from bot.config import Settings  # noqa: E402
from bot.evaluate import evaluate, load_questions  # noqa: E402
from bot.service import QAService  # noqa: E402

SHARED = ROOT.parent / "shared"
QUESTIONS = ROOT / "bench" / "questions"
SETS: dict[str, tuple[Path, str]] = {  # set name: (questions, which index)
    "dev": (SHARED / "eval" / "dev.jsonl", "corpus"),
    "extra": (QUESTIONS / "extra.jsonl", "corpus"),
    "fresh_corpus": (QUESTIONS / "fresh_corpus.jsonl", "corpus"),
    "fresh_fomc_pdf": (QUESTIONS / "fresh_fomc_pdf.jsonl", "pdf"),
    "fresh_briefings": (QUESTIONS / "fresh_briefings.jsonl", "briefings"),
}
COLUMNS = ("answer_accuracy", "citation_accuracy", "refusal_rate", "false_refusal_rate",
           "p50_ms", "p95_ms", "read_p50_ms")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--corpus-index", type=Path)
    p.add_argument("--pdf-index", type=Path)
    p.add_argument("--briefings-index", type=Path)
    p.add_argument("--reader", choices=("learned", "rules", "cascade"), default=None,
                   help="the English reader (default: the settings')")
    p.add_argument("--sets", nargs="+", choices=sorted(SETS), default=list(SETS))
    p.add_argument("--out", type=Path)
    a = p.parse_args(argv)
    indexes = {"corpus": a.corpus_index, "pdf": a.pdf_index, "briefings": a.briefings_index}
    services: dict[str, QAService] = {}
    table: dict[str, dict[str, float]] = {}
    print("| set | n | " + " | ".join(COLUMNS) + " |")
    print("|---" * (len(COLUMNS) + 2) + "|")
    for name in a.sets:
        questions, which = SETS[name]
        if indexes[which] is None:
            continue
        if which not in services:
            extra = {"reader": a.reader} if a.reader else {}
            services[which] = QAService(Settings(index_dir=indexes[which], **extra))
            services[which].warm_up()
        report = evaluate(load_questions(questions), services[which].ask)
        summary = report.summary
        reads = [r.answer.timings_ms.get("read", 0.0) for r in report.results
                 if r.answer.timings_ms]
        row = {c: getattr(summary, c) for c in COLUMNS if c != "read_p50_ms"}
        row["read_p50_ms"] = float(statistics.median(reads)) if reads else 0.0
        table[name] = {"n": summary.n, **row, "questions": [
            {"id": r.id, "correct": r.correct, "cited": r.cited, "answered": r.answer.answered,
             "answer": r.answer.answer, "ms": round(r.latency_ms)} for r in report.results]}
        print(f"| {name} | {summary.n} | " + " | ".join(
            f"{row[c]:.0f}" if c.endswith("_ms") else f"{row[c]:.3f}" for c in COLUMNS) + " |",
            flush=True)
    if a.out:
        a.out.write_text(json.dumps(table, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
