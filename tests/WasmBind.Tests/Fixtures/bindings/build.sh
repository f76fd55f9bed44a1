#!/usr/bin/env bash
# Rebuilds the binding tests' guest modules from their .wat sources. The .wasm files are checked in, so tests never
# need wabt; run this after editing a .wat file.
set -euo pipefail
cd "$(dirname "$0")"
if ! command -v wat2wasm >/dev/null 2>&1; then
  echo "wat2wasm not found; installing wabt" >&2
  if [ "$(id -u)" -eq 0 ]; then apt-get install -y wabt; else sudo apt-get install -y wabt; fi
fi
for wat in *.wat; do
  wat2wasm "$wat" -o "${wat%.wat}.wasm"
done
echo "built $(ls *.wasm | wc -l) modules"
