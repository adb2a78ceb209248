"""The layout's one rule for the answering wing: answer/ imports neither retrieve/ nor index/.

What they share lives below them all (`bot.stages`, `bot.tokens`, `bot.understand`); the
service passes answer/ the index's objects. Read from the source with `ast`: no import runs.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

BOT = Path(__file__).resolve().parent.parent / "bot"
FORBIDDEN = ("bot.retrieve", "bot.index")


def _imported(tree: ast.AST) -> list[str]:
    """Every module an import statement names, at any depth (inside functions too)."""
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            assert node.level == 0, "relative imports hide where a module lives"
            names.append(node.module)
            names += [f"{node.module}.{alias.name}" for alias in node.names]  # from bot import x
    return names


def _forbidden(names: list[str]) -> list[str]:
    return [n for n in names if any(n == f or n.startswith(f + ".") for f in FORBIDDEN)]


@pytest.mark.parametrize("path", sorted((BOT / "answer").rglob("*.py")),
                         ids=lambda p: p.name)
def test_answer_imports_neither_retrieve_nor_index(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    assert _forbidden(_imported(tree)) == []


def test_the_check_sees_every_form_of_import() -> None:
    source = ("import bot.index.keyword\nfrom bot import retrieve\n"
              "def f():\n    from bot.index import embeddings\n"
              "from bot.retrieval_notes import x\nfrom bot.stages import Hit\n")
    assert _forbidden(_imported(ast.parse(source))) == [
        "bot.index.keyword", "bot.retrieve", "bot.index", "bot.index.embeddings"]
