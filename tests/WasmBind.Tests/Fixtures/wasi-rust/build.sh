#!/usr/bin/env bash
# Rebuilds the Rust WASI fixtures: every <name>/main.rs -> <name>/<name>.wasm. The .wasm files are checked in, so tests
# need no Rust toolchain; run this after editing a source. Uses Debian's rustc (1.63, /usr/bin/rustc) with the
# wasm32-wasi standard library from libstd-rust-dev-wasm32, not a rustup toolchain; installs them when missing.
set -euo pipefail
cd "$(dirname "$0")"

rustc=/usr/bin/rustc
if [ ! -x "$rustc" ] || [ ! -d "$("$rustc" --print sysroot)/lib/rustlib/wasm32-wasi" ]; then
  echo "build.sh: installing rustc libstd-rust-dev-wasm32" >&2
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q rustc libstd-rust-dev-wasm32
fi

for source in */main.rs; do
  name="$(dirname "$source")"
  # -C strip=debuginfo keeps the name section (backtraces have names) and drops DWARF, so the files stay small.
  "$rustc" --edition 2021 --target wasm32-wasi -C opt-level=2 -C strip=debuginfo "$source" -o "$name/$name.wasm"
done
ls -l */*.wasm
