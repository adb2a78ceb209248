"""QA training examples from `../shared/train` (real, openly licensed sets; see its README).

Every source becomes `Example`s: a question, a context, the character offsets of its
answers in that context (none: unanswerable), and the group it came from (an article, a
scene, a report), so that a held-out split never shares a context with training and a
window can be filled out with more text of the same group. Nothing here reads
`eval/` or `bench/questions/`: those are for measuring only.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

SHARED_TRAIN = Path(__file__).resolve().parent.parent.parent / "shared" / "train"


@dataclass
class Example:
    question: str
    context: str
    answers: list[tuple[int, str]]  # (start char, text); empty: no answer in the context
    source: str
    group: str  # examples of one group share their texts (an article, a scene)
    neighbours: list[str] = field(default_factory=list)  # other texts of the group
    retrieved: list[str] = field(default_factory=list)  # keyword-search negatives (no answer)


def _answers(context: str, items: list[dict]) -> list[tuple[int, str]]:
    """The (start, text) answers that really are at their offsets (or found once nearby)."""
    out: list[tuple[int, str]] = []
    for a in items:
        text, start = a["text"], int(a.get("answer_start", -1))
        if not text.strip():
            continue
        if context[start:start + len(text)] != text:
            start = context.find(text)
            if start < 0:
                continue
        if (start, text) not in out:
            out.append((start, text))
    return out


def squad(path: Path, source: str, skip_ids: set[str] | None = None) -> Iterator[Example]:
    """SQuAD 1.1 / 2.0 format: one group per article."""
    data = json.loads(path.read_text(encoding="utf-8"))["data"]
    for article in data:
        group = f"{source}:{article.get('title', '')}"
        contexts = [p["context"] for p in article["paragraphs"]]
        for i, paragraph in enumerate(article["paragraphs"]):
            context = paragraph["context"]
            neighbours = contexts[i + 1:] + contexts[:i]
            for qa in paragraph["qas"]:
                if skip_ids and qa["id"] in skip_ids:
                    continue
                answers = [] if qa.get("is_impossible") else _answers(context, qa["answers"])
                if not qa.get("is_impossible") and not answers:
                    continue
                yield Example(qa["question"].strip(), context, answers, source, group,
                              neighbours)


def squad_ids(path: Path) -> set[str]:
    data = json.loads(path.read_text(encoding="utf-8"))["data"]
    return {qa["id"] for a in data for p in a["paragraphs"] for qa in p["qas"]}


def friendsqa(path: Path) -> Iterator[Example]:
    """FriendsQA scenes as `Speaker: utterance` lines; an `is_speaker` answer is the label."""
    data = json.loads(path.read_text(encoding="utf-8"))["data"]
    for scene in data:
        for paragraph in scene["paragraphs"]:
            lines, label_at, text_at = [], {}, {}
            offset = 0
            for u in paragraph["utterances:"]:
                speaker = ", ".join(u["speakers"]) or "Unknown"
                label_at[u["uid"]] = (offset, speaker)
                line = f"{speaker}: {u['utterance']}"
                text_at[u["uid"]] = (offset + len(speaker) + 2, u["utterance"])
                lines.append(line)
                offset += len(line) + 1
            context = "\n".join(lines)
            for qa in paragraph["qas"]:
                answers: list[tuple[int, str]] = []
                for a in qa["answers"]:
                    uid = a["utterance_id"]
                    if uid not in text_at:
                        continue
                    if a["is_speaker"]:
                        start, speaker = label_at[uid]
                        first = speaker.split(", ")[0]
                        answers.append((start, first))
                        continue
                    base, utterance = text_at[uid]
                    tokens = utterance.split(" ")
                    if not 0 <= a["inner_start"] <= a["inner_end"] < len(tokens):
                        continue
                    start = base + len(" ".join(tokens[:a["inner_start"]])) + (
                        1 if a["inner_start"] else 0)
                    text = " ".join(tokens[a["inner_start"]:a["inner_end"] + 1])
                    if context[start:start + len(text)] == text:
                        answers.append((start, text))
                if answers:
                    yield Example(qa["question"].strip(), context, answers, "friendsqa",
                                  f"friendsqa:{scene['title']}")


def molweni(path: Path) -> Iterator[Example]:
    data = json.loads(path.read_text(encoding="utf-8"))["data"]
    dialogues = data["dialogues"] if isinstance(data, dict) else data
    for i, d in enumerate(dialogues):
        context = d["context"]
        for qa in d["qas"]:
            answers = [] if qa.get("is_impossible") else _answers(context, qa["answers"])
            if not qa.get("is_impossible") and not answers:
                continue
            yield Example(qa["question"].strip(), context, answers, "molweni", f"molweni:{i}")


def _table_text(table: list[list[str]]) -> str:
    """A table as sentences: "Total sales, 2019: $1,496.5." (header cells joined)."""
    if not table:
        return ""
    width = max(len(r) for r in table)
    headers = [""] * width
    body_start = 0
    for r, row in enumerate(table):
        if row and not row[0].strip() and any(c.strip() for c in row[1:]):
            for c, cell in enumerate(row):
                if cell.strip():
                    headers[c] = f"{headers[c]} {cell.strip()}".strip()
            body_start = r + 1
        else:
            break
    lines = []
    for row in table[body_start:]:
        label = row[0].strip() if row else ""
        cells = [f"{headers[c] or 'value'}: {cell.strip()}" for c, cell in enumerate(row)
                 if c and cell.strip()]
        if cells:
            lines.append(f"{label}, " + "; ".join(cells) + "." if label else
                         "; ".join(cells) + ".")
    return "\n".join(lines)


def tatqa(path: Path) -> Iterator[Example]:
    """TAT-QA's single-span answers, found in its paragraphs or its table read as text."""
    for k, report in enumerate(json.loads(path.read_text(encoding="utf-8"))):
        paragraphs = "\n".join(p["text"] for p in report["paragraphs"])
        context = f"{paragraphs}\n{_table_text(report['table']['table'])}"
        for q in report["questions"]:
            if q["answer_type"] != "span" or not isinstance(q["answer"], list):
                continue
            text = str(q["answer"][0])
            start = context.find(text)
            if start < 0 or not text.strip():
                continue
            yield Example(q["question"].strip(), context, [(start, text)], "tatqa",
                          f"tatqa:{path.stem}:{k}")


