#!/usr/bin/env bash
# Opt-in: the generative checks against llama.cpp's own OpenAI-compatible server.
#
#   pip install '.[llamacpp]'            # llama-cpp-python compiles: 10-17 minutes on 2 cores
#   scripts/llamacpp_check.sh [INDEX]    # default index: /tmp/pressbot-llamacpp-index
#
# Starts `python -m llama_cpp.server` on the packaged SmolLM2 GGUF (or $MODEL) on a
# loopback port, runs the OpenAI-backend tests (tests/generate/test_openai_backend.py)
# against it instead of the in-process test server, then `pressbot eval --mode generative`
# on ../shared/eval/dev.jsonl (or $QUESTIONS), writing eval-out-llamacpp.json.
# Not part of CI. Stops the server on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-.venv/bin/python}"
if ! "$PY" -c "import llama_cpp.server" 2>/dev/null; then
    echo "llama-cpp-python[server] is not installed: $PY -m pip install '.[llamacpp]'" >&2
    exit 2
fi
MODEL="${MODEL:-$("$PY" -c 'from bot.models import smollm2_gguf_path; print(smollm2_gguf_path())')}"
PORT="${PORT:-8012}"
INDEX="${1:-/tmp/pressbot-llamacpp-index}"
QUESTIONS="${QUESTIONS:-../shared/eval/dev.jsonl}"
URL="http://127.0.0.1:$PORT/v1"

[ -d "$INDEX" ] || "$PY" -m bot.cli ingest ../shared/corpus --index "$INDEX"
"$PY" -m llama_cpp.server --model "$MODEL" --model_alias smollm2 --host 127.0.0.1 \
    --port "$PORT" --n_ctx 4096 >/tmp/pressbot-llamacpp-server.log 2>&1 &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true' EXIT
for _ in $(seq 120); do
    if "$PY" -c "import httpx, sys; httpx.get('$URL/models').raise_for_status()" 2>/dev/null; then
        break
    fi
    kill -0 "$SERVER" 2>/dev/null || { cat /tmp/pressbot-llamacpp-server.log >&2; exit 1; }
    sleep 1
done

PRESSBOT_TEST_OPENAI_URL="$URL" "$PY" -m pytest -q tests/generate/test_openai_backend.py
PRESSBOT_LLM_BACKEND=openai PRESSBOT_LLM_BASE_URL="$URL" PRESSBOT_LLM_MODEL=smollm2 \
    PRESSBOT_LLM_MAX_TOKENS="${PRESSBOT_LLM_MAX_TOKENS:-80}" \
    "$PY" -m bot.cli eval "$QUESTIONS" --index "$INDEX" --mode generative \
    --out eval-out-llamacpp.json --show
