#!/usr/bin/env bash
# Rebuilds the hand-written Canonical ABI guests (*.c -> *.wasm). The .wasm files are checked in, so tests need no
# toolchain; run this after editing a source. Freestanding wasm32 (no libc): each guest brings its own cabi_realloc.
set -euo pipefail
cd "$(dirname "$0")"
if ! command -v clang-19 >/dev/null 2>&1 || ! command -v wasm-ld-19 >/dev/null 2>&1; then
  echo "build.sh: installing clang-19 and lld-19" >&2
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q clang-19 lld-19
fi
tooldir="$(mktemp -d)"; trap 'rm -rf "$tooldir"' EXIT
ln -s "$(command -v wasm-ld-19)" "$tooldir/wasm-ld"
for c in *.c; do
  env PATH="$tooldir:$PATH" clang-19 --target=wasm32-wasi -O2 -Wall -Wextra -nostdlib -fno-builtin \
    -Wl,--no-entry -Wl,--strip-debug "$c" -o "${c%.c}.wasm"
done
ls -l *.wasm
