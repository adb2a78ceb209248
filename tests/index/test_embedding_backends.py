"""Embedding backends (torch in fp32 or bf16, onnx, int8): the same vectors, recorded in the
index, loaded lazily."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from bot.config import Settings
from bot.errors import EmbeddingMismatchError
from bot.index.embeddings import PackagedEmbeddings
from bot.models import cpu_has_bf16
from bot.service import QAService

PROJECT = Path(__file__).resolve().parents[2]
TEXTS = [
    "CHAIR POWELL: Today the Committee raised the target range for the federal funds rate "
    "by ¾ of a percentage point, bringing the target range to 2¼ to 2½ percent.",
    "MS. PSAKI: Right now, there are 9.5 million fewer jobs than at this time last year.",
    "Q: Thank you.",
    "DR. FAUCI: When you look at the number of new infections that we have, it’s still at a "
    "very, very high rate. Hospitalizations are up. " * 6,  # long: truncated at 256 tokens
]
DOC = ("Title: Harbour briefing\nDate: 2023-05-02\n---\n\n"
       "MAYOR OKAFOR: The new ferry carried 12,400 passengers in its first month.\n\n"
       "Q: When does the night service start?\n\n"
       "MAYOR OKAFOR: The night service starts on June 1.\n")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "docs"
    root.mkdir()
    (root / "2023-05-02_harbour.txt").write_text(DOC)
    return root


@pytest.mark.parametrize(("backend", "floor"),
                         [("onnx", 0.9999), ("int8", 0.97), ("int8-full", 0.93)])
def test_onnx_backends_agree_with_torch(backend: str, floor: float) -> None:
    cache = Settings().model_cache_dir
    reference = PackagedEmbeddings(8, "torch", precision="fp32").embed_array(TEXTS)
    vectors = PackagedEmbeddings(8, backend, cache).embed_array(TEXTS)  # type: ignore[arg-type]
    assert vectors.shape == reference.shape == (len(TEXTS), 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    cosines = (vectors * reference).sum(axis=1)
    assert cosines.min() >= floor, cosines


def test_torch_in_bf16_agrees_with_fp32() -> None:
    """bf16 is the default on CPUs that have it; its vectors may share an index with fp32's."""
    reference = PackagedEmbeddings(8, "torch", precision="fp32").embed_array(TEXTS)
    vectors = PackagedEmbeddings(8, "torch", precision="bf16").embed_array(TEXTS)
    assert vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    cosines = (vectors * reference).sum(axis=1)
    assert cosines.min() >= 0.999, cosines
    assert not np.array_equal(vectors, reference)  # it did run in bf16


def test_cpuinfo_and_torch_agree_on_bf16() -> None:
    """The default backend is chosen from /proc/cpuinfo, without importing torch."""
    import torch

    probes = ("_is_amx_tile_supported", "_is_avx512_bf16_supported")
    assert cpu_has_bf16() == any(getattr(torch.cpu, name, lambda: False)() for name in probes)


def test_a_new_index_gets_the_fastest_exact_backend(folder: Path, tmp_path: Path) -> None:
    service = QAService(Settings(index_dir=tmp_path / "index"))
    expected = "torch" if cpu_has_bf16() else "onnx"
    assert service.index.embeddings.backend == expected
    assert service.index.embeddings.batch_size == (32 if expected == "torch" else 4)
    assert service.ingest(folder).files[0].status == "indexed"
    assert service.index.store.embedding_backend() == expected


def test_unknown_backend_is_refused_by_name() -> None:
    with pytest.raises(ValueError, match="'tensorflow'"):
        PackagedEmbeddings(8, "tensorflow")  # type: ignore[arg-type]


def test_index_records_its_backend_and_refuses_another(folder: Path, tmp_path: Path) -> None:
    index = tmp_path / "index"
    service = QAService(Settings(index_dir=index, embedding_backend="int8"))
    assert service.ingest(folder).files[0].status == "indexed"
    assert service.index.store.embedding_backend() == "int8"
    answer = service.ask("How many passengers did the new ferry carry in its first month?")
    assert answer.answered and "12,400" in (answer.answer or "")
    del service
    # unset: the index's own backend is used for queries
    assert QAService(Settings(index_dir=index)).index.embeddings.backend == "int8"
    with pytest.raises(EmbeddingMismatchError, match=r"'int8' backend.*'torch'"):
        QAService(Settings(index_dir=index, embedding_backend="torch"))


def test_an_index_from_before_the_record_counts_as_torch(folder: Path, tmp_path: Path) -> None:
    index = tmp_path / "index"
    service = QAService(Settings(index_dir=index, embedding_backend="torch"))
    service.ingest(folder)
    service.index.store.passages.modify(metadata={"written_by": "an older pressbot"})
    assert service.index.store.embedding_backend() is None
    del service
    assert QAService(Settings(index_dir=index)).index.embeddings.backend == "torch"
    with pytest.raises(EmbeddingMismatchError):
        QAService(Settings(index_dir=index, embedding_backend="onnx"))


REINGEST = """
import json, sys
from pathlib import Path
from bot.config import Settings
from bot.models import embedder_loaded
from bot.service import QAService
service = QAService(Settings(index_dir=Path(sys.argv[1])))
report = service.ingest(Path(sys.argv[2]))
print(json.dumps({"statuses": [f.status for f in report.files], "loaded": embedder_loaded(),
                  "torch": "torch" in sys.modules,
                  "sentence_transformers": "sentence_transformers" in sys.modules}))
"""


def test_unchanged_reingest_loads_no_model(folder: Path, tmp_path: Path) -> None:
    index = tmp_path / "index"
    QAService(Settings(index_dir=index, embedding_backend="int8")).ingest(folder)
    done = subprocess.run([sys.executable, "-c", REINGEST, str(index), str(folder)],
                          capture_output=True, text=True, cwd=PROJECT, timeout=300, check=True)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result == {"statuses": ["unchanged"], "loaded": False, "torch": False,
                      "sentence_transformers": False}