def held_out_groups(examples: list[Example], count: int, seed: int) -> set[str]:
    """Whole groups (articles) of `examples` holding at least `count` questions."""
    groups = sorted({e.group for e in examples})
    random.Random(seed).shuffle(groups)
    sizes: dict[str, int] = {}
    for e in examples:
        sizes[e.group] = sizes.get(e.group, 0) + 1
    chosen: set[str] = set()
    total = 0
    for g in groups:
        if total >= count:
            break
        chosen.add(g)
        total += sizes[g]
    return chosen


def load_all(root: Path = SHARED_TRAIN) -> dict[str, list[Example]]:
    """Every source, by name."""
    v2_dev = root / "squad_v2_dev" / "dev-v2.0.json"
    return {
        "squad_v2_dev": list(squad(v2_dev, "squad_v2_dev")),
        "squad_v2_train": list(squad(root / "squad_v2_train_first10" / "train-v2.0.json",
                                     "squad_v2_train")),
        "squad_v1_dev": list(squad(root / "squad_v1.1_dev" / "dev-v1.1.json", "squad_v1_dev",
                                   skip_ids=squad_ids(v2_dev))),
        **{f"squadshifts_{name}": list(squad(root / "squadshifts" / f"{name}_v1.0.json",
                                             f"squadshifts_{name}"))
           for name in ("new_wiki", "reddit", "amazon_reviews")},
        "friendsqa": [e for f in ("friendsqa_dev.json", "friendsqa_tst.json")
                      for e in friendsqa(root / "friendsqa" / f)],
        "molweni": list(molweni(root / "molweni" / "test.json")),
        "tatqa": [e for f in ("tatqa_dataset_dev.json", "tatqa_dataset_test_gold.json")
                  for e in tatqa(root / "tatqa" / f)],
    }
