"""Print the analysis and the top readings of questions (a development aid)."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from bot.config import Settings
from bot.retrieve.hybrid import resolve_scope
from bot.retrieve.question import analyze_question
from bot.service import QAService


def main() -> None:
    index, *questions = sys.argv[1:]
    service = QAService(Settings(index_dir=Path(index)))
    for q in questions:
        a = analyze_question(q)
        print("Q:", q)
        print("  ", a)
        scope = resolve_scope(service.index.documents(), a, None)
        print("   scope:", scope.doc_ids, scope.refusal)
        vec, multilingual = service._query_vectors(q, a)
        hits = service.retriever.search(
            q, None if vec is None else vec.tolist(), scope, None,
            keyword_query=service._keyword_query(q, a),
            multilingual_vector=None if multilingual is None else multilingual.tolist(),
            language=a.language)
        started = time.perf_counter()
        readings = service.reader.read(a, hits, vec, service.index.keyword(), multilingual)
        print(f"   read in {time.perf_counter() - started:.2f} s")
        for r in readings[:6]:
            s = r.sentence
            print(f"   {r.score:.3f} s={s.score:.3f} d={s.dense:.2f} l={s.lexical:.2f} "
                  f"c={s.context:.2f} [{r.answer}] {s.hit.passage.speaker_role} "
                  f"{s.hit.passage.doc_id} | {s.text[:150]}")
        ans = service.ask(q)
        print("   ANSWER:", ans.answered, ans.answer, ans.reason, ans.timings_ms)


if __name__ == "__main__":
    main()
