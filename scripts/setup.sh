#!/usr/bin/env bash
# Set-up shared by `make run` and `make test`: Debian packages, .venv, pinned Python deps.
# Idempotent: every step checks first and does nothing when it is already done.
#   scripts/setup.sh [run|test]
set -euo pipefail
cd "$(dirname "$0")/.."

purpose="${1:-run}"
apt_pkgs=(libvoikko1 voikko-fi espeak-ng festival festvox-suopuhe-lj festvox-suopuhe-mv)
if [ "$purpose" = "test" ]; then
  apt_pkgs+=(chromium fonts-dejavu-core postgresql dict-freedict-fin-eng)
fi

missing=()
for p in "${apt_pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    echo "setup: installing Debian packages: ${missing[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
  else
    echo "setup: Työkieli needs these system packages: ${missing[*]} — install them with: sudo apt-get install ${missing[*]}" >&2
    exit 1
  fi
fi

PY="${PYTHON:-python3}"
if ! "$PY" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null; then
  echo "setup: Työkieli needs Python 3.11 or newer as '$PY' (set PYTHON=/path/to/python3.11)." >&2
  exit 1
fi
if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv" >&2
  "$PY" -m venv .venv
fi

stamp=".venv/.tyokieli-deps"
want="$(cat requirements.lock pyproject.toml | sha256sum | cut -d' ' -f1)"
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "setup: installing pinned Python dependencies (first time takes a few minutes)" >&2
  # torch first, pinned to the CPU build, so nothing below can pull a CUDA build.
  pip_quiet() { .venv/bin/pip install -q --disable-pip-version-check "$@" 2>&1 | grep -v '^WARNING: Location' >&2 || true; }
  pip_quiet torch==2.13.0
  pip_quiet -r requirements.lock
  pip_quiet --no-deps --no-build-isolation -e .
  .venv/bin/python -c "import torch, spacy, libvoikko, sentence_transformers, faiss, gradio, tyokieli.cli" \
    || { echo "setup: the Python dependencies did not install; see the pip messages above." >&2; exit 1; }
  echo "$want" > "$stamp"
fi
