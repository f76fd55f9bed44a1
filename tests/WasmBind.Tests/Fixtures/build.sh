#!/usr/bin/env bash
# Rebuilds every fixture module from its .wat source. The .wasm files are checked in, so tests never need wabt;
# run this after editing a .wat file.
set -euo pipefail
cd "$(dirname "$0")/wat"
if ! command -v wat2wasm >/dev/null 2>&1; then
  echo "wat2wasm not found; installing wabt" >&2
  if [ "$(id -u)" -eq 0 ]; then apt-get install -y wabt; else sudo apt-get install -y wabt; fi
fi
for wat in *.wat; do
  # --enable-threads: the atomics fixtures use the threads proposal (it changes nothing for the others).
  wat2wasm --enable-threads "$wat" -o "${wat%.wat}.wasm"
done
echo "built $(ls *.wasm | wc -l) modules"
