"""Settings → a LangChain chat model: OpenAI-compatible, Ollama, transformers, llama.cpp.

Each integration is imported only when it is chosen, so a server without an LLM needs
none of them. The transformers backend loads the model once per process.

    >>> llm = chat_model(Settings(llm_backend="openai", llm_base_url="http://127.0.0.1:8000/v1",
    ...                           llm_model="smollm2"))
"""

from __future__ import annotations

from langchain_core.language_models import BaseChatModel

from bot.config import Settings
from bot.errors import LLMNotConfiguredError
from bot.models import get_causal_lm, smollm2_gguf_path


def chat_model(settings: Settings) -> BaseChatModel:
    """The chat model the settings configure; a clear error when none or a part is missing."""
    backend = settings.llm_backend
    if backend is None:
        raise LLMNotConfiguredError()
    if backend == "openai":
        return _openai(settings)
    if backend == "ollama":
        return _ollama(settings)
    if backend == "transformers":
        return transformers_chat_model(settings.llm_model or smollm2_gguf_path(),
                                       settings.llm_max_tokens, settings.llm_temperature)
    return _llamacpp(settings)


def _need(settings: Settings, field: str) -> str:
    value = getattr(settings, field)
    if not value:
        raise LLMNotConfiguredError(
            f"PRESSBOT_LLM_BACKEND={settings.llm_backend} needs PRESSBOT_{field.upper()}")
    return str(value)


def _openai(settings: Settings) -> BaseChatModel:
    from langchain_openai import ChatOpenAI

    key = settings.llm_api_key.get_secret_value() if settings.llm_api_key else "not-needed"
    # servers that predate `max_completion_tokens` (llama.cpp's, older vLLM) read `max_tokens`
    return ChatOpenAI(base_url=_need(settings, "llm_base_url"), api_key=key,  # type: ignore[arg-type]
                      model=_need(settings, "llm_model"),
                      max_completion_tokens=settings.llm_max_tokens,
                      extra_body={"max_tokens": settings.llm_max_tokens},
                      temperature=settings.llm_temperature, timeout=settings.llm_timeout_seconds,
                      max_retries=1)


def _ollama(settings: Settings) -> BaseChatModel:
    from langchain_ollama import ChatOllama

    return ChatOllama(model=_need(settings, "llm_model"), base_url=settings.llm_base_url,
                      num_predict=settings.llm_max_tokens, temperature=settings.llm_temperature,
                      client_kwargs={"timeout": settings.llm_timeout_seconds})


def _llamacpp(settings: Settings) -> BaseChatModel:
    try:
        from langchain_community.chat_models import ChatLlamaCpp
    except ImportError:
        raise LLMNotConfiguredError(
            "the llamacpp backend needs the optional extra: pip install 'pressbot[llamacpp]' "
            "(llama-cpp-python compiles for 10-17 minutes)") from None
    return ChatLlamaCpp(model_path=settings.llm_model or smollm2_gguf_path(),
                        max_tokens=settings.llm_max_tokens, temperature=settings.llm_temperature,
                        n_ctx=4096, verbose=False)


def transformers_chat_model(model: str, max_tokens: int, temperature: float = 0.0
                            ) -> BaseChatModel:
    """A local model through transformers as a LangChain chat model (`ChatHuggingFace`)."""
    from langchain_huggingface import ChatHuggingFace, HuggingFacePipeline
    from transformers import pipeline

    lm, tokenizer = get_causal_lm(model)
    sampling = {"do_sample": True, "temperature": temperature} if temperature > 0 else {
        "do_sample": False, "temperature": None, "top_p": None, "top_k": None}
    pipe = pipeline("text-generation", model=lm, tokenizer=tokenizer, device="cpu",
                    max_new_tokens=max_tokens, return_full_text=False, **sampling)
    llm = HuggingFacePipeline(pipeline=pipe, model_id=model)
    return ChatHuggingFace(llm=llm, tokenizer=tokenizer, model_id=model)
