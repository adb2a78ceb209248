"""Score the Fed questions of eval/dev.jsonl on an index of the Fed's own PDFs alone.

Each gold document `fomc/YYYY-MM-DD_fomc_presser.txt` is mapped to the PDF of the
same date, `FOMCpresconfYYYYMMDD.pdf`; the unanswerable Fed questions stay as they
are. Usage: `python bench/fomc_pdf_eval.py [--index DIR] [--out OUT.json]`.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from bot.config import Settings
from bot.evaluate import evaluate, load_questions, write_report
from bot.service import QAService

SHARED = Path(__file__).resolve().parents[2] / "shared"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--index", default="/tmp/pressbot-fomc-pdf-index")
    parser.add_argument("--out")
    args = parser.parse_args()
    service = QAService(Settings(index_dir=Path(args.index)))
    report = service.ingest(SHARED / "raw" / "fomc-pdf")
    print(f"ingest: {sum(f.status == 'indexed' for f in report.files)} indexed, "
          f"{len(report.failed)} failed")
    questions = []
    for q in load_questions(SHARED / "eval" / "dev.jsonl"):
        if not q.id.startswith("fomc-"):
            continue
        if q.doc:
            day = re.search(r"(\d{4})-(\d\d)-(\d\d)", q.doc)
            assert day, q.doc
            q = q.model_copy(update={"doc": f"FOMCpresconf{''.join(day.groups())}.pdf"})
        questions.append(q)
    service.warm_up()
    result = evaluate(questions, service.ask)
    print(result.summary.model_dump())
    for r in result.results:
        if not r.correct and r.type != "unanswerable":
            print("miss", r.id, r.answer.answer)
    if args.out:
        write_report(result, Path(args.out))


if __name__ == "__main__":
    main()
