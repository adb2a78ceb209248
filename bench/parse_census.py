"""What the parser finds in every file of `../shared`, to compare before and after a change.

For each file of `../shared/corpus`, every raw PDF and HTML page, and a fixed sample of
the raw Markdown briefings (every eleventh, sorted; 100 files by default): title, date,
source, speakers with their turn counts and roles, the number of turns and passages, and
a hash of the parsed text. No model is loaded. Usage:

    python bench/parse_census.py --out before.json
    python bench/parse_census.py --out after.json --diff before.json
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # this checkout's `bot`, not another installed one
SHARED = ROOT.parent / "shared"
MD_SAMPLE = 100


def census_files(shared: Path, md_sample: int = MD_SAMPLE) -> list[tuple[str, Path]]:
    """(class, path) of every file the census parses."""
    files = [("corpus", p) for p in sorted((shared / "corpus").rglob("*"))
             if p.suffix in (".txt", ".md")]
    files += [("pdf", p) for p in sorted((shared / "raw" / "fomc-pdf").glob("*.pdf"))]
    files += [("html", p) for p in sorted((shared / "raw" / "whitehouse-covid-html").glob("*"))
              if p.suffix in (".html", ".htm")]
    md = sorted((shared / "raw" / "whitehouse-press-briefings-md").glob("*.md"))
    step = max(1, len(md) // md_sample) if md_sample else 1
    files += [("md", p) for p in md[::step][:md_sample]]
    return files


def summary(path: Path, root: Path) -> dict[str, Any]:
    from bot.errors import IngestError
    from bot.ingest.parse import parse_transcript
    from bot.ingest.passages import split_passages
    from bot.ingest.pipeline import read_text_bytes

    doc_id = path.relative_to(root).as_posix()
    try:
        text = read_text_bytes(path.read_bytes(), doc_id, 100 * 1024 * 1024, path)
        doc = parse_transcript(text, doc_id, doc_id)
    except IngestError as exc:
        return {"error": exc.reason}
    turns: Counter[str] = Counter()
    roles: dict[str, str | None] = {}
    for turn in doc.turns:
        key = turn.speaker or f"<{turn.speaker_role or 'none'}>"
        turns[key] += 1
        roles.setdefault(key, turn.speaker_role)
    return {
        "title": doc.title,
        "date": doc.date,
        "source": doc.source,
        "speakers": {k: [n, roles[k]] for k, n in sorted(turns.items())},
        "turns": len(doc.turns),
        "passages": len(split_passages(doc)),
        "chars": len(doc.text),
        "text_sha": hashlib.sha256(doc.text.encode()).hexdigest()[:12],
    }


def diff(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    """One line per changed field per file."""
    lines = []
    for name in sorted(before.keys() | after.keys()):
        old, new = before.get(name, {}), after.get(name, {})
        for key in sorted(old.keys() | new.keys()):
            if old.get(key) == new.get(key):
                continue
            if key == "speakers":
                a, b = old.get(key) or {}, new.get(key) or {}
                changes = [f"{s}: {a.get(s)} -> {b.get(s)}" for s in sorted(a.keys() | b.keys())
                           if a.get(s) != b.get(s)]
                lines.append(f"{name}: speakers " + "; ".join(changes))
            else:
                lines.append(f"{name}: {key} {old.get(key)!r} -> {new.get(key)!r}")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--md-sample", type=int, default=MD_SAMPLE)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--diff", type=Path, help="an earlier --out to compare with")
    args = parser.parse_args()
    results = {}
    for kind, path in census_files(args.shared, args.md_sample):
        results[path.relative_to(args.shared).as_posix()] = {"class": kind,
                                                            **summary(path, args.shared)}
    args.out.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n")
    print(f"{len(results)} files -> {args.out}")
    if args.diff:
        lines = diff(json.loads(args.diff.read_text()), results)
        print("\n".join(lines) if lines else "no changes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
