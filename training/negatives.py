"""Retrieved negatives: the passages a keyword search puts next to a question's own.

At answering time most passages the reader sees were retrieved because they share the
question's words, and hold no answer. A training question is shown such passages too:
the contexts of its source that BM25 (bm25s) ranks highest for the question, less its own
context and any that holds one of its answers, labelled "no answer here"
(`WindowMaker.make(retrieved=...)`).
"""

from __future__ import annotations

import bm25s

from training.data import Example


def add_retrieved_negatives(examples: list[Example], pools: dict[str, list[str]],
                            k: int = 2) -> None:
    """Set `ex.retrieved` of each answerable example to up to `k` contexts of its source's
    pool that a keyword search ranks highest for its question and that do not hold an
    answer."""
    by_source: dict[str, list[Example]] = {}
    for ex in examples:
        if ex.answers:
            by_source.setdefault(ex.source, []).append(ex)
    for source, items in by_source.items():
        pool = pools.get(source) or []
        if len(pool) < k + 2:
            continue
        retriever = bm25s.BM25()
        retriever.index(bm25s.tokenize(pool, show_progress=False), show_progress=False)
        queries = bm25s.tokenize([ex.question for ex in items], show_progress=False)
        found, _ = retriever.retrieve(queries, k=min(len(pool), k + 3),
                                      show_progress=False)
        for ex, row in zip(items, found, strict=True):
            answers = [a.lower() for _, a in ex.answers]
            ex.retrieved = [pool[int(i)] for i in row
                            if pool[int(i)] != ex.context
                            and not any(a in pool[int(i)].lower() for a in answers)][:k]
