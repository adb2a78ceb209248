"""List the code and tests that quote a measuring question: any run of six words shared
with a question of `../shared/eval/*.jsonl` or `bench/questions/*.jsonl` (a development aid
for issue 18, point 7: no rule, example or test may be written from those questions).

    python scripts/eval_overlap.py [--all] [FOLDER ...]   # default: bot tests training

The seed question of the product brief (the Xinjiang "difficulties … by September 25"
question) is the product's own example and is not listed unless `--all` is given.
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
RUN = 6  # words in a row
SEED = "how many difficulties had been resolved for companies"


def word_runs(text: str) -> set[str]:
    words = re.findall(r"\w+", text.lower())
    return {" ".join(words[i:i + RUN]) for i in range(len(words) - RUN + 1)}


def measuring_questions() -> list[str]:
    files = [*sorted((SHARED / "eval").glob("*.jsonl")),
             *sorted((ROOT / "bench" / "questions").glob("*.jsonl"))]
    return [json.loads(line)["question"] for f in files
            for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]


def overlaps(folders: list[Path], keep_seed: bool) -> dict[str, list[str]]:
    """For each file, the measuring questions it shares a run of words with."""
    runs: dict[str, str] = {}
    for q in measuring_questions():
        if keep_seed or SEED not in " ".join(re.findall(r"\w+", q.lower())):
            for run in word_runs(q):
                runs.setdefault(run, q)
    found: dict[str, list[str]] = {}
    for folder in folders:
        for path in sorted(folder.rglob("*.py")):
            shared = {runs[r] for r in word_runs(path.read_text(encoding="utf-8")) if r in runs}
            if shared:
                found[str(path.relative_to(ROOT))] = sorted(shared)
    return found


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("folders", nargs="*", default=["bot", "tests", "training"])
    p.add_argument("--all", action="store_true", help="list the seed question too")
    a = p.parse_args(argv)
    found = overlaps([ROOT / f for f in a.folders], a.all)
    for path, questions in found.items():
        print(f"{path}: {len(questions)}")
        for q in questions:
            print(f"    {q}")
    print(f"{sum(len(q) for q in found.values())} quotes in {len(found)} files")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
