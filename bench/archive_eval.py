"""Score a question file on an index of one raw folder (or a documented subset of it).

The index holds the folder's files under their file names (the questions' `doc`), or,
with `--distractors N`, only the files the questions cite plus N others drawn with a fixed
seed, for when the whole folder is too slow to index right now. Unchanged files are skipped
on a second run, so the index can be kept (`--index`). Usage:

    python bench/archive_eval.py bench/questions/briefings.jsonl \\
        --folder ../shared/raw/whitehouse-press-briefings-md --distractors 200
    python bench/archive_eval.py bench/questions/fomc_pdf_other.jsonl \\
        --folder ../shared/raw/fomc-pdf
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # this checkout's `bot`, not another installed one

from bot.config import Settings  # noqa: E402
from bot.evaluate import evaluate, load_questions, write_report  # noqa: E402
from bot.service import QAService  # noqa: E402


def subset(folder: Path, gold: set[str], distractors: int, seed: int) -> list[Path]:
    """The gold files and `distractors` others of `folder` (all files when negative)."""
    files = sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))
    missing = gold - {p.name for p in files}
    if missing:
        raise SystemExit(f"gold documents not in {folder}: {sorted(missing)}")
    if distractors < 0:
        return files
    others = [p for p in files if p.name not in gold]
    picked = random.Random(seed).sample(others, min(distractors, len(others)))
    return sorted([p for p in files if p.name in gold] + picked)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("questions", type=Path)
    parser.add_argument("--folder", type=Path, required=True)
    parser.add_argument("--distractors", type=int, default=-1,
                        help="index the gold files and this many others (default: all files)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--index", type=Path, help="index folder to build or reuse")
    parser.add_argument("--out", type=Path, help="per-question results as JSON")
    args = parser.parse_args()
    questions = load_questions(args.questions)
    gold = {q.doc for q in questions if q.doc}
    files = subset(args.folder, gold, args.distractors, args.seed)
    src = Path(tempfile.mkdtemp(prefix="pressbot-eval-src-"))
    for path in files:  # links, so that document ids are the file names
        (src / path.name).symlink_to(path.resolve())
    index = args.index or Path(tempfile.mkdtemp(prefix="pressbot-eval-index-"))
    service = QAService(Settings(index_dir=index))
    started = time.perf_counter()
    report = service.ingest(src, prune=True)
    counts = Counter(f.status for f in report.files)
    print(f"index {index}: {len(files)} files ({dict(counts)}) in "
          f"{time.perf_counter() - started:.0f} s; backend {service.index.embeddings.backend}")
    service.warm_up()
    result = evaluate(questions, service.ask)
    print(result.summary.model_dump())
    by_type: dict[str, list[bool]] = {}
    for r in result.results:
        ok = (not r.answer.answered) if r.type == "unanswerable" else r.correct
        by_type.setdefault(r.type, []).append(ok)
        if not ok:
            print(f"miss {r.id} ({r.type}): {r.answer.answer!r} "
                  f"{r.answer.citations[0].doc_id if r.answer.citations else ''}")
    print({t: f"{sum(v)}/{len(v)}" for t, v in sorted(by_type.items())})
    if args.out:
        write_report(result, args.out)


if __name__ == "__main__":
    main()
