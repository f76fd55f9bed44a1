#!/usr/bin/env bash
# Rebuilds the sample modules from their WAT sources (needs wabt; installs it when missing).
set -euo pipefail
cd "$(dirname "$0")"
command -v wat2wasm >/dev/null || { apt-get update -qq && apt-get install -y -qq wabt; }
for wat in *.wat; do wat2wasm --debug-names "$wat" -o "${wat%.wat}.wasm"; done
