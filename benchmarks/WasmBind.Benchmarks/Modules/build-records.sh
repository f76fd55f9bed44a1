#!/usr/bin/env bash
# Rebuilds records.wasm from records.c (clang-19, freestanding wasm32). The .wasm is checked in.
set -euo pipefail
cd "$(dirname "$0")"
tooldir="$(mktemp -d)"; trap 'rm -rf "$tooldir"' EXIT
ln -s "$(command -v wasm-ld-19)" "$tooldir/wasm-ld"
env PATH="$tooldir:$PATH" clang-19 --target=wasm32-wasi -O2 -Wall -Wextra -nostdlib -Wl,--no-entry -Wl,--strip-debug records.c -o records.wasm
ls -l records.wasm
