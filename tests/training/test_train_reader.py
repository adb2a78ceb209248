"""The reader's training script, run for a few steps on a tiny subset (CI never trains the
shipped model): it writes a loadable model, its calibration and its card."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest

from bot.answer.reader import Reader
from training import train_reader


@pytest.fixture(scope="module")
def trained(tmp_path_factory: pytest.TempPathFactory, shared_dir: Path) -> Path:
    out = tmp_path_factory.mktemp("reader")
    assert train_reader.main(["--limit", "40", "--max-steps", "3", "--batch", "8",
                              "--train-root", str(shared_dir / "train"),
                              "--out", str(out)]) == 0
    return out


def test_writes_the_model_its_tokenizer_calibration_and_card(trained: Path) -> None:
    for name in ("reader-int8.onnx", "tokenizer.json", "reader.json", "MODEL_CARD.md"):
        assert (trained / name).stat().st_size > 0, name
    config = json.loads((trained / "reader.json").read_text())
    held = config["report"]["held_out"]
    assert {"squad_v2_dev", "all"} <= set(held)
    assert all(0.0 <= s["f1"] <= 1.0 for s in held.values())
    assert isinstance(config["threshold"], float)
    assert "Held-out" in (trained / "MODEL_CARD.md").read_text()
    assert (trained / "reader-int8.onnx").stat().st_size < 60 * 2**20


def test_a_padded_batch_reads_as_each_context_alone(trained: Path) -> None:
    reader = Reader(trained)
    contexts = ["The committee raised the target range to 2 to 2¼ percent on Wednesday.",
                "Short one.",
                "As of September 25, the system had helped enterprises solve 3002 difficulties "
                "in the processing of passage and raw material supply, officials said today."]
    together = reader.read("How many difficulties were solved?", contexts)
    alone = [reader.read("How many difficulties were solved?", [c])[0] for c in contexts]
    for a, b in zip(together, alone, strict=True):
        assert a is not None and b is not None
        assert (a.start, a.end) == (b.start, b.end)
        assert np.isclose(a.margin, b.margin, atol=1e-3)


def test_a_second_run_goes_on_from_a_shipped_model(trained: Path, tmp_path: Path,
                                                    shared_dir: Path) -> None:
    """`--init` starts from the int8 model the first run wrote, as a second epoch starts
    from the shipped one (the weights' round trip: tests/training/test_from_onnx.py)."""
    out = tmp_path / "again"
    report = train_reader.train(train_reader.parse_args([
        "--limit", "40", "--max-steps", "2", "--batch", "8", "--order-seed", "5",
        "--take", "squadshifts_reddit=all", "--init", str(trained / "reader-int8.onnx"),
        "--transcript-questions", "30", "--retrieved", "0.5",
        "--train-root", str(shared_dir / "train"), "--out", str(out)]))
    assert report["init"] == str(trained / "reader-int8.onnx")
    assert report["transcript_questions"] == 30 and report["retrieved"] == 0.5
    assert "transcripts" in report["held_out"]
    assert "--transcript-questions 30 --retrieved 0.5" in report["command"]
    assert report["order_seed"] == 5 and report["mix"]["squadshifts_reddit"] is None
    assert (out / "reader-int8.onnx").stat().st_size > 0


def test_a_bad_take_names_the_sources() -> None:
    with pytest.raises(SystemExit):
        train_reader.parse_args(["--take", "wikipedia=3"])


def test_a_retrieved_share_out_of_range_is_refused() -> None:
    with pytest.raises(SystemExit):
        train_reader.parse_args(["--retrieved", "1.5"])


def test_init_commit_reads_the_model_as_that_commit_has_it() -> None:
    """`--init-commit` takes the file from git (the first epoch's model lives on in history)."""
    shipped = train_reader.ROOT / "models" / "reader" / "reader-int8.onnx"
    cfg = train_reader.parse_args(["--init", str(shipped), "--init-commit", "HEAD"])
    taken = train_reader.initial_weights(cfg)
    assert taken is not None and taken != shipped
    committed = subprocess.run(["git", "-C", str(train_reader.ROOT), "show",
                                "HEAD:models/reader/reader-int8.onnx"],
                               capture_output=True, check=True).stdout
    assert taken.read_bytes() == committed
    shutil.rmtree(taken.parent)
