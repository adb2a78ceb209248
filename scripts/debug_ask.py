"""Print each stage's output for questions (a development aid): `service.explain`.

    python scripts/debug_ask.py INDEX_DIR "question" ["question" ...]
"""

from __future__ import annotations

import sys
from pathlib import Path

from bot.config import Settings
from bot.service import QAService


def main() -> None:
    index, *questions = sys.argv[1:]
    service = QAService(Settings(index_dir=Path(index)))
    for q in questions:
        trace = service.explain(q)
        print("Q:", q, f"({trace.language}, {trace.answer_type})")
        print("   scope:", trace.scope)
        for r in trace.retrieved[:8]:
            print(f"   retrieved {r.score:.4f} d={r.dense:.2f} k={r.keyword:.2f} "
                  f"{r.passage_id} {r.date} {r.speaker}")
        for c in trace.read[:6]:
            print(f"   read {c.score:.3f} margin {c.margin:+.2f} [{c.answer}] {c.passage_id}")
        a = trace.answer
        print("   ANSWER:", a.answered, a.answer, a.reason, a.timings_ms,
              f"threshold {trace.threshold}")


if __name__ == "__main__":
    main()
