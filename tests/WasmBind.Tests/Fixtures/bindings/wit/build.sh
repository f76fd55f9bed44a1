#!/usr/bin/env bash
# Rebuilds plugin.wasm from plugin.c (checked in, so tests need no toolchain): clang-19 for wasm32-wasi, no libc
# (the guest implements the Canonical ABI by hand), a reactor with no entry point.
set -euo pipefail
cd "$(dirname "$0")"
clang-19 --target=wasm32-wasi -O2 -nostdlib -ffreestanding -Wall -Wextra -Werror \
  -Wl,--no-entry -o plugin.wasm plugin.c
echo "built plugin.wasm ($(stat -c %s plugin.wasm) bytes)"
