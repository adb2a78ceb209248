"""Count the hand-written rules of the answering wing: regexes, word lists, numeric weights
and lines, per folder (a development aid for retiring the rule pile).

    python scripts/rule_census.py [bot/answer bot/retrieve bot/understand]

- regex: a call of `re.compile`, `re.search`, `re.match`, `re.fullmatch`, `re.findall`,
  `re.finditer`, `re.sub` or `re.split`;
- word list: a set, list, tuple or dict literal with three or more string constants;
- numeric weight: a float constant, or an int constant other than 0, 1 and -1, outside
  indexing and slicing.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

REGEX_CALLS = {"compile", "search", "match", "fullmatch", "findall", "finditer", "sub", "split"}


def census(path: Path) -> dict[str, int]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    counts = {"regexes": 0, "word_lists": 0, "numeric_weights": 0,
              "lines": len(path.read_text(encoding="utf-8").splitlines())}
    in_index: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Subscript):
            in_index |= {id(n) for n in ast.walk(node.slice)}
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name) and node.func.value.id == "re"
                and node.func.attr in REGEX_CALLS):
            counts["regexes"] += 1
        elif isinstance(node, ast.Set | ast.List | ast.Tuple | ast.Dict):
            items = node.keys if isinstance(node, ast.Dict) else node.elts
            strings = [i for i in items if isinstance(i, ast.Constant) and isinstance(i.value, str)]
            if len(strings) >= 3:
                counts["word_lists"] += 1
        elif (isinstance(node, ast.Constant) and id(node) not in in_index
              and not isinstance(node.value, bool) and isinstance(node.value, int | float)
              and (isinstance(node.value, float) or node.value not in (0, 1, -1))):
            counts["numeric_weights"] += 1
    return counts


def main() -> None:
    folders = [Path(a) for a in sys.argv[1:]] or [Path(f"bot/{name}") for name in
                                                 ("answer", "retrieve", "understand")]
    for folder in folders:
        total = {"regexes": 0, "word_lists": 0, "numeric_weights": 0, "lines": 0}
        for path in sorted(folder.rglob("*.py")):
            for k, v in census(path).items():
                total[k] += v
        print(folder, total)


if __name__ == "__main__":
    main()
