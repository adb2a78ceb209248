"""Where the gold passage ranks, after retrieval and after the reader: recall at 1, 3, 8;
and the time a question takes (p50, p95) with the reader's share of it.

A question's gold passages are those of its gold document that hold a gold answer and
most of the words of its evidence sentence. Retrieval ranks passages by the fused hybrid
score; the learned path ranks the passages it read by the chooser's probability of each
one's answer (by the answer's margin over "no answer" where no chooser is fitted).

    python bench/recall.py ../shared/eval/dev.jsonl --index /tmp/corpus-index [--out r.json]
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path, PurePosixPath

from bot.config import Settings
from bot.evaluate import load_questions
from bot.service import QAService

KS = (1, 3, 8)


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


def gold_passages(service: QAService, doc: str, answers: list[str], evidence: str | None,
                  docs: dict[str, str]) -> set[str]:
    name = PurePosixPath(doc).name
    doc_id = docs.get(name)
    if doc_id is None:
        return set()
    wanted = _words(evidence or "")
    out = set()
    for p in service.passages(doc_id):
        text = p.text.lower().replace(",", "")
        if not any(a.lower().replace(",", "") in text for a in answers) and not (
                p.speaker and any(a.lower() in p.speaker.lower() for a in answers)):
            continue
        if wanted and len(wanted & _words(p.text)) < 0.5 * len(wanted):
            continue
        out.add(p.id)
    return out


def recall(ranks: list[int | None], k: int) -> float:
    return round(sum(1 for r in ranks if r is not None and r < k) / max(1, len(ranks)), 3)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("questions", type=Path)
    parser.add_argument("--index", type=Path, required=True)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    service = QAService(Settings(index_dir=args.index))
    docs = {PurePosixPath(d.doc_id).name: d.doc_id for d in service.documents()}
    rows = []
    for q in load_questions(args.questions):
        if not q.answerable or not q.doc:
            continue
        gold = gold_passages(service, q.doc, q.answers, q.evidence, docs)
        trace = service.explain(q.question)
        retrieved = [r.passage_id for r in trace.retrieved]
        read = [r.passage_id for r in trace.read]
        rows.append({
            "id": q.id, "gold": sorted(gold),
            "retrieval_rank": next((i for i, p in enumerate(retrieved) if p in gold), None),
            "reader_rank": next((i for i, p in enumerate(read) if p in gold), None),
            "answer": trace.answer.answer,
            "timings_ms": trace.answer.timings_ms,
        })
    with_gold = [r for r in rows if r["gold"]]
    summary = {"questions": len(rows), "with_gold_passage": len(with_gold)}
    for stage in ("retrieval", "reader"):
        ranks = [r[f"{stage}_rank"] for r in with_gold]
        summary[stage] = {f"recall@{k}": recall(ranks, k) for k in KS}
    totals = sorted(r["timings_ms"].get("total", 0.0) for r in rows)
    reads = sorted(r["timings_ms"].get("read", 0.0) for r in rows)
    if totals:
        summary["p50_ms"] = totals[len(totals) // 2]
        summary["p95_ms"] = totals[min(len(totals) - 1, int(len(totals) * 0.95))]
        summary["read_p50_ms"] = reads[len(reads) // 2]
        summary["read_share"] = round(sum(reads) / max(1e-9, sum(totals)), 3)
    print(json.dumps(summary, indent=1))
    if args.out:
        args.out.write_text(json.dumps({"summary": summary, "rows": rows}, indent=1))


if __name__ == "__main__":
    main()
