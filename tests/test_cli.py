"""`pressbot` as a user runs it: a real subprocess, real models, a real index."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

SEED = "2022-09-27_tianshan_xinjiang_industry_presser.txt"


def pressbot(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "bot.cli", *args], capture_output=True,
                          text=True, timeout=600)


@pytest.fixture(scope="module")
def seed_index(tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path) -> Path:
    folder = tmp_path_factory.mktemp("inbox")
    (folder / SEED).write_bytes((corpus_dir / SEED).read_bytes())
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 20)
    (folder / "gb.txt").write_bytes(
        "标题：记者会\n\n问：今年有多少家企业复工？\n\n答：共有8298家企业复工。\n".encode("gb18030"))
    (folder / "latin1.txt").write_bytes(
        "Title: Café briefing\nDate: 2021-05-04\n---\nMR. DUPONT: The café reopened with 12 "
        "tables.\n".encode("latin-1"))
    index = tmp_path_factory.mktemp("index")
    result = pressbot("ingest", str(folder), "--index", str(index))
    assert result.returncode == 1, result.stderr  # some failed, the rest indexed
    assert "empty.txt" in result.stderr and "empty" in result.stderr
    assert "binary.txt" in result.stderr and "binary" in result.stderr
    (index / "inbox-path").write_text(str(folder))
    return index


def test_reingest_skips_unchanged_and_still_names_bad_files(seed_index: Path) -> None:
    folder = (seed_index / "inbox-path").read_text()
    again = pressbot("ingest", folder, "--index", str(seed_index))
    assert again.returncode == 1
    assert "unchanged" in again.stderr and SEED in again.stderr
    assert "0 indexed" in again.stderr


def test_ask_json_prints_only_the_answer(seed_index: Path) -> None:
    result = pressbot("ask", "How many difficulties had been resolved for companies by "
                      "September 25?", "--json", "--index", str(seed_index))
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert "3002" in answer["answer"]
    first = answer["citations"][0]
    assert first["doc_id"] == SEED
    assert "3002 difficulties" in first["quote"]
    assert first["speaker"] == "Zhu Dadong"
    assert first["date"] == "2022-09-27"


def test_latin1_file_is_answerable(seed_index: Path) -> None:
    result = pressbot("ask", "How many tables did the café reopen with?", "--json",
                      "--index", str(seed_index))
    answer = json.loads(result.stdout)
    assert answer["answered"] and "12" in answer["answer"]


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert pressbot("ingest", str(tmp_path / "missing"), "--index", str(tmp_path)).returncode == 2
    assert pressbot("bogus").returncode == 2
