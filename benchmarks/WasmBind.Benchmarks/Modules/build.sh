#!/usr/bin/env bash
# Rebuilds the benchmark modules: every *.wat in this folder -> *.wasm next to it.
# Installs wabt (for wat2wasm) with apt-get when it is missing.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

if ! command -v wat2wasm >/dev/null 2>&1; then
  echo "wat2wasm not found; installing wabt" >&2
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update
  $SUDO apt-get install -y wabt
fi

for wat in *.wat; do
  wasm="${wat%.wat}.wasm"
  # --enable-threads: atomics_*.wat use the threads proposal (it changes nothing for the others).
  wat2wasm --enable-threads "$wat" -o "$wasm"
  echo "$wat -> $wasm ($(wc -c <"$wasm") bytes)"
done
